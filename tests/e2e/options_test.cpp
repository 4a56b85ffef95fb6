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
using newsdex::test::sample_database;

TEST_CASE("--speaker values with typographic or unbalanced quotes filter as the plain name does") {
  const std::string& db = sample_database();
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
  const std::string& db = sample_database();
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
  const std::string& db = sample_database();
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

TEST_CASE("A value --sort, --count-by, --timeline= or --facets does not know is an error naming the valid ones") {
  // main.cpp parses each into its enum once; the messages list the values of
  // the one table of each (matcher.h, timeline.h, schema.h kFacetSpecs).
  const std::string& db = sample_database();
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  for (const Case& c : std::vector<Case>{
           {{"--sort", "best"},
            "--sort: best not in {relevance,newest,oldest}\nRun with --help for more information.\n"},
           {{"--count-by", "word"}, "--count-by: word not in {article,story}\nRun with --help for more information.\n"},
           {{"--timeline=hour"}, "newsdex-search: --timeline: expected day, week, month or year, not 'hour'\n"},
           {{"--facets", "speaker,city"},
            "newsdex-search: --facets: unknown facet 'city' (known: speaker, country, person, org, source)\n"},
           {{"--quotes", "--facets", "Speaker"},
            "newsdex-search: --facets: unknown facet 'Speaker' (known: speaker, country, person, org, source)\n"},
       }) {
    std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", db};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    argv.emplace_back("talks");
    CAPTURE(c.args.front());
    const ProcessResult r = run_process(argv);
    CHECK(r.status == 2);
    CHECK(r.err == c.err);
    CHECK(r.out.empty());
  }
  // Every value the tables name is taken (the golden files check what each does).
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--sort", "oldest", "--count-by", "article", "--timeline=auto", "--facets", "org"},
        std::vector<std::string>{"--sort", "relevance", "--count-by", "story", "--timeline=month", "--facets",
                                 "person"}}) {
    std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", db, "--json"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.emplace_back("talks");
    const ProcessResult r = run_process(argv);
    INFO(r.err);
    CHECK(r.status == 0);
    const std::vector<nlohmann::json> lines = newsdex::test::parse_json_lines(r.out);
    const nlohmann::json* summary = newsdex::test::find_type(lines, "summary");
    const nlohmann::json* timeline = newsdex::test::find_type(lines, "timeline");
    const nlohmann::json* facets = newsdex::test::find_type(lines, "facets");
    REQUIRE(summary != nullptr);
    REQUIRE(timeline != nullptr);
    REQUIRE(facets != nullptr);
    CHECK(summary->at("sort") == args[1]);
    CHECK(timeline->at("count_by") == args[3]);
    CHECK(facets->at("facets").contains(args[6]));
    if (args[4] == "--timeline=month") CHECK(timeline->at("granularity") == "month");
  }
}

TEST_CASE("A bucket size written after a bare --timeline is a query word, and a note says how to set it") {
  // The value of --timeline needs '=' (git's --color[=WHEN] works the same):
  // `--timeline day Syria` searches for "day" and "Syria", and says so.
  const std::string& db = sample_database();
  const ProcessResult spaced =
      run_process({NEWSDEX_SEARCH_BIN, "--db", db, "--json", "--limit", "0", "--timeline", "year", "Syria"});
  CHECK(spaced.err ==
        "newsdex-search: note: 'year' after --timeline is searched for as a word; --timeline=year sets the "
        "bucket size\n");
  const std::vector<nlohmann::json> lines = newsdex::test::parse_json_lines(spaced.out);
  const nlohmann::json* summary = newsdex::test::find_type(lines, "summary");
  REQUIRE(summary != nullptr);
  CHECK(summary->at("query") == "year Syria");
  // The '=' form and a query word that names no bucket size give no note.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--timeline=year", "Syria"}, std::vector<std::string>{"--timeline", "Syria"},
        std::vector<std::string>{"--timeline", "--", "year"}}) {
    std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", db, "--json", "--limit", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    const ProcessResult r = run_process(argv);
    CAPTURE(args.front());
    CHECK(r.err.empty());
    CHECK(r.status != 2);
  }
}
