#!/usr/bin/env bash
# Ingest suite: parse + normalize one trade message per exchange (BenchmarkDotNet, tests/Sofia.Benchmarks/Exchanges),
# then end to end: exchange simulator (OKX protocol) -> ingestor -> JetStream (nats-server, file storage), measured by
# the console tests/Sofia.Ingestor.Bench: receive -> publish-acked latency p50/p99 at 10,000 trades/s, trades/s
# sustained for 60 s at an offered 100,000 trades/s, and the stream checked afterwards (lost and duplicate ids).
# Called as scripts/bench.sh ingest [job]  (job: short by default; medium or long for steadier figures).
# SOFIA_BENCH_SKIP_MICRO=1 runs only the end-to-end part; SOFIA_BENCH_TPS / SOFIA_BENCH_SECONDS change its load,
# SOFIA_BENCH_LATENCY_TPS / SOFIA_BENCH_LATENCY_SECONDS the latency phase. Exits 1 when trades were lost or duplicated.
# Prints one JSON object per figure on stdout (median ns per trade message, bytes allocated per message, then the
# end-to-end figures); progress goes to stderr. Needs only .NET and nats-server.
set -euo pipefail
cd "$(dirname "$0")/../.."
job="${1:-short}"
artifacts="$(mktemp -d)"
trap 'rm -rf "$artifacts"' EXIT
if [ "${SOFIA_BENCH_SKIP_MICRO:-0}" != "1" ]; then
  echo "ingest: BenchmarkDotNet job=$job, artifacts in $artifacts" >&2
  dotnet run -c Release --project tests/Sofia.Benchmarks -- \
    --filter '*Sofia.Benchmarks.Exchanges*' --job "$job" --artifacts "$artifacts" >&2
  shopt -s nullglob
  figures=("$artifacts"/results/*-ingest.jsonl)
  if [ ${#figures[@]} -eq 0 ]; then
    echo "ingest: no figures were written (did the benchmarks run?)" >&2
    exit 1
  fi
  cat "${figures[@]}"
fi

echo "ingest: end to end (simulator -> ingestor -> JetStream file storage) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet build -c Release tests/Sofia.Ingestor.Bench --nologo -v q -clp:ErrorsOnly >&2
dotnet tests/Sofia.Ingestor.Bench/bin/Release/net10.0/Sofia.Ingestor.Bench.dll "${SOFIA_BENCH_SECONDS:-60}" "${SOFIA_BENCH_TPS:-100000}" \
  || { echo "ingest: the end-to-end run lost or duplicated trades (see the figures)" >&2; exit 1; }
