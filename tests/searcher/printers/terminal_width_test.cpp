// TerminalPrinter's layout at a given width: every line of a hit (title, meta
// and speakers lines, snippet) within the width in terminal columns, CJK text
// (no spaces) broken between characters, the URL kept whole. The end-to-end
// counterpart, on a real terminal, is tests/e2e/terminal_test.cpp.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/terminal_text.h"
#include "searcher/printers/quote_printer.h"
#include "searcher/printers/terminal_printer.h"
#include "searcher/quote_search.h"

using namespace newsdex::search;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string print(const SearchResults& results, std::size_t width) {
  std::ostringstream out;
  TerminalPrinter(TerminalStyle{.color = false, .width = width}).print(results, out);
  return out.str();
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

SearchResults one_hit(Match m) {
  SearchResults r;
  m.rank = 1;
  m.id = "t-1";
  r.matches.push_back(std::move(m));
  r.matches_estimated = r.matches_lower_bound = r.matches_upper_bound = r.complete_matches_estimated = 1;
  return r;
}

}  // namespace

TEST_CASE("TerminalPrinter breaks CJK snippets and titles between characters to fit the width") {
  Match m;
  m.title = repeat("交通规划", 12);  // 96 columns
  const std::string text = repeat("市政府宣布新的交通规划方案，", 10) + "专家称 zorblax 计划。";
  m.snippet = Snippet{text, {}};
  const std::string out = print(one_hit(m), 60);
  INFO(out);
  std::string joined;
  for (const std::string& line : lines_of(out)) {
    CHECK(newsdex::display_width(line) <= 60);
    joined += line.substr(line.find_first_not_of(' ') == std::string::npos ? line.size() : line.find_first_not_of(' '));
  }
  // Nothing lost: the text reads the same once the breaks are taken out.
  CHECK(joined.find(m.title) != std::string::npos);
  CHECK(joined.find(repeat("市政府宣布新的交通规划方案，", 10)) != std::string::npos);
  // Filled by columns: the snippet's first line reaches the last two columns.
  const std::vector<std::string> lines = lines_of(out);
  bool full = false;
  for (const std::string& line : lines)
    full = full || (line.find("市政府") != std::string::npos && newsdex::display_width(line) >= 59);
  CHECK(full);
}

TEST_CASE("TerminalPrinter keeps a highlight across a break inside CJK text") {
  Match m;
  m.title = "t";
  const std::string run = repeat("交通", 30);  // 120 columns, highlighted whole
  m.snippet = Snippet{run, {{0, static_cast<std::uint32_t>(run.size())}}};
  std::ostringstream out;
  TerminalPrinter(TerminalStyle{.color = true, .width = 40}).print(one_hit(m), out);
  INFO(out.str());
  // Every snippet line starts the highlight again after its indent.
  int highlighted_lines = 0;
  for (const std::string& line : lines_of(out.str())) {
    if (line.find("交通") != std::string::npos) {
      CHECK(line.find("\x1b[1;31m") != std::string::npos);
      ++highlighted_lines;
    }
  }
  CHECK(highlighted_lines >= 4);
}

TEST_CASE("TerminalPrinter wraps a long title and splits speakers and countries, but keeps the URL whole") {
  Match m;
  m.title = "Westmere harbour council weighs the quillfeather levy as fishermen and ferry operators argue";
  m.url = "https://westmere-gazette.test/2021/03/a-very-long-path-that-no-terminal-of-this-width-can-hold";
  m.speakers = {"Morwenna Trelawney", "Bartholomew Pengelly", "Genevieve Carrow-Hastings"};
  m.countries = {CountryRef{"FR", "France"}, CountryRef{"NO", "Norway"}, CountryRef{"PT", "Portugal"}};
  m.snippet = Snippet{"The harbour council met on Tuesday.", {}};
  const std::string out = print(one_hit(m), 80);
  INFO(out);
  for (const std::string& line : lines_of(out)) {
    if (line.find("https://") != std::string::npos) {
      CHECK(line == "   " + m.url);
    } else {
      CHECK(newsdex::display_width(line) <= 80);
    }
  }
  CHECK(out.find("   speakers: Morwenna Trelawney, Bartholomew Pengelly, Genevieve Carrow-Hastings\n") !=
        std::string::npos);
  CHECK(out.find("   countries: France, Norway, Portugal\n") != std::string::npos);
  // Both fit on one line at 200 columns.
  CHECK(print(one_hit(m), 200).find("Carrow-Hastings · countries: France") != std::string::npos);
}

TEST_CASE("--quotes text wraps CJK quotes by columns, as the article results do, the highlight kept per line") {
  // quote_printer wraps with the same code as TerminalPrinter
  // (terminal_layout.h): a quote in a script without spaces breaks between
  // characters instead of running past the width.
  QuoteResults r;
  QuoteHit q;
  q.rank = 1;
  q.speaker = "王伟";
  q.verb = "说";
  const std::string run = repeat("交通", 30);  // 120 columns, highlighted whole
  q.snippet = Snippet{repeat("市政府宣布新的交通规划方案，", 4) + run, {}};
  q.snippet.highlights.push_back(Highlight{static_cast<std::uint32_t>(q.snippet.text.size() - run.size()),
                                           static_cast<std::uint32_t>(q.snippet.text.size())});
  q.id = "cn-1";
  q.title = repeat("交通规划", 12);
  r.hits.push_back(q);
  r.matched = r.returned = r.articles = 1;
  std::ostringstream plain;
  print_quotes_text(r, TerminalStyle{.color = false, .width = 40}, plain);
  INFO(plain.str());
  std::string joined;
  for (const std::string& line : lines_of(plain.str())) {
    if (line.empty()) break;  // the hit ends; the summary line below is not wrapped
    CHECK(newsdex::display_width(line) <= 40);
    if (line.rfind("   ", 0) == 0) joined += line.substr(3);
  }
  CHECK(joined.find(q.snippet.text) != std::string::npos);  // nothing lost
  std::ostringstream colored;
  print_quotes_text(r, TerminalStyle{.color = true, .width = 40}, colored);
  int highlighted_lines = 0;
  for (const std::string& line : lines_of(colored.str())) {
    if (line.find("交通交通") != std::string::npos) {
      CHECK(line.find("\x1b[1;31m") != std::string::npos);
      ++highlighted_lines;
    }
  }
  CHECK(highlighted_lines >= 3);
}
