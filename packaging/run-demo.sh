#!/usr/bin/env bash
# Installs what is missing, builds the release preset and opens Chairside on a
# demo salon. Extra arguments go to the app, e.g. --data-dir /tmp/demo.
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/debian-setup.sh
cmake --preset release
cmake --build --preset release --target chairside -j "$(nproc)"
exec build/release/app/chairside/chairside --demo "$@"
