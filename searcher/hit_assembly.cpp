// Xapian choices recorded here:
// - Near-duplicate copies collapse on kSlotCluster (Enquire::set_collapse_key
//   in the matcher); "+N similar" is then counted exactly with one small
//   query per shown hit.
#include "searcher/hit_assembly.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "common/compression/stored_fields.h"
#include "common/error.h"
#include "common/schema.h"
#include "searcher/snippet_generator.h"

namespace newsdex::search {
namespace {

// Copies of one story looked at for "+N similar" and its outlets.
constexpr Xapian::doccount kMaxSimilar = 1000;

// The indexer's stored extraction summary (schema.h) into the Match. An
// article indexed without entities has none; a damaged summary is ignored
// rather than failing the search.
void add_entities(const std::string& summary, Match& m) {
  if (summary.empty()) return;
  nlohmann::json j = nlohmann::json::parse(summary, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return;
  auto strings = [&](const char* key) {
    std::vector<std::string> out;
    if (j.contains(key) && j[key].is_array()) {
      for (const auto& v : j[key]) {
        if (v.is_string()) out.push_back(v.get<std::string>());
      }
    }
    return out;
  };
  m.persons = strings("persons");
  m.organizations = strings("organizations");
  m.speakers = strings("speakers");
  if (j.contains("countries") && j["countries"].is_array()) {
    for (const auto& c : j["countries"]) {
      if (c.is_object()) m.countries.push_back(CountryRef{c.value("code", ""), c.value("name", "")});
    }
  }
  if (j.contains("quotes") && j["quotes"].is_array()) {
    for (const auto& q : j["quotes"]) {
      if (!q.is_object()) continue;
      std::string speaker = q.contains("speaker") && q["speaker"].is_string() ? q["speaker"].get<std::string>() : "";
      m.quotes.push_back(QuoteRef{speaker, q.value("text", "")});
    }
  }
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
