#!/usr/bin/env bash
# Optimize suite: wall time of a TPE study of the trend strategy, 200 trials x 5 walk-forward folds, on the real
# BTC-USDT 1-minute file (66,087 bars) loaded in memory, on every core (median of the runs) and on one core, plus the
# check that both give the same trials. Target: <= 10 s on 2 cores. Peer statement (not measured here): freqtrade users
# report about 3 minutes for 100 hyperopt epochs on one pair.
# Called as scripts/bench.sh optimize [runs] [trials] [folds]. Prints one JSON object per figure on stdout; the build and
# the benchmark's log go to stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-3}"
trials="${2:-200}"
folds="${3:-5}"
data="${SOFIA_REFERENCE_DATA:?set by scripts/bench.sh}/binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "optimize: peer statement (reported by freqtrade users, not measured here): ~3 min for 100 hyperopt epochs on one pair" >&2
echo "optimize: building the sofia CLI (Release) into $out" >&2
dotnet build services/Sofia.Cli -c Release -o "$out" >&2
dotnet "$out/sofia.dll" optimize bench --data "$data" --runs "$runs" --trials "$trials" --folds "$folds"
