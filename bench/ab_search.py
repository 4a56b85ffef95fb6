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
import math
import statistics
import subprocess
import sys
import time


def pct(sorted_vals, p):
    k = max(1, math.ceil(p / 100.0 * len(sorted_vals)))
    return sorted_vals[k - 1]


def main():
    argv = sys.argv[1:]
    extra = None
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base_bin")
    ap.add_argument("new_bin")
    ap.add_argument("db")
    ap.add_argument("queries")
    ap.add_argument("--n", type=int, default=300, help="queries (default 300)")
    ap.add_argument("--warmup", action="store_true", help="run every query once with each binary first")
    a = ap.parse_args(argv)
    if extra is None:
        extra = ["--facets", "speaker,country", "--limit", "10"]
    with open(a.queries, encoding="utf-8") as f:
        queries = [line.rstrip("\n").split("\t")[0] for line in f if line.strip()]
    if not queries:
        sys.exit("ab_search.py: %s: no queries" % a.queries)
    n = min(a.n, len(queries))
    queries = [queries[i * len(queries) // n] for i in range(n)]
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
    times = {b: [] for b in bins}
    disagree = 0
    errors = 0
    for i, q in enumerate(queries):
        order = bins if i % 2 == 0 else bins[::-1]
        rcs = {}
        for b in order:
            ms, rc = run(b, q)
            times[b].append(ms)
            rcs[b] = rc
        if rcs[bins[0]] != rcs[bins[1]]:
            disagree += 1
        if 2 in rcs.values():
            errors += 1
    for label, b in (("base", bins[0]), ("new", bins[1])):
        s = sorted(times[b])
        print("%-4s p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  (%s)" % (label, pct(s, 50), pct(s, 90), pct(s, 99), b))
    ratios = [new / base for base, new in zip(times[bins[0]], times[bins[1]])]
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
