// Helpers for end-to-end tests that read a database built once
// (indexed_database, sample_database), run newsdex-search --json and look at
// its JSON Lines, and for the crash and fault tests (tests/e2e/crash_test.cpp,
// fault_test.cpp) that look at what an interrupted indexer left: a slice of
// the Reuters corpus, the committed-prefix check, the summary line.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "tests/e2e/process.h"

namespace newsdex::test {

inline const std::string kSampleCorpus = std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus";

// The database the real newsdex-index builds of `inputs` (files or folders),
// built once per test process (ctest runs each case in a process of its own)
// and removed when the process exits. For tests that only read it: a test
// that changes a database copies this one or builds its own.
inline const std::string& indexed_database(const std::vector<std::string>& inputs) {
  static std::map<std::vector<std::string>, std::pair<std::unique_ptr<TempDir>, std::string>> built;
  auto it = built.find(inputs);
  if (it == built.end()) {
    auto dir = std::make_unique<TempDir>();
    std::string path = dir->path() + "/db";
    std::vector<std::string> argv = {NEWSDEX_INDEX_BIN, "--quiet", "--db", path};
    argv.insert(argv.end(), inputs.begin(), inputs.end());
    const ProcessResult r = run_process(argv);
    INFO(r.err);
    REQUIRE(r.status == 0);
    it = built.emplace(inputs, std::make_pair(std::move(dir), std::move(path))).first;
  }
  return it->second.second;
}

// sample_corpus/ indexed as a user would (compacted after the bulk load).
inline const std::string& sample_database() { return indexed_database({kSampleCorpus}); }

inline std::vector<nlohmann::json> parse_json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

// newsdex-search --db DB --json --limit 100 ARGS...; requires exit status 0 or 1.
inline std::vector<nlohmann::json> search_json(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", db, "--json", "--limit", "100"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult r = run_process(argv);
  INFO(r.err);
  REQUIRE(r.status < 2);
  return parse_json_lines(r.out);
}

// The ids of the "hit" lines.
inline std::set<std::string> hit_ids(const std::vector<nlohmann::json>& lines) {
  std::set<std::string> ids;
  for (const auto& l : lines) {
    if (l["type"] == "hit") ids.insert(l["id"].get<std::string>());
  }
  return ids;
}

// The first line of the given "type", or nullptr.
inline const nlohmann::json* find_type(const std::vector<nlohmann::json>& lines, const std::string& type) {
  for (const auto& l : lines) {
    if (l["type"] == type) return &l;
  }
  return nullptr;
}

// Articles a search of `db` sees: the count of `lang:en --all`, exact for a
// filter-only query without collapsing (every article of the Reuters corpus
// is English). Requires the search to succeed without a word on stderr.
inline std::uint64_t searched_articles(const std::string& db) {
  ProcessResult r = run_process({NEWSDEX_SEARCH_BIN, "--db", db, "--json", "--all", "--limit", "1", "lang:en"});
  INFO("newsdex-search lang:en exited " << r.status << ": " << r.err);
  REQUIRE(r.status <= 1);
  CHECK(r.err.empty());
  const std::vector<nlohmann::json> lines = parse_json_lines(r.out);
  const nlohmann::json* summary = find_type(lines, "summary");
  REQUIRE(summary != nullptr);
  const auto lower = summary->at("matches_lower_bound").get<std::uint64_t>();
  const auto upper = summary->at("matches_upper_bound").get<std::uint64_t>();
  CHECK(lower == upper);
  return lower;
}

// The Reuters-21578 corpus in ../shared (read at run time, never copied into
// the repository).
inline const std::string kReutersJsonl = std::string(NEWSDEX_SHARED_DIR) + "/corpora/reuters21578/reuters21578.jsonl";

// The first records of an input file and their ids, in input order.
struct Slice {
  std::string path;
  std::vector<std::string> ids;
};

// Copies the first `n` records of the Reuters corpus (all with text and
// distinct ids up to record 12,792) into `dir`/slice.jsonl. A missing corpus
// fails the test, loudly.
inline Slice write_reuters_slice(const std::string& dir, std::uint64_t n) {
  INFO("this test reads " << kReutersJsonl << " (../shared beside the repository)");
  REQUIRE(std::filesystem::exists(kReutersJsonl));
  Slice slice{dir + "/slice.jsonl", {}};
  std::ifstream in(kReutersJsonl);
  std::ofstream out(slice.path);
  for (std::string line; slice.ids.size() < n && std::getline(in, line);) {
    out << line << '\n';
    slice.ids.push_back(nlohmann::json::parse(line)["id"].get<std::string>());
  }
  REQUIRE(slice.ids.size() == n);
  // The prefix check needs unique ids.
  REQUIRE(std::set<std::string>(slice.ids.begin(), slice.ids.end()).size() == n);
  return slice;
}

// The article ids in the database (its "Q" terms).
inline std::set<std::string> ids_in(const Xapian::Database& db) {
  std::set<std::string> ids;
  const std::string prefix(schema::kPrefixId);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    ids.insert((*it).substr(prefix.size()));
  }
  return ids;
}

// Checks what a killed, interrupted or failed run left at `db_path`:
// xapian-check accepts it, it opens, every document has one id, and its ids
// are exactly the first doccount ids of `slice` (the indexer commits a prefix
// of its input). Returns the doccount.
inline std::uint64_t check_committed_prefix(const std::string& db_path, const Slice& slice) {
  ProcessResult check = run_process({"/usr/bin/xapian-check", db_path});
  INFO("xapian-check " << db_path << ":\n" << check.out << check.err);
  CHECK(check.status == 0);
  Xapian::Database db(db_path);
  std::uint64_t count = db.get_doccount();
  std::set<std::string> ids = ids_in(db);
  CHECK(ids.size() == count);
  REQUIRE(count <= slice.ids.size());
  std::set<std::string> expected(slice.ids.begin(), slice.ids.begin() + static_cast<std::ptrdiff_t>(count));
  if (ids != expected) {
    std::vector<std::string> missing, extra;
    std::set_difference(expected.begin(), expected.end(), ids.begin(), ids.end(), std::back_inserter(missing));
    std::set_difference(ids.begin(), ids.end(), expected.begin(), expected.end(), std::back_inserter(extra));
    FAIL_CHECK("the database's " << count << " ids are not the first " << count << " of the input: " << missing.size()
                                 << " missing (first: " << (missing.empty() ? "-" : missing.front()) << "), "
                                 << extra.size() << " extra (first: " << (extra.empty() ? "-" : extra.front()) << ")");
  }
  return count;
}

// "indexed 1,234 articles" -> 1234 from newsdex-index's summary line;
// nullopt without one.
inline std::optional<std::uint64_t> summary_count(const std::string& err) {
  std::smatch m;
  if (!std::regex_search(err, m, std::regex(R"(indexed ([0-9,]+) articles?)"))) return std::nullopt;
  std::string digits = m[1].str();
  std::erase(digits, ',');
  return std::stoull(digits);
}

}  // namespace newsdex::test
