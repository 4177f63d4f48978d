#!/usr/bin/env bash
# Store suite: ticks from a pre-filled JetStream stream into ClickHouse through the tick writer (rows/s,
# insert latency), the same rows bulk-inserted as TSV by clickhouse-client (the ceiling, same schema and
# materialized view), and tick-published -> queryable latency at 10,000 ticks/s.
# Called as scripts/bench.sh store [rows]  (default 3,000,000). The console starts its own nats-server and
# clickhouse-server through the test fixtures and stops them. One JSON object per figure on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rows="${1:-3000000}"
echo "store bench: building Sofia.TickWriter.Bench" >&2
dotnet build -c Release tests/Sofia.TickWriter.Bench --nologo -v q -clp:ErrorsOnly >&2
dotnet tests/Sofia.TickWriter.Bench/bin/Release/net10.0/Sofia.TickWriter.Bench.dll "$rows"
