#!/usr/bin/env bash
# Installs what is missing, builds the release preset and runs every test
# (benchmarks are separate: cmake --build --preset release --target bench).
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/debian-setup.sh --tests
# Warnings are errors here, so CI fails on a new one.
cmake --preset release -DCHAIRSIDE_WERROR=ON
cmake --build --preset release -j "$(nproc)"
ctest --preset release -j "$(nproc)"
