#!/usr/bin/env bash
# Compares smpolicy with npm text filters.
#   speed:    obscenity, @2toad/profanity and redact-pii against `smpolicy check`, in MB/s, on a
#             generated corpus of 280-character posts and a generated 2,000-person roster.
#   accuracy: obscenity, bad-words, leo-profanity, @2toad/profanity and `smpolicy check` on the
#             offensive-tweets data set (../shared/data/offensive-tweets), when it is there.
# Needs node and npm; installs the filters from bench/npm/package-lock.json with `npm ci`.
# Writes everything under bench/out/. Run from anywhere: bash bench/npm_compare.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
npm_dir="$root/bench/npm"
out="$root/bench/out"
bin="${SMPOLICY:-$root/build/smpolicy}"
tweets="${TWEETS_CSV:-$root/../shared/data/offensive-tweets/labeled_data.csv}"
mkdir -p "$out"

command -v node >/dev/null && command -v npm >/dev/null || { echo "npm_compare: node and npm are needed" >&2; exit 1; }
if [[ ! -d "$npm_dir/node_modules" || "$npm_dir/package-lock.json" -nt "$npm_dir/node_modules/.package-lock.json" ]]; then
  (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
[[ -x "$bin" ]] || echo "note: $bin not found; smpolicy columns will be skipped"

node "$npm_dir/gen_corpus.js" "$out" "${POSTS:-100000}"
echo
node "$npm_dir/speed.js" "$out/corpus.jsonl" "$out/roster.csv" "$bin" "$out"
echo
if [[ -f "$tweets" ]]; then
  node "$npm_dir/accuracy.js" "$tweets" "$bin" "$out"
else
  echo "Accuracy: $tweets not found, skipped"
fi
