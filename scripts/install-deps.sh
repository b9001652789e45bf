#!/usr/bin/env bash
# Installs what smpolicy needs to build and test, from Debian 12's packages. Idempotent
# and non-interactive; run as root (or with sudo available).
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libgtest-dev libgmock-dev libbenchmark-dev
  libtomlplusplus-dev nlohmann-json3-dev libcctz-dev tzdata
  libsodium-dev libutf8proc-dev libvectorscan-dev libsqlite3-dev sqlite3 zlib1g-dev
  libpqxx-dev postgresql postgresql-client
  clang-16 libclang-rt-16-dev
  libcpp-httplib-dev curl chromium wrk
)
# Node.js runs the browser tests (playwright-core); Debian's own package when none is there.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
