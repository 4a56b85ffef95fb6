#!/usr/bin/env python3
"""Writes the fuzz targets' seed inputs, made from the shared corpora, into
OUT/TARGET/ (scripts/fuzz.sh: build-fuzz/seeds/). The same records every run
(every k-th line), so a fixed -seed run starts from the same corpus. Nothing
made here goes into the repository: the corpora are third-party text.

Usage: make_seeds.py SHARED_CORPORA_DIR OUT_DIR [RECORDS_PER_CORPUS]
Input layouts: tests/fuzz/fuzz_entries.h.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def records(path, count):
    """`count` records spread evenly over the JSON Lines file at `path`."""
    with open(path, "rb") as f:
        lines = f.readlines()
    step = max(1, len(lines) // count)
    return [json.loads(line) for line in lines[::step][:count]]


def reuters_sgml_dates(raw_dir, count):
    """The wire's own date strings ("26-FEB-1987 15:01:01.79")."""
    found = []
    for name in sorted(os.listdir(raw_dir)):
        if not name.endswith(".sgm"):
            continue
        with open(os.path.join(raw_dir, name), "rb") as f:
            found += re.findall(rb"<DATE>([^<]*)</DATE>", f.read())
        if len(found) >= count * 20:
            break
    step = max(1, len(found) // count)
    return [d.strip() for d in found[::step][:count]]


class Writer:
    def __init__(self, out):
        self.out = out
        self.counts = {}

    def put(self, target, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        directory = os.path.join(self.out, target)
        os.makedirs(directory, exist_ok=True)
        # Named by content, as libFuzzer names corpus files: no duplicates.
        with open(os.path.join(directory, hashlib.sha1(data).hexdigest()), "wb") as f:
            f.write(data)
        self.counts[target] = self.counts.get(target, 0) + 1


def varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def stored_payload(record):
    """The stored-fields payload (common/compression/stored_fields.h) of a record."""
    out = bytearray(b"\x01")
    for tag, key in ((1, "id"), (2, "title"), (3, "body"), (5, "source"), (7, "author")):
        value = record.get(key)
        if isinstance(value, str) and value:
            data = value.encode("utf-8")
            out += varint(tag) + varint(len(data)) + data
    value = varint(1454681000 << 1)
    out += varint(4) + varint(len(value)) + value
    out += varint(8) + varint(2) + b"en"
    return bytes(out)


def zstd_frame(payload):
    """One zstd frame with its content size (zstd writes it for a file)."""
    with tempfile.NamedTemporaryFile() as f:
        f.write(payload)
        f.flush()
        return subprocess.run(["zstd", "-q", "-c", f.name], check=True, stdout=subprocess.PIPE).stdout


def words(text):
    return re.findall(r"[A-Za-z][A-Za-z'.-]*[A-Za-z]", text or "")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    corpora, out = sys.argv[1], sys.argv[2]
    per_corpus = int(sys.argv[3]) if len(sys.argv) > 3 else 150
    for name in ("reuters21578/reuters21578.jsonl", "bbc/bbc.jsonl"):
        if not os.path.exists(os.path.join(corpora, name)):
            sys.exit(f"make_seeds.py: {os.path.join(corpora, name)} is missing (the shared corpora are needed)")
    shutil.rmtree(out, ignore_errors=True)
    w = Writer(out)

    picked = records(os.path.join(corpora, "reuters21578/reuters21578.jsonl"), per_corpus)
    picked += records(os.path.join(corpora, "bbc/bbc.jsonl"), per_corpus)
    for i, r in enumerate(picked):
        title, body = r.get("title") or "", r.get("body") or ""
        w.put("json_record", json.dumps(r, ensure_ascii=(i % 2 == 0)) + "\n")
        w.put("text_article", f"{title}\n\n{body}\n")
        w.put("entities", f"{title}\n\n{body}\n")
        w.put("analyzer", bytes([i % 8]) + f"{title}\n\n{body}".encode("utf-8"))
        if isinstance(r.get("date"), str):
            w.put("dates", r["date"])
        t = words(title)
        if len(t) >= 2:
            a, b = t[0], t[-1]
            forms = [f"{a} {b}", f'"{a} {b}"', f"{a} OR {b}", f"{a} -{b}", f"title:{a} {b}*",
                     f"{a} NEAR/{2 + i % 5} {b}", f"({a} AND {b}) NOT x", f"source:\"{r.get('source', '')}\" {a}",
                     f"date:{(r.get('date') or '1987-02-26')[:7]} {b}"]
            query = forms[i % len(forms)]
            w.put("query", query)
            w.put("snippet", bytes([i % 64]) + f"{query}\n{body}".encode("utf-8"))
        w.put("stored_fields", b"\x01" + stored_payload(r))
        if i % 10 == 0:
            w.put("stored_fields", b"\x00" + zstd_frame(stored_payload(r)))

    sgml = os.path.join(corpora, "reuters21578/raw")
    if os.path.isdir(sgml):
        for d in reuters_sgml_dates(sgml, per_corpus):
            w.put("dates", d)
    for name in ("cnn-lite/cnn-lite.jsonl", "yahoo-finance-news/yahoo-finance-news.jsonl"):
        path = os.path.join(corpora, name)
        if os.path.exists(path):
            for r in records(path, per_corpus // 3):
                if isinstance(r.get("date"), str):
                    w.put("dates", r["date"])

    print(" ".join(f"{t}:{n}" for t, n in sorted(w.counts.items())))


if __name__ == "__main__":
    main()
