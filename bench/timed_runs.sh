# shellcheck shell=bash
# Sourced by bench/shards.sh and bench/shards_append.sh: timed runs of one
# command each under /usr/bin/time -v, one row per run in $OUT/runs.tsv, and
# the medians per system in $OUT/summary.tsv. Needs OUT, BUILD and log().

# Starts $OUT/runs.tsv with its header.
start_runs() {
  printf 'system\trun\twall_s\tcpu_s\trss_mib\tdb_bytes\tload_start\tload_end\n' > "$OUT/runs.tsv"
}

# NAME CPUS K COMMAND...: one timed run of COMMAND on CPUS (taskset), with
# @DB@ replaced by the run's database directory; appends a row to runs.tsv
# and removes the database. With FROM=DIR in the environment, DIR is copied
# to the database directory first (not timed): a run into a database that
# holds articles.
run_one() {
  local name=$1 cpus=$2 k=$3
  shift 3
  local d="$OUT/$name-$k"
  rm -rf "$d"
  mkdir -p "$d"
  if [ -n "${FROM:-}" ]; then
    cp -a "$FROM" "$d/db"
    sync
  fi
  local load0 load1
  load0=$(cut -d' ' -f1 /proc/loadavg)
  local cmd=("$@")
  cmd=("${cmd[@]//@DB@/$d/db}")
  # newsdex-index exits 1 when it skipped records (Reuters has some without
  # text): the run still counts. Anything else is a failed run.
  local rc=0
  /usr/bin/time -v -o "$d/time" taskset -c "$cpus" "${cmd[@]}" > "$d/out" 2> "$d/err" || rc=$?
  if [ "$rc" -ne 0 ] && { [ "$rc" -ne 1 ] || [ "${cmd[0]}" != "$BUILD/newsdex-index" ]; }; then
    log "$name run $k failed (exit $rc): see $d/err"
    return 1
  fi
  load1=$(cut -d' ' -f1 /proc/loadavg)
  local wall cpu rss bytes
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$d/time")
  cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$d/time")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$d/time")
  bytes=$(du -sb "$d/db" | cut -f1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$k" "$wall" "$cpu" "$rss" "$bytes" "$load0" "$load1" >> "$OUT/runs.tsv"
  if [ -n "${KEEP_DB:-}" ]; then return 0; fi
  rm -rf "$d/db"
}

# Medians per system (the lower middle for an even count) into
# $OUT/summary.tsv.
summarise_runs() {
  python3 - "$OUT/runs.tsv" "$OUT/summary.tsv" << 'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
systems = []
for r in rows:
    if r["system"] not in systems:
        systems.append(r["system"])
def median(values):
    values = sorted(values)
    return values[(len(values) - 1) // 2]
with open(sys.argv[2], "w") as out:
    out.write("system\truns\twall_s\tcpu_s\trss_mib\tdb_bytes\tload_start\tload_end\n")
    for s in systems:
        rs = [r for r in rows if r["system"] == s]
        cols = [str(len(rs))] + [str(median([float(r[c]) for r in rs]))
                                 for c in ("wall_s", "cpu_s", "rss_mib", "db_bytes", "load_start", "load_end")]
        out.write(s + "\t" + "\t".join(cols) + "\n")
PY
}
