// End-to-end for the news-research features: date filters in every form,
// sorting, the timeline, "did you mean" and the collapse of wire copies, on
// tests/data/wire_copies.jsonl (see tests/data/README.md).
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
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

const std::string& copies_db() {
  return indexed_database({std::string(NEWSDEX_SOURCE_DIR) + "/tests/data/wire_copies.jsonl"});
}

}  // namespace

TEST_CASE("Date filters in every form select the right articles") {
  using Ids = std::set<std::string>;
  CHECK(hit_ids(search_json(copies_db(), {"--all", "date:2017"})) == Ids{"wc-1", "wc-2", "wc-3", "wc-4"});
  CHECK(hit_ids(search_json(copies_db(), {"date:2016-02"})) == Ids{"ot-2", "ot-3"});
  CHECK(hit_ids(search_json(copies_db(), {"date:2016-02-01..2016-02-20"})) == Ids{"ot-2"});
  CHECK(hit_ids(search_json(copies_db(), {"date:..2015"})) == Ids{"ot-1"});
  CHECK(hit_ids(search_json(copies_db(), {"date:2018.."})) == Ids{"ot-4", "ot-5", "ot-6"});
  CHECK(hit_ids(search_json(copies_db(), {"--since", "2018-03", "harbour"})) == Ids{"ot-5", "ot-6"});
  CHECK(hit_ids(search_json(copies_db(), {"--until", "2016", "government"})) == Ids{"ot-2", "ot-3"});
  CHECK(hit_ids(search_json(copies_db(), {"--all", "--since", "2017-03-15", "--until", "2017-03-15", "bridge"})) ==
        Ids{"wc-3", "wc-4"});
  // Several date: filters mean OR; other words still AND.
  CHECK(hit_ids(search_json(copies_db(), {"date:2015", "date:2019"})) == Ids{"ot-1", "ot-6"});
}

TEST_CASE("--sort newest orders by date, oldest the reverse") {
  auto dates_of = [](const std::vector<nlohmann::json>& lines) {
    std::vector<std::string> d;
    for (const auto& l : lines) {
      if (l["type"] == "hit") d.push_back(l["date"].get<std::string>());
    }
    return d;
  };
  auto newest = dates_of(search_json(copies_db(), {"--sort", "newest", "--all", "harbour"}));
  REQUIRE(newest.size() >= 5);
  CHECK(std::is_sorted(newest.rbegin(), newest.rend()));
  auto oldest = dates_of(search_json(copies_db(), {"--sort", "oldest", "--all", "harbour"}));
  CHECK(std::is_sorted(oldest.begin(), oldest.end()));
}

TEST_CASE("--timeline=year counts every match exactly, the same in text and JSON") {
  auto lines = search_json(copies_db(), {"--all", "--timeline=year", "harbour"});
  const nlohmann::json* t = find_type(lines, "timeline");
  REQUIRE(t != nullptr);
  CHECK((*t)["granularity"] == "year");
  CHECK((*t)["exact"] == true);
  std::vector<std::string> labels;
  std::uint64_t total = 0;
  for (const auto& b : (*t)["buckets"]) {
    labels.push_back(b["label"]);
    total += b["count"].get<std::uint64_t>();
  }
  CHECK(labels == std::vector<std::string>{"2015", "2016", "2017", "2018", "2019"});
  CHECK(total == hit_ids(lines).size());

  ProcessResult text = run_process({NEWSDEX_SEARCH_BIN, "--db", copies_db(), "--all", "--timeline=year", "harbour"});
  for (const auto& b : (*t)["buckets"]) {
    std::string label = b["label"];
    auto pos = text.out.find("  " + label + "  ");
    REQUIRE(pos != std::string::npos);
    std::string row = text.out.substr(pos, text.out.find('\n', pos) - pos);
    CHECK(row.ends_with(" " + std::to_string(b["count"].get<std::uint64_t>())));
  }
}

TEST_CASE("--timeline=month draws one row per month between the first and last match") {
  auto lines = search_json(copies_db(), {"--all", "--timeline=month", "date:2016..2017"});
  const nlohmann::json* t = find_type(lines, "timeline");
  REQUIRE(t != nullptr);
  CHECK((*t)["buckets"].size() == 14);  // 2016-02 .. 2017-03
  CHECK((*t)["buckets"][0]["label"] == "2016-02");
  CHECK((*t)["buckets"][0]["count"] == 2);
  CHECK((*t)["buckets"][13]["label"] == "2017-03");
  CHECK((*t)["buckets"][13]["count"] == 4);
}

TEST_CASE("--timeline-top names the best headline of each bucket") {
  auto lines = search_json(copies_db(), {"--timeline=year", "--timeline-top", "harbour"});
  const nlohmann::json* t = find_type(lines, "timeline");
  REQUIRE(t != nullptr);
  for (const auto& b : (*t)["buckets"]) {
    if (b["count"].get<int>() > 0) CHECK(b.contains("top"));
  }
}

TEST_CASE("A misspelled common word gets a suggestion; a rare real surname does not") {
  auto lines = search_json(copies_db(), {"goverment", "fares"});
  const nlohmann::json* summary = find_type(lines, "summary");
  REQUIRE(summary != nullptr);
  REQUIRE((*summary)["corrections"].size() == 1);
  CHECK((*summary)["corrections"][0]["word"] == "goverment");
  CHECK((*summary)["corrections"][0]["suggestion"] == "government");
  CHECK((*summary)["did_you_mean"] == "government fares");

  auto rare = search_json(copies_db(), {"Vantongeren"});
  CHECK((*find_type(rare, "summary"))["corrections"].empty());
  CHECK((*find_type(rare, "summary"))["did_you_mean"].is_null());

  ProcessResult text = run_process({NEWSDEX_SEARCH_BIN, "--db", copies_db(), "goverment", "fares"});
  CHECK(text.out.find("Did you mean: government fares") != std::string::npos);
}

TEST_CASE("Copies of one wire story collapse to one hit with +N similar and their outlets; --all shows every copy") {
  auto lines = search_json(copies_db(), {"Kelvin", "bridge", "cables"});
  std::vector<nlohmann::json> hits;
  for (const auto& l : lines) {
    if (l["type"] == "hit") hits.push_back(l);
  }
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["similar_count"] == 3);
  std::set<std::string> outlets(hits[0]["similar_sources"].begin(), hits[0]["similar_sources"].end());
  outlets.insert(hits[0]["source"].get<std::string>());
  CHECK(outlets == std::set<std::string>{"Tidewater Post", "Bay Chronicle", "Lantern Daily", "Quayside Times"});

  CHECK(hit_ids(search_json(copies_db(), {"--all", "Kelvin", "bridge", "cables"})).size() == 4);

  ProcessResult text = run_process({NEWSDEX_SEARCH_BIN, "--db", copies_db(), "Kelvin", "bridge", "cables"});
  CHECK(text.out.find("+3 similar articles (") != std::string::npos);
}

TEST_CASE("--count-by story counts a republished story once in the timeline") {
  auto articles = search_json(copies_db(), {"--timeline=year", "date:2017"});
  auto stories = search_json(copies_db(), {"--timeline=year", "--count-by", "story", "date:2017"});
  CHECK((*find_type(articles, "timeline"))["buckets"][0]["count"] == 4);
  CHECK((*find_type(stories, "timeline"))["buckets"][0]["count"] == 1);
  CHECK((*find_type(stories, "timeline"))["count_by"] == "story");
}

TEST_CASE("--facets source counts outlets over all matches") {
  auto lines = search_json(copies_db(), {"--facets", "source", "harbour"});
  const nlohmann::json* f = find_type(lines, "facets");
  REQUIRE(f != nullptr);
  std::uint64_t total = 0;
  for (const auto& v : (*f)["facets"]["source"]["values"]) total += v["count"].get<std::uint64_t>();
  CHECK(total == (*find_type(lines, "summary"))["complete_matches_estimated"].get<std::uint64_t>());
}
