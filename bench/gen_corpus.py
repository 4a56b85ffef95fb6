#!/usr/bin/env python3
"""Generate a large, realistic news corpus (JSON Lines) for scale benchmarks.

  bench/gen_corpus.py --articles N --seed S OUT.jsonl      (OUT "-" = stdout)
      [--corpora DIR] [--dup-rate 0.05] [--outlets 50]

Every sentence is a real one, read at run time from the corpora in DIR
(default: ../shared/corpora seen from the repository root): Reuters-21578
(NORM articles), BBC News, CNN lite and Yahoo Finance. Nothing of them is
stored in this repository. Each generated article is a new recombination:

  title  one sentence of 5-16 words of a "seed" article (final stop removed)
  body   5-30 sentences: the seed article's opening (2-6 sentences, in
         order, without the title sentence), then runs of 1-4 consecutive
         sentences of other articles on the same topic (80%: same corpus and
         topic, e.g. Reuters "earn", BBC "sport", CNN "politics") or of the
         same source corpus (20%), in paragraphs of 1-4 sentences
  date   uniform over 1987-01-01 .. 2024-12-31 (UTC, to the second); 1%
         undated (null), as real archives have some
  source one of --outlets invented outlet names, Zipf-weighted (a few big
         outlets, a long tail); url https://<outlet domain>/yyyy/mm/dd/<slug>

About --dup-rate of the articles (default 5%) are near-duplicate copies of
one of the last 5,000 original articles, as when a story is syndicated or
republished: another outlet, 0-72 hours later, and lightly edited (a fifth
are verbatim copies; the others get a title change, a dropped closing
sentence or two, a few words swapped, a closing credit line). A copy carries
"near_duplicate_of": the id of its original (newsdex ignores unknown keys).

Ids are "gen<seed>-<n>" (n = 0..N-1, zero-padded), unique. The output is
deterministic for a given seed and the same corpora files. It is written as
it is generated: memory is the sentence pool (about 0.3 GB) plus the 5,000
recent articles kept for copying, whatever N is.
"""
import argparse
import datetime
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPORA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpora"))

# Abbreviations after which a full stop does not end a sentence.
ABBREV = set("""mr mrs ms dr prof st jr sr gen gov sen rep lt col sgt capt cmdr adm
inc corp co ltd plc bros no vs etc jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n e.u a.m p.m""".split())
BOUNDARY = re.compile(r"([.!?][\"”’)]?)\s+(?=[\"“‘(]?[A-Z0-9])")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
ENDS_SENTENCE = re.compile(r"[.!?][\"”’)]?$")

OUTLET_A = ["Harbor", "Granite", "Bellwether", "Meridian", "Northgate", "Lakeshore",
            "Summit", "Riverside", "Capital", "Pioneer", "Crescent", "Ironwood",
            "Bayview", "Highland", "Prairie", "Coastal", "Evergreen", "Union",
            "Liberty", "Frontier", "Redwood", "Atlas", "Beacon", "Cedar", "Orchard"]
OUTLET_B = ["Ledger", "Herald", "Times", "Courier", "Tribune", "Gazette", "Post",
            "Chronicle", "Observer", "Dispatch", "Journal", "Sentinel", "Record",
            "Wire", "Monitor", "Standard", "Express", "Examiner", "Bulletin", "Review"]

# Light copy edits: word swaps a sub-editor makes.
SWAPS = [("said", "says"), ("says", "said"), ("told", "said to"), ("percent", "per cent"),
         ("per cent", "percent"), ("company", "firm"), ("government", "administration"),
         ("announced", "said"), ("expected", "forecast"), ("about", "around"),
         ("increase", "rise"), ("decline", "fall"), ("but", "however"), ("also", "as well")]
TITLE_PREFIXES = ["UPDATE 1-", "UPDATE 2-", "CORRECTED-", "WRAPUP-", "Analysis: ", "Breaking: "]

DATE_FROM = int(datetime.datetime(1987, 1, 1, tzinfo=datetime.timezone.utc).timestamp())
DATE_TO = int(datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc).timestamp()) - 1
UNDATED_RATE = 0.01
RECENT = 5000  # originals kept as candidates for copies


def split_sentences(paragraph):
    """Sentences of one paragraph (whitespace already collapsed)."""
    out, start = [], 0
    for m in BOUNDARY.finditer(paragraph):
        end = m.start()
        before = paragraph[paragraph.rfind(" ", start, end) + 1:end].lower().rstrip(".")
        if before in ABBREV or (len(before) == 1 and before.isalpha()):
            continue  # "Mr. Smith", "John F. Kennedy"
        out.append(paragraph[start:m.end(1)])
        start = m.end()
    out.append(paragraph[start:])
    return out


DIGITS = b"0123456789"


def good_sentence(s):
    n = len(s)
    if not 30 <= n <= 400 or s.count(" ") < 4 or not ENDS_SENTENCE.search(s):
        return False
    if not (s[0].isupper() or s[0] in "\"“‘("):
        return False
    b = s.encode()
    return len(b) - len(b.translate(None, DIGITS)) <= 0.15 * len(b)  # not tables, figures


def paragraphs_of(name, rec):
    body = rec.get("body") or ""
    if name == "reuters21578":
        if rec.get("text_type") != "NORM":
            return []
        body = re.sub(r"\s*Reuter\s*\x03?\s*$", "", body)
        paras = re.split(r"\n\s{2,}|\n\s*\n", body)  # wire paragraphs are indented
    elif name == "yahoo-finance-news":
        paras = body.split("\n")
    else:
        paras = re.split(r"\n\s*\n", body)
    return [" ".join(p.split()) for p in paras if p.strip()]


def topic_of(name, rec):
    if name == "reuters21578":
        t = rec.get("topics") or []
        return t[0] if isinstance(t, list) and t else "none"
    if name == "bbc":
        return rec.get("topic") or "none"
    if name == "cnn-lite":
        parts = (rec.get("url") or "").split("/")
        return parts[6] if len(parts) > 7 else "none"
    return "finance"


CORPORA = [("reuters21578", "reuters21578.jsonl"), ("bbc", "bbc.jsonl"),
           ("cnn-lite", "cnn-lite.jsonl"), ("yahoo-finance-news", "yahoo-finance-news.jsonl")]


class Pool:
    """Real sentences by article, articles by (corpus, topic) and by corpus."""

    def __init__(self, corpora_dir):
        self.articles = []      # tuple of sentences (str), in article order
        self.titles = []        # article -> indices of its sentences of 5-16 words
        self.group_of = []      # article -> group index
        self.corpus_of = []     # article -> corpus index
        self.groups = []        # group -> [article index]
        self.by_corpus = []     # corpus -> [article index]
        group_index = {}
        for ci, (name, fname) in enumerate(CORPORA):
            path = os.path.join(corpora_dir, name, fname)
            if not os.path.exists(path):
                sys.exit("gen_corpus.py: missing corpus %s (set --corpora)" % path)
            self.by_corpus.append([])
            with open(path, encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError as e:
                        sys.exit("gen_corpus.py: %s:%d: malformed JSON (%s)" % (path, lineno, e))
                    sents = tuple(s for p in paragraphs_of(name, rec) for s in split_sentences(p)
                                  if good_sentence(s))
                    if len(sents) < 3:
                        continue
                    key = (name, topic_of(name, rec))
                    if key not in group_index:
                        group_index[key] = len(self.groups)
                        self.groups.append([])
                    a = len(self.articles)
                    self.articles.append(sents)
                    self.titles.append(tuple(i for i, s in enumerate(sents) if 5 <= s.count(" ") + 1 <= 16))
                    self.group_of.append(group_index[key])
                    self.corpus_of.append(ci)
                    self.groups[group_index[key]].append(a)
                    self.by_corpus[ci].append(a)
        if not self.articles:
            sys.exit("gen_corpus.py: no usable articles under %s" % corpora_dir)
        self.sentences = sum(len(a) for a in self.articles)


def outlets(n):
    names, seen = [], set()
    rng = random.Random(1987)  # fixed: the same outlet names for every seed
    while len(names) < n:
        name = "%s %s" % (rng.choice(OUTLET_A), rng.choice(OUTLET_B))
        if name not in seen:
            seen.add(name)
            names.append(name)
    weights = [1.0 / (k + 1) for k in range(n)]  # Zipf: rank 1 is 1/k-times as big as rank k
    return names, weights


def domain_of(outlet):
    return outlet.lower().replace(" ", "-") + ".example"


def slug_of(title):
    return "-".join(w.lower().replace("’", "").replace("'", "") for w in WORD.findall(title)[:8]) or "story"


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def join_paragraphs(sents, sizes):
    """Sentences into paragraphs of the given sizes (extra sizes are ignored)."""
    out, i = [], 0
    for k in sizes:
        if i >= len(sents):
            break
        out.append(" ".join(sents[i:i + k]))
        i += k
    return out


class Generator:
    def __init__(self, pool, seed, dup_rate, n_outlets):
        self.pool = pool
        self.rng = random.Random(seed)
        self.seed = seed
        self.dup_rate = dup_rate
        self.outlets, self.weights = outlets(n_outlets)
        self.cum = []
        acc = 0.0
        for w in self.weights:
            acc += w
            self.cum.append(acc)
        self.recent = []   # ring of original articles: (record, sentence lists)
        self.next_recent = 0
        self.copies = 0

    def paragraph_sizes(self, n):
        """Sentences per paragraph (1-4 each) for n sentences."""
        sizes = []
        while n > 0:
            k = min(self.between(1, 4), n)
            sizes.append(k)
            n -= k
        return sizes

    def outlet(self, avoid=None):
        while True:
            name = self.rng.choices(self.outlets, cum_weights=self.cum)[0]
            if name != avoid:
                return name

    def below(self, n):
        """A random integer in [0, n): faster than randrange, same stream for a seed."""
        return int(self.rng.random() * n)

    def between(self, a, b):
        """A random integer in [a, b]."""
        return a + int(self.rng.random() * (b - a + 1))

    def record(self, idx, title, paras, when, outlet, dup_of=None):
        rid = "gen%d-%09d" % (self.seed, idx)
        date = iso(when) if when is not None else None
        path = "/".join([date[0:4], date[5:7], date[8:10]]) if date else "archive"
        rec = {"id": rid, "title": title, "body": "\n\n".join(paras), "date": date, "source": outlet,
               "url": "https://%s/%s/%s" % (domain_of(outlet), path, slug_of(title))}
        if dup_of:
            rec["near_duplicate_of"] = dup_of
        return rec

    def original(self, idx):
        rng, pool = self.rng, self.pool
        seed_art = self.below(len(pool.articles))
        sents = pool.articles[seed_art]
        short = pool.titles[seed_art]
        if short:
            ti = short[self.below(len(short))]
            title = sents[ti]
            if title.endswith(".") and not title[-2:-1].isupper():  # keep "U.S."
                title = title[:-1]
        else:
            ti = 0
            title = " ".join(sents[0].split()[:12]).rstrip(".,;:")
        want = self.between(5, 30)
        n_lead = self.between(2, 6)
        body = [s for i, s in enumerate(sents[:n_lead + 1]) if i != ti][:n_lead]
        group = pool.groups[pool.group_of[seed_art]]
        same_corpus = pool.by_corpus[pool.corpus_of[seed_art]]
        guard = 0
        while len(body) < want and guard < 100:
            guard += 1
            src = group if rng.random() < 0.8 and len(group) > 1 else same_corpus
            other = pool.articles[src[self.below(len(src))]]
            if other is sents:
                continue
            start = self.below(len(other))
            body.extend(other[start:start + min(self.between(1, 4), want - len(body))])
        when = None if rng.random() < UNDATED_RATE else self.between(DATE_FROM, DATE_TO)
        sizes = self.paragraph_sizes(len(body))
        rec = self.record(idx, title, join_paragraphs(body, sizes), when, self.outlet())
        entry = (rec, when, body, sizes)
        if len(self.recent) < RECENT:
            self.recent.append(entry)
        else:
            self.recent[self.next_recent] = entry
            self.next_recent = (self.next_recent + 1) % RECENT
        return rec

    def copy(self, idx):
        base, when, sents, sizes = self.recent[self.below(len(self.recent))]
        self.copies += 1
        if when is not None:
            when = min(DATE_TO, when + self.between(0, 72 * 3600))
        outlet = self.outlet(avoid=base["source"])
        title = base["title"]
        sents = list(sents)
        credit = None
        if self.rng.random() >= 0.2:  # edited copy; else verbatim
            r = self.rng.random()
            if r < 0.3:
                title = TITLE_PREFIXES[self.below(len(TITLE_PREFIXES))] + title
            elif r < 0.5:
                title = title + " - " + outlet
            drop = self.between(0, 2)  # closing sentences cut
            if len(sents) - drop >= 4:
                sents = sents[:len(sents) - drop]
            for _ in range(self.between(1, 3)):
                si = self.below(len(sents))
                old, new = SWAPS[self.below(len(SWAPS))]
                sents[si] = re.sub(r"\b%s\b" % re.escape(old), new, sents[si], count=1)
            if self.rng.random() < 0.5:
                credit = "This story was first published by %s." % base["source"]
        paras = join_paragraphs(sents, sizes)
        if credit:
            paras.append(credit)
        return self.record(idx, title, paras, when, outlet, dup_of=base["id"])

    def article(self, idx):
        if self.recent and self.rng.random() < self.dup_rate:
            return self.copy(idx)
        return self.original(idx)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output JSONL file, or - for stdout")
    ap.add_argument("--articles", type=int, required=True, help="number of articles to write")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--corpora", default=DEFAULT_CORPORA, help="folder of the shared corpora (default %(default)s)")
    ap.add_argument("--dup-rate", type=float, default=0.05, help="share of near-duplicate copies (default 0.05)")
    ap.add_argument("--outlets", type=int, default=50, help="number of outlet names (default 50)")
    a = ap.parse_args()
    if a.articles < 0:
        ap.error("--articles must be >= 0")
    if not 0.0 <= a.dup_rate < 1.0:
        ap.error("--dup-rate must be in [0, 1)")
    if not 1 <= a.outlets <= len(OUTLET_A) * len(OUTLET_B):
        ap.error("--outlets must be in 1..%d" % (len(OUTLET_A) * len(OUTLET_B)))

    pool = Pool(a.corpora)
    print("gen_corpus.py: sentence pool: %d sentences of %d articles in %d topic groups"
          % (pool.sentences, len(pool.articles), len(pool.groups)), file=sys.stderr)
    gen = Generator(pool, a.seed, a.dup_rate, a.outlets)
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    written = 0
    try:
        for i in range(a.articles):
            line = json.dumps(gen.article(i), ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            if (i + 1) % 100000 == 0:
                print("gen_corpus.py: %d articles" % (i + 1), file=sys.stderr)
    finally:
        if out is not sys.stdout:
            out.close()
    print("gen_corpus.py: wrote %d articles (%d near-duplicate copies), %d bytes, seed %d -> %s"
          % (a.articles, gen.copies, written, a.seed, a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
