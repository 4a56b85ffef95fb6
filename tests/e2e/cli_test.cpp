// End-to-end: the real newsdex-index and newsdex-search binaries on real
// glass databases in temp dirs, on sample_corpus/ and tests/data/.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::parse_json_lines;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::sample_database;
using newsdex::test::TempDir;

namespace {

const std::string kIndex = NEWSDEX_INDEX_BIN;
const std::string kSearch = NEWSDEX_SEARCH_BIN;
const std::string kSource = NEWSDEX_SOURCE_DIR;

ProcessResult index(const std::string& db, std::vector<std::string> paths, const std::string& input = "") {
  std::vector<std::string> argv = {kIndex, "--db", db};
  argv.insert(argv.end(), paths.begin(), paths.end());
  return run_process(argv, input);
}

ProcessResult search(const std::string& db, std::vector<std::string> args,
                     const std::map<std::string, std::string>& env = {}) {
  std::vector<std::string> argv = {kSearch, "--db", db};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, "", env);
}

// The highlighted substrings of a JSON {text, highlights} pair.
std::vector<std::string> highlighted(const std::string& text, const nlohmann::json& ranges) {
  std::vector<std::string> out;
  for (const auto& r : ranges) {
    auto start = r[0].get<std::size_t>(), end = r[1].get<std::size_t>();
    out.push_back(text.substr(start, end - start));
  }
  return out;
}

bool contains_word(const std::vector<std::string>& words, const std::string& w) {
  for (const std::string& x : words) {
    if (x == w) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("README example: Kerry Lavrov Munich finds the Munich sentence with all three words highlighted") {
  ProcessResult r = search(sample_database(), {"--json", "Kerry", "Lavrov", "Munich"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto lines = parse_json_lines(r.out);
  REQUIRE(lines.size() >= 2);
  const auto& first = lines.front();
  CHECK(first["type"] == "hit");
  CHECK(first["format_version"] == 1);
  CHECK(first["matched_all"] == true);
  std::string text = first["snippet"]["text"];
  auto words = highlighted(text, first["snippet"]["highlights"]);
  CHECK(contains_word(words, "Kerry"));
  CHECK(contains_word(words, "Lavrov"));
  CHECK(contains_word(words, "Munich"));
  CHECK(lines.back()["type"] == "summary");
  CHECK(lines.back()["returned"].get<std::size_t>() == lines.size() - 1);
}

TEST_CASE("Terminal output colours highlights only when asked or on a terminal") {
  ProcessResult plain = search(sample_database(), {"Kerry", "Lavrov", "Munich"});
  REQUIRE(plain.status == 0);
  CHECK(plain.out.find("\x1b[") == std::string::npos);  // a pipe: no colour
  CHECK(plain.out.find("1. ") == 0);
  CHECK(plain.out.find("Munich") != std::string::npos);

  ProcessResult color = search(sample_database(), {"--color=always", "Lavrov"});
  REQUIRE(color.status == 0);
  CHECK(color.out.find("\x1b[1;31mLavrov") != std::string::npos);

  ProcessResult never = search(sample_database(), {"--color=never", "Lavrov"});
  CHECK(never.out.find("\x1b[") == std::string::npos);
}

TEST_CASE("Exit status is 1 with no match and 2 on a syntax error, with the column") {
  ProcessResult none = search(sample_database(), {"zzqxjvwk"});
  CHECK(none.status == 1);
  CHECK(none.out.find("No articles match") != std::string::npos);

  ProcessResult bad = search(sample_database(), {"(Kerry", "Lavrov"});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("column 1") != std::string::npos);
  CHECK(bad.out.empty());
}

TEST_CASE("A missing database is an error that says how to create one") {
  TempDir dir;
  ProcessResult r = search(dir.path() + "/nothing-here", {"Kerry"});
  CHECK(r.status == 2);
  CHECK(r.err.find("newsdex-index --db") != std::string::npos);
}

TEST_CASE("The default database comes from NEWSDEX_DB") {
  std::vector<std::string> argv = {kSearch, "--json", "Lavrov"};
  ProcessResult r = run_process(argv, "", {{"NEWSDEX_DB", sample_database()}});
  CHECK(r.status == 0);
}

TEST_CASE("Paging with --limit and --offset continues the ranking") {
  ProcessResult all = search(sample_database(), {"--json", "--limit", "4", "said"});
  ProcessResult page2 = search(sample_database(), {"--json", "--limit", "2", "--offset", "2", "said"});
  REQUIRE(all.status == 0);
  REQUIRE(page2.status == 0);
  auto a = parse_json_lines(all.out), b = parse_json_lines(page2.out);
  REQUIRE(a.size() == 5);
  REQUIRE(b.size() == 3);
  CHECK(b[0]["rank"] == 3);
  CHECK(b[0]["id"] == a[2]["id"]);
  CHECK(b[1]["id"] == a[3]["id"]);
}

TEST_CASE("Query words may start with '-' to exclude articles") {
  ProcessResult with = search(sample_database(), {"--json", "--limit", "100", "Kerry"});
  ProcessResult without = search(sample_database(), {"--json", "--limit", "100", "Kerry", "-Munich"});
  REQUIRE(with.status == 0);
  auto w = parse_json_lines(with.out), wo = parse_json_lines(without.out);
  CHECK(wo.size() < w.size());
  for (const auto& hit : wo) {
    if (hit["type"] == "hit") CHECK(hit["snippet"]["text"].get<std::string>().find("Munich") == std::string::npos);
  }
}

TEST_CASE("Indexing the sample corpus again replaces every article instead of duplicating it") {
  TempDir dir;
  std::string db = dir.path() + "/db";
  ProcessResult first = index(db, {kSource + "/sample_corpus"});
  REQUIRE(first.status == 0);
  ProcessResult again = index(db, {kSource + "/sample_corpus"});
  REQUIRE(again.status == 0);
  CHECK(again.err.find("(0 added") != std::string::npos);
  Xapian::Database x(db);
  CHECK(x.get_doccount() >= 40);
  ProcessResult check = run_process({"/usr/bin/xapian-check", db});
  CHECK(check.status == 0);
}

TEST_CASE("Mixed good and broken input: good lines searchable, each broken line reported with its number") {
  TempDir dir;
  std::string db = dir.path() + "/db";
  std::string mixed = kSource + "/tests/data/mixed.jsonl";
  ProcessResult r = index(db, {mixed});
  CHECK(r.status == 1);  // finished, but something was skipped
  // tests/data/README.md lists the broken lines as "- line N: reason".
  std::ifstream readme(kSource + "/tests/data/README.md");
  std::string line;
  int broken = 0;
  while (std::getline(readme, line)) {
    auto pos = line.find("- line ");
    if (pos != 0) continue;
    std::string number = line.substr(7, line.find(':') - 7);
    CAPTURE(number);
    CHECK(r.err.find("mixed.jsonl:" + number + ":") != std::string::npos);
    ++broken;
  }
  CHECK(broken >= 4);
  // Every good line holds a distinctive word listed in the README as "word: X".
  std::ifstream readme2(kSource + "/tests/data/README.md");
  int good = 0;
  while (std::getline(readme2, line)) {
    if (line.rfind("- word: ", 0) != 0) continue;
    std::string word = line.substr(8);
    CAPTURE(word);
    CHECK(search(db, {word}).status == 0);
    ++good;
  }
  CHECK(good >= 4);
}

TEST_CASE("Articles on stdin ('-') are indexed") {
  TempDir dir;
  std::string db = dir.path() + "/db";
  std::string jsonl =
      R"({"id":"stdin-1","title":"Quokka census","body":"Rangers counted quokkas on the island.","date":"2017-03-01"})"
      "\n";
  ProcessResult r = index(db, {"-"}, jsonl);
  INFO(r.err);
  CHECK(r.status == 0);
  ProcessResult s = search(db, {"--json", "quokka"});
  CHECK(s.status == 0);
  CHECK(parse_json_lines(s.out).front()["id"] == "stdin-1");
}

TEST_CASE("A database of another schema version is refused by both tools") {
  TempDir dir;
  std::string db = dir.path() + "/db";
  REQUIRE(index(db, {"-"},
                R"({"id":"a","title":"t","body":"quokka"})"
                "\n")
              .status == 0);
  {
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    w.set_metadata("newsdex:schema_version", "0");
    w.commit();
  }
  ProcessResult s = search(db, {"quokka"});
  CHECK(s.status == 2);
  CHECK(s.err.find("schema version 0") != std::string::npos);
  ProcessResult i = index(db, {"-"},
                          R"({"id":"b","title":"t","body":"x"})"
                          "\n");
  CHECK(i.status == 2);
}
