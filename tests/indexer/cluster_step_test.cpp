// The second step of building a document, add_cluster(), and its use by
// IndexWriter: the near-duplicate cluster is written as schema.h lays it out.
#include "indexer/document_builder.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/schema.h"
#include "indexer/index_writer.h"
#include "tests/indexer/test_support.h"

namespace newsdex::index {
namespace {

std::vector<std::string> terms_with_prefix(const Xapian::Document& doc, const std::string& prefix) {
  std::vector<std::string> out;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if ((*it).starts_with(prefix)) out.push_back(*it);
  }
  return out;
}

TEST_CASE("add_cluster stores the cluster in its slot and as its XCLU term") {
  Xapian::Document doc;
  add_cluster(doc, "bt-2016-0001");
  CHECK(doc.get_value(schema::kSlotCluster) == "bt-2016-0001");
  CHECK(terms_with_prefix(doc, std::string(schema::kPrefixCluster)) == (std::vector<std::string>{"XCLUbt-2016-0001"}));

  // An id too long for a plain term: the slot keeps it whole, the term is cluster_term()'s.
  const std::string long_id(schema::kMaxIdBytes, 'k');
  Xapian::Document long_doc;
  add_cluster(long_doc, long_id);
  CHECK(long_doc.get_value(schema::kSlotCluster) == long_id);
  const std::vector<std::string> terms = terms_with_prefix(long_doc, std::string(schema::kPrefixCluster));
  REQUIRE(terms.size() == 1);
  CHECK(terms[0] == schema::cluster_term(long_id));
  CHECK(terms[0].size() <= schema::kMaxXapianTermBytes);
}

TEST_CASE("DocumentBuilder::build leaves the cluster out; IndexWriter adds it in write order") {
  testing::TempDir dir;
  const std::string db_path = (dir.path() / "db").string();
  DocumentBuilder builder(false);
  const std::string body =
      "The harbour ferry service between the two islands resumed on Monday after a week of "
      "storms, the port authority said, with extra sailings planned for the weekend crowds.";
  Article first{.id = "a", .title = "Ferry service resumes", .body = body};
  Article copy{.id = "b", .title = "Ferry service resumes", .body = body};
  Xapian::Document built = builder.build(first);
  CHECK(built.get_value(schema::kSlotCluster).empty());
  CHECK(terms_with_prefix(built, std::string(schema::kPrefixCluster)).empty());
  {
    IndexWriter writer(db_path);
    writer.write(first, built);
    writer.write(copy, builder.build(copy));
    writer.commit();
  }
  Xapian::Database db(db_path);
  for (const char* id : {"a", "b"}) {
    CAPTURE(id);
    Xapian::PostingIterator p = db.postlist_begin(std::string(schema::kPrefixId) + id);
    REQUIRE(p != db.postlist_end(std::string(schema::kPrefixId) + id));
    Xapian::Document doc = db.get_document(*p);
    CHECK(doc.get_value(schema::kSlotCluster) == "a");  // the copy joins the first article's cluster
    CHECK(terms_with_prefix(doc, std::string(schema::kPrefixCluster)) == (std::vector<std::string>{"XCLUa"}));
  }
}

}  // namespace
}  // namespace newsdex::index
