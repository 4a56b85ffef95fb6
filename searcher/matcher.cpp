#include "searcher/matcher.h"

#include <algorithm>
#include <cmath>

#include "common/compression/stored_fields.h"
#include "common/schema.h"
#include "searcher/snippet_generator.h"

namespace newsdex::search {
namespace {

// BM25 parameters. Xapian's defaults are k1=1, k2=0, k3=1, b=0.5,
// min_normlen=0.5; docs/ranking.md records what was measured on Reuters.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25B = 0.75;
constexpr double kBm25MinNormLen = 0.5;

// How often to reopen and retry when an indexer commits during a search.
constexpr int kModifiedRetries = 5;

Xapian::Enquire make_enquire(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormLen));
  enquire.set_query(query);
  return enquire;
}

}  // namespace

Matcher::Matcher(Xapian::Database db) : db_(std::move(db)) {}

analysis::Analyzer& Matcher::analyzer_for(const std::string& lang) {
  auto it = analyzers_.find(lang);
  if (it == analyzers_.end()) it = analyzers_.emplace(lang, analysis::Analyzer(lang)).first;
  return it->second;
}

// Rarity of each highlighted word: inverse document frequency of its exact
// term (or its stem, when only other forms occur), so a snippet prefers the
// passage holding "Lavrov" over one repeating "said".
HighlightSpec Matcher::weigh(HighlightSpec spec) const {
  double n = static_cast<double>(std::max<Xapian::doccount>(db_.get_doccount(), 1));
  for (HighlightTerm& t : spec.terms) {
    Xapian::doccount tf = 0;
    if (!t.prefix) {
      tf = db_.get_termfreq(t.term);
    }
    t.weight = t.prefix ? 1.0 : std::log((n + 1.0) / (static_cast<double>(tf) + 0.5)) + 0.1;
    t.weight = std::max(t.weight, 0.1);
  }
  return spec;
}

SearchResults Matcher::search(const BuiltQuery& query, const MatchOptions& options) {
  for (int attempt = 0;; ++attempt) {
    try {
      return search_once(query, options);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kModifiedRetries) throw;
      db_.reopen();
    }
  }
}

SearchResults Matcher::search_once(const BuiltQuery& query, const MatchOptions& options) {
  SearchResults results;
  results.offset = options.offset;
  const Xapian::doccount wanted = options.offset + options.limit;

  Xapian::Enquire complete = make_enquire(db_, query.complete);
  // checkatleast = wanted: below that, the count of complete matches is exact,
  // which decides whether partial matches must fill the page.
  Xapian::MSet complete_mset = complete.get_mset(options.offset, options.limit, wanted);
  results.complete_matches_estimated = complete_mset.get_matches_estimated();
  results.matches_estimated = complete_mset.get_matches_estimated();
  results.matches_lower_bound = complete_mset.get_matches_lower_bound();
  results.matches_upper_bound = complete_mset.get_matches_upper_bound();

  struct Hit {
    Xapian::Document doc;
    double score;
    bool matched_all;
  };
  std::vector<Hit> hits;
  for (auto it = complete_mset.begin(); it != complete_mset.end(); ++it) {
    hits.push_back(Hit{it.get_document(), it.get_weight(), true});
  }

  // Partial matches (some query words, not all): they fill the page when the
  // complete ones run out, and are always counted, so the totals do not
  // depend on the page size.
  if (!query.partial.empty()) {
    const Xapian::doccount n_complete = complete_mset.get_matches_upper_bound();
    const bool fill = n_complete < wanted;
    Xapian::Query only_partial(Xapian::Query::OP_AND_NOT, query.partial, query.complete);
    Xapian::Enquire partial = make_enquire(db_, only_partial);
    Xapian::doccount first = fill && options.offset > n_complete ? options.offset - n_complete : 0;
    Xapian::doccount count = fill ? wanted - std::max<Xapian::doccount>(options.offset, n_complete) : 0;
    Xapian::MSet partial_mset = partial.get_mset(first, count);
    for (auto it = partial_mset.begin(); it != partial_mset.end(); ++it) {
      hits.push_back(Hit{it.get_document(), it.get_weight(), false});
    }
    results.matches_estimated += partial_mset.get_matches_estimated();
    results.matches_lower_bound += partial_mset.get_matches_lower_bound();
    results.matches_upper_bound += partial_mset.get_matches_upper_bound();
  }

  SnippetGenerator snippets(weigh(query.highlight), options.snippet_chars);
  std::uint32_t rank = options.offset;
  for (const Hit& hit : hits) {
    Article article = compression::decode_article(hit.doc.get_data());
    analysis::Analyzer& analyzer = analyzer_for(article.lang);
    Match m;
    m.rank = ++rank;
    m.score = hit.score;
    m.matched_all = hit.matched_all;
    m.title_highlighted = snippets.highlight_all(article.title, analyzer);
    m.snippet = snippets.make_snippet(article.body, analyzer);
    m.id = std::move(article.id);
    m.title = std::move(article.title);
    m.published_unix_s = article.published_unix_s;
    m.source = std::move(article.source);
    m.url = std::move(article.url);
    m.author = std::move(article.author);
    results.matches.push_back(std::move(m));
  }
  return results;
}

}  // namespace newsdex::search
