#!/usr/bin/env bash
# Fails when a C++ file of ours differs from what .clang-format makes of it, naming each file
# and the first lines that differ, and how to fix them. Files: those git tracks, plus new ones
# git does not ignore (outside a git checkout: every .cpp/.h under the source folders).
# Usage: check_format.sh SOURCE_DIR
set -u
src=$1
cd "$src" || exit 2
format=$(command -v clang-format || command -v clang-format-14)
if [[ -z $format ]]; then
  if [[ ${CI:-} == true ]]; then
    echo "FAIL: clang-format is not installed (Debian package clang-format; ./setup.sh installs it)"
    exit 1
  fi
  echo "SKIP: clang-format is not installed (Debian package clang-format)"
  exit 77
fi

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <( (git ls-files '*.cpp' '*.h'; git ls-files --others --exclude-standard '*.cpp' '*.h') | sort -u)
else
  mapfile -t files < <(find app backend-client bench models proto server tests ui -name node_modules -prune -o \( -name '*.cpp' -o -name '*.h' \) -print | sort)
fi
bad=0
for f in "${files[@]}"; do
  [[ -f $f ]] || continue # deleted in the work tree
  out=$("$format" --dry-run --Werror "$f" 2>&1) && continue
  bad=$((bad + 1))
  echo "$out" | head -n 6
done
echo "checked ${#files[@]} files with $("$format" --version | head -n1): $bad not formatted"
if ((bad > 0)); then
  echo "fix: clang-format -i FILE... (the style is .clang-format at the root)"
  exit 1
fi
