// End-to-end for newsdex-search --quotes: the real binaries on a database of
// sample_corpus/. The worked example bt-2016-0001 (Kerry in Bogotá) quotes
// John Kerry, Juan Manuel Santos and the opposition's Salem Al-Meslet; "barrel
// bombs" is only in Al-Meslet's quote (and in Lina Khoury's, bt-2015-0002),
// "weakness" only in Kerry's, "ceasefire" in Santos's and in Kerry's reported
// "nationwide ceasefire".
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/schema.h"
#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::find_type;
using newsdex::test::parse_json_lines;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::TempDir;

namespace {

const std::string kSample = std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus";
const std::string kWorked = "bt-2016-0001";

const std::string& sample_db() {
  static TempDir dir;
  static std::string db = [] {
    std::string path = dir.path() + "/db";
    ProcessResult r = run_process({NEWSDEX_INDEX_BIN, "--db", path, kSample});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return path;
  }();
  return db;
}

ProcessResult quotes(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", sample_db(), "--quotes", "--color", "never"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

// --quotes --json --limit 100 ARGS: the JSON lines; exit status 0 or 1.
std::vector<nlohmann::json> quotes_json(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"--json", "--limit", "100"};
  all.insert(all.end(), args.begin(), args.end());
  ProcessResult r = quotes(all);
  INFO(r.err);
  REQUIRE(r.status < 2);
  CHECK(r.err.empty());
  return parse_json_lines(r.out);
}

std::vector<nlohmann::json> quote_lines(const std::vector<nlohmann::json>& lines) {
  std::vector<nlohmann::json> out;
  for (const auto& l : lines) {
    if (l["type"] == "quote") out.push_back(l);
  }
  return out;
}

std::string highlighted(const nlohmann::json& quote, std::size_t i) {
  const std::string text = quote["text"];
  auto start = quote["highlights"][i][0].get<std::size_t>();
  auto end = quote["highlights"][i][1].get<std::size_t>();
  return text.substr(start, end - start);
}

}  // namespace

TEST_CASE("--quotes speaker:kerry weakness finds Kerry's quote holding the word, highlighted") {
  auto lines = quote_lines(quotes_json({"speaker:kerry", "weakness"}));
  REQUIRE(lines.size() == 1);
  const nlohmann::json& q = lines.front();
  CHECK(q["speaker"] == "John Kerry");
  CHECK(q["verb"] == "said");
  CHECK(q["id"] == kWorked);
  CHECK(q["source"] == "Bellwether Times");
  CHECK(q["date"] == "2016-02-08T22:10:00Z");
  CHECK(q["text"].get<std::string>().starts_with("Nobody should mistake patience for weakness."));
  REQUIRE(q["highlights"].size() == 1);
  CHECK(highlighted(q, 0) == "weakness");
}

TEST_CASE("--quotes speaker:kerry finds nothing for words only another speaker of the article said") {
  // Al-Meslet's quote in the same article holds "barrel bombs": the article
  // matches speaker:kerry and the words, no quote of Kerry's does.
  ProcessResult r = quotes({"speaker:kerry", "barrel", "bombs"});
  CHECK(r.status == 1);
  CHECK(r.out.find("No quotes match.") != std::string::npos);
  ProcessResult option = quotes({"--speaker", "kerry", "barrel", "bombs"});
  CHECK(option.status == 1);
  // Without the speaker filter the spokesman's quote is found.
  auto lines = quote_lines(quotes_json({"barrel", "bombs"}));
  std::set<std::string> speakers;
  for (const auto& q : lines) speakers.insert(q["speaker"].get<std::string>());
  CHECK(speakers == std::set<std::string>{"Salem Al-Meslet", "Lina Khoury"});
}

TEST_CASE("--quotes: every query word must be inside the one quote") {
  // "weakness" (Kerry) and "verification" (Santos) are both in bt-2016-0001,
  // never in one quote.
  CHECK(quotes({"weakness", "verification"}).status == 1);
  CHECK(quotes({"patience", "verification"}).status == 0);  // Santos's quote holds both
}

TEST_CASE("--quotes ceasefire finds Santos's quote and Kerry's reported nationwide ceasefire") {
  auto lines = quote_lines(quotes_json({"ceasefire"}));
  bool santos = false;
  bool kerry = false;
  for (const auto& q : lines) {
    const std::string text = q["text"];
    CHECK(text.find("ceasefire") != std::string::npos);
    if (q["id"] == kWorked && q["speaker"] == "Juan Manuel Santos") santos = true;
    if (q["id"] == kWorked && q["speaker"] == "John Kerry") {
      kerry = true;
      CHECK(text.find("nationwide ceasefire") != std::string::npos);
    }
  }
  CHECK(santos);
  CHECK(kerry);
}

TEST_CASE("--quotes phrases must be in one quote, in order") {
  auto lines = quote_lines(quotes_json({"\"nationwide ceasefire\""}));
  REQUIRE(lines.size() == 1);
  CHECK(lines.front()["speaker"] == "John Kerry");
  CHECK(highlighted(lines.front(), 0) == "nationwide ceasefire");
  CHECK(quotes({"\"ceasefire nationwide\""}).status == 1);
}

TEST_CASE("--quotes -word excludes quotes, not articles; OR and NEAR are checked per quote") {
  auto without = quote_lines(quotes_json({"speaker:kerry", "munich", "-conversation"}));
  REQUIRE(!without.empty());
  for (const auto& q : without) CHECK(q["text"].get<std::string>().find("conversation") == std::string::npos);
  auto either = quote_lines(quotes_json({"weakness OR verification"}));
  CHECK(either.size() == 2);
  CHECK(quotes({"nationwide NEAR/2 ceasefire"}).status == 0);
  CHECK(quotes({"lavrov NEAR/3 ceasefire"}).status == 1);  // 12 words apart in Kerry's quote
}

TEST_CASE("--quotes: a nested quote holding the words is the hit, not the statement around it") {
  // Kerry's reported statement holds the direct quote "as a cover for a
  // military offensive." (three nested quotes in the summary).
  auto lines = quote_lines(quotes_json({"speaker:kerry", "military", "offensive"}));
  REQUIRE(lines.size() == 1);
  CHECK(lines.front()["text"] == "as a cover for a military offensive.");
}

TEST_CASE("--quotes --sort newest orders quotes by their article's date") {
  auto lines = quote_lines(quotes_json({"--sort", "newest", "ceasefire"}));
  REQUIRE(lines.size() >= 3);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    CHECK(lines[i - 1]["date"].get<std::string>() >= lines[i]["date"].get<std::string>());
  }
  auto oldest = quote_lines(quotes_json({"--sort", "oldest", "ceasefire"}));
  REQUIRE(oldest.size() == lines.size());
  CHECK(oldest.front()["date"] == lines.back()["date"]);
}

TEST_CASE("--quotes --facets speaker counts quotes per speaker") {
  auto all = quotes_json({"--facets", "speaker", "speaker:kerry"});
  auto hits = quote_lines(all);
  const nlohmann::json* facets = find_type(all, "facets");
  REQUIRE(facets != nullptr);
  CHECK((*facets)["count_by"] == "quote");
  const auto& values = (*facets)["facets"]["speaker"]["values"];
  REQUIRE(values.size() == 1);
  CHECK(values[0]["value"] == "John Kerry");
  CHECK(values[0]["count"].get<std::size_t>() == hits.size());
  const nlohmann::json* summary = find_type(all, "summary");
  REQUIRE(summary != nullptr);
  CHECK((*summary)["quotes_matched"].get<std::size_t>() == hits.size());

  auto ceasefire = quotes_json({"--facets", "speaker", "ceasefire"});
  std::size_t total = 0;
  for (const auto& v : (*find_type(ceasefire, "facets"))["facets"]["speaker"]["values"])
    total += v["count"].get<std::size_t>();
  std::size_t attributed = 0;
  for (const auto& q : quote_lines(ceasefire))
    if (q["speaker"].is_string()) ++attributed;
  CHECK(total == attributed);
}

TEST_CASE("--quotes --timeline counts quotes over time") {
  auto all = quotes_json({"--timeline=month", "ceasefire"});
  const nlohmann::json* timeline = find_type(all, "timeline");
  REQUIRE(timeline != nullptr);
  CHECK((*timeline)["granularity"] == "month");
  CHECK((*timeline)["count_by"] == "quote");
  std::size_t counted = (*timeline)["undated"].get<std::size_t>();
  std::size_t feb2016 = 0;
  for (const auto& b : (*timeline)["buckets"]) {
    counted += b["count"].get<std::size_t>();
    if (b["label"] == "2016-02") feb2016 = b["count"].get<std::size_t>();
  }
  auto hits = quote_lines(all);
  CHECK(counted == hits.size());
  std::size_t expected_feb = 0;
  for (const auto& q : hits)
    if (q["date"].get<std::string>().starts_with("2016-02")) ++expected_feb;
  CHECK(feb2016 == expected_feb);
  CHECK(feb2016 >= 1);
}

TEST_CASE("--quotes text output: speaker and verb, the quote, date · source · id") {
  ProcessResult r = quotes({"speaker:kerry", "weakness"});
  REQUIRE(r.status == 0);
  CHECK(r.out.starts_with("1. John Kerry said:\n   Nobody should mistake patience for weakness."));
  CHECK(r.out.find("2016-02-08 · Bellwether Times · bt-2016-0001") != std::string::npos);
  CHECK(r.out.find("1 matching quote in 1 article") != std::string::npos);
  ProcessResult color = run_process(
      {NEWSDEX_SEARCH_BIN, "--db", sample_db(), "--quotes", "--color", "always", "speaker:kerry", "weakness"});
  CHECK(color.out.find("\x1b[1;31mweakness\x1b[0m") != std::string::npos);
}

TEST_CASE("--quotes refuses what it cannot check per quote, and options of article search") {
  ProcessResult r = quotes({"(title:kerry OR munich)"});
  CHECK(r.status == 2);
  CHECK(r.err.find("'title:' can only stand at the top level") != std::string::npos);
  CHECK(quotes({"title:kerry", "munich"}).status == 0);  // a condition on the article
  CHECK(quotes({"--all", "munich"}).status == 2);
  CHECK(quotes({"--count-by", "story", "munich"}).status == 2);
  ProcessResult show = run_process({NEWSDEX_SEARCH_BIN, "--db", sample_db(), "--show", "--quotes", kWorked});
  CHECK(show.status == 2);
  CHECK(show.err.find("--quotes does not apply to --show") != std::string::npos);
}

TEST_CASE("--quotes on a database of an older schema: the version message") {
  TempDir dir;
  std::string db = dir.path() + "/db";
  REQUIRE(run_process({NEWSDEX_INDEX_BIN, "--db", db, kSample + "/wire.jsonl"}).status == 0);
  {
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    w.set_metadata(std::string(newsdex::schema::kMetaSchemaVersion), "1");
    w.commit();
  }
  ProcessResult r = run_process({NEWSDEX_SEARCH_BIN, "--db", db, "--quotes", "kerry"});
  CHECK(r.status == 2);
  CHECK(r.err.find("schema version 1, this newsdex uses version " + std::to_string(newsdex::schema::kVersion)) !=
        std::string::npos);
  CHECK(r.err.find("re-index") != std::string::npos);
}

TEST_CASE("--quotes: two speaker: filters mean either speaker, as in article search") {
  auto both = quote_lines(quotes_json({"speaker:kerry", "speaker:santos", "patience"}));
  std::set<std::string> speakers;
  for (const auto& q : both) speakers.insert(q["speaker"].get<std::string>());
  CHECK(speakers == std::set<std::string>{"John Kerry", "Juan Manuel Santos"});
}
