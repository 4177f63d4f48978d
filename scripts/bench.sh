#!/usr/bin/env bash
# Runs one benchmark suite: scripts/bench.sh SUITE (nats, ingest, store, backtest, paper, optimize, ...).
# A suite prints one JSON object per figure on stdout and nothing else; logs go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
suite="${1:-}"
if [ -z "$suite" ] || [ ! -x "scripts/bench/$suite.sh" ]; then
  echo "usage: scripts/bench.sh SUITE   (suites: $(ls scripts/bench 2>/dev/null | sed 's/\.sh$//' | tr '\n' ' '))" >&2
  exit 2
fi
shift
export PATH="$PATH:/usr/sbin"
export SOFIA_REFERENCE_DATA="${SOFIA_REFERENCE_DATA:-$(cd .. && pwd)/shared/data}"
echo "bench: suite=$suite cores=$(nproc)" >&2
exec "scripts/bench/$suite.sh" "$@"
