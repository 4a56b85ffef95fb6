// "Did you mean" (docs/newsdex-search.md): spelling corrections for the words
// of a query that occur nowhere in the index, proposed from Xapian's spelling
// table (filled by the indexer with schema::is_spelling_word() words, once per
// article) and kept only when the corrected query matches more articles than
// the query as typed, as Elasticsearch's phrase suggester does with
// `collate`. Independent of the matcher: it needs the database, the query
// text and a way to build a query from text.
// Thread safety: free functions; each call uses its own analyzer.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "searcher/results.h"

namespace newsdex::search {

// The query whose complete matches (every word) a query text has, built as the
// search built its own (the same QueryBuilder, the same --since/--until
// filters). May throw QuerySyntaxError.
using CompleteQueryOf = std::function<Xapian::Query(std::string_view text)>;

// The corrections for `query` (the text as typed, already parsed once without
// error) on `db`, whose articles are stemmed in `languages`
// (database_languages()). `complete_matches`: how many articles hold every
// word of the query as typed.
//
// A word is corrected when all of these hold:
//   - it is searched as free text (unprefixed or title:), not negated, not a
//     wildcard, and it is a schema::is_spelling_word() word;
//   - the index holds neither the word nor any of its stems: a word with hits,
//     such as a rare but real surname, is never corrected, however many
//     articles the other words match;
//   - it is not a name: a word typed with a capital letter that the entity
//     gazetteers know (a given name, a surname, a country, place or
//     demonym, an organization) is kept even when no article holds it, and
//     any other capitalised word is corrected only to a name (one the
//     gazetteers know, or a word that in at least half of the articles
//     holding it is a word of a person's or organization's name:
//     "Lavorv" -> "lavrov", but "Merkel" never -> "market");
//   - the spelling table has a different word within kMaxEdits of it: one
//     edit for words of up to 5 characters, two for longer ones
//     (Elasticsearch's AUTO fuzziness); the most frequent of the nearest wins,
//     unless it is a stopword (the query would drop it).
// The corrections are returned only when the query with all of them applied
// (corrected_query(), built by `complete_query_of`) has more complete matches
// than `complete_matches`; otherwise, and when nothing is corrected, the
// result is empty. Each word appears once, in query order.
std::vector<SpellingCorrection> suggest_spelling(const Xapian::Database& db, std::string_view query,
                                                 const std::vector<std::string>& languages,
                                                 std::uint64_t complete_matches,
                                                 const CompleteQueryOf& complete_query_of);

// The words of `query` that suggest_spelling() would try to correct on `db`:
// free-text spelling words the index holds in no form (neither the word nor
// a stem), capitalised ones the gazetteers know as names excepted; each
// once, in query order. A search over a cluster with remote shards, whose
// spelling tables Xapian's remote protocol does not serve, names these when
// it says that it cannot suggest corrections (docs/deployment.md).
std::vector<std::string> words_to_correct(const Xapian::Database& db, std::string_view query,
                                          const std::vector<std::string>& languages);

// `query` as typed with each corrected word replaced by its suggestion: a
// word is replaced where it is searched as free text and its normalised term
// (analysis::Token::term) is a correction's `word`, so "Seperate" and
// "title:seperate" are replaced too; everything else (operators, quotes,
// fields, spacing) is kept byte for byte. "" without corrections, or when
// `query` does not parse.
std::string corrected_query(std::string_view query, const std::vector<SpellingCorrection>& corrections);

}  // namespace newsdex::search
