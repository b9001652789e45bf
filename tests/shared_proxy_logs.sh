#!/usr/bin/env bash
# Checks that every proxy log written by real servers in ../shared/data/proxy-logs/ parses
# with no unreadable line and in the format it was written in. Not part of the suite:
# shared/ belongs to the workplace, not the project, so this skips cleanly without it.
#   bash tests/shared_proxy_logs.sh [path/to/smpolicy]      (default: build/smpolicy)
set -u
cd "$(dirname "$0")/.."
bin=${1:-build/smpolicy}
dir=../shared/data/proxy-logs
if [ ! -d "$dir" ]; then
  echo "SKIP: $dir is absent"
  exit 0
fi
pass=0 failed=0
declare -A want=([squid-native.log]=squid [squid-combined.log]=combined [e2guardian-native.log]=e2guardian)
for log in "$dir"/*.log; do
  name=$(basename "$log")
  json=$("$bin" monitor "$log" --policy salterlee-2017 --report json 2>/dev/null)
  status=$?
  format=${want[$name]:-}
  if [ "$status" -eq 0 ] && [[ "$json" == *'"unreadable":0,'* ]] && { [ -z "$format" ] || [[ "$json" == *"\"format\":\"$format\""* ]]; }; then
    pass=$((pass + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name (status $status)"
  fi
done
echo "shared proxy logs: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
