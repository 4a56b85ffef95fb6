#include "searcher/spelling.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "common/analysis/analyzer.h"
#include "common/entities/countries.h"
#include "common/entities/lexicon.h"
#include "common/schema.h"
#include "searcher/query_parser.h"

namespace newsdex::search {
namespace {

// How far past a field's ':' the typed words of its value are looked for.
constexpr std::size_t kFieldValueWindowBytes = 4096;
// The corrected query is counted up to this many matches: enough to tell
// "more than the query as typed" whenever the typed query has fewer.
constexpr Xapian::doccount kMaxCollateCount = 10'000;

// One word of the query as typed that a correction may replace.
struct TypedWord {
  std::string term;       // normalised, as the query parser made it
  std::size_t start = 0;  // its bytes in the query text
  std::size_t end = 0;
};

// Words searched as free text: unprefixed, or title: (title words are in the
// unprefixed field too). Other fields hold names (author:) or exact values.
bool is_free_text(const schema::QueryField* field) { return field == nullptr || field->prefix == schema::kPrefixTitle; }

// The word and phrase nodes of `node` that are searched as free text and not
// negated, in query order.
void collect_words(const QueryNode& node, std::vector<const QueryNode*>& out) {
  if (node.occurrence == Occurrence::kExcluded) return;
  switch (node.kind) {
    case NodeKind::kWord:
    case NodeKind::kPhrase:
      if (is_free_text(node.field)) out.push_back(&node);
      break;
    case NodeKind::kGroup:
    case NodeKind::kOr:
    case NodeKind::kNear:
      for (const QueryNode& child : node.children) collect_words(child, out);
      break;
    case NodeKind::kWildcard:
    case NodeKind::kFilter:
      break;
  }
}

// The free-text words of `query` with the bytes each was typed as. A term
// whose typed bytes cannot be found (it should not happen: the parser made it
// from those bytes) is left out, so it is never replaced.
std::vector<TypedWord> typed_words(std::string_view query, analysis::Analyzer& analyzer) {
  const QueryNode root = parse_query(query, analyzer);
  std::vector<const QueryNode*> nodes;
  collect_words(root, nodes);
  const std::vector<analysis::Token> all_tokens = analyzer.tokenize(query);
  std::vector<TypedWord> words;
  for (const QueryNode* node : nodes) {
    // A field's value starts after its ':'; tokenized alone, so that the
    // field name never joins the first word.
    std::size_t offset = 0;
    std::vector<analysis::Token> field_tokens;
    const std::vector<analysis::Token>* tokens = &all_tokens;
    if (node->field != nullptr) {
      const std::size_t colon = query.find(':', node->position);
      if (colon == std::string_view::npos) continue;
      offset = colon + 1;
      field_tokens = analyzer.tokenize(query.substr(offset, kFieldValueWindowBytes));
      tokens = &field_tokens;
    }
    auto next = tokens->begin();
    for (const std::string& term : node->terms) {
      next = std::find_if(next, tokens->end(), [&](const analysis::Token& t) {
        return t.start + offset >= node->position && t.term == term;
      });
      if (next == tokens->end()) break;
      words.push_back(TypedWord{term, next->start + offset, next->end + offset});
      ++next;
    }
  }
  return words;
}

// Code points of UTF-8 `text`.
std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// Elasticsearch's AUTO fuzziness: one edit for words of up to 5 characters,
// two for longer ones (schema::is_spelling_word() words have at least 3 bytes).
unsigned max_edits(std::string_view term) { return characters(term) <= 5 ? 1 : 2; }

bool is_capitalised(std::string_view typed) { return !typed.empty() && typed.front() >= 'A' && typed.front() <= 'Z'; }

// True when the entity gazetteers know `word` (any case) as a name: a
// person's given name or surname, a country, place or demonym, an
// organization.
bool is_known_name(std::string_view word) {
  const entities::Lexicon& lexicon = entities::lexicon();
  // The gazetteers write names as they are written in text: "Kerry".
  std::string title = entities::title_case(word);
  if (!title.empty() && title.front() >= 'a' && title.front() <= 'z')
    title.front() = static_cast<char>(title.front() - 'a' + 'A');
  if (lexicon.is_given_name(title) || lexicon.is_surname(title) || lexicon.is_surname_first(title)) return true;
  if (lexicon.org_names.contains(word) || lexicon.org_names.contains(title)) return true;
  const entities::PlaceInfo place = entities::place_info(word);
  return place.code.has_value() || place.place || place.person_name;
}

// True when `term` (a suggestion) is a name: the gazetteers know it, or in
// at least half of the articles that hold it, it is a word of a person's or
// an organization's name (a share, because entity extraction errs now and
// then: one article's "Market" organization does not make "market" a name).
bool is_name_word(const Xapian::Database& db, const std::string& term) {
  if (is_known_name(term)) return true;
  Xapian::doccount as_name = 0;
  for (std::string_view prefix : {schema::kPrefixPersonWord, schema::kPrefixOrgWord}) {
    as_name = std::max(as_name, db.get_termfreq(std::string(prefix) + term));
  }
  return as_name > 0 && 2 * std::uint64_t{as_name} >= db.get_termfreq(term);
}

// True when the index holds `term` or one of its stems in `stemmers`.
bool in_index(const Xapian::Database& db, const std::string& term, const std::vector<analysis::Analyzer>& stemmers) {
  if (db.get_termfreq(term) > 0) return true;
  return std::any_of(stemmers.begin(), stemmers.end(), [&](const analysis::Analyzer& stemmer) {
    return db.get_termfreq(std::string(schema::kPrefixStem) + stemmer.stem(term)) > 0;
  });
}

// True when `query` has more than `than` complete matches on `db`.
bool matches_more(const Xapian::Database& db, const Xapian::Query& query, std::uint64_t than) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const bool capped = than >= kMaxCollateCount;
  const Xapian::doccount check = capped ? kMaxCollateCount : static_cast<Xapian::doccount>(than + 1);
  const Xapian::MSet mset = enquire.get_mset(0, 0, check);
  return capped ? mset.get_matches_estimated() > than : mset.get_matches_lower_bound() > than;
}

// A word of the query that suggest_spelling tries to correct.
struct Candidate {
  std::string term;
  bool capitalised = false;
};

// The free-text words of `query` that the index holds in no form (see
// suggest_spelling), each once, in query order.
std::vector<Candidate> candidates(const Xapian::Database& db, std::string_view query,
                                  const std::vector<std::string>& languages) {
  std::vector<analysis::Analyzer> stemmers;
  for (const std::string& lang : languages) {
    if (analysis::has_stemmer(lang)) stemmers.emplace_back(lang);
  }
  analysis::Analyzer tokenizer;
  std::vector<Candidate> out;
  for (const TypedWord& word : typed_words(query, tokenizer)) {
    if (!schema::is_spelling_word(word.term)) continue;
    const std::string_view typed = query.substr(word.start, word.end - word.start);
    const bool capitalised = is_capitalised(typed);
    // Typed once capitalised and once not, a word is tried both ways.
    if (std::any_of(out.begin(), out.end(),
                    [&](const Candidate& c) { return c.term == word.term && c.capitalised == capitalised; })) {
      continue;
    }
    if (in_index(db, word.term, stemmers)) continue;
    if (capitalised && is_known_name(typed)) continue;
    out.push_back(Candidate{word.term, capitalised});
  }
  return out;
}

}  // namespace

std::vector<std::string> words_to_correct(const Xapian::Database& db, std::string_view query,
                                          const std::vector<std::string>& languages) {
  std::vector<std::string> words;
  for (Candidate& c : candidates(db, query, languages)) {
    if (std::find(words.begin(), words.end(), c.term) == words.end()) words.push_back(std::move(c.term));
  }
  return words;
}

std::vector<SpellingCorrection> suggest_spelling(const Xapian::Database& db, std::string_view query,
                                                 const std::vector<std::string>& languages,
                                                 std::uint64_t complete_matches,
                                                 const CompleteQueryOf& complete_query_of) {
  std::vector<SpellingCorrection> corrections;
  for (const Candidate& word : candidates(db, query, languages)) {
    if (std::any_of(corrections.begin(), corrections.end(),
                    [&](const SpellingCorrection& c) { return c.word == word.term; })) {
      continue;
    }
    const bool capitalised = word.capitalised;
    std::string suggestion = db.get_spelling_suggestion(word.term, max_edits(word.term));
    // A stopword ("and" for "fnd") would be dropped from the corrected query.
    if (suggestion.empty() || suggestion == word.term || analysis::is_stopword(suggestion)) continue;
    // A capitalised word is taken for a name the index does not hold
    // ("Merkel", "Modi"), unless its suggestion is a name too ("Lavorv").
    if (capitalised && !is_name_word(db, suggestion)) continue;
    corrections.push_back(SpellingCorrection{word.term, std::move(suggestion)});
  }
  if (corrections.empty()) return {};
  Xapian::Query corrected;
  try {
    corrected = complete_query_of(corrected_query(query, corrections));
  } catch (const QuerySyntaxError&) {
    return {};  // a suggestion that would not parse is no suggestion
  }
  if (!matches_more(db, corrected, complete_matches)) return {};
  return corrections;
}

std::string corrected_query(std::string_view query, const std::vector<SpellingCorrection>& corrections) {
  if (corrections.empty()) return "";
  analysis::Analyzer tokenizer;
  std::vector<TypedWord> words;
  try {
    words = typed_words(query, tokenizer);
  } catch (const QuerySyntaxError&) {
    return "";
  }
  std::sort(words.begin(), words.end(), [](const TypedWord& a, const TypedWord& b) { return a.start < b.start; });
  std::string out;
  std::size_t copied = 0;  // bytes of `query` already in `out`
  for (const TypedWord& word : words) {
    if (word.start < copied) continue;  // the same bytes found twice
    auto c = std::find_if(corrections.begin(), corrections.end(),
                          [&](const SpellingCorrection& candidate) { return candidate.word == word.term; });
    if (c == corrections.end()) continue;
    out.append(query.substr(copied, word.start - copied));
    out += c->suggestion;
    copied = word.end;
  }
  out.append(query.substr(copied));
  return out;
}

}  // namespace newsdex::search
