#!/usr/bin/env python3
"""Whole-process A/B of two newsdex-search binaries, interleaved per query.

  bench/ab_search.py BASE_BIN NEW_BIN DB QUERIES.tsv [--n 300] [--warmup]
                     [-- EXTRA_ARGS...]  (default extra args: --facets speaker,country --limit 10)

For --n queries spread evenly over QUERIES.tsv (first column), runs
`BIN --db DB EXTRA_ARGS -- WORD...` once with each binary, alternating which
goes first, and times each process from just before the spawn to its exit
(output discarded), as bench/latency.py does for one binary. Both binaries
thus see the same machine load, query by query, so their ratio holds on a
busy machine where absolute times do not. With --warmup, every query is
run once with each binary first (page cache).

Prints p50/p90/p99 per binary (nearest rank) and the median and mean of the
per-query ratio NEW/BASE; exits 1 if the two binaries' exit statuses differ
on any query (0 = hits, 1 = none: they must agree).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from latency import pct, split_extra, spread_queries  # noqa: E402  (same folder)


def main():
    argv, extra = split_extra(sys.argv[1:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base_bin")
    ap.add_argument("new_bin")
    ap.add_argument("db")
    ap.add_argument("queries")
    ap.add_argument("--n", type=int, default=300, help="queries (default 300)")
    ap.add_argument("--warmup", action="store_true", help="run every query once with each binary first")
    a = ap.parse_args(argv)
    all_queries, picked = spread_queries(a.queries, a.n, "ab_search.py")
    queries = [all_queries[i] for i in picked]
    n = len(queries)
    bins = [a.base_bin, a.new_bin]

    def run(binary, q):
        cmd = [binary, "--db", a.db] + extra + ["--"] + q.split()
        t0 = time.perf_counter()
        rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        return (time.perf_counter() - t0) * 1000.0, rc

    if a.warmup:
        for q in queries:
            for b in bins:
                run(b, q)
    # Indexed by position, not by path: the same binary may be given twice.
    times = [[], []]
    disagree = 0
    errors = 0
    for i, q in enumerate(queries):
        order = (0, 1) if i % 2 == 0 else (1, 0)
        rcs = [None, None]
        for k in order:
            ms, rcs[k] = run(bins[k], q)
            times[k].append(ms)
        if rcs[0] != rcs[1]:
            disagree += 1
        if 2 in rcs:
            errors += 1
    for k, label in enumerate(("base", "new")):
        s = sorted(times[k])
        print("%-4s p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  (%s)" % (label, pct(s, 50), pct(s, 90), pct(s, 99), bins[k]))
    ratios = [new / base for base, new in zip(times[0], times[1])]
    print("per-query ratio new/base: median %.3f, mean %.3f, over %d queries"
          % (statistics.median(ratios), statistics.mean(ratios), n))
    if errors:
        print("%d queries ended with exit status 2 (error)" % errors)
    if disagree:
        print("exit statuses differ on %d queries" % disagree)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
