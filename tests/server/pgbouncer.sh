#!/usr/bin/env bash
# PgBouncer in transaction-pooling mode in front of a test cluster (a CTest
# fixture), as a salon chain with many PCs runs it (docs/server.md).
#
#   pgbouncer.sh start DIR CLUSTER_DIR  start PgBouncer for the cluster that
#                                       postgres-cluster.sh runs in
#                                       CLUSTER_DIR, on a free port
#   pgbouncer.sh stop DIR               stop it and delete its files
#   pgbouncer.sh run DIR CLUSTER_DIR CMD...
#       run CMD with the cluster's variables (postgres-cluster.sh) and:
#       CHAIRSIDE_TEST_PGBOUNCER_URL        the owner, through PgBouncer, to
#                                           database "chairside" (any database
#                                           of the cluster works: "*")
#       CHAIRSIDE_TEST_PGBOUNCER_ADMIN_URL  PgBouncer's console (database
#                                           "pgbouncer": SHOW POOLS, SHOW
#                                           SERVERS) as the superuser
#       CHAIRSIDE_TEST_PGBOUNCER_POOL_SIZE  server connections per pool
#                                           (database and login)
#       CHAIRSIDE_TEST_PGBOUNCER_MAX_DB_CONNECTIONS
#                                           server connections per database,
#                                           over all its pools (0: no limit)
#       CHAIRSIDE_TEST_PGBOUNCER_PIDFILE    PgBouncer's pid file (its CPU time)
#       CHAIRSIDE_TEST_PGBOUNCER_SHARED_POOL_SIZE
#                                           server connections of each shared
#                                           pool (below)
#
# start takes the pool's sizes from CHAIRSIDE_PGBOUNCER_POOL_SIZE (default 2)
# and CHAIRSIDE_PGBOUNCER_MAX_DB_CONNECTIONS (default 0), for bench_scale.
#
# Shared pools (docs/server.md, "Many PCs"): each database named in
# CHAIRSIDE_PGBOUNCER_SHARED (default "pooled_keys bench_scale
# engine_sharedpoolpollswiththekey": the tests' and the bench's) is also
# reached as "<name>_shared", where every client still logs in to PgBouncer
# as itself but PgBouncer logs in to the server as the one login
# chairside_pool (its [databases] entry forces the user), so all PCs share
# CHAIRSIDE_PGBOUNCER_SHARED_POOL_SIZE (default 4) server connections. start
# gives chairside_pool (made by server migration 007 if it is not there yet)
# LOGIN and a password of its own, in the auth_file.
#
# Every login authenticates with SCRAM-SHA-256: PgBouncer reads its verifier
# from the server (auth_query, as the superuser, whose password is the only
# one in the auth_file this writes), so the PCs' logins that enrolment
# makes work at once; with SCRAM from the client PgBouncer logs in to the
# server with the client's keys, and never holds a password. It listens on
# 127.0.0.1 only, and no unix socket. It starts in well under a second.
#
# PgBouncer refuses to run as root: then it runs as the "postgres" system
# user, with its files in a directory of /tmp that user owns (named in
# DIR/location).
set -euo pipefail

here=$(dirname -- "$(realpath -- "$0")")
usage="usage: pgbouncer.sh start DIR CLUSTER_DIR | stop DIR | run DIR CLUSTER_DIR CMD..."
verb=${1:?$usage}
dir=${2:?$usage}
dir=$(realpath -m -- "$dir")
shift 2
pool_size=${CHAIRSIDE_PGBOUNCER_POOL_SIZE:-2}
shared_databases=${CHAIRSIDE_PGBOUNCER_SHARED:-pooled_keys bench_scale engine_sharedpoolpollswiththekey}
shared_pool_size=${CHAIRSIDE_PGBOUNCER_SHARED_POOL_SIZE:-4}
max_db_connections=${CHAIRSIDE_PGBOUNCER_MAX_DB_CONNECTIONS:-0}

as_bouncer() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

home=
[[ -f $dir/location ]] && home=$(cat "$dir/location")

stop_bouncer() {
    if [[ -n $home && -f $home/pgbouncer.pid ]]; then
        local pid
        pid=$(cat "$home/pgbouncer.pid")
        # SIGINT: shut down at once, without waiting for clients.
        kill -INT "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    [[ -n $home ]] && rm -rf "$home"
    rm -f "$dir/location" "$dir/env"
}

# The cluster's variables: CHAIRSIDE_TEST_PG_* of postgres-cluster.sh.
load_cluster() {
    local cluster=$1
    eval "$(bash "$here/postgres-cluster.sh" run "$cluster" bash -c \
        'for v in CHAIRSIDE_TEST_PG_URL CHAIRSIDE_TEST_PG_SUPERUSER_URL CHAIRSIDE_TEST_PG_PORT; do
            printf "%s=%q\n" "$v" "${!v}"
        done')"
}

# postgresql://user:PASSWORD@host:port/db → PASSWORD (the fixtures' passwords are hex).
password_of() {
    local url=${1#postgresql://}
    url=${url%%@*}
    echo "${url#*:}"
}

start_bouncer() {
    local cluster=${1:?$usage}
    stop_bouncer
    load_cluster "$cluster"
    mkdir -p "$dir"
    home=$(mktemp -d /tmp/chairside-pgbouncer.XXXXXX)
    chmod 700 "$home"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$home"
    echo "$home" >"$dir/location"
    local superuser_password pool_password shared_entries= db
    superuser_password=$(password_of "$CHAIRSIDE_TEST_PG_SUPERUSER_URL")
    pool_password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
    # The shared login: roles belong to the cluster, so a migration of any
    # database may have made it (NOLOGIN) already.
    psql "$CHAIRSIDE_TEST_PG_SUPERUSER_URL" -q -v ON_ERROR_STOP=1 >/dev/null <<EOF
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'chairside_pool') THEN
        CREATE ROLE chairside_pool;
    END IF;
END
\$\$;
ALTER ROLE chairside_pool LOGIN PASSWORD '$pool_password';
EOF
    for db in $shared_databases; do
        shared_entries+="${db}_shared = host=127.0.0.1 port=$CHAIRSIDE_TEST_PG_PORT dbname=$db user=chairside_pool pool_size=$shared_pool_size"$'\n'
    done
    local port attempt started=
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 30000))
        as_bouncer sh -c "umask 077; cat >'$home/userlist.txt'" <<EOF
"postgres" "$superuser_password"
"chairside_pool" "$pool_password"
EOF
        as_bouncer sh -c "cat >'$home/pgbouncer.ini'" <<EOF
[databases]
$shared_entries* = host=127.0.0.1 port=$CHAIRSIDE_TEST_PG_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $home/userlist.txt
auth_user = postgres
auth_query = SELECT usename, passwd FROM pg_shadow WHERE usename = \$1 AND (valuntil IS NULL OR valuntil > now())
pool_mode = transaction
default_pool_size = $pool_size
max_db_connections = $max_db_connections
min_pool_size = 0
max_client_conn = 1000
admin_users = postgres
logfile = $home/pgbouncer.log
pidfile = $home/pgbouncer.pid
EOF
        rm -f "$home/pgbouncer.log"
        if as_bouncer pgbouncer -d -q "$home/pgbouncer.ini" 2>>"$home/start.log"; then
            # -d returns once the socket is bound; an address in use fails it.
            started=1
            break
        fi
        if ! grep -qi "in use" "$home/pgbouncer.log" "$home/start.log" 2>/dev/null; then
            cat "$home/pgbouncer.log" "$home/start.log" >&2 2>/dev/null || true
            exit 1
        fi
    done
    [[ -n $started ]] || { echo "pgbouncer.sh: found no free port" >&2; exit 1; }
    local owner_password
    owner_password=$(password_of "$CHAIRSIDE_TEST_PG_URL")
    umask 077
    cat >"$dir/env" <<EOF
CHAIRSIDE_TEST_PGBOUNCER_URL=postgresql://chairside_owner:$owner_password@127.0.0.1:$port/chairside
CHAIRSIDE_TEST_PGBOUNCER_ADMIN_URL=postgresql://postgres:$superuser_password@127.0.0.1:$port/pgbouncer
CHAIRSIDE_TEST_PGBOUNCER_POOL_SIZE=$pool_size
CHAIRSIDE_TEST_PGBOUNCER_MAX_DB_CONNECTIONS=$max_db_connections
CHAIRSIDE_TEST_PGBOUNCER_PIDFILE=$home/pgbouncer.pid
CHAIRSIDE_TEST_PGBOUNCER_SHARED_POOL_SIZE=$shared_pool_size
EOF
    echo "pgbouncer.sh: $(pgbouncer --version | head -1) on 127.0.0.1:$port, transaction pooling," \
        "$pool_size server connections per pool, at most $max_db_connections per database (0: no limit);" \
        "shared pools of $shared_pool_size for: $shared_databases"
}

case "$verb" in
start) start_bouncer "$@" ;;
stop) stop_bouncer ;;
run)
    cluster=${1:?$usage}
    shift
    if [[ ! -f $dir/env ]]; then
        echo "pgbouncer.sh: PgBouncer is not running in $dir (the pgbouncer fixture failed?)" >&2
        exit 1
    fi
    set -a
    # shellcheck source=/dev/null
    . "$dir/env"
    set +a
    exec bash "$here/postgres-cluster.sh" run "$cluster" "$@"
    ;;
*)
    echo "pgbouncer.sh: unknown verb '$verb'" >&2
    exit 2
    ;;
esac
