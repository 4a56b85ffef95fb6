// retry_while_committing, the one retry of newsdex-search: how many attempts a
// search gets while an indexer commits, which errors are retried, and that
// each attempt reads through a new handle. The faults are thrown by the test's
// own search function, a set number of times, on a real glass database.
#include "searcher/search.h"

#include <doctest/doctest.h>

#include <string>

#include "common/error.h"
#include "tests/indexer/test_support.h"

namespace newsdex::search {
namespace {

// A glass database with one committed document, in a directory of its own.
struct OneDocument {
  index::testing::TempDir dir;
  std::string path = (dir.path() / "db").string();
  OneDocument() {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("kerry");
    db.add_document(doc);
    db.commit();
  }
};

// Runs retry_while_committing on `db`: each attempt's search calls `fault`
// with its attempt number (1, 2, ...). Counts the handles opened and the
// searches run.
struct Attempts {
  int opened = 0;
  int searched = 0;
};
template <class Fault>
Attempts attempt(const OneDocument& db, Fault fault) {
  Attempts n;
  retry_while_committing(
      [&] {
        ++n.opened;
        return Xapian::Database(db.path);
      },
      [&](const Xapian::Database& handle) {
        ++n.searched;
        CHECK(handle.get_doccount() == 1);
        fault(n.searched);
      });
  return n;
}

TEST_CASE("retry_while_committing: a search meeting DatabaseModifiedError is attempted kSearchAttempts times at most") {
  static_assert(kSearchAttempts >= 2, "a commit under way must get a second attempt");
  OneDocument db;
  for (int failures = 0; failures < kSearchAttempts; ++failures) {
    CAPTURE(failures);
    const Attempts n = attempt(db, [&](int k) {
      if (k <= failures) throw Xapian::DatabaseModifiedError("the revision being read has been discarded");
    });
    CHECK(n.searched == failures + 1);
    CHECK(n.opened == n.searched);  // a new handle each attempt
  }
  // One failure more than the bound: the error reaches the caller, after
  // exactly kSearchAttempts attempts (no retry nested under this one).
  for (int failures : {kSearchAttempts, kSearchAttempts + 3}) {
    CAPTURE(failures);
    int searched = 0;
    CHECK_THROWS_AS(attempt(db,
                            [&](int k) {
                              searched = k;
                              if (k <= failures) throw Xapian::DatabaseModifiedError("discarded");
                            }),
                    Xapian::DatabaseModifiedError);
    CHECK(searched == kSearchAttempts);
  }
}

TEST_CASE("retry_while_committing: DatabaseCorruptError is retried only when the database moved on") {
  OneDocument db;
  // Real damage: the revision read is the latest, so the error is the answer.
  int searched = 0;
  CHECK_THROWS_AS(attempt(db,
                          [&](int k) {
                            searched = k;
                            throw Xapian::DatabaseCorruptError("bad block");
                          }),
                  Xapian::DatabaseCorruptError);
  CHECK(searched == 1);
  // A commit landed while the attempt read (glass can report a reused block
  // as corrupt before it notices): attempted again, on the new revision.
  const Attempts n = attempt(db, [&](int k) {
    if (k > 1) return;
    Xapian::WritableDatabase writer(db.path, Xapian::DB_OPEN);
    writer.set_metadata("moved", "on");
    writer.commit();
    throw Xapian::DatabaseCorruptError("bad block");
  });
  CHECK(n.searched == 2);
  CHECK(n.opened == 2);
}

TEST_CASE("retry_while_committing: an error opening the database that says corrupt is retried, others are not") {
  OneDocument db;
  int opened = 0;
  int searched = 0;
  retry_while_committing(
      [&] {
        if (++opened == 1) throw Xapian::DatabaseCorruptError("read while a commit was under way");
        return Xapian::Database(db.path);
      },
      [&](const Xapian::Database&) { ++searched; });
  CHECK(opened == 2);
  CHECK(searched == 1);

  // Errors that no commit explains pass through on the first attempt.
  searched = 0;
  CHECK_THROWS_AS(attempt(db,
                          [&](int k) {
                            searched = k;
                            throw Error("--since: not a date: soon (try 2016, 2016-02 or 2016-02-05)");
                          }),
                  Error);
  CHECK(searched == 1);
  searched = 0;
  CHECK_THROWS_AS(attempt(db,
                          [&](int k) {
                            searched = k;
                            throw Xapian::DatabaseOpeningError("no such database");
                          }),
                  Xapian::DatabaseOpeningError);
  CHECK(searched == 1);
}

}  // namespace
}  // namespace newsdex::search
