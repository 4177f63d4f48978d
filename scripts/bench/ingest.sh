#!/usr/bin/env bash
# Ingest suite: parse + normalize one trade message per exchange (BenchmarkDotNet, tests/Sofia.Benchmarks/Exchanges).
# Called as scripts/bench.sh ingest [job]  (job: short by default; medium or long for steadier figures).
# Prints one JSON object per figure on stdout (median ns per trade message, bytes allocated per message);
# the benchmark's own output goes to stderr. Needs only .NET: the JSON lines come from the benchmark's exporter.
set -euo pipefail
cd "$(dirname "$0")/../.."
job="${1:-short}"
artifacts="$(mktemp -d)"
trap 'rm -rf "$artifacts"' EXIT
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
