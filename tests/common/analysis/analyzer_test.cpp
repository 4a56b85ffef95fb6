// The analyzer is the contract between indexing, querying and highlighting:
// these tables pin how words are split and normalised.
#include "common/analysis/analyzer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using newsdex::analysis::Analyzer;
using newsdex::analysis::Token;

namespace {

std::vector<std::string> terms(std::string_view text) {
  Analyzer analyzer("en");
  std::vector<std::string> out;
  for (const Token& t : analyzer.tokenize(text)) out.push_back(t.term);
  return out;
}

std::string surfaces(std::string_view text) {
  Analyzer analyzer("en");
  std::string out;
  for (const Token& t : analyzer.tokenize(text)) {
    if (!out.empty()) out += "|";
    out += std::string(text.substr(t.start, t.end - t.start));
  }
  return out;
}

}  // namespace

TEST_CASE("Analyzer normalises the tricky words of news text") {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"Lavrov's", {"lavrov"}},
      {"Lavrov\xE2\x80\x99s", {"lavrov"}},  // curly apostrophe
      {"U.S.", {"us"}},
      {"u.s.", {"us"}},
      {"US", {"us"}},
      {"U.N. Security Council", {"un", "security", "council"}},
      {"Al-Meslet", {"al", "meslet"}},
      {"COVID-19", {"covid", "19"}},
      {"2254", {"2254"}},
      {"3.5 percent", {"3.5", "percent"}},
      {"1,200", {"1200"}},
      {"Z\xC3\xBCrich", {"zurich"}},  // Zürich
      {"ZURICH", {"zurich"}},
      {"Zu\xCC\x88rich", {"zurich"}},          // decomposed ü
      {"S\xC3\xA3o Paulo", {"sao", "paulo"}},  // São Paulo
      {"\xC3\x98rsted", {"orsted"}},           // Ørsted
      {"Stra\xC3\x9F"
       "e",
       {"strasse"}},  // Straße
      {"O'Brien", {"obrien"}},
      {"example.com", {"example", "com"}},
      {"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", {"abc"}},  // full-width ＡＢＣ
      {"Zu\xC2\xADrich", {"zurich"}},                     // soft hyphen inside
      {"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
       {"\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"}},  // Москва
      {"\"Hello,\" he said.", {"hello", "he", "said"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(terms(c.text) == c.expected);
  }
}

TEST_CASE("Analyzer segments Chinese and Japanese with ICU dictionaries") {
  // 北京是中国的首都 -> 北京 | 是 | 中国 | 的 | 首都
  CHECK(terms("\xE5\x8C\x97\xE4\xBA\xAC\xE6\x98\xAF\xE4\xB8\xAD\xE5\x9B\xBD\xE7\x9A\x84\xE9\xA6\x96\xE9\x83\xBD") ==
        std::vector<std::string>{"\xE5\x8C\x97\xE4\xBA\xAC", "\xE6\x98\xAF", "\xE4\xB8\xAD\xE5\x9B\xBD", "\xE7\x9A\x84",
                                 "\xE9\xA6\x96\xE9\x83\xBD"});
  CHECK(terms("\xE6\x9D\xB1\xE4\xBA\xAC").size() == 1);  // 東京
}

TEST_CASE("Analyzer keeps byte offsets into the original text when folding") {
  CHECK(surfaces("Z\xC3\xBCrich's U.S.-led talks") == "Z\xC3\xBCrich's|U.S|led|talks");
  CHECK(surfaces("  ZÜRICH,  Müller!") == "ZÜRICH|Müller");
}

TEST_CASE("Analyzer stems with Snowball per language and keeps exact terms apart") {
  Analyzer en("en");
  CHECK(en.stem("bombing") == en.stem("bombs"));
  CHECK(en.language() == "en");
  Analyzer de("german");
  CHECK(de.language() == "de");
  Analyzer none("xx");
  CHECK(none.language().empty());
  CHECK(none.stem("bombing") == "bombing");
}

TEST_CASE("Analyzer::sentences joins hard-wrapped lines and respects abbreviations") {
  Analyzer a("en");
  std::string text = "Mr. Kerry spoke in\nMunich. \"Yes,\" he said.\n\nU.S. officials agreed";
  std::vector<std::string> got;
  for (auto s : a.sentences(text)) got.push_back(text.substr(s.start, s.end - s.start));
  CHECK(got == std::vector<std::string>{"Mr. Kerry spoke in\nMunich.", "\"Yes,\" he said.", "U.S. officials agreed"});
}

TEST_CASE("Analyzer::sentences does not end a sentence at a dotted acronym inside it") {
  Analyzer a("en");
  std::string text =
      "UNITED NATIONS, Dec 18 - The U.N. Security Council voted. Then it adjourned.\n\nThe U.N.\n\nNext.";
  std::vector<std::string> got;
  for (auto s : a.sentences(text)) got.push_back(text.substr(s.start, s.end - s.start));
  CHECK(got == std::vector<std::string>{"UNITED NATIONS, Dec 18 - The U.N. Security Council voted.",
                                        "Then it adjourned.", "The U.N.", "Next."});
}

TEST_CASE("is_valid_utf8 rejects malformed sequences and says where") {
  std::size_t at = 0;
  CHECK(newsdex::analysis::is_valid_utf8("plain Z\xC3\xBCrich \xE5\x8C\x97"));
  CHECK_FALSE(
      newsdex::analysis::is_valid_utf8("ab\xFF"
                                       "cd",
                                       &at));
  CHECK(at == 2);
  CHECK_FALSE(newsdex::analysis::is_valid_utf8("\xC0\xAF"));      // overlong
  CHECK_FALSE(newsdex::analysis::is_valid_utf8("\xED\xA0\x80"));  // surrogate
  CHECK_FALSE(newsdex::analysis::is_valid_utf8("truncated \xE5\x8C"));
  // ASCII is skipped eight bytes at a time: a bad byte at every place after
  // and inside such runs is found, and where.
  for (std::size_t i = 0; i < 40; ++i) {
    std::string text(40, 'a');
    text[i] = '\xFF';
    CAPTURE(i);
    CHECK_FALSE(newsdex::analysis::is_valid_utf8(text, &at));
    CHECK(at == i);
    text[i] = '\xC3';
    text.insert(i + 1, 1, '\xA9');
    CHECK(newsdex::analysis::is_valid_utf8(text));
  }
}

TEST_CASE("ascii_prefix is the length of the leading ASCII, wherever the first high byte falls") {
  CHECK(newsdex::analysis::ascii_prefix("") == 0);
  CHECK(newsdex::analysis::ascii_prefix("plain text, all of it ASCII") == 27);
  CHECK(newsdex::analysis::ascii_prefix("\xC3\xA9t\xC3\xA9") == 0);
  for (std::size_t size = 1; size < 30; ++size) {
    for (std::size_t i = 0; i < size; ++i) {
      std::string text(size, '\x7F');
      text[i] = '\x80';
      CAPTURE(size);
      CAPTURE(i);
      CHECK(newsdex::analysis::ascii_prefix(text) == i);
    }
  }
}

TEST_CASE("fold and normalize_value match what tokenize produces") {
  Analyzer a("en");
  CHECK(newsdex::analysis::fold("Syri") == "syri");
  CHECK(newsdex::analysis::fold("U.S.") == "us");
  CHECK(newsdex::analysis::fold("...").empty());
  CHECK(newsdex::analysis::normalize_value(a, "  Harbor   LEDGER ") == "harbor ledger");
  CHECK(newsdex::analysis::is_stopword("the"));
  CHECK_FALSE(newsdex::analysis::is_stopword("us"));
}

TEST_CASE("language_code: names, codes and tags to the code the index records") {
  using newsdex::analysis::language_code;
  CHECK(language_code("en") == "en");
  CHECK(language_code(" EN-us ") == "en");
  CHECK(language_code("en_GB") == "en");
  CHECK(language_code("English") == "en");
  CHECK(language_code("german") == "de");
  CHECK(language_code("german-AT") == "de");
  CHECK(language_code("\tnl\n") == "nl");
  // Codes without a stemmer are kept when they have a code's shape.
  CHECK(language_code("ja") == "ja");
  CHECK(language_code("zh-Hant") == "zh");
  CHECK(language_code("HAW") == "haw");
  CHECK(language_code("-US") == "en");  // no primary subtag
  CHECK(language_code("").empty());
  CHECK(language_code("   ").empty());
  CHECK(language_code("klingon-ish").empty());
  CHECK(language_code("klingon").empty());
  CHECK(language_code("e").empty());
  CHECK(language_code("x1").empty());
  CHECK(language_code("abcd").empty());
  CHECK(language_code("\xc3\xa9s").empty());  // not ASCII
}

TEST_CASE("has_stemmer: the codes Xapian stems, which Analyzer then stems") {
  using newsdex::analysis::has_stemmer;
  CHECK(has_stemmer("en"));
  CHECK(has_stemmer("de"));
  CHECK(has_stemmer("ta"));
  CHECK_FALSE(has_stemmer("ja"));
  CHECK_FALSE(has_stemmer("english"));  // codes only
  CHECK_FALSE(has_stemmer(""));
  CHECK(Analyzer("German").language() == "de");
  CHECK(Analyzer("de-AT").language() == "de");
  CHECK(Analyzer("").language() == "en");
  CHECK(Analyzer("ja").language().empty());
  CHECK(Analyzer("klingon").language().empty());
}
