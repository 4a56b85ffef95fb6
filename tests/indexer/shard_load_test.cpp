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

TEST_CASE("shard_count: explicit N capped; auto shards a bulk input, into a database only a bulk load for it") {
  CHECK(shard_count({.requested = 3}) == 3);  // explicit, whatever the input
  CHECK(shard_count({.requested = 64}) == kMaxShards);
  CHECK(shard_count({.requested = 2, .existing_articles = 1, .database_bytes = std::uint64_t{1} << 40}) == 2);
  CHECK(shard_count({.requested = 1, .input_bytes = std::uint64_t{1} << 40}) == 1);
  CHECK(shard_count({.input_bytes = kShardsMinInputBytes - 1}) == 1);  // auto, small input
  CHECK(shard_count({}) == 1);                                         // auto, unknown size (standard input)
  const unsigned cores = shard_count({.input_bytes = kShardsMinInputBytes});
  CHECK(cores >= 1);
  CHECK(cores <= kMaxShards);
  // Into a database that holds articles: only when the input is a bulk load
  // for its size, and not with --no-compact (the merge rewrites it).
  const std::uint64_t input = std::uint64_t{100} << 20;
  ShardCountInput into{
      .input_bytes = input, .existing_articles = 5, .database_bytes = input * kShardsDatabaseBytesPerInputByte};
  CHECK(shard_count(into) == cores);
  into.database_bytes += kShardsDatabaseBytesPerInputByte;
  CHECK(shard_count(into) == 1);
  into.database_bytes = input;
  into.compact = false;
  CHECK(shard_count(into) == 1);
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
  CHECK(merged.get_metadata(std::string(schema::kMetaBulkLoad)) == "shards=2");
  CHECK(remove_leftover_shards(fs::canonical(db).string()));
}

Article article(const std::string& id, const std::string& title, const std::string& body) {
  return Article{.id = id, .title = title, .body = body, .lang = "en"};
}

const std::string kBankBody =
    "The central bank raised its main interest rate by half a point on Tuesday, citing inflation that has "
    "stayed above its target for a year, and said further increases were likely if prices kept rising.";
const std::string kStrikeBody =
    "Dock workers walked out at dawn over pay and hours, closing the port to container ships for the second "
    "time this month.";
const std::string kHarvestBody =
    "The wheat harvest in the plains was the largest in a decade, the agriculture ministry said on Tuesday, "
    "as farmers brought in record yields after a wet spring and a mild summer across the region.";

std::map<std::string, Xapian::doccount> spelling_table(const Xapian::Database& db) {
  std::map<std::string, Xapian::doccount> out;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) out[*it] = it.get_termfreq();
  return out;
}

std::string stored_cluster(const Xapian::Database& db, const std::string& id) {
  const std::string term = std::string(schema::kPrefixId) + id;
  REQUIRE(db.get_termfreq(term) == 1);
  return db.get_document(*db.postlist_begin(term)).get_value(schema::kSlotCluster);
}

TEST_CASE("A sharded load into a database with articles: copies join its clusters, replaced articles leave it") {
  testing::TempDir dir;
  DocumentBuilder builder;
  const Article original = article("orig", "Bank raises rates", kBankBody);
  const Article strike = article("r", "Harbour strike", kStrikeBody);
  // The database before the run, written by one writer; its last load was
  // sharded in four.
  auto make_database = [&](const std::string& path) {
    IndexWriter writer(path);
    writer.write(original, builder.build(original));
    writer.write(strike, builder.build(strike));
    writer.set_metadata(std::string(schema::kMetaBulkLoad), "shards=4");
    writer.close();
  };
  const Article copy = article("copy", "Bank raises rates", kBankBody);
  const Article harvest = article("r", "Wheat harvest", kHarvestBody);  // replaces "r"

  // The reference: one writer appending the run.
  const std::string one = (dir.path() / "one").string();
  make_database(one);
  {
    IndexWriter writer(one);
    writer.write(copy, builder.build(copy));
    writer.write(harvest, builder.build(harvest));
    writer.close();
  }

  const std::string db = (dir.path() / "db").string();
  make_database(db);
  {
    ShardedWriter writer(fs::canonical(db).string(), 2, {});
    std::optional<std::uint64_t> entered = writer.add_database(Xapian::Database(db), [] { return false; });
    CHECK(entered == 2);
    writer.write(copy, builder.build(copy), IndexWriter::Existing::kNo);
    writer.write(harvest, builder.build(harvest), IndexWriter::Existing::kYes);
    writer.close();
    CHECK(writer.added() == 1);
    CHECK(writer.replaced() == 1);
    CompactResult merged = merge_into_database(db, writer.shard_paths());
    CHECK(merged.articles == 3);
  }
  CHECK(remove_leftover_shards(fs::canonical(db).string()));

  Xapian::Database merged(db);
  Xapian::Database reference(one);
  REQUIRE(merged.get_doccount() == 3);
  // The copy joined the database's article's cluster.
  CHECK(stored_cluster(merged, "copy") == "orig");
  CHECK(stored_cluster(reference, "copy") == "orig");
  // "r" is the run's article, once; the old one's words left the spelling
  // table with it, as with one writer.
  const std::string r_term = std::string(schema::kPrefixId) + "r";
  Xapian::Document r = merged.get_document(*merged.postlist_begin(r_term));
  CHECK(r.get_data() == reference.get_document(*reference.postlist_begin(r_term)).get_data());
  CHECK(merged.get_termfreq("wheat") == 1);
  CHECK(merged.get_termfreq("dock") == 0);
  CHECK(spelling_table(merged).count("dock") == 0);
  CHECK(spelling_table(merged) == spelling_table(reference));
  CHECK(merged.get_metadata(std::string(schema::kMetaBulkLoad)) == "shards=2");
}

TEST_CASE("RunClusters::add_database stops when asked, and enters nothing more") {
  testing::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  {
    // Articles with an id and nothing else: what is counted is the pass.
    Xapian::WritableDatabase writer(db, Xapian::DB_CREATE_OR_OPEN);
    for (std::uint64_t i = 0; i < 2 * RunClusters::kStopCheckEvery + 1; ++i) {
      Xapian::Document doc;
      doc.add_boolean_term(std::string(schema::kPrefixId) + "a" + std::to_string(i));
      writer.add_document(doc);
    }
    writer.commit();
  }
  RunClusters clusters((dir.path() / "index").string(), std::uint64_t{1} << 30);
  int asked = 0;
  CHECK_FALSE(clusters.add_database(Xapian::Database(db), [&] { return ++asked == 2; }).has_value());
  CHECK(asked == 2);
  RunClusters all((dir.path() / "index2").string(), std::uint64_t{1} << 30);
  CHECK(all.add_database(Xapian::Database(db), [] { return false; }) == 2 * RunClusters::kStopCheckEvery + 1);
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
