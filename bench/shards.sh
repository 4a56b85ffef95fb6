#!/usr/bin/env bash
# Sharded bulk loads (newsdex-index --shards N) against one writer and plain
# Xapian, on one corpus, in one run (docs/performance.md, "Sharded bulk loads").
#
#   bench/shards.sh [CORPUS.jsonl] [OUTDIR]
#       default corpus: ../shared/corpora/reuters21578/reuters21578.jsonl
#       default OUTDIR: a new directory under /tmp
#
# Each row is one indexing run into a fresh database under /usr/bin/time -v:
#   shards1-cpu0     --shards 1, taskset -c 0     (one core)
#   shards2-cpu0     --shards 2, taskset -c 0
#   shards1-cpu01    --shards 1, taskset -c 0,1   (two cores)
#   shards2-cpu01    --shards 2, taskset -c 0,1
#   xapian-plain-cpu0 / -cpu01: ../shared/peers' plain Xapian indexer
#                    (TermGenerator, one writer), built as run.sh builds it
# Rows run in that order, REPEAT times round-robin (alternating the
# systems, so load changes hit every row alike); the table holds the medians:
# wall s, user+sys CPU s, peak RSS MiB, database bytes, and the load average
# at the start and end. Writes OUTDIR/runs.tsv (every run) and
# OUTDIR/summary.tsv, and prints the summary.
#
# Environment (defaults in brackets):
#   NEWSDEX_BUILD=DIR   build directory holding newsdex-index [build/]
#   REPEAT=N            rounds [1]
#   PEERS_BUILD=DIR     where the plain Xapian peer is built
#                       [~/.cache/newsdex-bench/peers-build]
#   NO_PLAIN=1          leave plain Xapian out
# Exit status: 0 all ran; 1 a run failed (see OUTDIR/NAME-K.err); 2 bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=$ROOT/../shared
CORPUS=${1:-$SHARED/corpora/reuters21578/reuters21578.jsonl}
OUT=${2:-$(mktemp -d /tmp/newsdex-shards.XXXXXX)}
BUILD=${NEWSDEX_BUILD:-$ROOT/build}
REPEAT=${REPEAT:-1}
PEERS_BUILD=${PEERS_BUILD:-${XDG_CACHE_HOME:-$HOME/.cache}/newsdex-bench/peers-build}

die() { echo "shards.sh: $*" >&2; exit 2; }
log() { echo "[shards $(date +%H:%M:%S)] $*" >&2; }

[ -f "$CORPUS" ] || die "no corpus $CORPUS"
CORPUS=$(realpath "$CORPUS")
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "REPEAT must be a positive integer, not '$REPEAT'"
[ -x "$BUILD/newsdex-index" ] || die "no $BUILD/newsdex-index (cmake --build build -j2 --target newsdex-index)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v taskset > /dev/null || die "taskset is missing (util-linux)"
[ "$(nproc)" -ge 2 ] || die "needs 2 cores (taskset -c 0,1)"
mkdir -p "$OUT"

PLAIN=""
if [ -z "${NO_PLAIN:-}" ]; then
  src=$SHARED/peers/xapian-plain/xapian_plain.cc
  [ -f "$src" ] || die "no $src (NO_PLAIN=1 to leave plain Xapian out)"
  mkdir -p "$PEERS_BUILD"
  if [ ! -x "$PEERS_BUILD/xapian_plain" ] || [ "$src" -nt "$PEERS_BUILD/xapian_plain" ]; then
    log "building plain Xapian peer"
    # shellcheck disable=SC2046
    g++ -O2 -std=c++17 -o "$PEERS_BUILD/xapian_plain" "$src" $(xapian-config --cxxflags --libs)
  fi
  PLAIN=$PEERS_BUILD/xapian_plain
fi

# shellcheck source=bench/timed_runs.sh
source "$ROOT/bench/timed_runs.sh"

start_runs
failed=0
for k in $(seq 1 "$REPEAT"); do
  for cpus in 0 0,1; do
    tag=cpu${cpus//,/}
    for shards in 1 2; do
      log "round $k: --shards $shards on cpus $cpus"
      run_one "shards$shards-$tag" "$cpus" "$k" "$BUILD/newsdex-index" --quiet --shards "$shards" --db @DB@ "$CORPUS" ||
        failed=1
    done
    if [ -n "$PLAIN" ]; then
      log "round $k: plain Xapian on cpus $cpus"
      run_one "xapian-plain-$tag" "$cpus" "$k" "$PLAIN" index "$CORPUS" @DB@ || failed=1
    fi
  done
done

summarise_runs
column -t -s $'\t' "$OUT/summary.tsv"
echo "runs: $OUT/runs.tsv"
exit $failed
