// search_quotes() on the sample corpus indexed by the real indexer: each quote
// checked on its own, ranked by BM25 of the quote, bounded options refused.
#include "searcher/quote_search.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "common/error.h"
#include "tests/indexer/test_support.h"

namespace newsdex::search {
namespace {

const Xapian::Database& sample() {
  static index::testing::TempDir dir;
  static Xapian::Database db = [] {
    const std::string path = (dir.path() / "db").string();
    index::testing::index_sample_corpus(path);
    return Xapian::Database(path);
  }();
  return db;
}

QuoteResults find(const std::string& query, SearchOptions options = {}) {
  options.query = query;
  options.limit = 100;
  return search_quotes(sample(), options);
}

TEST_CASE("search_quotes: the speaker filter holds for the quote, not for the article") {
  // bt-2016-0001 quotes Kerry and Al-Meslet; "barrel bombs" is Al-Meslet's.
  CHECK(find("speaker:kerry barrel bombs").matched == 0);
  QuoteResults spokesman = find("speaker:meslet barrel bombs");
  REQUIRE(spokesman.hits.size() == 1);
  CHECK(spokesman.hits.front().speaker == "Salem Al-Meslet");
  CHECK(spokesman.hits.front().id == "bt-2016-0001");
  // Excluding a speaker excludes their quotes, not the article.
  for (const QuoteHit& hit : find("ceasefire -speaker:kerry").hits) CHECK(hit.speaker != "John Kerry");
  CHECK(find("ceasefire -speaker:kerry").matched + 1 == find("ceasefire").matched);
}

TEST_CASE("search_quotes: ranks by BM25 of the quote, the highlighted words in its text") {
  QuoteResults r = find("ceasefire");
  REQUIRE(r.hits.size() >= 2);
  for (std::size_t i = 1; i < r.hits.size(); ++i) CHECK(r.hits[i - 1].score >= r.hits[i].score);
  CHECK(r.hits.front().score > 0);
  // The longest quote holding the word once ranks last (length normalisation).
  const QuoteHit& last = r.hits.back();
  for (const QuoteHit& hit : r.hits) CHECK(hit.text.size() <= last.text.size());
  for (const QuoteHit& hit : r.hits) {
    REQUIRE(!hit.highlights.empty());
    CHECK(hit.text.substr(hit.highlights.front().start, hit.highlights.front().end - hit.highlights.front().start) ==
          "ceasefire");
  }
  // Filters only: every quote of the speaker, score 0.
  QuoteResults kerry = find("speaker:kerry");
  CHECK(kerry.matched >= 10);
  for (const QuoteHit& hit : kerry.hits) CHECK(hit.score == 0.0);
}

TEST_CASE("search_quotes: paging, counts and refused options") {
  SearchOptions page;
  page.offset = 1;
  QuoteResults all = find("ceasefire");
  page.query = "ceasefire";
  page.limit = 1;
  QuoteResults second = search_quotes(sample(), page);
  REQUIRE(second.hits.size() == 1);
  CHECK(second.hits.front().rank == 2);
  CHECK(second.hits.front().text == all.hits[1].text);
  CHECK(second.matched == all.matched);
  CHECK(all.exact);

  SearchOptions bad;
  bad.all_copies = true;
  CHECK_THROWS_AS(find("ceasefire", bad), Error);
  CHECK_THROWS_AS(find("(source:x OR ceasefire)"), QuerySyntaxError);
}

}  // namespace
}  // namespace newsdex::search
