#!/usr/bin/env bash
# Cold start to first painted dashboard on the embedded default, and RSS after a run of the
# simulated world. Usage: bench/startup/measure.sh BUILD_DIR [RUNS] [RSS_SECONDS]
# Prints each run, then the median; runs offscreen (no display needed).
set -euo pipefail
build="${1:-build}"; runs="${2:-7}"; rss_seconds="${3:-600}"
console="$build/app/pxp-console"
export QT_QPA_PLATFORM=offscreen
times=()
for i in $(seq "$runs"); do
  ms=$(PXP_STARTUP_PROBE=exit HOME=$(mktemp -d) "$console" 2>/dev/null | sed -n 's/.*painted \([0-9]*\) ms.*/\1/p')
  echo "run $i: first dashboard painted after ${ms} ms"
  times+=("$ms")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median cold start: " a[int((NR+1)/2)] " ms (" NR " runs)"}'

if [ "$rss_seconds" -gt 0 ]; then
  HOME=$(mktemp -d) "$console" >/dev/null 2>&1 &
  pid=$!
  for t in 10 60 $rss_seconds; do
    [ "$t" -le "$rss_seconds" ] || continue
    while [ "$(( $(date +%s) - $(stat -c %Y /proc/$pid) ))" -lt "$t" ]; do sleep 5; done
    echo "RSS after ${t} s: $(awk '/VmRSS/ {print int($2/1024) " MB"}' /proc/$pid/status)"
  done
  kill "$pid"
fi
