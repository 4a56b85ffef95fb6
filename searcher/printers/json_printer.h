// Results as JSON Lines: one "hit" object per match, then one "summary"
// object. The format, with its version, is documented in docs/json-output.md;
// change both in the same commit.
#pragma once

#include "searcher/printers/printer.h"

namespace newsdex::search {

inline constexpr int kJsonFormatVersion = 1;

class JsonPrinter : public Printer {
 public:
  void print(const SearchResults& results, std::ostream& out) override;
};

}  // namespace newsdex::search
