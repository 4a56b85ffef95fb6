// Printing newsdex-search --quotes results (searcher/quote_search.h): as text
// for a terminal or a pipe, and as JSON Lines ("quote" objects, then "facets",
// "timeline" and one "summary"; docs/json-output.md, "Quotes").
#pragma once

#include <cstdint>
#include <ostream>

#include "searcher/printers/terminal_layout.h"  // TerminalStyle

namespace newsdex::search {

struct QuoteResults;
struct QuoteHit;

// Each hit as "N. Speaker verb:", the quote (cut to the snippet length, the
// query's words marked, wrapped to style.width), then "date · source · id ·
// title"; facets and timeline as the article search prints them, counting
// quotes; then one summary line. Everything from the database made safe to
// print (common/terminal_text.h).
void print_quotes_text(const QuoteResults& results, TerminalStyle style, std::ostream& out);

// One JSON object per line, as docs/json-output.md describes: a "quote"
// object per hit (print_quote_json), then print_quotes_json_end().
void print_quotes_json(const QuoteResults& results, std::ostream& out);

// The "quote" object of `hit`, one line.
void print_quote_json(const QuoteHit& hit, std::ostream& out);

// What follows the quotes: "facets", "timeline" (when asked for) and the
// "summary" line; `returned`: quotes printed.
void print_quotes_json_end(const QuoteResults& results, std::uint64_t returned, std::ostream& out);

}  // namespace newsdex::search
