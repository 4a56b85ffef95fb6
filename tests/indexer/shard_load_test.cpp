// indexer/shard_load.h: how many shards a run gets, where ids go, the
// leftover cleanup (only what newsdex made), and the writer's clusters
// across shards.
#include "indexer/shard_load.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "common/error.h"
#include "common/schema.h"
#include "indexer/admin_compact.h"
#include "indexer/document_builder.h"
#include "tests/indexer/test_support.h"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

TEST_CASE("shard_count: empty databases only, auto needs a bulk input, at most kMaxShards") {
  CHECK(shard_count(2, 0, 1) == 1);  // a database with articles: one writer
  CHECK(shard_count(0, std::uint64_t{1} << 40, 5) == 1);
  CHECK(shard_count(3, 0, 0) == 3);  // explicit, whatever the input
  CHECK(shard_count(64, 0, 0) == kMaxShards);
  CHECK(shard_count(0, kShardsMinInputBytes - 1, 0) == 1);  // auto, small input
  CHECK(shard_count(0, 0, 0) == 1);                         // auto, unknown size (standard input)
  unsigned bulk = shard_count(0, kShardsMinInputBytes, 0);
  CHECK(bulk >= 1);
  CHECK(bulk <= kMaxShards);
}

TEST_CASE("shard_of is a fixed function of the id: FNV-1a 64 modulo the shards") {
  // FNV-1a 64 of "" is the offset basis 0xcbf29ce484222325, of "a" 0xaf63dc4c8601ec8c.
  CHECK(shard_of("", 7) == 0xcbf29ce484222325ULL % 7);
  CHECK(shard_of("a", 5) == 0xaf63dc4c8601ec8cULL % 5);
  CHECK(shard_of("anything", 1) == 0);
  std::map<unsigned, int> spread;
  for (int i = 0; i < 1000; ++i) ++spread[shard_of("reuters-" + std::to_string(i), 2)];
  CHECK(spread[0] > 400);
  CHECK(spread[1] > 400);
}

TEST_CASE("shards_temp_path is a hidden sibling of the database directory") {
  CHECK(shards_temp_path("/data/news/db") == "/data/news/.db.shards-tmp");
  CHECK(shards_temp_path("/data/news/db/") == "/data/news/.db.shards-tmp");
}

TEST_CASE("remove_leftover_shards removes only shard databases, and nothing when something else is there") {
  testing::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  CHECK_FALSE(remove_leftover_shards(db));
  {
    ShardedWriter writer(db, 2, {});
    writer.close();
  }
  REQUIRE(fs::is_directory(shards_temp_path(db) + "/shard-1"));
  // A file someone put there: nothing is removed.
  dir.write(".db.shards-tmp/notes.txt", "mine");
  CHECK_THROWS_AS(remove_leftover_shards(db), Error);
  CHECK(fs::exists(shards_temp_path(db) + "/notes.txt"));
  CHECK(fs::exists(shards_temp_path(db) + "/shard-0/iamglass"));
  fs::remove(shards_temp_path(db) + "/notes.txt");
  CHECK(remove_leftover_shards(db));
  CHECK_FALSE(fs::exists(shards_temp_path(db)));
}

TEST_CASE("a ShardedWriter gives copies in different shards one cluster, and the merge keeps it") {
  testing::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  { IndexWriter create(db); }
  DocumentBuilder builder;
  const std::string body =
      "The central bank raised its main interest rate by half a point on Tuesday, citing inflation that has "
      "stayed above its target for a year, and said further increases were likely if prices kept rising.";
  // Ids chosen to land in both shards.
  std::set<unsigned> shards_used;
  std::vector<std::string> ids;
  for (int i = 0; ids.size() < 4; ++i) {
    std::string id = "copy-" + std::to_string(i);
    if (ids.size() < 2 && shard_of(id, 2) != ids.size()) continue;
    ids.push_back(id);
    shards_used.insert(shard_of(id, 2));
  }
  REQUIRE(shards_used.size() == 2);
  ShardedWriter writer(fs::canonical(db).string(), 2, {});
  for (const std::string& id : ids) {
    Article a{.id = id, .title = "Bank raises rates", .body = body, .lang = "en"};
    writer.write(a, builder.build(a), IndexWriter::Existing::kNo);
  }
  Article other{.id = "other",
                .title = "Harbour strike",
                .body =
                    "Dock workers walked out at dawn over pay and "
                    "hours, closing the port to container ships for the second time this month.",
                .lang = "en"};
  writer.write(other, builder.build(other), IndexWriter::Existing::kNo);
  writer.close();
  CHECK(writer.added() == 5);
  merge_into_database(db, writer.shard_paths());
  Xapian::Database merged(db);
  REQUIRE(merged.get_doccount() == 5);
  for (const std::string& id : ids) {
    std::string term = std::string(schema::kPrefixId) + id;
    CHECK(merged.get_document(*merged.postlist_begin(term)).get_value(schema::kSlotCluster) == ids.front());
  }
  std::string term = std::string(schema::kPrefixId) + "other";
  CHECK(merged.get_document(*merged.postlist_begin(term)).get_value(schema::kSlotCluster) == "other");
  CHECK(merged.get_metadata(std::string(kMetaBulkLoad)) == "shards=2");
  CHECK(remove_leftover_shards(fs::canonical(db).string()));
}

}  // namespace
}  // namespace newsdex::index

TEST_CASE("parse_route: K/N with K below N; anything else is an error saying what is expected") {
  const newsdex::index::Route r = newsdex::index::parse_route("2/3");
  CHECK(r.shard == 2);
  CHECK(r.shards == 3);
  CHECK(newsdex::index::parse_route("0/1").shards == 1);
  auto error_of = [](std::string_view text) {
    try {
      newsdex::index::parse_route(text);
    } catch (const newsdex::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error_of("3/3").find("K must be below N") != std::string::npos);
  CHECK(error_of("3").find("expected K/N") != std::string::npos);
  CHECK(error_of("x/3").find("K is not a number") != std::string::npos);
  CHECK(error_of("1/").find("N is not a number") != std::string::npos);
  CHECK(error_of("0/0").find("N must be at least 1") != std::string::npos);
  CHECK(error_of("1/99999").find("at most 1024") != std::string::npos);
  CHECK(error_of(" 1/3").find("not a number") != std::string::npos);
}

TEST_CASE("RunClusters: copies get the first copy's cluster; a later article with the same id replaces its entry") {
  newsdex::index::RunClusters clusters;
  newsdex::index::DocumentBuilder builder(false);
  newsdex::Article a;
  a.id = "a";
  a.lang = "en";
  a.title = "Oil prices rise";
  a.body =
      "Oil prices rose sharply on Monday after the producers agreed to cut output for the rest of the year, "
      "traders in London and New York said, adding that stocks had fallen for a third week in a row.";
  newsdex::Article b = a;
  b.id = "b";
  newsdex::Article c;
  c.id = "c";
  c.lang = "en";
  c.title = "Wheat harvest";
  c.body =
      "The wheat harvest in the plains was the largest in a decade, the agriculture ministry said on Tuesday, "
      "as farmers brought in record yields after a wet spring and a mild summer across the region.";
  Xapian::Document da = builder.build(a);
  Xapian::Document db = builder.build(b);
  Xapian::Document dc = builder.build(c);
  clusters.assign(a, da);
  clusters.assign(b, db);
  clusters.assign(c, dc);
  CHECK(da.get_value(newsdex::schema::kSlotCluster) == "a");
  CHECK(db.get_value(newsdex::schema::kSlotCluster) == "a");
  CHECK(dc.get_value(newsdex::schema::kSlotCluster) == "c");
}
