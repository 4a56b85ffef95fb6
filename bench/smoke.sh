#!/usr/bin/env bash
# Smoke test of the benchmark scripts (not part of scripts/test.sh: it times
# nothing worth keeping). Runs index_bench.sh on the first 300 Reuters
# articles with a few queries (lucene only; skipped when java is missing) and
# scale.sh on two tiny generated corpora (newsdex only), shards.sh and
# shards_append.sh on the same slice, and checks their tables and the
# generated corpora.
#   bench/smoke.sh [OUTDIR]       prints "N passed, N failed"; exit 1 on a failure
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
OUT=${1:-$(mktemp -d /tmp/newsdex-bench-smoke.XXXXXX)}
mkdir -p "$OUT"
PASS=0 FAIL=0
check() { # NAME COMMAND...
  if "${@:2}" > /dev/null 2>&1; then PASS=$((PASS + 1)); echo "ok   $1"; else FAIL=$((FAIL + 1)); echo "FAIL $1"; fi
}
col() { # TSV SYSTEM COLUMN -> value
  awk -F'\t' -v s="$2" -v c="$3" 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == c) k = i; next} $1 == s || $3 == s {print $k; exit}' "$1"
}
positive() { awk -v v="$1" 'BEGIN {exit !(v + 0 > 0)}'; }

# index_bench.sh on a 300-article Reuters slice.
head -n 300 ../shared/corpora/reuters21578/reuters21578.jsonl > "$OUT/r300.jsonl"
BENCH_PEERS=lucene PROC_QUERIES=20 N_KNOWN=40 N_ENTITY=20 bench/index_bench.sh "$OUT/r300.jsonl" "$OUT/bench" > "$OUT/bench.log" 2>&1
check "index_bench.sh exits 0" test $? -eq 0
S=$OUT/bench/summary.tsv
check "newsdex indexed 300 articles" test "$(col "$S" newsdex docs)" = 300
for c in index_wall_s peak_rss_mib index_bytes_per_corpus_byte q_p50_ms q_p99_ms proc_p50_ms proc_p99_ms; do
  check "newsdex $c measured" positive "$(col "$S" newsdex "$c")"
done
if command -v java > /dev/null; then
  check "lucene row and ratio" test "$(col "$S" lucene wall/lucene)" = 1.00
  check "newsdex wall/lucene measured" positive "$(col "$S" newsdex wall/lucene)"
else
  echo "skip lucene (no java)"
fi

# scale.sh on two tiny generated corpora (kept, to check gen_corpus.py too).
SCALE_SIZES="100 300" KEEP_CORPORA=1 BENCH_PEERS="" PROC_QUERIES=10 N_KNOWN=20 N_ENTITY=10 \
  bench/scale.sh "$OUT/scale" > "$OUT/scale.log" 2>&1
check "scale.sh exits 0" test $? -eq 0
check "scale.tsv has both sizes" test "$(awk -F'\t' 'NR > 1 && $3 == "newsdex"' "$OUT/scale/scale.tsv" | wc -l)" -eq 2
check "scale.tsv growth is relative to the first size" test "$(col "$OUT/scale/scale.tsv" newsdex rate/100)" = 1.00

# gen_corpus.py (the corpora scale.sh made, seed 1): N unique ids, deterministic, some copies.
G=$OUT/scale/corpus-300.jsonl
check "gen_corpus writes 300 articles" test "$(wc -l < "$G")" -eq 300
check "gen_corpus ids are unique" test "$(python3 -c 'import json,sys; print(len({json.loads(l)["id"] for l in open(sys.argv[1])}))' "$G")" -eq 300
check "gen_corpus is deterministic for a seed (100 = first 100 of 300)" cmp "$OUT/scale/corpus-100.jsonl" <(head -n 100 "$G")
check "gen_corpus makes near-duplicate copies" test "$(grep -c near_duplicate_of "$G")" -gt 0

# ab_search.py: the same binary against itself over the bench's database.
AB_DB=$OUT/bench/run1/newsdex/db
AB=$OUT/ab.log
python3 bench/ab_search.py build/newsdex-search build/newsdex-search "$AB_DB" "$OUT/bench/queries.tsv" --n 10 > "$AB" 2>&1
check "ab_search.py exits 0 (same binary: same exit statuses)" test $? -eq 0
check "ab_search.py prints both binaries' percentiles and the ratio" test "$(grep -c -E '^(base|new) +p50|^per-query ratio' "$AB")" -eq 3

# shards.sh and shards_append.sh on the 300-article slice (the plain Xapian
# peer left out: shards.sh builds it when asked).
NO_PLAIN=1 bench/shards.sh "$OUT/r300.jsonl" "$OUT/shards" > "$OUT/shards.log" 2>&1
check "shards.sh exits 0" test $? -eq 0
check "shards.sh measured --shards 2 on two cores" positive "$(col "$OUT/shards/summary.tsv" shards2-cpu01 wall_s)"
bench/shards_append.sh "$OUT/r300.jsonl" "$OUT/shards-append" > "$OUT/shards-append.log" 2>&1
check "shards_append.sh exits 0" test $? -eq 0
check "shards_append.sh has all five rows" test "$(tail -n +2 "$OUT/shards-append/summary.tsv" | wc -l)" -eq 5
check "shards_append.sh measured the sharded load" positive "$(col "$OUT/shards-append/summary.tsv" append-shards2 wall_s)"

echo "$PASS passed, $FAIL failed (output in $OUT)"
[ "$FAIL" -eq 0 ]
