#!/usr/bin/env bash
# What reading and HTML extraction cost inside newsdex-index, on the pages of
# ../shared/corpora/html-articles (90 .html.gz pages; issue 13 part 7):
#   1. read + extract: `newsdex-index --dry-run --no-entities`, which reads,
#      decompresses and extracts every page exactly as indexing does, then
#      prints a line per article and writes nothing;
#   2. index: a real run into a fresh database (entities on, no compaction);
# on one worker thread (--threads 1; the reader thread and the thread that
# prints or writes run beside it, as in any run). Each command runs REPEAT
# times, all of them alternating so that they see the same load; the fastest
# run of each counts, by the clock (wall) and in CPU time (user + system of
# all threads, which other processes on the machine disturb less).
#
# Both runs also pay for starting the process: loading ICU's data, the
# gazetteers and stemmers, creating the database, the last commit. That cost
# does not depend on the number of articles, and on 90 pages it is a large
# part of both times, so a share of whole-run times answers "how long does a
# run on 90 pages take", not "what part of an article's cost is reading and
# extraction". So each command also runs on a corpus of one page (the
# smallest page of the corpus, which loads everything that is loaded lazily
# on the first article), and the per-article cost is the difference: what the
# other pages add. The shares printed are those of the per-article costs
# (wall and CPU); the share of whole-run times is printed beside them.
#
# Prints pages/s and MB/s of (decompressed) HTML for step 1 (both per article,
# start-up excluded, and whole run), and the shares.
# Usage: bench/extraction_share.sh [CORPUS_DIR]   (env: NEWSDEX_BUILD=build, REPEAT=5, THREADS=1)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$here/../shared/corpora/html-articles}"
build="${NEWSDEX_BUILD:-$here/build}"
repeat="${REPEAT:-5}"
threads="${THREADS:-1}"
index="$build/newsdex-index"
[[ -x "$index" ]] || { echo "no $index: build newsdex-index first" >&2; exit 2; }
[[ -d "$corpus/html" ]] || { echo "no $corpus/html (../shared beside the repository)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

pages=0
html_bytes=0
smallest=""
smallest_bytes=0
for f in "$corpus"/html/*; do
  n=$(gzip -dc "$f" | wc -c)
  pages=$((pages + 1))
  html_bytes=$((html_bytes + n))
  if [[ -z "$smallest" ]] || ((n < smallest_bytes)); then
    smallest=$f
    smallest_bytes=$n
  fi
done
mkdir "$tmp/one"
cp "$smallest" "$tmp/one/"

# "WALL CPU": the seconds one run of "$@" takes, by the clock and in CPU time
# (user + system of all its threads). Exit status 1 (pages left out) is fine.
run() {
  rm -rf "$tmp/db"
  local start end user sys
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || [[ $? -eq 1 ]]
  end=$(date +%s.%N)
  read -r user sys < <(tail -1 "$tmp/time")
  echo "$(echo "$end - $start" | bc -l) $(echo "$user + $sys" | bc -l)"
}
# The smaller of two numbers ("" counts as none).
min() { if [[ -z "$1" ]] || (($(echo "$2 < $1" | bc -l))); then echo "$2"; else echo "$1"; fi; }

extract=(--dry-run --no-entities --threads "$threads")
indexing=(--db "$tmp/db" --no-compact --threads "$threads")
declare -A wall cpu
for _ in $(seq "$repeat"); do
  for step in extract index extract1 index1; do
    case $step in
      extract) args=("${extract[@]}" "$corpus/html") ;;
      index) args=("${indexing[@]}" "$corpus/html") ;;
      extract1) args=("${extract[@]}" "$tmp/one") ;;
      index1) args=("${indexing[@]}" "$tmp/one") ;;
    esac
    read -r w c < <(run "$index" "${args[@]}")
    [[ $step == extract ]] && summary=$(tail -1 "$tmp/err")
    wall[$step]=$(min "${wall[$step]:-}" "$w")
    cpu[$step]=$(min "${cpu[$step]:-}" "$c")
  done
done
articles=$(echo "$summary" | sed -n 's/.*read \([0-9]*\) article.*/\1/p')
more_pages=$((pages - 1))
more_bytes=$((html_bytes - smallest_bytes))
calc() { echo "$1" | bc -l; }
extract_more=$(calc "${wall[extract]} - ${wall[extract1]}")
index_more=$(calc "${wall[index]} - ${wall[index1]}")
extract_cpu_more=$(calc "${cpu[extract]} - ${cpu[extract1]}")
index_cpu_more=$(calc "${cpu[index]} - ${cpu[index1]}")

printf 'corpus               %s (%d pages, %.1f MB of HTML)\n' "$corpus" "$pages" "$(calc "$html_bytes / 1000000")"
printf 'dry run summary      %s\n' "$summary"
printf 'load average         %s (at the end)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'threads %s; fastest of %s runs each, the four commands alternating\n' "$threads" "$repeat"
printf '%-20s %9s %9s %11s %11s\n' "" "90 pages" "1 page" "per page" "CPU/page"
printf '%-20s %8.3fs %8.3fs %9.2fms %9.2fms\n' "read + extract" "${wall[extract]}" "${wall[extract1]}" \
  "$(calc "1000 * $extract_more / $more_pages")" "$(calc "1000 * $extract_cpu_more / $more_pages")"
printf '%-20s %8.3fs %8.3fs %9.2fms %9.2fms\n' "index (entities on)" "${wall[index]}" "${wall[index1]}" \
  "$(calc "1000 * $index_more / $more_pages")" "$(calc "1000 * $index_cpu_more / $more_pages")"
printf 'read + extract: %.0f pages/s, %.1f MB/s of HTML per page (start-up excluded); whole run %.0f pages/s, %.1f MB/s\n' \
  "$(calc "$more_pages / $extract_more")" "$(calc "$more_bytes / 1000000 / $extract_more")" \
  "$(calc "$pages / ${wall[extract]}")" "$(calc "$html_bytes / 1000000 / ${wall[extract]}")"
printf 'index: %.0f articles/s per article (start-up excluded)\n' "$(calc "($articles - 1) / $index_more")"
printf 'share of the per-article cost of indexing (wall)  %.0f%%\n' "$(calc "100 * $extract_more / $index_more")"
printf 'share of the per-article cost of indexing (CPU)   %.0f%%\n' "$(calc "100 * $extract_cpu_more / $index_cpu_more")"
printf 'share of whole-run times, start-up included       %.0f%%\n' "$(calc "100 * ${wall[extract]} / ${wall[index]}")"
