#include "common/database.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "common/error.h"
#include "common/schema.h"

namespace {

struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    path = std::filesystem::temp_directory_path() / ("newsdex-dbtest-" + std::to_string(std::random_device{}()));
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("open_database_for_reading says how to create a missing database") {
  ScratchDir dir;
  try {
    newsdex::open_database_for_reading((dir.path / "db").string());
    FAIL("expected DatabaseMissingError");
  } catch (const newsdex::DatabaseMissingError& e) {
    CHECK(std::string(e.what()).find("newsdex-index --db") != std::string::npos);
  }
}

TEST_CASE("a new database is stamped with the schema version; another version is refused") {
  ScratchDir dir;
  std::string path = (dir.path / "nested" / "db").string();
  {
    Xapian::WritableDatabase db = newsdex::open_database_for_writing(path);
    Xapian::Document doc;
    doc.add_boolean_term("Qx");
    db.add_document(doc);
    db.commit();
  }
  Xapian::Database db = newsdex::open_database_for_reading(path);
  CHECK(db.get_metadata(std::string(newsdex::schema::kMetaSchemaVersion)) == std::to_string(newsdex::schema::kVersion));
  {
    Xapian::WritableDatabase w(path, Xapian::DB_OPEN);
    w.set_metadata(std::string(newsdex::schema::kMetaSchemaVersion), "999");
    w.commit();
  }
  CHECK_THROWS_WITH_AS(newsdex::open_database_for_reading(path), doctest::Contains("schema version 999"), newsdex::Error);
  CHECK_THROWS_AS(newsdex::open_database_for_writing(path), newsdex::Error);
}

TEST_CASE("a second writer gets a clear 'locked' error") {
  ScratchDir dir;
  std::string path = (dir.path / "db").string();
  Xapian::WritableDatabase first = newsdex::open_database_for_writing(path);
  CHECK_THROWS_WITH_AS(newsdex::open_database_for_writing(path), doctest::Contains("locked by another indexer"),
                       newsdex::Error);
}

TEST_CASE("default_database_path honours NEWSDEX_DB, then XDG_DATA_HOME, then HOME") {
  const char* old_db = std::getenv("NEWSDEX_DB");
  const char* old_xdg = std::getenv("XDG_DATA_HOME");
  std::string saved_db = old_db ? old_db : "", saved_xdg = old_xdg ? old_xdg : "";
  setenv("NEWSDEX_DB", "/tmp/a", 1);
  CHECK(newsdex::default_database_path() == "/tmp/a");
  unsetenv("NEWSDEX_DB");
  setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
  CHECK(newsdex::default_database_path() == "/tmp/xdg/newsdex/db");
  unsetenv("XDG_DATA_HOME");
  CHECK(newsdex::default_database_path().ends_with("/.local/share/newsdex/db"));
  if (old_db) setenv("NEWSDEX_DB", saved_db.c_str(), 1);
  if (old_xdg) setenv("XDG_DATA_HOME", saved_xdg.c_str(), 1);
}
