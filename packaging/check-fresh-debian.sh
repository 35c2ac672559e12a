#!/usr/bin/env bash
# Runs the README's test command (packaging/run-tests.sh) on a fresh Debian 12:
# a minimal bookworm root made by debootstrap, with this repository's
# committed source copied in, entered with chroot as root. It proves that the
# packages debian-setup.sh installs from Debian alone (Node.js 18 included)
# build Chairside and pass every test. Too slow for CI; run it by hand.
#
#   sudo packaging/check-fresh-debian.sh [options]
#     --root DIR      the Debian root (default /var/tmp/chairside-bookworm);
#                     made with debootstrap when missing, reused otherwise
#     --fresh         delete DIR first, so apt starts from nothing again
#     --rev REV       the commit to test (default HEAD; uncommitted changes
#                     are never copied)
#     --ca FILE       CA bundle for npm and Node.js inside the root, for a
#                     TLS-intercepting proxy (e.g. /etc/ssl/certs/ca-certificates.crt)
#     --mirror URL    Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail

root=/var/tmp/chairside-bookworm
fresh=0
rev=HEAD
ca=
mirror=http://deb.debian.org/debian

usage() { sed -n '2,16s/^# \{0,1\}//p' "$0"; }
while [[ $# -gt 0 ]]; do
    case "$1" in
    --root) root=${2:?--root needs a directory}; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --rev) rev=${2:?--rev needs a commit}; shift 2 ;;
    --ca) ca=${2:?--ca needs a file}; shift 2 ;;
    --mirror) mirror=${2:?--mirror needs a URL}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "check-fresh-debian.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
done

say() { echo "check-fresh-debian.sh: $*"; }
die() { echo "check-fresh-debian.sh: $*" >&2; exit 1; }

source_dir=$(cd "$(dirname "$0")/.." && pwd)
[[ $(id -u) -eq 0 ]] || die "run as root (debootstrap, mount and chroot need it)"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
[[ -z "$ca" || -r "$ca" ]] || die "cannot read the CA bundle '$ca'"
commit=$(git -C "$source_dir" rev-parse --verify "$rev^{commit}") || die "no commit '$rev'"
root=$(realpath -m "$root")
case "$root/" in
"$source_dir"/*) die "the root must not be inside the source tree ($source_dir)" ;;
/) die "refusing to use / as the root" ;;
esac
mounted_below() { findmnt -rn -o TARGET | awk -v r="$1" '$0 == r || index($0, r "/") == 1 { found = 1 } END { exit !found }'; }
if mounted_below "$root"; then
    die "something is still mounted under $root (see findmnt); unmount it first"
fi
if [[ -n $(git -C "$source_dir" status --porcelain --untracked-files=no) ]]; then
    say "note: uncommitted changes are not tested, only ${commit:0:12}"
fi

started=$SECONDS

if [[ $fresh -eq 1 && -e "$root" ]]; then
    say "deleting $root"
    rm -rf --one-file-system "$root"
fi
if [[ ! -x "$root/usr/bin/apt-get" ]]; then
    say "debootstrap --variant=minbase bookworm $root $mirror"
    debootstrap --variant=minbase bookworm "$root" "$mirror"
    say "debootstrap took $((SECONDS - started)) s"
else
    say "reusing $root (packages installed by an earlier run stay; --fresh starts over)"
fi

# What a Debian 12 installer sets up: point releases and security updates.
security=${mirror%/debian}/debian-security
[[ "$security" != "$mirror" ]] || security=http://deb.debian.org/debian-security
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
# Packages must not start services in the root (PostgreSQL would listen on
# the host's port 5432, D-Bus would start a system bus); the tests start
# their own PostgreSQL cluster and session bus. Debian's container images do
# the same.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$root/etc/resolv.conf"
grep -qs '^127\.0\.0\.1[[:space:]].*localhost' "$root/etc/hosts" \
    || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >>"$root/etc/hosts"

say "copying ${commit:0:12} into $root/root/chairside"
rm -rf --one-file-system "$root/root/chairside"
mkdir -p "$root/root/chairside"
git -C "$source_dir" archive --format=tar "$commit" | tar -x -C "$root/root/chairside"

environment=(HOME=/root LANG=C.UTF-8 CI=true TERM=dumb
             PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
if [[ -n "$ca" ]]; then
    cp "$ca" "$root/root/extra-ca.crt"
    environment+=(NODE_EXTRA_CA_CERTS=/root/extra-ca.crt npm_config_cafile=/root/extra-ca.crt)
fi
for name in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    [[ -z "${!name:-}" ]] || environment+=("$name=${!name}")
done

mounts=()
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    # Anything still running inside the root (a stray server or daemon)
    # would keep the mounts busy.
    local process pid
    for process in /proc/[0-9]*; do
        [[ "$(readlink "$process/root" 2>/dev/null)" == "$root" ]] || continue
        pid=${process#/proc/}
        say "stopping process $pid left in the root: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
        kill -KILL "$pid" 2>/dev/null || true
    done
    local i
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[i]}" || umount --lazy "${mounts[i]}" || true
    done
}
trap cleanup EXIT
mount_into() { # mount_into TARGET MOUNT-ARGS...
    local target="$root$1"
    shift
    mkdir -p "$target"
    mount "$@" "$target"
    mounts+=("$target")
}
mount_into /proc -t proc proc
mount_into /sys -t sysfs sysfs
mount_into /dev --bind /dev
mount_into /dev/pts --bind /dev/pts
mount_into /dev/shm --bind /dev/shm

say "running packaging/run-tests.sh in $root"
run_started=$SECONDS
status=0
chroot "$root" /usr/bin/env -i "${environment[@]}" \
    /bin/bash -c 'cd /root/chairside && packaging/run-tests.sh' || status=$?
say "in the root: Node.js $(chroot "$root" node --version 2>/dev/null || echo missing)," \
    "oidc-provider $(chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin node -p \
        'require("/root/chairside/tests/auth/oidc-server/node_modules/oidc-provider/package.json").version' \
        2>/dev/null || echo missing)"
say "run-tests.sh exited with $status after $((SECONDS - run_started)) s" \
    "($((SECONDS - started)) s in all)"
exit "$status"
