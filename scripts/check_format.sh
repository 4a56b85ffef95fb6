#!/usr/bin/env bash
# Checks that every tracked *.h and *.cpp is formatted as .clang-format says
# (clang-format-14, the one of Debian 12: another version formats differently).
# Prints the files that differ and the command that fixes them; exits 1 if any.
#   scripts/check_format.sh [FILE...]     default: every tracked *.h / *.cpp
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format-14}
if ! command -v "$CLANG_FORMAT" >/dev/null; then
  echo "check_format: $CLANG_FORMAT not found (scripts/setup.sh installs it: apt-get install clang-format-14)" >&2
  exit 2
fi
if [ $# -gt 0 ]; then files=("$@"); else mapfile -t files < <(git ls-files '*.h' '*.cpp'); fi
[ ${#files[@]} -gt 0 ] || exit 0

# One clang-format per file, two at a time; a file that differs prints its name.
mapfile -t bad < <(printf '%s\0' "${files[@]}" |
  xargs -0 -n 1 -P "$(nproc)" sh -c '"$0" --dry-run --Werror "$1" >/dev/null 2>&1 || echo "$1"' "$CLANG_FORMAT" |
  sort)
if [ ${#bad[@]} -gt 0 ]; then
  echo "check_format: ${#bad[@]} file(s) not formatted as .clang-format says:" >&2
  printf '  %s\n' "${bad[@]}" >&2
  if [ ${#bad[@]} -le 8 ]; then fix="scripts/format.sh ${bad[*]}"; else fix="scripts/format.sh"; fi
  echo "fix them with: $fix" >&2
  exit 1
fi
echo "check_format: ${#files[@]} files formatted"
