#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz/ (ASan + UBSan, clang-14): builds
# build-fuzz/ when needed, makes the seeds from ../shared/corpora, then fuzzes
# one target or all of them, one after the other, SECONDS each. Each keeps
# its corpus in build-fuzz/corpus/TARGET (it grows run after run); a crash
# is written to build-fuzz/artifacts/TARGET/ and makes the script exit 1.
#
# Usage: scripts/fuzz.sh [TARGET|all] [SECONDS]      (defaults: all, 60)
# Env:   NEWSDEX_FUZZ_SEED=N   libFuzzer's -seed: the same mutations every run
#        NEWSDEX_FUZZ_FRESH=1  start from the seeds only, in a scratch corpus
#                              (build-fuzz/fresh-corpus/), as scripts/test.sh does
#        NEWSDEX_FUZZ_ARGS     more libFuzzer options ("-max_len=2000")
# Targets, input layouts and checks: tests/fuzz/fuzz_entries.h; results so
# far: docs/reliability.md. A crash input becomes a regression: see there.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=(json_record text_article dates query analyzer snippet entities stored_fields facet_columns
         html feed warc archive csv)
target=${1:-all}
seconds=${2:-60}
if [ "$target" != all ] && [[ ! " ${TARGETS[*]} " =~ " $target " ]]; then
  echo "fuzz: unknown target '$target' (one of: ${TARGETS[*]}, all)" >&2
  exit 2
fi
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "fuzz: SECONDS must be a positive number, not '$seconds'" >&2
  exit 2
fi
[ "$target" = all ] && run=("${TARGETS[@]}") || run=("$target")

shared=../shared/corpora
if [ ! -d "$shared" ]; then
  echo "fuzz: $shared is missing: the seeds are made from the shared corpora" >&2
  exit 2
fi
for tool in clang++-14 python3 zstd; do
  command -v "$tool" >/dev/null || { echo "fuzz: $tool is missing (scripts/setup.sh installs it)" >&2; exit 2; }
done

# ---- build (incremental; ccache when there is one)
B=build-fuzz
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# Two fuzz.sh started together (one per core) take turns to build and make
# the seeds: the second waits for the first and then finds nothing to do.
mkdir -p "$B"
exec {build_lock}>"$B/.build-lock"
flock "$build_lock"
if [ ! -f "$B/CMakeCache.txt" ]; then
  CXX=clang++-14 cmake -S . -B "$B" -DNEWSDEX_FUZZ=ON -DNEWSDEX_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "${launcher[@]}" >/dev/null
fi
cmake --build "$B" -j"$(nproc)" --target fuzzers >"$B/fuzz-build.log" 2>&1 || {
  tail -40 "$B/fuzz-build.log" >&2
  echo "fuzz: build failed (whole log: $B/fuzz-build.log)" >&2
  exit 2
}

# new_delete_type_mismatch=0: libxapian (built by gcc) frees an object of its
# own with a size clang's ASan disagrees with, inside Database::check, which
# the indexer runs before every compaction; the check is off only here, where
# libxapian runs under clang (the gcc ASan pass of scripts/test.sh keeps it).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}:new_delete_type_mismatch=0"
# ---- seeds: made from the shared corpora (never kept in the repository),
# remade when the seed maker changes
seeds=$B/seeds
if [ ! -f "$seeds/.done" ] || [ tests/fuzz/make_seeds.py -nt "$seeds/.done" ]; then
  echo "fuzz: making seeds from $shared" >&2
  python3 tests/fuzz/make_seeds.py "$shared" "$seeds" >&2
  touch "$seeds/.done"
fi
# The real facet columns file of the target's tiny database (written by the
# indexer at start-up of the target itself).
if [ ! -f "$seeds/facet_columns/indexer-written" ]; then
  NEWSDEX_FUZZ_SEED_DIR="$seeds/facet_columns" "$B/tests/fuzz/fuzz_facet_columns" -runs=0 >/dev/null 2>&1
fi
flock -u "$build_lock"  # built and seeded: the fuzzers themselves may run side by side

dict_of() {
  case $1 in
    json_record) echo tests/fuzz/json.dict ;;
    query|snippet) echo tests/fuzz/query.dict ;;
    dates) echo tests/fuzz/dates.dict ;;
    html) echo tests/fuzz/html.dict ;;
    feed) echo tests/fuzz/feed.dict ;;
    warc) echo tests/fuzz/warc.dict ;;
    archive) echo tests/fuzz/archive.dict ;;
  esac
}

# Scratch databases of the targets go here, one directory per target so that
# two targets can run at once, cleared per run (a crash skips a target's own
# clean-up).
tmp_root=$PWD/$B/tmp
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

status=0
summary=()
for t in "${run[@]}"; do
  if [ "${NEWSDEX_FUZZ_FRESH:-0}" = 1 ]; then corpus=$B/fresh-corpus/$t; rm -rf "$corpus"; else corpus=$B/corpus/$t; fi
  artifacts=$B/artifacts/$t
  log=$B/logs/$t.log
  mkdir -p "$corpus" "$artifacts" "$B/logs"
  export TMPDIR=$tmp_root/$t
  rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
  inputs=("$corpus")
  for d in "$seeds/$t" "tests/fuzz/seeds/$t" "tests/fuzz/regressions/$t"; do [ -d "$d" ] && inputs+=("$d"); done
  opts=(-max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$artifacts/")
  [ -n "${NEWSDEX_FUZZ_SEED:-}" ] && opts+=(-seed="$NEWSDEX_FUZZ_SEED")
  dict=$(dict_of "$t")
  [ -n "$dict" ] && opts+=(-dict="$dict")
  # shellcheck disable=SC2206
  extra=(${NEWSDEX_FUZZ_ARGS:-})
  echo "fuzz: $t for ${seconds}s (corpus $corpus, log $log)" >&2
  TIMEFORMAT='%U %S'
  rc=0
  { time "$B/tests/fuzz/fuzz_$t" "${opts[@]}" "${extra[@]}" "${inputs[@]}" >"$log" 2>&1 || rc=$?; } 2>"$B/logs/$t.time"
  read -r user sys <"$B/logs/$t.time"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.0f", u+s}')
  line="$t: ${execs:-?} execs, ${cov:-no coverage line}, $cpu s CPU, corpus $(find "$corpus" -type f | wc -l) inputs"
  if [ "$rc" -ne 0 ]; then
    status=1
    crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    line+=" -- FAILED (exit $rc): ${crash:-no artifact written}; see $log"
    grep -m3 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|what\(\):' "$log" >&2 || true
  fi
  summary+=("$line")
  rm -rf "$TMPDIR"
done

printf 'fuzz: %s\n' "${summary[@]}" >&2
if [ "$status" -ne 0 ]; then
  echo "fuzz: a target failed; reproduce with $B/tests/fuzz/fuzz_TARGET ARTIFACT, and keep the input as" \
       "tests/fuzz/regressions/TARGET/NAME once fixed (docs/reliability.md)" >&2
fi
exit "$status"
