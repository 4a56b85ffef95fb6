#!/usr/bin/env python3
"""The index_bench.sh table: one row per system, medians over the runs.

  bench/bench_table.py OUTDIR CORPUS.jsonl [--baseline lucene]

Reads OUTDIR/run*/SYSTEM/ as left by bench/index_bench.sh (newsdex) and
../shared/peers/run.sh (the peers): index.time (GNU time -v), index_bytes,
docs, run.latency.tsv (in-process latency, column 2 = total ms) and, for
newsdex, proc.latency.tsv (bench/latency.py, whole process). Writes
OUTDIR/summary.tsv (and OUTDIR/summary.spread.tsv, min..max per value, with
more than one run) and prints nothing; index_bench.sh prints the table.

Columns: docs; index wall and CPU seconds; articles/s and MB/s (10^6 bytes of
corpus file per wall second); peak RSS of the indexing process (MiB); index
bytes per corpus byte (du -sb of the index directory as built / corpus file
bytes), and the same after xapian-compact (Xapian-based systems; the
search uses the index as built); in-process query p50/p99 (ms, nearest rank); whole-process p50/p99
(newsdex only); then each value divided by the baseline system's (Lucene),
computed from the medians. NA = not measured.
"""
import argparse
import glob
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the shared folder
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "..", "shared", "peers", "lib")))
from summarize import gnu_time, pct  # noqa: E402  (the harness's own parsers)

METRICS = ["docs", "index_wall_s", "index_cpu_s", "articles_per_s", "mb_per_s", "peak_rss_mib",
           "index_bytes_per_corpus_byte", "compacted_bytes_per_corpus_byte", "q_p50_ms", "q_p99_ms", "proc_p50_ms", "proc_p99_ms"]
RATIOS = [("index_wall_s", "wall"), ("peak_rss_mib", "rss"), ("index_bytes_per_corpus_byte", "size"),
          ("q_p50_ms", "p50"), ("q_p99_ms", "p99")]
ORDER = ["newsdex", "lucene", "lucene-mt", "xapian-plain", "omega", "sphinx", "ripgrep"]


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except FileNotFoundError:
        return ""


def latencies(path):
    out = []
    for line in read(path).splitlines():
        p = line.split("\t")
        if len(p) >= 2:
            out.append(float(p[1]))
    return sorted(out)


def measure(d, corpus_bytes):
    t = gnu_time(os.path.join(d, "index.time"))
    m = {k: None for k in METRICS}
    docs = read(os.path.join(d, "docs"))
    m["docs"] = float(docs) if docs else None
    m["index_wall_s"] = t.get("wall_s")
    m["index_cpu_s"] = t.get("cpu_s")
    m["peak_rss_mib"] = t.get("rss_mb")  # summarize.py's rss_mb is KiB / 1024, i.e. MiB
    if m["index_wall_s"]:
        if m["docs"] is not None:
            m["articles_per_s"] = m["docs"] / m["index_wall_s"]
        m["mb_per_s"] = corpus_bytes / 1e6 / m["index_wall_s"]
    size = read(os.path.join(d, "index_bytes"))
    if size:
        m["index_bytes_per_corpus_byte"] = int(size) / corpus_bytes
    # After xapian-compact: newsdex (index_bench.sh) in bytes; the Xapian peers
    # in MiB with one decimal, in their notes (run.sh's compact_note).
    compact = read(os.path.join(d, "index_compact_bytes"))
    note = re.search(r"after xapian-compact[^:]*: ([\d.]+) MB", read(os.path.join(d, "notes")))
    if compact:
        m["compacted_bytes_per_corpus_byte"] = int(compact) / corpus_bytes
    elif note:
        m["compacted_bytes_per_corpus_byte"] = float(note.group(1)) * 1048576 / corpus_bytes
    q = latencies(os.path.join(d, "run.latency.tsv"))
    if q:
        m["q_p50_ms"], m["q_p99_ms"] = pct(q, 50), pct(q, 99)
    p = latencies(os.path.join(d, "proc.latency.tsv"))
    if p:
        m["proc_p50_ms"], m["proc_p99_ms"] = pct(p, 50), pct(p, 99)
    return m


def fmt(v):
    if v is None:
        return "NA"
    if abs(v) >= 100:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.3g" % v if abs(v) < 1 else "%.2f" % v


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("corpus")
    ap.add_argument("--baseline", default="lucene")
    a = ap.parse_args()
    corpus_bytes = os.path.getsize(a.corpus)
    runs = sorted(glob.glob(os.path.join(a.outdir, "run[0-9]*")), key=lambda p: int(p.rsplit("run", 1)[1]))
    if not runs:
        sys.exit("bench_table.py: no run directories in %s" % a.outdir)
    systems = []
    for r in runs:
        for s in sorted(os.listdir(r), key=lambda s: (ORDER.index(s) if s in ORDER else 99, s)):
            if os.path.exists(os.path.join(r, s, "index.time")) and s not in systems:
                systems.append(s)
    per = {s: [measure(os.path.join(r, s), corpus_bytes) for r in runs if os.path.isdir(os.path.join(r, s))]
           for s in systems}
    med, spread = {}, {}
    for s, ms in per.items():
        med[s], spread[s] = {}, {}
        for k in METRICS:
            vals = [m[k] for m in ms if m[k] is not None]
            med[s][k] = statistics.median(vals) if vals else None
            spread[s][k] = "%s..%s" % (fmt(min(vals)), fmt(max(vals))) if vals else "NA"
    base = med.get(a.baseline)
    head = ["system", "runs"] + METRICS + ["%s/%s" % (short, a.baseline) for _, short in RATIOS]
    with open(os.path.join(a.outdir, "summary.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(head) + "\n")
        for s in systems:
            row = [s, str(len(per[s]))] + [fmt(med[s][k]) for k in METRICS]
            for k, _ in RATIOS:
                v, b = med[s][k], base[k] if base else None
                row.append(fmt(v / b) if v is not None and b else "NA")
            f.write("\t".join(row) + "\n")
    if len(runs) > 1:
        with open(os.path.join(a.outdir, "summary.spread.tsv"), "w", encoding="utf-8") as f:
            f.write("\t".join(["system", "runs"] + METRICS) + "\n")
            for s in systems:
                f.write("\t".join([s, str(len(per[s]))] + [spread[s][k] for k in METRICS]) + "\n")


if __name__ == "__main__":
    main()
