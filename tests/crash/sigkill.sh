#!/usr/bin/env bash
# Crash safety: a stream of writes (declarations through the API) is cut by SIGKILL to the
# server. After a restart on the same data, every write the server acknowledged (201) must
# be there, and the audit chain must verify. Usage: tests/crash/sigkill.sh path/to/smpolicy
set -euo pipefail
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$(mktemp -d)"
trap 'kill -9 ${server:-} 2>/dev/null || true; rm -rf "$work"' EXIT
writers=4 per_writer=400

start() {
  "$binary" serve --demo --data "$work/db" --listen 127.0.0.1:0 > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do grep -q "serving on" "$work/serve.log" && break; sleep 0.1; done
  url="$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)"
  [ -n "$url" ] || { cat "$work/serve.log"; exit 1; }
}

# Signs in as $1; sets $cookie (a curl cookie file) and $csrf.
sign_in() {
  cookie="$work/cookie-$1"
  local body
  body="$(curl -sS -c "$cookie" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo-password\"}" "$url/api/session")"
  csrf="$(printf '%s' "$body" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')"
  [ -n "$csrf" ] || { echo "cannot sign in as $1: $body"; exit 1; }
}

write_stream() {  # writer number: posts declarations, logging each acknowledged one
  for i in $(seq "$per_writer"); do
    local tag="crash-$1-$i" status
    status="$(curl -s -o /dev/null -w '%{http_code}' -b "$cookie" -H "X-CSRF-Token: $csrf" \
      -H 'Content-Type: application/json' -d "{\"kind\":\"other\",\"details\":\"$tag\"}" \
      "$url/api/declarations" || true)"
    [ "$status" = 201 ] && echo "$tag" >> "$work/acked-$1"
    [ "$status" = 000 ] && return 0
  done
}

start
sign_in teacher
for w in $(seq "$writers"); do write_stream "$w" & done
sleep 1.5
kill -9 "$server"
wait "$server" 2>/dev/null || true
wait
acked=$(cat "$work"/acked-* 2>/dev/null | wc -l)
[ "$acked" -gt 0 ] || { echo "no write was acknowledged before the kill"; exit 1; }

start
sign_in head
curl -sS -b "$cookie" "$url/api/declarations" > "$work/after.json"
missing=0
while read -r tag; do
  grep -q "\"$tag\"" "$work/after.json" || { echo "acknowledged but lost: $tag"; missing=$((missing + 1)); }
done < <(cat "$work"/acked-*)
kill "$server"; wait "$server" 2>/dev/null || true
"$binary" audit verify --data "$work/db"
echo "crash: $acked acknowledged writes before SIGKILL, $missing lost"
[ "$missing" -eq 0 ]
