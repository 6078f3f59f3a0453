#!/usr/bin/env bash
# Installs what the tests need (npm tools, Debian's Chromium) and runs every test.
# The last line is "N passed, N failed, N skipped", read from the test results.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-test-tools.sh

results="$root/TestResults"
rm -rf "$results"
set +e
# One test project at a time: each starts its own Azurite and apps, and the machine has two cores.
dotnet test DialNexa.sln -c Release -m:1 --logger trx --results-directory "$results" "$@"
status=$?
set -e

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status before reporting a failed test (build error or crashed test host)." >&2
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
