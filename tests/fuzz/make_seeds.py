#!/usr/bin/env python3
"""Writes the fuzz targets' seed inputs, made from the shared corpora, into
OUT/TARGET/ (scripts/fuzz.sh: build-fuzz/seeds/). The same records every run
(every k-th line), so a fixed -seed run starts from the same corpus. Nothing
made here goes into the repository: the corpora are third-party text.

Usage: make_seeds.py SHARED_CORPORA_DIR OUT_DIR [RECORDS_PER_CORPUS]
Input layouts: tests/fuzz/fuzz_entries.h.
"""
import bz2
import gzip
import hashlib
import io
import json
import lzma
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

# Seeds of the reader targets are cut from real files: at most this many
# bytes each, and this many bytes of seeds per target, so that the
# fuzzers run fast on them.
READER_SEED_BYTES = 64 << 10
READER_TARGET_BYTES = 2 << 20


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


def zstd_compress(data):
    with tempfile.NamedTemporaryFile() as f:
        f.write(data)
        f.flush()
        return subprocess.run(["zstd", "-q", "-c", f.name], check=True, stdout=subprocess.PIPE).stdout


class Budget:
    """Keeps a target's seeds under READER_TARGET_BYTES."""

    def __init__(self, writer, target):
        self.w, self.target, self.used = writer, target, 0

    def put(self, mode, data):
        data = bytes([mode & 0xFF]) + data
        if self.used + len(data) > READER_TARGET_BYTES:
            return False
        self.used += len(data)
        self.w.put(self.target, data)
        return True


def files_under(root, suffixes=None):
    out = []
    for directory, _, names in os.walk(root):
        for name in names:
            if suffixes is None or name.endswith(suffixes):
                out.append(os.path.join(directory, name))
    return sorted(out)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def html_seeds(w, corpora):
    """Pages of html-articles, the smallest whole, some large ones cut; the
    mode byte (hints) varies (fuzz_entries.h: html)."""
    pages = sorted((gzip.decompress(read_bytes(p)) for p in files_under(os.path.join(corpora, "html-articles/html"),
                                                                          (".html.gz",))), key=len)
    budget = Budget(w, "html")
    big = [p for p in pages if len(p) > READER_SEED_BYTES]
    for i, page in enumerate(big[:: max(1, len(big) // 4)][:4]):
        budget.put(i * 9, page[:READER_SEED_BYTES])
    for i, page in enumerate(p for p in pages if len(p) <= READER_SEED_BYTES):
        if not budget.put(i, page):
            break


FEED_NAMES = ["", "a.xml", "a.rss", "a.atom", "a.nitf", "a.rdf", "a.html", "a.newsml"]


def feed_seeds(w, corpora):
    """The XML documents of formats/ (big ones cut), some of the dpa sample's."""
    formats = os.path.join(corpora, "formats")
    docs = []
    for kind in ("rss", "atom", "nitf", "newsml-1", "newsml-g2"):
        for path in files_under(os.path.join(formats, kind)):
            if path.endswith((".tar.xz", ".tar.gz", ".zip")):
                continue
            docs.append((os.path.basename(path), read_bytes(path)[:READER_SEED_BYTES]))
    dpa = os.path.join(formats, "newsml-g2/dpa-newslab__newsmlg2-testdata/20170629-dpa-sample.tar.xz")
    if os.path.exists(dpa):
        with tarfile.open(dpa) as tar:
            members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".xml")]
            for m in members[:: max(1, len(members) // 8)][:8]:
                docs.append((os.path.basename(m.name), tar.extractfile(m).read()[:READER_SEED_BYTES]))
    budget = Budget(w, "feed")
    for i, (name, data) in enumerate(sorted(docs, key=lambda d: len(d[1]))):
        ext = os.path.splitext(name)[1]
        mode = FEED_NAMES.index("a" + ext) if ("a" + ext) in FEED_NAMES else i % len(FEED_NAMES)
        if not budget.put(mode, data):
            break


def warc_records(data):
    """The records of an uncompressed WARC file, as bytes (the CRLF CRLF after
    each block included)."""
    records, pos = [], 0
    while True:
        start = data.find(b"WARC/", pos)
        if start < 0:
            return records
        head_end = data.find(b"\r\n\r\n", start)
        if head_end < 0:
            return records
        m = re.search(rb"(?im)^content-length:\s*(\d+)", data[start:head_end])
        if not m:
            pos = start + 1
            continue
        end = head_end + 4 + int(m.group(1)) + 4
        records.append(data[start:end])
        pos = end


def warc_seeds(w, corpora):
    """Runs of a few records of the formats/warc files, decompressed; the HTTP
    responses in them as HTTP seeds (mode bit 3)."""
    budget = Budget(w, "warc")
    for path in files_under(os.path.join(corpora, "formats/warc"), (".warc", ".warc.gz")):
        data = read_bytes(path)
        if path.endswith(".gz"):
            data = gzip.decompress(data)
        records = [r for r in warc_records(data) if len(r) <= READER_SEED_BYTES]
        run = b""
        for i, record in enumerate(records[:40]):
            if b"WARC-Type: response" in record and i % 3 == 0:
                block = record[record.find(b"\r\n\r\n") + 4 : -4]
                budget.put(0x08, block)
            if len(run) + len(record) > 24 << 10 or i % 4 == 3:
                budget.put((i * 0x25) & 0xF7 | (0x80 if i % 2 else 0), run)
                run = b""
            run += record
        if run:
            budget.put(0x80, run)
        # The same captures as an ARC file (version 1), the format before WARC.
        arc = arc_file(records[:12])
        if arc:
            budget.put(0x81, arc)


def arc_file(records):
    """The response records among WARC `records` as a version-1 ARC file:
    its filedesc record, then a header line and the HTTP block of each."""
    def arc_record(url, mime, block):
        return url + b" 192.0.2.1 20240101120000 " + mime + b" " + str(len(block)).encode() + b"\n" + block + b"\n"

    out = b""
    for record in records:
        head, _, rest = record.partition(b"\r\n\r\n")
        uri = re.search(rb"(?im)^warc-target-uri:\s*<?([^\s>]+)", head)
        if b"WARC-Type: response" not in head or not uri:
            continue
        out += arc_record(uri.group(1), b"text/html", rest[:-4])
    if not out:
        return b""
    desc = b"1 0 newsdex seeds\nURL IP-address Archive-date Content-type Archive-length\n"
    return arc_record(b"filedesc://seeds.arc", b"text/plain", desc) + out


def archive_seeds(w, corpora):
    """Containers of every kind the ArchiveReader opens, made here from small
    pieces of the shared files: tar, zip (deflated and stored), gzip, bzip2,
    xz and zstd, nested ones, a multi-member gzip, and a small bomb."""
    formats = os.path.join(corpora, "formats")
    pieces = {
        "news/a.xml": read_bytes(os.path.join(formats, "nitf/superdesk__superdesk-core/aap-sports.xml")),
        "news/b.warc": read_bytes(os.path.join(formats, "warc/webrecorder__warcio/example.warc"))[:3000],
        "c.jsonl": b"".join(read_bytes(os.path.join(corpora, "bbc/bbc.jsonl")).splitlines(True)[:2])[:4000],
    }

    def tar_of(files, mode="w"):
        out = io.BytesIO()
        with tarfile.open(fileobj=out, mode=mode) as tar:
            for name, data in files.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                info.mtime = 1454681000
                tar.addfile(info, io.BytesIO(data))
        return out.getvalue()

    def zip_of(files, method=zipfile.ZIP_DEFLATED):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", method) as z:
            for name, data in files.items():
                z.writestr(zipfile.ZipInfo(name, (2016, 2, 5, 12, 0, 0)), data, compress_type=method)
        return out.getvalue()

    def gz(data):
        return gzip.compress(data, mtime=0)

    plain_tar = tar_of(pieces)
    inputs = [
        plain_tar,
        gz(plain_tar),
        bz2.compress(plain_tar),
        lzma.compress(plain_tar),
        zstd_compress(plain_tar),
        zip_of(pieces),
        zip_of(pieces, zipfile.ZIP_STORED),
        gz(pieces["c.jsonl"]),
        bz2.compress(pieces["c.jsonl"]),
        lzma.compress(pieces["c.jsonl"]),
        zstd_compress(pieces["c.jsonl"]),
        b"".join(gz(p) for p in pieces.values()),  # multi-member gzip
        tar_of({"x.jsonl.gz": gz(pieces["c.jsonl"]), "y.zip": zip_of(pieces), "z.xml": pieces["news/a.xml"]}),
        zip_of({"inner.tar.gz": gz(tar_of({"deep.gz": gz(pieces["c.jsonl"])})), "n.txt": b"short"}),
        gz(zip_of(pieces)),
        read_bytes(os.path.join(formats, "warc/webrecorder__warcio/example.warc.gz")),
        gz(bytes(1 << 20)),  # 1 MiB of zeros: a small bomb
        zip_of({"zeros.bin": bytes(1 << 20), "a.xml": pieces["news/a.xml"]}),
        bz2.compress(bytes(4 << 20)),
        tar_of({}),
        zip_of({}),
        pieces["news/a.xml"],  # no container
    ]
    budget = Budget(w, "archive")
    for i, data in enumerate(inputs):
        # Every read size and limit preset; read_all on some; damage on a few.
        mode = (i & 3) | ((i >> 2) & 3) << 2 | (0x10 if i % 3 == 0 else 0) | ((i % 5 == 4) * (1 + i % 7)) << 5
        budget.put(mode, data)


def words(text):
    return re.findall(r"[A-Za-z][A-Za-z'.-]*[A-Za-z]", text or "")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    corpora, out = sys.argv[1], sys.argv[2]
    per_corpus = int(sys.argv[3]) if len(sys.argv) > 3 else 150
    for name in ("reuters21578/reuters21578.jsonl", "bbc/bbc.jsonl", "html-articles/html", "formats/warc"):
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

    html_seeds(w, corpora)
    feed_seeds(w, corpora)
    warc_seeds(w, corpora)
    archive_seeds(w, corpora)
    # csv: the shared CSV files, their heads and slices of whole records,
    # with each delimiter option and the small size limits (fuzz_entries.h).
    csv_dir = os.path.join(corpora, "formats", "csv")
    for root, _, names in os.walk(csv_dir):
        for name in sorted(names):
            if not name.endswith((".csv", ".tsv")):
                continue
            with open(os.path.join(root, name), "rb") as f:
                data = f.read()
            header_end = data.find(b"\n") + 1
            for i, size in enumerate((2000, 8000, 60000)):
                w.put("csv", bytes([i * 8]) + data[:size])
            middle = data.find(b"\n", len(data) // 2) + 1
            w.put("csv", b"\x00" + data[:header_end] + data[middle:middle + 8000])
            w.put("csv", b"\x01" + data[:4000].replace(b"\n", b"\r\n"))
            w.put("csv", b"\x03" + data[:4000].replace(b",", b"\t"))

    print(" ".join(f"{t}:{n}" for t, n in sorted(w.counts.items())))


if __name__ == "__main__":
    main()
