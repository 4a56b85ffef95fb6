// Plain result types passed from matching to printing: no Xapian, no ICU.
// Printers see only this header (ripgrep: the searcher never prints).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsdex::search {

// A highlighted byte range [start, end) of Snippet::text.
struct Highlight {
  std::uint32_t start;
  std::uint32_t end;
};

// A passage of an article with the query's words marked. `text` is what is
// shown, including "…" where the passage was cut out of a longer text.
struct Snippet {
  std::string text;
  std::vector<Highlight> highlights;  // sorted, non-overlapping
};

struct Match {
  std::uint32_t rank = 0;  // 1-based, counting from the first result of the page
  double score = 0.0;      // BM25 weight
  bool matched_all = true; // false: a partial match (not every query word)
  std::string id;
  std::string title;
  Snippet title_highlighted;  // the whole title with its matched words marked
  std::optional<std::int64_t> published_unix_s;
  std::string source;
  std::string url;
  std::string author;
  Snippet snippet;
};

struct SearchResults {
  std::string query;
  std::vector<Match> matches;
  std::uint64_t matches_estimated = 0;   // all matches, complete and partial
  std::uint64_t matches_lower_bound = 0;
  std::uint64_t matches_upper_bound = 0;
  std::uint64_t complete_matches_estimated = 0;  // matches holding every query word
  std::uint64_t offset = 0;
  double elapsed_ms = 0.0;
};

}  // namespace newsdex::search
