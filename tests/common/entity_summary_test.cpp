#include "common/entity_summary.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using newsdex::decode_entity_summary;
using newsdex::DecodedEntitySummary;
using newsdex::encode_entity_summary;
using newsdex::EntitySummary;
using newsdex::locate_quotes;
using newsdex::QuoteSpan;

namespace {

EntitySummary kerry_summary() {
  EntitySummary s;
  s.persons = {"John Kerry", "Sergey Lavrov", "Juan Manuel Santos"};
  s.organizations = {"U.N.", "FARC"};
  s.countries = {{"CO", "Colombia"}, {"SY", "Syria"}};
  s.speakers = {"John Kerry", "Juan Manuel Santos"};
  s.quotes = {{"John Kerry", "Nobody should mistake patience for weakness,", "said"},
              {"", "the talks were \"suspended\"", "according to"},
              {"Juan Manuel Santos", "Colombia sabe — «paz» 和平", "told"}};
  return s;
}

// The error of decoding `stored`; "" when it decoded.
std::string error_of(std::string_view stored) {
  DecodedEntitySummary d = decode_entity_summary(stored);
  if (!d.ok()) CHECK(d.summary == EntitySummary{});  // nothing half-read is handed out
  return d.error;
}

}  // namespace

TEST_CASE("encode_entity_summary writes the stored format of schema.h byte for byte") {
  // Databases hold this layout: key order, compact, UTF-8 unescaped.
  EntitySummary s;
  s.persons = {"John Kerry"};
  s.countries = {{"SY", "Syria"}};
  s.speakers = {"John Kerry"};
  s.quotes = {{"John Kerry", "\"Aleppo\" — now", "said"}, {"", "x", ""}};
  CHECK(encode_entity_summary(s) ==
        R"({"persons":["John Kerry"],"organizations":[],"countries":[{"code":"SY","name":"Syria"}],)"
        R"("speakers":["John Kerry"],"quotes":[{"speaker":"John Kerry","text":"\"Aleppo\" — now","verb":"said"},)"
        R"({"speaker":"","text":"x","verb":""}]})");
  CHECK(encode_entity_summary(EntitySummary{}) ==
        R"({"persons":[],"organizations":[],"countries":[],"speakers":[],"quotes":[]})");
}

TEST_CASE("decode_entity_summary(encode_entity_summary(s)) == s") {
  EntitySummary s = kerry_summary();
  DecodedEntitySummary d = decode_entity_summary(encode_entity_summary(s));
  REQUIRE(d.ok());
  CHECK(d.summary == s);
  DecodedEntitySummary empty = decode_entity_summary(encode_entity_summary(EntitySummary{}));
  REQUIRE(empty.ok());
  CHECK(empty.summary == EntitySummary{});
}

TEST_CASE("decode_entity_summary reads \"\" (extraction off) as the empty summary") {
  DecodedEntitySummary d = decode_entity_summary("");
  CHECK(d.ok());
  CHECK(d.summary == EntitySummary{});
}

TEST_CASE("encode_entity_summary replaces invalid UTF-8 instead of failing, and the result decodes") {
  EntitySummary s;
  s.persons = {"Kerry\xFF"};
  std::string stored = encode_entity_summary(s);
  DecodedEntitySummary d = decode_entity_summary(stored);
  REQUIRE(d.ok());
  CHECK(d.summary.persons == std::vector<std::string>{"Kerry\xEF\xBF\xBD"});  // U+FFFD
}

TEST_CASE("decode_entity_summary names what is wrong with a summary that is not the format") {
  CHECK(error_of("not json").starts_with("not valid JSON"));
  CHECK(error_of("[]") == "not a JSON object");
  CHECK(error_of("42") == "not a JSON object");
  CHECK(error_of(R"({"persons":"not a list"})") == "\"persons\" is not a list");
  CHECK(error_of(R"({"persons":{}})") == "\"persons\" is not a list");
  CHECK(error_of(R"({"persons":[],"organizations":[],"countries":[],"speakers":[]})") == "no \"quotes\" list");
  CHECK(error_of(R"({"persons":[1]})") == "\"persons\" holds a number, not a name");
  CHECK(error_of(R"({"speakers":[["John Kerry"]]})") == "\"speakers\" holds a list, not a name");
  CHECK(error_of(R"({"countries":["SY"]})") == "\"countries\" holds a string, not an object");
  CHECK(error_of(R"({"countries":[{"name":"Syria"}]})") == "a country without a \"code\"");
  CHECK(error_of(R"({"countries":[{"code":7}]})") == "a country whose \"code\" is a number, not a string");
  CHECK(error_of(R"({"quotes":[{"speaker":"John Kerry"}]})") == "a quote without a \"text\"");
  CHECK(error_of(R"({"quotes":[{"text":["x"]}]})") == "a quote whose \"text\" is a list, not a string");
  CHECK(error_of(R"({"quotes":[{"text":"x","speaker":null}]})") == "a quote whose \"speaker\" is null, not a string");
  // Trailing bytes after the object, and invalid UTF-8 inside a string.
  CHECK(error_of(encode_entity_summary(kerry_summary()) + "x").starts_with("not valid JSON"));
  CHECK(error_of("{\"persons\":[\"Kerry\xFF\"]}").starts_with("not valid JSON"));
}

TEST_CASE("decode_entity_summary skips keys it does not know, however deep, and fills missing optional keys") {
  std::string stored = R"({"version":2,"persons":["A"],"extra":{"x":[[[{"y":[1,2,{"z":null}]}]]]},"organizations":[],)"
                       R"("countries":[{"code":"SY","population":[1,{"a":2}]}],"speakers":[],)"
                       R"("quotes":[{"text":"t","spans":[[0,1]],"direct":true}]})";
  DecodedEntitySummary d = decode_entity_summary(stored);
  REQUIRE_MESSAGE(d.ok(), d.error);
  CHECK(d.summary.persons == std::vector<std::string>{"A"});
  REQUIRE(d.summary.countries.size() == 1);
  CHECK(d.summary.countries[0] == EntitySummary::Country{"SY", ""});
  REQUIRE(d.summary.quotes.size() == 1);
  CHECK(d.summary.quotes[0] == EntitySummary::Quote{"", "t", ""});
}

TEST_CASE("decode_entity_summary returns an error, never throws or crashes, on every truncation") {
  const std::string stored = encode_entity_summary(kerry_summary());
  for (std::size_t n = 1; n < stored.size(); ++n) {
    CAPTURE(n);
    CHECK_FALSE(error_of(stored.substr(0, n)).empty());
  }
}

TEST_CASE("decode_entity_summary survives every byte of a summary replaced by hostile values") {
  const std::string stored = encode_entity_summary(kerry_summary());
  std::size_t errors = 0;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    for (char c : {'\0', '"', '[', ']', '{', '}', ',', ':', '\\', '\xC3', '\xFF', '1', 'n'}) {
      std::string hostile = stored;
      hostile[i] = c;
      DecodedEntitySummary d = decode_entity_summary(hostile);  // must return, whatever the bytes
      if (!d.ok()) ++errors;
    }
  }
  CHECK(errors > 0);
}

TEST_CASE("decode_entity_summary handles nesting without end in a known or an unknown key") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(error_of(R"({"persons":)" + deep + "}") == "\"persons\" holds a list, not a name");
  std::string unknown =
      R"({"persons":[],"organizations":[],"countries":[],"speakers":[],"quotes":[],"x":)" + deep + "}";
  CHECK(error_of(unknown).empty());
  CHECK(error_of(std::string(100000, '[')).starts_with("not"));
}

TEST_CASE("decode_entity_summary: a repeated key counts once, the last one") {
  DecodedEntitySummary d = decode_entity_summary(
      R"({"persons":["A"],"persons":["B"],"organizations":[],"countries":[],"speakers":[],"quotes":[]})");
  REQUIRE(d.ok());
  CHECK(d.summary.persons == std::vector<std::string>{"B"});
}

TEST_CASE("locate_quotes places each quote at its text, in order, nested quotes included") {
  const std::string body =
      "Kerry said that Washington would not allow talks to serve \"as a cover.\"\n\n"
      "\"We will see,\" he said. Later: \"We will see,\" Lavrov said.";
  std::vector<EntitySummary::Quote> quotes = {
      {"John Kerry", "Washington would not allow talks to serve \"as a cover.\"", "said"},
      {"John Kerry", "as a cover.", "said"},
      {"John Kerry", "We will see,", "said"},
      {"Sergey Lavrov", "We will see,", "said"},
      {"Nobody", "not in this article", "said"},
      {"", "", "said"},
  };
  auto spans = locate_quotes(body, quotes);
  REQUIRE(spans.size() == quotes.size());
  REQUIRE(spans[0].has_value());
  CHECK(body.substr(spans[0]->start, spans[0]->end - spans[0]->start) == quotes[0].text);
  REQUIRE(spans[1].has_value());
  CHECK(spans[1]->start > spans[0]->start);  // inside the first one
  CHECK(spans[1]->end < spans[0]->end);
  REQUIRE(spans[2].has_value());
  REQUIRE(spans[3].has_value());
  CHECK(spans[2]->start == body.find("We will see,"));
  // The same words again are the second occurrence, not the first one again.
  CHECK(spans[3]->start == body.rfind("We will see,"));
  CHECK_FALSE(spans[4].has_value());
  CHECK_FALSE(spans[5].has_value());
}

TEST_CASE("locate_quotes finds a quote out of text order rather than losing it") {
  const std::string body = "First \"alpha\" then \"beta\".";
  auto spans = locate_quotes(body, {{"B", "beta", "said"}, {"A", "alpha", "said"}});
  REQUIRE(spans[0].has_value());
  REQUIRE(spans[1].has_value());
  CHECK(spans[1]->start == body.find("alpha"));
}
