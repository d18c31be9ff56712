#!/usr/bin/env bash
# Runs the whole test suite and prints one closing line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
set +e
# One test project at a time (-m:1): the end-to-end tests run whole demos on wall-clock deadlines, and on a 2-core
# machine the other projects running beside them starve those deadlines.
# The suite's demos keep their product logs here for the canary scan below.
export ARBITER_SUITE_LOGS="$results/logs"
dotnet test Arbiter.slnx -c Release -m:1 --results-directory "$results" "$@" 2>&1 | tee "$results/out.txt"
status=${PIPESTATUS[0]}
set -e
# Secrets never reach a log: the demos sign with canary credentials (tests/Arbiter.Tests/Support/SuiteCanary.cs);
# none of them may appear in any product log line the suite kept, nor in the runner's output.
mapfile -t canaries < <(grep -oP 'const string (Key|Secret|Passphrase) = "\K[^"]+' tests/Arbiter.Tests/Support/SuiteCanary.cs)
if [ "${#canaries[@]}" -ne 3 ]; then echo "canary scan: expected 3 canary values in SuiteCanary.cs, found ${#canaries[@]}" >&2; exit 1; fi
logs=$(find "$results/logs" -name '*.log' 2>/dev/null | wc -l)
lines=$(cat "$results"/logs/*.log 2>/dev/null | wc -l)
hits=$(grep -rlF "${canaries[@]/#/-e}" "$results/logs" "$results/out.txt" 2>/dev/null || true)
# One summary line per test project: "Passed!  - Failed: 0, Passed: 45, Skipped: 0, Total: 45, ..."
grep -E '^\s*(Passed|Failed)!' "$results/out.txt" > "$results/summary.txt" || true
count() { grep -Eo "$1: +[0-9]+" "$results/summary.txt" | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
echo
echo "canary scan: $logs demo logs ($lines lines) and the runner output searched for the suite's canary credentials"
if [ -n "$hits" ]; then
  echo "canary scan: a canary credential appears in:" >&2
  grep -rnF "${canaries[@]/#/-e}" "$results/logs" "$results/out.txt" | cut -c1-300 | head -20 >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
