#!/usr/bin/env bash
# What reading and HTML extraction cost inside newsdex-index, on the pages of
# ../shared/corpora/html-articles (90 .html.gz pages; issue 13 part 7):
#   1. read + extract: `newsdex-index --dry-run --no-entities`, which reads,
#      decompresses and extracts every page exactly as indexing does, then
#      prints a line per article and writes nothing;
#   2. index: a real run into a fresh database (entities on, no compaction);
# on one worker thread, each REPEAT times (the fastest run counts). Prints
# pages/s and MB/s of (decompressed) HTML for step 1, and step 1's share of
# step 2: the part of the per-article cost that reading and extraction take.
# Usage: bench/extraction_share.sh [CORPUS_DIR]   (env: NEWSDEX_BUILD=build, REPEAT=3, THREADS=1)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$here/../shared/corpora/html-articles}"
build="${NEWSDEX_BUILD:-$here/build}"
repeat="${REPEAT:-3}"
threads="${THREADS:-1}"
index="$build/newsdex-index"
[[ -x "$index" ]] || { echo "no $index: build newsdex-index first" >&2; exit 2; }
[[ -d "$corpus/html" ]] || { echo "no $corpus/html (../shared beside the repository)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

pages=$(ls "$corpus/html" | wc -l)
html_bytes=$(for f in "$corpus"/html/*; do gzip -dc "$f"; done | wc -c)

# The fastest of $repeat runs of "$@", in seconds.
best() {
  local best_s=""
  for _ in $(seq "$repeat"); do
    rm -rf "$tmp/db"
    local start end s
    start=$(date +%s.%N)
    "$@" >/dev/null 2>"$tmp/err" || [[ $? -eq 1 ]]
    end=$(date +%s.%N)
    s=$(echo "$end - $start" | bc -l)
    if [[ -z "$best_s" ]] || (( $(echo "$s < $best_s" | bc -l) )); then best_s=$s; fi
  done
  echo "$best_s"
}

extract_s=$(best "$index" --dry-run --no-entities --threads "$threads" "$corpus/html")
summary=$(tail -1 "$tmp/err")
index_s=$(best "$index" --db "$tmp/db" --no-compact --threads "$threads" "$corpus/html")
articles=$(echo "$summary" | sed -n 's/.*read \([0-9]*\) article.*/\1/p')

printf 'corpus               %s (%d pages, %.1f MB of HTML)\n' "$corpus" "$pages" "$(echo "$html_bytes / 1000000" | bc -l)"
printf 'dry run summary      %s\n' "$summary"
printf 'read + extract       %.3f s  %.0f pages/s  %.1f MB/s  (threads %s, best of %s)\n' "$extract_s" \
  "$(echo "$pages / $extract_s" | bc -l)" "$(echo "$html_bytes / 1000000 / $extract_s" | bc -l)" "$threads" "$repeat"
printf 'index (entities on)  %.3f s  %.0f articles/s\n' "$index_s" "$(echo "$articles / $index_s" | bc -l)"
printf 'share of indexing    %.0f%%\n' "$(echo "100 * $extract_s / $index_s" | bc -l)"
