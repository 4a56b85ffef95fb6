// Human-readable results: rank, title, date · source · id, url, and the
// snippet with matched words in bold colour (when colour is on), wrapped to
// the terminal width.
#pragma once

#include <cstddef>

#include "searcher/printers/printer.h"
#include "searcher/printers/terminal_layout.h"  // TerminalStyle

namespace newsdex::search {

class TerminalPrinter : public Printer {
 public:
  explicit TerminalPrinter(TerminalStyle style) : style_(style) {}
  void print(const SearchResults& results, std::ostream& out) override;

 private:
  TerminalStyle style_;
};

}  // namespace newsdex::search
