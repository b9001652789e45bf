#!/usr/bin/env bash
# Load benchmark of `smpolicy serve` on loopback, bounded in time and connections:
#  1. POST /api/check with a 280-character post, signed in, through wrk (Debian);
#  2. the server time of each page (its Server-Timing header), 20 requests each.
# Usage: bench/serve_load.sh [BUILD_DIR] (default build). DURATION (s), CONNECTIONS, THREADS
# may be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
binary="$build/smpolicy"
duration="${DURATION:-15}" connections="${CONNECTIONS:-32}" threads="${THREADS:-2}"
work="$(mktemp -d)"
trap 'kill ${server:-} 2>/dev/null || true; rm -rf "$work"' EXIT
"$binary" serve --demo --data "$work/db" --listen 127.0.0.1:0 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "serving on" "$work/serve.log" && break; sleep 0.1; done
url="$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)"

sign_in() {
  local body
  body="$(curl -sS -D "$work/headers" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo-password\"}" "$url/api/session")"
  CSRF="$(printf '%s' "$body" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')"
  COOKIE="$(grep -i '^set-cookie:' "$work/headers" | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')"
  export CSRF COOKIE
}

echo "== POST /api/check, 280 characters: wrk -t$threads -c$connections -d${duration}s on $(nproc) cores =="
sign_in teacher
wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 5s -s bench/serve_check.lua "$url/api/check"

echo "== page server time (Server-Timing, ms over 20 requests: median / max) =="
sign_in head
for page in / /check /contact /policy /people /consents /declarations /accounts /audit /reports; do
  for _ in $(seq 20); do
    curl -s -o /dev/null -D - -H "Cookie: $COOKIE" "$url$page" | tr -d '\r' | sed -n 's/^Server-Timing: app;dur=//ip'
  done | sort -n | awk -v page="$page" '{ v[NR] = $1 } END { printf "%-14s %6.2f / %6.2f\n", page, v[int((NR + 1) / 2)], v[NR] }'
done
