// Crash safety of newsdex-index, end to end on the first 620 Reuters-21578
// articles (../shared/corpora, read at run time) with the real binaries:
// SIGKILL right after commit k leaves a database that xapian-check accepts and
// that holds exactly the first k*N articles, and running the same command
// again completes the job; SIGINT/SIGTERM at every test-hook point commit what
// was written, print the summary and exit 130; searches started while the
// indexer is stopped after a commit or in the middle of its compaction see
// every committed article and never fail; a second indexer on the same
// database is refused.
//
// Nothing here depends on how fast the machine is. The indexer stops at the
// test hooks of common/test_hook.h (tests/e2e/process.h drives them) and the
// test acts there; NEWSDEX_TEST_MIN_COMMIT_INTERVAL_MS=0 lifts the one-second
// minimum between commits, so the indexer commits after every
// --commit-every N articles, in input order, and its k-th commit holds
// exactly the first k*N ids of the input however many threads prepare them.
#include <signal.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::BackgroundOptions;
using newsdex::test::BackgroundProcess;
using newsdex::test::check_committed_prefix;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::searched_articles;
using newsdex::test::Slice;
using newsdex::test::summary_count;
using newsdex::test::TempDir;
using newsdex::test::write_reuters_slice;

namespace {

// The first 620 records of the corpus, all with text (the corpus' only empty
// record, 12,793, is far outside), committed every 50: twelve batch commits
// while reading, and a thirteenth, of the last 20, when the reading is done.
constexpr std::uint64_t kArticles = 620;
constexpr std::uint64_t kCommitEvery = 50;
constexpr std::uint64_t kLastCommit = kArticles / kCommitEvery + 1;

// Articles in the database after commit k.
constexpr std::uint64_t committed_after(std::uint64_t k) { return std::min(k * kCommitEvery, kArticles); }

// Queries whose top hits are compared between a killed-and-resumed database
// and one indexed in a single run.
const std::vector<std::vector<std::string>> kQueries = {
    {"cocoa"}, {"oil", "prices"}, {"bank", "interest", "rate"}, {"wheat", "exports"}, {"\"trade deficit\""}};

// The environment of every indexer here: commits exactly every --commit-every.
std::map<std::string, std::string> test_env() { return {{"NEWSDEX_TEST_MIN_COMMIT_INTERVAL_MS", "0"}}; }

std::vector<std::string> index_command(const std::string& db, const Slice& slice,
                                       std::uint64_t commit_every = kCommitEvery) {
  return {NEWSDEX_INDEX_BIN, "--db", db, "--commit-every", std::to_string(commit_every), slice.path};
}

// The ids of the hits (the first 100), in rank order, of each of kQueries.
std::vector<std::vector<std::string>> top_hits(const std::string& db) {
  std::vector<std::vector<std::string>> all;
  for (const auto& query : kQueries) {
    std::vector<std::string> ranked;
    for (const auto& line : newsdex::test::search_json(db, query)) {
      if (line["type"] == "hit") ranked.push_back(line["id"].get<std::string>());
    }
    all.push_back(ranked);
  }
  return all;
}

}  // namespace

TEST_CASE("SIGKILL right after commit k leaves exactly the first k*N articles, and rerunning completes the job") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);

  const std::string reference = dir.path() + "/reference";
  ProcessResult full = run_process(index_command(reference, slice), "", test_env());
  INFO(full.err);
  REQUIRE(full.status == 0);
  REQUIRE(check_committed_prefix(reference, slice) == kArticles);

  // The first commit, two in the middle, the last one while reading, and the
  // one that commits the rest after the reading ended.
  std::string partial_db;
  for (std::uint64_t k : {std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{7}, kLastCommit - 1, kLastCommit}) {
    CAPTURE(k);
    const std::string db = dir.path() + "/db-commit-" + std::to_string(k);
    BackgroundProcess indexer(index_command(db, slice),
                              BackgroundOptions{.env = test_env(), .pause_at = "commit@" + std::to_string(k)});
    REQUIRE(indexer.wait_for_hook() == "commit " + std::to_string(k));
    // Stopped right after the commit: a reader sees exactly it.
    CHECK(Xapian::Database(db).get_doccount() == committed_after(k));
    REQUIRE(indexer.signal(SIGKILL));
    ProcessResult r = indexer.wait();
    INFO(r.err);
    CHECK(r.status == 128 + SIGKILL);
    CHECK(check_committed_prefix(db, slice) == committed_after(k));
    if (k == 2) partial_db = db;
  }

  // Rerunning over a partial database: the committed articles are unchanged
  // and skipped, so the rerun's first commit adds the next N. Killed there,
  // the database holds the first 3*N.
  REQUIRE(!partial_db.empty());
  {
    BackgroundProcess rerun(index_command(partial_db, slice),
                            BackgroundOptions{.env = test_env(), .pause_at = "commit@1"});
    REQUIRE(rerun.wait_for_hook() == "commit 1");
    REQUIRE(rerun.signal(SIGKILL));
    CHECK(rerun.wait().status == 128 + SIGKILL);
    CHECK(check_committed_prefix(partial_db, slice) == committed_after(3));
  }

  // The same command again completes the job, with the same search results
  // as the uninterrupted run.
  ProcessResult last = run_process(index_command(partial_db, slice), "", test_env());
  INFO(last.err);
  REQUIRE(last.status == 0);
  CHECK(last.err.find("; " + std::to_string(committed_after(3)) + " unchanged") != std::string::npos);
  CHECK(check_committed_prefix(partial_db, slice) == kArticles);
  CHECK(Xapian::Database(partial_db).get_metadata(std::string(newsdex::schema::kMetaSchemaVersion)) ==
        std::to_string(newsdex::schema::kVersion));
  auto expected_hits = top_hits(reference);
  auto resumed_hits = top_hits(partial_db);
  for (std::size_t q = 0; q < kQueries.size(); ++q) {
    CAPTURE(kQueries[q].front());
    CHECK(!expected_hits[q].empty());
    CHECK(resumed_hits[q] == expected_hits[q]);
  }
}

TEST_CASE("SIGKILL in the middle of a batch loses that batch only, also after Xapian flushed part of it") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  const std::string db = dir.path() + "/db";
  // Commits every 200; the reader stops at record 551, in the third batch.
  // With one worker at most 128 records wait between the reader and the
  // writer (pipeline_options in indexer/pipeline.cpp), so the reader got to
  // read record 551 only after the writer had taken record 423: the second
  // commit (400) is done, over 20 articles of the third batch are written,
  // and with a flush threshold of 10 Xapian has written them to its tables
  // inside the open transaction. The third commit (600) cannot come while the
  // reader is stopped.
  BackgroundProcess indexer(
      {NEWSDEX_INDEX_BIN, "--db", db, "--commit-every", "200", "--threads", "1", slice.path},
      BackgroundOptions{.env = {{"NEWSDEX_TEST_MIN_COMMIT_INTERVAL_MS", "0"}, {"XAPIAN_FLUSH_THRESHOLD", "10"}},
                        .pause_at = "record@551"});
  REQUIRE(indexer.wait_for_hook() == "record 551");
  CHECK(Xapian::Database(db).get_doccount() == 400);
  REQUIRE(indexer.signal(SIGKILL));
  ProcessResult r = indexer.wait();
  INFO(r.err);
  CHECK(r.status == 128 + SIGKILL);
  CHECK(check_committed_prefix(db, slice) == 400);

  ProcessResult again = run_process(index_command(db, slice), "", test_env());
  INFO(again.err);
  CHECK(again.status == 0);
  CHECK(check_committed_prefix(db, slice) == kArticles);
}

TEST_CASE("SIGINT and SIGTERM at every test-hook point commit what was written, print the summary and exit 130") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  struct Point {
    std::string pause;  // NEWSDEX_TEST_PAUSE
    std::string line;   // what the indexer says when it stops there
    std::uint64_t min;  // articles committed, at least
    std::uint64_t max;  // and at most
  };
  const std::vector<Point> points = {
      // The reader stopped at record 301: the signal stops the reading
      // there; that record and those after it are not indexed.
      {"record@301", "record 301", 0, 300},
      // The writer stopped after its third commit, while the reader reads.
      {"commit@3", "commit 3", committed_after(3), kArticles},
      // The commit of the rest, after the reading ended.
      {"commit@" + std::to_string(kLastCommit), "commit " + std::to_string(kLastCommit), kArticles, kArticles},
      // Compaction after the bulk load: Xapian's check of the database and
      // the copy, each in a child process the signal makes the indexer kill;
      // copy written; swapped; then the facet columns' temp file written;
      // then all done, before the summary.
      {"compact-checking", "compact-checking 1", kArticles, kArticles},
      {"compact-running", "compact-running 1", kArticles, kArticles},
      {"compact-copied", "compact-copied 1", kArticles, kArticles},
      {"compact-swapped", "compact-swapped 1", kArticles, kArticles},
      {"facet-columns", "facet-columns 1", kArticles, kArticles},
      {"end", "end 1", kArticles, kArticles},
  };
  std::string log;
  for (const Point& point : points) {
    for (int signo : {SIGINT, SIGTERM}) {
      CAPTURE(point.pause);
      CAPTURE(signo);
      const std::string db = dir.path() + "/db-" + point.pause + "-" + std::to_string(signo);
      BackgroundProcess indexer(index_command(db, slice),
                                BackgroundOptions{.env = test_env(), .pause_at = point.pause});
      REQUIRE(indexer.wait_for_hook() == point.line);
      REQUIRE(indexer.signal(signo));
      indexer.resume();
      ProcessResult r = indexer.wait();
      INFO(r.err);
      // An unhandled SIGINT would also give 130 (128 + 2); the summary proves
      // the handler ran and the indexer committed and reported.
      CHECK(r.status == 130);
      CHECK(r.err.find("interrupted: indexed ") != std::string::npos);
      std::optional<std::uint64_t> printed = summary_count(r.err);
      std::uint64_t count = check_committed_prefix(db, slice);
      CHECK(printed == std::optional<std::uint64_t>(count));
      CHECK(count >= point.min);
      CHECK(count <= point.max);
      log += std::string(signo == SIGINT ? "SIGINT" : "SIGTERM") + " at " + point.pause + ": exit " +
             std::to_string(r.status) + ", summary " + (printed ? std::to_string(*printed) : "missing") +
             ", database " + std::to_string(count) + "\n";
      // The next run completes the job whatever the signal interrupted.
      ProcessResult again = run_process(index_command(db, slice), "", test_env());
      INFO(again.err);
      CHECK(again.status == 0);
      CHECK(check_committed_prefix(db, slice) == kArticles);
    }
  }
  MESSAGE(log);
}

TEST_CASE("Searches while the indexer is stopped after each commit and inside its compaction never fail") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  const std::string db = dir.path() + "/db";
  BackgroundProcess indexer(
      index_command(db, slice),
      BackgroundOptions{.env = test_env(), .pause_at = "commit,compact-copied,compact-swapped,facet-columns"});
  const std::vector<std::vector<std::string>> queries = {
      {"oil", "prices", "--facets", "country,org"},
      {"bank", "--facets", "country,person,source", "--timeline"},
      {"trade", "deficit", "--sort", "newest", "--facets", "org"},
  };
  std::vector<std::string> stops;
  for (std::string stop = indexer.wait_for_hook(); !stop.empty(); stop = indexer.wait_for_hook()) {
    CAPTURE(stop);
    stops.push_back(stop);
    // Stopped after commit k: the database holds exactly its articles. Inside
    // compaction and after it: all of them, in the old directory (copied) or
    // the compacted one (swapped).
    std::uint64_t expected = kArticles;
    if (stop.starts_with("commit ")) expected = committed_after(std::stoull(stop.substr(7)));
    CHECK(searched_articles(db) == expected);
    for (const auto& query : queries) {
      CAPTURE(query.front());
      std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", db, "--json", "--limit", "5"};
      argv.insert(argv.end(), query.begin(), query.end());
      ProcessResult s = run_process(argv);
      INFO(s.err);
      // 0 = hits, 1 = none (grep's convention, before the words are in);
      // never 2, never a message.
      CHECK(s.status <= 1);
      CHECK(s.err.empty());
      if (s.status == 0) CHECK(!newsdex::test::hit_ids(newsdex::test::parse_json_lines(s.out)).empty());
    }
    indexer.resume();
  }
  ProcessResult r = indexer.wait();
  INFO(r.err);
  CHECK(r.status == 0);
  std::vector<std::string> expected_stops;
  for (std::uint64_t k = 1; k <= kLastCommit; ++k) expected_stops.push_back("commit " + std::to_string(k));
  for (const char* point : {"compact-copied 1", "compact-swapped 1", "facet-columns 1"}) {
    expected_stops.emplace_back(point);
  }
  CHECK(stops == expected_stops);
  CHECK(check_committed_prefix(db, slice) == kArticles);
  // Every query finds its articles at the end.
  CHECK(searched_articles(db) == kArticles);
  CHECK(!newsdex::test::search_json(db, {"oil", "prices"}).empty());
}

TEST_CASE("A second indexer on a database being written is refused with exit status 2") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  const std::string db = dir.path() + "/db";
  BackgroundProcess first(index_command(db, slice), BackgroundOptions{.env = test_env(), .pause_at = "commit@1"});
  REQUIRE(first.wait_for_hook() == "commit 1");
  ProcessResult second = run_process(index_command(db, slice), "", test_env());
  INFO(second.err);
  CHECK(second.status == 2);
  CHECK(second.err.find("database is locked by another indexer") != std::string::npos);
  CHECK(second.err.find(db) != std::string::npos);
  // The refused run did no harm: the first one's commit is intact, and the
  // first one, still stopped, goes on to finish the job.
  REQUIRE(first.running());
  CHECK(check_committed_prefix(db, slice) == committed_after(1));
  first.resume();
  ProcessResult r = first.wait();
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(check_committed_prefix(db, slice) == kArticles);
}
