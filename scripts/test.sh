#!/usr/bin/env bash
# README command (2): installs what is missing, builds, and runs the whole test
# suite: unit and end-to-end tests under AddressSanitizer + UBSan (Debug build,
# build-asan/), then all of them again with ctest on the -Werror Release build
# (build/), then the install test (cmake --install into a fresh prefix, man
# pages, shell completions; as root, the .deb installed, used and removed:
# tests/install/install_test.sh), then a short run of every fuzz target
# (clang-14 build in build-fuzz/, seeds from ../shared/corpora, a fixed -seed;
# scripts/fuzz.sh).
#   scripts/test.sh               NEWSDEX_NO_SANITIZE=1 skips the sanitizer pass,
#                                 NEWSDEX_NO_INSTALL=1 the install test,
#                                 NEWSDEX_NO_FUZZ=1 the fuzzing
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

if [ "${NEWSDEX_NO_SANITIZE:-0}" != 1 ]; then
  NEWSDEX_BUILD_DIR=build-asan NEWSDEX_BUILD_TYPE=Debug \
    NEWSDEX_CMAKE_ARGS="-DNEWSDEX_WERROR=ON -DNEWSDEX_SANITIZE=ON" scripts/setup.sh
  # Every unit test and every end-to-end test but the whole-BBC one (2,225
  # articles take minutes under ASan; the Release pass below runs it).
  export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1
  build-asan/tests/unit_tests
  build-asan/tests/e2e_tests --test-case-exclude='*BBC corpus*'
fi

NEWSDEX_CMAKE_ARGS="-DNEWSDEX_WERROR=ON" scripts/setup.sh
ctest --test-dir build --output-on-failure -j"$jobs"

if [ "${NEWSDEX_NO_INSTALL:-0}" != 1 ]; then
  tests/install/install_test.sh build
fi

# Fuzzing: each target 20 s from the seeds alone, with a fixed -seed, so a
# run mutates the same way every time (scripts/fuzz.sh fuzzes longer).
if [ "${NEWSDEX_NO_FUZZ:-0}" != 1 ]; then
  NEWSDEX_FUZZ_SEED=1 NEWSDEX_FUZZ_FRESH=1 scripts/fuzz.sh all 20
fi
