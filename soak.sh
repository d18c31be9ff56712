#!/usr/bin/env bash
# The long runs kept out of ./test.sh (which runs them small): per venue, 10,000 seeded fault injections through the
# contract suite, and a 50-round reconnect storm over real sockets. Prints one figure line per venue and for the storm.
# Override the sizes with ARBITER_FAULT_INJECTIONS and ARBITER_STORM_ROUNDS. Then, as its own command, the SQLite store's
# kill test: ARBITER_SIGKILLS (default 100) SIGKILLs of a demo writing the store, integrity_check after each; then the
# alerts' kill test (100 SIGKILLs with alerts flowing to a fake Bot API) and the 60 s Telegram outage.
set -euo pipefail
cd "$(dirname "$0")"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
export ARBITER_FAULT_INJECTIONS="${ARBITER_FAULT_INJECTIONS:-10000}"
export ARBITER_STORM_ROUNDS="${ARBITER_STORM_ROUNDS:-50}"
export ARBITER_CONTRACT_REPORT="$report"
dotnet test tests/Arbiter.Tests -c Release --filter "FullyQualifiedName~ContractTests.Faults|FullyQualifiedName~ReconnectStorm" "$@"
echo
cat "$report"
echo
echo "SQLite store: ${ARBITER_SIGKILLS:-100} SIGKILLs of a demo writing the store"
ARBITER_SIGKILLS="${ARBITER_SIGKILLS:-100}" dotnet test tests/Arbiter.Tests -c Release --filter "FullyQualifiedName~Storage.KillSafetyTests" --logger "console;verbosity=detailed" "$@" | grep -E "kill [0-9]+:|after [0-9]+ kills|SIGKILL|Passed!|Failed!|\[FAIL\]"
echo
echo "Alerts: ${ARBITER_SIGKILLS:-100} SIGKILLs of a demo with alerts flowing; Telegram down ${ARBITER_TELEGRAM_OUTAGE_SECONDS:-60} s"
ARBITER_SIGKILLS="${ARBITER_SIGKILLS:-100}" ARBITER_TELEGRAM_OUTAGE_SECONDS="${ARBITER_TELEGRAM_OUTAGE_SECONDS:-60}" dotnet test tests/Arbiter.Tests -c Release --filter "FullyQualifiedName~Alerts.AlertsKillTests|FullyQualifiedName~Alerts.AlertsAcceptanceTests" --logger "console;verbosity=detailed" "$@" | grep -E "kill [0-9]+:|after [0-9]+ kills|outage|429 at|dropped although|opportunities;|Passed!|Failed!|\[FAIL\]"
