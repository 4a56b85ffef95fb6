// Sharded bulk loads (newsdex-index --shards N, indexer/shard_load.h), end to
// end with the real binaries on sample_corpus/, tests/data/wire_copies.jsonl
// and the first 1,000 Reuters-21578 articles (../shared, read at run time):
// --shards 2 gives the same database as --shards 1 (documents, sorted term
// lists with wdf, values, stored data, near-duplicate clusters, spelling
// table, languages, search hits, facets and timeline); `stats` says how it
// was built; SIGKILL at any step of a sharded load (a shard's commit, after
// the merged copy is written, after the swap) leaves the database as it was
// or complete, and a re-run completes it and removes every leftover; Ctrl-C
// leaves the database as it was and no shards.
//
// The kills happen at the test hooks of common/test_hook.h (process.h stops
// the indexer there), never after a delay.
#include <signal.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::BackgroundOptions;
using newsdex::test::BackgroundProcess;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::Slice;
using newsdex::test::TempDir;
using newsdex::test::write_reuters_slice;

namespace {

namespace fs = std::filesystem;
namespace schema = newsdex::schema;

const std::string kSource = NEWSDEX_SOURCE_DIR;

std::map<std::string, std::string> test_env() { return {{"NEWSDEX_TEST_MIN_COMMIT_INTERVAL_MS", "0"}}; }

std::vector<std::string> index_command(const std::string& db, const std::string& shards, const Slice& slice) {
  return {NEWSDEX_INDEX_BIN,
          "--db",
          db,
          "--shards",
          shards,
          "--commit-every",
          "100",
          kSource + "/sample_corpus",
          kSource + "/tests/data/wire_copies.jsonl",
          slice.path};
}

// One document as the comparison sees it: terms with wdf, values, data.
struct DocumentView {
  std::vector<std::pair<std::string, Xapian::termcount>> terms;
  std::map<Xapian::valueno, std::string> values;
  std::string data;
  friend bool operator==(const DocumentView&, const DocumentView&) = default;
};

// Every document of the database by article id.
std::map<std::string, DocumentView> documents(const Xapian::Database& db) {
  std::map<std::string, DocumentView> out;
  const std::string prefix(schema::kPrefixId);
  for (auto id = db.allterms_begin(prefix); id != db.allterms_end(prefix); ++id) {
    auto post = db.postlist_begin(*id);
    REQUIRE(post != db.postlist_end(*id));
    Xapian::Document doc = db.get_document(*post);
    DocumentView view;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) view.terms.emplace_back(*t, t.get_wdf());
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) view.values[v.get_valueno()] = *v;
    view.data = doc.get_data();
    out.emplace((*id).substr(prefix.size()), std::move(view));
  }
  return out;
}

std::map<std::string, Xapian::doccount> spellings(const Xapian::Database& db) {
  std::map<std::string, Xapian::doccount> out;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) out[*it] = it.get_termfreq();
  return out;
}

std::set<std::string> languages(const Xapian::Database& db) {
  std::set<std::string> out;
  std::stringstream in(db.get_metadata(std::string(schema::kMetaLanguages)));
  for (std::string lang; std::getline(in, lang, ',');) out.insert(lang);
  return out;
}

// The cluster (kSlotCluster) of article `id`.
std::string cluster_of(const Xapian::Database& db, const std::string& id) {
  std::string term = std::string(schema::kPrefixId) + id;
  auto post = db.postlist_begin(term);
  REQUIRE(post != db.postlist_end(term));
  return db.get_document(*post).get_value(schema::kSlotCluster);
}

// What a search shows, independent of document ids: the hits as (score,
// cluster, similar count) in rank order, each group of equal scores sorted
// (equal scores are ordered by document id, and a merge numbers documents
// shard by shard; exact copies tie and either may stand for the cluster);
// hits tied with the last one of a full page left out (which of them made
// the page is the same tie); then the facet and timeline lines as printed.
std::vector<std::string> search_view(const std::string& db_path, const std::vector<std::string>& query) {
  std::vector<std::string> args = {"--facets", "speaker,country,person,org,source", "--timeline=month"};
  args.insert(args.end(), query.begin(), query.end());
  std::vector<nlohmann::json> lines = newsdex::test::search_json(db_path, args);
  Xapian::Database db(db_path);
  std::vector<std::tuple<double, std::string, std::int64_t>> hits;
  std::vector<std::string> out;
  for (const auto& line : lines) {
    if (line["type"] == "hit") {
      // Rounded: a sum of floating-point weights may differ in the last bits.
      double score = std::round(line["score"].get<double>() * 1e9) / 1e9;
      hits.emplace_back(-score, cluster_of(db, line["id"].get<std::string>()),
                        line["similar_count"].get<std::int64_t>());
    } else if (line["type"] != "summary") {
      out.push_back(line.dump());
    }
  }
  if (hits.size() == 100) {
    double last = std::get<0>(hits.back());
    std::erase_if(hits, [last](const auto& h) { return std::get<0>(h) == last; });
  }
  std::stable_sort(hits.begin(), hits.end());
  for (const auto& [score, cluster, similar] : hits) {
    out.push_back(std::to_string(-score) + " " + cluster + " +" + std::to_string(similar));
  }
  return out;
}

const std::vector<std::vector<std::string>> kQueries = {
    {"oil", "prices"}, {"bank", "interest", "rate"}, {"wheat"}, {"\"trade deficit\""}, {"president"}, {"earthquake"},
    {"said"}};

// Checks that the databases at `a` and `b` hold the same articles and answer
// every query alike.
void check_same_database(const std::string& a, const std::string& b) {
  Xapian::Database da(a);
  Xapian::Database db(b);
  CHECK(da.get_doccount() == db.get_doccount());
  std::map<std::string, DocumentView> docs_a = documents(da);
  std::map<std::string, DocumentView> docs_b = documents(db);
  REQUIRE(docs_a.size() == da.get_doccount());
  CHECK(docs_a.size() == docs_b.size());
  std::size_t differing = 0;
  for (const auto& [id, view] : docs_a) {
    auto other = docs_b.find(id);
    if (other == docs_b.end() || !(other->second == view)) {
      if (differing++ < 5) FAIL_CHECK("article " << id << " differs (or is missing) in " << b);
    }
  }
  CHECK(differing == 0);
  CHECK(spellings(da) == spellings(db));
  CHECK(languages(da) == languages(db));
  CHECK(da.get_total_length() == db.get_total_length());
  for (const auto& query : kQueries) {
    CAPTURE(query.front());
    CHECK(search_view(a, query) == search_view(b, query));
  }
}

// Clusters with more than one article: the behaviour under test must occur.
std::size_t shared_clusters(const std::string& db_path) {
  std::map<std::string, int> sizes;
  for (const auto& [id, view] : documents(Xapian::Database(db_path))) ++sizes[view.values.at(schema::kSlotCluster)];
  return static_cast<std::size_t>(
      std::count_if(sizes.begin(), sizes.end(), [](const auto& s) { return s.second > 1; }));
}

std::string sibling(const std::string& db, const std::string& suffix) {
  fs::path p(db);
  return (p.parent_path() / ("." + p.filename().string() + suffix)).string();
}

// Loads `slice` (with the sample corpus and the wire copies) into `db` with
// one writer: the reference every sharded load is compared with.
ProcessResult load_with_one_writer(const std::string& db, const Slice& slice) {
  ProcessResult r = run_process(index_command(db, "1", slice), "", test_env());
  INFO(r.err);
  REQUIRE(r.status == 0);
  return r;
}

}  // namespace

TEST_CASE("--shards 2 gives the database --shards 1 gives: articles, terms, values, clusters, spelling, searches") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), 1000);
  const std::string one = dir.path() + "/one";
  const std::string two = dir.path() + "/two";
  ProcessResult r1 = load_with_one_writer(one, slice);
  ProcessResult r2 = run_process(index_command(two, "2", slice), "", test_env());
  INFO(r2.err);
  REQUIRE(r2.status == 0);
  CHECK(r2.err.find("2 shards merged") != std::string::npos);
  CHECK(r1.err.find("shards") == std::string::npos);
  // Copies of one story land in both shards and are one cluster all the same.
  CHECK(shared_clusters(one) >= 3);
  check_same_database(one, two);
  // Nothing of the load is left beside the database.
  CHECK_FALSE(fs::exists(sibling(two, ".shards-tmp")));
  CHECK_FALSE(fs::exists(sibling(two, ".compact-tmp")));
  CHECK(run_process({"/usr/bin/xapian-check", two}).status == 0);

  // stats says how the database was built.
  ProcessResult stats = run_process({NEWSDEX_INDEX_BIN, "stats", "--db", two, "--json"});
  REQUIRE(stats.status == 0);
  CHECK(nlohmann::json::parse(stats.out)["bulk_load_shards"] == 2);
  ProcessResult stats_one = run_process({NEWSDEX_INDEX_BIN, "stats", "--db", one, "--json"});
  REQUIRE(stats_one.status == 0);
  CHECK(nlohmann::json::parse(stats_one.out)["bulk_load_shards"] == 1);

  // The same load again: every article unchanged, nothing to merge, and
  // the database is left as it is.
  ProcessResult again = run_process(index_command(two, "2", slice), "", test_env());
  INFO(again.err);
  CHECK(again.status == 0);
  CHECK(again.err.find("0 added, 0 replaced") != std::string::npos);
  CHECK(again.err.find("shards") == std::string::npos);
  CHECK_FALSE(fs::exists(sibling(two, ".shards-tmp")));
  check_same_database(one, two);
}

namespace {

// "(A added, R replaced); U unchanged" of a summary, as {A, R, U}.
std::vector<int> summary_counts(const std::string& err) {
  std::smatch m;
  REQUIRE(std::regex_search(err, m, std::regex(R"(\((\d+) added, (\d+) replaced\); (\d+) unchanged)")));
  return {std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
}

}  // namespace

TEST_CASE("A sharded load into a database with articles gives what one writer appending gives, killed or not") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), 1000);
  std::vector<std::string> reuters;
  {
    std::ifstream in(slice.path);
    for (std::string line; std::getline(in, line);) reuters.push_back(line);
  }
  std::vector<std::string> wire;
  {
    std::ifstream in(kSource + "/tests/data/wire_copies.jsonl");
    for (std::string line; std::getline(in, line);) wire.push_back(line);
  }
  // wc-1 to wc-4 are copies of one story, ot-1 to ot-6 other stories.
  REQUIRE(wire.size() == 10);
  REQUIRE(nlohmann::json::parse(wire[3])["id"] == "wc-4");
  auto write_lines = [](const std::string& path, const std::vector<std::string>& lines) {
    std::ofstream out(path);
    for (const std::string& line : lines) out << line << '\n';
    return path;
  };
  // The database before: Reuters 0-599, wc-1, wc-3 and ot-1 to ot-3.
  std::vector<std::string> before(reuters.begin(), reuters.begin() + 600);
  for (std::size_t i : {0U, 2U, 4U, 5U, 6U}) before.push_back(wire[i]);
  const std::string before_path = write_lines(dir.path() + "/before.jsonl", before);
  // The run: Reuters 400-999 (400-599 unchanged), the other wire copies
  // (clustered with their originals in the database), 50 articles of the
  // database with a changed body (replaced), and the sample corpus.
  std::vector<std::string> run(reuters.begin() + 400, reuters.end());
  for (std::size_t i : {1U, 3U, 7U, 8U, 9U}) run.push_back(wire[i]);
  for (int i = 0; i < 50; ++i) {
    nlohmann::json record = nlohmann::json::parse(reuters[static_cast<std::size_t>(i)]);
    record["body"] = record["body"].get<std::string>() + "\nThe figures were revised on Friday, officials said.";
    run.push_back(record.dump());
  }
  const std::string run_path = write_lines(dir.path() + "/run.jsonl", run);

  auto command = [&](const std::string& db, const std::string& shards, const std::vector<std::string>& inputs) {
    std::vector<std::string> args = {NEWSDEX_INDEX_BIN, "--db", db, "--shards", shards, "--commit-every", "100"};
    args.insert(args.end(), inputs.begin(), inputs.end());
    return args;
  };
  auto load = [&](const std::string& db, const std::string& shards, const std::vector<std::string>& inputs) {
    ProcessResult r = run_process(command(db, shards, inputs), "", test_env());
    INFO(r.err);
    REQUIRE(r.status == 0);
    return r;
  };
  const std::string one = dir.path() + "/one";
  const std::string two = dir.path() + "/two";
  load(one, "1", {before_path});
  load(two, "1", {before_path});
  const std::vector<std::string> inputs = {run_path, kSource + "/sample_corpus"};
  ProcessResult r1 = load(one, "1", inputs);
  {
    // Killed with the merged copy written (the replaced copies dropped from
    // it), before the swap: the database is as it was.
    const Xapian::doccount held = Xapian::Database(two).get_doccount();
    BackgroundProcess indexer(command(two, "2", inputs),
                              BackgroundOptions{.env = test_env(), .pause_at = "compact-copied@1"});
    REQUIRE(indexer.wait_for_hook() == "compact-copied 1");
    REQUIRE(indexer.signal(SIGKILL));
    CHECK(indexer.wait().status == 128 + SIGKILL);
    CHECK(run_process({"/usr/bin/xapian-check", two}).status == 0);
    CHECK(Xapian::Database(two).get_doccount() == held);
    CHECK(cluster_of(Xapian::Database(two), "wc-1") == "wc-1");
    CHECK(Xapian::Database(two).get_termfreq(std::string(schema::kPrefixId) + "wc-2") == 0);
  }
  // The run again: it removes the killed run's leftovers and completes.
  ProcessResult r2 = load(two, "2", inputs);
  INFO(r2.err);
  CHECK(r2.err.find("shards of an interrupted sharded load") != std::string::npos);
  CHECK(r2.err.find("2 shards merged") != std::string::npos);
  CHECK(summary_counts(r2.err) == summary_counts(r1.err));
  CHECK(summary_counts(r2.err)[1] == 50);
  CHECK(summary_counts(r2.err)[2] == 200);
  // The run's copies joined the cluster of the database's copies.
  for (const std::string& db : {one, two}) {
    CHECK(cluster_of(Xapian::Database(db), "wc-2") == "wc-1");
    CHECK(cluster_of(Xapian::Database(db), "wc-4") == "wc-1");
  }
  check_same_database(one, two);
  CHECK(run_process({"/usr/bin/xapian-check", two}).status == 0);
  CHECK_FALSE(fs::exists(sibling(two, ".shards-tmp")));
  ProcessResult stats = run_process({NEWSDEX_INDEX_BIN, "stats", "--db", two, "--json"});
  REQUIRE(stats.status == 0);
  CHECK(nlohmann::json::parse(stats.out)["bulk_load_shards"] == 2);
}

TEST_CASE("A sharded load's cluster index is committed to disk within --memory and gives the same clusters") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), 1000);
  const std::string one = dir.path() + "/one";
  const std::string two = dir.path() + "/two";
  load_with_one_writer(one, slice);
  // 16M is the smallest --memory: a sixth of it goes to the cluster index's
  // changes, which the run's thousand articles' band keys outgrow.
  std::vector<std::string> command = index_command(two, "2", slice);
  command.insert(command.begin() + 1, {"--memory", "16M"});
  BackgroundProcess indexer(command, BackgroundOptions{.env = test_env(), .pause_at = "cluster-index-commit@1"});
  REQUIRE(indexer.wait_for_hook() == "cluster-index-commit 1");
  {
    // Stopped right after the commit: another reader sees the entries on disk.
    Xapian::Database index(sibling(two, ".shards-tmp") + "/cluster-index");
    CHECK(index.get_doccount() > 0);
    // ... before the run's last article: committed because of the bound.
    CHECK(index.get_doccount() < Xapian::Database(one).get_doccount());
  }
  indexer.close_hooks();
  ProcessResult r2 = indexer.wait();
  INFO(r2.err);
  REQUIRE(r2.status == 0);
  CHECK(shared_clusters(one) >= 3);
  check_same_database(one, two);
  CHECK_FALSE(fs::exists(sibling(two, ".shards-tmp")));
}

TEST_CASE("SIGKILL at any step of a sharded load: the database is as before or complete, a re-run completes it") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), 600);
  const std::string reference = dir.path() + "/reference";
  load_with_one_writer(reference, slice);

  // A shard's third commit (the shards hold part of the run), the merged
  // copy written before the swap, and the swap done before the cleanup.
  for (const std::string point : {"commit@3", "compact-copied@1", "compact-swapped@1"}) {
    CAPTURE(point);
    const std::string db = dir.path() + "/db-" + point.substr(0, point.find('@'));
    BackgroundProcess indexer(index_command(db, "2", slice), BackgroundOptions{.env = test_env(), .pause_at = point});
    std::string stopped = indexer.wait_for_hook();
    REQUIRE(stopped.substr(0, stopped.find(' ')) == point.substr(0, point.find('@')));
    REQUIRE(indexer.signal(SIGKILL));
    CHECK(indexer.wait().status == 128 + SIGKILL);
    CHECK(fs::exists(sibling(db, ".shards-tmp")));
    {
      ProcessResult check = run_process({"/usr/bin/xapian-check", db});
      INFO(check.out << check.err);
      CHECK(check.status == 0);
      Xapian::doccount count = Xapian::Database(db).get_doccount();
      // Before the swap the database is as it was (empty), after it complete.
      CHECK(count == (point == "compact-swapped@1" ? Xapian::Database(reference).get_doccount() : 0));
    }
    ProcessResult rerun = run_process(index_command(db, "2", slice), "", test_env());
    INFO(rerun.err);
    CHECK(rerun.status == 0);
    CHECK(rerun.err.find("shards of an interrupted sharded load") != std::string::npos);
    CHECK_FALSE(fs::exists(sibling(db, ".shards-tmp")));
    CHECK_FALSE(fs::exists(sibling(db, ".compact-tmp")));
    check_same_database(reference, db);
  }
}

TEST_CASE("Ctrl-C during a sharded load leaves the database as it was and removes the shards") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), 400);
  const std::string db = dir.path() + "/db";
  BackgroundProcess indexer(index_command(db, "2", slice),
                            BackgroundOptions{.env = test_env(), .pause_at = "commit@2"});
  REQUIRE(indexer.wait_for_hook() == "commit 2");
  REQUIRE(indexer.signal(SIGINT));
  indexer.close_hooks();
  ProcessResult r = indexer.wait();
  INFO(r.err);
  CHECK(r.status == 130);
  CHECK(r.err.find("2 shards not merged: the database is as it was") != std::string::npos);
  CHECK(Xapian::Database(db).get_doccount() == 0);
  CHECK_FALSE(fs::exists(sibling(db, ".shards-tmp")));
}

TEST_CASE("What newsdex did not create in .NAME.shards-tmp is never removed; the load goes on with one writer") {
  TempDir dir;
  const std::string db = dir.path() + "/db";
  const std::string temp = sibling(db, ".shards-tmp");
  // Someone's directory, reachable through a symlink named like a shard, and
  // a file of theirs inside a directory named like the cluster index.
  auto write_file = [](const std::string& path, const std::string& text) { std::ofstream(path) << text; };
  auto read_file = [](const std::string& path) {
    std::ifstream in(path);
    std::string text;
    std::getline(in, text, '\0');
    return text;
  };
  const std::string victim = dir.path() + "/victim";
  fs::create_directories(victim);
  write_file(victim + "/keep.txt", "precious\n");
  fs::create_directories(temp + "/cluster-index");
  fs::create_directory_symlink(victim, temp + "/shard-0");
  write_file(temp + "/cluster-index/notes.txt", "mine\n");

  ProcessResult r = run_process({NEWSDEX_INDEX_BIN, "--shards", "2", "--db", db, kSource + "/sample_corpus"});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err.find("which newsdex did not create") != std::string::npos);
  CHECK(r.err.find("sharded loads are off until it is moved away") != std::string::npos);
  // The reason given is the leftover, not a database that is empty anyway.
  CHECK(r.err.find("already holds articles") == std::string::npos);
  CHECK(Xapian::Database(db).get_doccount() > 0);
  CHECK(read_file(victim + "/keep.txt") == "precious\n");
  CHECK(read_file(temp + "/cluster-index/notes.txt") == "mine\n");
  CHECK(fs::is_symlink(temp + "/shard-0"));
}
