// newsdex-search --quotes: search the quotes the indexer extracted, not the
// articles. Each hit is one quote (its text, speaker, verb, and the article's
// date, source and id), and the query's words must all be in that quote.
//
// How (docs/architecture.md, "Quote search"): the query, parsed with the
// shared syntax (query_parser.h), becomes a Xapian query over the quote-word
// terms (schema.h XQ, ZXQ) and the article filters, which finds the candidate
// articles: those holding the words in some quote (ranked by the same query
// over title and body, as the quote terms have no weight). Then each candidate's
// stored entity summary is decoded and every quote checked on its own against
// the parsed query (words, phrases, wildcards, NEAR, AND/OR/NOT, speaker:), and
// the matching quotes scored with BM25 over the quote's words (Xapian's
// document frequencies of the XQ/ZXQ terms, the quote's length against the
// mean length of the candidates' quotes).
//
// Order: by score (with --sort, by the article's date, the score breaking
// ties), then by document id and the quote's place in its article: the
// StreamKey order of match_stream.h, with the score as weight and the quote
// index as sub, in both functions below.
//
// Memory: search_quotes reads at most kMaxQuoteCandidates candidate articles
// (the best-ranked ones, or the newest/oldest with --sort); the counts then
// say "at least" (QuoteResults::exact false). stream_quotes reads every
// candidate, keeping each matching quote's record in an unlinked temporary
// file until the mean quote length is known, then sorts the order keys with
// SortedKeys (match_stream.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/printers/table_printer.h"
#include "searcher/query_builder.h"
#include "searcher/results.h"
#include "searcher/search.h"

namespace newsdex::search {

// Candidate articles read per quote search, at most.
inline constexpr std::uint32_t kMaxQuoteCandidates = 10'000;

// One matching quote.
struct QuoteHit {
  std::uint32_t rank = 0;             // 1-based position in the whole list (offset counted)
  double score = 0.0;                 // BM25 of the quote's words; 0 for a query without quote words
  std::string speaker;                // canonical name; "" = unattributed
  std::string verb;                   // "said", "according to"; "" = none
  std::string text;                   // the whole quote, as in the article body
  std::vector<Highlight> highlights;  // the query's words in `text`
  Snippet snippet;                    // `text` cut to the snippet length around the words, marked
  std::size_t quote_index = 0;        // its place among the article's quotes (0-based, text order)
  std::string id;                     // the article
  std::string title;
  std::optional<std::int64_t> published_unix_s;
  std::string source;
  std::string url;
};

struct QuoteResults {
  std::string query;
  std::vector<QuoteHit> hits;    // the page (search_quotes; stream_quotes gives them to its `emit`)
  std::uint64_t returned = 0;    // hits printed
  std::uint64_t matched = 0;     // matching quotes in all (in the articles read)
  std::uint64_t articles = 0;    // articles holding one of them
  std::uint64_t candidates = 0;  // candidate articles read
  bool exact = true;             // false: more than kMaxQuoteCandidates candidates; counts are lower bounds
  std::uint64_t offset = 0;
  std::string sort = "relevance";
  std::uint64_t unreadable = 0;      // candidates whose stored summary did not decode (damage): skipped
  std::string first_unreadable;      // the first of them: "ID: why"
  std::optional<Timeline> timeline;  // quotes over time (article dates)
  std::vector<Facet> facets;         // quotes per value
  double elapsed_ms = 0.0;
};

// The quote search itself, on an open database: `options` as for run_search
// (query, since/until, sort, limit, offset, snippet_chars, timeline, facets,
// facet_limit). A candidate whose stored summary does not decode is skipped
// and counted in `unreadable`. Throws QuerySyntaxError for a query it cannot check per quote
// (see docs/newsdex-search.md, "Quotes"), Error for bad options, and Xapian's
// errors.
QuoteResults search_quotes(const Xapian::Database& db, const SearchOptions& options);

// --limit all: every matching quote from options.offset on, in the order of
// search_quotes (whose page it equals when there are no more than
// kMaxQuoteCandidates candidates), each hit given to `emit` as soon as it is
// made; `emit` returning false stops. Reads every candidate article. The
// result has the counts, facets and timeline (exact) and `returned`, no hits.
// Throws as search_quotes does, and Error when the temporary file cannot be
// written or read; an indexer committing meanwhile makes it throw
// Xapian::DatabaseModifiedError (not retried: hits already given out).
QuoteResults stream_quotes(const Xapian::Database& db, const SearchOptions& options,
                           const std::function<bool(const QuoteHit&)>& emit);

// newsdex-search --quotes: search_quotes() (stream_quotes() with --limit all)
// on the database of `options`, printed as text, JSON Lines of "quote"
// objects (--format jsonl) or a table of `fields` (--format csv or tsv; empty
// = kDefaultQuoteFields); errors on `err` as run_search reports them. A
// reader that goes away (EPIPE) ends it quietly. Returns kExitHits when a
// quote matched, kExitNoHits when none did, kExitError on an error. Throws
// nothing.
int run_quote_search(const SearchOptions& options, const std::vector<QuoteField>& fields, std::ostream& out,
                     std::ostream& err);

}  // namespace newsdex::search
