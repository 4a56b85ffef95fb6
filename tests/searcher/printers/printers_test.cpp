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

TEST_CASE("TerminalPrinter says so when nothing matches, without a timeline heading over no bars") {
  std::ostringstream out;
  TerminalPrinter(TerminalStyle{}).print(SearchResults{}, out);
  CHECK(out.str().rfind("No articles match.", 0) == 0);
  // --timeline with no match: no buckets, nothing undated, so no heading.
  SearchResults none;
  none.timeline = Timeline{.granularity = "month", .buckets = {}};
  std::ostringstream empty_timeline;
  TerminalPrinter(TerminalStyle{}).print(none, empty_timeline);
  CHECK(empty_timeline.str().rfind("No articles match.", 0) == 0);
  // Undated matches alone still get their line under the heading.
  none.timeline->undated = 3;
  std::ostringstream undated;
  TerminalPrinter(TerminalStyle{}).print(none, undated);
  CHECK(undated.str().rfind("timeline by month (articles, exact)\n  (3 undated)\n", 0) == 0);
}

TEST_CASE("TerminalPrinter names what facet and timeline counts count: articles or stories") {
  SearchResults r = sample_results();
  r.facets.push_back(Facet{.name = "source", .values = {FacetValue{"Bellwether Times", "", 2}}, .distinct = 1});
  r.timeline = Timeline{.granularity = "year",
                        .buckets = {TimelineBucket{.label = "2016", .count = 2, .top_title = "", .top_id = ""}}};
  for (const auto& [count_by, shown] : {std::pair{"article", "articles"}, std::pair{"story", "stories"}}) {
    r.count_by = count_by;
    std::ostringstream out;
    TerminalPrinter(TerminalStyle{.color = false, .width = 80}).print(r, out);
    CAPTURE(out.str());
    CHECK(out.str().find(std::string("source (") + shown + ", exact)") != std::string::npos);
    CHECK(out.str().find(std::string("timeline by year (") + shown + ", exact)") != std::string::npos);
  }
}

namespace {

// Every field of a result filled with text a hostile article could hold: ESC
// sequences (clear screen, colours, OSC 52 clipboard write), C1 controls, bidi
// overrides, raw line breaks, invalid UTF-8.
SearchResults hostile_results() {
  const std::string evil = "\x1b[2J\x1b]52;c;ZXZpbA==\x07\u009B31m\u202Eevil\n\tline\r\xFF";
  SearchResults r = sample_results();
  Match& m = r.matches.front();
  m.title = evil + " Kerry";
  m.title_highlighted =
      Snippet{m.title, {{static_cast<std::uint32_t>(m.title.size() - 5), static_cast<std::uint32_t>(m.title.size())}}};
  m.source = "Source " + evil;
  m.id = "id\x1b[8m" + evil;
  m.url = "https://example.test/\x1b[2J";
  m.speakers = {"Speaker " + evil};
  m.countries = {CountryRef{"SY", "Syria " + evil}};
  m.snippet = Snippet{evil + " Kerry said " + evil,
                      {{static_cast<std::uint32_t>(evil.size() + 1), static_cast<std::uint32_t>(evil.size() + 6)}}};
  m.similar_count = 1;
  m.similar_sources = {"Copy " + evil};
  r.facets.push_back(Facet{.name = "speaker", .values = {FacetValue{"Name " + evil, "", 2}}, .distinct = 1});
  r.facets.push_back(Facet{.name = "country", .values = {FacetValue{"Land " + evil, "X\x1b", 2}}, .distinct = 1});
  r.timeline = Timeline{.granularity = "year",
                        .buckets = {TimelineBucket{.label = "2016", .count = 2, .top_title = evil, .top_id = "x"}}};
  r.did_you_mean = "kerry " + evil;
  return r;
}

// `s` without our own colour codes.
std::string without_our_colours(std::string s) {
  for (std::string_view code : {"\x1b[0m", "\x1b[1;31m", "\x1b[1m", "\x1b[32m"}) {
    for (std::size_t at; (at = s.find(code)) != std::string::npos;) s.erase(at, code.size());
  }
  return s;
}

// The first byte or code point in `s` that a terminal would act on, or npos:
// C0 controls but the newlines we print, DEL, C1 controls, bidi overrides and
// isolates, bytes of invalid UTF-8 (here: 0xFF).
std::size_t find_unsafe(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F || c == 0xFF) return i;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return i;
    if (c == 0xE2 && i + 2 < s.size()) {
      auto c1 = static_cast<unsigned char>(s[i + 1]), c2 = static_cast<unsigned char>(s[i + 2]);
      if ((c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE) || (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9)) return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

TEST_CASE("issue_11 TerminalPrinter shows control characters and bidi overrides of every field as escapes") {
  for (bool color : {false, true}) {
    CAPTURE(color);
    std::ostringstream out;
    TerminalPrinter(TerminalStyle{.color = color, .width = 80}).print(hostile_results(), out);
    std::string s = color ? without_our_colours(out.str()) : out.str();
    CAPTURE(s);
    CHECK(find_unsafe(s) == std::string::npos);
    // Shown, not dropped: each field still says what was there.
    CHECK(s.find("\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07\\u009b31m\\u202eevil  line \uFFFD") != std::string::npos);
    CHECK(s.find("Source \\x1b[2J") != std::string::npos);
    CHECK(s.find("id\\x1b[8m\\x1b[2J") != std::string::npos);
    CHECK(s.find("evil\\n\\tline\\r\uFFFD") != std::string::npos);  // the id: line breaks escaped
    CHECK(s.find("https://example.test/\\x1b[2J") != std::string::npos);
    CHECK(s.find("Speaker \\x1b") != std::string::npos);
    CHECK(s.find("Syria \\x1b") != std::string::npos);
    CHECK(s.find("Copy \\x1b") != std::string::npos);
    CHECK(s.find("Name \\x1b") != std::string::npos);
    CHECK(s.find("Did you mean: kerry \\x1b") != std::string::npos);
  }
}

TEST_CASE("issue_11 TerminalPrinter keeps highlights on the same words after making the text safe") {
  std::ostringstream out;
  TerminalPrinter(TerminalStyle{.color = true, .width = 0}).print(hostile_results(), out);
  std::string s = out.str();
  CAPTURE(s);
  CHECK(s.find("line \uFFFD \x1b[0m\x1b[1;31mKerry\x1b[0m\n") != std::string::npos);     // the title's last word
  CHECK(s.find("line \uFFFD \x1b[0m\x1b[1;31mKerry\x1b[0m said") != std::string::npos);  // the snippet's
}
