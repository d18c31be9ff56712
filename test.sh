#!/usr/bin/env bash
# Runs the whole test suite and prints one closing line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
set +e
# One test project at a time (-m:1): the end-to-end tests run whole demos on wall-clock deadlines, and on a 2-core
# machine the other projects running beside them starve those deadlines.
dotnet test Arbiter.slnx -c Release -m:1 --results-directory "$results" "$@" 2>&1 | tee "$results/out.txt"
status=${PIPESTATUS[0]}
set -e
# One summary line per test project: "Passed!  - Failed: 0, Passed: 45, Skipped: 0, Total: 45, ..."
grep -E '^\s*(Passed|Failed)!' "$results/out.txt" > "$results/summary.txt" || true
count() { grep -Eo "$1: +[0-9]+" "$results/summary.txt" | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
