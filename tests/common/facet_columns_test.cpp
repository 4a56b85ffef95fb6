// Facet columns: the indexer's cache of every facet slot's values by
// document id. They must hold exactly the slots' values, and be refused
// whenever they are not of the revision a search has open.
#include "common/facet_columns.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/schema.h"
#include "indexer/document_builder.h"
#include "indexer/indexer.h"
#include "tests/indexer/test_support.h"

using newsdex::FacetColumns;
namespace index = newsdex::index;
namespace schema = newsdex::schema;

namespace {

std::string indexed_sample(const index::testing::TempDir& dir) {
  std::string db_path = (dir.path() / "db").string();
  REQUIRE(index::testing::index_sample_corpus(db_path).added >= 40);
  return db_path;
}

void overwrite(const std::string& path, std::size_t at, const std::string& bytes) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(at));
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_CASE("FacetColumns written by the indexer hold every facet slot's value of every document") {
  index::testing::TempDir dir;
  const std::string db_path = indexed_sample(dir);
  Xapian::Database db(db_path);
  std::unique_ptr<FacetColumns> cols = FacetColumns::open(db_path, db);
  REQUIRE(cols != nullptr);
  CHECK(cols->last_docid() == db.get_lastdocid());
  std::size_t values = 0;
  for (std::size_t g = 0; g < FacetColumns::groups().size(); ++g) {
    const FacetColumns::Group& group = FacetColumns::groups()[g];
    CAPTURE(group.name);
    for (std::size_t r = 0; r < group.slots.size(); ++r) {
      const std::uint32_t* ids = cols->ids(g, r);
      for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
        const std::string want = db.get_document(did).get_value(group.slots[r]);
        CHECK(std::string(cols->value(g, ids[did])) == want);
        if (!want.empty()) ++values;
      }
    }
  }
  CHECK(values > 200);  // dates, sources and entities of 47 articles
}

TEST_CASE("FacetColumns groups: the day, then every schema facet with its slots, in the file's fixed order") {
  std::vector<std::string> names;
  for (const FacetColumns::Group& g : FacetColumns::groups()) names.push_back(g.name);
  // The file layout: existing files depend on this order.
  CHECK(names == (std::vector<std::string>{"day", "source", "speaker", "country", "person", "org"}));
  CHECK(FacetColumns::groups()[FacetColumns::kDayGroup].slots == (std::vector<Xapian::valueno>{schema::kSlotDay}));
  for (const schema::FacetSpec& f : schema::kFacetSpecs) {
    CAPTURE(f.name);
    const std::size_t g = FacetColumns::group_index(f.kind);
    REQUIRE(g < FacetColumns::groups().size());
    CHECK(FacetColumns::groups()[g].name == f.name);
    std::vector<Xapian::valueno> slots;
    slots.reserve(static_cast<std::size_t>(f.ranks));
    for (int r = 0; r < f.ranks; ++r) slots.push_back(f.first_slot + static_cast<Xapian::valueno>(r));
    CHECK(FacetColumns::groups()[g].slots == slots);
  }
  CHECK(FacetColumns::groups()[FacetColumns::group_index(schema::FacetKind::kSource)].slots ==
        (std::vector<Xapian::valueno>{schema::kSlotSource}));
}

TEST_CASE("FacetColumns::open refuses columns of another revision and damaged files; refresh rebuilds them") {
  index::testing::TempDir dir;
  const std::string db_path = indexed_sample(dir);
  const std::string file = FacetColumns::path_for(db_path);
  REQUIRE(FacetColumns::open(db_path, Xapian::Database(db_path)) != nullptr);
  CHECK_FALSE(FacetColumns::refresh(db_path));  // already of this revision

  // A commit after the columns were written: they no longer apply.
  {
    Xapian::WritableDatabase w(db_path, Xapian::DB_OPEN);
    newsdex::Article a{.id = "late-1", .title = "Late news", .body = "Kerry spoke again on Tuesday."};
    w.replace_document("Q" + a.id, index::DocumentBuilder().build(a));
    w.commit();
  }
  CHECK(FacetColumns::open(db_path, Xapian::Database(db_path)) == nullptr);
  CHECK(FacetColumns::refresh(db_path));
  CHECK(FacetColumns::open(db_path, Xapian::Database(db_path)) != nullptr);

  const auto size = std::filesystem::file_size(file);
  const std::string good = [&] {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }();
  auto restore = [&] {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << good;
  };
  SUBCASE("truncated") {
    std::filesystem::resize_file(file, size / 2);
    CHECK(FacetColumns::open(db_path, Xapian::Database(db_path)) == nullptr);
    std::filesystem::resize_file(file, 10);
    CHECK(FacetColumns::open(db_path, Xapian::Database(db_path)) == nullptr);
  }
  SUBCASE("another magic") {
    overwrite(file, 0, "XXXXXXXX");
    CHECK(FacetColumns::open(db_path, Xapian::Database(db_path)) == nullptr);
  }
  SUBCASE("any one 4-byte word damaged") {
    // Refused, or accepted with every value inside the file (ids are
    // bounds-checked by their users); under ASan a read outside would abort.
    std::size_t accepted = 0;
    for (std::size_t at = 0; at + 4 <= size; at += 4) {
      restore();
      overwrite(file, at, std::string("\xff\xff\xff\x7f", 4));
      std::unique_ptr<FacetColumns> cols = FacetColumns::open(db_path, Xapian::Database(db_path));
      if (!cols) continue;
      ++accepted;
      for (std::size_t g = 0; g < FacetColumns::groups().size(); ++g) {
        for (std::uint32_t id = 0; id <= cols->table_size(g) + 1; ++id) CHECK(cols->value(g, id).size() <= size);
      }
    }
    CHECK(accepted > 0);         // damaged ids or value bytes pass the checks...
    CHECK(accepted < size / 4);  // ...damaged headers and offsets do not
  }
  SUBCASE("a day value the indexer cannot write") {
    // Found by the facet_columns fuzz target: the timeline parsed "2016x..."
    // with std::stoi, which threw out of newsdex-search, and drew a bar for
    // every day from year 0 on "00000005".
    std::size_t at = 0;
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    while (at + 8 <= good.size() && !(good.compare(at, 2, "20") == 0 &&
                                      std::all_of(good.begin() + static_cast<std::ptrdiff_t>(at),
                                                  good.begin() + static_cast<std::ptrdiff_t>(at + 8), is_digit))) {
      ++at;
    }
    REQUIRE(at + 8 <= good.size());  // the first day value, "2016...."
    for (const char* bad : {"2016x101", "00000005", "17991231", "99991231"}) {
      CAPTURE(bad);
      restore();
      overwrite(file, at, bad);
      CHECK(FacetColumns::open(db_path, Xapian::Database(db_path)) == nullptr);
    }
    restore();
    overwrite(file, at, "18000101");  // the earliest day there can be
    CHECK(FacetColumns::open(db_path, Xapian::Database(db_path)) != nullptr);
  }
  SUBCASE("missing") {
    std::filesystem::remove(file);
    CHECK(FacetColumns::open(db_path, Xapian::Database(db_path)) == nullptr);
    CHECK(FacetColumns::refresh(db_path));
    CHECK(FacetColumns::open(db_path, Xapian::Database(db_path)) != nullptr);
  }
}

namespace {

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("issue 11: a facet-column build asked to stop removes its temporary file and keeps the columns it had") {
  index::testing::TempDir dir;
  const std::string db_path = indexed_sample(dir);
  const std::string file = FacetColumns::path_for(db_path);
  auto commit_one = [&](const std::string& id) {
    Xapian::WritableDatabase w(db_path, Xapian::DB_OPEN);
    newsdex::Article a{.id = id, .title = "Late news", .body = "Kerry spoke again on Tuesday."};
    w.replace_document("Q" + a.id, index::DocumentBuilder().build(a));
    w.commit();
  };
  // How often a whole build asks (the last time just before its rename).
  commit_one("late-1");
  int questions = 0;
  FacetColumns::build(db_path, [&] {
    ++questions;
    return false;
  });
  REQUIRE(questions > 3);
  const std::string before = file_bytes(file);
  commit_one("late-2");  // the columns are stale now: refresh has work to do
  // Stop at the first question (before the lock), in the middle (some slots
  // written) and at the last one (the file written, not renamed yet).
  for (int stop_at : {1, questions / 2, questions}) {
    CAPTURE(stop_at);
    int asked = 0;
    CHECK_THROWS_AS(FacetColumns::refresh(db_path, [&] { return ++asked >= stop_at; }), newsdex::FacetColumnsStopped);
    CHECK(asked == stop_at);
    CHECK_FALSE(std::filesystem::exists(file + ".tmp"));
    CHECK(file_bytes(file) == before);  // the old columns, untouched (stale: open refuses them)
    CHECK(FacetColumns::open(db_path, Xapian::Database(db_path)) == nullptr);
  }
  CHECK(FacetColumns::refresh(db_path, [] { return false; }));
  CHECK(FacetColumns::open(db_path, Xapian::Database(db_path)) != nullptr);
}

TEST_CASE("issue 11: remove_leftover removes a killed builder's temporary file, never one a builder is writing") {
  index::testing::TempDir dir;
  const std::string db_path = indexed_sample(dir);
  const std::string temp = FacetColumns::path_for(db_path) + ".tmp";
  CHECK_FALSE(FacetColumns::remove_leftover(db_path));  // none there
  std::ofstream(temp) << "half a file";
  {
    // A builder at work holds the build lock.
    const int fd = ::open((FacetColumns::path_for(db_path) + ".lock").c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX) == 0);
    CHECK_FALSE(FacetColumns::remove_leftover(db_path));
    CHECK(std::filesystem::exists(temp));
    ::close(fd);
  }
  CHECK(FacetColumns::remove_leftover(db_path));
  CHECK_FALSE(std::filesystem::exists(temp));
}
