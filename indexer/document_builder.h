// Article -> Xapian::Document, exactly as common/schema.h lays it out. This is
// the only code in newsdex that writes terms, values or document data.
// Thread safety: not thread-safe (it owns Analyzers, which hold ICU iterators);
// use one DocumentBuilder per thread.
#pragma once

#include <map>
#include <string>

#include <xapian.h>

#include "common/analysis/analyzer.h"
#include "common/article.h"

namespace newsdex::index {

class DocumentBuilder {
 public:
  // Requires: article.id non-empty and short enough for a term ("Q" + id at
  // most 245 bytes); article.lang a language code ("en", "" = English); every
  // field valid UTF-8. The result holds the terms, values and data of
  // schema.h; terms that would exceed Xapian's length limit are left out.
  Xapian::Document build(const Article& article);

 private:
  // One Analyzer per language, made on first use and kept: building one
  // costs two ICU break iterators, far more than analysing an article.
  analysis::Analyzer& analyzer_for(const std::string& lang);

  std::map<std::string, analysis::Analyzer, std::less<>> analyzers_;
};

}  // namespace newsdex::index
