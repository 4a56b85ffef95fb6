// Stored article text + query -> Snippet: the passage (whole sentences) that
// covers the most distinct query words weighted by rarity, with every matched
// word marked.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/analysis/analyzer.h"
#include "searcher/query_builder.h"
#include "searcher/results.h"

namespace newsdex::search {

class SnippetGenerator {
 public:
  // max_chars: target passage length in characters (code points), not bytes.
  SnippetGenerator(HighlightSpec spec, std::size_t max_chars = 240);

  // The best passage of `body`, analysed with `analyzer` (the article's
  // language). Whole sentences where they fit, "…" where text was left out,
  // never a cut word. With no matching word, the opening of the article.
  Snippet make_snippet(std::string_view body, analysis::Analyzer& analyzer) const;

  // All of `text` (a title) with its matched words marked.
  Snippet highlight_all(std::string_view text, analysis::Analyzer& analyzer) const;

  // The byte ranges of `text` that make_snippet and highlight_all mark: every
  // word and phrase of the query in `text` (a whole article body, say),
  // matched the same way, sorted and non-overlapping. Offsets are into `text`
  // itself: nothing collapsed, trimmed or cut (newsdex-search --show lays the
  // text out on its own).
  std::vector<Highlight> find_matches(std::string_view text, analysis::Analyzer& analyzer) const;

 private:
  HighlightSpec spec_;
  std::size_t max_chars_;
};

}  // namespace newsdex::search
