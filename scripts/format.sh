#!/usr/bin/env bash
# Formats C++ sources in place as .clang-format says (clang-format-14).
#   scripts/format.sh [FILE...]     default: every tracked *.h / *.cpp
# scripts/check_format.sh checks without changing anything.
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format-14}
if ! command -v "$CLANG_FORMAT" >/dev/null; then
  echo "format: $CLANG_FORMAT not found (scripts/setup.sh installs it: apt-get install clang-format-14)" >&2
  exit 2
fi
if [ $# -gt 0 ]; then files=("$@"); else mapfile -t files < <(git ls-files '*.h' '*.cpp'); fi
[ ${#files[@]} -gt 0 ] || exit 0
printf '%s\0' "${files[@]}" | xargs -0 -n 16 -P "$(nproc)" "$CLANG_FORMAT" -i --style=file
