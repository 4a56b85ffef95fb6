#!/usr/bin/env python3
"""Writes the man page of a newsdex program from its own --help.

Usage: make_man.py PROGRAM SECTIONS_FILE OUTPUT

PROGRAM is the built binary (newsdex-index, newsdex-search). The page's NAME,
SYNOPSIS, DESCRIPTION, OPTIONS, COMMANDS and EXIT STATUS come from
`PROGRAM --help`, `PROGRAM --version` and `PROGRAM SUBCOMMAND --help` for every
subcommand the help lists, so the page says what the binary says. SECTIONS_FILE
(docs/man/PROGRAM.1.in) holds what --help has no room for, written once in
troff: sections introduced by a line `[NAME OF SECTION]`, appended in file
order (ENVIRONMENT, FILES, EXAMPLES, SEE ALSO); lines before the first section
are comments; the first line `name: TEXT` gives the one-line NAME summary.

The help is CLI11's layout (what this parser expects; anything else is an
error, so a change of layout fails the build rather than a page):

    description paragraphs
    Usage: PROGRAM [OPTIONS] ...
    (blank)
    Heading:                  lists: Positionals, Options, Subcommands, or a
      TAG   description       footer list such as "Exit status:"; a long TAG
            continuation      puts its description on the next line
    (blank)
    footer paragraphs

The date on the page is $SOURCE_DATE_EPOCH's when set (reproducible builds),
else today's.
"""

import datetime
import os
import re
import subprocess
import sys


def run(argv):
    """Output of argv (stdout; CLI11 prints help there), which must exit 0."""
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"make_man.py: {' '.join(argv)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


class Help:
    """One --help text, split into its parts."""

    def __init__(self, text, what):
        lines = text.rstrip("\n").split("\n")
        usage_at = next((i for i, l in enumerate(lines) if l.startswith("Usage: ")), None)
        if usage_at is None:
            sys.exit(f"make_man.py: no 'Usage: ' line in the help of {what}")
        self.description = paragraphs(lines[:usage_at])
        self.usage = lines[usage_at][len("Usage: "):].strip()
        self.lists = []       # (heading, [(tag, description)]) in help order
        self.footer = []      # paragraphs (lists of lines) after the lists
        for block in blocks(lines[usage_at + 1:]):
            heading = re.fullmatch(r"(\S.*):", block[0])
            if heading and len(block) > 1 and block[1].startswith("  "):
                self.lists.append((heading.group(1), entries(block[1:], what)))
            else:
                self.footer.append(block)

    def entries_of(self, heading):
        return next((e for h, e in self.lists if h == heading), [])


def blocks(lines):
    """Runs of non-blank lines."""
    out, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def paragraphs(lines):
    return blocks(lines)


# Where CLI11 starts option descriptions (its default column width).
CLI11_COLUMN = 30


def entries(lines, what):
    """(tag, description) of an indented list: "  TAG  description" rows,
    deeper-indented lines continuing the description."""
    out = []
    for line in lines:
        row = re.fullmatch(r"  (\S+(?: \S+)*)(?: {2,}(\S.*))?", line)
        if row and not row.group(2) and len(line) > CLI11_COLUMN and line[CLI11_COLUMN - 1] == " ":
            # A tag that fills its column exactly leaves one space before the
            # description: "  --offset UINT:0..4294957295 Articles to skip".
            out.append([line[2:CLI11_COLUMN - 1], line[CLI11_COLUMN:]])
        elif row:
            out.append([row.group(1), row.group(2) or ""])
        elif line.startswith("   ") and out:
            out[-1][1] = (out[-1][1] + " " + line.strip()).strip()
        else:
            sys.exit(f"make_man.py: unexpected line in a list of the help of {what}: {line!r}")
    return [tuple(e) for e in out]


def positional_tag(tag):
    """CLI11 shows a repeated positional as "NAME TYPE ..." and a required one
    with " REQUIRED" ("PATH PATH ...", "query TEXT ...", "ID ID ... REQUIRED"):
    the page writes NAME... (upper case, as in the synopsis)."""
    tag = re.sub(r" REQUIRED$", "", tag)
    m = re.fullmatch(r"(\S+)(?: \S+)? \.\.\.", tag)
    return (m.group(1).upper() + "...") if m else tag.upper()


def esc(text):
    """troff-escaped running text: backslashes, and hyphens as real minus
    signs (so options are copyable and searchable)."""
    return text.replace("\\", "\\e").replace("-", "\\-")


def line(text):
    """A text line that cannot be taken for a request."""
    text = esc(text)
    return "\\&" + text if text.startswith((".", "'")) else text


def tidy_option(tag, description):
    """CLI11's validator notes in the tag, in the page's words instead:
    "UINT:0..10000" and "UINT:UINT in [40 - 10000]" -> N (and "Range 40 to
    10000." after the description), "TEXT:{auto,always,never}" ->
    auto|always|never, "Needs: --dry-run" -> "Needs --dry-run." after it."""
    notes = []
    m = re.fullmatch(r"(.*?) ((?:Needs|Excludes): .*)", tag)
    if m:
        tag = m.group(1)
        notes.append(m.group(2).replace(":", "", 1))
    m = re.search(r"\b(?:UINT|INT|FLOAT):(?:(\d+)\.\.(\d+)|\w+ in \[(\d+) - (\d+)\])", tag)
    if m:
        low, high = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        tag = tag[:m.start()] + "N" + tag[m.end():]
        notes.append(f"Range {low} to {high}")
    tag = re.sub(r"\bTEXT:\{([^}]*)\}", lambda c: c.group(1).replace(",", "|"), tag)
    tag = re.sub(r"\b(?:UINT|INT)\b", "N", tag)
    if notes:
        description = f"{description}. {'. '.join(notes)}."
    return tag, description


def option_tag(tag):
    """Bold option names, italic metavariables: "-n,--limit N" ->
    \\fB\\-n\\fR, \\fB\\-\\-limit\\fR \\fIN\\fR."""
    words = tag.split(" ", 1)
    names = ", ".join(f"\\fB{esc(n)}\\fR" for n in words[0].split(","))
    if len(words) == 1:
        return names
    return f"{names} \\fI{esc(words[1])}\\fR"


def synopsis_line(program, args):
    """.B program + its arguments, as a synopsis line."""
    return f".B {program}\n{line(args)}\n" if args else f".B {program}\n"


def args_of(usage, words):
    """usage without its first `words` words (the program's name)."""
    parts = usage.split(" ", words)
    return parts[words] if len(parts) > words else ""


def list_items(items, tagger):
    out = ""
    for tag, description in items:
        out += f".TP\n{tagger(tag)}\n{line(description)}\n"
    return out


def paragraphs_troff(paras):
    out = ""
    for para in paras:
        out += ".PP\n" + "".join(line(l.strip()) + "\n" for l in para)
    return out


def footer_troff(help_):
    """Footer paragraphs, and footer lists as a paragraph + tagged items."""
    out = paragraphs_troff(help_.footer)
    for heading, items in help_.lists:
        if heading in ("Positionals", "Options", "Subcommands"):
            continue
        out += f".PP\n{line(heading)}:\n" + list_items(items, lambda t: esc(t))
    return out


def options(help_):
    return [tidy_option(tag, description) for tag, description in help_.entries_of("Options")]


def read_sections(path):
    """name summary and [SECTION] blocks of the hand-written file."""
    name, sections, current = None, [], None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            text = raw.rstrip("\n")
            m = re.fullmatch(r"\[([A-Z][A-Z ]*)\]", text)
            if m:
                current = (m.group(1), [])
                sections.append(current)
            elif current is not None:
                current[1].append(text)
            elif text.startswith("name: "):
                name = text[len("name: "):].strip()
    if not name:
        sys.exit(f"make_man.py: {path}: no 'name: ' line")
    return name, [(title, "\n".join(body).strip("\n") + "\n") for title, body in sections]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    binary, sections_path, output = sys.argv[1:]
    program = os.path.basename(binary)
    version = run([binary, "--version"]).strip().split()[-1]
    top = Help(run([binary, "--help"]), program)
    subcommands = [(tag, Help(run([binary, tag, "--help"]), f"{program} {tag}"))
                   for tag, _ in top.entries_of("Subcommands")]
    name, sections = read_sections(sections_path)

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch
            else datetime.datetime.now(datetime.timezone.utc))
    title = program.upper()

    page = (f".\\\" Generated by scripts/make_man.py from {program} --help and {sections_path.split('/')[-1]}: do not edit.\n"
            f".TH {title} 1 \"{when:%Y-%m-%d}\" \"newsdex {version}\" \"newsdex manual\"\n"
            ".nh\n"  # no hyphenation: paths and options stay whole
            f".SH NAME\n{program} \\- {esc(name)}\n"
            ".SH SYNOPSIS\n")
    # "Usage: PROGRAM ARGS": the top level without its [SUBCOMMAND], which
    # the subcommands' own lines replace.
    page += synopsis_line(program, args_of(top.usage, 1).replace(" [SUBCOMMAND]", ""))
    for sub, sub_help in subcommands:
        page += ".br\n" + synopsis_line(program, args_of(sub_help.usage, 1))

    page += ".SH DESCRIPTION\n" + paragraphs_troff(top.description)
    positionals = top.entries_of("Positionals")
    if positionals:
        page += list_items(positionals, lambda t: f"\\fI{esc(positional_tag(t))}\\fR")
    page += paragraphs_troff(top.footer)

    page += ".SH OPTIONS\n" + list_items(options(top), option_tag)

    if subcommands:
        page += ".SH COMMANDS\n"
        for sub, sub_help in subcommands:
            page += f".SS \"{esc(program + ' ' + sub)}\"\n"
            page += paragraphs_troff(sub_help.description).replace(".PP\n", "", 1)
            sub_positionals = sub_help.entries_of("Positionals")
            page += list_items(sub_positionals, lambda t: f"\\fI{esc(positional_tag(t))}\\fR")
            page += list_items(options(sub_help), option_tag)
            page += footer_troff(sub_help)

    exit_lists = [(h, items) for h, items in top.lists
                  if h not in ("Positionals", "Options", "Subcommands")]
    if exit_lists:
        # "Exit status:" or "Exit status of indexing:" (the subcommands'
        # are under COMMANDS).
        page += ".SH EXIT STATUS\n"
        for heading, items in exit_lists:
            if heading.lower() != "exit status":
                page += f".PP\n{line(heading)}:\n"
            page += list_items(items, esc)

    for section_title, body in sections:
        page += f".SH {section_title}\n{body}"

    with open(output, "w", encoding="utf-8") as f:
        f.write(page)


if __name__ == "__main__":
    main()
