#!/usr/bin/env bash
# NATS client figures: Sofia.Nats and the official JavaScript client (nats.js) against the same
# nats-server in the same run. One JSON object per figure on stdout; everything else on stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
nats_server=$(command -v nats-server || echo /usr/sbin/nats-server)
"$nats_server" -js -sd "$work/store" -a 127.0.0.1 -p "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.1
done
url="nats://127.0.0.1:$port"
echo "nats bench: nats-server $("$nats_server" --version 2>&1 | head -1) at $url" >&2

echo "nats bench: building Sofia.Nats.Bench" >&2
dotnet build -c Release tests/Sofia.Nats.Bench --nologo -v q -clp:ErrorsOnly >&2
dotnet tests/Sofia.Nats.Bench/bin/Release/net10.0/Sofia.Nats.Bench.dll "$url"

# nats.js lives in a git-ignored folder; installed from the npm registry on first use.
js_dir=artifacts/natsjs-bench
mkdir -p "$js_dir"
cp tests/Sofia.Nats.Bench/natsjs/package.json tests/Sofia.Nats.Bench/natsjs/bench.mjs "$js_dir/"
if [ ! -d "$js_dir/node_modules/@nats-io/jetstream" ] || [ ! -d "$js_dir/node_modules/@nats-io/transport-node" ]; then
  echo "nats bench: installing nats.js" >&2
  (cd "$js_dir" && npm install --no-audit --no-fund --loglevel=error >&2)
fi
node "$js_dir/bench.mjs" "$url"
