// The --show printers on hand-made ShownArticles: wrapping by display
// columns, paragraphs, quote markers and colours, sanitising, JSON fields.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "common/terminal_text.h"
#include "searcher/printers/article_json_printer.h"
#include "searcher/printers/article_text_printer.h"

using newsdex::display_width;
using newsdex::search::ArticleJsonPrinter;
using newsdex::search::ArticleStyle;
using newsdex::search::ArticleTextPrinter;
using newsdex::search::EntitiesState;
using newsdex::search::Highlight;
using newsdex::search::ShownArticle;
using newsdex::search::ShownQuote;

namespace {

std::string print_text(const ShownArticle& a, bool color, std::size_t width) {
  std::ostringstream out;
  ArticleTextPrinter(ArticleStyle{.color = color, .width = width}).print(a, true, out);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The text without ANSI colour sequences (ESC [ ... m).
std::string strip_ansi(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      i = s.find('m', i);
      if (i == std::string::npos) break;
      continue;
    }
    out += s[i];
  }
  return out;
}

// The lines of the body: those after the first blank line.
std::vector<std::string> body_lines(const std::string& text) {
  std::vector<std::string> all = lines_of(text);
  std::vector<std::string> body;
  bool in_body = false;
  for (const std::string& line : all) {
    if (in_body) body.push_back(line);
    if (line.empty()) in_body = true;
  }
  return body;
}

// The words of `text` (split at white space), in order.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

ShownArticle article(std::string body) {
  ShownArticle a;
  a.id = "bt-1";
  a.title = "Kerry presses Lavrov";
  a.published_unix_s = 1454969400;  // 2016-02-08 22:10 UTC
  a.source = "Bellwether Times";
  a.author = "Marisol Quintero";
  a.url = "https://bellwether-times.test/a";
  a.body = std::move(body);
  return a;
}

// A quote of `a` at the first occurrence of `text` in its body.
ShownQuote quote_at(const ShownArticle& a, const std::string& speaker, const std::string& text) {
  std::size_t at = a.body.find(text);
  REQUIRE(at != std::string::npos);
  return ShownQuote{speaker, "said", text, at, at + text.size()};
}

const std::string kLong =
    "BOGOTÁ — U.S. Secretary of State John Kerry said on Monday that the bombing around Aleppo was threatening "
    "to wreck the peace effort, and warned that Washington would not allow negotiations to serve as a cover.";

}  // namespace

TEST_CASE("--show text: the header holds title, date · source · author · id, URL and the entity lists") {
  ShownArticle a = article("Body.");
  a.speakers = {"John Kerry", "Juan Manuel Santos"};
  a.countries = {{"CO", "Colombia"}, {"SY", "Syria"}};
  a.persons = {"John Kerry"};
  a.organizations = {"U.N."};
  std::vector<std::string> lines = lines_of(print_text(a, false, 80));
  REQUIRE(lines.size() >= 8);
  CHECK(lines[0] == "Kerry presses Lavrov");
  CHECK(lines[1] == "2016-02-08 22:10 UTC · Bellwether Times · by Marisol Quintero · bt-1");
  CHECK(lines[2] == "https://bellwether-times.test/a");
  CHECK(lines[3] == "speakers:      John Kerry, Juan Manuel Santos");
  CHECK(lines[4] == "countries:     Colombia (CO), Syria (SY)");
  CHECK(lines[5] == "persons:       John Kerry");
  CHECK(lines[6] == "organizations: U.N.");
  CHECK(lines[7].empty());
  CHECK(lines[8] == "Body.");
}

TEST_CASE("--show text: a date without a time (midnight UTC) is shown as the date alone") {
  ShownArticle a = article("Body.");
  a.published_unix_s = 1454889600;  // 2016-02-08 00:00:00 UTC
  CHECK(lines_of(print_text(a, false, 80))[1] == "2016-02-08 · Bellwether Times · by Marisol Quintero · bt-1");
}

TEST_CASE("--show text: an article indexed without entities, or with a damaged summary, says so") {
  ShownArticle a = article("Body.");
  a.entities = EntitiesState::kNotExtracted;
  CHECK(print_text(a, false, 80).find("entities:      not extracted (indexed with --no-entities)\n") !=
        std::string::npos);
  a.entities = EntitiesState::kDamaged;
  a.entities_error = "\"persons\" is not a list";
  CHECK(print_text(a, false, 80).find("the stored summary is damaged: \"persons\" is not a list") != std::string::npos);
}

TEST_CASE("--show text: paragraphs are wrapped to the width, words whole, blank lines between paragraphs") {
  ShownArticle a = article(kLong + "\n\nSecond paragraph,\nhard-wrapped\n  as wire copy is.\n \n\nThird.");
  for (std::size_t width : {20U, 33U, 40U, 80U}) {
    CAPTURE(width);
    std::string text = print_text(a, false, width);
    std::vector<std::string> body = body_lines(text);
    std::vector<std::string> paragraphs(1);
    for (const std::string& line : body) {
      CHECK(display_width(line) <= width);
      CHECK_FALSE(line.starts_with(" "));
      if (line.empty()) {
        paragraphs.emplace_back();
      } else {
        paragraphs.back() += (paragraphs.back().empty() ? "" : " ") + line;
      }
    }
    REQUIRE(paragraphs.size() == 3);
    CHECK(words_of(paragraphs[0]) == words_of(kLong));
    CHECK(paragraphs[1] == "Second paragraph, hard-wrapped as wire copy is.");
    CHECK(paragraphs[2] == "Third.");
  }
}

TEST_CASE("--show text: lines are filled: the next word would not have fitted") {
  ShownArticle a = article(kLong);
  const std::size_t width = 40;
  std::vector<std::string> body = body_lines(print_text(a, false, width));
  for (std::size_t i = 0; i + 1 < body.size(); ++i) {
    std::string next_word = words_of(body[i + 1]).front();
    CHECK(display_width(body[i]) + 1 + display_width(next_word) > width);
  }
}

TEST_CASE("--show text: CJK text wraps between characters by display columns, never before 。") {
  std::string body;
  for (int i = 0; i < 6; ++i) body += "美国国务卿克里周一表示，俄罗斯在阿勒颇附近的轰炸正在威胁和平努力。";
  ShownArticle a = article(body);
  a.title = "克里与拉夫罗夫在慕尼黑会谈，讨论叙利亚停火问题";
  const std::size_t width = 30;
  std::string text = print_text(a, false, width);
  std::vector<std::string> lines = lines_of(text);
  CHECK(display_width(lines[0]) <= width);
  std::vector<std::string> body_out = body_lines(text);
  REQUIRE(body_out.size() > 3);
  std::string joined;
  for (std::size_t i = 0; i < body_out.size(); ++i) {
    CAPTURE(body_out[i]);
    CHECK(display_width(body_out[i]) <= width);
    CHECK_FALSE(body_out[i].starts_with("。"));
    CHECK_FALSE(body_out[i].starts_with("，"));
    if (i + 1 < body_out.size()) CHECK(display_width(body_out[i]) >= width - 2);  // filled, not one word a line
    joined += body_out[i];
  }
  CHECK(joined == body);  // no spaces added between CJK characters
}

TEST_CASE("--show text: a word wider than the line is cut at character boundaries") {
  const std::string url = "https://example.test/" + std::string(70, 'x') + "/ünïcödé";
  ShownArticle a = article("See " + url + " now.");
  std::vector<std::string> body = body_lines(print_text(a, false, 25));
  std::string joined;
  for (const std::string& line : body) {
    CHECK(display_width(line) <= 25);
    joined += line;
  }
  CHECK(joined == "See" + url + "now.");  // cut pieces carry no spaces
}

TEST_CASE("--show text without colour: quotes get inline markers with their speaker, quotation marks inside") {
  ShownArticle a = article(
      "Kerry said that Washington would not allow talks to serve \"as a cover.\"\n\n"
      "\u201cWe will see,\u201d he said. An aide said the talks were off, \u201cfor now\u201d.");
  a.speakers = {"John Kerry"};
  a.quotes = {quote_at(a, "John Kerry", "Washington would not allow talks to serve \"as a cover.\""),
              quote_at(a, "John Kerry", "as a cover."),  // nested, same speaker: one marked stretch
              quote_at(a, "John Kerry", "We will see,"), quote_at(a, "", "the talks were off,"),
              quote_at(a, "Nameless Aide", "for now")};
  std::string text = print_text(a, false, 200);
  CHECK(text.find("Kerry said that [[John Kerry: Washington would not allow talks to serve \"as a cover.\"]]\n") !=
        std::string::npos);
  CHECK(text.find("[[John Kerry: \u201cWe will see,\u201d]] he said.") != std::string::npos);
  CHECK(text.find("An aide said [[unattributed: the talks were off,]] [[Nameless Aide: \u201cfor now\u201d]].") !=
        std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
}

TEST_CASE("--show text: a quote of another speaker inside a quote is marked as its own, the outer one resumes") {
  ShownArticle a = article("Kerry said Lavrov told him \"we agree\" on the plan.");
  a.speakers = {"John Kerry", "Sergey Lavrov"};
  a.quotes = {quote_at(a, "John Kerry", "Lavrov told him \"we agree\" on the plan."),
              quote_at(a, "Sergey Lavrov", "we agree")};
  std::string text = print_text(a, false, 200);
  CHECK(text.find("Kerry said [[John Kerry: Lavrov told him]] [[Sergey Lavrov: \"we agree\"]] [[John Kerry: on the "
                  "plan.]]") != std::string::npos);
}

TEST_CASE("--show text: a quote spanning paragraphs keeps its marks open across the break") {
  ShownArticle a = article("\"We need a date.\n\nAnd access,\" Kerry said.");
  a.quotes = {quote_at(a, "John Kerry", "We need a date.\n\nAnd access,")};
  std::string text = print_text(a, false, 80);
  CHECK(text.find("[[John Kerry: \"We need a date.\n\nAnd access,\"]] Kerry said.") != std::string::npos);
}

TEST_CASE("--show text with colour: matches in bold red, quotes in the speaker's colour with a margin note") {
  ShownArticle a = article(kLong +
                           "\n\nThen: \u201cNobody should mistake patience for weakness, and nobody should "
                           "think that we will wait for ever,\u201d Kerry said in Munich.");
  a.speakers = {"John Kerry"};
  a.quotes = {quote_at(a, "John Kerry",
                       "Nobody should mistake patience for weakness, and nobody should think that we will "
                       "wait for ever,")};
  std::size_t munich = a.body.find("Munich");
  a.body_highlights = {
      Highlight{static_cast<std::uint32_t>(a.body.find("Kerry")), static_cast<std::uint32_t>(a.body.find("Kerry") + 5)},
      Highlight{static_cast<std::uint32_t>(munich), static_cast<std::uint32_t>(munich + 6)}};
  a.title_highlights = {Highlight{0, 5}};
  const std::size_t width = 60;
  std::string text = print_text(a, true, width);
  CHECK(text.find("\x1b[1;31mKerry\x1b[0m") != std::string::npos);                        // match in the body
  CHECK(text.find("\x1b[1m\x1b[1;31mKerry\x1b[0m\x1b[1m presses") != std::string::npos);  // in the bold title
  CHECK(text.find("\x1b[1;31mMunich") != std::string::npos);
  CHECK(text.find("\x1b[36m\u201cNobody") != std::string::npos);  // the first speaker's colour, quotation mark included
  CHECK(text.find("[[") == std::string::npos);                    // the margin says who, not markers
  std::vector<std::string> body = body_lines(strip_ansi(text));
  // Margin: "John Kerry ▌ " where the quote starts, "           ▌ " on its other lines, blanks elsewhere.
  bool note_seen = false;
  std::size_t bars = 0;
  for (const std::string& line : body) {
    if (line.empty()) continue;
    CHECK(display_width(line) <= width);
    if (line.starts_with("John Kerry ▌ ")) note_seen = true;
    if (line.find("▌") != std::string::npos) ++bars;
    if (line.find("Nobody") != std::string::npos) CHECK(line.starts_with("John Kerry ▌ "));
    if (line.find("Aleppo") != std::string::npos) CHECK(line.starts_with("             "));
  }
  CHECK(note_seen);
  CHECK(bars >= 2);  // the quote takes more than one line at this width
}

TEST_CASE("--show text with colour on a narrow terminal: markers instead of the margin, in colour") {
  ShownArticle a = article("Then \"we will see\" he said.");
  a.speakers = {"John Kerry"};
  a.quotes = {quote_at(a, "John Kerry", "we will see")};
  std::string text = print_text(a, true, 50);  // a 13-column margin would leave 37
  CHECK(strip_ansi(text).find("[[John Kerry: \"we will see\"]]") != std::string::npos);
  CHECK(text.find("\x1b[36m[[John Kerry: ") != std::string::npos);
  CHECK(text.find("▌") == std::string::npos);
}

TEST_CASE("--show text: control characters of the stored text are shown, not executed") {
  ShownArticle a = article("Evil \x1b[2J clear and \x1b]52;c;AAAA\x07 clipboard, \u202e reversed.");
  a.title = "Title \x1b[31m red";
  a.speakers = {"Kerry\x1b[5m"};
  std::string plain = print_text(a, false, 80);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(plain.find('\x07') == std::string::npos);
  CHECK(plain.find("\\x1b[2J") != std::string::npos);
  CHECK(plain.find("\u202e") == std::string::npos);
  std::string colored = print_text(a, true, 80);
  CHECK(colored.find("\x1b[2J") == std::string::npos);
  CHECK(colored.find("\x1b]52") == std::string::npos);
}

TEST_CASE("--show text: several articles are separated by a rule") {
  ShownArticle a = article("One.");
  std::ostringstream out;
  ArticleTextPrinter printer(ArticleStyle{.color = false, .width = 30});
  printer.print(a, true, out);
  printer.print(a, false, out);
  std::string text = out.str();
  std::string rule;
  for (int i = 0; i < 30; ++i) rule += "─";
  CHECK(text.find("One.\n\n" + rule + "\n\nKerry presses Lavrov\n") != std::string::npos);
}

TEST_CASE("--show --json: one article object with body, highlights, entities and located quotes") {
  ShownArticle a = article("Kerry said \"we will see\".");
  a.lang = "";
  a.speakers = {"John Kerry"};
  a.countries = {{"SY", "Syria"}};
  a.quotes = {quote_at(a, "John Kerry", "we will see"), ShownQuote{"", "said", "not in the body", {}, {}}};
  a.body_highlights = {Highlight{0, 5}};
  std::ostringstream out;
  ArticleJsonPrinter().print(a, true, out);
  std::string text = out.str();
  REQUIRE(text.ends_with("\n"));
  CHECK(text.find('\n') == text.size() - 1);  // one line
  nlohmann::json j = nlohmann::json::parse(text);
  CHECK(j["type"] == "article");
  CHECK(j["format_version"] == 1);
  CHECK(j["id"] == "bt-1");
  CHECK(j["date"] == "2016-02-08T22:10:00Z");
  CHECK(j["lang"] == "en");
  CHECK(j["body"] == a.body);
  CHECK(j["body_highlights"] == nlohmann::json::parse("[[0,5]]"));
  CHECK(j["title_highlights"] == nlohmann::json::array());
  CHECK(j["entities"] == "extracted");
  CHECK_FALSE(j.contains("entities_error"));
  CHECK(j["countries"][0]["code"] == "SY");
  REQUIRE(j["quotes"].size() == 2);
  CHECK(j["quotes"][0]["speaker"] == "John Kerry");
  CHECK(j["quotes"][0]["start"] == a.body.find("we will see"));
  CHECK(j["quotes"][0]["end"] == a.body.find("we will see") + 11);
  CHECK(j["quotes"][1]["speaker"].is_null());
  CHECK(j["quotes"][1]["start"].is_null());
  a.entities = EntitiesState::kDamaged;
  a.entities_error = "no \"quotes\" list";
  std::ostringstream damaged;
  ArticleJsonPrinter().print(a, true, damaged);
  nlohmann::json d = nlohmann::json::parse(damaged.str());
  CHECK(d["entities"] == "damaged");
  CHECK(d["entities_error"] == "no \"quotes\" list");
}
