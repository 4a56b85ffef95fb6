// End-to-end: newsdex-index stats, delete and compact with the real binaries
// on databases of sample_corpus/, checked with the real newsdex-search.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/facet_columns.h"
#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::hit_ids;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::search_json;
using newsdex::test::TempDir;

namespace {

namespace fs = std::filesystem;

const std::string kIndex = NEWSDEX_INDEX_BIN;
const std::string kSearch = NEWSDEX_SEARCH_BIN;
const std::string kSource = NEWSDEX_SOURCE_DIR;

// The sample corpus indexed once; `articles` from the indexer's own summary.
struct SampleDatabase {
  std::string path;
  std::uint64_t articles = 0;
};

const SampleDatabase& sample() {
  static TempDir dir;
  static SampleDatabase db = [] {
    SampleDatabase s{dir.path() + "/db", 0};
    // Not compacted at the end, so that compaction has something to do.
    ProcessResult r = run_process({kIndex, "--no-compact", "--db", s.path, kSource + "/sample_corpus"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::smatch m;
    REQUIRE(std::regex_search(r.err, m, std::regex("indexed (\\d+) articles")));
    s.articles = std::stoull(m[1]);
    return s;
  }();
  return db;
}

// A private copy of the sample database in `dir` (tests below change it).
std::string copy_of_sample(const TempDir& dir) {
  std::string path = dir.path() + "/db";
  fs::copy(sample().path, path);
  return path;
}

nlohmann::json stats_of(const std::string& db) {
  ProcessResult r = run_process({kIndex, "stats", "--db", db, "--json"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out);
}

// newsdex-search --json output with the timing (the one key that may differ
// between two identical searches) removed.
std::string search_output(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {kSearch, "--db", db, "--json", "--limit", "100"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult r = run_process(argv);
  INFO(r.err);
  REQUIRE(r.status < 2);
  return std::regex_replace(r.out, std::regex("\"elapsed_ms\":[-0-9.eE+]+"), "");
}

}  // namespace

TEST_CASE("stats reports exactly what the indexer indexed") {
  const SampleDatabase& db = sample();
  nlohmann::json s = stats_of(db.path);
  CHECK(s["format_version"] == 1);
  CHECK(s["database"] == fs::absolute(db.path).string());
  CHECK(s["schema_version"] == newsdex::schema::kVersion);
  CHECK(s["revision"].get<int>() >= 1);
  CHECK(s["articles"] == db.articles);
  CHECK(s["stories"].get<std::uint64_t>() <= db.articles);
  CHECK(s["stories"].get<std::uint64_t>() > 0);
  std::uint64_t by_source = s["articles_without_source"].get<std::uint64_t>();
  for (const auto& source : s["sources"]) by_source += source["articles"].get<std::uint64_t>();
  CHECK(by_source == db.articles);  // every article counted under exactly one outlet or none
  // The sample corpus's outlets (sample_corpus/README.md), each found by search too.
  CHECK(s["sources"].size() == 6);
  CHECK(s["languages"] == nlohmann::json::parse(R"([{"code":"en","articles":)" + std::to_string(db.articles) + "}]"));
  // Dated 2015 (archive-2015) to 2020 (one article); four .txt articles are undated.
  CHECK(s["published"]["first"].get<std::string>().starts_with("2015-"));
  CHECK(s["published"]["last"].get<std::string>().starts_with("2020-"));
  CHECK(s["published"]["dated_articles"] == db.articles - 4);
  std::uint64_t file_bytes = 0;
  for (const auto& f : s["size"]["files"]) file_bytes += f["bytes"].get<std::uint64_t>();
  CHECK(file_bytes == s["size"]["total_bytes"]);
  CHECK(s["facet_columns"] == "current");

  ProcessResult text = run_process({kIndex, "stats", "--db", db.path});
  CHECK(text.status == 0);
  CHECK(text.out.find("articles        " + std::to_string(db.articles) + "\n") != std::string::npos);
  CHECK(text.out.find("sources         6 outlets\n") != std::string::npos);
  CHECK(text.out.find("  postlist.glass") != std::string::npos);
  CHECK(text.out.find("facet columns   current\n") != std::string::npos);
  // --db may also come before the subcommand.
  CHECK(run_process({kIndex, "--db", db.path, "stats"}).out == text.out);
}

TEST_CASE("stats on a missing database exits 2 with a clear error and creates nothing") {
  TempDir dir;
  std::string db = dir.path() + "/none";
  ProcessResult r = run_process({kIndex, "stats", "--db", db});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("no database at " + db) != std::string::npos);
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("delete removes articles from search, names the unknown ids and exits 1 for them") {
  TempDir dir;
  std::string db = copy_of_sample(dir);
  REQUIRE(hit_ids(search_json(db, {"Kerry", "Lavrov", "Munich"})).contains("bt-2016-0001"));

  ProcessResult r = run_process({kIndex, "delete", "--db", db, "bt-2016-0001", "no-such-article"});
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.out == "deleted 1 article from " + db + "; 1 id not found: no-such-article\n");
  CHECK_FALSE(hit_ids(search_json(db, {"Kerry", "Lavrov", "Munich"})).contains("bt-2016-0001"));
  CHECK(stats_of(db)["articles"] == sample().articles - 1);
  // The facet columns were brought up to the new revision.
  CHECK(newsdex::FacetColumns::open(db, Xapian::Database(db)) != nullptr);

  // Ids from standard input ("-"), mixed with one on the command line; all found: exit 0.
  std::set<std::string> kerry = hit_ids(search_json(db, {"Kerry"}));
  REQUIRE(kerry.size() >= 2);
  std::string piped;
  for (const std::string& id : kerry) piped += id + "\n";
  ProcessResult all = run_process({kIndex, "delete", "--db", db, "-"}, piped);
  INFO(all.err);
  CHECK(all.status == 0);
  CHECK(all.out == "deleted " + std::to_string(kerry.size()) + " articles from " + db + "\n");
  CHECK(hit_ids(search_json(db, {"Kerry"})).empty());
  CHECK(stats_of(db)["articles"] == sample().articles - 1 - kerry.size());

  // Deleting them again finds none of them.
  ProcessResult again = run_process({kIndex, "delete", "--db", db, "-"}, piped);
  CHECK(again.status == 1);
  CHECK(again.out.find("deleted 0 articles") == 0);
}

TEST_CASE("delete and compact on a database an indexer holds exit 2 with the indexer's 'locked' error") {
  TempDir dir;
  std::string db = copy_of_sample(dir);
  std::uint64_t revision = Xapian::Database(db).get_revision();
  {
    Xapian::WritableDatabase indexer(db, Xapian::DB_OPEN);  // holds the write lock, as newsdex-index does
    ProcessResult del = run_process({kIndex, "delete", "--db", db, "bt-2016-0001"});
    CHECK(del.status == 2);
    CHECK(del.err.find("database is locked by another indexer") != std::string::npos);
    ProcessResult compact = run_process({kIndex, "compact", "--db", db});
    CHECK(compact.status == 2);
    CHECK(compact.err.find("database is locked by another indexer") != std::string::npos);
    // The indexer itself says the same.
    ProcessResult index = run_process({kIndex, "--db", db, kSource + "/sample_corpus/wire.jsonl"});
    CHECK(index.status == 2);
    CHECK(index.err.find("database is locked by another indexer") != std::string::npos);
  }
  Xapian::Database after(db);
  CHECK(after.get_revision() == revision);
  CHECK(after.get_doccount() == sample().articles);
  CHECK_FALSE(fs::exists(dir.path() + "/.db.compact-tmp"));
}

TEST_CASE("compact keeps every search result identical and shrinks the database") {
  TempDir dir;
  std::string db = copy_of_sample(dir);
  const std::vector<std::vector<std::string>> queries = {
      {"Kerry", "Lavrov", "Munich"},
      {"ceasefire", "--facets", "source,country,speaker", "--timeline"},
      {"bank", "--sort", "newest"},
      {"\"peace talks\"", "--all"},
      {"speaker:kerry"},
      {"goverment"},  // did-you-mean comes from the spelling table
      {"the", "--all"},
  };
  std::vector<std::string> before;
  before.reserve(queries.size());
  for (const auto& q : queries) before.push_back(search_output(db, q));
  nlohmann::json stats_before = stats_of(db);

  ProcessResult r = run_process({kIndex, "compact", "--db", db});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("compacted " + fs::canonical(db).string() + ": ") == 0);
  nlohmann::json stats_after = stats_of(db);
  CHECK(stats_after["size"]["total_bytes"] < stats_before["size"]["total_bytes"]);
  CHECK(r.out.find(" -> ") != std::string::npos);
  CHECK(stats_after["articles"] == stats_before["articles"]);
  CHECK(stats_after["sources"] == stats_before["sources"]);
  CHECK(stats_after["published"] == stats_before["published"]);
  for (std::size_t i = 0; i < queries.size(); ++i) {
    INFO("query " << i << ": " << queries[i][0]);
    CHECK(search_output(db, queries[i]) == before[i]);
  }
  CHECK(run_process({"/usr/bin/xapian-check", db}).status == 0);
  CHECK_FALSE(fs::exists(dir.path() + "/.db.compact-tmp"));
  CHECK(newsdex::FacetColumns::open(db, Xapian::Database(db)) != nullptr);
}

TEST_CASE(
    "Facet and timeline counts are the same with the indexer's facet columns, without them, and with stale ones") {
  TempDir dir;
  std::string db = copy_of_sample(dir);
  const std::string columns = newsdex::FacetColumns::path_for(db);
  REQUIRE(fs::exists(columns));
  const std::vector<std::vector<std::string>> queries = {
      {"ceasefire", "--facets", "source,country,speaker,person,org", "--timeline"},
      {"said", "--facets", "speaker,country", "--timeline=year"},
      {"Kerry", "--facets", "person,org", "--count-by", "story"},
  };
  auto outputs = [&] {
    std::vector<std::string> out;
    out.reserve(queries.size());
    for (const auto& q : queries) out.push_back(search_output(db, q));
    return out;
  };
  const std::vector<std::string> with_columns = outputs();
  fs::rename(columns, columns + ".away");
  CHECK(outputs() == with_columns);
  CHECK(stats_of(db)["facet_columns"] == "missing");

  // More articles: the indexer writes columns of its new revision; the old
  // file put back is stale and must be ignored.
  const std::string extra = dir.path() + "/extra.jsonl";
  std::ofstream(extra)
      << R"({"id":"extra-1","title":"Ceasefire talks resume","date":"2016-03-01",)"
      << R"("body":"\"We are ready,\" said John Kerry in Geneva on Tuesday. Syria and Russia sent envoys."})"
      << "\n";
  ProcessResult more = run_process({kIndex, "--db", db, extra});
  INFO(more.err);
  REQUIRE(more.status == 0);
  REQUIRE(newsdex::FacetColumns::open(db, Xapian::Database(db)) != nullptr);
  const std::vector<std::string> fresh = outputs();
  CHECK(fresh != with_columns);  // the new article is counted
  fs::rename(columns + ".away", columns);
  CHECK(newsdex::FacetColumns::open(db, Xapian::Database(db)) == nullptr);
  CHECK(stats_of(db)["facet_columns"] == "stale");
  CHECK(outputs() == fresh);
  fs::remove(columns);
  CHECK(outputs() == fresh);
  // A re-run that changes nothing still brings them back.
  ProcessResult again = run_process({kIndex, "--db", db, extra});
  REQUIRE(again.status == 0);
  CHECK(newsdex::FacetColumns::open(db, Xapian::Database(db)) != nullptr);
}

TEST_CASE("check says ok with a summary on the sample database, lists problems with exit 1, and exits 2 without one") {
  TempDir dir;
  std::string db = copy_of_sample(dir);
  ProcessResult ok = run_process({kIndex, "check", "--db", db});
  INFO(ok.err);
  CHECK(ok.status == 0);
  CHECK(ok.out.starts_with("ok: " + fs::absolute(db).string() + ": " + std::to_string(sample().articles) +
                           " articles, schema version " + std::to_string(newsdex::schema::kVersion)));
  CHECK(ok.out.find("  Xapian's check: no errors\n") != std::string::npos);
  CHECK(ok.out.find("stored articles: " + std::to_string(sample().articles) + " decode") != std::string::npos);
  CHECK(ok.out.find("facet columns: current (match the database)") != std::string::npos);
  nlohmann::json j = nlohmann::json::parse(run_process({kIndex, "--db", db, "check", "--json"}).out);
  CHECK(j["ok"] == true);
  CHECK(j["articles"] == sample().articles);
  CHECK(j["problems"].empty());

  // A lost version file: a problem, not "no database".
  fs::remove(fs::path(db) / "iamglass");
  ProcessResult damaged = run_process({kIndex, "check", "--db", db});
  CHECK(damaged.status == 1);
  CHECK(damaged.out.find("1 problem\n  iamglass: missing") != std::string::npos);
  CHECK(nlohmann::json::parse(run_process({kIndex, "check", "--db", db, "--json"}).out)["ok"] == false);

  ProcessResult none = run_process({kIndex, "check", "--db", dir.path() + "/none"});
  CHECK(none.status == 2);
  CHECK(none.err.find("no database at " + dir.path() + "/none") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() + "/none"));
}

TEST_CASE("A file named like a subcommand is indexed as ./stats; a PATH before a subcommand is refused") {
  TempDir dir;
  {
    std::ofstream(dir.path() + "/stats") << R"({"id": "s1", "title": "Stats office reports", "body": "Numbers."})"
                                         << "\n";
  }
  std::string db = dir.path() + "/db";
  // run_process has no working directory: a shell changes into the temp dir.
  ProcessResult r = run_process({"/bin/sh", "-c", "cd \"$0\" && exec \"$1\" --db db -q ./stats", dir.path(), kIndex});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(hit_ids(search_json(db, {"office"})) == std::set<std::string>{"s1"});
  // After --, "stats" is a PATH too.
  ProcessResult dashed =
      run_process({"/bin/sh", "-c", "cd \"$0\" && exec \"$1\" --db db2 -q -- stats", dir.path(), kIndex});
  CHECK(dashed.status == 0);
  CHECK(stats_of(dir.path() + "/db2")["articles"] == 1);
  // Bare "stats" is the subcommand.
  ProcessResult sub = run_process({"/bin/sh", "-c", "cd \"$0\" && exec \"$1\" --db db stats", dir.path(), kIndex});
  CHECK(sub.status == 0);
  CHECK(sub.out.find("articles        1\n") != std::string::npos);
  // A PATH and then a subcommand word: refused, with the way out.
  ProcessResult mixed = run_process({kIndex, "--db", db, dir.path() + "/stats", "stats"});
  CHECK(mixed.status == 2);
  CHECK(mixed.err.find("write ./stats") != std::string::npos);
  // Indexing options do not apply to subcommands.
  ProcessResult lang = run_process({kIndex, "--lang", "de", "stats", "--db", db});
  CHECK(lang.status == 2);
  CHECK(lang.err.find("--lang is an indexing option") != std::string::npos);
}

TEST_CASE("Without PATH or subcommand newsdex-index exits 2; each subcommand's --help lists its exit statuses") {
  ProcessResult none = run_process({kIndex});
  CHECK(none.status == 2);
  CHECK(none.err.find("PATH is required") != std::string::npos);

  ProcessResult help = run_process({kIndex, "--help"});
  CHECK(help.status == 0);
  for (const char* sub : {"stats", "delete", "compact", "check"}) {
    INFO(sub);
    CHECK(help.out.find(sub) != std::string::npos);
    ProcessResult sub_help = run_process({kIndex, sub, "--help"});
    CHECK(sub_help.status == 0);
    CHECK(sub_help.out.find("Exit status:") != std::string::npos);
    CHECK(sub_help.out.find("  2 ") != std::string::npos);
  }
  CHECK(run_process({kIndex, "delete", "--help"}).out.find("  1    some IDs were not in the database") !=
        std::string::npos);
  ProcessResult no_ids = run_process({kIndex, "delete", "--db", "/nonexistent"});
  CHECK(no_ids.status == 2);
}
