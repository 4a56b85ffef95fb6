// Article -> Xapian::Document, exactly as common/schema.h lays it out. This is
// the only code in newsdex that writes terms, values or document data, in two
// steps: DocumentBuilder::build() everything an article alone decides (on the
// pipeline's worker threads), then add_cluster() its near-duplicate cluster,
// which depends on the articles written before it, so the index writer
// assigns it in write order (indexer/index_writer.h).
// Thread safety: not thread-safe (it owns Analyzers, which hold ICU iterators);
// use one DocumentBuilder per thread.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <xapian.h>

#include "common/analysis/analyzer.h"
#include "common/article.h"
#include "common/entities/entities.h"
#include "common/error.h"

namespace newsdex::index {

// Building one article's document failed (its analysis or entity extraction
// threw, or memory ran out for it): that article's error, not the run's.
class ArticleError : public Error {
 public:
  using Error::Error;
};

class DocumentBuilder {
 public:
  // extract_entities (default on): run an entities::EntityExtractor over each
  // article and write its terms, facet slots and Article::entities_json; off
  // (newsdex-index --no-entities, benchmarks) leaves all three out.
  explicit DocumentBuilder(bool extract_entities = true);

  // Requires: article.id non-empty and at most schema::kMaxIdBytes;
  // article.lang a language code ("en", "" = English); every
  // field valid UTF-8. The result holds the terms, values and data of
  // schema.h; terms that would exceed Xapian's length limit are left out.
  // article.entities_json is ignored: the stored one is this build's summary.
  // Throws ArticleError, naming the cause, when analysing the article or
  // extracting its entities fails, even for lack of memory (the builder stays
  // usable for the next article); Xapian::InvalidArgumentError when Xapian
  // refuses what was built.
  Xapian::Document build(const Article& article);

  bool extracts_entities() const { return extractor_.has_value(); }

  // What build() stores in schema::kSlotContentHash: content_hash(article),
  // plus "/no-entities" when extraction is off. A re-run finding the same
  // stamp under the article's id has nothing to change.
  std::string content_stamp(const Article& article) const;

 private:
  // One Analyzer per language, made on first use and kept: building one
  // costs two ICU break iterators, far more than analysing an article.
  analysis::Analyzer& analyzer_for(const std::string& lang);
  Xapian::Document build_document(const Article& article);

  std::map<std::string, analysis::Analyzer, std::less<>> analyzers_;
  // Made once (it loads the gazetteers); empty when extraction is off.
  std::optional<entities::EntityExtractor> extractor_;
};

// The second step of building: stores `cluster`, the near-duplicate cluster
// id assigned to the document's article (indexer/near_duplicates.h
// ClusterAssigner; the article's own id when it has no copy), in
// schema::kSlotCluster and as the term schema::cluster_term(cluster).
// Requires: `doc` made by DocumentBuilder::build(), not given a cluster yet.
void add_cluster(Xapian::Document& doc, const std::string& cluster);

}  // namespace newsdex::index
