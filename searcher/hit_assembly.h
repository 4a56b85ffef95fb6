// The page of a search, after ranking: each ranked document's stored article
// read back and turned into a Match (title and snippet highlighted, the
// entities the indexer extracted, "+N similar" for the near-duplicate copies
// collapsed into it). Runs after the matcher has ranked the page; knows
// nothing of weights or ordering.
// Thread safety: one HitAssembler per thread (it owns analyzers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.h"
#include "common/article.h"
#include "searcher/query_builder.h"
#include "searcher/results.h"

namespace newsdex::search {

// One document of the page, as ranking left it.
struct RankedHit {
  Xapian::Document doc;
  double score = 0.0;       // BM25 weight
  bool matched_all = true;  // false: a partial match
  std::string cluster;      // its collapse key (near-duplicate cluster id); "" when not collapsing
};

// The stored article of a document. One that does not decode is damage to
// the database: throws Xapian::DatabaseCorruptError naming the document, as
// Xapian reports its own damage (run_search names the database and what to do).
Article stored_article(const Xapian::Document& doc);

class HitAssembler {
 public:
  // The Matches of `hits`, ranked `first_rank` + 1 onwards, from `db` (the
  // database that ranked them). `highlight`: the query's words with their
  // weights (Matcher::weigh), for the snippets of `snippet_chars`
  // characters. A hit with a cluster gets "+N similar": the other articles
  // of its cluster that match `complete` (a complete match) or
  // `partial_only` (a partial one).
  std::vector<Match> assemble(const Xapian::Database& db, const std::vector<RankedHit>& hits,
                              const HighlightSpec& highlight, std::size_t snippet_chars, std::uint32_t first_rank,
                              const Xapian::Query& complete, const Xapian::Query& partial_only);

 private:
  // The analyzer of language `lang`, made once and kept for later searches.
  analysis::Analyzer& analyzer_for(const std::string& lang);

  std::map<std::string, analysis::Analyzer> analyzers_;
};

}  // namespace newsdex::search
