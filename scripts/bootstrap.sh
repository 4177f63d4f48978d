#!/usr/bin/env bash
# Installs what Sofia's tests and local runs need, and restores NuGet packages. Idempotent.
# As root it installs the real servers from Debian's packages; otherwise it says what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || need+=(nats-server)
command -v clickhouse-server >/dev/null 2>&1 || [ -x /usr/sbin/clickhouse-server ] || need+=(clickhouse-server)
command -v clickhouse-client >/dev/null 2>&1 || need+=(clickhouse-client)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "bootstrap: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${need[@]}" >&2
  else
    echo "bootstrap: missing ${need[*]}; run 'sudo scripts/bootstrap.sh' to install them" >&2
  fi
fi

dotnet restore Sofia.Services.sln --verbosity quiet >&2
echo "bootstrap: ok" >&2
