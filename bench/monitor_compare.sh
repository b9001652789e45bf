#!/usr/bin/env bash
# Times smpolicy monitor (on one thread, then one a core) against goaccess, calamaris and
# sarg on the same generated Squid native log (2 million lines, 300 staff, 40 school days, mostly CONNECT lines, ~250 MB),
# and `cat` as the floor; prints lines/s and the ratios. Run from the repository root after
# a release build:
#   bash bench/monitor_compare.sh [build-dir]        (default: build)
# LINES=10000000 also measures peak memory (RSS) of smpolicy on a 10-million-line log.
# Installs goaccess, calamaris and sarg from Debian when missing (needs root or sudo).
# Outputs go to bench/out/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin=$build/smpolicy
out=bench/out
lines=${LINES:-2000000}
log=$out/monitor-squid-$((lines / 1000000))m.log
mkdir -p "$out"
[ -x "$bin" ] || { echo "no $bin: build first (cmake --build $build)"; exit 1; }

missing=()
for tool in goaccess calamaris sarg; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -s "$log" ]; then
  echo "generating $log ($lines lines)..."
  python3 bench/gen_squid_log.py "$lines" 300 40 "$log"
fi
count=$(wc -l < "$log")
echo "log: $log, $count lines, $(du -m "$log" | cut -f1) MB; $(nproc) cores; each tool on one run"
cat "$log" > /dev/null  # into the page cache, so every tool reads it from memory

declare -A seconds rss
# Runs one tool; records wall seconds and peak RSS (KB).
measure() {
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$out/time-$name.txt" "$@" > /dev/null 2> "$out/stderr-$name.txt" || true
  read -r seconds[$name] rss[$name] < <(tail -n 1 "$out/time-$name.txt")
}

measure cat cat "$log"
measure smpolicy-1 "$bin" monitor "$log" --policy salterlee-2017 --threads 1 --out "$out/smpolicy-report-1.txt"
measure smpolicy "$bin" monitor "$log" --policy salterlee-2017 --out "$out/smpolicy-report.txt"  # one thread a core
cmp -s "$out/smpolicy-report-1.txt" "$out/smpolicy-report.txt" || echo "warning: the threaded report differs from one thread's"
measure goaccess goaccess "$log" --no-global-config --log-format='%x.%^ %~%L %h %^/%s %b %m %U %e %^' \
  --datetime-format='%s' -o "$out/goaccess-report.html"
measure calamaris sh -c "calamaris -a -n < '$log' > '$out/calamaris-report.txt'"
rm -rf "$out/sarg" && mkdir -p "$out/sarg"
measure sarg sarg -l "$PWD/$log" -o "$PWD/$out/sarg"

rate() { awk -v n="$count" -v s="$1" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
printf "%-10s %9s %14s %16s %10s\n" tool seconds lines/s "time / smpolicy" "peak RSS"
for t in cat smpolicy-1 smpolicy goaccess calamaris sarg; do
  r=$(rate "${seconds[$t]}")
  ratio=$(awk -v a="${seconds[$t]}" -v b="${seconds[smpolicy]}" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }')
  [ "$t" = smpolicy ] && ratio="-"
  printf "%-10s %9s %14s %16s %8s MB\n" "$t" "${seconds[$t]}" "$r" "$ratio" "$((${rss[$t]} / 1024))"
done
