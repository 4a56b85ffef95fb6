#!/usr/bin/env bash
# Measures ranking quality (MRR@10, recall@10) of newsdex's default operator
# against AND-only and OR-only, beside plain Xapian and Lucene 8 in the same
# run, on the known-item and entity query sets of ../shared/peers.
#   bench/ranking.sh [CORPUS.jsonl] [OUTDIR]     (default: Reuters-21578)
# Needs a build (scripts/setup.sh). Writes OUTDIR/summary.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=$ROOT/../shared
CORPUS=${1:-$SHARED/corpora/reuters21578/reuters21578.jsonl}
OUT=${2:-$(mktemp -d)}
mkdir -p "$OUT"
Q=$OUT/queries.tsv
python3 "$SHARED/peers/queries/make_queries.py" "$CORPUS" "$Q" --known 500 --entity 250 --seed 42 >&2

DB=$OUT/newsdex-db
rm -rf "$DB"
mkdir -p "$OUT/newsdex-auto"
/usr/bin/time -v "${NEWSDEX_BUILD:-$ROOT/build}/newsdex-index" --quiet --db "$DB" "$CORPUS" 2> "$OUT/newsdex-auto/index.time" || true
du -sb "$DB" | cut -f1 > "$OUT/newsdex-auto/index_bytes"
for mode in auto and or; do
  d=$OUT/newsdex-$mode
  mkdir -p "$d"
  echo "newsdex $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo dev) --mode $mode" > "$d/version"
  echo "default operator: $mode" > "$d/notes"
  /usr/bin/time -v "${NEWSDEX_BUILD:-$ROOT/build}/newsdex-bench-queries" "$DB" "$Q" "$d/run" --mode "$mode" > "$d/search.log" 2> "$d/search.time"
done
# Peers in the same run (installs their Debian packages if missing).
if [ "${NEWSDEX_NO_PEERS:-0}" != 1 ]; then
  "$SHARED/peers/run.sh" "$CORPUS" "$Q" "$OUT" xapian-plain lucene >&2 || true
  PEERS="xapian-plain lucene"
else
  PEERS=""
fi
python3 "$SHARED/peers/lib/summarize.py" "$OUT" "$Q" newsdex-auto newsdex-and newsdex-or $PEERS
column -t -s $'\t' "$OUT/summary.tsv"
echo "results in $OUT" >&2
