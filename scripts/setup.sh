#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install dependencies, build, and run
# smpolicy on its embedded defaults (it explains itself and decides a worked example).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
echo
./build/smpolicy
