#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "searcher/printers/json_printer.h"
#include "searcher/printers/terminal_printer.h"

using namespace newsdex::search;

namespace {

SearchResults sample_results() {
  SearchResults r;
  r.query = "Kerry Lavrov";
  Match m;
  m.rank = 1;
  m.score = 3.5;
  m.id = "bt-1";
  m.title = "Kerry meets Lavrov";
  m.title_highlighted = Snippet{"Kerry meets Lavrov", {{0, 5}, {12, 18}}};
  m.published_unix_s = 1454889600;  // 2016-02-08
  m.source = "Bellwether Times";
  m.url = "https://example.test/a";
  m.snippet = Snippet{"Kerry said he would press Lavrov in Munich.", {{0, 5}, {26, 32}}};
  r.matches.push_back(m);
  Match p = m;
  p.rank = 2;
  p.id = "bt-2";
  p.matched_all = false;
  p.url.clear();
  p.published_unix_s.reset();
  r.matches.push_back(p);
  r.matches_estimated = 7;
  r.matches_lower_bound = 7;
  r.matches_upper_bound = 7;
  r.complete_matches_estimated = 1;
  return r;
}

}  // namespace

TEST_CASE("JsonPrinter writes one hit per match then a summary, highlights as byte ranges") {
  std::ostringstream out;
  JsonPrinter().print(sample_results(), out);
  std::istringstream in(out.str());
  std::string line;
  std::vector<nlohmann::json> lines;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  REQUIRE(lines.size() == 3);
  CHECK(out.str().rfind("{\"type\":\"hit\"", 0) == 0);  // "type" first, for humans reading it
  CHECK(lines[0]["format_version"] == kJsonFormatVersion);
  CHECK(lines[0]["date"] == "2016-02-08T00:00:00Z");
  CHECK(lines[0]["snippet"]["highlights"] == nlohmann::json::parse("[[0,5],[26,32]]"));
  CHECK(lines[1]["date"].is_null());
  CHECK(lines[1]["url"].is_null());
  CHECK(lines[1]["matched_all"] == false);
  CHECK(lines[2]["type"] == "summary");
  CHECK(lines[2]["returned"] == 2);
  CHECK(lines[2]["matches_estimated"] == 7);
  CHECK(lines[2]["complete_matches_estimated"] == 1);
}

TEST_CASE("TerminalPrinter without colour prints rank, title, meta line, url and the snippet") {
  std::ostringstream out;
  TerminalPrinter(TerminalStyle{.color = false, .width = 80}).print(sample_results(), out);
  std::string s = out.str();
  CHECK(s.find("1. Kerry meets Lavrov\n   2016-02-08 · Bellwether Times · bt-1\n   https://example.test/a\n"
               "   Kerry said he would press Lavrov in Munich.\n") == 0);
  CHECK(s.find("bt-2 · partial match") != std::string::npos);
  CHECK(s.find("Results 1–2 of 7 matching articles (1 with every word).") != std::string::npos);
  CHECK(s.find("\x1b[") == std::string::npos);
}

TEST_CASE("TerminalPrinter colours exactly the highlighted bytes") {
  std::ostringstream out;
  TerminalPrinter(TerminalStyle{.color = true, .width = 80}).print(sample_results(), out);
  std::string s = out.str();
  CHECK(s.find("\x1b[1;31mKerry\x1b[0m") != std::string::npos);
  CHECK(s.find("\x1b[1;31mLavrov\x1b[0m in Munich") != std::string::npos);
}

TEST_CASE("TerminalPrinter wraps snippets at the width, never inside a word, keeping highlights") {
  SearchResults r = sample_results();
  r.matches.resize(1);
  std::string text;
  for (int i = 0; i < 30; ++i) text += "word" + std::to_string(i) + " ";
  text += "Lavrov";
  auto start = static_cast<std::uint32_t>(text.size() - 6);
  r.matches[0].snippet = Snippet{text, {{start, start + 6}}};
  std::ostringstream out;
  TerminalPrinter(TerminalStyle{.color = true, .width = 40}).print(r, out);
  std::istringstream lines(out.str());
  std::string line;
  int snippet_lines = 0;
  while (std::getline(lines, line)) {
    if (line.find("word") == std::string::npos || line.find("Results") != std::string::npos) continue;
    ++snippet_lines;
    std::string plain;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\x1b') {
        i = line.find('m', i);
        continue;
      }
      plain += line[i];
    }
    CHECK(plain.size() <= 40);
    CHECK(plain.rfind("   word", 0) == 0);  // each line indented, starting with a whole word
  }
  CHECK(snippet_lines >= 5);
  CHECK(out.str().find("\x1b[1;31mLavrov") != std::string::npos);
}

TEST_CASE("TerminalPrinter says so when nothing matches") {
  std::ostringstream out;
  TerminalPrinter(TerminalStyle{}).print(SearchResults{}, out);
  CHECK(out.str().rfind("No articles match.", 0) == 0);
}

TEST_CASE("TerminalPrinter names what facet and timeline counts count: articles or stories") {
  SearchResults r = sample_results();
  r.facets.push_back(Facet{.name = "source", .values = {FacetValue{"Bellwether Times", "", 2}}, .distinct = 1});
  r.timeline = Timeline{.granularity = "year", .buckets = {TimelineBucket{.label = "2016", .count = 2, .top_title = "", .top_id = ""}}};
  for (const auto& [count_by, shown] : {std::pair{"article", "articles"}, std::pair{"story", "stories"}}) {
    r.count_by = count_by;
    std::ostringstream out;
    TerminalPrinter(TerminalStyle{.color = false, .width = 80}).print(r, out);
    CAPTURE(out.str());
    CHECK(out.str().find(std::string("source (") + shown + ", exact)") != std::string::npos);
    CHECK(out.str().find(std::string("timeline by year (") + shown + ", exact)") != std::string::npos);
  }
}
