#!/usr/bin/env bash
# Backtest suite: bars/s of every single-symbol strategy (MA crossover, the fusion of all six, ...) on the real
# BTC-USDT 1-minute file preloaded in memory (medians of repeated runs, by wall clock and by process CPU time), and
# memory when streaming the file 1x and 10x. Called as scripts/bench.sh backtest [runs] [seconds-per-run].
# Prints one JSON object per figure on stdout; the build and the benchmark's log go to stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-7}"
seconds="${2:-0.5}"
data="${SOFIA_REFERENCE_DATA:?set by scripts/bench.sh}/binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "backtest: building the sofia CLI (Release) into $out" >&2
dotnet build services/Sofia.Cli -c Release -o "$out" >&2
dotnet "$out/sofia.dll" bench --data "$data" --runs "$runs" --seconds "$seconds"
