// Runs a built query against the database: ranking (BM25, title above body),
// complete matches first then partial ones, paging, and the stored article of
// each hit turned into a Match with its snippet.
// Thread safety: one Matcher per thread (it owns analyzers).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <xapian.h>

#include "common/analysis/analyzer.h"
#include "searcher/query_builder.h"
#include "searcher/results.h"

namespace newsdex::search {

struct MatchOptions {
  std::uint32_t offset = 0;        // results to skip (paging)
  std::uint32_t limit = 10;        // results to return
  std::size_t snippet_chars = 240; // passage length in characters
};

class Matcher {
 public:
  explicit Matcher(Xapian::Database db);

  // Complete matches (every query word) ranked first; when there are fewer than
  // offset + limit of them, partial matches (some words) fill the page. Counts
  // of both are in the result. Retries on Xapian::DatabaseModifiedError (an
  // indexer committed meanwhile) after reopening the database.
  SearchResults search(const BuiltQuery& query, const MatchOptions& options);

 private:
  SearchResults search_once(const BuiltQuery& query, const MatchOptions& options);
  HighlightSpec weigh(HighlightSpec spec) const;
  analysis::Analyzer& analyzer_for(const std::string& lang);

  Xapian::Database db_;
  std::map<std::string, analysis::Analyzer> analyzers_;
};

}  // namespace newsdex::search
