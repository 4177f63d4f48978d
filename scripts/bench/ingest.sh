#!/usr/bin/env bash
# Ingest suite: parse + normalize one trade message per exchange (BenchmarkDotNet, tests/Sofia.Benchmarks/Exchanges),
# then end to end: exchange simulator (OKX protocol) -> ingestor -> JetStream (nats-server, file storage), measured by
# the Bench test in tests/Sofia.Ingestor.Tests: receive -> publish-acked latency p50/p99 at 10,000 trades/s, trades/s
# sustained for 60 s at an offered 100,000 trades/s, and the stream checked afterwards (lost and duplicate ids).
# Called as scripts/bench.sh ingest [job]  (job: short by default; medium or long for steadier figures).
# SOFIA_BENCH_SKIP_MICRO=1 runs only the end-to-end part; SOFIA_BENCH_TPS / SOFIA_BENCH_SECONDS change its load.
# Prints one JSON object per figure on stdout (median ns per trade message, bytes allocated per message);
# the benchmark's own output goes to stderr. Needs only .NET: the JSON lines come from the benchmark's exporter.
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

echo "ingest: end to end (simulator -> ingestor -> JetStream file storage) on $(nproc) cores" >&2
e2e="$artifacts/e2e.jsonl"
SOFIA_BENCH_OUT="$e2e" dotnet test tests/Sofia.Ingestor.Tests -c Release --filter "Category=Bench" \
  --logger "console;verbosity=normal" >&2 || { echo "ingest: the end-to-end run failed" >&2; [ -s "$e2e" ] && cat "$e2e"; exit 1; }
if [ ! -s "$e2e" ]; then
  echo "ingest: no end-to-end figures were written" >&2
  exit 1
fi
cat "$e2e"
