#include "indexer/json_values.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/error.h"
#include "tests/indexer/test_support.h"

namespace newsdex::index {
namespace {

using testing::StringStream;

// Every value of `data`, read `chunk` bytes at a time, as "LINE:TEXT" (or
// "LINE:oversize").
std::vector<std::string> values_of(const std::string& data, std::size_t chunk = 3, std::size_t max_bytes = 1 << 20) {
  JsonValueReader reader(std::make_unique<StringStream>(data, chunk), max_bytes);
  std::vector<std::string> out;
  while (std::optional<JsonValue> v = reader.next()) {
    out.push_back(std::to_string(v->line) + ":" + (v->oversize ? std::string("oversize") : v->text));
  }
  if (reader.array_unclosed()) out.emplace_back("unclosed");
  return out;
}

TEST_CASE("is_json_document: an array, or an object that goes on past its first line; not JSON Lines") {
  CHECK(is_json_document("[{\"title\":\"a\"}]"));
  CHECK(is_json_document("\xEF\xBB\xBF  \n [\n"));
  CHECK(is_json_document("{\n  \"title\": \"a\"\n}\n"));
  CHECK(is_json_document("{\"title\": \"a\",\n \"body\": \"b\"}"));
  CHECK_FALSE(is_json_document("{\"title\":\"a\"}\n{\"title\":\"b\"}\n"));
  CHECK_FALSE(is_json_document("{\"title\":\"a {\\\"quoted\\\"} \\n not a line end\"}\n"));
  CHECK_FALSE(is_json_document("{\"title\":\"a\"}"));         // one line, no newline
  CHECK_FALSE(is_json_document("{\"title\":\"a very long"));  // the head ends first: JSON Lines
  CHECK_FALSE(is_json_document(""));
  CHECK_FALSE(is_json_document("  \n"));
  CHECK_FALSE(is_json_document("title,body\n"));
}

TEST_CASE("JsonValueReader: the elements of a top-level array, each with the line it starts on") {
  const std::string data =
      "[\n"
      "  {\"title\": \"one\", \"tags\": [\"a\", \"b]\"], \"q\": \"say \\\"}\\\" twice\"},\n"
      "  {\n    \"title\": \"two\"\n  }\n"
      "]\n";
  CHECK(values_of(data) ==
        std::vector<std::string>{"2:{\"title\": \"one\", \"tags\": [\"a\", \"b]\"], \"q\": \"say \\\"}\\\" twice\"}",
                                 "3:{\n    \"title\": \"two\"\n  }"});
  // The same read a byte at a time, and all at once.
  CHECK(values_of(data, 1) == values_of(data, 1 << 16));
}

TEST_CASE("JsonValueReader: top-level values over several lines, one after another, and a byte order mark") {
  CHECK(values_of("\xEF\xBB\xBF{\n \"a\": 1\n}\n{\n \"b\": 2\n}") ==
        std::vector<std::string>{"1:{\n \"a\": 1\n}", "4:{\n \"b\": 2\n}"});
}

TEST_CASE("JsonValueReader: scalars, nested arrays and stray brackets come back for the parser to judge") {
  CHECK(values_of("[1, \"two\", [3], null]") == std::vector<std::string>{"1:1", "1:\"two\"", "1:[3]", "1:null"});
  CHECK(values_of("} {\"a\":1}") == std::vector<std::string>{"1:}", "1:{\"a\":1}"});
}

TEST_CASE("JsonValueReader: an array the input ends inside, and a value it ends inside") {
  CHECK(values_of("[{\"a\":1},\n{\"b\":2}") == std::vector<std::string>{"1:{\"a\":1}", "2:{\"b\":2}", "unclosed"});
  CHECK(values_of("[{\"a\":1},\n{\"b\":\"cut") ==
        std::vector<std::string>{"1:{\"a\":1}", "2:{\"b\":\"cut", "unclosed"});
}

TEST_CASE("JsonValueReader: a value longer than max_bytes is read past, not held") {
  const std::string big = "{\"body\":\"" + std::string(5000, 'x') + "\"}";
  CHECK(values_of("[" + big + ",\n{\"a\":1}]", 7, 1000) == std::vector<std::string>{"1:oversize", "2:{\"a\":1}"});
  // Exactly max_bytes is kept.
  CHECK(values_of("[{\"a\":12}]", 3, 8) == std::vector<std::string>{"1:{\"a\":12}"});
  CHECK(values_of("[{\"a\":123}]", 3, 8) == std::vector<std::string>{"1:oversize"});
}

TEST_CASE("JsonValueReader: a stream that fails is rethrown after the values before it") {
  JsonValueReader reader(std::make_unique<StringStream>("[{\"a\":1}, {\"b\":", 4, "truncated gzip member"), 1 << 20);
  REQUIRE(reader.next());
  CHECK_THROWS_AS(reader.next(), DamagedInputError);
}

}  // namespace
}  // namespace newsdex::index
