#!/usr/bin/env python3
"""Regenerates docs/newsdex-search.md with real output.

Indexes sample_corpus/ and tests/data/wire_copies.jsonl into a temp database
with build/newsdex-index, runs each example through build/newsdex-search (to a
pipe, 80 columns) and writes the page. Usage: scripts/make_search_doc.py [BUILD_DIR]
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "build")
os.chdir(ROOT)
db = os.path.join(tempfile.mkdtemp(prefix="newsdex-doc-"), "db")
subprocess.run([os.path.join(BUILD, "newsdex-index"), "-q", "--db", db, "sample_corpus", "tests/data/wire_copies.jsonl"],
               check=True)
env = dict(os.environ, COLUMNS="80", NEWSDEX_DB=db)
env.pop("NO_COLOR", None)


def run(args):
    p = subprocess.run([os.path.join(BUILD, "newsdex-search")] + args, capture_output=True, text=True, env=env)
    out = (p.stdout + p.stderr).rstrip("\n").replace(db, "~/.local/share/newsdex/db")
    shown = " ".join(a if (" " not in a and '"' not in a and "*" not in a) else "'" + a + "'" for a in args)
    return f"```\n$ newsdex-search {shown}\n{out}\n```\n"


doc = """# newsdex-search

```
newsdex-search [OPTIONS] [QUERY...]
```

Searches a newsdex database and prints the best articles, each with the
passage where the query words meet and every matched word highlighted (bold
red on a terminal). The query language is in [query-syntax.md](query-syntax.md),
the `--json` format in [json-output.md](json-output.md). All output below is
real: `scripts/make_search_doc.py` regenerates this page from a database of
`sample_corpus/` and `tests/data/wire_copies.jsonl`, printing to a pipe (so
without colour) at 80 columns.

## Options

| option | meaning |
|---|---|
| `--db DIR` | database (default `$NEWSDEX_DB`, else `$XDG_DATA_HOME/newsdex/db`, else `~/.local/share/newsdex/db`); may also be a Xapian stub file listing several databases, including `remote HOST:PORT` shards served by `xapian-tcpsrv` |
| `-n N`, `--limit N` | articles to show, 0 to 10,000 (default 10; 0 = only counts, timeline and facets) |
| `--offset N` | articles to skip, for paging: 0 to 4,294,957,295 (so that offset + limit fits Xapian's 32-bit document count) |
| `--snippet-chars N` | snippet length in characters (default 240); whole sentences where they fit, `…` where a sentence is cut |
| `--json` | JSON Lines output |
| `--color auto\\|always\\|never` | highlighting; `auto` = only on a terminal and without `NO_COLOR` |
| `--since DATE`, `--until DATE` | publication date filters; `DATE` is `2016`, `2016-02` or `2016-02-05` and means the whole period (`--until 2016-02` is through 29 February) |
| `--sort relevance\\|newest\\|oldest` | order (relevance breaks ties of date; complete matches stay first) |
| `--timeline[=day\\|week\\|month\\|year]` | a histogram of the matches over time; without a size, one is picked from the span |
| `--timeline-top` | with the timeline: the best headline of each bucket (implies `--timeline`) |
| `--facets LIST` | count the matches by `speaker`, `country`, `person`, `org`, `source` (default on a terminal: `speaker,country`) |
| `--facet-limit N` | values shown per facet (default 10) |
| `--speaker V`, `--country V`, `--person V`, `--org V`, `--source V` | filters, the same as `speaker:"V"` etc. in the query; repeatable (OR); the query words may then be left out |
| `--all` | show every copy of a story republished by several outlets (default: the best copy, with "+N similar") |
| `--count-by article\\|story` | whether timeline and facet counts count articles or stories (near-duplicate clusters) |
| `--threads N` | threads that count facets and the timeline (by article) on a database of 100,000 articles or more, each over a slice of the document ids; default 0 = one per core, at most 8. The counts are the same with any number |

Exit status, as grep: 0 some article matched, 1 none did, 2 an error (bad
query or option, missing database: the message says how to create one).
Query words that start with `-` are exclusions, not options
(`newsdex-search Kerry -Munich`); `--` ends the options if needed.

## Examples

A ranked search; articles with every word first, partial matches (some words) after:

""" + run(["-n", "2", "Kerry", "Lavrov", "Munich"]) + """
Entity facets and filters: who is quoted, and which countries are involved:

""" + run(["--facets", "speaker,country", "--facet-limit", "4", "-n", "1", "ceasefire"]) + "\n" + run(
    ["--country", "russia", "--speaker", "lavrov", "-n", "2", "--snippet-chars", "120"]) + """
Dates, sorting, and the timeline with the best headline per bucket:

""" + run(["--since", "2016-02", "--until", "2016-02", "--sort", "newest", "-n", "2", "--snippet-chars", "120", "Syria"]) + "\n" + run(
    ["--timeline=year", "--timeline-top", "-n", "0", "harbour"]) + "\n" + run(["--timeline", "-n", "0", "date:2016"]) + """
Wire copies: one story republished by four outlets is shown once, or every copy with `--all`;
`--count-by story` counts it once:

""" + run(["-n", "2", "Kelvin", "bridge", "cables"]) + "\n" + run(
    ["--all", "-n", "4", "--snippet-chars", "60", "Kelvin", "bridge", "cables"]) + "\n" + run(
    ["--facets", "source", "--count-by", "story", "-n", "0", "date:2017"]) + """
Did you mean (only when few or no articles match, never for a word the index holds):

""" + run(["goverment", "fares"]) + """
Errors (exit status 2):

""" + run(["Kerry", "AND"]) + "\n" + run(["country:Narnia"]) + "\n" + run(["--db", "/tmp/no-such-db", "Kerry"])
with open("docs/newsdex-search.md", "w", encoding="utf-8") as f:
    f.write(doc)
print("wrote docs/newsdex-search.md")
