#!/usr/bin/env bash
# libxml2's HTML parser against gumbo on the pages of
# ../shared/corpora/html-articles (decompressed first), as they are and with
# the text of their scripts and styles cut out the way Dom::parse cuts it
# (roughly: every <script>/<style> without ld+json emptied). The reason
# docs/architecture.md gives for libxml2. Needs libgumbo-dev, which newsdex
# itself does not use (apt-get install libgumbo-dev).
# Usage: bench/html_parsers.sh [CORPUS_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$here/../shared/corpora/html-articles}"
[[ -d "$corpus/html" ]] || { echo "no $corpus/html (../shared beside the repository)" >&2; exit 2; }
pkg-config --exists gumbo libxml-2.0 || { echo "needs libgumbo-dev and libxml2-dev (apt-get install libgumbo-dev)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -o "$tmp/html_parsers" "$here/bench/html_parsers.c" $(pkg-config --cflags --libs gumbo libxml-2.0)
mkdir "$tmp/pages" "$tmp/cut"
for f in "$corpus"/html/*; do gzip -dc "$f" > "$tmp/pages/$(basename "$f" .gz)"; done
python3 - "$tmp/pages" "$tmp/cut" <<'PY'
import os, re, sys
src, dst = sys.argv[1], sys.argv[2]
raw = re.compile(rb'(<(script|style)\b[^>]*>)(.*?)(</\2)', re.S | re.I)
for name in os.listdir(src):
    page = open(os.path.join(src, name), 'rb').read()
    cut = raw.sub(lambda m: m.group(0) if b'ld+json' in m.group(1).lower() else m.group(1) + m.group(4), page)
    open(os.path.join(dst, name), 'wb').write(cut)
PY
echo "== pages as they are ($(cat "$tmp"/pages/* | wc -c) bytes)"
"$tmp/html_parsers" "$tmp"/pages/*
echo "== script and style text cut ($(cat "$tmp"/cut/* | wc -c) bytes)"
"$tmp/html_parsers" "$tmp"/cut/*
