// Printers turn SearchResults into bytes: one for people (terminal_printer),
// and for programs JSON Lines (json_printer) and CSV/TSV (table_printer).
// They see results.h only.
#pragma once

#include <cstdint>
#include <ostream>

#include "searcher/results.h"

namespace newsdex::search {

class Printer {
 public:
  virtual ~Printer() = default;
  // Writes all of `results` to `out`.
  virtual void print(const SearchResults& results, std::ostream& out) = 0;
};

// A printer that also takes the matches one at a time, for output of any
// length (`--limit all`, Matcher::stream): begin(), then hit() for each
// match in order, then end(). print(results) writes the same bytes as
// begin(), hit() for each of results.matches, end(results, matches.size()).
class StreamPrinter : public Printer {
 public:
  void print(const SearchResults& results, std::ostream& out) override {
    begin(out);
    for (const Match& m : results.matches) hit(m, out);
    end(results, results.matches.size(), out);
  }
  // Before the first match (a header row).
  virtual void begin(std::ostream& out) = 0;
  virtual void hit(const Match& match, std::ostream& out) = 0;
  // After the last match. `results` holds the counts, timeline, facets and
  // corrections (its `matches` are not looked at); `returned`: matches printed.
  virtual void end(const SearchResults& results, std::uint64_t returned, std::ostream& out) = 0;
};

}  // namespace newsdex::search
