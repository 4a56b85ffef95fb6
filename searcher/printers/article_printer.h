// One whole stored article as `newsdex-search --show` prints it, and the
// printers for it: text for people (article_text_printer.h) and JSON for
// programs (article_json_printer.h). Plain types only, like results.h: the
// printers need no Xapian and no analyzer (searcher/show.h fills these).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "searcher/results.h"

namespace newsdex::search {

// A quote of the article, as the indexer's entity summary has it.
struct ShownQuote {
  std::string speaker;  // canonical person name; "" = unattributed
  std::string verb;     // "said", "told", "according to"...
  std::string text;     // the quoted or reported text
  // Where `text` lies in ShownArticle::body, bytes [start, end); nullopt
  // when it is not there (a summary that does not match its body).
  std::optional<std::size_t> start;
  std::optional<std::size_t> end;
};

// Whether the article has an entity summary, and if not why.
enum class EntitiesState {
  kExtracted,     // the lists below are the indexer's extraction
  kNotExtracted,  // indexed with extraction off: the lists are empty
  kDamaged,       // the stored summary does not decode: the lists are empty
};

struct ShownArticle {
  std::string id;
  std::string title;
  std::vector<Highlight> title_highlights;       // the query's words in `title`, byte ranges
  std::optional<std::int64_t> published_unix_s;  // UTC; nullopt = undated
  std::string source;
  std::string url;
  std::string author;
  std::string lang;                        // "" = the default language
  std::string body;                        // as stored: paragraphs separated by blank lines
  std::vector<Highlight> body_highlights;  // the query's words in `body`, byte ranges, sorted, disjoint
  EntitiesState entities = EntitiesState::kExtracted;
  std::string entities_error;        // kDamaged: what is wrong with the stored summary
  std::vector<std::string> persons;  // most salient first
  std::vector<std::string> organizations;
  std::vector<CountryRef> countries;
  std::vector<std::string> speakers;  // most quotes first
  std::vector<ShownQuote> quotes;     // in text order; may nest and overlap
};

class ArticlePrinter {
 public:
  virtual ~ArticlePrinter() = default;
  // Writes `article` to `out`; `first` is false for the second and later
  // articles of one --show (a text printer separates them).
  virtual void print(const ShownArticle& article, bool first, std::ostream& out) = 0;
};

}  // namespace newsdex::search
