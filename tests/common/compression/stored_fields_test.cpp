#include "common/compression/stored_fields.h"

#include <doctest/doctest.h>

#include "common/error.h"

using newsdex::Article;
namespace compression = newsdex::compression;

TEST_CASE("encode_article/decode_article round-trip every field") {
  Article a{.id = "hl-1",
            .title = "Kerry, Lavrov meet in Munich",
            .body = std::string(5000, 'x') + " Z\xC3\xBCrich",
            .published_unix_s = -86400,
            .source = "Harbor Ledger",
            .url = "https://example.test/a",
            .author = "Ana Duarte",
            .lang = "en"};
  std::string data = compression::encode_article(a);
  CHECK(data.size() < a.body.size() / 4);  // zstd really compresses the text
  Article b = compression::decode_article(data);
  CHECK(b.id == a.id);
  CHECK(b.title == a.title);
  CHECK(b.body == a.body);
  CHECK(b.published_unix_s == a.published_unix_s);
  CHECK(b.source == a.source);
  CHECK(b.url == a.url);
  CHECK(b.author == a.author);
  CHECK(b.lang == a.lang);
}

TEST_CASE("decode_article keeps an undated article undated") {
  Article a{.id = "x", .title = "t", .body = "b"};
  CHECK_FALSE(compression::decode_article(compression::encode_article(a)).published_unix_s.has_value());
}

TEST_CASE("decode_article rejects corrupt and truncated data with newsdex::Error") {
  Article a{.id = "x", .title = "title", .body = "body text"};
  std::string data = compression::encode_article(a);
  CHECK_THROWS_AS(compression::decode_article(data.substr(0, data.size() - 3)), newsdex::Error);
  CHECK_THROWS_AS(compression::decode_article("not zstd at all"), newsdex::Error);
}

TEST_CASE("decode_article skips fields of unknown tags written by a newer version") {
  // version 1, tag 99 (unknown) "zz", tag 2 (title) "T"
  std::string payload = std::string("\x01", 1) + "\x63\x02zz" + "\x02\x01T";
  Article b = compression::decode_article(compression::zstd_compress(payload));
  CHECK(b.title == "T");
}

TEST_CASE("encode_article/decode_article round-trip entities_json (tag 9)") {
  Article a{.id = "e1", .title = "t", .body = "b"};
  a.entities_json =
      R"({"persons":["John Kerry"],"organizations":[],"countries":[{"code":"SY","name":"Syria"}],)"
      R"("speakers":["John Kerry"],"quotes":[{"speaker":"John Kerry","text":"\"We cannot\"","verb":"said"}]})";
  CHECK(compression::decode_article(compression::encode_article(a)).entities_json == a.entities_json);
  // Absent when empty, and an older payload without it decodes to "".
  Article plain{.id = "e2", .title = "t"};
  CHECK(compression::decode_article(compression::encode_article(plain)).entities_json.empty());
  std::string payload = std::string("\x01", 1) + "\x09\x02{}" + "\x02\x01T";
  CHECK(compression::decode_article(compression::zstd_compress(payload)).entities_json == "{}");
}
