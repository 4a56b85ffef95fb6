// Results as JSON Lines (--format jsonl, --json): one "hit" object per match,
// then the "facets" and "timeline" objects when asked for, then one "summary"
// object. The format, with its version, is documented in
// docs/json-output.md; change both in the same commit.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "searcher/printers/printer.h"

namespace newsdex::search {

inline constexpr int kJsonFormatVersion = 1;

// The parts the JSON Lines of matches and of quotes (quote_printer.h) share.
namespace json_lines {

// `j` as one line. Stored text was validated at index time; a bad byte that
// reaches this is replaced rather than thrown on, so one odd article cannot
// break the whole output.
void write_line(const nlohmann::ordered_json& j, std::ostream& out);

// The string, or null when it is empty.
nlohmann::ordered_json or_null(const std::string& s);

// Highlights as [[start, end], ...].
nlohmann::ordered_json ranges(const std::vector<Highlight>& highlights);

// The "facets" line and the "timeline" line, counting `count_by`
// ("article", "story", "quote"); `exact`: the counts cover every match.
void write_facets(const std::vector<Facet>& facets, std::string_view count_by, bool exact, std::ostream& out);
void write_timeline(const Timeline& timeline, std::string_view count_by, bool exact, std::ostream& out);

}  // namespace json_lines

class JsonPrinter : public StreamPrinter {
 public:
  void begin(std::ostream& out) override;
  void hit(const Match& match, std::ostream& out) override;
  void end(const SearchResults& results, std::uint64_t returned, std::ostream& out) override;
};

}  // namespace newsdex::search
