#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install dependencies, build, show smpolicy's
# own introduction, then serve the web app on 127.0.0.1:8080 with an invented demo school
# (sign in as teacher, head, dsl, office, it, governor or trust; password demo-password).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
echo
./build/smpolicy
echo
exec ./build/smpolicy serve --demo
