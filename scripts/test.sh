#!/usr/bin/env bash
# README command (2): installs what is missing, builds with -Werror, and runs
# the whole test suite (unit + end-to-end), then again under ASan + UBSan.
#   scripts/test.sh               NEWSDEX_NO_SANITIZE=1 skips the sanitizer pass
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

NEWSDEX_CMAKE_ARGS="-DNEWSDEX_WERROR=ON" scripts/setup.sh
ctest --test-dir build --output-on-failure -j"$jobs"

if [ "${NEWSDEX_NO_SANITIZE:-0}" != 1 ]; then
  NEWSDEX_BUILD_DIR=build-asan NEWSDEX_BUILD_TYPE=Debug \
    NEWSDEX_CMAKE_ARGS="-DNEWSDEX_WERROR=ON -DNEWSDEX_SANITIZE=ON" scripts/setup.sh
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"
fi
