// Crash safety of newsdex-index, end to end on the first 3,000 Reuters-21578
// articles (../shared/corpora, read at run time) with the real binaries:
// SIGKILL at random moments leaves a database that xapian-check accepts and
// that holds exactly the articles of the last commit, and running the same
// command again completes the job; SIGINT/SIGTERM commit, print the summary
// and exit 130; searches running while the indexer commits never fail; a
// second indexer on the same database is refused.
//
// The indexer writes articles in input order and commits every
// --commit-every N of them, so after k commits the database holds exactly the
// first k*N ids of the input, however many threads prepare the articles.
// The tests rely on that documented order, never on timing: the random kill
// delays only decide where the run is cut.
//
// NEWSDEX_CRASH_SEED=N replays the random kill points of a failed run (the
// seed is printed with every run).
#include <signal.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::BackgroundProcess;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::TempDir;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

const std::string kReuters = std::string(NEWSDEX_SHARED_DIR) + "/corpora/reuters21578/reuters21578.jsonl";
const std::string kXapianCheck = "/usr/bin/xapian-check";
const std::string kNice = "/usr/bin/nice";

// The tests index the first records of the corpus; all of them have text
// (record 12,793, the corpus' only empty one, is far outside), so the indexer
// exits 0 on them. Under AddressSanitizer the indexer is about 8 times
// slower, so the kill and search tests take fewer articles and rounds there
// (the kill test commits more often to keep several commits per run).
constexpr std::size_t kSliceArticles = 3000;
constexpr std::size_t kKillArticles = kSanitized ? 400 : kSliceArticles;
constexpr std::uint64_t kCommitEvery = kSanitized ? 100 : 250;
constexpr int kKillRounds = kSanitized ? 4 : 10;
constexpr std::size_t kSearchArticles = kSanitized ? 600 : kSliceArticles;
// The searches run at the lowest priority (see the test); not under ASan,
// where they are slow enough already and would be too few.
constexpr bool kNiceSearches = !kSanitized;

// Queries whose top hits are compared between an interrupted-and-resumed
// database and one indexed in a single run.
const std::vector<std::vector<std::string>> kQueries = {
    {"cocoa"}, {"oil", "prices"}, {"bank", "interest", "rate"}, {"wheat", "exports"}, {"\"trade deficit\""}};

struct Slice {
  std::string path;
  std::vector<std::string> ids;  // in input order
};

// Copies the first `n` records of the Reuters corpus into `dir`/slice.jsonl.
Slice write_slice(const std::string& dir, std::size_t n) {
  Slice slice{dir + "/slice.jsonl", {}};
  std::ifstream in(kReuters);
  std::ofstream out(slice.path);
  for (std::string line; slice.ids.size() < n && std::getline(in, line);) {
    out << line << '\n';
    slice.ids.push_back(nlohmann::json::parse(line)["id"].get<std::string>());
  }
  REQUIRE(slice.ids.size() == n);
  // The order argument needs unique ids.
  REQUIRE(std::set<std::string>(slice.ids.begin(), slice.ids.end()).size() == n);
  return slice;
}

std::uint64_t seed_for_run() {
  if (const char* env = std::getenv("NEWSDEX_CRASH_SEED"); env && *env) return std::strtoull(env, nullptr, 10);
  return std::random_device{}();
}

// The article ids in the database (its "Q" terms).
std::set<std::string> ids_in(const Xapian::Database& db) {
  std::set<std::string> ids;
  const std::string prefix(newsdex::schema::kPrefixId);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    ids.insert((*it).substr(prefix.size()));
  }
  return ids;
}

// Checks what a killed or interrupted run left at `db`: xapian-check accepts
// it, it opens, every document has one id, and its ids are exactly the first
// doccount ids of the input (doccount a multiple of `commit_every` unless 0
// or all, when given). Returns the doccount; 0 if the run died before it
// created the database.
std::uint64_t check_committed_prefix(const std::string& db_path, const Slice& slice,
                                     std::optional<std::uint64_t> commit_every) {
  if (!std::filesystem::exists(db_path + "/iamglass")) {
    // Killed before Xapian wrote its version file: nothing was committed.
    return 0;
  }
  ProcessResult check = run_process({kXapianCheck, db_path});
  INFO("xapian-check " << db_path << ":\n" << check.out << check.err);
  CHECK(check.status == 0);
  Xapian::Database db(db_path);
  std::uint64_t count = db.get_doccount();
  std::set<std::string> ids = ids_in(db);
  CHECK(ids.size() == count);
  REQUIRE(count <= slice.ids.size());
  if (commit_every) {
    INFO("doccount " << count);
    CHECK((count % *commit_every == 0 || count == slice.ids.size()));
  }
  std::set<std::string> expected(slice.ids.begin(), slice.ids.begin() + static_cast<std::ptrdiff_t>(count));
  if (ids != expected) {
    std::vector<std::string> missing, extra;
    std::set_difference(expected.begin(), expected.end(), ids.begin(), ids.end(), std::back_inserter(missing));
    std::set_difference(ids.begin(), ids.end(), expected.begin(), expected.end(), std::back_inserter(extra));
    FAIL_CHECK("the database's " << count << " ids are not the first " << count << " of the input: "
                                 << missing.size() << " missing (first: "
                                 << (missing.empty() ? "-" : missing.front()) << "), " << extra.size()
                                 << " extra (first: " << (extra.empty() ? "-" : extra.front()) << ")");
  }
  return count;
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

// Polls until the database at `path` opens with at least one committed
// document, or `process` exits first. True if it did.
bool wait_for_first_commit(const std::string& path, BackgroundProcess& process) {
  while (process.running()) {
    if (std::filesystem::exists(path + "/iamglass")) {
      try {
        if (Xapian::Database(path).get_doccount() > 0) return true;
      } catch (const Xapian::Error&) {  // NOLINT(bugprone-empty-catch): being created; try again
      }
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  return false;
}

// "indexed 1,234 articles" -> 1234 from the summary line; nullopt without one.
std::optional<std::uint64_t> summary_count(const std::string& err) {
  std::smatch m;
  if (!std::regex_search(err, m, std::regex(R"(indexed ([0-9,]+) articles?)"))) return std::nullopt;
  std::string digits = m[1].str();
  std::erase(digits, ',');
  return std::stoull(digits);
}

}  // namespace

TEST_CASE("SIGKILL at random points leaves the last commit intact, and rerunning completes the job") {
  if (!std::filesystem::exists(kReuters)) {
    MESSAGE("skipped: " << kReuters << " not found");
    return;
  }
  TempDir dir;
  Slice slice = write_slice(dir.path(), kKillArticles);
  const std::uint64_t seed = seed_for_run();
  MESSAGE("SIGKILL seed " << seed << " (replay: NEWSDEX_CRASH_SEED=" << seed << ")");
  INFO("seed " << seed);
  std::mt19937 rng(static_cast<std::mt19937::result_type>(seed));

  // The uninterrupted reference run; its duration scales the kill delays.
  const std::string reference = dir.path() + "/reference";
  auto start = Clock::now();
  ProcessResult full = run_process({NEWSDEX_INDEX_BIN, "--db", reference, "--commit-every",
                                    std::to_string(kCommitEvery), "-q", slice.path});
  auto full_ms = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
  INFO(full.err);
  REQUIRE(full.status == 0);
  REQUIRE(check_committed_prefix(reference, slice, kCommitEvery) == slice.ids.size());
  MESSAGE("uninterrupted run of " << slice.ids.size() << " articles: " << full_ms << " ms");

  // Two kinds of rounds, alternating. A "timed" round kills after a random
  // delay over the run (but its last tenth: a kill after the end tests
  // nothing), on one database until a round leaves it complete, so most of
  // them cut a run that still adds articles and some cut a rerun that
  // replaces what is committed. An "after a commit" round starts a fresh
  // database, waits until a reader sees the first commit, and kills within
  // 500 ms: commits are at least 1 s apart, so that commit is still the last
  // one, and it must survive. Anchoring half the rounds to an observed commit
  // rather than to the clock keeps the test meaningful however slow the
  // machine is (ASan on a loaded CI machine spends over a second starting).
  const int rounds = kKillRounds;
  int databases = 0;
  std::string db;
  std::vector<std::string> command;
  auto fresh_database = [&] {
    db = dir.path() + "/db" + std::to_string(++databases);
    command = {NEWSDEX_INDEX_BIN, "--db", db, "--commit-every", std::to_string(kCommitEvery), "-q", slice.path};
  };
  fresh_database();
  int killed = 0, partial = 0;
  std::uint64_t previous = 0;
  std::string log;  // one line per round, shown once after the rounds
  std::uniform_int_distribution<long> delay_ms(0, full_ms * 9 / 10);
  std::uniform_int_distribution<long> after_commit_ms(0, 500);
  for (int round = 1; round <= rounds; ++round) {
    const bool after_commit = round % 2 == 0;
    if (previous == slice.ids.size() || (after_commit && previous > 0)) {
      fresh_database();
      previous = 0;
    }
    long delay = after_commit ? after_commit_ms(rng) : delay_ms(rng);
    CAPTURE(round);
    CAPTURE(db);
    CAPTURE(delay);
    BackgroundProcess indexer(command);
    std::uint64_t seen = 0;  // articles a reader saw committed before the kill
    if (after_commit) {
      REQUIRE(wait_for_first_commit(db, indexer));
      seen = Xapian::Database(db).get_doccount();
    }
    std::this_thread::sleep_for(milliseconds(delay));
    bool sent = indexer.signal(SIGKILL);
    ProcessResult r = indexer.wait();
    INFO(r.err);
    if (sent) {
      CHECK(r.status == 128 + SIGKILL);
      ++killed;
    } else {
      CHECK(r.status == 0);  // it finished first
    }
    std::uint64_t count = check_committed_prefix(db, slice, kCommitEvery);
    log += "round " + std::to_string(round) + " (database " + std::to_string(databases) + "): SIGKILL " +
           (after_commit ? std::to_string(delay) + " ms after a reader saw " + std::to_string(seen) +
                               " articles committed"
                         : "after " + std::to_string(delay) + " ms") +
           " " + (sent ? "" : "(too late: it had finished) ") + "-> " + std::to_string(count) +
           " articles committed\n";
    // What a reader saw committed survives the kill; a rerun re-indexes from
    // the start, replacing, and what was committed stays.
    CHECK(count >= seen);
    CHECK(count >= previous);
    previous = count;
    if (count > 0 && count < slice.ids.size()) ++partial;
  }
  MESSAGE(log);
  // Not vacuous: most kills landed while the indexer ran, and some left a
  // partly indexed database behind (every "after a commit" round does, unless
  // the whole input fit in its first commit).
  CHECK(killed >= rounds / 2);
  CHECK(partial >= rounds / 4);

  // The same command again completes the last database.
  ProcessResult last = run_process(command);
  INFO(last.err);
  REQUIRE(last.status == 0);
  CHECK(check_committed_prefix(db, slice, kCommitEvery) == slice.ids.size());
  CHECK(Xapian::Database(db).get_metadata(std::string(newsdex::schema::kMetaSchemaVersion)) ==
        std::to_string(newsdex::schema::kVersion));
  auto expected_hits = top_hits(reference);
  auto resumed_hits = top_hits(db);
  for (std::size_t q = 0; q < kQueries.size(); ++q) {
    CAPTURE(kQueries[q].front());
    CHECK(!expected_hits[q].empty());
    CHECK(resumed_hits[q] == expected_hits[q]);
  }
}

TEST_CASE("SIGINT and SIGTERM commit what was indexed, print the summary and exit 130") {
  if (!std::filesystem::exists(kReuters)) {
    MESSAGE("skipped: " << kReuters << " not found");
    return;
  }
  TempDir dir;
  Slice slice = write_slice(dir.path(), kSliceArticles);
  const std::uint64_t seed = seed_for_run();
  MESSAGE("SIGINT/SIGTERM seed " << seed << " (replay: NEWSDEX_CRASH_SEED=" << seed << ")");
  INFO("seed " << seed);
  std::mt19937 rng(static_cast<std::mt19937::result_type>(seed));

  std::string log;
  for (int signo : {SIGINT, SIGTERM}) {
    const std::string db = dir.path() + "/db-" + std::to_string(signo);
    CAPTURE(signo);
    // Wait for the first commit (so the signal handlers are surely
    // installed), then signal after a random delay: 100 articles are a
    // small part of 3,000, and a second is far less than the rest of the run.
    BackgroundProcess indexer({NEWSDEX_INDEX_BIN, "--db", db, "--commit-every", "100", slice.path});
    REQUIRE(wait_for_first_commit(db, indexer));
    long delay = std::uniform_int_distribution<long>(0, 1000)(rng);
    CAPTURE(delay);
    std::this_thread::sleep_for(milliseconds(delay));
    REQUIRE(indexer.signal(signo));
    ProcessResult r = indexer.wait();
    INFO(r.err);
    CHECK(r.status == 130);
    // An unhandled SIGINT would also give 130; the summary proves the
    // handler ran and the indexer committed.
    CHECK(r.err.find("interrupted: indexed ") != std::string::npos);
    std::optional<std::uint64_t> printed = summary_count(r.err);
    REQUIRE(printed.has_value());
    std::uint64_t count = check_committed_prefix(db, slice, std::nullopt);
    log += std::string(signo == SIGINT ? "SIGINT" : "SIGTERM") + " " + std::to_string(delay) +
           " ms after the first commit: summary says " + std::to_string(*printed) + ", database holds " +
           std::to_string(count) + "\n";
    CHECK(*printed == count);
    CHECK(count >= 100);
    CHECK(count < slice.ids.size());
  }
  MESSAGE(log);
}

TEST_CASE("Searches while the indexer commits never fail") {
  if (!std::filesystem::exists(kReuters)) {
    MESSAGE("skipped: " << kReuters << " not found");
    return;
  }
  TempDir dir;
  Slice slice = write_slice(dir.path(), kSearchArticles);
  const std::string db = dir.path() + "/db";
  // A commit every 5 articles: hundreds of new revisions while we search.
  BackgroundProcess indexer({NEWSDEX_INDEX_BIN, "--db", db, "--commit-every", "5", "-q", slice.path});
  REQUIRE(wait_for_first_commit(db, indexer));

  const std::vector<std::vector<std::string>> queries = {
      {"oil", "prices", "--facets", "country,org"},
      {"bank", "--facets", "country,person,source", "--timeline"},
      {"trade", "deficit", "--sort", "newest", "--facets", "org"},
  };
  int searches = 0, with_hits = 0, during_indexing = 0, failed = 0;
  for (bool indexing = true; indexing;) {
    indexing = indexer.running();
    const auto& query = queries[static_cast<std::size_t>(searches) % queries.size()];
    // At the lowest priority (nice 19) the searcher loses the CPU to the
    // indexer at any moment, as on a busy machine, so searches straddle
    // commits far more often than when it runs uncontended.
    std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", db, "--json", "--limit", "5"};
    if (kNiceSearches) argv.insert(argv.begin(), {kNice, "-n", "19"});
    argv.insert(argv.end(), query.begin(), query.end());
    auto started = Clock::now();
    ProcessResult s = run_process(argv);
    auto took_ms = std::chrono::duration_cast<milliseconds>(Clock::now() - started).count();
    ++searches;
    if (indexing) ++during_indexing;
    // 0 = hits, 1 = no hits (grep's convention); never 2, never a message.
    if (s.status > 1 || !s.err.empty()) {
      ++failed;
      FAIL_CHECK("search " << searches << " (" << query.front() << " ...) exited " << s.status << " after "
                           << took_ms << " ms: " << s.err);
      continue;
    }
    if (s.status == 0) {
      ++with_hits;
      CHECK(!newsdex::test::hit_ids(newsdex::test::parse_json_lines(s.out)).empty());
    }
  }
  MESSAGE(searches << " searches, " << during_indexing << " while indexing, " << with_hits << " with hits, "
                   << failed << " failed");
  ProcessResult r = indexer.wait();
  INFO(r.err);
  CHECK(r.status == 0);
  // Not vacuous: with a commit every 5 articles, each of these searches
  // overlaps new revisions (CI's ASan pass has managed 31, an idle machine 45).
  CHECK(during_indexing >= 10);
  CHECK(with_hits >= during_indexing / 2);
  CHECK(check_committed_prefix(db, slice, std::nullopt) == slice.ids.size());
}

TEST_CASE("A second indexer on a database being written is refused with exit status 2") {
  if (!std::filesystem::exists(kReuters)) {
    MESSAGE("skipped: " << kReuters << " not found");
    return;
  }
  TempDir dir;
  Slice slice = write_slice(dir.path(), kSliceArticles);
  const std::string db = dir.path() + "/db";
  BackgroundProcess first({NEWSDEX_INDEX_BIN, "--db", db, "--commit-every", "50", "-q", slice.path});
  REQUIRE(wait_for_first_commit(db, first));
  ProcessResult second = run_process({NEWSDEX_INDEX_BIN, "--db", db, "-q", slice.path});
  // Conclusive only if the first one still held the database when the second
  // one had already given up; 3,000 articles take far longer than a refusal.
  REQUIRE(first.running());
  INFO(second.err);
  CHECK(second.status == 2);
  CHECK(second.err.find("database is locked by another indexer") != std::string::npos);
  CHECK(second.err.find(db) != std::string::npos);
  // The refused run did no harm: the first one's commits are intact.
  first.signal(SIGKILL);
  first.wait();
  CHECK(check_committed_prefix(db, slice, 50) > 0);
}
