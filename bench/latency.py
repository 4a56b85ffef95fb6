#!/usr/bin/env python3
"""Whole-process query latency: one real newsdex-search process per query.

  bench/latency.py SEARCH_BIN DB QUERIES.tsv OUTPREFIX [--n 300] [--no-warmup]
                   [-- EXTRA_ARGS...]     (default extra args: --facets speaker,country --limit 10)

Takes --n queries spread evenly over QUERIES.tsv (first column; every
len/n-th line, so both query kinds of make_queries.py are in), runs them once
as a warm-up pass (page cache, as the peers' warm-up pass) and once measured.
Each query is one process, `SEARCH_BIN --db DB EXTRA_ARGS -- WORD...`, timed
from just before the spawn to its exit with its output read through a pipe:
start, database open, query, snippets, facets and printing. Python's own
fork/exec cost is included (it is part of what a caller pays).

Writes OUTPREFIX.latency.tsv (qidx total_ms exit_status) and prints
"PHASE name value" lines: proc_queries, proc_p50_ms, proc_p99_ms,
proc_mean_ms, proc_errors (exit status 2), proc_max_rss_kb (the largest
newsdex-search process), spawn_true_p50_ms (the same timing of `true`, a
program that does nothing: the floor of this method). Exit status 1 (no
match) is a normal answer.
"""
import argparse
import math
import os
import resource
import subprocess
import sys
import time


def pct(sorted_vals, p):
    """Nearest-rank percentile, as ../shared/peers/lib/summarize.py."""
    if not sorted_vals:
        return float("nan")
    k = max(1, math.ceil(p / 100.0 * len(sorted_vals)))
    return sorted_vals[k - 1]


DEFAULT_EXTRA = ["--facets", "speaker,country", "--limit", "10"]


def split_extra(argv):
    """(own arguments, newsdex-search arguments after "--" or DEFAULT_EXTRA)."""
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], argv[i + 1:]
    return argv, list(DEFAULT_EXTRA)


def spread_queries(path, n, prog):
    """(every query: the first column, the indices of up to n of them spread
    evenly over the file, so both query kinds of make_queries.py are in)."""
    with open(path, encoding="utf-8") as f:
        queries = [line.rstrip("\n").split("\t")[0] for line in f if line.strip()]
    if not queries:
        sys.exit("%s: %s: no queries" % (prog, path))
    n = min(n, len(queries))
    return queries, sorted({i * len(queries) // n for i in range(n)})


def main():
    argv, extra = split_extra(sys.argv[1:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("search_bin")
    ap.add_argument("db")
    ap.add_argument("queries")
    ap.add_argument("outprefix")
    ap.add_argument("--n", type=int, default=300, help="queries to time (default 300)")
    ap.add_argument("--no-warmup", action="store_true", help="skip the warm-up pass")
    a = ap.parse_args(argv)
    queries, picked = spread_queries(a.queries, a.n, "latency.py")

    env = dict(os.environ, COLUMNS="80", NO_COLOR="1")
    def run(qi):
        cmd = [a.search_bin, "--db", a.db] + extra + ["--"] + queries[qi].split()
        t0 = time.perf_counter_ns()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        ms = (time.perf_counter_ns() - t0) / 1e6
        if p.returncode not in (0, 1):
            sys.stderr.write("latency.py: query %d (%s): exit %d: %s\n"
                             % (qi, queries[qi], p.returncode, p.stderr.decode(errors="replace").strip()))
        return ms, p.returncode

    if not a.no_warmup:
        for qi in picked:
            run(qi)
    rows = [(qi,) + run(qi) for qi in picked]
    with open(a.outprefix + ".latency.tsv", "w", encoding="utf-8") as f:
        for qi, ms, rc in rows:
            f.write("%d\t%.3f\t%d\n" % (qi, ms, rc))
    ms = sorted(r[1] for r in rows)
    # The floor of this way of timing: spawning a program that does nothing.
    floor = []
    for _ in range(50):
        t0 = time.perf_counter_ns()
        subprocess.run(["true"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        floor.append((time.perf_counter_ns() - t0) / 1e6)
    floor.sort()
    print("PHASE proc_queries %d" % len(rows))
    print("PHASE proc_p50_ms %.3f" % pct(ms, 50))
    print("PHASE proc_p99_ms %.3f" % pct(ms, 99))
    print("PHASE proc_mean_ms %.3f" % (sum(ms) / len(ms)))
    print("PHASE spawn_true_p50_ms %.3f" % pct(floor, 50))
    print("PHASE proc_errors %d" % sum(1 for r in rows if r[2] not in (0, 1)))
    print("PHASE proc_max_rss_kb %d" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return 1 if any(r[2] not in (0, 1) for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
