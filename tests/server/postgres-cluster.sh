#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the server tests (a CTest fixture).
#
#   postgres-cluster.sh start DIR [durable]
#                                       start a cluster in DIR on a free port;
#                                       "durable": with synchronous_commit on,
#                                       for a cluster a test crashes (see below);
#                                       CHAIRSIDE_PG_MAX_CONNECTIONS, when set,
#                                       replaces max_connections (200), for
#                                       bench_scale's hundreds of PCs
#   postgres-cluster.sh stop DIR        stop it and delete its data
#   postgres-cluster.sh restart DIR [MODE]
#                                       pg_ctl restart -m MODE (default
#                                       immediate: a crash, then recovery) on
#                                       the same port; for a cluster of the
#                                       test's own (chairside_add_postgres_test
#                                       CLUSTER), never the shared one
#   postgres-cluster.sh halt DIR        stop the server (-m immediate) and keep
#                                       it stopped, for a test's own cluster
#   postgres-cluster.sh resume DIR      start a halted server again on its port
#   postgres-cluster.sh run DIR CMD...  run CMD with the connection URLs set:
#       CHAIRSIDE_TEST_PG_URL            the owner: owns database "chairside",
#                                        may create databases and roles
#       CHAIRSIDE_TEST_PG_SUPERUSER_URL  the superuser "postgres"
#       CHAIRSIDE_TEST_PG_CA             the CA that signed the server's
#                                        certificate (for 127.0.0.1 and
#                                        localhost); the server has ssl on
#       CHAIRSIDE_TEST_PG_OTHER_CA       a CA that signed nothing of it
#       CHAIRSIDE_TEST_PG_PORT           its port on 127.0.0.1
#       CHAIRSIDE_TEST_PG_DATA           its data directory (for the other
#                                        fixtures: postgres-standby.sh,
#                                        pgbouncer.sh)
#       CHAIRSIDE_TEST_PG_CLUSTER        this script and DIR, to run
#       CHAIRSIDE_TEST_PG_CLUSTER_DIR    another verb (restart)
#   The role chairside_tls_only may log in over TCP only with TLS.
#
# initdb runs once per build tree into DIR/template; each start copies it,
# which takes well under a second where initdb takes several. The cluster
# runs with fsync and synchronous_commit off: fast, and nothing in it must
# survive a crash of the machine. A crash of PostgreSQL itself (pg_ctl stop
# or restart -m immediate) keeps what fsync = off left in the kernel, but
# loses commits that synchronous_commit = off had not written yet (a PC's
# join, seen lost that way): a cluster a test crashes starts "durable". The server
# listens on 127.0.0.1 (password logins) and on a unix socket in DIR/run.
#
# PostgreSQL refuses to run as root, and CI and a fresh chroot run as root:
# then the server runs as the "postgres" system user (runuser), which owns
# only DIR/template and DIR/run. Debian's pg_virtualenv was the other choice,
# but it wraps one command, where CTest wants a setup and a cleanup step.
set -euo pipefail

bindir=${CHAIRSIDE_PG_BINDIR:-/usr/lib/postgresql/15/bin}
verb=${1:?usage: postgres-cluster.sh start|stop|run DIR [CMD...]}
dir=${2:?usage: postgres-cluster.sh start|stop|run DIR [CMD...]}
dir=$(realpath -m -- "$dir") # pg_ctl runs the server in its data directory
shift 2
# Where the cluster lives: DIR, unless the postgres user cannot enter it (a
# build tree under /root) or its path is too long for a unix socket: then a
# directory in /tmp, named in DIR/location.
home=$dir
[[ -f $dir/location ]] && home=$(cat "$dir/location")
run=$home/run

as_server() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop_cluster() {
    if [[ -f $run/data/postmaster.pid ]]; then
        as_server "$bindir/pg_ctl" stop -D "$run/data" -m fast -w -t 30 >/dev/null \
            || as_server "$bindir/pg_ctl" stop -D "$run/data" -m immediate -w >/dev/null || true
    fi
    rm -rf "$run"
    if [[ -f $dir/location ]]; then
        rm -rf "$home" "$dir/location"
    fi
}

# A CA, the server's certificate for 127.0.0.1 and localhost signed by it,
# and another CA, made with the openssl CLI (EC keys: instant, where RSA
# takes a while). Valid for ten years; the template is made again with a
# new PostgreSQL, or by deleting it.
make_certificates() {
    local data=$1 tls=$2
    local days=3650
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days $days \
        -subj "/CN=Chairside test CA" -keyout "$tls/ca.key" -out "$tls/ca.crt" 2>/dev/null
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days $days \
        -subj "/CN=Some other CA" -keyout "$tls/other-ca.key" -out "$tls/other-ca.crt" 2>/dev/null
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -subj "/CN=localhost" -keyout "$data/server.key" -out "$tls/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$tls/server.ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" \
        -CAcreateserial -days $days -extfile "$tls/server.ext" -out "$data/server.crt" 2>/dev/null
    chmod 600 "$data/server.key"
    chmod 644 "$tls/ca.crt" "$tls/other-ca.crt"
}

make_template() {
    local stamp
    stamp="$("$bindir/postgres" --version) tls"
    [[ -f $home/template/stamp && $(cat "$home/template/stamp") == "$stamp ($(id -u))" ]] && return
    rm -rf "$home/template"
    mkdir -p "$home/template"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$home/template"
    as_server "$bindir/initdb" -D "$home/template/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$home/template/initdb.log"
    # Fast and throwaway: nothing here must survive a crash of the machine.
    cat >>"$home/template/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
ssl = on
EOF
    as_server mkdir -p "$home/template/tls"
    export -f make_certificates
    as_server bash -c 'make_certificates "$1" "$2"' make_certificates \
        "$home/template/data" "$home/template/tls"
    # A login that must use TLS over TCP, as a salon's PCs should
    # (docs/server.md): the TLS test tries it without.
    local hba="$home/template/data/pg_hba.conf"
    as_server sh -c "{ echo 'hostnossl all chairside_tls_only 127.0.0.1/32 reject'; cat '$hba'; } >'$hba.new' && mv '$hba.new' '$hba'"
    echo "$stamp ($(id -u))" >"$home/template/stamp"
}

start_cluster() {
    local durable=${1:-}
    stop_cluster # what an interrupted run may have left
    mkdir -p "$dir"
    home=$dir
    # A unix socket's path must fit in 107 bytes.
    if [[ ${#dir} -gt 80 ]] || { [[ $(id -u) -eq 0 ]] && ! runuser -u postgres -- test -x "$dir"; }; then
        home=$(mktemp -d /tmp/chairside-postgres.XXXXXX)
        chmod 755 "$home"
        echo "$home" >"$dir/location"
    fi
    run=$home/run
    make_template
    mkdir -p "$run"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$run"
    as_server cp -a "$home/template/data" "$run/data"
    if [[ $durable == durable ]]; then
        as_server sh -c "echo 'synchronous_commit = on' >>'$run/data/postgresql.conf'"
    fi
    if [[ -n ${CHAIRSIDE_PG_MAX_CONNECTIONS:-} ]]; then
        as_server sh -c "echo 'max_connections = ${CHAIRSIDE_PG_MAX_CONNECTIONS//[^0-9]/}' >>'$run/data/postgresql.conf'"
    fi
    # A random port; another cluster on it makes the start fail, so try again.
    local port attempt
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 30000))
        if as_server "$bindir/pg_ctl" start -D "$run/data" -w -t 60 -l "$run/log" \
            -o "-p $port -k $run" >/dev/null; then
            break
        fi
        if ! grep -q "could not bind\|could not create any TCP/IP sockets\|already in use" "$run/log"; then
            cat "$run/log" >&2
            exit 1
        fi
        port=
    done
    [[ -n $port ]] || { echo "postgres-cluster.sh: found no free port" >&2; exit 1; }

    local owner_password superuser_password
    owner_password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
    superuser_password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
    as_server "$bindir/psql" -h "$run" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 <<EOF
ALTER ROLE postgres PASSWORD '$superuser_password';
CREATE ROLE chairside_owner LOGIN CREATEDB CREATEROLE PASSWORD '$owner_password';
CREATE DATABASE chairside OWNER chairside_owner;
EOF
    umask 077
    cat >"$run/env" <<EOF
CHAIRSIDE_TEST_PG_URL=postgresql://chairside_owner:$owner_password@127.0.0.1:$port/chairside
CHAIRSIDE_TEST_PG_SUPERUSER_URL=postgresql://postgres:$superuser_password@127.0.0.1:$port/postgres
CHAIRSIDE_TEST_PG_CA=$home/template/tls/ca.crt
CHAIRSIDE_TEST_PG_OTHER_CA=$home/template/tls/other-ca.crt
CHAIRSIDE_TEST_PG_PORT=$port
CHAIRSIDE_TEST_PG_DATA=$run/data
EOF
    echo "postgres-cluster.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

restart_cluster() {
    local mode=${1:-immediate}
    [[ -f $run/data/postmaster.pid ]] || { echo "postgres-cluster.sh: no cluster is running in $dir" >&2; exit 1; }
    # pg_ctl restart starts it again with the options it had (postmaster.opts):
    # the same port and socket directory.
    as_server "$bindir/pg_ctl" restart -D "$run/data" -m "$mode" -w -t 60 -l "$run/log" >/dev/null
}

# A server that is down for a while (the sync engine's offline test), then
# back on the same port.
halt_cluster() {
    [[ -f $run/data/postmaster.pid ]] || { echo "postgres-cluster.sh: no cluster is running in $dir" >&2; exit 1; }
    as_server "$bindir/pg_ctl" stop -D "$run/data" -m immediate -w -t 60 >/dev/null
}

resume_cluster() {
    local port
    port=$(sed -n 's/^CHAIRSIDE_TEST_PG_PORT=//p' "$run/env")
    as_server "$bindir/pg_ctl" start -D "$run/data" -w -t 60 -l "$run/log" \
        -o "-p $port -k $run" >/dev/null
}

case "$verb" in
start) start_cluster "$@" ;;
halt) halt_cluster ;;
resume) resume_cluster ;;
stop) stop_cluster ;;
restart) restart_cluster "$@" ;;
run)
    if [[ ! -f $run/env ]]; then
        echo "postgres-cluster.sh: no cluster is running in $dir (the postgres fixture failed?)" >&2
        exit 1
    fi
    set -a
    # shellcheck source=/dev/null
    . "$run/env"
    set +a
    export CHAIRSIDE_TEST_PG_CLUSTER="$(realpath -- "$0")" CHAIRSIDE_TEST_PG_CLUSTER_DIR="$dir"
    exec "$@"
    ;;
*)
    echo "postgres-cluster.sh: unknown verb '$verb'" >&2
    exit 2
    ;;
esac
