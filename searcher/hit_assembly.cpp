// Xapian choices recorded here:
// - Near-duplicate copies collapse on kSlotCluster (Enquire::set_collapse_key
//   in the matcher); "+N similar" is then counted exactly with one small
//   query per shown hit.
#include "searcher/hit_assembly.h"

#include <utility>

#include "common/compression/stored_fields.h"
#include "common/entity_summary.h"
#include "common/error.h"
#include "common/schema.h"
#include "searcher/snippet_generator.h"

namespace newsdex::search {
namespace {

// Copies of one story looked at for "+N similar" and its outlets.
constexpr Xapian::doccount kMaxSimilar = 1000;

// The indexer's stored extraction summary (common/entity_summary.h) into the
// Match. An article indexed without entities has none; a damaged summary is
// ignored rather than failing the search (newsdex-index check reports it).
void add_entities(const std::string& summary, Match& m) {
  DecodedEntitySummary decoded = decode_entity_summary(summary);
  if (!decoded.ok()) return;
  EntitySummary& s = decoded.summary;
  m.persons = std::move(s.persons);
  m.organizations = std::move(s.organizations);
  m.speakers = std::move(s.speakers);
  for (EntitySummary::Country& c : s.countries) m.countries.push_back(CountryRef{std::move(c.code), std::move(c.name)});
  for (EntitySummary::Quote& q : s.quotes) m.quotes.push_back(QuoteRef{std::move(q.speaker), std::move(q.text)});
}

// "+N similar": the other articles of `cluster` that match `query`, and
// their outlets.
void add_similar(const Xapian::Database& db, const Xapian::Query& query, const std::string& cluster, Match& match) {
  if (cluster.empty()) return;
  // Long cluster ids are hashed in the term (schema.h): build it the same way.
  std::string cluster_term = schema::cluster_term(cluster);
  // Most articles are the only member of their cluster: one term lookup
  // answers those without running a match.
  if (db.get_termfreq(cluster_term) <= 1) return;
  Xapian::Query members(Xapian::Query::OP_FILTER, query, Xapian::Query(cluster_term));
  Xapian::Enquire enquire(db);
  enquire.set_query(members);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::ValueCountMatchSpy sources(schema::kSlotSource);
  enquire.add_matchspy(&sources);
  Xapian::MSet mset = enquire.get_mset(0, 0, kMaxSimilar);
  Xapian::doccount n = mset.get_matches_estimated();
  match.similar_count = n > 0 ? n - 1 : 0;
  if (match.similar_count == 0) return;
  for (auto it = sources.top_values_begin(10); it != sources.top_values_end(10); ++it) {
    // The shown article's own outlet counts once less.
    if (*it == match.source && it.get_termfreq() <= 1) continue;
    match.similar_sources.push_back(*it);
  }
}

}  // namespace

Article stored_article(const Xapian::Document& doc) {
  try {
    return compression::decode_article(doc.get_data());
  } catch (const Error& e) {
    throw Xapian::DatabaseCorruptError("document " + std::to_string(doc.get_docid()) + ": " + e.what());
  }
}

std::vector<Match> HitAssembler::assemble(const Xapian::Database& db, const std::vector<RankedHit>& hits,
                                          const HighlightSpec& highlight, std::size_t snippet_chars,
                                          std::uint32_t first_rank, const Xapian::Query& complete,
                                          const Xapian::Query& partial_only) {
  std::vector<Match> matches;
  SnippetGenerator snippets(highlight, snippet_chars);
  std::uint32_t rank = first_rank;
  for (const RankedHit& hit : hits) {
    Article article = stored_article(hit.doc);
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
    add_entities(article.entities_json, m);
    add_similar(db, hit.matched_all ? complete : partial_only, hit.cluster, m);
    matches.push_back(std::move(m));
  }
  return matches;
}

analysis::Analyzer& HitAssembler::analyzer_for(const std::string& lang) {
  auto it = analyzers_.find(lang);
  if (it == analyzers_.end()) it = analyzers_.emplace(lang, analysis::Analyzer(lang)).first;
  return it->second;
}

}  // namespace newsdex::search
