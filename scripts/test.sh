#!/usr/bin/env bash
# README command (2): installs what is missing, builds, and runs the whole test
# suite: the format check (scripts/check_format.sh, clang-format-14), clang-tidy
# over the whole tree in the background (scripts/tidy.sh, one job at nice 19,
# its result checked at the end), then unit and end-to-end tests under AddressSanitizer + UBSan (Debug build,
# build-asan/), the unit tests under ThreadSanitizer (build-tsan/),
# then every test case again with ctest on the -Werror Release build
# (build/; each doctest case is a ctest test, run in parallel), then the install test (cmake --install into a fresh prefix, man
# pages, shell completions; as root, the .deb installed, used and removed:
# tests/install/install_test.sh), then a short run of every fuzz target
# (clang-14 build in build-fuzz/, seeds from ../shared/corpora, a fixed -seed;
# scripts/fuzz.sh).
#   scripts/test.sh               NEWSDEX_NO_FORMAT_CHECK=1 skips the format check,
#                                 NEWSDEX_NO_TSAN=1 skips the ThreadSanitizer pass,
#                                 NEWSDEX_NO_SANITIZE=1 skips the ASan + UBSan pass,
#                                 NEWSDEX_NO_TIDY=1 skips clang-tidy,
#                                 NEWSDEX_NO_INSTALL=1 the install test,
#                                 NEWSDEX_NO_FUZZ=1 the fuzzing
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

# Each step's wall time on stderr, so that a run shows where its time went
# (CI's budget is 90 minutes on machines of varying speed).
step_start=$SECONDS
step_done() {
  echo "test.sh: $1: $(((SECONDS - step_start) / 60)) min $(((SECONDS - step_start) % 60)) s" \
       "(total $((SECONDS / 60)) min $((SECONDS % 60)) s)" >&2
  step_start=$SECONDS
}

# The packages (clang-format-14 among them), then the cheapest check first.
NEWSDEX_SKIP_BUILD=1 scripts/setup.sh
if [ "${NEWSDEX_NO_FORMAT_CHECK:-0}" != 1 ]; then
  scripts/check_format.sh
fi
step_done "packages and format check"

# clang-tidy over build/compile_commands.json. It runs in the background, one
# file at a time at the lowest priority, from here on, so that it takes the
# core the single-process test runs below (ASan, TSan, fuzzing) leave idle
# (docs/architecture.md, "Style and static checks", has the cost); its result
# is checked at the end. The Release build is configured first for its
# compile commands (tidy needs no built file: nothing generated is a header).
tidy_pid=
if [ "${NEWSDEX_NO_TIDY:-0}" != 1 ]; then
  mkdir -p build
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNEWSDEX_WERROR=ON >/dev/null
  # Its own process group (setsid), so that a failing step stops all of it.
  NEWSDEX_TIDY_JOBS=1 setsid nice -n 19 scripts/tidy.sh >build/tidy.log 2>&1 &
  tidy_pid=$!
  trap 'if [ -n "$tidy_pid" ]; then kill -- -"$tidy_pid" 2>/dev/null || true; fi' EXIT
fi

# The two tools and the two test programs only: the bench and evaluation
# programs are built (and warned on) by the Release build below, and none of
# them runs here.
if [ "${NEWSDEX_NO_SANITIZE:-0}" != 1 ]; then
  NEWSDEX_BUILD_DIR=build-asan NEWSDEX_BUILD_TYPE=Debug \
    NEWSDEX_BUILD_TARGETS="newsdex-index newsdex-search unit_tests e2e_tests" \
    NEWSDEX_CMAKE_ARGS="-DNEWSDEX_WERROR=ON -DNEWSDEX_SANITIZE=ON -DNEWSDEX_MAN=OFF" scripts/setup.sh
  step_done "ASan + UBSan build"
  # Every unit test and every end-to-end test but the whole-BBC one (2,225
  # articles take minutes under ASan; the Release pass below runs it).
  export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1
  build-asan/tests/unit_tests
  build-asan/tests/e2e_tests --test-case-exclude='*BBC corpus*'
  step_done "ASan + UBSan unit and e2e tests"
fi

# ThreadSanitizer over the unit tests: the indexing pipeline's threads
# (tests/indexer) and the counting threads (tests/searcher) run there on real
# databases. halt_on_error: the first race fails the run, with both stacks.
if [ "${NEWSDEX_NO_TSAN:-0}" != 1 ]; then
  NEWSDEX_BUILD_DIR=build-tsan NEWSDEX_BUILD_TYPE=Debug NEWSDEX_BUILD_TARGETS=unit_tests \
    NEWSDEX_CMAKE_ARGS="-DNEWSDEX_WERROR=ON -DNEWSDEX_TSAN=ON -DNEWSDEX_MAN=OFF" scripts/setup.sh
  step_done "TSan build"
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build-tsan/tests/unit_tests
  step_done "TSan unit tests"
fi

NEWSDEX_CMAKE_ARGS="-DNEWSDEX_WERROR=ON" scripts/setup.sh
step_done "Release build"
ctest --test-dir build --output-on-failure -j"$jobs"
step_done "Release ctest"

if [ "${NEWSDEX_NO_INSTALL:-0}" != 1 ]; then
  tests/install/install_test.sh build
  step_done "install test"
fi

# Fuzzing: each target 20 s from the seeds alone, with a fixed -seed, so a
# run mutates the same way every time (scripts/fuzz.sh fuzzes longer).
if [ "${NEWSDEX_NO_FUZZ:-0}" != 1 ]; then
  NEWSDEX_FUZZ_SEED=1 NEWSDEX_FUZZ_FRESH=1 scripts/fuzz.sh all 20
  step_done "fuzzing (clang build and 14 targets)"
fi

if [ -n "$tidy_pid" ]; then
  tidy_rc=0
  wait "$tidy_pid" || tidy_rc=$?
  tidy_pid=
  step_done "waiting for clang-tidy"
  cat build/tidy.log >&2
  [ "$tidy_rc" = 0 ] || exit "$tidy_rc"
fi
