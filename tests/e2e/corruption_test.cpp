// End-to-end: damaged databases on disk against the real binaries (issue 11).
// A database of sample_corpus/ is built once; each case damages a private
// copy of it (a truncated table, flipped bytes in a table, a missing or
// garbled iamglass, garbage facet columns), then every command runs on its
// own fresh copy of the damaged one. Each must end by itself with an exit
// status it documents, never on a signal, and say what is wrong when it
// fails; `check` must report every damage it can see, and at least what any
// other command called damage.
//
// The watchdog below only detects a hang (a failure); nothing waits on it.
#include <sys/stat.h>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::BackgroundProcess;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::sample_database;
using newsdex::test::TempDir;

namespace {

namespace fs = std::filesystem;

const std::string kIndex = NEWSDEX_INDEX_BIN;
const std::string kSearch = NEWSDEX_SEARCH_BIN;
const std::string kSource = NEWSDEX_SOURCE_DIR;

// Far above what any command takes on this database: only a hang reaches it.
constexpr std::chrono::seconds kWatchdog{120};

// The seed of the random byte offsets (printed, so a failure can be rerun).
constexpr std::uint32_t kSeed = 20261206;

constexpr std::uint64_t kBlock = 8192;  // glass's default block size, which the indexer uses

const std::vector<std::string> kTables = {"postlist", "termlist", "docdata", "position", "spelling"};

// The sample corpus indexed once, as a user would (compacted after the bulk
// load), and checked: the damage done to copies of it is all there is.
const std::string& checked_sample_database() {
  static const bool checked = [] {
    REQUIRE(run_process({kIndex, "check", "--db", sample_database()}).status == 0);
    return true;
  }();
  (void)checked;
  return sample_database();
}

std::uintmax_t size_of(const fs::path& file) { return fs::file_size(file); }

void flip(const fs::path& file, std::uint64_t offset, unsigned char mask) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  REQUIRE(f);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  REQUIRE(f.get(c));
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(static_cast<unsigned char>(c) ^ mask));
  REQUIRE(f);
}

void write_garbage(const fs::path& file, std::size_t bytes, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  for (std::size_t i = 0; i < bytes; ++i) out.put(static_cast<char>(random() & 0xFF));
}

struct Corruption {
  std::string name;
  std::function<void(const fs::path& db)> apply;
  // Damage every reader meets (the tables' headers, a missing table): check
  // must report it. Other damage (one flipped byte somewhere) may be in
  // bytes nothing reads, such as the text of an article.
  bool check_must_see = true;
  // Commands not run on this damage: known hangs inside libxapian 1.4,
  // documented in docs/newsdex-index.md ("A damaged database").
  std::set<std::string> known_hangs = {};
};

// The commands that never end on this damage, inside libxapian 1.4 (its
// binary search over a B-tree block loops when the block's directory end is
// even): a search reads docdata blocks without checking the database first,
// as every command that writes does. Documented in docs/newsdex-index.md
// ("A damaged database"); check finds these.
std::set<std::string> known_hangs(const std::string& damage) {
  static const std::map<std::string, std::set<std::string>> hangs = {
      {"docdata directory end", {"search"}},
  };
  auto it = hangs.find(damage);
  return it == hangs.end() ? std::set<std::string>{} : it->second;
}

std::vector<Corruption> corruptions() {
  std::vector<Corruption> all;
  const fs::path& base = checked_sample_database();
  std::mt19937 random(kSeed);
  for (const std::string& table : kTables) {
    const std::string file = table + ".glass";
    const std::uint64_t bytes = size_of(fs::path(base) / file);
    all.push_back({table + " truncated to 0 bytes", [file](const fs::path& db) { fs::resize_file(db / file, 0); }});
    all.push_back({table + " truncated to half",
                   [file, bytes](const fs::path& db) { fs::resize_file(db / file, bytes / 2 / kBlock * kBlock); },
                   /*check_must_see=*/true});
    // Block headers: REVISION(4) LEVEL(1) MAX_FREE(2) TOTAL_FREE(2) DIR_END(2), then the item directory.
    all.push_back({table + " block 0 revision byte flipped", [file](const fs::path& db) { flip(db / file, 3, 0xFF); }});
    all.push_back({table + " block 0 level flipped", [file](const fs::path& db) { flip(db / file, 4, 0xFF); }});
    // A directory end of the wrong parity (both flips below make it even):
    // Xapian's binary search over the block never ends. Searches read
    // docdata blocks without a check first (docs/newsdex-index.md).
    const std::set<std::string> hangs = table == "docdata" ? std::set<std::string>{"search"} : std::set<std::string>{};
    all.push_back({table + " block 0 directory end flipped", [file](const fs::path& db) { flip(db / file, 10, 0xFF); },
                   true, known_hangs(table + " directory end")});
    all.push_back({table + " block 1 directory end parity flipped",
                   [file](const fs::path& db) { flip(db / file, kBlock + 10, 0x01); }, true,
                   known_hangs(table + " directory end")});
    all.push_back({table + " block 0 first item offset flipped",
                   [file](const fs::path& db) { flip(db / file, 11, 0xFF); }, true,
                   known_hangs(table + " block 0 first item offset flipped")});
    for (int i = 0; i < 3; ++i) {
      const std::uint64_t offset = std::uniform_int_distribution<std::uint64_t>(0, bytes - 1)(random);
      const std::string name = table + " byte " + std::to_string(offset) + " flipped";
      all.push_back({name, [file, offset](const fs::path& db) { flip(db / file, offset, 0xFF); },
                     /*check_must_see=*/false, known_hangs(name)});
    }
  }
  all.push_back({"iamglass removed", [](const fs::path& db) { fs::remove(db / "iamglass"); }});
  all.push_back({"iamglass garbage",
                 [](const fs::path& db) { write_garbage(db / "iamglass", size_of(db / "iamglass"), kSeed); }});
  all.push_back({"iamglass truncated", [](const fs::path& db) { fs::resize_file(db / "iamglass", 20); }});
  all.push_back({"postlist.glass removed", [](const fs::path& db) { fs::remove(db / "postlist.glass"); }});
  // The facet columns are a cache: searches must ignore garbage there and
  // count from the slots; check says the file is not in use.
  all.push_back(
      {"newsdex-facets garbage",
       [](const fs::path& db) { write_garbage(db / "newsdex-facets", size_of(db / "newsdex-facets"), kSeed); },
       /*check_must_see=*/false});
  return all;
}

struct Command {
  std::string name;
  std::vector<std::string> (*argv)(const std::string& db, const std::string& input);
  std::set<int> statuses;  // the exit statuses it documents
};

using Argv = std::vector<std::string>;

const std::vector<Command> kCommands = {
    {"stats",
     [](const std::string& db, const std::string&) {
       return Argv{kIndex, "stats", "--db", db};
     },
     {0, 2}},
    {"delete",
     [](const std::string& db, const std::string&) {
       return std::vector<std::string>{kIndex, "delete", "--db", db, "bt-2016-0001", "no-such-article"};
     },
     {1, 2}},
    {"compact",
     [](const std::string& db, const std::string&) {
       return Argv{kIndex, "compact", "--db", db};
     },
     {0, 2}},
    {"search",
     [](const std::string& db, const std::string&) {
       return std::vector<std::string>{kSearch,      "--db", db,         "--json",
                                       "--limit",    "50",   "--facets", "speaker,country,person,org,source",
                                       "--timeline", "said"};
     },
     {0, 1, 2}},
    // One new article and one that replaces a stored one (Xapian reads the
    // old one's term list to take its postings out).
    {"index",
     [](const std::string& db, const std::string& input) {
       return Argv{kIndex, "-q", "--db", db, input};
     },
     {0, 2}},
    {"check",
     [](const std::string& db, const std::string&) {
       return Argv{kIndex, "check", "--db", db};
     },
     {0, 1}},
};

std::string write_input(const TempDir& dir) {
  std::string path = dir.path() + "/more.jsonl";
  std::ofstream(path) << R"({"id":"new-1","title":"Harbour reopens","date":"2016-03-01","source":"Test Wire",)"
                      << R"("body":"The harbour reopened on Tuesday, officials said."})"
                      << "\n"
                      << R"({"id":"bt-2016-0001","title":"Kerry says talks go on","date":"2016-02-08",)"
                      << R"("source":"Bellwether Times","body":"\"We keep talking,\" said John Kerry in Munich."})"
                      << "\n";
  return path;
}

}  // namespace

TEST_CASE("issue 11: every command on a damaged database ends by itself with a clear message, and check reports it") {
  std::cerr << "corruption_test: random byte offsets from seed " << kSeed << "\n";
  TempDir dir;
  const std::string input = write_input(dir);
  for (const Corruption& corruption : corruptions()) {
    const std::string damaged = dir.path() + "/damaged";
    fs::remove_all(damaged);
    fs::copy(checked_sample_database(), damaged);
    corruption.apply(damaged);
    std::map<std::string, ProcessResult> results;
    for (const Command& command : kCommands) {
      if (corruption.known_hangs.contains(command.name)) continue;
      const std::string db = dir.path() + "/db-" + command.name;
      fs::remove_all(db);
      fs::copy(damaged, db);
      BackgroundProcess process(command.argv(db, input));
      std::optional<ProcessResult> result = process.wait_for(kWatchdog);
      INFO(corruption.name << ": " << command.name);
      if (!result) {
        FAIL_CHECK("hung: still running after " << kWatchdog.count() << " s");
        continue;
      }
      INFO("exit status " << result->status << ", stderr: " << result->err);
      CHECK(command.statuses.contains(result->status));
      if (result->status == 2) {
        // Says what is wrong with which database, on standard error.
        CHECK(result->err.find(db) != std::string::npos);
      }
      results[command.name] = *result;
    }
    INFO(corruption.name);
    const ProcessResult& check = results["check"];
    if (corruption.check_must_see) {
      CHECK(check.status == 1);
    }
    // Whatever another command called damage, check reports too.
    for (const auto& said : results) {  // not a structured binding: INFO captures it in a lambda
      const ProcessResult& r = said.second;
      if (r.err.find("is damaged") != std::string::npos) {
        INFO(said.first << " said: " << r.err);
        CHECK(check.status == 1);
      }
    }
    if (check.status == 1) {
      // Listed on stdout; a crash after Xapian's check is reported on stderr.
      CHECK((check.out + check.err).find("problem") != std::string::npos);
      CHECK((check.out + check.err).find("re-index") != std::string::npos);
    } else {
      CHECK(check.out.starts_with("ok: "));
    }
  }
}

TEST_CASE("issue 11: garbage facet columns are ignored by searches and named by check") {
  TempDir dir;
  const std::string db = dir.path() + "/db";
  fs::copy(checked_sample_database(), db);
  const std::vector<std::string> query = {kSearch,      "--db", db, "--json", "--facets", "speaker,country,source",
                                          "--timeline", "said"};
  ProcessResult before = run_process(query);
  REQUIRE(before.status == 0);
  write_garbage(fs::path(db) / "newsdex-facets", size_of(fs::path(db) / "newsdex-facets"), kSeed);
  ProcessResult after = run_process(query);
  CHECK(after.status == 0);
  auto without_timing = [](std::string s) {
    std::size_t at = s.find("\"elapsed_ms\":");
    while (at != std::string::npos) {
      std::size_t end = s.find_first_of(",}", at);
      s.erase(at, end - at);
      at = s.find("\"elapsed_ms\":");
    }
    return s;
  };
  CHECK(without_timing(after.out) == without_timing(before.out));
  ProcessResult check = run_process({kIndex, "check", "--db", db});
  CHECK(check.status == 0);  // the database is sound; the cache is not in use
  CHECK(check.out.find("facet columns: not current") != std::string::npos);
}

namespace {

// Flips the bits of `mask` in byte `offset` of every block of `file`.
void flip_in_every_block(const fs::path& file, std::uint64_t offset, unsigned char mask) {
  for (std::uint64_t block = 0; block + kBlock <= size_of(file); block += kBlock) flip(file, block + offset, mask);
}

ino_t inode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_ino;
}

// The bytes of a file, to tell whether a command changed it.
std::string contents(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

TEST_CASE(
    "issue 11: the compaction after a bulk load checks the database first: damage is not compacted, the run "
    "says what is wrong, prints its summary and exits 1") {
  struct Damage {
    std::string name;
    std::string table;
    std::uint64_t offset;  // in every block
    unsigned char mask;
    // What libxapian 1.4's compaction does with it unchecked (measured with
    // xapian-compact; docs/reliability.md).
    std::string unchecked;
  };
  const std::vector<Damage> damages = {
      // Compaction stops on it with DatabaseCorruptError.
      {"every termlist block's level", "termlist", 4, 0xFF, "fails"},
      // Compaction copies it without a word, and its copy passes xapian-check:
      // the damage would be laundered into a database that then replaced this one.
      {"every postlist block's directory end parity", "postlist", 10, 0x01, "succeeds"},
  };
  for (const Damage& damage : damages) {
    CAPTURE(damage.name);
    TempDir dir;
    const std::string db = dir.path() + "/db";
    // One commit, when the reading is done (sample_corpus/ holds fewer than
    // 1,000 articles); the test damages the database right after it, before
    // the end phase's compaction.
    BackgroundProcess indexer({kIndex, "--db", db, "--commit-every", "1000", kSource + "/sample_corpus"},
                              newsdex::test::BackgroundOptions{.env = {{"NEWSDEX_TEST_MIN_COMMIT_INTERVAL_MS", "0"}},
                                                               .pause_at = "commit@1"});
    REQUIRE(indexer.wait_for_hook() == "commit 1");
    const fs::path table = fs::path(db) / (damage.table + ".glass");
    flip_in_every_block(table, damage.offset, damage.mask);
    const std::string damaged = contents(table);
    const ino_t inode = inode_of(db);  // a swap would put another directory at the path
    indexer.resume();
    std::optional<ProcessResult> result = indexer.wait_for(kWatchdog);
    REQUIRE_MESSAGE(result, "hung: still running after " << kWatchdog.count() << " s");
    INFO("exit status " << result->status << ", stderr: " << result->err);
    CHECK(result->status == 1);
    // What is wrong, with which database, and what to do.
    CHECK(result->err.find("the database at " + fs::canonical(db).string() + " is damaged (") != std::string::npos);
    CHECK(result->err.find("run `newsdex-index check --db ") != std::string::npos);
    CHECK(result->err.find("it was not compacted") != std::string::npos);
    // The summary: the articles are committed; the compaction was skipped.
    CHECK(result->err.find("indexed ") != std::string::npos);
    CHECK(result->err.find("not compacted") != std::string::npos);
    // Nothing was copied or swapped: the damaged table is the one the run
    // left, byte for byte, and no compaction directory is left beside it.
    CHECK(inode_of(db) == inode);
    CHECK(contents(table) == damaged);
    CHECK_FALSE(fs::exists(dir.path() + "/.db.compact-tmp"));
    // check reports the damage too.
    ProcessResult check = run_process({kIndex, "check", "--db", db});
    CHECK(check.status == 1);
  }
}
