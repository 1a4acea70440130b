#!/usr/bin/env bash
# Builds the tree with a sanitizer and runs the CTest suite against it.
#   tests/sanitize.sh asan   AddressSanitizer + UndefinedBehaviorSanitizer, every test (build-asan/)
#   tests/sanitize.sh tsan   ThreadSanitizer, the daemon and client tests (label server|client) (build-tsan/)
# Extra arguments go to ctest (e.g. -R tst_hostile). Slow: a full build each (about 20 min on 2 cores).
set -uo pipefail
cd "$(dirname "$0")/.."
kind=${1:-asan}
shift || true
case $kind in
  asan)
    flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    link="-fsanitize=address,undefined"
    labels=()
    # Qt and gRPC keep process-lifetime singletons: leaks are checked in our code's tests, not
    # theirs (tests/sanitize.supp names the libraries).
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
    export LSAN_OPTIONS=suppressions=$PWD/tests/sanitize.supp:print_suppressions=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    export PXP_TEST_DEADLINE_SCALE=3
    ;;
  tsan)
    flags="-fsanitize=thread -fno-omit-frame-pointer"
    link="-fsanitize=thread"
    labels=(-L 'server|client')
    # die_after_fork=0: QProcess forks a multi-threaded test to start pxpd, prometheus or node.
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:suppressions=$PWD/tests/tsan.supp"
    export PXP_TEST_DEADLINE_SCALE=10
    ;;
  *) echo "usage: $0 asan|tsan [ctest args]" >&2; exit 2 ;;
esac
dir=build-$kind
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPXP_BUILD_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$link" \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache \
  -DPXP_TEST_TIMEOUT_SCALE="$PXP_TEST_DEADLINE_SCALE" >/dev/null || exit 2
cmake --build "$dir" -j "$(nproc)" || exit 2
QT_QPA_PLATFORM=offscreen ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" "${labels[@]}" "$@"
