// Query text -> Xapian::Query, through newsdex's own query syntax (see
// docs/query-syntax.md) on the shared analyzer, so a query word is normalised
// exactly as the indexed word was. Also yields what the snippet generator
// must highlight.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "searcher/date_range.h"
#include "searcher/query_parser.h"

namespace newsdex::search {

// What a command-line tool prints for `error`, a QuerySyntaxError thrown for
// `query`, after its name: three lines, each ending in '\n':
//   query syntax error at column 7: expected a word, phrase or '(' after AND
//     Kerry AND
//           ^
// The column counts characters (code points), 1-based. The second line shows
// the query made safe to print (sanitize_terminal_text, line breaks escaped)
// and, when it is long, only a window of it around the error, "…" marking
// what is left out; the caret sits under the error in display columns, so
// wide (CJK) and accented characters before it do not shift it.
std::string format_query_error(const QuerySyntaxError& error, std::string_view query);

// One word the snippet generator highlights.
struct HighlightTerm {
  std::string term;     // normalised, as analysis::Token::term
  bool stemmed = true;  // also matches other words with the same stem
  bool prefix = false;  // a wildcard: matches every word starting with `term`
  double weight = 1.0;  // rarity; the matcher sets it from document frequencies
};

// What a query asks to highlight: every word and phrase that is not negated.
struct HighlightSpec {
  std::vector<HighlightTerm> terms;
  std::vector<std::vector<std::string>> phrases;  // exact-term sequences, highlighted as one span
};

struct BuiltQuery {
  // Every implicit group as AND: the articles holding all query words.
  Xapian::Query complete;
  // The top-level implicit group as OR (the partial matches to fall back on),
  // or an empty query when the query has no such group (one word, explicit
  // operators only...).
  Xapian::Query partial;
  HighlightSpec highlight;
};

// The articles published in `range` ([from, to) in UTC unix seconds, an
// absent end open): a filter on schema::kSlotPublished. The one builder of
// date filters, for the `date:` field and for --since/--until. With both ends
// absent, every document.
Xapian::Query date_filter(const DateRange& range);

// A filter given apart from the query text (newsdex-search --speaker V,
// --country V, --person V, --org V, --source V): articles whose `field` has
// any of `values`. Never parsed as query syntax, so a value may hold quotes
// (typographic or not), colons and operator words.
struct FieldFilter {
  std::string field;                // a kBoolean name of schema::kQueryFields: "speaker", "country"...
  std::vector<std::string> values;  // OR'd; each as field:"value" would take it
};

class QueryBuilder {
 public:
  // languages: those whose stems the database holds (database_languages()).
  explicit QueryBuilder(std::vector<std::string> languages = {"en"});

  // Parses `text`. Throws QuerySyntaxError (with the position) on bad syntax,
  // and when the query has nothing to search for.
  BuiltQuery build(std::string_view text) const;

  // `text` (which may then be empty: every article) restricted to the
  // articles that pass every one of `filters` (AND across filters, OR within
  // one), as a filter: the weights are those of `text` alone. Throws
  // QuerySyntaxError for `text` as build() does, and newsdex::Error naming
  // the option ("--country: unknown country 'Narnia' ...") for a filter
  // value that is unknown, empty or analyses to nothing, or whose field is not a
  // boolean query field.
  BuiltQuery build(std::string_view text, const std::vector<FieldFilter>& filters) const;

 private:
  std::vector<std::string> languages_;
};

}  // namespace newsdex::search
