// Matcher: complete matches first, partial matches fill the page, counts add
// up whatever the page size. Real glass database in a temp dir.
#include "searcher/matcher.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <sstream>

#include "common/database.h"
#include "common/facet_columns.h"
#include "indexer/document_builder.h"
#include "indexer/indexer.h"
#include "tests/indexer/test_support.h"

using namespace newsdex;

namespace {

struct Fixture {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("newsdex-matcher-" + std::to_string(std::random_device{}()));
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

namespace {

// Checks that two searches counted the same matches, facets and timeline;
// returns the facet values compared.
std::size_t check_same_counts(const search::SearchResults& a, const search::SearchResults& b) {
  CHECK(a.matches_estimated == b.matches_estimated);
  CHECK(a.complete_matches_estimated == b.complete_matches_estimated);
  REQUIRE(a.facets.size() == b.facets.size());
  std::size_t compared = 0;
  for (std::size_t f = 0; f < a.facets.size(); ++f) {
    CHECK(a.facets[f].distinct == b.facets[f].distinct);
    REQUIRE(a.facets[f].values.size() == b.facets[f].values.size());
    for (std::size_t v = 0; v < a.facets[f].values.size(); ++v) {
      CHECK(a.facets[f].values[v].value == b.facets[f].values[v].value);
      CHECK(a.facets[f].values[v].count == b.facets[f].values[v].count);
      ++compared;
    }
  }
  REQUIRE(a.timeline);
  REQUIRE(b.timeline);
  REQUIRE(a.timeline->buckets.size() == b.timeline->buckets.size());
  for (std::size_t i = 0; i < a.timeline->buckets.size(); ++i) {
    CHECK(a.timeline->buckets[i].label == b.timeline->buckets[i].label);
    CHECK(a.timeline->buckets[i].count == b.timeline->buckets[i].count);
  }
  return compared;
}

}  // namespace

TEST_CASE(
    "Facet and timeline counts are the same from Xapian's ValueCountMatchSpy, newsdex's slot counter, the facet "
    "columns, and parallel counting during and after ranking") {
  // The sample corpus indexed by the real indexer: entities, dates, sources.
  index::testing::TempDir dir;
  std::string db_path = (dir.path() / "db").string();
  REQUIRE(index::testing::index_sample_corpus(db_path).added >= 40);
  // The indexer wrote the facet columns of its last commit.
  REQUIRE(FacetColumns::open(db_path, Xapian::Database(db_path)) != nullptr);

  search::QueryBuilder qb({"en"});
  std::size_t compared_values = 0;
  for (const char* text : {"Syria", "said", "talks ceasefire", "minister", "Syria qwertyzz"}) {
    search::MatchOptions options{
        .limit = 3,
        .timeline = search::TimelineGranularity::kMonth,
        .facets = {schema::FacetKind::kSpeaker, schema::FacetKind::kCountry, schema::FacetKind::kPerson,
                   schema::FacetKind::kOrg, schema::FacetKind::kSource},
        .facet_limit = 1000};
    // Without the path the matcher cannot find the columns: slot counter.
    search::Matcher local{Xapian::Database(db_path)};
    search::SearchResults ours = local.search(qb.build(text), options);
    // With it: the columns, in one thread, and the slot counter when told not to use them.
    search::MatchOptions one_thread = options;
    one_thread.count_threads = 1;
    search::Matcher with_columns{Xapian::Database(db_path), db_path};
    search::SearchResults columns = with_columns.search(qb.build(text), one_thread);
    one_thread.facet_columns = false;
    search::SearchResults slots = with_columns.search(qb.build(text), one_thread);
    // Three threads over slices of the document ids, each with its own handle.
    search::MatchOptions threaded = options;
    threaded.count_threads = 3;
    threaded.parallel_count_min_docs = 0;
    // The database counts as large (parallel_count_min_docs 0): counting
    // overlaps the ranking, on handles of its own; and once more after it.
    search::Matcher parallel{Xapian::Database(db_path), db_path};
    search::SearchResults sliced = parallel.search(qb.build(text), threaded);
    threaded.overlap_count = false;
    search::SearchResults sliced_after = parallel.search(qb.build(text), threaded);
    options.stock_spies = true;
    search::Matcher stock{Xapian::Database(db_path)};
    search::SearchResults xapians = stock.search(qb.build(text), options);
    CAPTURE(text);
    check_same_counts(sliced, xapians);
    check_same_counts(sliced_after, xapians);
    check_same_counts(columns, xapians);
    check_same_counts(slots, xapians);
    compared_values += check_same_counts(ours, xapians);
  }
  CHECK(compared_values > 50);  // the corpus has entities to count
}

TEST_CASE("is_stub_database: a stub file or a directory with XAPIANDB is a stub, a glass directory is not") {
  index::testing::TempDir dir;
  std::string glass = (dir.path() / "glass").string();
  Xapian::WritableDatabase(glass, Xapian::DB_CREATE).commit();
  CHECK_FALSE(is_stub_database(glass));
  std::filesystem::path stub_file = dir.write("shards.stub", "glass " + glass + "\n");
  CHECK(is_stub_database(stub_file.string()));
  dir.write("stubdir/XAPIANDB", "remote localhost:33333\n");
  CHECK(is_stub_database((dir.path() / "stubdir").string()));
  CHECK_FALSE(is_stub_database((dir.path() / "missing").string()));
}

TEST_CASE("Counts with limit 0 (only counts and facets) are over the complete matches, as with any page size") {
  // Two words each in a few of 1,000 articles and together in one: Xapian's
  // estimate of the complete matches, unchecked, rounds to 0.
  index::testing::TempDir dir;
  std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    index::DocumentBuilder builder(false);
    auto add = [&](int i, const std::string& body, const std::string& source) {
      Article a{.id = "a" + std::to_string(i), .title = "Notice", .body = body, .source = source};
      db.replace_document("Q" + a.id, builder.build(a));
    };
    for (int i = 0; i < 1000; ++i) {
      if (i == 0) add(i, "The alpha and the beta met.", "Both Wire");
      else if (i <= 10) add(i, "Only alpha here.", "Alpha Wire");
      else if (i <= 20) add(i, "Only beta here.", "Beta Wire");
      else add(i, "Nothing to see today.", "Filler Wire");
    }
    db.commit();
  }
  search::QueryBuilder qb({"en"});
  auto counts = [&](std::uint32_t limit) {
    search::Matcher matcher{Xapian::Database(path)};
    return matcher.search(
        qb.build("alpha beta"),
        search::MatchOptions{.limit = limit, .facets = {schema::FacetKind::kSource}, .facet_limit = 100});
  };
  for (std::uint32_t limit : {0U, 1U, 10U}) {
    CAPTURE(limit);
    search::SearchResults r = counts(limit);
    CHECK(r.complete_matches_estimated == 1);
    REQUIRE(r.facets.size() == 1);
    REQUIRE(r.facets[0].values.size() == 1);
    CHECK(r.facets[0].values[0].value == "Both Wire");
    CHECK(r.facets[0].values[0].count == 1);
  }
}

TEST_CASE("Matcher::stream gives every match in search()'s order, complete ones first, from the offset on") {
  Fixture f;
  search::Matcher matcher{Xapian::Database(f.path.string())};
  search::QueryBuilder qb({"en"});
  const search::BuiltQuery query = qb.build("Kerry Lavrov");
  for (search::SortOrder sort : {search::SortOrder::kRelevance, search::SortOrder::kNewest}) {
    auto page = matcher.search(query, search::MatchOptions{.offset = 0, .limit = 100, .sort = sort});
    for (std::uint32_t offset : {0U, 1U, 7U, 8U, 20U}) {
      CAPTURE(offset);
      std::vector<search::Match> streamed;
      const auto counts = matcher.stream(query, search::MatchOptions{.offset = offset, .limit = 1, .sort = sort},
                                         [&](search::Match& m) {
                                           streamed.push_back(m);
                                           return true;
                                         });
      CHECK(counts.complete == 2);
      CHECK(counts.partial == 6);
      REQUIRE(streamed.size() == (offset < 8 ? 8 - offset : 0));
      CHECK(counts.emitted == streamed.size());
      for (std::size_t i = 0; i < streamed.size(); ++i) {
        CHECK(streamed[i].id == page.matches[offset + i].id);
        CHECK(streamed[i].rank == page.matches[offset + i].rank);
        CHECK(streamed[i].score == page.matches[offset + i].score);
        CHECK(streamed[i].matched_all == page.matches[offset + i].matched_all);
      }
    }
  }
}

TEST_CASE("Matcher::stream stops when emit returns false") {
  Fixture f;
  search::Matcher matcher{Xapian::Database(f.path.string())};
  search::QueryBuilder qb({"en"});
  int calls = 0;
  const auto counts =
      matcher.stream(qb.build("Kerry"), search::MatchOptions{}, [&](search::Match&) { return ++calls < 2; });
  CHECK(calls == 2);
  CHECK(counts.emitted == 2);
}

TEST_CASE("Matcher::search does not retry: an indexer's commits reach its caller as DatabaseModifiedError") {
  // The one retry is the caller's (search.h retry_while_committing, on a new
  // handle). A handle left at its revision while a writer rewrites every
  // article and commits, again and again, meets blocks reused under it: a
  // matcher that reopened the handle itself would never let the error out.
  index::testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  index::DocumentBuilder builder(false);
  auto rewrite_all = [&](Xapian::WritableDatabase& db, int version) {
    for (int i = 0; i < 2000; ++i) {
      Article a{.id = "a" + std::to_string(i),
                .title = "Notice " + std::to_string(version),
                .body = "Kerry spoke in round " + std::to_string(version) + " to desk " + std::to_string(i) + "."};
      db.replace_document("Q" + a.id, builder.build(a));
    }
    db.commit();
  };
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
  rewrite_all(writer, 0);
  Xapian::Database stale(path);
  const Xapian::rev revision = stale.get_revision();
  search::Matcher matcher{stale};
  const search::BuiltQuery query = search::QueryBuilder({"en"}).build("Kerry");
  REQUIRE(matcher.search(query, search::MatchOptions{.limit = 0}).complete_matches_estimated > 0);
  bool modified = false;
  for (int version = 1; version <= 20 && !modified; ++version) {
    rewrite_all(writer, version);
    try {
      matcher.search(query, search::MatchOptions{.limit = 0, .facets = {schema::FacetKind::kSource}});
    } catch (const Xapian::DatabaseModifiedError&) {
      modified = true;
    }
  }
  CHECK(modified);
  CHECK(stale.get_revision() == revision);  // the matcher shares this handle: never reopened
}
