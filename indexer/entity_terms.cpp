#include "indexer/entity_terms.h"

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/entity_summary.h"
#include "common/schema.h"

namespace newsdex::index {
namespace {

void add_filter(Xapian::Document& doc, std::string_view prefix, std::string_view value) {
  if (value.empty() || prefix.size() + value.size() > schema::kMaxXapianTermBytes) return;
  std::string term;
  term.reserve(prefix.size() + value.size());
  term.append(prefix);
  term.append(value);
  doc.add_boolean_term(term);
}

// XNAME<normalised name> and XNAMEW<word> for each word of it.
void add_name(Xapian::Document& doc, analysis::Analyzer& analyzer, std::string_view prefix,
              std::string_view word_prefix, std::string_view name) {
  std::string normalised = analysis::normalize_value(analyzer, name);
  if (normalised.empty()) return;
  add_filter(doc, prefix, normalised);
  std::size_t start = 0;
  while (start <= normalised.size()) {
    std::size_t space = normalised.find(' ', start);
    if (space == std::string::npos) space = normalised.size();
    if (space > start) add_filter(doc, word_prefix, std::string_view(normalised).substr(start, space - start));
    start = space + 1;
  }
}

void add_ranks(Xapian::Document& doc, Xapian::valueno first_slot, const std::vector<std::string>& values) {
  Xapian::valueno slot = first_slot;
  for (const std::string& value : values) {
    if (slot == first_slot + static_cast<Xapian::valueno>(schema::kFacetRanks)) break;
    if (value.empty()) continue;
    doc.add_value(slot++, value);
  }
}

std::vector<std::string> names_of(const std::vector<entities::Entity>& list) {
  std::vector<std::string> names;
  names.reserve(list.size());
  for (const entities::Entity& e : list) names.push_back(e.name);
  return names;
}

}  // namespace

std::string_view mention_text(const Article& article, const entities::Mention& mention) {
  std::string_view field = mention.field == entities::Field::kTitle ? article.title : article.body;
  if (mention.start > mention.end || mention.end > field.size()) return {};
  return field.substr(mention.start, mention.end - mention.start);
}

void add_entity_terms(Xapian::Document& doc, analysis::Analyzer& analyzer, const entities::Extraction& extraction) {
  for (const entities::Entity& person : extraction.persons) {
    add_name(doc, analyzer, schema::kPrefixPerson, schema::kPrefixPersonWord, person.name);
  }
  for (const std::string& speaker : extraction.speakers) {
    add_name(doc, analyzer, schema::kPrefixSpeaker, schema::kPrefixSpeakerWord, speaker);
  }
  for (const entities::Entity& org : extraction.organizations) {
    add_name(doc, analyzer, schema::kPrefixOrg, schema::kPrefixOrgWord, org.name);
  }
  std::vector<std::string> codes;
  for (const entities::Entity& country : extraction.countries) {
    if (country.code.empty()) continue;
    std::string lower = country.code;
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    add_filter(doc, schema::kPrefixCountry, lower);
    codes.push_back(country.code);
  }
  add_ranks(doc, schema::kSlotPerson0, names_of(extraction.persons));
  add_ranks(doc, schema::kSlotSpeaker0, extraction.speakers);
  add_ranks(doc, schema::kSlotCountry0, codes);
  add_ranks(doc, schema::kSlotOrg0, names_of(extraction.organizations));
}

void add_quote_terms(Xapian::Document& doc, analysis::Analyzer& analyzer, const EntitySummary& summary) {
  Xapian::termpos pos = 0;
  for (const EntitySummary::Quote& quote : summary.quotes) {
    for (const analysis::Token& token : analyzer.tokenize(quote.text)) {
      ++pos;
      if (token.term.empty() || schema::kPrefixQuoteStem.size() + token.term.size() > schema::kMaxXapianTermBytes)
        continue;
      // wdf 0: the document's length, and so every article's BM25 in
      // article search, stays what the title and body make it.
      doc.add_posting(std::string(schema::kPrefixQuote) + token.term, pos, 0);
      std::string stem = analyzer.stem(token.term);
      if (!stem.empty() && schema::kPrefixQuoteStem.size() + stem.size() <= schema::kMaxXapianTermBytes) {
        doc.add_boolean_term(std::string(schema::kPrefixQuoteStem) + stem);
      }
    }
    pos += schema::kFieldPositionGap;
  }
}

EntitySummary summarize_entities(const Article& article, const entities::Extraction& extraction) {
  EntitySummary summary;
  summary.persons = names_of(extraction.persons);
  summary.organizations = names_of(extraction.organizations);
  for (const entities::Entity& country : extraction.countries) {
    summary.countries.push_back(EntitySummary::Country{country.code, country.name});
  }
  summary.speakers = extraction.speakers;
  for (const entities::Quote& quote : extraction.quotes) {
    summary.quotes.push_back(
        EntitySummary::Quote{quote.speaker, std::string(mention_text(article, quote.text)), quote.verb});
  }
  return summary;
}

std::string entities_summary_json(const Article& article, const entities::Extraction& extraction) {
  return encode_entity_summary(summarize_entities(article, extraction));
}

}  // namespace newsdex::index
