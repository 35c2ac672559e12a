#!/usr/bin/env bash
# A primary with a synchronous streaming standby, for failover tests (a
# CTest fixture of the test's own: the test stops the primary).
#
#   postgres-standby.sh start DIR          a primary (postgres-cluster.sh in
#                                          DIR/primary) and its standby, made
#                                          with pg_basebackup -R, both on
#                                          free ports of 127.0.0.1
#   postgres-standby.sh stop DIR           stop both and delete their data
#   postgres-standby.sh stop-primary DIR   pg_ctl stop -m immediate on the
#                                          primary: a crash, not a shutdown
#   postgres-standby.sh promote DIR        pg_ctl promote on the standby
#   postgres-standby.sh pause-standby DIR  stop the standby's WAL receiver
#                                          (SIGSTOP): commits on the primary
#                                          then wait for it
#   postgres-standby.sh resume-standby DIR let it go on (SIGCONT)
#   postgres-standby.sh run DIR CMD...     run CMD with the primary's
#       variables (postgres-cluster.sh: CHAIRSIDE_TEST_PG_URL is the owner
#       on the primary only) and:
#       CHAIRSIDE_TEST_PG_FAILOVER_URL  the owner with both hosts, primary
#                                       first, target_session_attrs=read-write
#                                       (libpq takes whichever is writable)
#       CHAIRSIDE_TEST_PG_STANDBY_PORT  the standby's port
#       CHAIRSIDE_TEST_PG_STANDBY       this script and DIR, to run the
#       CHAIRSIDE_TEST_PG_STANDBY_DIR   verbs above
#
# Replication is synchronous, as docs/server.md requires of a salon's
# standby (SYNC.md 12): synchronous_commit = on and synchronous_standby_names
# naming the standby, so a commit the client was told of is on the standby
# before the primary answers. The primary and the standby run fsync = off
# (the cluster template's), which a crash of PostgreSQL survives; only a
# crash of the machine would not.
set -euo pipefail

here=$(dirname -- "$(realpath -- "$0")")
bindir=${CHAIRSIDE_PG_BINDIR:-/usr/lib/postgresql/15/bin}
usage="usage: postgres-standby.sh start|stop|stop-primary|promote|run DIR [CMD...]"
verb=${1:?$usage}
dir=${2:?$usage}
dir=$(realpath -m -- "$dir")
shift 2
standby_name=chairside_standby

as_server() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# The primary's variables (CHAIRSIDE_TEST_PG_*), when it is running.
load_primary() {
    eval "$(bash "$here/postgres-cluster.sh" run "$dir/primary" bash -c \
        'for v in CHAIRSIDE_TEST_PG_URL CHAIRSIDE_TEST_PG_PORT CHAIRSIDE_TEST_PG_DATA; do
            printf "%s=%q\n" "$v" "${!v}"
        done')"
    primary_data=$CHAIRSIDE_TEST_PG_DATA
    # The standby lives beside the primary, in a directory the server user owns.
    run=$(dirname -- "$primary_data")
    standby_data=$run/standby
}

# SQL as the superuser on the primary (its unix socket: trust).
primary_sql() {
    as_server "$bindir/psql" -h "$run" -p "$CHAIRSIDE_TEST_PG_PORT" -U postgres -d postgres \
        -XAtq -v ON_ERROR_STOP=1 -c "$1"
}

stop_all() {
    if [[ -f $dir/primary/location || -d $dir/primary/run ]] \
        && bash "$here/postgres-cluster.sh" run "$dir/primary" true 2>/dev/null; then
        load_primary
        if [[ -f $standby_data/postmaster.pid ]]; then
            as_server "$bindir/pg_ctl" stop -D "$standby_data" -m immediate -w >/dev/null || true
        fi
    fi
    bash "$here/postgres-cluster.sh" stop "$dir/primary"
    rm -f "$dir/env"
}

start_all() {
    stop_all
    mkdir -p "$dir"
    bash "$here/postgres-cluster.sh" start "$dir/primary" durable
    load_primary
    # A copy of the primary that follows it (-R writes standby.signal and
    # primary_conninfo: the primary's unix socket, local replication trust).
    as_server "$bindir/pg_basebackup" -h "$run" -p "$CHAIRSIDE_TEST_PG_PORT" -U postgres \
        -D "$standby_data" -R -X stream --no-sync -c fast
    # The name the primary knows it by (the walreceiver's application_name).
    as_server sh -c "echo \"cluster_name = '$standby_name'\" >>'$standby_data/postgresql.conf'"
    local port attempt started=
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 30000))
        [[ $port -eq $CHAIRSIDE_TEST_PG_PORT ]] && continue
        if as_server "$bindir/pg_ctl" start -D "$standby_data" -w -t 60 -l "$run/standby.log" \
            -o "-p $port -k $run" >/dev/null; then
            started=1
            break
        fi
        if ! grep -q "could not bind\|could not create any TCP/IP sockets\|already in use" \
            "$run/standby.log"; then
            cat "$run/standby.log" >&2
            exit 1
        fi
    done
    [[ -n $started ]] || { echo "postgres-standby.sh: found no free port" >&2; exit 1; }
    # Synchronous only once the standby streams: before that, commits wait.
    local streaming=
    for _ in $(seq 1 300); do
        streaming=$(primary_sql "SELECT count(*) FROM pg_stat_replication
                                 WHERE application_name = '$standby_name' AND state = 'streaming'")
        [[ $streaming == 1 ]] && break
        sleep 0.1
    done
    [[ $streaming == 1 ]] || { echo "postgres-standby.sh: the standby does not stream" >&2; cat "$run/standby.log" >&2; exit 1; }
    primary_sql "ALTER SYSTEM SET synchronous_commit = on" >/dev/null
    primary_sql "ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 ($standby_name)'" >/dev/null
    primary_sql "SELECT pg_reload_conf()" >/dev/null
    local state=
    for _ in $(seq 1 300); do
        state=$(primary_sql "SELECT sync_state FROM pg_stat_replication
                             WHERE application_name = '$standby_name'")
        [[ $state == sync ]] && break
        sleep 0.1
    done
    [[ $state == sync ]] || { echo "postgres-standby.sh: the standby is not synchronous ($state)" >&2; exit 1; }

    local rest=${CHAIRSIDE_TEST_PG_URL#postgresql://}
    local login=${rest%%@*}
    umask 077
    cat >"$dir/env" <<EOF
CHAIRSIDE_TEST_PG_FAILOVER_URL=postgresql://$login@127.0.0.1:$CHAIRSIDE_TEST_PG_PORT,127.0.0.1:$port/chairside?target_session_attrs=read-write
CHAIRSIDE_TEST_PG_STANDBY_PORT=$port
EOF
    echo "postgres-standby.sh: primary on 127.0.0.1:$CHAIRSIDE_TEST_PG_PORT, synchronous standby on 127.0.0.1:$port"
}

case "$verb" in
start) start_all ;;
stop) stop_all ;;
stop-primary)
    load_primary
    as_server "$bindir/pg_ctl" stop -D "$primary_data" -m immediate -w >/dev/null
    ;;
promote)
    load_primary
    as_server "$bindir/pg_ctl" promote -D "$standby_data" -w -t 60 >/dev/null
    ;;
pause-standby | resume-standby)
    load_primary
    port=$(sed -n 's/^CHAIRSIDE_TEST_PG_STANDBY_PORT=//p' "$dir/env")
    receiver=$(as_server "$bindir/psql" -h "$run" -p "$port" -U postgres -d postgres -XAtq \
        -c "SELECT pid FROM pg_stat_wal_receiver")
    [[ -n $receiver ]] || { echo "postgres-standby.sh: the standby has no WAL receiver" >&2; exit 1; }
    if [[ $verb == pause-standby ]]; then kill -STOP "$receiver"; else kill -CONT "$receiver"; fi
    ;;
run)
    if [[ ! -f $dir/env ]]; then
        echo "postgres-standby.sh: no primary and standby run in $dir (the fixture failed?)" >&2
        exit 1
    fi
    set -a
    # shellcheck source=/dev/null
    . "$dir/env"
    set +a
    export CHAIRSIDE_TEST_PG_STANDBY="$(realpath -- "$0")" CHAIRSIDE_TEST_PG_STANDBY_DIR="$dir"
    exec bash "$here/postgres-cluster.sh" run "$dir/primary" "$@"
    ;;
*)
    echo "postgres-standby.sh: unknown verb '$verb'" >&2
    exit 2
    ;;
esac
