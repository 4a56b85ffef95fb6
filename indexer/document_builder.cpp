// How free text reaches Xapian: our own analysis::Analyzer tokens, added with
// add_posting()/add_term(), rather than Xapian::TermGenerator. The searcher's
// query parsing and the snippet highlighter use the same Analyzer, so a word
// is folded, split and stemmed the same way when indexed, queried and
// highlighted (TermGenerator has its own tokenizer, which would disagree with
// ICU word breaks on CJK, acronyms and numbers). The cost: positions, wdf and
// stems are ours to get right, which this file does per schema.h.
#include "indexer/document_builder.h"

#include <cstdint>
#include <cstdio>
#include <exception>
#include <new>
#include <optional>
#include <string_view>
#include <vector>

#include "common/compression/stored_fields.h"
#include "common/dates.h"
#include "common/schema.h"
#include "indexer/article_hash.h"
#include "indexer/entity_terms.h"
#include "indexer/near_duplicates.h"

namespace newsdex::index {
namespace {

bool fits(std::string_view prefix, std::string_view term) {
  return !term.empty() && prefix.size() + term.size() <= schema::kMaxXapianTermBytes;
}

std::string prefixed(std::string_view prefix, std::string_view term) {
  std::string out;
  out.reserve(prefix.size() + term.size());
  out.append(prefix);
  out.append(term);
  return out;
}

// Two, four and eight digit date terms ("D20160205"); years stay in 1800..9999
// because parse_date() rejects anything else.
std::string digits(int value, int width) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%0*d", width, value);
  return buffer;
}

}  // namespace

DocumentBuilder::DocumentBuilder(bool extract_entities) {
  if (extract_entities) extractor_.emplace();
}

analysis::Analyzer& DocumentBuilder::analyzer_for(const std::string& lang) {
  auto it = analyzers_.find(lang);
  if (it == analyzers_.end()) it = analyzers_.emplace(lang, analysis::Analyzer(lang)).first;
  return it->second;
}

std::string DocumentBuilder::content_stamp(const Article& article) const {
  std::string stamp = content_hash(article);
  if (!extractor_) stamp += "/no-entities";
  return stamp;
}

Xapian::Document DocumentBuilder::build(const Article& article) {
  // One article must never end a run of millions: whatever its analysis
  // throws becomes its own error. (Xapian's errors are not std::exceptions:
  // they pass, as the header says.)
  try {
    return build_document(article);
  } catch (const std::bad_alloc&) {
    std::size_t text_bytes = article.title.size() + article.body.size();
    throw ArticleError("out of memory while analysing it (" + std::to_string(text_bytes) + " bytes of text)");
  } catch (const std::exception& e) {
    throw ArticleError(std::string("cannot analyse it: ") + e.what());
  }
}

Xapian::Document DocumentBuilder::build_document(const Article& article) {
  analysis::Analyzer& analyzer = analyzer_for(article.lang);
  Xapian::Document doc;

  // Title words: positions 1..n, unprefixed (boosted) and S-prefixed; their
  // stems count in Z with the same boost, and again in ZS.
  Xapian::termpos pos = 0;
  const std::vector<analysis::Token> title_tokens = analyzer.tokenize(article.title);
  const std::vector<analysis::Token> body_tokens = analyzer.tokenize(article.body);
  for (const analysis::Token& token : title_tokens) {
    ++pos;
    std::string stem = analyzer.stem(token.term);
    // Each check uses the longer of the two prefixes, so it covers both terms.
    if (fits(schema::kPrefixTitle, token.term)) {
      doc.add_posting(prefixed(schema::kPrefixBody, token.term), pos, schema::kTitleWdfBoost);
      doc.add_posting(prefixed(schema::kPrefixTitle, token.term), pos);
    }
    if (fits(schema::kPrefixTitleStem, stem)) {
      doc.add_term(prefixed(schema::kPrefixStem, stem), schema::kTitleWdfBoost);
      doc.add_term(prefixed(schema::kPrefixTitleStem, stem));
    }
  }

  // Body words from n + kFieldPositionGap on, so no phrase spans the seam.
  pos += schema::kFieldPositionGap - 1;
  for (const analysis::Token& token : body_tokens) {
    ++pos;
    if (fits(schema::kPrefixBody, token.term)) doc.add_posting(prefixed(schema::kPrefixBody, token.term), pos);
    std::string stem = analyzer.stem(token.term);
    if (fits(schema::kPrefixStem, stem)) doc.add_term(prefixed(schema::kPrefixStem, stem));
  }

  for (const analysis::Token& token : analyzer.tokenize(article.author)) {
    if (fits(schema::kPrefixAuthor, token.term)) doc.add_term(prefixed(schema::kPrefixAuthor, token.term));
  }

  // Boolean terms (wdf 0: they filter, they do not rank).
  doc.add_boolean_term(prefixed(schema::kPrefixId, article.id));
  std::string lang = article.lang.empty() ? "en" : article.lang;
  if (fits(schema::kPrefixLang, lang)) doc.add_boolean_term(prefixed(schema::kPrefixLang, lang));
  if (!article.source.empty()) {
    std::string source = analysis::normalize_value(analyzer, article.source);
    if (fits(schema::kPrefixSource, source)) doc.add_boolean_term(prefixed(schema::kPrefixSource, source));
    doc.add_value(schema::kSlotSource, article.source);
  }
  if (article.published_unix_s) {
    dates::CivilDate day = dates::civil_from_unix(*article.published_unix_s);
    std::string year = digits(day.year, 4);
    std::string month = year + digits(static_cast<int>(day.month), 2);
    doc.add_boolean_term(prefixed(schema::kPrefixYear, year));
    doc.add_boolean_term(prefixed(schema::kPrefixMonth, month));
    doc.add_boolean_term(prefixed(schema::kPrefixDay, month + digits(static_cast<int>(day.day), 2)));
    doc.add_value(schema::kSlotPublished, Xapian::sortable_serialise(static_cast<double>(*article.published_unix_s)));
    // Timeline buckets. A week is named by its Monday ("20160208"), which
    // sorts and reads better than an ISO week number.
    constexpr std::int64_t kDay = 86'400;
    std::int64_t days = *article.published_unix_s >= 0 ? *article.published_unix_s / kDay
                                                       : (*article.published_unix_s - kDay + 1) / kDay;
    std::int64_t weekday = ((days % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday: Monday = 0
    dates::CivilDate monday = dates::civil_from_unix((days - weekday) * kDay);
    doc.add_value(schema::kSlotDay, month + digits(static_cast<int>(day.day), 2));
    doc.add_value(schema::kSlotWeek, digits(monday.year, 4) + digits(static_cast<int>(monday.month), 2) +
                                         digits(static_cast<int>(monday.day), 2));
    doc.add_value(schema::kSlotMonth, month);
    doc.add_value(schema::kSlotYear, year);
  }
  doc.add_value(schema::kSlotContentHash, content_stamp(article));
  // Near-duplicate fingerprint and its LSH band keys; the index writer reads
  // them back to assign the cluster (it needs the database, we do not).
  if (std::optional<Fingerprint> fp = compute_fingerprint(body_tokens, title_tokens)) {
    for (const std::string& key : lsh_keys(*fp)) doc.add_boolean_term(prefixed(schema::kPrefixLsh, key));
    doc.add_value(schema::kSlotFingerprint, serialise_fingerprint(*fp));
  }
  // Entities: filter terms, facet slots, quote words and the stored summary.
  if (extractor_) {
    const entities::Extraction extraction = extractor_->extract(article);
    add_entity_terms(doc, analyzer, extraction);
    const EntitySummary summary = summarize_entities(article, extraction);
    add_quote_terms(doc, analyzer, summary);
    Article stored = article;
    stored.entities_json = encode_entity_summary(summary);
    doc.set_data(compression::encode_article(stored));
  } else if (!article.entities_json.empty()) {
    Article stored = article;
    stored.entities_json.clear();
    doc.set_data(compression::encode_article(stored));
  } else {
    doc.set_data(compression::encode_article(article));
  }
  return doc;
}

void add_cluster(Xapian::Document& doc, const std::string& cluster) {
  doc.add_value(schema::kSlotCluster, cluster);
  doc.add_boolean_term(schema::cluster_term(cluster));
}

}  // namespace newsdex::index
