#!/usr/bin/env bash
# Whole-program runs on fixture files: each tests/e2e/cases/NAME.cmd holds the arguments
# (one line; the word SMPOLICY stands for the binary), NAME.expected the expected stdout,
# and NAME.status the expected exit status. Hashes (64 hex digits: audit heads) depend on
# the time of writing, so stdout shows each as HASH. Run from the repository root.
set -u
bin=$(realpath "${1:?usage: run.sh path/to/smpolicy}")
cd "$(dirname "$0")/cases" || exit 1
pass=0 failed=0
for cmd in *.cmd; do
  name=${cmd%.cmd}
  args=$(cat "$cmd")
  actual=$(NO_COLOR=1 eval "${args//SMPOLICY/\"$bin\"}" 2>"/tmp/smpolicy-e2e-$name.err")
  status=$?
  actual=$(sed -E 's/[0-9a-f]{64}/HASH/g' <<<"$actual")
  want_status=$(cat "$name.status" 2>/dev/null || echo 0)
  if [ "$actual" == "$(cat "$name.expected")" ] && [ "$status" == "$want_status" ]; then
    pass=$((pass + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name (status $status, wanted $want_status)"
    diff <(echo "$actual") "$name.expected" | head -20
  fi
done
echo "e2e: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
