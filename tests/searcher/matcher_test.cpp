// Matcher: complete matches first, partial matches fill the page, counts add
// up whatever the page size. Real glass database in a temp dir.
#include "searcher/matcher.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <random>

#include "indexer/document_builder.h"

using namespace newsdex;

namespace {

struct Fixture {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("newsdex-matcher-" + std::to_string(std::random_device{}()));
  Fixture() {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
    index::DocumentBuilder builder;
    auto add = [&](const std::string& id, const std::string& title, const std::string& body) {
      Article a;
      a.id = id;
      a.title = title;
      a.body = body;
      db.replace_document("Q" + id, builder.build(a));
    };
    add("both-1", "Talks", "Kerry met Lavrov in Munich.");
    add("both-2", "Talks again", "Lavrov and Kerry spoke by phone.");
    for (int i = 0; i < 5; ++i) add("kerry-" + std::to_string(i), "Trip", "Kerry flew home on Friday.");
    add("title-1", "Lavrov speaks", "The minister spoke at length.");
    db.commit();
  }
  ~Fixture() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("Matcher ranks complete matches first and fills the page with partial ones") {
  Fixture f;
  search::Matcher matcher{Xapian::Database(f.path.string())};
  search::QueryBuilder qb({"en"});
  auto r = matcher.search(qb.build("Kerry Lavrov"), search::MatchOptions{.offset = 0, .limit = 10});
  REQUIRE(r.matches.size() == 8);
  CHECK(r.matches[0].matched_all);
  CHECK(r.matches[1].matched_all);
  CHECK_FALSE(r.matches[2].matched_all);
  CHECK(r.matches[0].id.starts_with("both-"));
  CHECK(r.complete_matches_estimated == 2);
  CHECK(r.matches_estimated == 8);
  CHECK(r.matches[7].rank == 8);
}

TEST_CASE("Matcher counts partial matches even when complete ones fill the page") {
  Fixture f;
  search::Matcher matcher{Xapian::Database(f.path.string())};
  search::QueryBuilder qb({"en"});
  auto r = matcher.search(qb.build("Kerry Lavrov"), search::MatchOptions{.offset = 0, .limit = 1});
  REQUIRE(r.matches.size() == 1);
  CHECK(r.matches[0].matched_all);
  CHECK(r.matches_estimated == 8);
}

TEST_CASE("Matcher pages across the complete/partial seam without repeats") {
  Fixture f;
  search::Matcher matcher{Xapian::Database(f.path.string())};
  search::QueryBuilder qb({"en"});
  auto all = matcher.search(qb.build("Kerry Lavrov"), search::MatchOptions{.offset = 0, .limit = 8});
  auto page = matcher.search(qb.build("Kerry Lavrov"), search::MatchOptions{.offset = 1, .limit = 3});
  REQUIRE(page.matches.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(page.matches[i].id == all.matches[i + 1].id);
    CHECK(page.matches[i].rank == i + 2);
  }
}

TEST_CASE("Matcher ranks a word in the title above the same word in the body") {
  Fixture f;
  search::Matcher matcher{Xapian::Database(f.path.string())};
  search::QueryBuilder qb({"en"});
  auto r = matcher.search(qb.build("Lavrov"), search::MatchOptions{});
  REQUIRE_FALSE(r.matches.empty());
  CHECK(r.matches[0].id == "title-1");
}
