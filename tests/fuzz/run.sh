#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, in build-fuzz/) and runs each for
# RUNS inputs (default 1,000,000) from its seed corpus (tests/fuzz/seeds/<target>/ plus the
# inputs it finds, kept in build-fuzz/corpus/<target>/). A crash, a leak, a UBSan report or
# an input slower than 10 s stops that target and leaves the input in build-fuzz/findings/.
# Usage: tests/fuzz/run.sh [RUNS] [TARGET...]      (from the project root)
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_slo_file fuzz_policy_file fuzz_daemon_config fuzz_otlp
                                      fuzz_prometheus_answer fuzz_timeline_import)
dir=build-fuzz
flags="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1"
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DPXP_BUILD_FUZZ=ON -DPXP_BUILD_TESTS=OFF -DPXP_BUILD_BENCH=OFF \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache >/dev/null || exit 2
cmake --build "$dir" -j "$(nproc)" --target "${targets[@]}" || exit 2
mkdir -p "$dir/findings"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for t in "${targets[@]}"; do
  corpus=$dir/corpus/$t
  mkdir -p "$corpus"
  case $t in # what the project ships is the first thing to mutate
    fuzz_slo_file) seeds=resources/config/slos ;;
    fuzz_policy_file) seeds=resources/config/policies ;;
    fuzz_daemon_config) seeds=packaging/daemon ;;
    *) seeds=tests/fuzz/seeds/$t ;;
  esac
  [ -d "$seeds" ] || seeds=
  start=$(date +%s)
  "$dir/tests/fuzz/$t" -runs="$runs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$dir/findings/$t-" "$corpus" $seeds >"$dir/findings/$t.log" 2>&1
  rc=$?
  execs=$(grep -m1 'stat::number_of_executed_units' "$dir/findings/$t.log" | awk '{print $2}')
  echo "$t: exit $rc, ${execs:-?} inputs in $(( $(date +%s) - start )) s$( ((rc != 0)) && echo ", see $dir/findings/$t.log")"
  ((rc == 0)) || failed=1
done
exit "$failed"
