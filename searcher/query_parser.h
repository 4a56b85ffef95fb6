// Query text -> QueryNode tree: the syntax of docs/query-syntax.md (words,
// "phrases", field:value, wildcards, + - AND OR NOT NEAR and parentheses),
// analysed with the shared analyzer. QueryBuilder turns the tree into Xapian
// queries; this file knows nothing of stems or Xapian operators.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.h"
#include "common/error.h"
#include "common/schema.h"

namespace newsdex::search {

// A syntax error in a query (parse_query, QueryBuilder::build), with the
// byte offset in the query where it was found.
class QuerySyntaxError : public Error {
 public:
  QuerySyntaxError(const std::string& message, std::size_t position) : Error(message), position_(position) {}
  std::size_t position() const { return position_; }  // 0-based byte offset

 private:
  std::size_t position_;
};

enum class NodeKind {
  kWord,      // one analysed word: terms = {term}
  kPhrase,    // "a quoted phrase" or a word that analyses to several tokens
              // ("Al-Meslet"); terms = the exact terms, in order (may be one)
  kWildcard,  // Syri*: terms = {folded prefix}
  kFilter,    // boolean field value (source:, lang:): terms = {normalised value}
  kGroup,     // juxtaposed items joined implicitly, by AND or NOT
  kOr,        // children joined by OR
  kNear,      // children (words and phrases) joined by NEAR; see window
};

// How an item takes part in the group that holds it.
enum class Occurrence {
  kOptional,  // juxtaposed: needed by the complete query, optional in the partial one
  kRequired,  // +item, or next to AND: needed by both
  kExcluded,  // -item, or after NOT: must not match
};

struct QueryNode {
  NodeKind kind = NodeKind::kGroup;
  Occurrence occurrence = Occurrence::kOptional;  // within the enclosing kGroup
  std::size_t position = 0;                       // byte offset where the item starts
  // Field of a word, phrase, wildcard or filter; nullptr means the default
  // field (unprefixed body words + kPrefixStem stems). Points into
  // schema::kQueryFields.
  const schema::QueryField* field = nullptr;
  std::vector<std::string> terms{};   // normalised term text, without prefix
  Xapian::termcount window = 0;       // kNear: positions spanned by all operands
  std::vector<QueryNode> children{};  // kGroup, kOr, kNear
};

// Default NEAR window, and the largest one NEAR/n accepts.
inline constexpr Xapian::termcount kDefaultNearWindow = 10;
inline constexpr Xapian::termcount kMaxNearWindow = 1000;
// Shortest wildcard prefix, in characters: "S*" would expand to thousands of
// terms and still keep only the 100 most frequent.
inline constexpr std::size_t kMinWildcardChars = 2;

// Limits that keep one query's cost bounded (docs/query-syntax.md, "Limits").
// Xapian's OR of n subqueries costs more than n times one (its max-weight
// bookkeeping grows with the fan-out), so a generated query of thousands of
// words takes seconds and hundreds of megabytes; these bounds sit far above
// anything typed or pasted, and a query past one fails with an error naming it.
//
// Bytes of query text: bounds the lexer's work, what a message can echo, and
// words that count for nothing below (stopwords, punctuation).
inline constexpr std::size_t kMaxQueryBytes = std::size_t{32} * 1024;
// Words per query: each word, each word of a phrase or multi-token word, each
// wildcard and each filter value, stopwords included (counted before they are
// dropped). Lucene's default clause limit is the same 1,024.
inline constexpr std::size_t kMaxQueryWords = 1024;
// Wildcards per query: each expands to up to 100 terms
// (query_builder.cpp, kWildcardExpansion), so this bounds the expansion of a
// query at 10,000 terms.
inline constexpr std::size_t kMaxQueryWildcards = 100;

// Parses `text` into a tree whose root is a kGroup or kOr. Stopwords are
// already dropped (see docs/query-syntax.md) and words that analyse to nothing
// (punctuation) are gone. Throws QuerySyntaxError with the
// byte offset of the problem; also when nothing searchable is left, and when
// the query passes one of the limits above (at the byte where it does).
QueryNode parse_query(std::string_view text, analysis::Analyzer& analyzer);

// The filter node of `value` in `field` (a kBoolean field of
// schema::kQueryFields), the value taken whole as field:"value" takes it,
// whatever quotes, colons or operators it holds: --speaker, --country...
// Throws QuerySyntaxError (position: a byte offset in `value`) for invalid
// UTF-8 and a value the field cannot hold (an unknown country or language);
// nullopt when the value analyses to nothing (punctuation only).
std::optional<QueryNode> parse_filter_value(const schema::QueryField& field, std::string_view value,
                                            analysis::Analyzer& analyzer);

}  // namespace newsdex::search
