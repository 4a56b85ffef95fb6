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
newsdex-search --format csv|tsv|jsonl [--fields LIST] [--limit all] [OPTIONS] [QUERY...]
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
| `--db DIR` | database (default `$NEWSDEX_DB`, else `$XDG_DATA_HOME/newsdex/db`, else `~/.local/share/newsdex/db`); may also be a cluster file (a Xapian stub file) listing shards: local directories and `remote HOST:PORT` shards served by `xapian-tcpsrv` ([deployment.md](deployment.md)) |
| `-n N`, `--limit N` | articles to show, 0 to 10,000 (default 10; 0 = only counts, timeline and facets); `all` = every match, streamed, with `--format csv`, `tsv` or `jsonl` ([Export](#every-match---limit-all)) |
| `--offset N` | articles to skip, for paging: 0 to 4,294,957,295 (so that offset + limit fits Xapian's 32-bit document count) |
| `--snippet-chars N` | snippet length in characters (default 240); whole sentences where they fit, `…` where a sentence is cut |
| `--format text\\|jsonl\\|csv\\|tsv` | output: text for people (default); `jsonl` = JSON Lines ([json-output.md](json-output.md)); `csv` (RFC 4180) or `tsv`, one row per match with a header row ([Export](#export---format-csvtsvjsonl)) |
| `--json` | the same as `--format jsonl` |
| `--fields LIST` | with `--format csv` or `tsv`: the columns, comma-separated ([Export](#export---format-csvtsvjsonl)) |
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
| `--allow-partial` | with a cluster file: when shards are down or do not answer within its timeout, search the others and name the missing ones on standard error (default: an error naming them; [deployment.md](deployment.md#when-a-shard-is-down-or-slow)) |
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

## Export: `--format csv|tsv|jsonl`

For spreadsheets, pandas and scripts. `--format jsonl` is the JSON Lines of
[json-output.md](json-output.md) (`--json` is the same); `--format csv` and
`--format tsv` write a table: a header row of field names, then one row per
match, in the order of the search (complete matches first, `--sort` as
usual). A table has no counts, timeline or facets (`--facets`, `--timeline`,
`--timeline-top`, `--facet-limit` and `--count-by` are errors with it, and
nothing about them is printed, not even on stderr; use `--format jsonl` for
them); the exit status still says whether anything matched. No export
format has colour or terminal escapes, whatever `--color` says.

`--fields LIST` (csv and tsv only) picks the columns, comma-separated, in
that order:

| field | value |
|---|---|
| `rank` | 1-based position in the results (counting `--offset`) |
| `id` | article id (for `--show`) |
| `date` | publication time, ISO 8601 in UTC (`2016-02-08T22:10:00Z`); empty when undated |
| `source` | outlet |
| `title` | headline |
| `url` | address of the article |
| `author` | byline |
| `score` | BM25 relevance weight, the shortest decimal that reads back as the same number |
| `matched_all` | `true` when the article holds every query word, `false` for a partial match |
| `snippet` | the passage where the query words meet, as plain text |
| `speakers` | people quoted |
| `countries` | countries mentioned, by name |
| `country_codes` | the same, as ISO 3166-1 alpha-2 codes |
| `persons` | people mentioned |
| `orgs` | organizations mentioned |
| `quotes` | every quote, as `Speaker: text` (the text alone when unattributed) |
| `similar_count` | copies of the story collapsed into this row (0 with `--all`) |
| `similar_sources` | the outlets of those copies |

Without `--fields`: `id,date,source,title,url,author,score,speakers,countries,persons,orgs,snippet`.
Fields with several values are joined with `; ` (a value that itself holds
`; ` cannot be told apart: `--format jsonl` keeps them as arrays). Entities
are most salient first.

The bytes, for a reader to rely on:

- **CSV** is [RFC 4180](https://www.rfc-editor.org/rfc/rfc4180): fields
  separated by `,`, every row (the header too) ending in CRLF; a field
  holding `,`, `"`, CR or LF is put in double quotes, and a `"` inside it
  doubled. Line breaks inside a field (a quote that runs over two
  paragraphs) are kept as they are, inside the quotes. Python's
  `csv.reader`, pandas' `read_csv`, LibreOffice and Excel read it as is.
- **TSV** has fields separated by TAB and rows ending in LF, and quotes
  nothing: inside a field, backslash, TAB, LF and CR are written `\\\\`, `\\t`,
  `\\n` and `\\r` (as PostgreSQL's `COPY` text format), so every row is one
  line and `cut -f`, `awk -F'\\t'` and `sort` work on it.
- Both are UTF-8 without a byte order mark. Control characters a terminal
  or a spreadsheet would act on (C0 other than TAB, LF and CR, DEL, C1) and
  invalid UTF-8 become U+FFFD `�`, so no escape sequence reaches the output.

""" + run(["--format", "csv", "--fields", "id,date,source,title,speakers", "-n", "3", "ceasefire"]) + """
### Every match: `--limit all`

`--limit all` (with `--format csv`, `tsv` or `jsonl`; `--offset` still
skips) writes every match, however many, complete matches first, in the
order of `--sort`: the first rows are exactly what `--limit 10` shows.
Near-duplicate copies are collapsed into one row as usual; `--all` gives a
row to each. With `--format jsonl` the `summary` line comes last and its
counts are exact (every match was seen).

""" + run(["--format", "tsv", "--fields", "rank,id,score,countries", "--limit", "all", "--sort", "newest", "Kerry", "Lavrov"]) + """
Memory stays bounded however many articles match. Asking Xapian for page
after page would not do that (for a page at offset N it keeps N + page size
candidates, and runs the whole match again for each page), so instead the
match runs once, and a match spy records each match's order key (weight,
date, document id: 24 bytes). The keys are sorted in runs of 65,536; a full
run is written to an unlinked temporary file in `$TMPDIR` (else `/tmp`), and
the runs are merged at the end, 512 keys of each in memory at a time
(`searcher/match_stream.h`). Articles are then read and their rows written
64 at a time. What grows with the match count is the temporary file (24
bytes a match), the merge buffers (12 KiB per 65,536 matches) and, when
collapsing, the ids of stories with several copies met so far.

The rows are written as they are made, so a reader that stops early
(`| head`) ends the search at once, quietly, with exit status 0. An indexer
committing to the database during the export cannot be followed (the rows
written so far would not match the new revision): the export stops with
status 2 and says so; run it again.

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
