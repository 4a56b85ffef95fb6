#!/usr/bin/env python3
"""Regenerates docs/newsdex-search.md with real output.

Indexes sample_corpus/ and tests/data/wire_copies.jsonl into a temp database
with build/newsdex-index, runs each example through build/newsdex-search (to a
pipe, 80 columns) and writes the page. Usage: scripts/make_search_doc.py [BUILD_DIR]
"""
import os
import re
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


def run(args, strip_colors=False, tail=None):
    p = subprocess.run([os.path.join(BUILD, "newsdex-search")] + args, capture_output=True, text=True, env=env)
    out = (p.stdout + p.stderr).rstrip("\n").replace(db, "~/.local/share/newsdex/db")
    if strip_colors:  # a terminal's layout, without the colour codes
        out = re.sub("\x1b\\[[0-9;]*m", "", out)
    if tail is not None:  # only the lines from the one starting with `tail` on
        lines = out.split("\n")
        start = next(i for i, line in enumerate(lines) if line.strip().startswith(tail))
        out = "...\n" + "\n".join(lines[start:])
    shown = " ".join(a if (" " not in a and '"' not in a and "*" not in a) else "'" + a + "'" for a in args
                     if not (strip_colors and a in ("--color", "always")))
    return f"```\n$ newsdex-search {shown}\n{out}\n```\n"


doc = """# newsdex-search

```
newsdex-search [OPTIONS] [QUERY...]
newsdex-search --show [--json] [--color WHEN] [--no-pager] ID... [-- QUERY...]
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
| `--show ID... [-- QUERY...]` | print whole articles by id instead of searching ([below](#reading-an-article---show)); the words after `--` are marked as in snippets |
| `--no-pager` | with `--show`: write to the terminal directly instead of through `$PAGER` |
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

""" + run(["Kerry", "AND"]) + "\n" + run(["country:Narnia"]) + "\n" + run(["--db", "/tmp/no-such-db", "Kerry"]) + """

## Reading an article: `--show`

`newsdex-search --show ID...` prints whole stored articles, by the ids the
search results give: the title, date · source · author · id, the URL, the
entities the indexer found (speakers, countries, persons, organizations),
then the body in its paragraphs, wrapped to the terminal by display columns
(a CJK character takes two, and a line may break between two of them).
Words after `--` are a query (the same syntax) whose words are marked as in
snippets: the same analysis, stems, phrases and wildcards, in bold red on a
terminal; without colour (a pipe, `NO_COLOR`, `--color never`) they are not
marked, as in the search results. Every quote the indexer found is marked with
its speaker: without colour by `[[Speaker: ...]]` around it (`unattributed`
when the article does not say who), with colour by the speaker's colour and a
note in a margin on the left. Quotes nest (a reported statement holding a
direct quote of the same speaker is marked once); a quote of someone else
inside one is marked as its own. Several ids are printed in the order given,
separated by a rule.

""" + run(["--show", "kw-2016-0004", "--", "Samsung", "battery"]) + """
On a terminal (here with the colours left out), the margin names the speaker
where a quote starts and a bar in the speaker's colour runs along it (on a
terminal too narrow for the margin and 40 columns of text, the markers above
are used, in colour):

""" + run(["--show", "--color", "always", "kw-2016-0004"], strip_colors=True, tail="In New York") + """
On a terminal the output goes through a pager, as git's does: `$NEWSDEX_PAGER`,
else `$PAGER`, else `less -R`; `LESS` is set to `FRX` unless you set it
(`less` then exits at once when everything fits on one screen, keeps the
colours and leaves the text on the screen), and `PAGER=cat` or `PAGER=` (empty)
or `--no-pager` turns paging off. Quitting the pager before the end (`q`) is
normal. A pager that cannot be run is reported and the article printed
without it; a pager that exits with an error is reported, with exit status 2.
In a pipe there is never a pager.

`--json` gives one `article` object per line: the whole body, its entities,
each quote with where it is in the body, and the query's matches as byte
ranges ([json-output.md](json-output.md#article-with---show)):

""" + run(["--show", "--json", "wc-2", "--", "bridge"]) + """
Exit status: 0 when every id was found; 1 when one was not (it is named on
stderr, the others are still printed); 2 on an error (no database, a bad
query, a search option such as `--limit` given with `--show`, a failing
pager).

""" + run(["--show", "nope"])
with open("docs/newsdex-search.md", "w", encoding="utf-8") as f:
    f.write(doc)
print("wrote docs/newsdex-search.md")
