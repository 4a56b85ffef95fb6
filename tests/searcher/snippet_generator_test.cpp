// Tests of SnippetGenerator: which words are marked, which passage is chosen,
// and how over-long sentences are cut. Snippets are compared as text with the
// highlights drawn as [brackets].
#include "searcher/snippet_generator.h"

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/analyzer.h"

namespace newsdex::search {
namespace {

HighlightTerm word(std::string term, double weight = 1.0) {
  return HighlightTerm{.term = std::move(term), .stemmed = true, .prefix = false, .weight = weight};
}
HighlightTerm exact(std::string term, double weight = 1.0) {
  return HighlightTerm{.term = std::move(term), .stemmed = false, .prefix = false, .weight = weight};
}
HighlightTerm wildcard(std::string term, double weight = 1.0) {
  return HighlightTerm{.term = std::move(term), .stemmed = false, .prefix = true, .weight = weight};
}

HighlightSpec spec(std::vector<HighlightTerm> terms, std::vector<std::vector<std::string>> phrases = {}) {
  return HighlightSpec{std::move(terms), std::move(phrases)};
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u ? 1 : 0;
  return n;
}

// The snippet's text with each highlight drawn as [...], after checking the
// contract of Snippet: valid UTF-8, highlights sorted, non-overlapping, inside
// the text and on code point boundaries.
std::string marked(const Snippet& snippet) {
  const std::string& text = snippet.text;
  REQUIRE(analysis::is_valid_utf8(text));
  std::uint32_t previous_end = 0;
  for (const Highlight& h : snippet.highlights) {
    REQUIRE(h.start < h.end);
    REQUIRE(h.start >= previous_end);
    REQUIRE(h.end <= text.size());
    REQUIRE(analysis::is_valid_utf8(std::string_view(text).substr(h.start, h.end - h.start)));
    previous_end = h.end;
  }
  std::string out;
  std::size_t pos = 0;
  for (const Highlight& h : snippet.highlights) {
    out.append(text, pos, h.start - pos);
    out += '[';
    out.append(text, h.start, h.end - h.start);
    out += ']';
    pos = h.end;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

struct Case {
  std::string body;
  HighlightSpec spec;
  std::string expected;  // Snippet::text with highlights as [...]
};

void check_cases(const std::vector<Case>& cases, std::size_t max_chars = 240) {
  analysis::Analyzer analyzer("en");
  for (const Case& c : cases) {
    CAPTURE(c.body);
    SnippetGenerator generator(c.spec, max_chars);
    CHECK(marked(generator.make_snippet(c.body, analyzer)) == c.expected);
  }
}

// Whether every word of `snippet` (its text split at spaces, "…" removed)
// is a whole word of `body`: proof that no word was cut.
bool has_only_whole_words(std::string_view snippet, std::string_view body) {
  std::string text(snippet);
  for (std::size_t p; (p = text.find("\u2026")) != std::string::npos;) text.replace(p, 3, " ");
  std::string padded = " " + std::string(body) + " ";
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start && padded.find(" " + text.substr(start, end - start) + " ") == std::string::npos) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

TEST_CASE("SnippetGenerator highlights stemmed forms: bombing for bombs") {
  check_cases({
      {"Two bombs hit the depot. The bombing lasted an hour.", spec({word("bombs")}),
       "Two [bombs] hit the depot. The [bombing] lasted an hour."},
      {"Two bombs hit the depot. The bombing lasted an hour.", spec({word("bombing")}),
       "Two [bombs] hit the depot. The [bombing] lasted an hour."},
      // Same stem, different second letter: the stemming shortcut must not skip it.
      {"Hundreds were dying; many will die.", spec({word("die")}), "Hundreds were [dying]; many will [die]."},
      {"Two bombs hit the depot. The bombing lasted an hour.", spec({exact("bombs")}),
       "Two [bombs] hit the depot. The bombing lasted an hour."},
      {"Negotiators said negotiations were negotiated in Oslo.", spec({wildcard("negotiat")}),
       "[Negotiators] said [negotiations] were [negotiated] in Oslo."},
  });
}

TEST_CASE("SnippetGenerator stems every word where stemmers strip prefixes: Indonesian membaca for baca") {
  analysis::Analyzer analyzer("id");
  SnippetGenerator generator(spec({word("baca")}));
  CHECK(marked(generator.make_snippet("Dia membaca koran yang dibaca semua orang.", analyzer)) ==
        "Dia [membaca] koran yang [dibaca] semua orang.");
}

TEST_CASE("SnippetGenerator highlights a phrase as one span, not word by word") {
  check_cases({
      {"The foreign minister spoke first. A minister from Peru replied.",
       spec({word("minister")}, {{"foreign", "minister"}}),
       "The [foreign minister] spoke first. A [minister] from Peru replied."},
      {"Foreign ministers met. The minister of foreign affairs left.", spec({}, {{"foreign", "minister"}}),
       "Foreign ministers met. The minister of foreign affairs left."},
      {"The foreign\n   minister spoke.", spec({}, {{"foreign", "minister"}}), "The [foreign minister] spoke."},
  });
}

TEST_CASE("SnippetGenerator highlights Al-Meslet (phrase al, meslet) as one span with its hyphen") {
  check_cases({
      {"Talks resumed in Al-Meslet on Monday.", spec({}, {{"al", "meslet"}}),
       "Talks resumed in [Al-Meslet] on Monday."},
      {"Talks resumed in Al-Meslet, east of Meslet.", spec({word("meslet")}, {{"al", "meslet"}}),
       "Talks resumed in [Al-Meslet], east of [Meslet]."},
  });
}

TEST_CASE("SnippetGenerator highlights whole words whatever their form: possessives, accents, acronyms") {
  check_cases({
      {"Lavrov's aide said Lavrov would attend.", spec({word("lavrov")}),
       "[Lavrov's] aide said [Lavrov] would attend."},
      {"Lavrov\u2019s aide didn\u2019t wait.", spec({word("lavrov"), word("didnt")}),
       "[Lavrov\u2019s] aide [didn\u2019t] wait."},
      {"Banks in Z\u00fcrich and ZURICH closed.", spec({word("zurich")}),
       "Banks in [Z\u00fcrich] and [ZURICH] closed."},
      {"U.S. officials flew to Geneva. They left the U.S. on Monday.", spec({word("us")}),
       "[U.S.] officials flew to Geneva. They left the [U.S.] on Monday."},
      {"The news\u00adpaper closed.", spec({word("newspaper")}), "The [news\u00adpaper] closed."},
  });
}

TEST_CASE("SnippetGenerator handles CJK text, counting characters not bytes") {
  const std::string body =
      "\u6771\u4eac\u3067\u4f1a\u8b70\u304c\u958b\u304b\u308c\u305f\u3002"
      "\u5317\u4eac\u306e\u4ee3\u8868\u3082\u53c2\u52a0\u3057\u305f\u3002";
  // Both sentences fit in 240 characters (66 bytes, 22 characters).
  check_cases({{body, spec({word("\u5317\u4eac")}),
                "\u6771\u4eac\u3067\u4f1a\u8b70\u304c\u958b\u304b\u308c\u305f\u3002"
                "[\u5317\u4eac]\u306e\u4ee3\u8868\u3082\u53c2\u52a0\u3057\u305f\u3002"}});
  // 12 characters hold one sentence of 11: the one with the match.
  check_cases(
      {{body, spec({word("\u5317\u4eac")}), "[\u5317\u4eac]\u306e\u4ee3\u8868\u3082\u53c2\u52a0\u3057\u305f\u3002"}},
      12);
}

TEST_CASE("SnippetGenerator prefers the passage with more distinct rare words over one repeating a common word") {
  const std::string body =
      "Officials said and said again that they said little. "
      "Kerry later met Lavrov in a hotel. "
      "The weather stayed calm all day.";
  const HighlightSpec query = spec({word("said", 0.2), word("kerry", 3.0), word("lavrov", 3.0)});
  check_cases({{body, query, "[Kerry] later met [Lavrov] in a hotel."}}, 40);
  // One rare word still beats a common word three times over.
  const HighlightSpec one_rare = spec({word("said", 0.2), word("lavrov", 3.0)});
  check_cases({{body, one_rare, "Kerry later met [Lavrov] in a hotel."}}, 40);
}

TEST_CASE("SnippetGenerator chooses the sentence where Kerry, Lavrov and Munich meet") {
  const std::string body =
      "Kerry arrived on Friday for the talks. "
      "Lavrov stayed away from the press. "
      "In Munich, Kerry finally sat down with Lavrov. "
      "Munich police closed the old town.";
  const HighlightSpec query = spec({word("kerry", 2.0), word("lavrov", 2.0), word("munich", 1.5)});
  check_cases({{body, query, "In [Munich], [Kerry] finally sat down with [Lavrov]."}}, 60);
}

TEST_CASE("SnippetGenerator shows whole sentences, with no ellipsis, and fills the budget") {
  const std::string body =
      "The summit opened quietly. Delegates read statements. "
      "Then Lavrov walked out. Kerry stayed. Nobody else moved.";
  const HighlightSpec query = spec({word("lavrov")});
  // Forwards as far as fits, then the sentences before it.
  check_cases({{body, query, "Delegates read statements. Then [Lavrov] walked out. Kerry stayed. Nobody else moved."}},
              90);
  check_cases({{body, query, "Then [Lavrov] walked out. Kerry stayed."}}, 40);
  // Equal passages: the earlier one.
  check_cases({{"Lavrov spoke. Weather news. Lavrov spoke.", query, "[Lavrov] spoke."}}, 15);
}

TEST_CASE("SnippetGenerator cuts a sentence longer than the snippet around its matches, at word boundaries") {
  const std::string body =
      "Alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
      "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu.";
  SUBCASE("a match in the middle: ellipsis on both sides") {
    check_cases({{body, spec({exact("mike")}), "\u2026india juliet kilo lima [mike] november oscar papa\u2026"}}, 50);
  }
  SUBCASE("a match at the start: ellipsis only after") {
    check_cases({{body, spec({exact("alpha")}), "[Alpha] bravo charlie delta echo foxtrot golf\u2026"}}, 48);
  }
  SUBCASE("a match at the end: ellipsis only before, the full stop kept") {
    check_cases({{body, spec({exact("zulu")}), "\u2026uniform victor whiskey xray yankee [zulu]."}}, 45);
  }
  SUBCASE("the densest cluster of matches wins") {
    check_cases({{body, spec({exact("bravo"), exact("romeo"), exact("sierra"), exact("tango")}),
                  "\u2026papa quebec [romeo] [sierra] [tango] uniform\u2026"}},
                45);
  }
  SUBCASE("every budget: within max_chars, never a cut word") {
    analysis::Analyzer analyzer("en");
    for (std::size_t max_chars = 20; max_chars <= 160; max_chars += 7) {
      CAPTURE(max_chars);
      SnippetGenerator generator(spec({exact("mike"), exact("xray")}), max_chars);
      const Snippet s = generator.make_snippet(body, analyzer);
      CHECK(code_points(s.text) <= max_chars);
      CHECK(has_only_whole_words(s.text, body));
      CHECK(marked(s).find("[mike]") != std::string::npos);
    }
  }
}

TEST_CASE("SnippetGenerator never splits a multi-byte character near a cut") {
  const std::string body =
      "\u00c9l\u00e9onore \u00fcber caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u5317\u4eac \u00e7a va "
      "\u00e9t\u00e9 \u00eele fa\u00e7ade d\u00e9j\u00e0 vu Z\u00fcrich cr\u00e8me br\u00fbl\u00e9e "
      "\u00e0 la carte \u2014 pi\u00f1ata se\u00f1or \u0161koda \u0142\u00f3d\u017a \u00f8re \u00e6ther.";
  analysis::Analyzer analyzer("en");
  for (std::size_t max_chars = 8; max_chars <= 100; ++max_chars) {
    CAPTURE(max_chars);
    SnippetGenerator generator(spec({word("zurich")}), max_chars);
    const Snippet s = generator.make_snippet(body, analyzer);
    const std::string m = marked(s);  // checks UTF-8 validity
    CHECK(code_points(s.text) <= max_chars);
    CHECK(has_only_whole_words(s.text, body));
    CHECK(m.find("[Z\u00fcrich]") != std::string::npos);
  }
  check_cases({{body, spec({word("zurich")}), "\u2026d\u00e9j\u00e0 vu [Z\u00fcrich] cr\u00e8me\u2026"}}, 24);
}

TEST_CASE("SnippetGenerator cuts a word only when it alone is longer than the snippet, between characters") {
  std::string word_30;
  std::string word_100;
  for (int i = 0; i < 30; ++i) word_30 += "\u00e9";
  for (int i = 0; i < 100; ++i) word_100 += "\u00e9";  // beyond the longest term: not even a token
  const std::string nine = word_30.substr(0, 18);
  check_cases(
      {
          {word_30 + " ends here.", spec({word("absent")}), nine + "\u2026"},
          {word_100 + " ends here.", spec({word("absent")}), nine + "\u2026"},
      },
      10);
}

TEST_CASE("SnippetGenerator with no matching word shows the lead, unmarked") {
  check_cases(
      {
          {"First comes the lead. Then a second sentence. Then a third one.", spec({word("absent")}),
           "First comes the lead. Then a second sentence."},
          {"First comes the lead. Then a second sentence.", {}, "First comes the lead. Then a second sentence."},
          {"An opening sentence that runs far beyond the budget without a stop", spec({word("absent")}),
           "An opening sentence that runs far beyond the\u2026"},
          {"", spec({word("absent")}), ""},
          {" \n\t ", spec({word("absent")}), ""},
      },
      46);
}

TEST_CASE("SnippetGenerator collapses white space and keeps highlights on their words") {
  check_cases({
      {"The envoy   flew\n to   Munich\t\ton Sunday.", spec({word("munich")}), "The envoy flew to [Munich] on Sunday."},
      {"  Kerry\r\n met\n  Lavrov.\n\nLater,\tKerry left.", spec({word("kerry"), word("lavrov")}),
       "[Kerry] met [Lavrov]. Later, [Kerry] left."},
  });
}

TEST_CASE("SnippetGenerator highlight_all marks a whole title without cutting it") {
  analysis::Analyzer analyzer("en");
  SnippetGenerator generator(spec({word("kerry"), word("talk")}, {{"al", "meslet"}}), 10);
  CHECK(marked(generator.highlight_all("Kerry's talks in Al-Meslet run late into the night", analyzer)) ==
        "[Kerry's] [talks] in [Al-Meslet] run late into the night");
  CHECK(marked(generator.highlight_all("  Nothing  to see\n", analyzer)) == "Nothing to see");
  CHECK(marked(generator.highlight_all("", analyzer)).empty());
}

}  // namespace newsdex::search
