#!/usr/bin/env bash
# How indexing rate, peak RSS, index size and query latency grow with the
# archive: generated corpora (bench/gen_corpus.py) of 10k and 100k articles
# (and 1M with SCALE_MAX=1000000), each run through bench/index_bench.sh.
#
#   bench/scale.sh [OUTDIR]            (default OUTDIR: a new directory under /tmp)
#
# Environment (defaults in brackets; index_bench.sh's own knobs pass through):
#   SCALE_MAX=N       largest size of 10000 100000 1000000 to run [100000]
#   SCALE_SIZES="..." exact sizes instead, e.g. "1000 5000" (smoke tests)
#   GEN_SEED=S        gen_corpus.py seed [1]; the corpora of one seed are
#                     prefixes of each other
#   BENCH_PEERS="..." peers run beside newsdex at every size [lucene]
#   KEEP_CORPORA=0|1  keep the generated corpora [0]
# The queries are made (make_queries.py, seed 42) from the first
# QUERY_SAMPLE=10000 articles, which every size shares, so every size answers
# the same queries. Writes OUTDIR/scale.tsv (bench/scale_table.py) and prints it;
# per size, OUTDIR/N/ holds index_bench.sh's output.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${1:-$(mktemp -d /tmp/newsdex-scale.XXXXXX)}
SCALE_MAX=${SCALE_MAX:-100000}
GEN_SEED=${GEN_SEED:-1}
KEEP_CORPORA=${KEEP_CORPORA:-0}
export BENCH_PEERS=${BENCH_PEERS-lucene}
export KEEP_INDEXES=${KEEP_INDEXES:-0}
if [ -n "${SCALE_SIZES:-}" ]; then
  SIZES=$SCALE_SIZES
else
  SIZES=""
  for n in 10000 100000 1000000; do [ "$n" -le "$SCALE_MAX" ] && SIZES="$SIZES $n"; done
fi
SMALLEST=$(for n in $SIZES; do echo "$n"; done | sort -n | head -n 1)
[ -n "$SMALLEST" ] || { echo "scale.sh: no sizes (SCALE_MAX=$SCALE_MAX)" >&2; exit 2; }
export QUERY_SAMPLE=${QUERY_SAMPLE:-$SMALLEST}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
log() { echo "[scale $(date +%H:%M:%S)] $*" >&2; }

FAILED=0
for n in $SIZES; do
  C=$OUT/corpus-$n.jsonl
  if [ ! -f "$C.done" ]; then
    log "generating $n articles (seed $GEN_SEED)"
    /usr/bin/time -v -o "$OUT/gen-$n.time" python3 "$ROOT/bench/gen_corpus.py" --articles "$n" --seed "$GEN_SEED" "$C" 2> "$OUT/gen-$n.log"
    touch "$C.done"
  fi
  log "benchmarking $n articles ($(du -h "$C" | cut -f1))"
  "$ROOT/bench/index_bench.sh" "$C" "$OUT/$n" > "$OUT/$n.log" 2>&1 || { FAILED=1; log "index_bench.sh failed for $n, see $OUT/$n.log"; }
  if [ "$KEEP_CORPORA" != 1 ]; then rm -f "$C" "$C.done"; fi
  log "done $n"
done

# shellcheck disable=SC2086
python3 "$ROOT/bench/scale_table.py" "$OUT" $SIZES
column -t -s $'\t' "$OUT/scale.tsv"
log "results in $OUT (scale.tsv, N/summary.tsv, N/bench_info.tsv)"
exit "$FAILED"
