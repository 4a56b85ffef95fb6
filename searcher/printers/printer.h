// Printers turn SearchResults into bytes: one for people (terminal_printer),
// one for programs (json_printer). They see results.h only.
#pragma once

#include <ostream>

#include "searcher/results.h"

namespace newsdex::search {

class Printer {
 public:
  virtual ~Printer() = default;
  // Writes all of `results` to `out`.
  virtual void print(const SearchResults& results, std::ostream& out) = 0;
};

}  // namespace newsdex::search
