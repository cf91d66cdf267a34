#!/usr/bin/env bash
# The test command: installs what is missing, starts private PostgreSQL and Redis on loopback (unless
# IVR_POSTGRES and IVR_REDIS name servers to use), builds and runs every test, then stops the servers.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "test: the .NET SDK (dotnet) is required" >&2; exit 1; }
bash scripts/deps.sh
started=no
# Private servers only for what IVR_POSTGRES / IVR_REDIS do not name; only those are stopped at the end.
private=()
[ -z "${IVR_POSTGRES:-}" ] && private+=(postgres)
[ -z "${IVR_REDIS:-}" ] && private+=(redis)
if [ ${#private[@]} -gt 0 ]; then
  eval "$(bash scripts/servers.sh start "${private[@]}")"
  started=yes
fi
export IVR_POSTGRES IVR_REDIS
cleanup() { [ "$started" = yes ] && bash scripts/servers.sh stop "${private[@]}" || true; }
trap cleanup EXIT
dotnet build Ivr.sln -c Release -nologo -v q -clp:ErrorsOnly
log=$(mktemp)
set +e
dotnet test Ivr.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# One plain closing line for CI: "N passed, N failed, N skipped".
awk -F'[:,]' '/(Passed|Failed)! +- +Failed:/ { f+=$2; p+=$4; s+=$6 } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$rc"
