#!/usr/bin/env bash
# Runs every test: installs dependencies, then builds twice (warnings as errors; and
# with AddressSanitizer + UndefinedBehaviorSanitizer) and runs the whole suite in each,
# then runs every libFuzzer harness for a bounded time (FUZZ_SECONDS each, default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)

# The store's tests run on SQLite and on PostgreSQL: a throwaway cluster for this run.
scripts/pg-test-server.sh stop
trap 'scripts/pg-test-server.sh stop' EXIT
SMPOLICY_TEST_POSTGRES_URL=$(scripts/pg-test-server.sh start)
export SMPOLICY_TEST_POSTGRES_URL

echo "== release build (warnings are errors) =="
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSMPOLICY_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== sanitizer build (ASan + UBSan) =="
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSMPOLICY_WERROR=ON \
  -DSMPOLICY_SANITIZE=ON -DSMPOLICY_BENCH=OFF >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

echo "== fuzzing (libFuzzer, ASan + UBSan, ${FUZZ_SECONDS:-60} s per harness) =="
CXX=clang++-16 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSMPOLICY_FUZZ=ON \
  -DSMPOLICY_SANITIZE=ON -DSMPOLICY_BENCH=OFF >/dev/null
cmake --build build-fuzz -j "$jobs" --target fuzz_all
fuzz_failed=0 fuzz_passed=0
for harness in build-fuzz/*_fuzz; do
  name=$(basename "$harness")
  corpus=$(mktemp -d)
  [ -d "tests/fuzz/$name" ] && cp -r "tests/fuzz/$name/." "$corpus/"
  if "$harness" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      "$corpus" > "build-fuzz/$name.log" 2>&1; then
    fuzz_passed=$((fuzz_passed + 1))
    echo "$name: $(grep -o 'Done [0-9]* runs' "build-fuzz/$name.log")"
  else
    fuzz_failed=$((fuzz_failed + 1))
    echo "$name FAILED:"; tail -30 "build-fuzz/$name.log"
  fi
  rm -rf "$corpus"
done
echo "fuzz: $fuzz_passed passed, $fuzz_failed failed"
[ "$fuzz_failed" -eq 0 ]
