#!/usr/bin/env bash
# Starts (or stops) private PostgreSQL and Redis instances for this checkout, on loopback and
# non-default ports, with their data under .run/ (git-ignored). Prints the connection strings as
# `export IVR_POSTGRES=...` / `export IVR_REDIS=...` lines on stdout; everything else goes to stderr.
#   scripts/servers.sh start | stop | env [postgres] [redis]    (both when neither is named)
# IVR_PG_PORT / IVR_REDIS_PORT choose the ports (default 55432 / 56379).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
pg_port=${IVR_PG_PORT:-55432}
redis_port=${IVR_REDIS_PORT:-56379}
run_dir="$repo/.run"
log() { echo "servers: $*" >&2; }

need_packages() {
  local missing=()
  [ "$want_redis" = yes ] && { command -v redis-server >/dev/null 2>&1 || missing+=(redis-server); }
  [ "$want_pg" = yes ] && { pg_bin >/dev/null 2>&1 || missing+=(postgresql); }
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]} with apt-get"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    log "missing Debian packages: ${missing[*]}. Install them with:"
    log "  sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
}

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

# PostgreSQL refuses to run as root: run it as the 'postgres' user (from the Debian package) or 'nobody'.
pg_user() {
  if [ "$(id -u)" != 0 ]; then id -un; elif id postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
}

as_pg() {
  local u; u=$(pg_user)
  if [ "$(id -u)" = 0 ]; then runuser -u "$u" -- "$@"; else "$@"; fi
}

# The data folder must be reachable by the PostgreSQL user. A checkout under a private folder (mktemp -d
# gives 0700) is not; then the data goes to /tmp/ivr-pg-<hash of the checkout path> instead.
pg_data_dir() {
  local d="$run_dir/pg"
  mkdir -p "$run_dir"
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$d" && chown "$(pg_user)" "$d"
    if ! runuser -u "$(pg_user)" -- test -w "$d" 2>/dev/null; then
      d="/tmp/ivr-pg-$(echo -n "$repo" | md5sum | cut -c1-12)"
      mkdir -p "$d" && chown "$(pg_user)" "$d" && chmod 700 "$d"
    fi
  fi
  echo "$d"
}

pg_start() {
  local bin data; bin=$(pg_bin); data=$(pg_data_dir)
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $data"
    as_pg "$bin/initdb" -D "$data" -U ivr --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # This checkout's server is already up, maybe on another port: connect to where it really listens.
    pg_port=$(sed -n 4p "$data/postmaster.pid")
    log "PostgreSQL already running on 127.0.0.1:$pg_port"
  else
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $pg_port -k /tmp -c fsync=off -c full_page_writes=off -c max_connections=300" start >/dev/null
    log "PostgreSQL started on 127.0.0.1:$pg_port ($data)"
  fi
  if ! psql -h 127.0.0.1 -p "$pg_port" -U ivr -d postgres -tAc "select 1 from pg_database where datname='ivr'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$pg_port" -U ivr -d postgres -qc "create database ivr" >/dev/null
  fi
}

pg_stop() {
  local bin data; bin=$(pg_bin) || return 0; data=$(pg_data_dir)
  [ -f "$data/PG_VERSION" ] || return 0
  as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 && log "PostgreSQL stopped" || true
}

redis_start() {
  mkdir -p "$run_dir/redis"
  if redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then
    log "Redis already running on 127.0.0.1:$redis_port"
    return 0
  fi
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$run_dir/redis" --daemonize yes \
    --pidfile "$run_dir/redis/redis.pid" --logfile "$run_dir/redis/redis.log" --save "" --appendonly no >/dev/null
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  log "Redis started on 127.0.0.1:$redis_port"
}

redis_stop() {
  redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 && log "Redis stopped" || true
}

print_env() {
  [ "$want_pg" = yes ] && echo "export IVR_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=ivr;Database=ivr;Maximum Pool Size=100'"
  [ "$want_redis" = yes ] && echo "export IVR_REDIS='127.0.0.1:$redis_port'"
  return 0
}

command=${1:-}
[ $# -gt 0 ] && shift
want_pg=no want_redis=no
for server in "$@"; do
  case "$server" in
    postgres) want_pg=yes ;;
    redis) want_redis=yes ;;
    *) echo "servers: unknown server '$server' (postgres or redis)" >&2; exit 2 ;;
  esac
done
[ $# -eq 0 ] && want_pg=yes want_redis=yes

case "$command" in
  start) need_packages; [ "$want_pg" = yes ] && pg_start; [ "$want_redis" = yes ] && redis_start; print_env ;;
  stop) [ "$want_redis" = yes ] && redis_stop; [ "$want_pg" = yes ] && pg_stop; true ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|env [postgres] [redis]" >&2; exit 2 ;;
esac
