#!/usr/bin/env bash
# Search latency over one local database vs N local shards vs N remote shards
# (stock xapian-tcpsrv on loopback), with facets, on one corpus, in one run
# (docs/performance.md, "Searching shards and remote shards").
#
#   bench/remote_latency.sh [CORPUS.jsonl] [OUTDIR]
#       default corpus: ../shared/corpora/reuters21578/reuters21578.jsonl
#       default OUTDIR: a new directory under /tmp
#
# Builds, from the corpus, one database (newsdex-index) and SHARDS shards
# (newsdex-index --route K/SHARDS, as the machines of a cluster would), then
# times the same queries (../shared/peers/queries/make_queries.py, seed 42)
# through three --db values:
#   one      the database directory (facet columns, newsdex's own counters)
#   local-N  a cluster file listing the N shard directories ("auto PATH")
#   remote-N a cluster file listing N xapian-tcpsrv on 127.0.0.1
#            ("remote 127.0.0.1:PORT"), one per shard
# In process: newsdex-bench-queries --facets FACETS --limit 10 (query
# building, ranking, collapsing, snippets, facets; warm-up pass, then the
# measured pass over every query). Whole process: bench/latency.py, PROC
# queries each one newsdex-search run. Rows run round-robin REPEAT times.
# Writes OUTDIR/summary.tsv (medians over the rounds of p50/p99/mean ms) and
# prints it; every run's files stay in OUTDIR.
#
# Environment (defaults in brackets):
#   NEWSDEX_BUILD=DIR  build directory [build/]
#   SHARDS=N           shards [4]
#   FACETS=LIST        facets counted [speaker,country,person,org,source]
#   PROC=N             whole-process queries per row; 0 = none [300]
#   REPEAT=N           rounds [1]
#   N_KNOWN, N_ENTITY  queries of make_queries.py [500, 250]
# Exit status: 0 all ran; 1 a run failed; 2 bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=$ROOT/../shared
CORPUS=${1:-$SHARED/corpora/reuters21578/reuters21578.jsonl}
OUT=${2:-$(mktemp -d /tmp/newsdex-remote.XXXXXX)}
BUILD=${NEWSDEX_BUILD:-$ROOT/build}
SHARDS=${SHARDS:-4}
FACETS=${FACETS:-speaker,country,person,org,source}
PROC=${PROC:-300}
REPEAT=${REPEAT:-1}
N_KNOWN=${N_KNOWN:-500}
N_ENTITY=${N_ENTITY:-250}

die() { echo "remote_latency.sh: $*" >&2; exit 2; }
log() { echo "[remote $(date +%H:%M:%S)] $*" >&2; }

[ -f "$CORPUS" ] || die "no corpus $CORPUS"
CORPUS=$(realpath "$CORPUS")
for n in SHARDS PROC REPEAT; do [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a number"; done
[ "$SHARDS" -ge 1 ] && [ "$REPEAT" -ge 1 ] || die "SHARDS and REPEAT must be at least 1"
for b in newsdex-index newsdex-search newsdex-bench-queries; do
  [ -x "$BUILD/$b" ] || die "no $BUILD/$b (cmake --build build -j2 --target newsdex-index newsdex-search newsdex-bench-queries)"
done
command -v xapian-tcpsrv > /dev/null || die "xapian-tcpsrv is missing (apt-get install xapian-tools)"
[ -f "$SHARED/peers/queries/make_queries.py" ] || die "no $SHARED/peers/queries/make_queries.py"
mkdir -p "$OUT"
OUT=$(realpath "$OUT")

SERVERS=()
cleanup() { for pid in "${SERVERS[@]}"; do kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; done; }
trap cleanup EXIT

# --- databases -------------------------------------------------------------
# Runs an indexing command with stderr to $1: status 0, or 1 (records
# skipped, e.g. Reuters' records without text), is a success.
index_ok() {
  local err=$1 status=0
  shift
  "$@" 2> "$err" || status=$?
  [ "$status" -le 1 ] || die "indexing failed (status $status), see $err"
}
if [ ! -d "$OUT/one" ]; then
  log "indexing $CORPUS into one database"
  index_ok "$OUT/index-one.err" "$BUILD/newsdex-index" --quiet --db "$OUT/one" "$CORPUS"
fi
for ((k = 0; k < SHARDS; k++)); do
  if [ ! -d "$OUT/shard$k" ]; then
    log "indexing shard $k of $SHARDS (--route $k/$SHARDS)"
    index_ok "$OUT/index-shard$k.err" "$BUILD/newsdex-index" --db "$OUT/shard$k" --route "$k/$SHARDS" "$CORPUS"
  fi
done

# --- cluster files and servers ---------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
accepts() { python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1",int(sys.argv[1])),1).close()' "$1" 2> /dev/null; }
{
  echo "# $SHARDS local shards"
  for ((k = 0; k < SHARDS; k++)); do echo "auto $OUT/shard$k"; done
} > "$OUT/local.stub"
{
  echo "# $SHARDS shards, each served by xapian-tcpsrv on loopback"
  for ((k = 0; k < SHARDS; k++)); do
    for attempt in 1 2 3 4 5; do
      port=$(free_port)
      xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$OUT/shard$k" > /dev/null 2>> "$OUT/tcpsrv.err" &
      pid=$!
      # Ready when it accepts a connection; gone when another process took the port.
      while kill -0 "$pid" 2> /dev/null && ! accepts "$port"; do :; done
      if kill -0 "$pid" 2> /dev/null; then SERVERS+=("$pid"); break; fi
      wait "$pid" 2> /dev/null || true
      [ "$attempt" = 5 ] && die "xapian-tcpsrv could not listen, see $OUT/tcpsrv.err"
    done
    echo "remote 127.0.0.1:$port"
  done
} > "$OUT/remote.stub"

Q=$OUT/queries.tsv
[ -f "$Q" ] || python3 "$SHARED/peers/queries/make_queries.py" "$CORPUS" "$Q" --known "$N_KNOWN" --entity "$N_ENTITY" --seed 42 >&2

{
  echo "date	$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "corpus	$CORPUS"
  echo "corpus_lines	$(grep -c . "$CORPUS")"
  echo "queries_n	$(grep -c . "$Q")"
  echo "shards	$SHARDS"
  echo "facets	$FACETS"
  echo "newsdex_commit	$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)"
  echo "nproc	$(nproc)"
  echo "loadavg_start	$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/env.tsv"

# --- runs ------------------------------------------------------------------
pct() { # FILE COLUMN P: nearest-rank percentile, as ../shared/peers/lib/summarize.py
  cut -f"$2" "$1" | sort -g | awk -v p="$3" '{v[NR]=$1} END {k=int((p/100)*NR); if (k<(p/100)*NR) k++; if (k<1) k=1; print v[k]}'
}
mean() { cut -f"$2" "$1" | awk '{s+=$1} END {printf "%.3f\n", s/NR}'; }

ROWS=(one "local-$SHARDS" "remote-$SHARDS")
db_of() { case $1 in one) echo "$OUT/one" ;; local-*) echo "$OUT/local.stub" ;; remote-*) echo "$OUT/remote.stub" ;; esac; }
echo -e "row\tround\tinproc_p50_ms\tinproc_p99_ms\tinproc_mean_ms\tproc_p50_ms\tproc_p99_ms" > "$OUT/runs.tsv"
for ((r = 1; r <= REPEAT; r++)); do
  for row in "${ROWS[@]}"; do
    d=$OUT/$row-$r
    mkdir -p "$d"
    log "round $r: $row in process"
    "$BUILD/newsdex-bench-queries" "$(db_of "$row")" "$Q" "$d/run" --facets "$FACETS" --limit 10 \
      > "$d/inproc.log" 2> "$d/inproc.err" || { log "FAILED, see $d/inproc.err"; exit 1; }
    p50=$(pct "$d/run.latency.tsv" 2 50)
    p99=$(pct "$d/run.latency.tsv" 2 99)
    avg=$(mean "$d/run.latency.tsv" 2)
    pp50=-
    pp99=-
    if [ "$PROC" -gt 0 ]; then
      log "round $r: $row whole process ($PROC queries)"
      python3 bench/latency.py "$BUILD/newsdex-search" "$(db_of "$row")" "$Q" "$d/proc" --n "$PROC" \
        -- --facets "$FACETS" --limit 10 > "$d/proc.log" 2> "$d/proc.err" || { log "FAILED, see $d/proc.err"; exit 1; }
      pp50=$(awk '$1 == "PHASE" && $2 == "proc_p50_ms" {print $3}' "$d/proc.log")
      pp99=$(awk '$1 == "PHASE" && $2 == "proc_p99_ms" {print $3}' "$d/proc.log")
      errors=$(awk '$1 == "PHASE" && $2 == "proc_errors" {print $3}' "$d/proc.log")
      [ "${errors:-0}" = 0 ] || { log "$row: $errors searches failed, see $d/proc.latency.tsv"; exit 1; }
    fi
    echo -e "$row\t$r\t$p50\t$p99\t$avg\t$pp50\t$pp99" >> "$OUT/runs.tsv"
  done
done
echo "loadavg_end	$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/env.tsv"

# Medians over the rounds.
python3 - "$OUT/runs.tsv" > "$OUT/summary.tsv" << 'EOF'
import statistics, sys
rows = {}
with open(sys.argv[1]) as f:
    header = f.readline().rstrip("\n").split("\t")
    for line in f:
        v = line.rstrip("\n").split("\t")
        rows.setdefault(v[0], []).append(v)
print("\t".join([header[0]] + header[2:]))
for name, runs in rows.items():
    cols = []
    for i in range(2, len(header)):
        vals = [float(r[i]) for r in runs if r[i] != "-"]
        cols.append("%.2f" % statistics.median(vals) if vals else "-")
    print("\t".join([name] + cols))
EOF
cat "$OUT/env.tsv" "$OUT/summary.tsv"
