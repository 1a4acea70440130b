#!/usr/bin/env bash
# Proves that a test needing a real part says so when the part is missing: with a PATH that
# holds no prometheus/promtool, TEST must exit 77 (CTest: skipped) and name what is missing,
# and under CI=true it must exit 1 (failed). Usage: check_missing_part.sh TEST_BINARY WORD
set -u
test=$1 word=$2
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
failed=0

out=$(/usr/bin/env -u CI PATH="$empty" QT_QPA_PLATFORM=offscreen "$test" 2>&1)
rc=$?
if [[ $rc -ne 77 ]]; then echo "FAIL: without $word and outside CI, expected exit 77 (skipped), got $rc"; failed=1; fi
if ! grep -q "SKIP: .*$word" <<<"$out"; then echo "FAIL: the skip does not name $word: $out"; failed=1; fi

out=$(/usr/bin/env CI=true PATH="$empty" QT_QPA_PLATFORM=offscreen "$test" 2>&1)
rc=$?
if [[ $rc -ne 1 ]]; then echo "FAIL: without $word under CI=true, expected exit 1 (failed), got $rc"; failed=1; fi
if ! grep -q "FAIL: .*$word" <<<"$out"; then echo "FAIL: the CI failure does not name $word: $out"; failed=1; fi

((failed == 0)) && echo "ok: skipped (77) outside CI, failed (1) under CI=true, naming $word"
exit "$failed"
