#!/usr/bin/env bash
# A bulk load into a database that already holds articles: one writer
# against a sharded load merged with the database, in one run
# (docs/performance.md, "Sharded bulk loads").
#
#   bench/shards_append.sh [CORPUS.jsonl] [OUTDIR]
#       default corpus: ../shared/corpora/reuters21578/reuters21578.jsonl
#       default OUTDIR: a new directory under /tmp
#
# The corpus's first BASE_SHARE of lines go into a base database, indexed
# once with one writer (row "base"); the other lines are the load. Then,
# REPEAT times round-robin, each on both cores (taskset -c 0,1), under
# /usr/bin/time -v, into a copy of the base database (cp -a, not timed):
#   append-shards1   --shards 1: one writer, and its compaction at the end
#                    when due (a load of a fifth or more of the articles)
#   append-shardsN   --shards N: the run's cluster index seeded from the
#                    database, N shard writers, the merge with the database
#   compact          `newsdex-index compact` of append-shards1's result: what
#                    rewriting the whole database costs on its own
#   one-shardsN      --shards N with the load's first article only: the fixed
#                    cost of a sharded load into this database (the cluster
#                    index seeded, the merge, the facet columns)
# The table holds the medians (wall s, user+sys CPU s, peak RSS MiB,
# database bytes, load average at start and end); every run is in
# OUTDIR/runs.tsv, each run's summary line in OUTDIR/NAME-K/err.
#
# Environment (defaults in brackets):
#   NEWSDEX_BUILD=DIR   build directory holding newsdex-index [build/]
#   REPEAT=N            rounds [1]
#   SHARDS=N            shard writers of the sharded row [2]
#   BASE_SHARE=F        share of the corpus's lines in the base database [0.5]
# Exit status: 0 all ran; 1 a run failed (see OUTDIR/NAME-K/err); 2 bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CORPUS=${1:-$ROOT/../shared/corpora/reuters21578/reuters21578.jsonl}
OUT=${2:-$(mktemp -d /tmp/newsdex-shards-append.XXXXXX)}
BUILD=${NEWSDEX_BUILD:-$ROOT/build}
REPEAT=${REPEAT:-1}
SHARDS=${SHARDS:-2}
BASE_SHARE=${BASE_SHARE:-0.5}

die() { echo "shards_append.sh: $*" >&2; exit 2; }
log() { echo "[shards_append $(date +%H:%M:%S)] $*" >&2; }

[ -f "$CORPUS" ] || die "no corpus $CORPUS"
CORPUS=$(realpath "$CORPUS")
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "REPEAT must be a positive integer, not '$REPEAT'"
[[ "$SHARDS" =~ ^[2-8]$ ]] || die "SHARDS must be 2 to 8, not '$SHARDS'"
[[ "$BASE_SHARE" =~ ^0\.[0-9]+$ ]] || die "BASE_SHARE must be a fraction like 0.5, not '$BASE_SHARE'"
[ -x "$BUILD/newsdex-index" ] || die "no $BUILD/newsdex-index (cmake --build build -j2 --target newsdex-index)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v taskset > /dev/null || die "taskset is missing (util-linux)"
[ "$(nproc)" -ge 2 ] || die "needs 2 cores (taskset -c 0,1)"
mkdir -p "$OUT"

# shellcheck source=bench/timed_runs.sh
source "$ROOT/bench/timed_runs.sh"

lines=$(wc -l < "$CORPUS")
base_lines=$(awk -v n="$lines" -v f="$BASE_SHARE" 'BEGIN {printf "%d", n * f}')
head -n "$base_lines" "$CORPUS" > "$OUT/base.jsonl"
tail -n +"$((base_lines + 1))" "$CORPUS" > "$OUT/load.jsonl"
head -n 1 "$OUT/load.jsonl" > "$OUT/one.jsonl"
log "base: $base_lines lines, load: $((lines - base_lines)) lines of $CORPUS"

start_runs
failed=0
INDEX=("$BUILD/newsdex-index" --quiet)
KEEP_DB=1 run_one base 0,1 1 "${INDEX[@]}" --shards 1 --db @DB@ "$OUT/base.jsonl" || die "the base database failed"
BASE=$OUT/base-1/db
for k in $(seq 1 "$REPEAT"); do
  log "round $k: --shards 1 into a copy of the base"
  FROM=$BASE KEEP_DB=1 run_one append-shards1 0,1 "$k" "${INDEX[@]}" --shards 1 --db @DB@ "$OUT/load.jsonl" ||
    failed=1
  log "round $k: --shards $SHARDS into a copy of the base"
  FROM=$BASE run_one "append-shards$SHARDS" 0,1 "$k" "${INDEX[@]}" --shards "$SHARDS" --db @DB@ "$OUT/load.jsonl" ||
    failed=1
  if [ -d "$OUT/append-shards1-$k/db" ]; then
    log "round $k: compact the appended database"
    FROM=$OUT/append-shards1-$k/db run_one compact 0,1 "$k" "$BUILD/newsdex-index" compact --db @DB@ || failed=1
    rm -rf "$OUT/append-shards1-$k/db"
  fi
  log "round $k: --shards $SHARDS, one article, into a copy of the base"
  FROM=$BASE run_one "one-shards$SHARDS" 0,1 "$k" "${INDEX[@]}" --shards "$SHARDS" --db @DB@ "$OUT/one.jsonl" ||
    failed=1
done
rm -rf "$BASE"

summarise_runs
column -t -s $'\t' "$OUT/summary.tsv"
echo "runs: $OUT/runs.tsv"
exit $failed
