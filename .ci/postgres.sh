# Starts a throwaway PostgreSQL cluster on loopback for the test suite; sourced by .ci/run.
PG_BIN=$(dirname "$(readlink -f "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")")
PG_DIR=$(mktemp -d /tmp/ia-pg.XXXXXX)
PG_PORT=${PG_PORT:-55432}
PG_URL="postgresql+psycopg://ia@127.0.0.1:${PG_PORT}/ia_test"

start_postgres() {
  chown -R nobody "$PG_DIR" 2>/dev/null || true
  local as=""
  [ "$(id -u)" = 0 ] && as="runuser -u nobody --"
  $as "$PG_BIN/initdb" -D "$PG_DIR/data" -U ia --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  $as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" -l "$PG_DIR/log" -w start >/dev/null
  $as "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U ia ia_test
  echo "PostgreSQL running on port $PG_PORT"
}

stop_postgres() {
  local as=""
  [ "$(id -u)" = 0 ] && as="runuser -u nobody --"
  $as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
