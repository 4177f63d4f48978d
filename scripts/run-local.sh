#!/usr/bin/env bash
# Runs Sofia locally for real: nats-server, clickhouse-server, the exchange simulator and every service, each its own
# process on a known port (the ports `sofia status` probes). Prints the health and metrics URLs; Ctrl-C stops all.
# State and logs live in artifacts/local (SOFIA_LOCAL_DIR), kept between runs so JetStream and ClickHouse data survive.
# Options: SOFIA_SYMBOLS (BTC-USDT,ETH-USDT), SOFIA_EXCHANGES (binance,okx), SOFIA_SIM_TPS (200 trades/s),
#          SOFIA_SIM_SPEED (1: simulated clock speed), SOFIA_SKIP_BUILD=1 to reuse the last Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/sbin" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
state="${SOFIA_LOCAL_DIR:-$PWD/artifacts/local}"
symbols="${SOFIA_SYMBOLS:-BTC-USDT,ETH-USDT}"
exchanges="${SOFIA_EXCHANGES:-binance,okx}"
nats_port=4222 nats_monitor=8222 clickhouse_http=8123 clickhouse_tcp=9000 simulator_port=8090
mkdir -p "$state/logs" "$state/nats" "$state/clickhouse"

for tool in nats-server clickhouse-server; do
  command -v "$tool" >/dev/null || { echo "run-local: $tool is missing; run 'sudo scripts/bootstrap.sh'" >&2; exit 1; }
done

if [ "${SOFIA_SKIP_BUILD:-0}" != "1" ]; then
  echo "run-local: building (Release)" >&2
  dotnet build Sofia.Services.sln -c Release --nologo -clp:ErrorsOnly -v quiet >&2
fi

pids=()
names=()
stop_all() {
  trap - INT TERM EXIT
  echo >&2; echo "run-local: stopping" >&2
  # Newest first, each drained before the next, so services flush into a bus and a database that still answer.
  for ((i=${#pids[@]}-1; i>=0; i--)); do
    kill -TERM "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
  done
  echo "run-local: stopped; logs in $state/logs" >&2
}
trap stop_all INT TERM EXIT

start() { # name, command...
  local name="$1"; shift
  "$@" >"$state/logs/$name.log" 2>&1 &
  pids+=("$!"); names+=("$name")
}

wait_for() { # name, url, [seconds]
  local deadline=$((SECONDS + ${3:-60}))
  until curl -fs -o /dev/null "$2"; do
    if [ $SECONDS -ge $deadline ]; then echo "run-local: $1 did not answer at $2; see $state/logs/$1.log" >&2; exit 1; fi
    sleep 0.5
  done
}

# Go settings as k8s/nats.yaml: fewer collections, freed heap kept mapped (a shorter latency tail).
start nats env GOGC=400 GODEBUG=madvdontneed=0 nats-server -js -sd "$state/nats" -p $nats_port -m $nats_monitor -n sofia-local -a 127.0.0.1
wait_for nats "http://127.0.0.1:$nats_monitor/healthz?js-enabled-only=true"

ch="$state/clickhouse"
mkdir -p "$ch/data" "$ch/tmp" "$ch/user_files" "$ch/format_schemas"
sed "s#@DIR@#$ch#g; s#@HTTP@#$clickhouse_http#; s#@TCP@#$clickhouse_tcp#" infra/clickhouse/local/config.xml >"$ch/config.xml"
sed "s#@DIR@#$ch#g" infra/clickhouse/local/users.xml >"$ch/users.xml"
start clickhouse clickhouse-server --config-file="$ch/config.xml"
wait_for clickhouse "http://127.0.0.1:$clickhouse_http/ping"
curl -fs "http://127.0.0.1:$clickhouse_http/" --data-binary "CREATE DATABASE IF NOT EXISTS sofia" >/dev/null

bin() { echo "$PWD/$1/bin/Release/net10.0/$2.dll"; }
start simulator dotnet "$(bin services/Sofia.Cli sofia)" simulate-exchange --port $simulator_port \
  --symbols "$symbols" --exchanges "$exchanges" --tps "${SOFIA_SIM_TPS:-200}" --speed "${SOFIA_SIM_SPEED:-1}"
wait_for simulator "http://127.0.0.1:$simulator_port/_sim/status" 60

export SOFIA_Nats__Url="nats://127.0.0.1:$nats_port" SOFIA_ClickHouse__Url="http://127.0.0.1:$clickhouse_http/"
export SOFIA_ClickHouse__Database=sofia SOFIA_SYMBOLS="$symbols" SOFIA_EXCHANGES="$exchanges"
sim="127.0.0.1:$simulator_port"
endpoints=(
  SOFIA_Ingestor__Endpoints__binance__WebSocket="ws://$sim/stream" SOFIA_Ingestor__Endpoints__binance__Rest="http://$sim/"
  SOFIA_Ingestor__Endpoints__bybit__WebSocket="ws://$sim/v5/public/spot" SOFIA_Ingestor__Endpoints__bybit__Rest="http://$sim/"
  SOFIA_Ingestor__Endpoints__okx__WebSocket="ws://$sim/ws/v5/public" SOFIA_Ingestor__Endpoints__okx__Rest="http://$sim/"
  SOFIA_Ingestor__Endpoints__coinbase__WebSocket="ws://$sim/" SOFIA_Ingestor__Endpoints__coinbase__Rest="http://$sim/"
)

# name, http port, project folder, assembly name
services=(
  "ingestor 8081 services/Sofia.Ingestor Sofia.Ingestor"
  "tick-writer 8082 services/Sofia.TickWriter Sofia.TickWriter"
  "signal-hub 8083 services/Sofia.SignalHub Sofia.SignalHub"
  "paper-oms 8084 services/Sofia.PaperOms Sofia.PaperOms"
  "optimizer 8085 services/Sofia.Optimizer Sofia.Optimizer"
)
for line in "${services[@]}"; do
  read -r name port folder assembly <<<"$line"
  dll="$(bin "$folder" "$assembly")"
  (cd "$(dirname "$dll")" && exec env "${endpoints[@]}" ASPNETCORE_URLS="http://127.0.0.1:$port" \
    SOFIA_PaperOms__ApiKey="${SOFIA_PAPER_API_KEY:-local-development-api-key}" dotnet "$dll") >"$state/logs/$name.log" 2>&1 &
  pids+=("$!"); names+=("$name")
done

for line in "${services[@]}"; do
  read -r name port _ <<<"$line"
  wait_for "$name" "http://127.0.0.1:$port/health/live" 90
done

cat >&2 <<INFO

Sofia is running (logs: $state/logs). Ctrl-C stops everything.
  NATS            nats://127.0.0.1:$nats_port   monitor http://127.0.0.1:$nats_monitor/
  ClickHouse      http://127.0.0.1:$clickhouse_http/ (database sofia)
  simulator       http://$sim/   (exchanges: $exchanges; symbols: $symbols)
INFO
for line in "${services[@]}"; do
  read -r name port _ <<<"$line"
  printf '  %-15s http://127.0.0.1:%s/health/ready   http://127.0.0.1:%s/metrics\n' "$name" "$port" "$port" >&2
done
echo "  check:          dotnet $(bin services/Sofia.Cli sofia) status   |   ... streams" >&2

while true; do
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "run-local: ${names[$i]} exited; see $state/logs/${names[$i]}.log" >&2
      exit 1
    fi
  done
  sleep 2
done
