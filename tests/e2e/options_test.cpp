// End-to-end for how newsdex-search takes its options: the entity and source
// filters reach the query builder as values, never as query text (so no
// value can break the query, and the summary shows the query as typed), and
// the caret of a query syntax error sits under the error when non-ASCII text
// comes before it. Real binaries on a database of sample_corpus/.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::TempDir;

namespace {

const std::string& sample_db() {
  static TempDir dir;
  static const std::string db = [] {
    const std::string path = dir.path() + "/db";
    ProcessResult r =
        run_process({NEWSDEX_INDEX_BIN, "--db", path, std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return path;
  }();
  return db;
}

}  // namespace

TEST_CASE("--speaker values with typographic or unbalanced quotes filter as the plain name does") {
  const std::string& db = sample_db();
  const std::set<std::string> plain =
      newsdex::test::hit_ids(newsdex::test::search_json(db, {"--all", "--speaker", "John Kerry"}));
  REQUIRE(!plain.empty());
  for (const std::string value :
       {"John “Kerry”", "“John Kerry", "John Kerry”", "„John Kerry“", "John \"Kerry", "Kerry\" OR lavrov"}) {
    CAPTURE(value);
    const std::vector<nlohmann::json> lines = newsdex::test::search_json(db, {"--all", "--speaker", value});
    if (value.find("OR") != std::string::npos) {
      CHECK(newsdex::test::hit_ids(lines).empty());  // one (unknown) name, not a query with OR in it
    } else {
      CHECK(newsdex::test::hit_ids(lines) == plain);
    }
    const nlohmann::json* summary = newsdex::test::find_type(lines, "summary");
    REQUIRE(summary != nullptr);
    CHECK(summary->at("query") == "");  // the filters are not shown as query text
  }
}

TEST_CASE("The summary shows the query words as typed, not the filters; filters AND with the words") {
  const std::string& db = sample_db();
  const std::vector<nlohmann::json> lines =
      newsdex::test::search_json(db, {"--speaker", "Kerry", "--country", "Russia", "Lavrov"});
  const nlohmann::json* summary = newsdex::test::find_type(lines, "summary");
  REQUIRE(summary != nullptr);
  CHECK(summary->at("query") == "Lavrov");
  const std::set<std::string> both = newsdex::test::hit_ids(lines);
  const std::set<std::string> in_text =
      newsdex::test::hit_ids(newsdex::test::search_json(db, {"Lavrov speaker:Kerry country:Russia"}));
  CHECK(both == in_text);
  CHECK(!both.empty());
}

TEST_CASE("A bad filter value is an error naming the option; a query error's caret counts characters") {
  const std::string& db = sample_db();
  ProcessResult r = run_process({NEWSDEX_SEARCH_BIN, "--db", db, "--country", "Narnia", "talks"});
  CHECK(r.status == 2);
  CHECK(r.err.starts_with("newsdex-search: --country: unknown country 'Narnia'"));
  CHECK(r.err.find('^') == std::string::npos);  // no caret under a query that is not at fault

  // "Bogotá “" is 10 bytes but 8 characters and 8 columns: the caret goes
  // under the quote that is not closed, at column 8.
  r = run_process({NEWSDEX_SEARCH_BIN, "--db", db, "Bogotá", "“Kerry", "AND"});
  CHECK(r.status == 2);
  CHECK(r.err ==
        "newsdex-search: query syntax error at column 8: missing closing '\"' for the quote at column 8\n"
        "  Bogotá “Kerry AND\n"
        "         ^\n");
}
