// End-to-end "did you mean" with the real binaries, on tests/data/spelling.jsonl
// (see tests/data/README.md): a misspelt word next to a correct word that
// matches many articles, a name that is not "corrected", a correct query with
// no suggestion, the terminal line and the --json fields.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::find_type;
using newsdex::test::hit_ids;
using newsdex::test::indexed_database;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::search_json;

namespace {

const std::string& spelling_db() {
  return indexed_database({std::string(NEWSDEX_SOURCE_DIR) + "/tests/data/spelling.jsonl"});
}

const nlohmann::json& summary_of(const std::vector<nlohmann::json>& lines) {
  const nlohmann::json* summary = find_type(lines, "summary");
  REQUIRE(summary != nullptr);
  return *summary;
}

}  // namespace

TEST_CASE("A misspelt word next to a word with many matches gets a suggestion that matches more") {
  // "fund" alone matches most of the corpus: the old rule (fewer than 3
  // matches) would never have looked at "strikke".
  const auto fund = search_json(spelling_db(), {"fund"});
  REQUIRE(summary_of(fund)["matches_estimated"].get<int>() >= 10);

  const auto lines = search_json(spelling_db(), {"strikke", "fund"});
  const nlohmann::json& summary = summary_of(lines);
  CHECK(summary["complete_matches_estimated"] == 0);
  CHECK(summary["matches_estimated"].get<int>() >= 10);  // partial matches: "fund"
  REQUIRE(summary["corrections"].size() == 1);
  CHECK(summary["corrections"][0]["word"] == "strikke");
  CHECK(summary["corrections"][0]["suggestion"] == "strike");
  CHECK(summary["did_you_mean"] == "strike fund");

  // The suggestion is a query that finds the strike-fund articles.
  const auto corrected = search_json(spelling_db(), {"strike", "fund"});
  CHECK(summary_of(corrected)["complete_matches_estimated"] == 3);
  CHECK(summary_of(corrected)["corrections"].empty());
  CHECK(summary_of(corrected)["did_you_mean"].is_null());

  // The terminal shows it above the summary, the typed syntax kept.
  ProcessResult text =
      run_process({NEWSDEX_SEARCH_BIN, "--db", spelling_db(), "--color=never", "title:strikke", "fund"});
  INFO(text.err);
  CHECK(text.status == 0);
  CHECK(text.out.find("Did you mean: title:strike fund\n") != std::string::npos);
}

TEST_CASE("A capitalised known name the index does not hold is not corrected") {
  // "Kerry" is one edit from "ferry", and "ferry fund" would match; but Kerry
  // is a name the entity gazetteer knows.
  REQUIRE(summary_of(search_json(spelling_db(), {"ferry", "fund"}))["complete_matches_estimated"].get<int>() > 0);
  CHECK(summary_of(search_json(spelling_db(), {"kerry", "fund"}))["did_you_mean"] == "ferry fund");
  const auto lines = search_json(spelling_db(), {"Kerry", "fund"});
  CHECK(summary_of(lines)["corrections"].empty());
  CHECK(summary_of(lines)["did_you_mean"].is_null());
  ProcessResult text = run_process({NEWSDEX_SEARCH_BIN, "--db", spelling_db(), "Kerry", "fund"});
  CHECK(text.out.find("Did you mean") == std::string::npos);

  // A rare surname the index holds is not corrected either, though no article
  // holds it beside "pension".
  const auto rare = search_json(spelling_db(), {"Halvorsen", "pension"});
  CHECK(summary_of(rare)["complete_matches_estimated"] == 0);
  CHECK(summary_of(rare)["corrections"].empty());
}

TEST_CASE("A correct query gets no suggestion, and a suggestion that matches nothing more is not made") {
  for (const std::vector<std::string>& query :
       {std::vector<std::string>{"strike", "fund"}, {"pension", "fund"}, {"Halvorsen"}, {"rail", "strike"}}) {
    const auto lines = search_json(spelling_db(), query);
    CHECK(summary_of(lines)["corrections"].empty());
    CHECK(summary_of(lines)["did_you_mean"].is_null());
  }
  // "strike" never appears beside "scanner": correcting "strikke" would not
  // find more, so nothing is suggested.
  const auto lines = search_json(spelling_db(), {"strikke", "scanner"});
  CHECK(summary_of(lines)["corrections"].empty());
  CHECK(!hit_ids(lines).empty());  // the partial matches are still shown
}

TEST_CASE("--since/--until count for the suggestion too") {
  // The strike-fund articles are from March and May 2021.
  const auto lines = search_json(spelling_db(), {"--since", "2021-06", "strikke", "fund"});
  CHECK(summary_of(lines)["corrections"].empty());
  const auto in_range = search_json(spelling_db(), {"--until", "2021-03", "strikke", "fund"});
  CHECK(summary_of(in_range)["did_you_mean"] == "strike fund");
}
