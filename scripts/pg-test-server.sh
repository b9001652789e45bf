#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store's tests.
#   scripts/pg-test-server.sh start   initialise (first time) and start it
#   scripts/pg-test-server.sh url     print its admin URL (for SMPOLICY_TEST_POSTGRES_URL)
#   scripts/pg-test-server.sh stop    stop it and remove the cluster
# The cluster lives in $PGDIR (default /tmp/smpolicy-pg-test), listens on 127.0.0.1 only, on the first
# free port from $PGPORT (default 55432), and trusts every loopback connection: it holds
# nothing but test databases. PostgreSQL refuses to run as root, so as root the server
# runs as the `postgres` system user, which then owns the cluster directory.
set -euo pipefail
cd "$(dirname "$0")/.."
# Under /tmp by default: the postgres user must be able to reach it, and a checkout under
# /root is closed to other users.
pgdir=$(realpath -m "${PGDIR:-${TMPDIR:-/tmp}/smpolicy-pg-test}")
data="$pgdir/data"
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

url() {
  [ -f "$pgdir/port" ] || { echo "pg-test-server: not started ($pgdir)" >&2; exit 1; }
  echo "postgresql://postgres@127.0.0.1:$(cat "$pgdir/port")/postgres"
}

start() {
  [ -x "$bin/pg_ctl" ] || { echo "pg-test-server: PostgreSQL not installed (apt-get install postgresql)" >&2; exit 1; }
  mkdir -p "$pgdir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pgdir"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --locale=C -E UTF8 >"$pgdir/initdb.log"
  fi
  if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then url; return; fi
  local port=${PGPORT:-55432}
  while ! port_free "$port"; do port=$((port + 1)); done
  echo "$port" >"$pgdir/port"
  as_owner "$bin/pg_ctl" -D "$data" -l "$pgdir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$pgdir' -c fsync=off -c max_connections=200" >/dev/null
  url
}

stop() {
  if [ -f "$data/PG_VERSION" ]; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pgdir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
