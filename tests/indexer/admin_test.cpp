// indexer/admin.h: stats, delete and compact on real glass databases in temp dirs.
#include "indexer/admin.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <vector>

#include "common/compression/stored_fields.h"
#include "common/dates.h"
#include "common/error.h"
#include "common/facet_columns.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "tests/indexer/test_support.h"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

std::int64_t day(int year, unsigned month, unsigned d) { return dates::unix_from_civil(year, month, d) + 3600; }

// Sixty distinct words: long enough for near-duplicate detection (>= 30 shingles).
std::string long_body(const std::string& topic) {
  std::string body;
  for (int i = 0; i < 60; ++i) body += topic + "word" + std::to_string(i) + " ";
  return body;
}

// Writes the articles with the real document builder and index writer
// (entities off: faster, and not what these tests are about).
void index_articles(const std::string& db_path, const std::vector<Article>& articles,
                    std::uint64_t documents_per_commit = 10'000) {
  DocumentBuilder builder(false);
  IndexWriter writer(db_path, IndexWriterOptions{.documents_per_commit = documents_per_commit});
  for (const Article& a : articles) writer.write(a, builder.build(a));
  writer.commit();
}

// Five articles: two copies of one story (one cluster), three outlets' worth
// of sources (one missing), two languages, one undated.
std::vector<Article> five_articles() {
  return {
      {.id = "a",
       .title = "Harbour reopens",
       .body = long_body("harbour"),
       .published_unix_s = day(2001, 3, 4),
       .source = "Harbor Ledger",
       .lang = "en"},
      {.id = "a-copy",
       .title = "Harbour reopens",
       .body = long_body("harbour"),
       .published_unix_s = day(2001, 3, 5),
       .source = "Harbor Ledger",
       .lang = "en"},
      {.id = "b",
       .title = "Zanzibarian ferries resume",
       .body = "The ferry timetable is back.",
       .published_unix_s = day(2003, 5, 6),
       .source = "Harbor Ledger",
       .lang = "en"},
      {.id = "c",
       .title = "Frost in Burgundy",
       .body = "Die Winzer sind besorgt.",
       .source = "Granite Herald",
       .lang = "de"},
      {.id = "d",
       .title = "Budget vote",
       .body = "The council votes on the ferry budget.",
       .published_unix_s = day(2002, 1, 2),
       .lang = "en"},
  };
}

// Frequency of `word` in the spelling table (0 when absent).
Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    if (*it == word) return it.get_termfreq();
  }
  return 0;
}

// True when xapian-check (xapian-tools) finds no error in the database. The
// in-process Xapian::Database::check trips AddressSanitizer inside
// libxapian 1.4.22 (new-delete-type-mismatch), so the tool runs instead.
bool xapian_check_clean(const std::string& db_path) {
  std::string command = "/usr/bin/xapian-check '" + db_path + "' > /dev/null";
  return std::system(command.c_str()) == 0;
}

// Everything a search can see of a document, for before/after comparisons.
struct DocumentImage {
  std::string data;
  std::map<Xapian::valueno, std::string> values;
  std::vector<std::tuple<std::string, Xapian::termcount, std::vector<Xapian::termpos>>> terms;
  bool operator==(const DocumentImage&) const = default;
};

std::map<Xapian::docid, DocumentImage> image_of(const Xapian::Database& db) {
  std::map<Xapian::docid, DocumentImage> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    DocumentImage& image = out[*it];
    image.data = doc.get_data();
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) image.values[v.get_valueno()] = *v;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      std::vector<Xapian::termpos> positions(t.positionlist_begin(), t.positionlist_end());
      image.terms.emplace_back(*t, t.get_wdf(), positions);
    }
  }
  return out;
}

std::vector<std::string> search_ids(const Xapian::Database& db, const std::string& term) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  std::vector<std::string> ids;
  for (Xapian::MSetIterator it = enquire.get_mset(0, 100).begin(); it != Xapian::MSetIterator(); ++it) {
    Xapian::Document doc = it.get_document();
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to(std::string(schema::kPrefixId));
    if (t != doc.termlist_end() && (*t).starts_with(schema::kPrefixId)) {
      ids.push_back((*t).substr(schema::kPrefixId.size()));
    }
  }
  return ids;
}

// ---- stats

TEST_CASE("collect_stats counts exactly what was indexed: articles, stories, dates, languages, outlets, files") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());

  DatabaseStats stats = collect_stats(db_path);
  CHECK(stats.path == fs::absolute(db_path).string());
  CHECK(stats.schema_version == schema::kVersion);
  CHECK(stats.revision == Xapian::Database(db_path).get_revision());
  CHECK(stats.articles == 5);
  CHECK(stats.stories == 4);  // a and a-copy are one story
  CHECK(stats.dated_articles == 4);
  REQUIRE(stats.first_published);
  REQUIRE(stats.last_published);
  CHECK(*stats.first_published == day(2001, 3, 4));
  CHECK(*stats.last_published == day(2003, 5, 6));

  // In the metadata's order (languages new in one run are sorted there).
  REQUIRE(Xapian::Database(db_path).get_metadata(std::string(schema::kMetaLanguages)) == "de,en");
  REQUIRE(stats.languages.size() == 2);
  CHECK(stats.languages[0].code == "de");
  CHECK(stats.languages[0].articles == 1);
  CHECK(stats.languages[1].code == "en");
  CHECK(stats.languages[1].articles == 4);

  REQUIRE(stats.sources.size() == 2);
  CHECK(stats.sources[0].name == "Harbor Ledger");
  CHECK(stats.sources[0].term == "harbor ledger");
  CHECK(stats.sources[0].articles == 3);
  CHECK(stats.sources[1].name == "Granite Herald");
  CHECK(stats.sources[1].articles == 1);
  CHECK(stats.articles_without_source == 1);

  std::uint64_t sum = 0;
  bool has_postlist = false;
  for (const DatabaseFile& f : stats.files) {
    sum += f.bytes;
    has_postlist |= f.name == "postlist.glass";
  }
  CHECK(has_postlist);
  CHECK(sum == stats.total_bytes);
  CHECK(stats.total_bytes == directory_bytes(db_path));
  CHECK(stats.total_bytes > 0);
  for (std::size_t i = 1; i < stats.files.size(); ++i) CHECK(stats.files[i - 1].bytes >= stats.files[i].bytes);
}

TEST_CASE("collect_stats says there is no date range when no article is dated") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, {{.id = "x", .title = "Undated note", .body = "No date here."}});
  DatabaseStats stats = collect_stats(db_path);
  CHECK(stats.articles == 1);
  CHECK(stats.dated_articles == 0);
  CHECK_FALSE(stats.first_published);
  CHECK_FALSE(stats.last_published);
  CHECK(format_stats(stats).find("published       none (no article has a date)") != std::string::npos);
  CHECK(stats_json(stats)["published"]["first"].is_null());
}

TEST_CASE("collect_stats refuses a missing database without creating one") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "nothing-here").string();
  CHECK_THROWS_AS(collect_stats(db_path), DatabaseMissingError);
  CHECK_FALSE(fs::exists(db_path));
}

TEST_CASE("format_stats aligns one statistic per line and lists the top outlets; stats_json lists them all") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());
  DatabaseStats stats = collect_stats(db_path);

  std::string text = format_stats(stats, 1);
  CHECK(text.find("articles        5\n") != std::string::npos);
  CHECK(text.find("stories         4 (near-duplicate clusters)\n") != std::string::npos);
  CHECK(text.find("published       2001-03-04 to 2003-05-06 (4 dated, 1 undated)\n") != std::string::npos);
  CHECK(text.find("languages       de 1, en 4\n") != std::string::npos);
  CHECK(text.find("sources         2 outlets, top 1\n") != std::string::npos);
  CHECK(text.find("  Harbor Ledger  3\n") != std::string::npos);
  CHECK(text.find("Granite Herald") == std::string::npos);  // beyond the top 1
  CHECK(text.find("  (no source)    1\n") != std::string::npos);
  // Every label starts its value in the same column.
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("  ")) continue;
    INFO(line);
    CHECK(line.size() > 16);
    CHECK(line[15] == ' ');
    CHECK(line[16] != ' ');
  }

  nlohmann::ordered_json j = stats_json(stats);
  CHECK(j["format_version"] == kStatsFormatVersion);
  CHECK(j["articles"] == 5);
  CHECK(j["stories"] == 4);
  CHECK(j["schema_version"] == schema::kVersion);
  CHECK(j["published"]["first"] == "2001-03-04T01:00:00Z");
  CHECK(j["published"]["last"] == "2003-05-06T01:00:00Z");
  CHECK(j["sources"].size() == 2);  // all of them, whatever the top
  CHECK(j["sources"][1]["name"] == "Granite Herald");
  CHECK(j["articles_without_source"] == 1);
  CHECK(j["size"]["total_bytes"] == stats.total_bytes);
  CHECK(j["size"]["files"].size() == stats.files.size());
}

// ---- delete

TEST_CASE("delete_articles removes articles by id in one commit and names the ids not found") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());
  Xapian::rev before = Xapian::Database(db_path).get_revision();

  DeleteResult result = delete_articles(db_path, {"b", "no-such-id", "b", "c", "", std::string(300, 'x')});
  CHECK(result.deleted == std::vector<std::string>{"b", "c"});
  CHECK(result.not_found == std::vector<std::string>{"no-such-id", "", std::string(300, 'x')});
  CHECK(exit_code(result) == kExitIdsNotFound);

  Xapian::Database db(db_path);
  CHECK(db.get_revision() == before + 1);  // one commit
  CHECK(db.get_doccount() == 3);
  CHECK_FALSE(db.term_exists("Qb"));
  CHECK_FALSE(db.term_exists("Qc"));
  CHECK(search_ids(db, "zanzibarian").empty());
  CHECK(search_ids(db, "ferry") == std::vector<std::string>{"d"});  // b's copy of the word is gone, d's stays
  DatabaseStats stats = collect_stats(db_path);
  CHECK(stats.articles == 3);
  CHECK(stats.sources.size() == 1);  // Granite Herald's only article was c
}

TEST_CASE("delete_articles takes the deleted article's words out of the spelling table") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());
  {
    Xapian::Database db(db_path);
    REQUIRE(spelling_frequency(db, "zanzibarian") == 1);  // only in b
    REQUIRE(spelling_frequency(db, "ferry") == 2);        // in b and d
  }
  delete_articles(db_path, {"b"});
  Xapian::Database db(db_path);
  CHECK(spelling_frequency(db, "zanzibarian") == 0);
  CHECK(spelling_frequency(db, "ferry") == 1);
  CHECK(db.get_spelling_suggestion("zanzibarien").empty());
}

TEST_CASE("after deleting the oldest and newest articles the date range is exact, not Xapian's stale bound") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());
  DeleteResult result = delete_articles(db_path, {"a", "b"});
  CHECK(exit_code(result) == 0);
  {
    // The premise: Xapian keeps the deleted articles' dates as the slot's bounds.
    Xapian::Database db(db_path);
    CHECK(db.get_value_lower_bound(schema::kSlotPublished) ==
          Xapian::sortable_serialise(static_cast<double>(day(2001, 3, 4))));
  }
  DatabaseStats stats = collect_stats(db_path);
  CHECK(stats.dated_articles == 2);
  REQUIRE(stats.first_published);
  CHECK(*stats.first_published == day(2001, 3, 5));  // a-copy
  CHECK(*stats.last_published == day(2002, 1, 2));   // d
}

TEST_CASE("delete_articles on a locked database fails with the indexer's message and deletes nothing") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());
  {
    IndexWriter indexer(db_path);
    CHECK_THROWS_WITH_AS(delete_articles(db_path, {"a"}), doctest::Contains("database is locked by another indexer"),
                         Error);
  }
  CHECK(Xapian::Database(db_path).get_doccount() == 5);
}

TEST_CASE("delete_articles refuses a missing database without creating one") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  CHECK_THROWS_AS(delete_articles(db_path, {"a"}), DatabaseMissingError);
  CHECK_FALSE(fs::exists(db_path));
}

TEST_CASE("read_ids: one id per line, trimmed, blank lines skipped") {
  std::istringstream in("a\n  b \r\n\n\t\nc d\n");
  CHECK(read_ids(in) == std::vector<std::string>{"a", "b", "c d"});
}

TEST_CASE("format_delete_result names every id not found; exit_code is 0 only when all were found") {
  DeleteResult all{.db_path = "DB", .deleted = {"a"}, .not_found = {}};
  CHECK(format_delete_result(all) == "deleted 1 article from DB");
  CHECK(exit_code(all) == 0);
  DeleteResult some{.db_path = "DB", .deleted = {"a", "b"}, .not_found = {"x", "y"}};
  CHECK(format_delete_result(some) == "deleted 2 articles from DB; 2 ids not found: x, y");
  CHECK(exit_code(some) == kExitIdsNotFound);
}

// ---- compact

// 400 articles written in batches of 25 with a quarter replaced afterwards:
// a database with the slack of many commits, as bulk loads leave it. Built
// once; each test gets its own copy in `dir`.
std::string fragmented_database(const testing::TempDir& dir) {
  static testing::TempDir template_dir;
  static const std::string template_path = [] {
    std::string db_path = (template_dir.path() / "db").string();
    std::vector<Article> articles;
    articles.reserve(400);
    for (int i = 0; i < 400; ++i) {
      articles.push_back(
          {.id = "id" + std::to_string(i),
           .title = "Story number " + std::to_string(i % 37),
           .body = long_body("t" + std::to_string(i)) + " ferry harbour council",
           .published_unix_s = day(2010 + i % 5, 1 + static_cast<unsigned>(i % 12), 1 + static_cast<unsigned>(i % 28)),
           .source = i % 3 == 0 ? "Harbor Ledger" : "Granite Herald",
           .lang = "en"});
    }
    index_articles(db_path, articles, 25);
    std::vector<Article> replacements(articles.begin(), articles.begin() + 100);
    for (Article& a : replacements) a.title += " (updated)";
    index_articles(db_path, replacements, 25);
    return db_path;
  }();
  std::string db_path = (dir.path() / "db").string();
  fs::copy(template_path, db_path);
  return db_path;
}

TEST_CASE("compact_database keeps every document, term, position, value and document id, and shrinks the files") {
  testing::TempDir dir;
  std::string db_path = fragmented_database(dir);
  std::map<Xapian::docid, DocumentImage> before;
  std::map<std::string, std::string> metadata_before;
  std::vector<std::string> ferry_before;
  {
    Xapian::Database db(db_path);
    before = image_of(db);
    for (auto key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key) {
      metadata_before[*key] = db.get_metadata(*key);
    }
    ferry_before = search_ids(db, "ferry");
  }
  std::uint64_t bytes_before = directory_bytes(db_path);

  CompactResult result = compact_database(db_path);
  CHECK(result.db_path == fs::canonical(db_path).string());
  CHECK(result.articles == 400);
  CHECK(result.bytes_before == bytes_before);
  CHECK(result.bytes_after == directory_bytes(db_path));
  CHECK(result.bytes_after < result.bytes_before);
  CHECK(result.ratio() < 1.0);
  CHECK_FALSE(fs::exists(compaction_temp_path(db_path)));

  Xapian::Database db(db_path);
  CHECK(xapian_check_clean(db_path));
  CHECK(image_of(db) == before);
  std::map<std::string, std::string> metadata_after;
  for (auto key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key) {
    metadata_after[*key] = db.get_metadata(*key);
  }
  CHECK(metadata_after == metadata_before);
  CHECK(search_ids(db, "ferry") == ferry_before);  // same ranking, same order
  CHECK(spelling_frequency(db, "ferry") > 0);
}

TEST_CASE("a compacted database can be indexed into again") {
  testing::TempDir dir;
  std::string db_path = fragmented_database(dir);
  compact_database(db_path);
  index_articles(db_path, {{.id = "new", .title = "Lighthouse automated", .body = "The keeper retires."}});
  Xapian::Database db(db_path);
  CHECK(db.get_doccount() == 401);
  CHECK(search_ids(db, "lighthouse") == std::vector<std::string>{"new"});
  CHECK(xapian_check_clean(db_path));
}

TEST_CASE("a reader that opened the database before compaction keeps reading the old files, and reopens to the new") {
  testing::TempDir dir;
  std::string db_path = fragmented_database(dir);
  Xapian::Database reader(db_path);
  std::vector<std::string> ferry = search_ids(reader, "ferry");
  std::string uuid_before = reader.get_uuid();
  REQUIRE(ferry.size() == 100);

  compact_database(db_path);

  CHECK(search_ids(reader, "ferry") == ferry);  // a new query on the old handle
  CHECK(reader.get_document(1).get_data() == Xapian::Database(db_path).get_document(1).get_data());
  reader.reopen();
  CHECK(reader.get_uuid() != uuid_before);  // now the compacted database
  CHECK(search_ids(reader, "ferry") == ferry);
}

TEST_CASE("compact_database on a locked database fails with the indexer's message and changes nothing") {
  testing::TempDir dir;
  std::string db_path = fragmented_database(dir);
  std::uint64_t bytes = directory_bytes(db_path);
  std::string uuid = Xapian::Database(db_path).get_uuid();
  {
    IndexWriter indexer(db_path);
    CHECK_THROWS_WITH_AS(compact_database(db_path), doctest::Contains("database is locked by another indexer"), Error);
  }
  CHECK(directory_bytes(db_path) == bytes);
  CHECK(Xapian::Database(db_path).get_uuid() == uuid);
  CHECK_FALSE(fs::exists(compaction_temp_path(db_path)));
}

TEST_CASE("compact_database removes the temp directory a crashed compaction left behind") {
  testing::TempDir dir;
  std::string db_path = fragmented_database(dir);
  // A crash after the swap leaves the old database there; one before it, a partial copy.
  fs::path leftover = compaction_temp_path(db_path);
  fs::copy(db_path, leftover);
  std::ofstream(leftover / "partial.glass") << "junk";
  CompactResult result = compact_database(db_path);
  CHECK(result.articles == 400);
  CHECK_FALSE(fs::exists(leftover));
  CHECK(Xapian::Database(db_path).get_doccount() == 400);
}

TEST_CASE("compact_database through a symbolic link compacts its target and keeps the link") {
  testing::TempDir dir;
  std::string db_path = fragmented_database(dir);
  fs::path link = dir.path() / "link";
  fs::create_directory_symlink(db_path, link);
  CompactResult result = compact_database(link.string() + "/");
  CHECK(result.db_path == fs::canonical(db_path).string());
  CHECK(fs::is_symlink(link));
  CHECK(Xapian::Database(link.string()).get_doccount() == 400);
  CHECK_FALSE(fs::exists(dir.path() / ".link.compact-tmp"));
  CHECK_FALSE(fs::exists(compaction_temp_path(db_path)));
}

TEST_CASE("compact_database refuses a missing database and compacts an empty one") {
  testing::TempDir dir;
  CHECK_THROWS_AS(compact_database((dir.path() / "none").string()), DatabaseMissingError);
  CHECK_FALSE(fs::exists(dir.path() / "none"));
  std::string empty = (dir.path() / "empty").string();
  index_articles(empty, {});
  CompactResult result = compact_database(empty);
  CHECK(result.articles == 0);
  CHECK(Xapian::Database(empty).get_doccount() == 0);
}

TEST_CASE("compaction_temp_path is a hidden sibling of the database directory") {
  CHECK(compaction_temp_path("/data/news/db") == "/data/news/.db.compact-tmp");
  CHECK(compaction_temp_path("/data/news/db/") == "/data/news/.db.compact-tmp");
  CHECK(compaction_temp_path("db") == ".db.compact-tmp");
}

TEST_CASE("format_bytes and format_compact_result") {
  CHECK(format_bytes(0) == "0 bytes");
  CHECK(format_bytes(1023) == "1023 bytes");
  CHECK(format_bytes(1536) == "1.50 KiB");
  CHECK(format_bytes(std::uint64_t{27} << 20) == "27.0 MiB");
  CHECK(format_bytes(std::uint64_t{300} << 30) == "300 GiB");
  CompactResult r{.db_path = "/db", .articles = 21578, .bytes_before = 4'000'000, .bytes_after = 3'000'000};
  CHECK(format_compact_result(r) ==
        "compacted /db: 4,000,000 -> 3,000,000 bytes (3.81 MiB -> 2.86 MiB), 0.750 of the size before "
        "(25.0% smaller); 21,578 articles");
}

// ---- check

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Flips the bits of `mask` in byte `offset` of `file`.
void flip_byte(const fs::path& file, std::uint64_t offset, unsigned char mask) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  REQUIRE(f);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  REQUIRE(f.get(c));
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(static_cast<unsigned char>(c) ^ mask));
  REQUIRE(f);
}

bool has_problem(const CheckResult& result, const std::string& where, const std::string& what) {
  for (const CheckProblem& p : result.problems) {
    if (p.where == where && p.what.find(what) != std::string::npos) return true;
  }
  return false;
}

TEST_CASE("check_database finds a freshly indexed database sound and says so in one summary") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());
  CHECK(FacetColumns::build(db_path) > 0);
  CheckResult result = check_database(db_path);
  INFO(format_check_result(result));
  CHECK(result.sound());
  CHECK(exit_code(result) == 0);
  CHECK(result.articles == 5);
  CHECK(result.articles_decoded == 5);
  CHECK(result.schema_version == schema::kVersion);
  CHECK(result.xapian_check == "no errors");
  CHECK(result.content_checked);
  CHECK(result.facet_columns == "current (match the database)");
  std::string text = format_check_result(result);
  CHECK(text.starts_with("ok: " + fs::absolute(db_path).string() + ": 5 articles, schema version " +
                         std::to_string(schema::kVersion)));
  nlohmann::ordered_json j = check_json(result);
  CHECK(j["ok"] == true);
  CHECK(j["problems"].empty());
  CHECK(j["format_version"] == kCheckFormatVersion);
  // Reading only: nothing appeared in the directory.
  std::set<std::string> files;
  for (const auto& entry : fs::directory_iterator(db_path)) files.insert(entry.path().filename().string());
  CheckResult again = check_database(db_path);
  std::set<std::string> after;
  for (const auto& entry : fs::directory_iterator(db_path)) after.insert(entry.path().filename().string());
  CHECK(after == files);
}

TEST_CASE("check_database decodes every stored article and names the documents that do not decode or disagree") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());
  {
    Xapian::WritableDatabase db(db_path, Xapian::DB_OPEN);
    Xapian::docid a = *db.postlist_begin("Qa");
    Xapian::docid b = *db.postlist_begin("Qb");
    Xapian::docid c = *db.postlist_begin("Qc");
    Xapian::docid d = *db.postlist_begin("Qd");
    Xapian::Document garbled = db.get_document(a);
    garbled.set_data("not a zstd frame");
    db.replace_document(a, garbled);
    Xapian::Document entities = db.get_document(b);
    Article article = compression::decode_article(entities.get_data());
    article.entities_json = R"({"persons":"not a list"})";
    entities.set_data(compression::encode_article(article));
    db.replace_document(b, entities);
    Xapian::Document no_id_term = db.get_document(c);
    no_id_term.remove_term("Qc");
    db.replace_document(c, no_id_term);
    Xapian::Document wrong_date = db.get_document(d);
    wrong_date.add_value(schema::kSlotPublished, Xapian::sortable_serialise(1.0));
    db.replace_document(d, wrong_date);
    db.set_metadata(std::string(schema::kMetaLanguages), "en,Not A Language");
    db.commit();
  }
  CheckResult result = check_database(db_path);
  INFO(format_check_result(result));
  CHECK_FALSE(result.sound());
  CHECK(exit_code(result) == kExitDamaged);
  CHECK(result.xapian_check == "no errors");  // Xapian's tables are fine: the damage is in what newsdex stored
  CHECK(has_problem(result, "document 1", "stored article"));
  CHECK(has_problem(result, "document 3", "entity summary"));
  CHECK(has_problem(result, "document 4", "has no Q-term"));
  CHECK(has_problem(result, "document 5", "publication-time slot"));
  CHECK(has_problem(result, "metadata", "Not A Language"));
  CHECK(result.articles_decoded == 1);  // only a-copy is intact
  std::string text = format_check_result(result);
  CHECK(text.find("5 problems\n  metadata: ") != std::string::npos);
  CHECK(text.find("re-index your sources into a new database") != std::string::npos);
  CHECK(check_json(result)["problems"].size() == 5);
}

TEST_CASE("check_database reports another schema version and facet columns that disagree with the database") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());
  {
    Xapian::WritableDatabase db(db_path, Xapian::DB_OPEN);
    db.set_metadata(std::string(schema::kMetaSchemaVersion), "7");
    db.commit();
  }
  CheckResult version = check_database(db_path);
  CHECK(has_problem(version, "metadata",
                    "schema version 7; this newsdex reads version " + std::to_string(schema::kVersion)));

  {
    Xapian::WritableDatabase db(db_path, Xapian::DB_OPEN);
    db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kVersion));
    db.commit();
  }
  FacetColumns::build(db_path);
  REQUIRE(check_database(db_path).sound());
  // Swap two bytes of an outlet's name in the file (its table of values, at
  // the end): the columns still match the revision, but not the slots.
  const fs::path columns = FacetColumns::path_for(db_path);
  std::string bytes;
  {
    std::ifstream in(columns, std::ios::binary);
    std::ostringstream all;
    all << in.rdbuf();
    bytes = all.str();
  }
  std::size_t at = bytes.find("Harbor Ledger");
  REQUIRE(at != std::string::npos);
  bytes[at] = 'X';
  std::ofstream(columns, std::ios::binary | std::ios::trunc) << bytes;
  CheckResult columns_result = check_database(db_path);
  INFO(format_check_result(columns_result));
  CHECK(has_problem(columns_result, "newsdex-facets",
                    "the source column of slot 1 disagrees with the database for 3 documents"));
  CHECK(columns_result.facet_columns.starts_with("damaged"));
  CHECK(format_check_result(columns_result).find("Remove " + columns.string()) != std::string::npos);

  // Garbage instead: not current, so searches ignore it; not a problem of the database.
  std::ofstream(columns, std::ios::binary | std::ios::trunc) << std::string(4096, 'x');
  CheckResult garbage = check_database(db_path);
  CHECK(garbage.sound());
  CHECK(garbage.facet_columns.starts_with("not current"));
}

TEST_CASE("check_database reports damaged tables from Xapian's check, even when that check crashes") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());
  compact_database(db_path);  // block 0 of each table is then in use
  SUBCASE("a block's directory end") {
    flip_byte(fs::path(db_path) / "postlist.glass", 10, 0xFF);
    CheckResult result = check_database(db_path);
    INFO(format_check_result(result));
    CHECK(has_problem(result, "postlist.glass", "directory end pointer invalid"));
    CHECK_FALSE(result.content_checked);  // reading damaged tables could crash or hang
    CHECK(exit_code(result) == kExitDamaged);
  }
  SUBCASE("iamglass missing") {
    fs::remove(fs::path(db_path) / "iamglass");
    CheckResult result = check_database(db_path);
    CHECK(has_problem(result, "iamglass", "missing"));
  }
}

TEST_CASE("check_database refuses what is no database: missing, empty, a file") {
  testing::TempDir dir;
  CHECK_THROWS_AS(check_database((dir.path() / "none").string()), DatabaseMissingError);
  CHECK_FALSE(fs::exists(dir.path() / "none"));
  fs::create_directories(dir.path() / "empty");
  CHECK_THROWS_AS(check_database((dir.path() / "empty").string()), DatabaseMissingError);
  dir.write("file", "x");
  CHECK_THROWS_WITH_AS(check_database((dir.path() / "file").string()), doctest::Contains("not a database directory"),
                       Error);
}

TEST_CASE("issue 11: stats, delete and compact on a damaged database say so and change nothing") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());
  compact_database(db_path);  // block 0 of each table is then in use
  // An even directory end in the postlist's first block: libxapian loops
  // forever in it when writing, and reading it gives wrong answers.
  flip_byte(fs::path(db_path) / "postlist.glass", 10, 0x01);
  const std::string before = xapian_check_clean(db_path) ? "clean" : "damaged";
  REQUIRE(before == "damaged");
  CHECK_THROWS_WITH_AS(delete_articles(db_path, {"a"}),
                       doctest::Contains("is damaged (postlist.glass: Xapian's check: DatabaseError: Block 0: "
                                         "directory end pointer invalid); run `newsdex-index check --db"),
                       Error);
  CHECK_THROWS_WITH_AS(delete_articles(db_path, {"a"}), doctest::Contains("; nothing was deleted"), Error);
  // compact_database runs Xapian's check under its lock before it copies:
  // the copy would carry the damage (or, for this one, launder it away
  // unreported) and replace the database.
  const std::string postlist = read_file(fs::path(db_path) / "postlist.glass");
  CHECK_THROWS_WITH_AS(compact_database(db_path),
                       doctest::Contains("is damaged (postlist.glass: Xapian's check: DatabaseError: Block 0: "
                                         "directory end pointer invalid); run `newsdex-index check --db"),
                       Error);
  CHECK_THROWS_WITH_AS(compact_database(db_path),
                       doctest::Contains("; it was not compacted (the database is as it was)"), Error);
  CHECK(read_file(fs::path(db_path) / "postlist.glass") == postlist);
  CHECK_FALSE(fs::exists(compaction_temp_path(fs::canonical(db_path).string())));
  CHECK(xapian_check_problem(db_path).has_value());

  fs::remove(fs::path(db_path) / "iamglass");
  CHECK_THROWS_WITH_AS(collect_stats(db_path), doctest::Contains("is damaged (its version file iamglass is missing"),
                       Error);
  CHECK_THROWS_WITH_AS(refuse_damaged_database(db_path), doctest::Contains("re-index into a new database"), Error);
}

TEST_CASE("issue 11: collect_stats on a truncated table says the database is damaged instead of aborting") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  index_articles(db_path, five_articles());
  fs::resize_file(fs::path(db_path) / "postlist.glass", 0);
  CHECK_THROWS_WITH_AS(collect_stats(db_path), doctest::Contains("is damaged (DatabaseError: EOF reading block"),
                       Error);
}

TEST_CASE("damaged_database_message names the database, the damage and what to do") {
  CHECK(damaged_database_message("/data/db", "EOF reading block 2") ==
        "the database at /data/db is damaged (EOF reading block 2); run `newsdex-index check --db /data/db` for a "
        "full report, and re-index into a new database (newsdex-index --db NEWDIR PATH...)");
}

}  // namespace
}  // namespace newsdex::index

namespace newsdex::index {
namespace {

TEST_CASE("deleting every article empties the spelling table: delete takes out what indexing put in") {
  testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  const std::vector<Article> articles = five_articles();
  index_articles(db_path, articles);
  {
    Xapian::Database db(db_path);
    REQUIRE(db.spellings_begin() != db.spellings_end());
    // Only schema::is_spelling_word() words went in.
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) CHECK(schema::is_spelling_word(*it));
  }
  std::vector<std::string> ids;
  ids.reserve(articles.size());
  for (const Article& a : articles) ids.push_back(a.id);
  DeleteResult result = delete_articles(db_path, ids);
  CHECK(result.deleted.size() == articles.size());
  Xapian::Database db(db_path);
  CHECK(db.get_doccount() == 0);
  std::vector<std::string> left;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) left.push_back(*it);
  CHECK(left.empty());
}

TEST_CASE("format_counted and absolute_database_path, as the reports use them") {
  CHECK(format_counted(1, "article", "articles") == "1 article");
  CHECK(format_counted(0, "article", "articles") == "0 articles");
  CHECK(format_counted(12345, "id", "ids") == "12,345 ids");
  const std::string here = std::filesystem::current_path().string();
  CHECK(absolute_database_path("db/") == here + "/db");
  CHECK(absolute_database_path("a/../db") == here + "/db");
  CHECK(absolute_database_path("/srv/news/db/") == "/srv/news/db");
}

}  // namespace
}  // namespace newsdex::index
