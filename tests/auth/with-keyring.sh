#!/bin/sh
# Runs a command against a real Secret Service of its own: a private D-Bus
# session with gnome-keyring unlocked by a throwaway password, in a
# throwaway HOME and XDG_RUNTIME_DIR. The user's own keyring is never seen.
#
#   tests/auth/with-keyring.sh COMMAND [ARGS...]
#
# Works as root, without a display, without a terminal (CI=true, no stdin).
# Exits with the command's status. Needs the packages dbus and gnome-keyring
# (packaging/debian-setup.sh --tests).
set -eu

if [ $# -eq 0 ]; then
    echo "with-keyring.sh: usage: with-keyring.sh COMMAND [ARGS...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring.sh: '$tool' is missing; install dbus and gnome-keyring" \
             "(packaging/debian-setup.sh --tests)." >&2
        exit 1
    fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/chairside-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
mkdir -m 700 "$scratch/home" "$scratch/runtime"

export HOME="$scratch/home"
export XDG_RUNTIME_DIR="$scratch/runtime"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CACHE_HOME="$HOME/.cache"
# The test reads this to know it is inside a throwaway keyring.
export CHAIRSIDE_TEST_KEYRING_HOME="$HOME"
# Nothing may reach a desktop session's bus or keyring, nor start one.
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY GNOME_KEYRING_CONTROL \
      XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_SESSION_VERSION KDE_FULL_SESSION

# --unlock reads the new login keyring's password from stdin and creates it
# unlocked; the daemon ends with the session bus.
status=0
dbus-run-session -- sh -c '
    printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
        echo "with-keyring.sh: gnome-keyring-daemon could not start" >&2
        exit 1
    }
    exec "$@"
' with-keyring "$@" </dev/null || status=$?
exit "$status"
