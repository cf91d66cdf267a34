#!/usr/bin/env bash
# The run command: installs what is missing, starts private PostgreSQL and Redis on loopback (unless
# IVR_POSTGRES and IVR_REDIS name servers to use), renders the prompts, starts the Asterisk simulator
# (unless IVR_ARI_URL names a real Asterisk), starts the service, and gives you a terminal phone that
# dials 12366. Everything it started is stopped when the phone hangs up or you press Ctrl-C.
#   IVR_SIM_PORT (default 18088)  simulator ARI port      IVR_HTTP_PORT (default 18080)  service HTTP port
#   IVR_CALLER (default 13800000000)  caller id of the terminal phone
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
command -v dotnet >/dev/null || { echo "run: the .NET SDK (dotnet) is required" >&2; exit 1; }
bash scripts/deps.sh
mkdir -p .run

pids=()
started=no
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "$started" = yes ] && bash scripts/servers.sh stop "${private[@]}" || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Private servers only for what IVR_POSTGRES / IVR_REDIS do not name; only those are stopped at the end.
private=()
[ -z "${IVR_POSTGRES:-}" ] && private+=(postgres)
[ -z "${IVR_REDIS:-}" ] && private+=(redis)
if [ ${#private[@]} -gt 0 ]; then
  eval "$(bash scripts/servers.sh start "${private[@]}")"
  started=yes
fi
export IVR_POSTGRES IVR_REDIS

echo "run: building" >&2
dotnet build Ivr.sln -c Release -nologo -v q -clp:ErrorsOnly
ivr=(dotnet "$repo/Ivr.Service/bin/Release/net10.0/ivr.dll")

"${ivr[@]}" taxpayers seed-sample
echo "run: rendering prompts (prompts/sounds)" >&2
"${ivr[@]}" prompts build
"${ivr[@]}" invoices seed-sample

# Waits until a log file shows a line matching $2, or the process $3 dies.
wait_for() {
  local file=$1 pattern=$2 pid=$3 name=$4
  for _ in $(seq 1 300); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "run: $name stopped; its log ($file):" >&2; tail -n 40 "$file" >&2; exit 1; }
    sleep 0.1
  done
  echo "run: $name did not start within 30 s; see $file" >&2
  exit 1
}

if [ -z "${IVR_ARI_URL:-}" ]; then
  sim_port=${IVR_SIM_PORT:-18088}
  dotnet "$repo/Ivr.Simulator/bin/Release/net10.0/Ivr.Simulator.dll" --port "$sim_port" \
    --dialplan asterisk-config/extensions.conf --sounds prompts/sounds > .run/simulator.log 2>&1 &
  pids+=($!)
  wait_for .run/simulator.log "ARI ready" "$!" simulator
  export IVR_ARI_URL="http://127.0.0.1:$sim_port/ari/" IVR_ARI_USER=ivr IVR_ARI_PASSWORD=ivr
  echo "run: Asterisk simulator on $IVR_ARI_URL (log .run/simulator.log)" >&2
else
  echo "run: using the Asterisk at $IVR_ARI_URL" >&2
fi

http_port=${IVR_HTTP_PORT:-18080}
# The admin API and the Hangfire dashboard refuse requests without a key: make one for this run.
export IVR_ADMIN_KEY=${IVR_ADMIN_KEY:-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')}
"${ivr[@]}" serve --urls "http://127.0.0.1:$http_port" > .run/service.log 2>&1 &
pids+=($!)
wait_for .run/service.log "ARI events connected" "$!" service
echo "run: service on http://127.0.0.1:$http_port (log .run/service.log); admin key $IVR_ADMIN_KEY (dashboard /admin/hangfire)" >&2

"${ivr[@]}" phone --number 12366 --caller "${IVR_CALLER:-13800000000}"
