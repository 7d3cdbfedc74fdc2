#!/usr/bin/env bash
# A hot standby of the local PostgreSQL, for the read-replica tests (test/replicas.e2e-spec.ts)
# and for trying DATABASE_REPLICA_URLS by hand: a second Debian cluster on this machine
# (`<version>/standby`, port 5433) streaming from the primary at 127.0.0.1:5432 (trust auth,
# user postgres) through a physical replication slot.
#
#   scripts/standby.sh start    make it if missing (pg_basebackup -R), start it, wait until it
#                               streams; resumes WAL replay if a test left it paused
#   scripts/standby.sh stop     stop it (the slot keeps the WAL it needs to catch up later)
#   scripts/standby.sh status   print its state; exit 0 only while it streams
#   scripts/standby.sh remove   stop it, drop the cluster and the slot
#
# Idempotent: `start` on a streaming standby only checks it. The primary is never restarted or
# reconfigured beyond what streaming needs: a pg_hba line letting 127.0.0.1 connect for
# replication (then a reload) and the slot. A primary that cannot stream without a restart
# (wal_level minimal, max_wal_senders 0) is refused with what to change.
# Runs as root (CI, this machine) or as postgres.
set -euo pipefail

PRIMARY_PORT=${STANDBY_PRIMARY_PORT:-5432}
PORT=${STANDBY_PORT:-5433}
NAME=standby
SLOT=movie_recommender_standby
HBA_LINE="host replication postgres 127.0.0.1/32 trust # scripts/standby.sh"

fail() {
  echo "standby: $*" >&2
  exit 1
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  elif [ "$(id -un)" = postgres ]; then
    "$@"
  else
    fail "run as root or as the postgres user (the cluster's files belong to postgres)"
  fi
}

primary_sql() {
  psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -XAtq -v ON_ERROR_STOP=1 -c "$1"
}

standby_sql() {
  psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -XAtq -v ON_ERROR_STOP=1 -c "$1"
}

require_primary() {
  command -v pg_lsclusters >/dev/null || fail "pg_lsclusters is missing: install Debian's postgresql (postgresql-common)"
  pg_isready -h 127.0.0.1 -p "$PRIMARY_PORT" -q ||
    fail "no PostgreSQL answers on 127.0.0.1:$PRIMARY_PORT (start it: pg_ctlcluster <version> main start)"
  VERSION=$(pg_lsclusters -h | awk -v port="$PRIMARY_PORT" '$3 == port { print $1; exit }')
  [ -n "$VERSION" ] || fail "the server on port $PRIMARY_PORT is not a cluster of this machine (pg_lsclusters)"
  DATA_DIR=/var/lib/postgresql/$VERSION/$NAME
  CONF_DIR=/etc/postgresql/$VERSION/$NAME
}

cluster_exists() {
  pg_lsclusters -h | awk -v v="$VERSION" -v n="$NAME" '$1 == v && $2 == n { found = 1 } END { exit !found }'
}

cluster_online() {
  pg_lsclusters -h | awk -v v="$VERSION" -v n="$NAME" '$1 == v && $2 == n && $4 ~ /^online/ { found = 1 } END { exit !found }'
}

# "t|streaming" while the standby is in recovery and its WAL receiver streams.
stream_state() {
  standby_sql "SELECT CASE WHEN pg_is_in_recovery() THEN 't' ELSE 'f' END || '|' || coalesce((SELECT status FROM pg_stat_wal_receiver), 'no receiver')" 2>/dev/null || echo "down"
}

# Streaming needs wal_level replica or logical and a WAL sender; both need a restart to change.
check_primary_can_stream() {
  local wal_level senders
  wal_level=$(primary_sql "SHOW wal_level")
  senders=$(primary_sql "SHOW max_wal_senders")
  [ "$wal_level" != minimal ] ||
    fail "the primary has wal_level = minimal: set wal_level = replica and restart it (this script never restarts it)"
  [ "$senders" -gt 0 ] ||
    fail "the primary has max_wal_senders = 0: set it to 10 and restart it (this script never restarts it)"
}

replication_connects() {
  psql "host=127.0.0.1 port=$PRIMARY_PORT user=postgres dbname=postgres replication=true" \
    -XAtq -c "IDENTIFY_SYSTEM" >/dev/null 2>&1
}

# A replication connection from 127.0.0.1 as postgres, trusted like every other local connection
# here. pg_hba takes the first matching line, so ours goes first; a reload applies it.
allow_replication() {
  replication_connects && return 0
  local hba_file
  hba_file=$(primary_sql "SHOW hba_file")
  if ! grep -qF "$HBA_LINE" "$hba_file"; then
    echo "== standby: letting 127.0.0.1 connect to the primary for replication ($hba_file)"
    local rest
    rest=$(cat "$hba_file")
    printf '%s\n%s\n' "$HBA_LINE" "$rest" >"$hba_file" # in place: owner and mode stay
  fi
  primary_sql "SELECT pg_reload_conf()" >/dev/null
  for _ in $(seq 1 50); do
    replication_connects && return 0
    sleep 0.1
  done
  fail "the primary still refuses replication connections from 127.0.0.1 after adding '$HBA_LINE' to $hba_file"
}

ensure_slot() {
  primary_sql "SELECT pg_create_physical_replication_slot('$SLOT')
                WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '$SLOT')" >/dev/null
}

# Whether the cluster on disk is a standby of this primary (not of a primary since re-created).
is_standby_of_primary() {
  [ -f "$DATA_DIR/standby.signal" ] || return 1
  local ours theirs
  ours=$(primary_sql "SELECT system_identifier FROM pg_control_system()")
  theirs=$(as_postgres "/usr/lib/postgresql/$VERSION/bin/pg_controldata" "$DATA_DIR" 2>/dev/null |
    awk -F': *' '/^Database system identifier/ { print $2 }')
  [ "$ours" = "$theirs" ]
}

drop_cluster() {
  cluster_online && pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" stop -m fast
  cluster_exists && pg_dropcluster "$VERSION" "$NAME"
  return 0
}

# A new Debian cluster whose data directory is replaced by a base backup of the primary;
# -R writes standby.signal, primary_conninfo and primary_slot_name.
create_cluster() {
  echo "== standby: creating $VERSION/$NAME on port $PORT from 127.0.0.1:$PRIMARY_PORT"
  pg_createcluster "$VERSION" "$NAME" -p "$PORT" --start-conf manual >/dev/null
  # A hot standby needs at least the primary's values of these.
  local mirrored
  mirrored=$(primary_sql "SELECT string_agg(name || ' = ' || setting, E'\n' ORDER BY name) FROM pg_settings
    WHERE name IN ('max_connections', 'max_worker_processes', 'max_wal_senders',
                   'max_prepared_transactions', 'max_locks_per_transaction')")
  cat >"$CONF_DIR/conf.d/50-standby.conf" <<EOF
# Written by scripts/standby.sh: a hot standby of 127.0.0.1:$PRIMARY_PORT for the tests.
listen_addresses = '127.0.0.1'
port = $PORT
ssl = off
hot_standby = on
# The primary keeps the rows a standby query still reads: fewer queries cancelled by replay.
hot_standby_feedback = on
$mirrored
EOF
  cat >"$CONF_DIR/pg_hba.conf" <<EOF
# Written by scripts/standby.sh: trusted local connections, as on the primary it copies.
local all all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
EOF
  as_postgres find "$DATA_DIR" -mindepth 1 -delete
  as_postgres pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DATA_DIR" \
    -R -X stream -S "$SLOT" --checkpoint=fast
}

# Waits until the standby streams; returns 1 after `seconds` without.
wait_streaming() {
  local seconds=$1 state
  for _ in $(seq 1 $((seconds * 5))); do
    state=$(stream_state)
    [ "$state" = "t|streaming" ] && return 0
    sleep 0.2
  done
  echo "standby: not streaming after ${seconds}s (state: $state); log:" >&2
  tail -n 20 "/var/log/postgresql/postgresql-$VERSION-$NAME.log" >&2 || true
  return 1
}

start() {
  require_primary
  check_primary_can_stream
  allow_replication
  ensure_slot
  if cluster_exists && ! is_standby_of_primary; then
    echo "== standby: $VERSION/$NAME is not a standby of this primary: making it again"
    drop_cluster
  fi
  if ! cluster_exists; then create_cluster; fi
  cluster_online || pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" start
  if ! wait_streaming 30; then
    # The WAL it needs may be gone (its slot was dropped): a fresh base backup fixes that.
    echo "== standby: making $VERSION/$NAME again from a fresh base backup"
    drop_cluster
    create_cluster
    pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" start
    wait_streaming 60 || fail "$VERSION/$NAME does not stream from 127.0.0.1:$PRIMARY_PORT"
  fi
  # A test that stopped half-way may have left replay paused.
  standby_sql "SELECT pg_wal_replay_resume() WHERE pg_get_wal_replay_pause_state() <> 'not paused'" >/dev/null
  echo "== standby: $VERSION/$NAME streaming on 127.0.0.1:$PORT"
}

stop() {
  require_primary
  if cluster_exists && cluster_online; then
    pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" stop -m fast
  fi
  echo "== standby: $VERSION/$NAME stopped"
}

status() {
  require_primary
  if ! cluster_exists; then
    echo "standby: $VERSION/$NAME does not exist (scripts/standby.sh start makes it)"
    exit 3
  fi
  pg_lsclusters -h | awk -v v="$VERSION" -v n="$NAME" '$1 == v && $2 == n'
  local state
  state=$(stream_state)
  echo "in recovery | WAL receiver: $state"
  [ "$state" = "t|streaming" ] || exit 3
  standby_sql "SELECT 'replay: ' || pg_last_wal_replay_lsn() || ', ' || pg_get_wal_replay_pause_state()"
}

remove() {
  require_primary
  drop_cluster
  primary_sql "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT'" >/dev/null
  echo "== standby: $VERSION/$NAME and slot $SLOT removed"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  remove) remove ;;
  *)
    echo "usage: scripts/standby.sh start|stop|status|remove" >&2
    exit 2
    ;;
esac
