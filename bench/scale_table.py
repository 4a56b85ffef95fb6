#!/usr/bin/env python3
"""The scale.sh table: index_bench.sh's summary per corpus size, with growth.

  bench/scale_table.py OUTDIR N [N ...]

Reads OUTDIR/N/summary.tsv (bench/bench_table.py) and OUTDIR/N/bench_info.tsv
for each size N, writes OUTDIR/scale.tsv: one row per size and system with
corpus MB, the indexing and query values (plus index CPU ms per article), each
system's growth against its
own row at the smallest size (rate = articles/s now / articles/s then; 1.00 =
no change; for the others > 1 = grew), and the ratios to the baseline system
(Lucene) at the same size, from summary.tsv.
"""
import os
import sys

KEEP = ["docs", "index_wall_s", "index_cpu_s", "cpu_ms_per_article", "articles_per_s", "mb_per_s", "peak_rss_mib", "index_bytes_per_corpus_byte",
        "q_p50_ms", "q_p99_ms", "proc_p50_ms", "proc_p99_ms"]
GROWTH = [("articles_per_s", "rate"), ("cpu_ms_per_article", "cpu/article"), ("peak_rss_mib", "rss"), ("index_bytes_per_corpus_byte", "size"),
          ("q_p50_ms", "p50"), ("q_p99_ms", "p99"), ("proc_p50_ms", "proc_p50"), ("proc_p99_ms", "proc_p99")]


def load(path):
    with open(path, encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    return [dict(zip(rows[0], r)) for r in rows[1:]], rows[0]


def info(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            out[k] = v
    return out


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def fmt(v):
    if v is None:
        return "NA"
    return "%.0f" % v if abs(v) >= 100 else "%.1f" % v if abs(v) >= 10 else "%.2f" % v if abs(v) >= 1 else "%.3g" % v


def main():
    outdir, sizes = sys.argv[1], sorted(int(n) for n in sys.argv[2:])
    table, first = [], {}
    ratio_cols, smallest = None, None
    for n in sizes:
        p = os.path.join(outdir, str(n), "summary.tsv")
        if not os.path.exists(p):
            print("scale_table.py: no %s (that size failed?)" % p, file=sys.stderr)
            continue
        rows, head = load(p)
        ratio_cols = ratio_cols or [c for c in head if "/" in c]
        smallest = smallest or n
        inf = info(os.path.join(outdir, str(n), "bench_info.tsv"))
        mb = int(inf.get("corpus_bytes", "0")) / 1e6
        for r in rows:
            s = r["system"]
            # CPU time per article: less sensitive than wall time to what else
            # the machine runs.
            cpu, docs = num(r.get("index_cpu_s")), num(r.get("docs"))
            r["cpu_ms_per_article"] = fmt(cpu * 1000 / docs) if cpu is not None and docs else "NA"
            first.setdefault(s, r)
            out = [str(n), fmt(mb), s] + [r.get(k, "NA") for k in KEEP]
            for k, _ in GROWTH:
                v, b = num(r.get(k)), num(first[s].get(k))
                out.append(fmt(v / b) if v is not None and b else "NA")
            out += [r.get(c, "NA") for c in ratio_cols]
            table.append(out)
    head = (["articles", "corpus_mb", "system"] + KEEP
            + ["%s/%s" % (short, smallest) for _, short in GROWTH] + (ratio_cols or []))
    with open(os.path.join(outdir, "scale.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(head) + "\n")
        for r in table:
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
