#!/usr/bin/env bash
# The test command: bootstrap, build with zero warnings, check formatting, run every test project.
# Ends with the plain summary line "N passed, N failed" (", N skipped" when any).
# Usage: scripts/test.sh [extra dotnet test args, e.g. --filter TestCategory!=Slow]
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/sbin"
export SOFIA_REFERENCE_DATA="${SOFIA_REFERENCE_DATA:-$(cd .. && pwd)/shared/data}"
# In CI the reference data must be there: its absence fails the data tests instead of naming them.
if [ "${CI:-}" = "true" ]; then export SOFIA_REQUIRE_REFERENCE_DATA=1; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/bootstrap.sh || { echo "0 passed, 1 failed"; exit 1; }

echo "== build" >&2
if ! dotnet build Sofia.Services.sln --no-restore -c Release -warnaserror --nologo -clp:ErrorsOnly; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

echo "== format" >&2
if ! dotnet format Sofia.Services.sln --verify-no-changes --no-restore -v quiet; then
  echo "dotnet format found changes (run: dotnet format Sofia.Services.sln)"; echo "0 passed, 1 failed"; exit 1
fi

results="artifacts/test-results"
rm -rf "$results"
status=0
for project in tests/*Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== test $name" >&2
  dotnet test "$project" --no-build -c Release --nologo --results-directory "$results" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --blame-hang-timeout 10m "$@" || status=1
done

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # Ignored and explicit tests are in the total but not executed.
  skipped=$((skipped + $(get total) - $(get executed)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$files" -eq 0 ]; then failed=$((failed + 1)); fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
