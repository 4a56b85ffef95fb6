// What the printers for a terminal share (terminal_printer for articles,
// quote_printer for --quotes, article_text_printer for --show): the colours,
// text from the database made safe to print, cutting and wrapping by display
// columns (CJK characters take two), and the facet and timeline blocks of a
// results page. One owner for each, so the pages look alike and a fix lands
// in all of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/results.h"

namespace newsdex::search {

struct TerminalStyle {
  bool color = false;      // ANSI bold colour for highlights and titles
  std::size_t width = 80;  // wrap snippets to this many columns (0 = no wrap)
};

namespace layout {

inline constexpr std::string_view kReset = "\x1b[0m";
inline constexpr std::string_view kHighlight = "\x1b[1;31m";  // bold red, as ripgrep's matches
inline constexpr std::string_view kTitle = "\x1b[1m";
inline constexpr std::string_view kMeta = "\x1b[32m";
inline constexpr std::size_t kIndent = 3;  // of the lines under a hit's first line

// The code point at s[i] (valid UTF-8 assumed; a stray or cut byte is one
// code point of its own); advances i past it.
std::uint32_t next_code_point(std::string_view s, std::size_t& i);

// Text from the database made safe to print (common/terminal_text.h), on one
// line, before our colour codes are added.
std::string safe(std::string_view text);

// `snippet` made safe, its highlights moved to the same characters: each run
// between two highlight boundaries is sanitised on its own.
Snippet safe(const Snippet& snippet);

// `s` cut to at most `columns` display columns at a character boundary, with
// "…" when cut.
std::string fit(std::string_view s, std::size_t columns);

// `text` in `style` when `color`, the style reset after it.
void styled(std::ostream& out, bool color, std::string_view style, std::string_view text);

// Writes `snippet` (safe) word-wrapped at `width` columns (0 = no wrap), each
// line indented by kIndent, in `style` with the highlights in kHighlight when
// `color`. A highlight that spans a line break is closed before the break and
// reopened after the indent. A word with a wide (CJK) character, or wider
// than a line, may break between any two of its characters: CJK text has no
// spaces to break at.
void write_wrapped(const Snippet& snippet, std::string_view style, bool color, std::size_t width, std::ostream& out);

// A bar of `value / max * width` columns in Unicode eighth blocks; a bucket
// that is not empty always shows.
std::string bar(std::uint64_t value, std::uint64_t max, std::size_t width);

// Each facet that has values: "NAME (WHAT)" (WHAT: "articles, exact",
// "quotes, at least", ...), its values with their counts, "… and N more",
// and a blank line. A facet without values prints nothing.
void print_facet_blocks(const std::vector<Facet>& facets, std::string_view what, const TerminalStyle& style,
                        std::ostream& out);

// "timeline by GRANULARITY (WHAT)", a bar per bucket with its count (and its
// best headline with --timeline-top), "(N undated)", a blank line. A timeline
// with neither buckets nor undated matches prints nothing.
void print_timeline_block(const Timeline& timeline, std::string_view what, const TerminalStyle& style,
                          std::ostream& out);

}  // namespace layout
}  // namespace newsdex::search
