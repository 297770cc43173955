# A throwaway PostgreSQL cluster on loopback for the data-connection tests (tests/Sept.Functions.Tests/Connections).
# Sourced after common.sh: start_postgres installs the Debian package when missing, starts the cluster on a free port
# and exports SEPT_TEST_POSTGRES (an Npgsql connection string of its superuser); the cluster is removed on exit.
# Run directly (`bash scripts/lib/postgres.sh start|stop DIR`) it is what the test fixture calls when that is unset.

postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# The server refuses to run as root, so as root the cluster belongs to the postgres user.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# start_postgres_cluster DIR: initdb + start; prints the connection string.
start_postgres_cluster() {
  local dir="$1" bin port password
  bin="$(postgres_bin)"; [ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; }
  port="${SEPT_TEST_POSTGRES_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
  password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  rm -rf "$dir"; mkdir -p "$dir"
  printf '%s\n' "$password" >"$dir.pw"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir" "$dir.pw"
  as_postgres "$bin/initdb" -D "$dir/data" -U sept -A scram-sha-256 --pwfile="$dir.pw" --no-sync >"$dir.log" 2>&1
  rm -f "$dir.pw"
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=50" start >>"$dir.log" 2>&1
  echo "Host=127.0.0.1;Port=$port;Username=sept;Password=$password;Database=postgres"
}

stop_postgres_cluster() {
  local dir="$1" bin; bin="$(postgres_bin)"
  [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir" "$dir.log"
}

start_postgres() {
  apt_install postgresql
  POSTGRES_DIR="$(mktemp -d "${TMPDIR:-/tmp}/sept-postgres.XXXXXX")"
  [ "$(id -u)" -eq 0 ] && chmod 755 "$POSTGRES_DIR"
  log "starting PostgreSQL ($(basename "$(dirname "$(postgres_bin)")")) on loopback"
  SEPT_TEST_POSTGRES="$(start_postgres_cluster "$POSTGRES_DIR/cluster")"
  export SEPT_TEST_POSTGRES
  local previous; previous="$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")"
  trap "stop_postgres; ${previous}" EXIT
}

stop_postgres() { [ -n "${POSTGRES_DIR:-}" ] && stop_postgres_cluster "$POSTGRES_DIR/cluster" && rm -rf "$POSTGRES_DIR"; return 0; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start) start_postgres_cluster "$2" ;;
    stop) stop_postgres_cluster "$2" ;;
    *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
  esac
fi
