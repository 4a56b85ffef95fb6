#include "indexer/article_hash.h"

#include <doctest/doctest.h>

namespace newsdex::index {
namespace {

TEST_CASE("fnv1a_64 matches the published FNV-1a test vectors") {
  CHECK(fnv1a_64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a_64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a_64("foobar") == 0x85944171f73967e8ULL);
  // Hashing in pieces is hashing the concatenation.
  CHECK(fnv1a_64("bar", fnv1a_64("foo")) == fnv1a_64("foobar"));
}

TEST_CASE("to_hex16 writes sixteen zero-padded lower-case digits") {
  CHECK(to_hex16(0) == "0000000000000000");
  CHECK(to_hex16(0xABCULL) == "0000000000000abc");
  CHECK(to_hex16(0xFFFFFFFFFFFFFFFFULL) == "ffffffffffffffff");
}

TEST_CASE("id_from_content is h plus the hash of title newline body") {
  std::string id = id_from_content("Ferry plan approved", "The council voted.");
  CHECK(id == "h" + to_hex16(fnv1a_64("Ferry plan approved\nThe council voted.")));
  CHECK(id.size() == 17);
  SUBCASE("stable: the same content gives the same id") {
    CHECK(id_from_content("Ferry plan approved", "The council voted.") == id);
  }
  SUBCASE("different content gives a different id") {
    CHECK(id_from_content("Ferry plan approved", "The council voted!") != id);
    CHECK(id_from_content("Ferry plan", "approved\nThe council voted.") != id_from_content("x", "y"));
  }
  SUBCASE("the title/body seam matters") { CHECK(id_from_content("ab", "c") != id_from_content("a", "bc")); }
}

TEST_CASE("content_hash covers every indexed field but not the id") {
  Article base{.id = "a1",
               .title = "Title",
               .body = "Body",
               .published_unix_s = 1614852000,
               .source = "Harbor Ledger",
               .url = "https://example.org/a1",
               .author = "Ada Quill",
               .lang = "en"};
  std::string hash = content_hash(base);
  CHECK(hash.size() == 16);
  CHECK(hash == to_hex16(fnv1a_64("Title\nBody\n1614852000\nHarbor Ledger\nhttps://example.org/a1\nAda Quill\nen")));

  Article other_id = base;
  other_id.id = "a2";
  CHECK(content_hash(other_id) == hash);

  auto changed = [&](auto mutate) {
    Article changed_article = base;
    mutate(changed_article);
    return content_hash(changed_article) != hash;
  };
  CHECK(changed([](Article& a) { a.title = "Title!"; }));
  CHECK(changed([](Article& a) { a.body = "Body!"; }));
  CHECK(changed([](Article& a) { a.published_unix_s.reset(); }));
  CHECK(changed([](Article& a) { a.published_unix_s = 1614852001; }));
  CHECK(changed([](Article& a) { a.source = "Valley Courier"; }));
  CHECK(changed([](Article& a) { a.url = "https://example.org/a2"; }));
  CHECK(changed([](Article& a) { a.author = "Ben Ortiz"; }));
  CHECK(changed([](Article& a) { a.lang = "de"; }));
}

}  // namespace
}  // namespace newsdex::index
