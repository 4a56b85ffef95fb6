// Results as JSON Lines (--format jsonl, --json): one "hit" object per match,
// then the "facets" and "timeline" objects when asked for, then one "summary"
// object. The format, with its version, is documented in
// docs/json-output.md; change both in the same commit.
#pragma once

#include "searcher/printers/printer.h"

namespace newsdex::search {

inline constexpr int kJsonFormatVersion = 1;

class JsonPrinter : public StreamPrinter {
 public:
  void begin(std::ostream& out) override;
  void hit(const Match& match, std::ostream& out) override;
  void end(const SearchResults& results, std::uint64_t returned, std::ostream& out) override;
};

}  // namespace newsdex::search
