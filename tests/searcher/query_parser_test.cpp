#include "searcher/query_parser.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/schema.h"
#include "searcher/query_builder.h"

namespace newsdex::search {
namespace {

// A compact rendering of a parse tree: +word / -word for required and excluded
// items, "a b" for phrases, field:term, source=value for filters,
// (...) for groups, (OR ...) and (NEAR/n ...).
std::string describe(const QueryNode& node) {
  std::string out;
  if (node.occurrence == Occurrence::kRequired) out += '+';
  if (node.occurrence == Occurrence::kExcluded) out += '-';
  std::string field = node.field == nullptr ? "" : std::string(node.field->name);
  auto children = [&](std::string head) {
    for (std::size_t i = 0; i < node.children.size(); ++i) head += (i ? " " : "") + describe(node.children[i]);
    return head + ")";
  };
  switch (node.kind) {
    case NodeKind::kWord:
      out += (field.empty() ? "" : field + ":") + node.terms.front();
      break;
    case NodeKind::kPhrase: {
      out += (field.empty() ? "" : field + ":") + "\"";
      for (std::size_t i = 0; i < node.terms.size(); ++i) out += (i ? " " : "") + node.terms[i];
      out += "\"";
      break;
    }
    case NodeKind::kWildcard:
      out += (field.empty() ? "" : field + ":") + node.terms.front() + "*";
      break;
    case NodeKind::kFilter:
      out += field + "=" + node.terms.front();
      break;
    case NodeKind::kGroup:
      out += children("(");
      break;
    case NodeKind::kOr:
      out += children("(OR ");
      break;
    case NodeKind::kNear:
      out += children("(NEAR/" + std::to_string(node.window) + " ");
      break;
  }
  return out;
}

std::string parse(std::string_view text) {
  analysis::Analyzer analyzer("en");
  return describe(parse_query(text, analyzer));
}

struct Case {
  std::string_view query;
  std::string_view tree;
};

void check_table(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    CAPTURE(c.query);
    CHECK(parse(c.query) == c.tree);
  }
}

}  // namespace

TEST_CASE("parse_query groups juxtaposed words and phrases") {
  check_table({
      {"Kerry", "(kerry)"},
      {"Kerry Lavrov", "(kerry lavrov)"},
      {"\"peace talks\" Geneva", "(\"peace talks\" geneva)"},
      {"\"Kerry\"", "(\"kerry\")"},  // a quoted word stays exact: a one-term phrase
      {"  Kerry \t Lavrov\n", "(kerry lavrov)"},
      {"東京\xE3\x80\x80大阪", "(東京 大阪)"},  // ideographic space separates words
  });
}

TEST_CASE("parse_query treats a word with several tokens as a phrase") {
  check_table({
      {"Al-Meslet", "(\"al meslet\")"},
      {"COVID-19", "(\"covid 19\")"},
      {"U.S.-led", "(\"us led\")"},
      {"U.S.", "(us)"},
      {"Kerry's", "(kerry)"},
  });
}

TEST_CASE("parse_query ignores words that analyse to nothing, with their sign") {
  check_table({
      {"Kerry - Lavrov", "(kerry lavrov)"},
      {"Kerry -... Lavrov", "(kerry lavrov)"},
      {"Kerry \"...\" Lavrov", "(kerry lavrov)"},
      {"Kerry (Lavrov -)", "(kerry lavrov)"},
      {"C++", "(c)"},
  });
}

TEST_CASE("parse_query marks + and - items as required and excluded") {
  check_table({
      {"Kerry -Lavrov", "(kerry -lavrov)"},
      {"+Kerry Lavrov", "(+kerry lavrov)"},
      {"-\"peace talks\" Geneva", "(-\"peace talks\" geneva)"},
      {"Geneva -(Kerry Lavrov)", "(geneva -(kerry lavrov))"},
      {"Geneva +(Kerry OR Lavrov)", "(geneva +(OR (kerry) (lavrov)))"},
      {"-Lavrov", "(-lavrov)"},
      {"--Lavrov", "(-lavrov)"},
  });
}

TEST_CASE("parse_query makes both sides of AND required and reads NOT as exclusion") {
  check_table({
      {"Kerry AND Lavrov", "(+kerry +lavrov)"},
      {"Geneva Kerry AND Lavrov", "(geneva +kerry +lavrov)"},
      {"Kerry NOT Lavrov", "(kerry -lavrov)"},
      {"Kerry AND NOT Lavrov", "(+kerry -lavrov)"},
      {"Kerry NOT Lavrov Geneva", "(kerry -lavrov geneva)"},
      {"NOT Lavrov", "(-lavrov)"},
      {"Kerry AND -Lavrov", "(+kerry -lavrov)"},
  });
}

TEST_CASE("parse_query gives OR the loosest binding and NEAR the tightest") {
  check_table({
      {"Kerry OR Lavrov", "(OR (kerry) (lavrov))"},
      {"Kerry Lavrov OR Putin", "(OR (kerry lavrov) (putin))"},
      {"Kerry OR Lavrov Putin", "(OR (kerry) (lavrov putin))"},
      {"Kerry AND Lavrov OR Putin", "(OR (+kerry +lavrov) (putin))"},
      {"(Kerry OR Lavrov) Putin", "((OR (kerry) (lavrov)) putin)"},
      {"Kerry NEAR Lavrov Putin", "((NEAR/10 kerry lavrov) putin)"},
      {"Kerry NEAR Lavrov OR Putin", "(OR ((NEAR/10 kerry lavrov)) (putin))"},
      {"Kerry NEAR Lavrov NEAR Putin", "((NEAR/10 kerry lavrov putin))"},
      {"Kerry NEAR/3 Lavrov", "((NEAR/3 kerry lavrov))"},
      {"Kerry NEAR \"peace talks\"", "((NEAR/10 kerry \"peace talks\"))"},
      {"-(Kerry NEAR Lavrov)", "(-(NEAR/10 kerry lavrov))"},
  });
}

TEST_CASE("parse_query treats lower-case and, or, not and signed operators as words") {
  check_table({
      {"rock and roll", "(rock roll)"},  // "and" is a stopword
      {"war or peace", "(war peace)"},
      {"+AND Kerry", "(+and kerry)"},
      {"\"OR\"", "(\"or\")"},
      {"\"NEAR/abc\" Kerry", "(\"near abc\" kerry)"},  // quoted: the text, not an operator
      {"+NEAR/abc Kerry", "(+\"near abc\" kerry)"},
      {"near/abc Kerry", "(\"near abc\" kerry)"},
  });
}

TEST_CASE("parse_query unwraps parentheses around a single item or group") {
  check_table({
      {"(Kerry)", "(kerry)"},
      {"((Kerry Lavrov))", "(kerry lavrov)"},
      {"-(Kerry)", "(-kerry)"},
      {"(Kerry OR Lavrov)", "(OR (kerry) (lavrov))"},
  });
}

TEST_CASE("parse_query drops stopwords from implicit groups only when something else remains") {
  check_table({
      {"the talks", "(talks)"},
      {"the who", "(the who)"},  // every word a stopword: keep them
      {"to be or not to be", "(to be or not to be)"},
      {"+the talks", "(+the talks)"},        // asked for
      {"the AND talks", "(+the +talks)"},    // asked for
      {"\"the talks\"", "(\"the talks\")"},  // inside a phrase
      {"the -talks", "(the -talks)"},        // dropping it would leave only an exclusion
      {"the (Kerry OR Lavrov)", "(OR (kerry) (lavrov))"},
      {"title:the Kerry", "(kerry)"},          // free-text fields too
      {"the OR Kerry", "(OR (the) (kerry))"},  // each side is its own group
      {"the NEAR Kerry", "((NEAR/10 the kerry))"},
  });
}

TEST_CASE("parse_query recognises every field of schema::kQueryFields, case-insensitively") {
  for (const schema::QueryField& field : schema::kQueryFields) {
    if (field.kind == schema::FieldKind::kDate) continue;  // takes dates, not words: see the date: test
    if (field.prefix == schema::kPrefixCountry) continue;  // takes countries: see the country: test
    if (field.prefix == schema::kPrefixLang) continue;     // takes languages: see the lang: test
    std::string name(field.name);
    for (std::string spelling : {name, std::string(1, static_cast<char>(name[0] - 'a' + 'A')) + name.substr(1)}) {
      CAPTURE(spelling);
      analysis::Analyzer analyzer("en");
      QueryNode root = parse_query(spelling + ":Geneva", analyzer);
      REQUIRE(root.children.size() == 1);
      const QueryNode& item = root.children.front();
      // Entity name fields given one word use their word-level twin (same name).
      CHECK(item.field->name == field.name);
      CHECK(item.kind == (field.kind == schema::FieldKind::kBoolean ? NodeKind::kFilter : NodeKind::kWord));
      CHECK(item.terms == std::vector<std::string>{"geneva"});
    }
  }
}

TEST_CASE("parse_query reads field phrases, wildcards and filter values") {
  check_table({
      {"title:\"peace talks\"", "(title:\"peace talks\")"},
      {"title:Al-Meslet", "(title:\"al meslet\")"},
      {"-title:Kerry", "(-title:kerry)"},
      {"title:Syri*", "(title:syri*)"},
      {"source:\"Harbor Ledger\"", "(source=harbor ledger)"},
      {"source:\"harbor   LEDGER\"", "(source=harbor ledger)"},
      {"lang:en", "(lang=en)"},
      {"lang:English", "(lang=en)"},
      {"lang:de-AT", "(lang=de)"},
      {"LANG:EN", "(lang=en)"},
      {"-source:Wire Kerry", "(-source=wire kerry)"},
  });
}

TEST_CASE("parse_query keeps an unknown name: as ordinary text") {
  check_table({
      {"xyz:foo", "(\"xyz foo\")"},
      {"http://example.com", "(\"http example com\")"},
      {"10:30", "(\"10 30\")"},
  });
}

TEST_CASE("parse_query reads a trailing * as a wildcard on the folded word") {
  check_table({
      {"Syri*", "(syri*)"},
      {"Syri** talks", "(syri* talks)"},
      {"MÜNCH*", "(munch*)"},
      {"-Syri*", "(-syri*)"},
      {"\"Syri*\"", "(\"syri\")"},  // no wildcards inside quotes
  });
}

TEST_CASE("parse_query accepts typographic quotes") {
  check_table({{"\xE2\x80\x9Cpeace talks\xE2\x80\x9D Geneva", "(\"peace talks\" geneva)"}});
}

TEST_CASE("parse_query reports syntax errors at the byte offset of the problem") {
  struct ErrorCase {
    std::string_view query;
    std::size_t position;
    std::string_view message;
  };
  const std::vector<ErrorCase> cases = {
      {"", 0, "empty query"},
      {"   ", 0, "empty query"},
      {"...", 0, "nothing to search for: the query has no words"},
      {"-", 0, "nothing to search for: the query has no words"},
      {"Kerry (Lavrov Putin", 6, "missing ')' for '(' at column 7"},
      {"Kerry (Lavrov (Putin)", 6, "missing ')' for '(' at column 7"},
      {"Kerry -(Lavrov", 7, "missing ')' for '(' at column 8"},
      {"Kerry Lavrov)", 12, "unexpected ')': no '(' before it"},
      {")", 0, "unexpected ')': no '(' before it"},
      {"Kerry \"peace talks", 6, "missing closing '\"' for the quote at column 7"},
      {"title:\"peace", 6, "missing closing '\"' for the quote at column 7"},
      {"Kerry ()", 6, "nothing to search for inside '(' at column 7"},
      {"Kerry (...)", 6, "nothing to search for inside '(' at column 7"},
      {"Kerry AND", 6, "expected a word, phrase or '(' after AND"},
      {"Kerry AND AND Lavrov", 6, "expected a word, phrase or '(' after AND"},
      {"Kerry AND ...", 6, "expected a word, phrase or '(' after AND"},
      {"Kerry AND NOT", 10, "expected a word, phrase or '(' after NOT"},
      {"AND Kerry", 0, "expected a word, phrase or '(' before AND"},
      {"OR Kerry", 0, "expected a word, phrase or '(' before OR"},
      {"Kerry OR", 6, "expected a word, phrase or '(' after OR"},
      {"Kerry OR OR Lavrov", 6, "expected a word, phrase or '(' after OR"},
      {"(OR Kerry)", 1, "expected a word, phrase or '(' before OR"},
      {"Kerry NOT", 6, "expected a word, phrase or '(' after NOT"},
      {"NEAR Kerry", 0, "expected a word or phrase before NEAR"},
      {"Kerry NEAR", 6, "expected a word, phrase or '(' after NEAR"},
      {"(Kerry Lavrov) NEAR Putin", 15, "NEAR needs a word or phrase on each side, not a '(...)' group"},
      {"Kerry NEAR (Lavrov Putin)", 6, "NEAR needs a word or phrase on each side, not a '(...)' group"},
      {"Kerry NEAR (Lavrov OR Putin)", 6, "NEAR needs a word or phrase on each side, not a '(...)' group"},
      {"Syri* NEAR war", 6, "NEAR takes words and phrases, not wildcards"},
      {"Kerry NEAR source:Wire", 6, "NEAR takes words and phrases, not 'source:' filters"},
      {"author:Smith NEAR Kerry", 13, "'author:' has no word positions, so NEAR can't use it"},
      {"-Kerry NEAR Lavrov", 7, "'+' and '-' can't mark a NEAR operand: write -(a NEAR b) to exclude a NEAR match"},
      {"Kerry NEAR/1 Lavrov", 6, "NEAR/1 can never match 2 words: the window must be at least 2"},
      {"a1 NEAR/2 b1 NEAR/2 c1", 3, "NEAR/2 can never match 3 words: the window must be at least 3"},
      {"Kerry NEAR/0 Lavrov", 6, "expected a window from 1 to 1000 after NEAR/"},
      {"Kerry NEAR/1001 Lavrov", 6, "expected a window from 1 to 1000 after NEAR/"},
      {"Kerry NEAR/99999999999 Lavrov", 6, "expected a window from 1 to 1000 after NEAR/"},
      {"Kerry NEAR/-1 Lavrov", 6,
       "expected a window from 1 to 1000 after NEAR/ (to search for the text, quote it: \"NEAR/-1\")"},
      {"Kerry NEAR/abc Lavrov", 6,
       "expected a window from 1 to 1000 after NEAR/ (to search for the text, quote it: \"NEAR/abc\")"},
      {"Kerry NEAR/ Lavrov", 6,
       "expected a window from 1 to 1000 after NEAR/ (to search for the text, quote it: \"NEAR/\")"},
      {"Kerry NEAR/5x Lavrov", 6,
       "expected a window from 1 to 1000 after NEAR/ (to search for the text, quote it: \"NEAR/5x\")"},
      {"lang:klingon", 0,
       "unknown language 'klingon' (try an ISO 639 code such as en, de, fr or zh, or an English name such as german)"},
      {"Kerry LANG:\"en us\"", 6,
       "unknown language 'en us' (try an ISO 639 code such as en, de, fr or zh, or an English name such as german)"},
      {"country:Narnia", 0, "unknown country 'Narnia' (try a name, a demonym or an ISO code: RU)"},
      {"a1 NEAR/5 b1 NEAR c1", 13, "a NEAR chain takes one window: NEAR/5 and NEAR differ"},
      {"*", 0, "a wildcard needs at least 2 letters before '*'"},
      {"Kerry S*", 6, "a wildcard needs at least 2 letters before '*'"},
      {"Kerry É*", 6, "a wildcard needs at least 2 letters before '*'"},
      {"Kerry .*", 6, "a wildcard needs at least 2 letters before '*'"},
      {"Al-Mes*", 0, "a wildcard must be one word: 'Al-Mes*' has several"},
      {"source:Har*", 0, "wildcards don't work in 'source:' filters"},
      {"Kerry title:", 6, "expected a word or \"phrase\" after 'title:'"},
      {"title: Kerry", 0, "expected a word or \"phrase\" after 'title:'"},
      {"title:(Kerry Lavrov)", 0, "expected a word or \"phrase\" after 'title:'"},
      {"caf\xC3 Kerry", 3, "the query is not valid UTF-8"},
  };
  for (const ErrorCase& c : cases) {
    CAPTURE(c.query);
    analysis::Analyzer analyzer("en");
    try {
      parse_query(c.query, analyzer);
      FAIL("no QuerySyntaxError");
    } catch (const QuerySyntaxError& e) {
      CHECK(e.position() == c.position);
      CHECK(std::string_view(e.what()) == c.message);
    }
  }
}

TEST_CASE("parse_query reads NEAR/n with leading zeros, up to NEAR/1000") {
  check_table({
      {"Kerry NEAR/005 Lavrov", "((NEAR/5 kerry lavrov))"},
      {"Kerry NEAR/1000 Lavrov", "((NEAR/1000 kerry lavrov))"},
  });
}

TEST_CASE("issue_11 parse_query maps lang: names, codes and tags as the indexer stores them, and refuses others") {
  check_table({
      {"lang:ja", "(lang=ja)"},       // no stemmer, but a code the indexer stores
      {"lang:zh-Hant", "(lang=zh)"},  // the primary subtag, as the indexer keeps it
      {"lang:haw", "(lang=haw)"},     // three-letter ISO 639 codes too
      {"lang:german", "(lang=de)"},
      {"lang:\"\" Kerry", "(kerry)"},  // an empty value is no filter, as for every field
  });
  analysis::Analyzer analyzer("en");
  for (const char* q : {"lang:klingon", "lang:x-klingon", "lang:e", "lang:ENGLISCH", "lang:\"en us\"", "lang:d3"}) {
    CAPTURE(q);
    CHECK_THROWS_AS(parse_query(q, analyzer), QuerySyntaxError);
  }
}

TEST_CASE("issue_11 parse_query quotes at most 40 characters of a value in a message, made safe to print") {
  analysis::Analyzer analyzer("en");
  try {
    std::string value;
    for (int i = 0; i < 5000; ++i) value += "ab ";
    parse_query("country:\"" + value + "\"", analyzer);
    FAIL("no QuerySyntaxError");
  } catch (const QuerySyntaxError& e) {
    CHECK(std::string_view(e.what()) ==
          "unknown country 'ab ab ab ab ab ab ab ab ab ab ab ab ab …' (try a name, a demonym or an ISO code: RU)");
  }
  try {
    parse_query("Al-Mes\x1b[2J\u202e*", analyzer);
    FAIL("no QuerySyntaxError");
  } catch (const QuerySyntaxError& e) {
    CHECK(std::string_view(e.what()) == "a wildcard must be one word: 'Al-Mes\\x1b[2J\\u202e*' has several");
  }
}

TEST_CASE("issue_11 parse_query refuses a query past its limits of bytes, words and wildcards, where it passes") {
  analysis::Analyzer analyzer("en");
  auto error_of = [&](const std::string& query) -> std::pair<std::size_t, std::string> {
    try {
      parse_query(query, analyzer);
    } catch (const QuerySyntaxError& e) {
      return {e.position(), e.what()};
    }
    return {0, "no error"};
  };
  auto words = [](std::size_t n, const std::string& separator) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += (i ? separator : "") + "w" + std::to_string(i);
    return out;
  };
  SUBCASE("bytes") {
    std::string at_limit = "Kerry " + std::string(kMaxQueryBytes - 6, '.');
    CHECK(at_limit.size() == kMaxQueryBytes);
    CHECK(describe(parse_query(at_limit, analyzer)) == "(kerry)");
    CHECK(error_of(at_limit + ".") ==
          std::pair<std::size_t, std::string>{32768, "the query is too long: 32,769 bytes, the limit is 32,768"});
    // The position is a character boundary: here the start of the "é" that
    // straddles the limit.
    std::string straddles = std::string(kMaxQueryBytes - 1, 'a') + "é";
    CHECK(error_of(straddles).first == kMaxQueryBytes - 1);
  }
  SUBCASE("words") {
    CHECK(parse_query(words(kMaxQueryWords, " OR "), analyzer).children.size() == kMaxQueryWords);
    std::string over = words(kMaxQueryWords, " OR ") + " OR next";
    CHECK(error_of(over) ==
          std::pair<std::size_t, std::string>{
              over.rfind("next"),
              "too many words: a query holds at most 1,024 words, phrase words, wildcards and filters"});
    // Phrase words, filters and stopwords count; punctuation does not.
    std::string phrase = "\"" + words(kMaxQueryWords, " ") + "\" the";
    CHECK(error_of(phrase).first == phrase.size() - 3);
    CHECK(error_of(words(kMaxQueryWords, " ") + " source:x").second.starts_with("too many words"));
    CHECK(parse_query(words(kMaxQueryWords, " ") + " ... - &", analyzer).children.size() == kMaxQueryWords);
  }
  SUBCASE("wildcards") {
    std::string wildcards;
    for (std::size_t i = 0; i < kMaxQueryWildcards; ++i) wildcards += "ab" + std::to_string(i) + "* ";
    CHECK(parse_query(wildcards, analyzer).children.size() == kMaxQueryWildcards);
    CHECK(error_of(wildcards + "Syri*") ==
          std::pair<std::size_t, std::string>{wildcards.size(), "too many wildcards: a query holds at most 100"});
  }
}

TEST_CASE("parse_query refuses parentheses nested deeper than 100") {
  analysis::Analyzer analyzer("en");
  std::string ok = std::string(100, '(') + "Kerry" + std::string(100, ')');
  CHECK(describe(parse_query(ok, analyzer)) == "(kerry)");
  std::string deep = std::string(1000, '(') + "Kerry";
  try {
    parse_query(deep, analyzer);
    FAIL("no QuerySyntaxError");
  } catch (const QuerySyntaxError& e) {
    CHECK(e.position() == 100);
    CHECK(std::string_view(e.what()) == "too many nested parentheses");
  }
}

TEST_CASE("parse_query counts message columns in characters, positions in bytes") {
  analysis::Analyzer analyzer("en");
  try {
    parse_query("München (Kerry", analyzer);
    FAIL("no QuerySyntaxError");
  } catch (const QuerySyntaxError& e) {
    CHECK(e.position() == 9);  // "München " is 9 bytes
    CHECK(std::string_view(e.what()) == "missing ')' for '(' at column 9");
  }
}

TEST_CASE("parse_query maps country: names, demonyms and codes to the lower-case ISO code") {
  analysis::Analyzer analyzer("en");
  for (const char* q : {"country:russia", "country:Russian", "country:RU", "COUNTRY:ru"}) {
    CAPTURE(q);
    QueryNode root = parse_query(q, analyzer);
    REQUIRE(root.children.size() == 1);
    CHECK(root.children[0].field->prefix == schema::kPrefixCountry);
    CHECK(root.children[0].terms == std::vector<std::string>{"ru"});
  }
  CHECK_THROWS_AS(parse_query("country:Narnia", analyzer), QuerySyntaxError);
}

TEST_CASE("parse_query sends a one-word entity name to the word terms, a full name to the name terms") {
  analysis::Analyzer analyzer("en");
  QueryNode one = parse_query("speaker:Kerry", analyzer);
  CHECK(one.children[0].field->prefix == schema::kPrefixSpeakerWord);
  CHECK(one.children[0].terms == std::vector<std::string>{"kerry"});
  QueryNode full = parse_query("speaker:\"John Kerry\"", analyzer);
  CHECK(full.children[0].field->prefix == schema::kPrefixSpeaker);
  CHECK(full.children[0].terms == std::vector<std::string>{"john kerry"});
}

TEST_CASE("parse_query reads date: values as [from, to) ranges in unix seconds") {
  analysis::Analyzer analyzer("en");
  struct Case {
    const char* query;
    const char* from;
    const char* to;
  };
  const Case cases[] = {
      {"date:2016", "1451606400", "1483228800"},
      {"DATE:2016-02", "1454284800", "1456790400"},
      {"date:2016-02-29", "1456704000", "1456790400"},
      {"date:2016-02-01..2016-02-29", "1454284800", "1456790400"},
      {"date:..2016-03", "", "1459468800"},
      {"date:2016-02..", "1454284800", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    QueryNode root = parse_query(c.query, analyzer);
    REQUIRE(root.children.size() == 1);
    CHECK(root.children[0].kind == NodeKind::kFilter);
    CHECK(root.children[0].terms == std::vector<std::string>{c.from, c.to});
  }
  for (const char* bad : {"date:2016-13", "date:yesterday", "date:2016-03..2016-01", "date:.."}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_query(bad, analyzer), QuerySyntaxError);
  }
}

}  // namespace newsdex::search
