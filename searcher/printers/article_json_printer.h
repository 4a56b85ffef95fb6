// --show --json: one "article" object per line (JSON Lines), the whole stored
// article with its entities, quotes and the query's matches. Documented in
// docs/json-output.md ("article"); change both in the same commit.
#pragma once

#include "searcher/printers/article_printer.h"

namespace newsdex::search {

class ArticleJsonPrinter : public ArticlePrinter {
 public:
  void print(const ShownArticle& article, bool first, std::ostream& out) override;
};

}  // namespace newsdex::search
