#!/usr/bin/env bash
# Browser tests: starts `smpolicy serve --demo` on a free loopback port with a throwaway
# data directory, runs every *.test.mjs here in Debian's Chromium through playwright-core,
# then stops the server. Usage: tests/browser/run.sh path/to/smpolicy
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
data="$(mktemp -d)"
log="$data/serve.log"
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi
"$binary" serve --demo --data "$data/db" --listen 127.0.0.1:0 > "$log" 2>&1 &
server=$!
for _ in $(seq 100); do
  grep -q "serving on" "$log" && break
  sleep 0.1
done
url="$(grep -o 'http://[0-9.:]*/' "$log" | head -1)"
[ -n "$url" ] || { echo "the server did not start:"; cat "$log"; exit 1; }
cd "$here"
SMPOLICY_URL="$url" node --test --test-concurrency=1 ./*.test.mjs
