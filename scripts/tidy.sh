#!/usr/bin/env bash
# Runs clang-tidy-14 with .clang-tidy over every source file of ours in
# BUILD_DIR/compile_commands.json (headers through HeaderFilterRegex);
# exits 1 on any finding. Needs a configured build (scripts/setup.sh, or
# `cmake -S . -B build`): CMakeLists.txt exports compile_commands.json.
#   scripts/tidy.sh [FILE...]       default: every .cpp in the build
# Env: NEWSDEX_BUILD_DIR (default build), NEWSDEX_TIDY_JOBS (default nproc).
# A finding that is wrong for this code gets `// NOLINT(check-name): why` on its
# line; a check that is noise for the whole tree is disabled in .clang-tidy,
# with its reason there.
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_TIDY=${CLANG_TIDY:-clang-tidy-14}
BUILD_DIR=${NEWSDEX_BUILD_DIR:-build}
if ! command -v "$CLANG_TIDY" >/dev/null; then
  echo "tidy: $CLANG_TIDY not found (scripts/setup.sh installs it: apt-get install clang-tidy-14)" >&2
  exit 2
fi
if [ ! -f "$BUILD_DIR/compile_commands.json" ]; then
  echo "tidy: no $BUILD_DIR/compile_commands.json: configure first (cmake -S . -B $BUILD_DIR)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/findings
# A copy of the compile commands (absolute paths), so that a configure of the
# build directory while this runs (scripts/test.sh runs it in the background)
# cannot hand clang-tidy a half-written file.
cp "$BUILD_DIR/compile_commands.json" "$work/compile_commands.json"
if [ $# -gt 0 ]; then
  files=("$@")
else
  # Our translation units, not the generated ones of the build directory.
  mapfile -t files < <(python3 -c '
import json, os, sys
root = os.getcwd() + "/"
for e in json.load(open(sys.argv[1])):
    f = os.path.normpath(os.path.join(e["directory"], e["file"]))
    if f.startswith(root) and not os.path.relpath(f, root).startswith("build"):
        print(os.path.relpath(f, root))' "$work/compile_commands.json" | sort -u)
fi
# g++-only flags of the compile commands (-Wno-restrict) are unknown to clang.
printf '%s\0' "${files[@]}" |
  xargs -0 -n 1 -P "${NEWSDEX_TIDY_JOBS:-$(nproc)}" "$CLANG_TIDY" -p "$work" --quiet \
    --extra-arg=-Wno-unknown-warning-option >"$out" 2>/dev/null || true
# A header's finding is reported once per file that includes it: once is enough.
findings=$(grep -E '^[^ ].*:[0-9]+:[0-9]+: (warning|error):' "$out" | sort -u || true)
if [ -n "$findings" ]; then
  echo "$findings" >&2
  echo "tidy: $(echo "$findings" | wc -l) finding(s) in ${#files[@]} files (.clang-tidy; details: $CLANG_TIDY -p $BUILD_DIR FILE)" >&2
  exit 1
fi
echo "tidy: ${#files[@]} files clean in $((SECONDS / 60)) min $((SECONDS % 60)) s"
