// Human-readable results: rank, title, date · source · id, url, and the
// snippet with matched words in bold colour (when colour is on), wrapped to
// the terminal width.
#pragma once

#include <cstddef>

#include "searcher/printers/printer.h"

namespace newsdex::search {

struct TerminalStyle {
  bool color = false;      // ANSI bold colour for highlights and titles
  std::size_t width = 80;  // wrap snippets to this many columns (0 = no wrap)
};

class TerminalPrinter : public Printer {
 public:
  explicit TerminalPrinter(TerminalStyle style) : style_(style) {}
  void print(const SearchResults& results, std::ostream& out) override;

 private:
  void print_facets(const SearchResults& results, std::ostream& out) const;
  void print_timeline(const SearchResults& results, std::ostream& out) const;

  TerminalStyle style_;
};

}  // namespace newsdex::search
