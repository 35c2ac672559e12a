#!/usr/bin/env bash
# Installs the Debian 12 packages Chairside needs, and only those that are
# missing, so a second run does not touch apt at all.
#
#   packaging/debian-setup.sh           build and run the app
#   packaging/debian-setup.sh --tests   also what the test suite needs
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev libical-dev libgl-dev
    # libpq itself: SCRAM password verifiers for enrolling PCs (core/server).
    libpq-dev
    # SQLite's header: the day's read on QSQLITE's own connection (core/store).
    libsqlite3-dev
)
test_packages=(
    # A display for GUI tests, a session bus and keyring for QtKeychain, a
    # throwaway PostgreSQL cluster for the shared book, and ip(8) for the
    # network namespace in which the loopback receiver's test has an address
    # other than loopback to try.
    xvfb xauth dbus gnome-keyring postgresql iproute2
    # The openssl CLI makes the test cluster's CA and server certificate
    # (tests/server/postgres-cluster.sh).
    openssl
    # The layout check (tests/checkformat.sh).
    clang-format
    # Many PCs through a connection pool in transaction mode
    # (tests/server/pgbouncer.sh).
    pgbouncer
    # bench_firstsync's floor: psql \copy to CSV, then sqlite3 .import.
    sqlite3
)

for arg in "$@"; do
    case "$arg" in
    --tests) packages+=("${test_packages[@]}"); want_node=1 ;;
    -h|--help)
        sed -n '2,7s/^# \{0,1\}//p' "$0"
        exit 0 ;;
    *)
        echo "debian-setup.sh: unknown option '$arg' (try --help)" >&2
        exit 2 ;;
    esac
done

# The sign-in tests run a real OpenID provider (oidc-provider via npm) on
# Node.js 18 or later, so Debian 12's own nodejs will do. A node or npm that
# is already there is kept: NodeSource's nodejs bundles npm and conflicts
# with Debian's npm package, so npm is added only when the command is missing.
if [[ ${want_node:-0} -eq 1 ]]; then
    command -v node >/dev/null || packages+=(nodejs)
    command -v npm >/dev/null || packages+=(npm)
    if command -v node >/dev/null \
        && (( $(node -p 'process.versions.node.split(".")[0]') < 18 )); then
        echo "debian-setup.sh: Node.js $(node --version) is too old for the sign-in tests (need 18 or later)" >&2
    fi
fi

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [[ "$status" == installed ]] || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "debian-setup.sh: all ${#packages[@]} packages are already installed."
    exit 0
fi

# Root runs apt-get directly (containers and CI often have no sudo).
as_root=()
if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null; then
        echo "debian-setup.sh: missing packages: ${missing[*]}" >&2
        echo "Run this script as root, or install sudo." >&2
        exit 1
    fi
    as_root=(sudo)
fi

echo "debian-setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
