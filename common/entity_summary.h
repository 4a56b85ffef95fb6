// The entity summary stored with each article (Article::entities_json): what
// the indexer's extraction found, as the searcher shows it. The one owner of
// its format: newsdex-index encodes it (indexer/entity_terms.cpp), the
// searcher and `newsdex-index check` decode it, all through this file.
//
// Format (schema.h, "Data"; stored in databases: must not change without a
// schema version bump): compact JSON, keys in this order, every key present
// even when its list is empty:
//   {"persons":[name...],"organizations":[name...],
//    "countries":[{"code":"SY","name":"Syria"}...],"speakers":[name...],
//    "quotes":[{"speaker":name or "","text":quoted span,"verb":"said"}...]}
// The empty string stands for "indexed with extraction off" (no summary).
// Lists are in salience order, speakers most quotes first, quotes in text
// order. A quote's text is a byte-exact copy of the body's span it was found
// in; where in the body is not stored (see locate_quotes()).
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

struct EntitySummary {
  struct Country {
    std::string code;  // ISO 3166-1 alpha-2, upper case ("SY")
    std::string name;  // English short name ("Syria")
    bool operator==(const Country&) const = default;
  };
  struct Quote {
    std::string speaker;  // canonical person name; "" = unattributed
    std::string text;     // the quoted or reported text, as in the body
    std::string verb;     // speech verb as written ("said", "according to")
    bool operator==(const Quote&) const = default;
  };

  std::vector<std::string> persons;        // canonical names, most salient first
  std::vector<std::string> organizations;  // canonical names, most salient first
  std::vector<Country> countries;          // most salient first
  std::vector<std::string> speakers;       // persons with an attributed quote, most quotes first
  std::vector<Quote> quotes;               // in text order

  bool operator==(const EntitySummary&) const = default;
};

// `summary` in the stored format above. Strings that are not valid UTF-8 are
// stored with U+FFFD in place of the bad bytes (the summary must never make
// indexing fail). Never returns "": an empty summary is the five empty lists.
std::string encode_entity_summary(const EntitySummary& summary);

// The result of decoding: the summary, or why the stored bytes are not one.
struct DecodedEntitySummary {
  EntitySummary summary;  // empty lists when `error` is set
  std::string error;      // "" = decoded; else what is wrong ("\"persons\" is not a list")
  bool ok() const { return error.empty(); }
};

// Stored bytes -> EntitySummary. "" decodes to the empty summary (an article
// indexed with extraction off). Anything that is not the format above is an
// error, never an exception or a crash, whatever the bytes (truncated,
// invalid UTF-8, nested without end, wrong types): not JSON, not an object,
// one of the five keys missing or not a list, a name that is not a string, a
// country without a string "code", a quote without a string "text".
// Tolerated, for summaries a newer indexer may write: keys this version does
// not know, at the top and inside countries and quotes (skipped), and a
// missing country "name" or quote "speaker"/"verb" (read as "").
DecodedEntitySummary decode_entity_summary(std::string_view stored);

// Where each quote of `quotes` (text order, as decode_entity_summary gives
// them) lies in `body`, the article body the summary was made from: a byte
// range [start, end), or nullopt for a quote whose text is not in `body` (a
// summary that does not belong to it). Each quote is looked for from the
// start of the one before it on, so that a text that occurs more than once is
// placed where the indexer found it; quotes may nest and overlap, as the
// extractor finds them (a reported statement holding a direct quote).
struct QuoteSpan {
  std::size_t start = 0;
  std::size_t end = 0;
  bool operator==(const QuoteSpan&) const = default;
};
std::vector<std::optional<QuoteSpan>> locate_quotes(std::string_view body,
                                                    const std::vector<EntitySummary::Quote>& quotes);

}  // namespace newsdex
