#!/usr/bin/env bash
# Paper suite: tick → signal → fill latency p50/p99 through a real nats-server at offered 1,000 and 10,000 ticks/s
# (signal hub and paper OMS as processes, Release builds), then the OMS's in-process risk check + sizing + fill p50/p99
# (PaperEngineBenchmark). Called as scripts/bench.sh paper [seconds-per-run] [rates] [runs]; each percentile is over the
# samples of all runs pooled, after each run's first 20 s. BENCH_DEBUG=1 logs every slow sample with its time in the run.
# Prints one JSON object per figure on stdout; builds and logs go to stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# nats-server (Go) as k8s/nats.yaml runs it: at the default GOGC=100, with freed heap returned to the system, each
# collection (and the page faults of the heap growing back) stalled delivery for 3-10 ms on two cores, the largest
# part of the tail. GOGC=100 GODEBUG= scripts/bench.sh paper measures the default.
export GOGC="${GOGC:-400}" GODEBUG="${GODEBUG-madvdontneed=0}"
seconds="${1:-60}"
rates="${2:-1000,10000}"
runs="${3:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "paper bench: building the signal hub, the paper OMS and the bench (Release)" >&2
dotnet build services/Sofia.SignalHub -c Release -o "$out/hub" --nologo -v q -clp:ErrorsOnly >&2
dotnet build services/Sofia.PaperOms -c Release -o "$out/oms" --nologo -v q -clp:ErrorsOnly >&2
dotnet build tests/Sofia.Paper.Bench -c Release -o "$out/bench" --nologo -v q -clp:ErrorsOnly >&2
dotnet "$out/bench/Sofia.Paper.Bench.dll" "$out/hub/Sofia.SignalHub.dll" "$out/oms/Sofia.PaperOms.dll" "$seconds" "$rates" "$runs"

echo "paper bench: in-process risk check + fill (PaperEngineBenchmark, Release)" >&2
dotnet test tests/Sofia.PaperOms.Tests -c Release --nologo --filter "FullyQualifiedName~PaperEngineBenchmark" \
  --logger "console;verbosity=detailed" >"$out/engine.log" 2>&1 || { cat "$out/engine.log" >&2; exit 1; }
grep -o '{"suite":"paper"[^}]*}' "$out/engine.log" | awk '!seen[$0]++'
