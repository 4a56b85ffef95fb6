#!/usr/bin/env python3
"""Build the newsdex sample corpus and its gold annotation.

All article texts live as Python data in tools/src/*.py (one list ARTICLES per
module).  This script writes, relative to sample_corpus/:

    articles.jsonl          main corpus (keys id,title,body,date,source,url,author,lang)
    wire.jsonl              Kestrel Wire feed (keys id?,title,text,published,outlet,url,author)
    txt/*.txt               plain-text articles (title, blank line, body)
    archive-2015.jsonl.zst  2015 articles, articles.jsonl format, zstd-compressed
    ../bench/gold/speakers.jsonl  quote / speaker / country annotation, one line per article

and validates everything (quote coverage, anchors, word counts, ids).

Usage:  python3 sample_corpus/tools/build_corpus.py [--check-only]
Requires the `zstd` command-line tool for the archive.
"""
import datetime
import email.utils
import importlib.util
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(HERE, "src")

OUTLETS = {
    "Bellwether Times": "bellwether-times.test",
    "Granite Herald": "granite-herald.test",
    "Eastbrook Gazette": "eastbrook-gazette.test",
    "Compass Daily": "compass-daily.test",
    "Saltmarsh Courier": "saltmarsh-courier.test",
    "Kestrel Wire": "kestrel-wire.test",
}

# Opening quote mark -> closing quote mark.  Single quotes / apostrophes are
# never treated as quote marks.
QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u300c": "\u300d"}
CLOSERS = {"\u201d", "\u300d"}

ERRORS = []


def err(where, msg):
    ERRORS.append(f"{where}: {msg}")


def load(module):
    path = os.path.join(SRC, module + ".py")
    spec = importlib.util.spec_from_file_location(module, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.ARTICLES


def norm_body(text):
    """Paragraphs separated by blank lines; lines inside a paragraph are joined."""
    paras = re.split(r"\n[ \t]*\n", text.strip())
    return "\n\n".join(" ".join(l.strip() for l in p.strip().splitlines()) for p in paras)


def para_bounds(body):
    out, pos = [], 0
    for p in body.split("\n\n"):
        out.append((pos, pos + len(p)))
        pos += len(p) + 2
    return out


def quote_spans(body, where):
    """Return {start: first_segment_end} for every direct quote in body.

    start is the index of the first character after the opening mark.  A quote
    left open at the end of a paragraph must be continued by a paragraph that
    starts with an opening mark (news style); that continuation is part of the
    same quote and is not a new span.
    """
    spans = {}
    pending = None  # closing mark of a quote carried over from previous paragraph
    for ps, pe in para_bounds(body):
        p = body[ps:pe]
        i = 0
        in_q = None
        cur = None
        if pending is not None:
            if p and p[0] in QUOTE_PAIRS and QUOTE_PAIRS[p[0]] == pending:
                in_q = pending
                i = 1
            else:
                err(where, f"quote left open but next paragraph does not reopen it: {p[:40]!r}")
            pending = None
        while i < len(p):
            c = p[i]
            if in_q is None:
                if c in QUOTE_PAIRS:
                    in_q = QUOTE_PAIRS[c]
                    cur = ps + i + 1
                    spans[cur] = None
                elif c in CLOSERS:
                    err(where, f"stray closing quote at {ps + i}: {p[max(0, i - 30):i + 5]!r}")
            else:
                if c == in_q:
                    if cur is not None and spans[cur] is None:
                        spans[cur] = ps + i
                    in_q = None
                    cur = None
                elif c in QUOTE_PAIRS and c != '"':
                    err(where, f"nested opening quote at {ps + i}")
            i += 1
        if in_q is not None:
            if cur is not None and spans[cur] is None:
                spans[cur] = pe  # first segment ends with the paragraph
            pending = in_q
    if pending is not None:
        err(where, "quote still open at end of body")
    return spans


# --- a small gazetteer used only to *warn* about possibly missed countries ---
GAZ = {
    "AF": ["Afghanistan", "Afghan"], "AT": ["Austria", "Vienna"], "AU": ["Australia", "Australian", "Melbourne", "Sydney"],
    "AZ": ["Azerbaijan", "Baku"], "BE": ["Belgium", "Brussels"], "BR": ["Brazil", "Brazilian", "São Paulo", "Rio de Janeiro", "Rio", "Brasília"],
    "BY": ["Belarus", "Minsk"], "CA": ["Canada", "Canadian", "Ottawa", "Halifax", "Toronto"],
    "CH": ["Switzerland", "Swiss", "Zürich", "Geneva", "Bern", "Lausanne"], "CN": ["China", "Chinese", "Beijing", "Shanghai", "Wuhan"],
    "CO": ["Colombia", "Colombian", "Bogotá", "Medellín"], "CU": ["Cuba", "Havana"], "DE": ["Germany", "German", "Berlin", "Munich", "Frankfurt", "Bonn", "Dresden", "Karlsruhe"],
    "DK": ["Denmark", "Danish", "Copenhagen"], "ES": ["Spain", "Spanish", "Madrid", "Barcelona"], "ET": ["Ethiopia", "Ethiopian"],
    "FJ": ["Fiji", "Fijian", "Suva"], "FR": ["France", "French", "Paris", "Lyon", "Marseille"], "GB": ["Britain", "British", "London", "U.K.", "England", "English", "Scotland"],
    "GE": ["Georgia", "Georgian", "Tbilisi"], "GR": ["Greece", "Greeks", "Greek", "Athens", "Piraeus"], "HK": ["Hong Kong"], "HR": ["Croatia", "Croatian", "Zagreb", "Split"],
    "IE": ["Ireland", "Irish", "Dublin"], "IL": ["Israel", "Israeli"], "IN": ["India", "Indian", "New Delhi"], "IQ": ["Iraq", "Iraqi", "Baghdad"], "IR": ["Iran", "Iranian", "Tehran"],
    "IT": ["Italy", "Italian", "Rome", "Milan", "Bergamo", "Lombardy"], "JM": ["Jamaica"], "JO": ["Jordan", "Jordanian", "Amman"], "JP": ["Japan", "Japanese", "Tokyo", "Yokohama"],
    "KE": ["Kenya", "Kenyan", "Nairobi"], "KP": ["North Korea", "North Korean", "Pyongyang"], "KR": ["South Korea", "South Korean", "Seoul"], "KW": ["Kuwait", "Kuwaiti"],
    "KZ": ["Kazakhstan", "Kazakh", "Astana"], "LB": ["Lebanon", "Lebanese", "Beirut"], "LV": ["Latvia", "Riga"], "MA": ["Morocco", "Moroccan", "Marrakech"],
    "MH": ["Marshall Islands"], "MW": ["Malawi"], "AE": ["Dubai", "Abu Dhabi", "Emirates"], "MX": ["Mexico", "Mexican"], "NG": ["Nigeria", "Nigerian", "Nigerians", "Abuja", "Lagos"], "NL": ["Netherlands", "Dutch", "Amsterdam", "Rotterdam"],
    "NO": ["Norway", "Norwegian", "Oslo"], "PA": ["Panama"], "PH": ["Philippines", "Filipino", "Manila"], "PK": ["Pakistan"], "PL": ["Poland", "Polish", "Warsaw", "Katowice"], "SI": ["Slovenia"], "PT": ["Portugal", "Lisbon"],
    "QA": ["Qatar", "Qatari", "Doha"], "RO": ["Romania", "Bucharest"], "RU": ["Russia", "Russian", "Moscow", "Kremlin"],
    "SA": ["Saudi", "Riyadh"], "SE": ["Sweden", "Swedish", "Stockholm"], "SG": ["Singapore"], "SV": ["El Salvador"],
    "SY": ["Syria", "Syrian", "Damascus", "Aleppo", "Homs", "Idlib", "Ghouta", "Douma", "Daraa", "Madaya"], "TO": ["Tonga", "Tongan"],
    "TR": ["Turkey", "Turkish", "Ankara", "Istanbul"], "UA": ["Ukraine", "Ukrainian", "Kiev", "Kyiv"],
    "US": ["United States", "U.S.", "American", "Washington", "New York", "San Francisco", "Georgia", "Atlanta", "Ohio", "Louisiana", "Boston"],
    "VE": ["Venezuela", "Venezuelan", "Venezuelans"], "ZA": ["South Africa"],
}


def gaz_codes(text):
    found = set()
    for code, terms in GAZ.items():
        for t in terms:
            if any(re.search(r"(?<![\w.])" + re.escape(v) + r"(?!\w)", text) for v in (t, t.upper())):
                found.add(code)
                break
    return found


def word_count(text):
    return len(re.findall(r"\w+(?:[’'.-]\w+)*", text))


def slugify(title):
    s = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", s.lower())
    return "-".join(words[:9])


def surname(name):
    return name.split()[-1]


def build_gold(gid, art, title, body):
    where = gid
    spans = quote_spans(body, where)
    bounds = para_bounds(body)
    covered = set()
    quotes, speakers, found = [], [], []
    for q in art.get("quotes", []):
        if len(q) != 3:
            err(where, f"bad quote tuple {q!r}")
            continue
        speaker, kind, anchor = q
        n = body.count(anchor)
        if n != 1:
            err(where, f"anchor {anchor!r} occurs {n} times")
            continue
        pos = body.find(anchor)
        if kind == "direct":
            if pos not in spans:
                err(where, f"direct anchor {anchor!r} is not at the start of a quote")
                continue
            end = spans[pos]
            covered.add(pos)
        elif kind == "reported":
            if any(s <= pos < (e if e is not None else s) for s, e in spans.items()):
                err(where, f"reported anchor {anchor!r} lies inside a direct quote")
            end = next(e for s, e in bounds if s <= pos <= e)
        else:
            err(where, f"bad kind {kind!r}")
            continue
        text = body[pos:min(pos + 60, end)]
        found.append((pos, {"speaker": speaker, "text": text, "kind": kind}))
        if speaker is not None and surname(speaker) not in body and speaker not in body:
            err(where, f"speaker {speaker!r} not found in body")
    found.sort(key=lambda t: t[0])  # gold lists quotes in body order
    for _, q in found:
        quotes.append(q)
        if q["speaker"] is not None and q["speaker"] not in speakers:
            speakers.append(q["speaker"])
    for s in spans:
        if s not in covered:
            err(where, f"unannotated direct quote: {body[s:s + 50]!r}")
    mentioned = art.get("mentioned", [])
    for m in mentioned:
        if m in speakers:
            err(where, f"{m!r} listed as mentioned but speaks")
        if surname(m) not in body:
            err(where, f"mentioned person {m!r} not in body")
    countries = sorted(set(art["countries"]))
    gz = gaz_codes(title + "\n" + body)
    extra = gz - set(countries) - set(art.get("gaz_ignore", []))
    missing = set(countries) - gz - set(art.get("gaz_unknown", []))
    if extra:
        print(f"WARN {where}: gazetteer also sees {sorted(extra)}")
    if missing:
        print(f"WARN {where}: gazetteer does not see {sorted(missing)}")
    return {
        "id": gid,
        "quotes": quotes,
        "speakers": speakers,
        "persons_mentioned_not_speaking": mentioned,
        "countries": countries,
    }


def check_common(art, body, where):
    wc = word_count(body)
    if not 150 <= wc <= 450:
        err(where, f"body has {wc} words (want 150-450)")
    if "\n\n" not in body:
        err(where, "body has a single paragraph")
    return wc


def iso(art):
    d = art["date"]
    datetime.datetime.strptime(d, "%Y-%m-%dT%H:%M:%SZ")
    return d


def url_for(art):
    d = art["date"]
    dom = OUTLETS[art["source"]]
    return f"https://{dom}/{d[0:4]}/{d[5:7]}/{d[8:10]}/{slugify(art['title'])}"


def std_record(art):
    body = norm_body(art["body"])
    return body, {
        "id": art["id"],
        "title": art["title"],
        "body": body,
        "date": iso(art),
        "source": art["source"],
        "url": url_for(art),
        "author": art["author"],
        "lang": "en",
    }


def dump(path, records):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    check_only = "--check-only" in sys.argv
    gold = []
    seen_ids = set()
    stats = {}

    def new_id(i, where):
        if i in seen_ids:
            err(where, f"duplicate id {i}")
        seen_ids.add(i)

    # 1. articles.jsonl
    recs = []
    for art in load("articles"):
        body, rec = std_record(art)
        new_id(rec["id"], rec["id"])
        check_common(art, body, rec["id"])
        recs.append(rec)
        gold.append(build_gold(rec["id"], art, rec["title"], body))
    stats["articles.jsonl"] = len(recs)
    if not check_only:
        dump(os.path.join(ROOT, "articles.jsonl"), recs)

    # 2. wire.jsonl (alternative keys)
    recs = []
    for n, art in enumerate(load("wire"), start=1):
        body = norm_body(art["body"])
        dt = datetime.datetime.strptime(iso(art), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
        rec = {}
        if art.get("id"):
            rec["id"] = art["id"]
        rec.update({
            "title": art["title"],
            "text": body,
            "published": email.utils.format_datetime(dt, usegmt=True),
            "outlet": "Kestrel Wire",
            "url": url_for(dict(art, source="Kestrel Wire")),
            "author": art["author"],
        })
        gid = art.get("id") or f"wire.jsonl:{n}"
        new_id(gid, gid)
        check_common(art, body, gid)
        recs.append(rec)
        gold.append(build_gold(gid, art, art["title"], body))
    stats["wire.jsonl"] = len(recs)
    if not check_only:
        dump(os.path.join(ROOT, "wire.jsonl"), recs)

    # 3. txt/
    txt_dir = os.path.join(ROOT, "txt")
    n_txt = 0
    for art in load("txt"):
        body = norm_body(art["body"])
        gid = "txt/" + art["file"]
        new_id(gid, gid)
        check_common(art, body, gid)
        if not check_only:
            os.makedirs(txt_dir, exist_ok=True)
            with open(os.path.join(txt_dir, art["file"]), "w", encoding="utf-8", newline="\n") as f:
                f.write(art["title"] + "\n\n" + body + "\n")
        gold.append(build_gold(gid, art, art["title"], body))
        n_txt += 1
    stats["txt/"] = n_txt

    # 4. archive-2015.jsonl.zst
    recs = []
    for art in load("archive_2015"):
        body, rec = std_record(art)
        if not rec["date"].startswith("2015-"):
            err(rec["id"], "archive article not dated 2015")
        new_id(rec["id"], rec["id"])
        check_common(art, body, rec["id"])
        recs.append(rec)
        gold.append(build_gold(rec["id"], art, rec["title"], body))
    stats["archive-2015.jsonl.zst"] = len(recs)
    if not check_only:
        plain = os.path.join(ROOT, "archive-2015.jsonl")
        dump(plain, recs)
        subprocess.run(["zstd", "-19", "-q", "-f", "-o", plain + ".zst", plain], check=True)
        os.remove(plain)

    # 5. gold
    if not check_only:
        dump(os.path.join(os.path.dirname(ROOT), "bench", "gold", "speakers.jsonl"), gold)

    for k, v in stats.items():
        print(f"{k:26s} {v:3d} articles")
    print(f"{'total':26s} {sum(stats.values()):3d} articles, "
          f"{sum(len(g['quotes']) for g in gold)} annotated quotes")
    if ERRORS:
        print("\n".join("ERROR " + e for e in ERRORS))
        sys.exit(1)


if __name__ == "__main__":
    main()
