#!/usr/bin/env bash
# Indexing and query speed of newsdex beside Lucene 8 and plain Xapian, on one
# corpus and one query set, in one run (docs/performance.md).
#
#   bench/index_bench.sh [CORPUS.jsonl] [OUTDIR]
#       default corpus: ../shared/corpora/reuters21578/reuters21578.jsonl
#       default OUTDIR: a new directory under /tmp
#
# Per run: newsdex-index under /usr/bin/time -v; newsdex-bench-queries (in
# process: every query once as warm-up, once measured, top 10 with snippets and
# the speaker,country facets); bench/latency.py (whole process: one
# newsdex-search per query over PROC_QUERIES queries); then ../shared/peers/run.sh
# for the peers on the same corpus and queries (make_queries.py, seed 42).
# Writes OUTDIR/summary.tsv (bench/bench_table.py: medians over the runs and
# ratios to Lucene) and prints it.
#
# Environment (defaults in brackets):
#   NEWSDEX_BUILD=DIR      build directory holding the binaries [build/]
#   NEWSDEX_INDEX_ARGS=..  extra newsdex-index options, e.g. "--threads 2" [none]
#   REPEAT=N               runs; the table holds the medians [1]
#   BENCH_PEERS="..."      peers of ../shared/peers [lucene xapian-plain]; "" = none;
#                          lucene is dropped (with a note) when java is missing
#   PROC_QUERIES=N         queries timed as whole processes [300]
#   N_KNOWN=N, N_ENTITY=N  known-item and entity queries of make_queries.py [500, 250]
#   QUERY_SAMPLE=N         make the queries from the first N corpus lines only
#                          (for corpora too big for make_queries.py) [all]
#   KEEP_INDEXES=0|1       keep the indexes of every run [1]
#   COMPACT=0|1            also measure newsdex's index after xapian-compact [1]
#   PEERS_BUILD=DIR        where run.sh builds the Java/C++ peers (reused when
#                          their sources are unchanged) [~/.cache/newsdex-bench/peers-build]
# Exit status: 0 all ran; 1 some system failed (its row is NA; see OUTDIR/run*/);
# 2 bad usage, missing binaries or corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=$ROOT/../shared
CORPUS=${1:-$SHARED/corpora/reuters21578/reuters21578.jsonl}
OUT=${2:-$(mktemp -d /tmp/newsdex-bench.XXXXXX)}
BUILD=${NEWSDEX_BUILD:-$ROOT/build}
REPEAT=${REPEAT:-1}
PEERS=${BENCH_PEERS-lucene xapian-plain}
PROC_QUERIES=${PROC_QUERIES:-300}
KEEP_INDEXES=${KEEP_INDEXES:-1}
COMPACT=${COMPACT:-1}
N_KNOWN=${N_KNOWN:-500}
N_ENTITY=${N_ENTITY:-250}
PEERS_BUILD=${PEERS_BUILD:-${XDG_CACHE_HOME:-$HOME/.cache}/newsdex-bench/peers-build}
FACETS=speaker,country

log() { echo "[index_bench $(date +%H:%M:%S)] $*" >&2; }
die() { echo "index_bench.sh: $*" >&2; exit 2; }

[ -f "$CORPUS" ] || die "no corpus $CORPUS"
CORPUS=$(realpath "$CORPUS")
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "REPEAT must be a positive integer, not '$REPEAT'"
BUILD=$(realpath "$BUILD" 2>/dev/null) || die "no build directory ${NEWSDEX_BUILD:-$ROOT/build}"
for b in newsdex-index newsdex-search newsdex-bench-queries; do
  [ -x "$BUILD/$b" ] || die "no $BUILD/$b (build it: cmake --build build -j2 --target newsdex-index newsdex-search newsdex-bench-queries)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v xapian-delve > /dev/null || die "xapian-delve is missing (apt-get install xapian-tools)"
if [[ " $PEERS " == *" lucene "* ]] && ! command -v java > /dev/null; then
  log "java not found: skipping the lucene peer (ratios to Lucene will be NA)"
  PEERS=$(echo " $PEERS " | sed 's/ lucene / /; s/^ *//; s/ *$//')
fi
mkdir -p "$OUT"
OUT=$(realpath "$OUT")

# The commit the binaries were built from: the source dir recorded in the build.
SRC=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
COMMIT=$(git -C "${SRC:-$ROOT}" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "${SRC:-$ROOT}" status --porcelain --untracked-files=no 2>/dev/null)" ]; then COMMIT="$COMMIT+dirty"; fi

Q=$OUT/queries.tsv
if [ -n "${QUERY_SAMPLE:-}" ]; then
  head -n "$QUERY_SAMPLE" "$CORPUS" > "$OUT/query_sample.jsonl"
  python3 "$SHARED/peers/queries/make_queries.py" "$OUT/query_sample.jsonl" "$Q" --known "$N_KNOWN" --entity "$N_ENTITY" --seed 42 >&2
  rm -f "$OUT/query_sample.jsonl"
else
  python3 "$SHARED/peers/queries/make_queries.py" "$CORPUS" "$Q" --known "$N_KNOWN" --entity "$N_ENTITY" --seed 42 >&2
fi

{
  echo "date	$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "corpus	$CORPUS"
  echo "corpus_bytes	$(stat -c %s "$CORPUS")"
  echo "corpus_lines	$(grep -c . "$CORPUS")"
  echo "queries_n	$(grep -c . "$Q")${QUERY_SAMPLE:+ (from the first $QUERY_SAMPLE lines)}"
  echo "newsdex_build	$BUILD"
  echo "newsdex_commit	$COMMIT"
  echo "newsdex_index_args	${NEWSDEX_INDEX_ARGS:-}"
  echo "peers	$PEERS"
  echo "repeat	$REPEAT"
  echo "nproc	$(nproc)"
  echo "mem_total_kb	$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
  echo "loadavg_start	$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/bench_info.tsv"

FAILED=0
run_newsdex() { # RUNDIR
  local d="$1/newsdex" rc=0
  rm -rf "$d"
  mkdir -p "$d"
  echo "newsdex $COMMIT ($BUILD)" > "$d/version"
  echo "newsdex-index ${NEWSDEX_INDEX_ARGS:-(defaults)}; in-process: newsdex-bench-queries --facets $FACETS --limit 10 (snippets, facets, +N similar); whole process: newsdex-search --facets $FACETS --limit 10, $PROC_QUERIES queries" > "$d/notes"
  log "newsdex-index ${NEWSDEX_INDEX_ARGS:-}"
  # shellcheck disable=SC2086  # NEWSDEX_INDEX_ARGS is a list of options
  /usr/bin/time -v -o "$d/index.time" "$BUILD/newsdex-index" ${NEWSDEX_INDEX_ARGS:-} --db "$d/db" "$CORPUS" \
    > "$d/index.log" 2> "$d/index.err" || rc=$?
  # 1 = some records skipped (reported in index.err); the rest is indexed.
  if [ "$rc" -gt 1 ]; then
    log "newsdex-index FAILED (exit $rc), see $d/index.err"
    return 1
  fi
  [ "$rc" -eq 0 ] || log "newsdex-index skipped $(grep -c ': skipped: ' "$d/index.err") records (exit 1), see $d/index.err"
  du -sb "$d/db" | cut -f1 > "$d/index_bytes"
  # Bytes per Xapian table, and the size after xapian-compact (of a copy, then deleted).
  (cd "$d/db" && stat -c '%n	%s' ./*.glass | sed 's|^\./||') > "$d/index_tables.tsv"
  if [ "$COMPACT" = 1 ] && xapian-compact "$d/db" "$d/db.compacted" > /dev/null 2>&1; then
    du -sb "$d/db.compacted" | cut -f1 > "$d/index_compact_bytes"
  fi
  rm -rf "$d/db.compacted"
  xapian-delve "$d/db" | sed -n 's/^number of documents = //p' > "$d/docs"
  log "newsdex in-process queries"
  /usr/bin/time -v -o "$d/search.time" "$BUILD/newsdex-bench-queries" "$d/db" "$Q" "$d/run" --facets "$FACETS" --limit 10 \
    > "$d/search.log" 2> "$d/search.err" || { log "newsdex-bench-queries FAILED, see $d/search.err"; return 1; }
  log "newsdex whole-process queries ($PROC_QUERIES)"
  python3 "$ROOT/bench/latency.py" "$BUILD/newsdex-search" "$d/db" "$Q" "$d/proc" --n "$PROC_QUERIES" \
    -- --facets "$FACETS" --limit 10 > "$d/proc.log" 2> "$d/proc.err" || { log "latency.py: some queries failed, see $d/proc.err"; return 1; }
}

run_peers() { # RUNDIR
  [ -n "$PEERS" ] || return 0
  log "peers: $PEERS"
  # shellcheck disable=SC2086
  BUILD_DIR="$PEERS_BUILD" "$SHARED/peers/run.sh" "$CORPUS" "$Q" "$1" $PEERS > "$1/peers.log" 2>&1 \
    || { log "peers/run.sh FAILED, see $1/peers.log"; return 1; }
  for p in $PEERS; do
    if grep -q FAILED "$1/$p/notes" 2>/dev/null; then log "peer $p FAILED, see $1/$p/"; return 1; fi
  done
}

for r in $(seq 1 "$REPEAT"); do
  R=$OUT/run$r
  mkdir -p "$R"
  log "run $r of $REPEAT (load $(cut -d' ' -f1-3 /proc/loadavg))"
  # Alternate the order, so a load change during the runs does not always hit the same system.
  if [ $((r % 2)) -eq 1 ]; then
    run_newsdex "$R" || FAILED=1
    run_peers "$R" || FAILED=1
  else
    run_peers "$R" || FAILED=1
    run_newsdex "$R" || FAILED=1
  fi
  # Per-run harness summary (adds MRR@10 / recall@10 of every system).
  # shellcheck disable=SC2086
  python3 "$SHARED/peers/lib/summarize.py" "$R" "$Q" newsdex $PEERS || true
  if [ "$KEEP_INDEXES" != 1 ]; then
    rm -rf "$R/newsdex/db" "$R/lucene/index" "$R/lucene-mt/index" "$R/xapian-plain/db"
  fi
done
echo "loadavg_end	$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/bench_info.tsv"

python3 "$ROOT/bench/bench_table.py" "$OUT" "$CORPUS"
column -t -s $'\t' "$OUT/summary.tsv"
log "results in $OUT (summary.tsv, bench_info.tsv, run*/)"
exit "$FAILED"
