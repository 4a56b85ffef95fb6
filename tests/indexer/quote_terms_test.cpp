// The quote-word terms of schema 2 (XQ positional, ZXQ stems), written by
// add_quote_terms() and by DocumentBuilder for the summary it stores.
#include "indexer/entity_terms.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "common/compression/stored_fields.h"
#include "common/entity_summary.h"
#include "common/schema.h"
#include "indexer/document_builder.h"

namespace newsdex::index {
namespace {

std::map<std::string, std::vector<Xapian::termpos>> quote_terms(const Xapian::Document& doc) {
  std::map<std::string, std::vector<Xapian::termpos>> out;
  for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (!term.starts_with(schema::kPrefixQuote) && !term.starts_with(schema::kPrefixQuoteStem)) continue;
    std::vector<Xapian::termpos>& positions = out[term];
    for (Xapian::PositionIterator p = t.positionlist_begin(); p != t.positionlist_end(); ++p) positions.push_back(*p);
  }
  return out;
}

TEST_CASE("add_quote_terms: each quote's words positional under XQ, a gap between quotes, stems under ZXQ") {
  EntitySummary summary;
  summary.quotes = {{"John Kerry", "Nobody mistakes patience", "said"}, {"", "Patience wins", "said"}};
  analysis::Analyzer analyzer("en");
  Xapian::Document doc;
  add_quote_terms(doc, analyzer, summary);
  static_assert(schema::kFieldPositionGap == 100);
  const std::map<std::string, std::vector<Xapian::termpos>> expected = {
      {"XQnobody", {1}}, {"XQmistakes", {2}}, {"XQpatience", {3, 104}},  // the second quote starts after 3 + 100
      {"XQwins", {105}}, {"ZXQnobodi", {}},                              // stems: boolean, no positions
      {"ZXQmistak", {}}, {"ZXQpatienc", {}},  {"ZXQwin", {}},
  };
  CHECK(quote_terms(doc) == expected);
  // A phrase across the two quotes ("patience patience") has no adjacent positions.
}

TEST_CASE("DocumentBuilder indexes the words of the quotes it stores, and no others") {
  Article article{.id = "q1",
                  .title = "Council shuts bridge",
                  .body =
                      "The council closed the bridge. \"We did not take this decision lightly,\" said council "
                      "leader Margit Vantongeren. Shop owners were angry.",
                  .lang = "en"};
  DocumentBuilder builder;
  Xapian::Document doc = builder.build(article);
  DecodedEntitySummary decoded = decode_entity_summary(compression::decode_article(doc.get_data()).entities_json);
  REQUIRE(decoded.ok());
  REQUIRE(!decoded.summary.quotes.empty());
  const auto terms = quote_terms(doc);
  CHECK(terms.contains("XQdecision"));
  CHECK(terms.contains("ZXQdecis"));
  CHECK(!terms.contains("XQshop"));  // in the body, in no quote
  CHECK(!terms.contains("XQbridge"));
  CHECK(doc.termlist_begin() != doc.termlist_end());
  Xapian::TermIterator body_word = doc.termlist_begin();
  body_word.skip_to("bridge");
  CHECK(*body_word == "bridge");  // the body words are still there, unprefixed

  // wdf 0: the document's length, and so article search's BM25, is what
  // the title and body make it, with or without the quote terms.
  Xapian::termcount length = 0;
  for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.starts_with(schema::kPrefixQuote) || term.starts_with(schema::kPrefixQuoteStem)) {
      CAPTURE(term);
      CHECK(t.get_wdf() == 0);
    }
    length += t.get_wdf();
  }
  DocumentBuilder without_entities(false);
  Xapian::termcount plain_length = 0;
  const Xapian::Document plain = without_entities.build(article);
  for (Xapian::TermIterator t = plain.termlist_begin(); t != plain.termlist_end(); ++t) plain_length += t.get_wdf();
  CHECK(length == plain_length);

  CHECK(quote_terms(without_entities.build(article)).empty());
}

}  // namespace
}  // namespace newsdex::index
