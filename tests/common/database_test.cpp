#include "common/database.h"

#include <sys/mount.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

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
  CHECK_THROWS_WITH_AS(newsdex::open_database_for_reading(path), doctest::Contains("schema version 999"),
                       newsdex::Error);
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

// ---- issue 11: never write into, or delete, what newsdex did not create

namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A committed database at `path` holding one document.
void make_database(const std::string& path) {
  Xapian::WritableDatabase db = newsdex::open_database_for_writing(path);
  Xapian::Document doc;
  doc.add_boolean_term("Qx");
  db.add_document(doc);
  db.commit();
}

std::string error_of(const auto& call) {
  try {
    call();
  } catch (const newsdex::Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("issue 11: open_database_for_writing refuses a non-empty directory that is not a database, writing nothing") {
  ScratchDir dir;
  write_file(dir.path / "d" / "notes.txt", "precious\n");
  const std::string d = (dir.path / "d").string();
  const std::string message = error_of([&] { newsdex::open_database_for_writing(d); });
  CHECK(message.find(d + " is not a newsdex database") != std::string::npos);
  CHECK(message.find("it holds notes.txt") != std::string::npos);
  CHECK(read_file(dir.path / "d" / "notes.txt") == "precious\n");
  // Nothing created beside it (Xapian would have made flintlock and the tables).
  CHECK(newsdex::foreign_entries(d) == std::vector<std::string>{"notes.txt"});
  CHECK(std::distance(fs::directory_iterator(d), fs::directory_iterator()) == 1);
  // Nor by the administration's open, nor by the searcher's.
  CHECK(error_of([&] { newsdex::open_existing_database_for_writing(d); }).find("it holds notes.txt") !=
        std::string::npos);
  CHECK(error_of([&] { newsdex::open_database_for_reading(d); }).find("it holds notes.txt") != std::string::npos);
  CHECK(std::distance(fs::directory_iterator(d), fs::directory_iterator()) == 1);
}

TEST_CASE("issue 11: --db PARENT of a database is refused with a hint, and the database survives") {
  ScratchDir dir;
  const std::string db = (dir.path / "news" / "db").string();
  make_database(db);
  const std::string parent = (dir.path / "news").string();
  const std::string message = error_of([&] { newsdex::open_database_for_writing(parent); });
  CHECK(message.find("it holds db") != std::string::npos);
  CHECK(message.find("Did you mean --db " + db + "?") != std::string::npos);
  CHECK(error_of([&] { newsdex::open_database_for_reading(parent); }).find("Did you mean --db " + db) !=
        std::string::npos);
  CHECK(newsdex::open_database_for_reading(db).get_doccount() == 1);
}

TEST_CASE("issue 11: a database is created in a new or empty directory, or one holding only database files") {
  ScratchDir dir;
  fs::create_directories(dir.path / "empty");
  make_database((dir.path / "empty").string());
  // A creation killed after Xapian's lock file, or our facet lock: still ours.
  write_file(dir.path / "half" / "flintlock", "");
  write_file(dir.path / "half" / "newsdex-facets.lock", "");
  make_database((dir.path / "half").string());
  make_database((dir.path / "new" / "deeper").string());
  CHECK(newsdex::open_database_for_reading((dir.path / "half").string()).get_doccount() == 1);
  // An empty directory is "no database yet" for the searcher: it says how to make one.
  fs::create_directories(dir.path / "other");
  CHECK_THROWS_WITH_AS(newsdex::open_database_for_reading((dir.path / "other").string()),
                       doctest::Contains("create one with: newsdex-index --db"), newsdex::DatabaseMissingError);
}

TEST_CASE("issue 11: a regular file is not a database directory; a stub database file is searched, never written") {
  ScratchDir dir;
  write_file(dir.path / "notes.txt", "precious\n");
  const std::string file = (dir.path / "notes.txt").string();
  CHECK(error_of([&] {
          newsdex::open_database_for_writing(file);
        }).find(file + " is a file, not a database directory") != std::string::npos);
  // The searcher's message says so too, instead of Xapian's "Bad line" and advice to create a database there.
  const std::string read_error = error_of([&] { newsdex::open_database_for_reading(file); });
  CHECK(read_error.find(file + " is a file, not a database directory") != std::string::npos);
  CHECK(read_error.find("create one") == std::string::npos);
  CHECK(error_of([&] { newsdex::open_existing_database_for_writing(file); }).find("is a file") != std::string::npos);
  CHECK(read_file(file) == "precious\n");

  const std::string db = (dir.path / "db").string();
  make_database(db);
  write_file(dir.path / "stub", "glass " + db + "\n");
  const std::string stub = (dir.path / "stub").string();
  CHECK(newsdex::open_database_for_reading(stub).get_doccount() == 1);
  CHECK(error_of([&] { newsdex::open_database_for_writing(stub); }).find("is a stub database file") !=
        std::string::npos);
  CHECK(read_file(stub) == "glass " + db + "\n");
}

TEST_CASE("issue 11: is_database_file_name knows Xapian's glass files and ours, nothing else") {
  for (const char* name : {"iamglass", "flintlock", "v.tmp", "postlist.glass", "docdata.glass", "termlist.glass",
                           "position.glass", "spelling.glass", "synonym.glass", "changes12", "newsdex-facets",
                           "newsdex-facets.lock", "newsdex-facets.tmp"}) {
    CAPTURE(name);
    CHECK(newsdex::is_database_file_name(name));
  }
  for (const char* name :
       {"notes.txt", ".glass", "changes", "changes1a", "newsdex-facets.bak", "db", "XAPIANDB", "iamchert", "README"}) {
    CAPTURE(name);
    CHECK_FALSE(newsdex::is_database_file_name(name));
  }
  CHECK(newsdex::list_names({"a"}) == "a");
  CHECK(newsdex::list_names({"a", "b"}) == "a and b");
  CHECK(newsdex::list_names({"a", "b", "c", "d"}) == "a, b, c and d");
  CHECK(newsdex::list_names({"a", "b", "c", "d", "e", "f"}) == "a, b, c and 3 more");
}

TEST_CASE("issue 11: remove_database_directory removes a directory of database files, and nothing else") {
  ScratchDir dir;
  const std::string db = (dir.path / "db").string();
  make_database(db);
  write_file(dir.path / "db" / "newsdex-facets.tmp", "partial");
  newsdex::remove_database_directory(db);
  CHECK_FALSE(fs::exists(db));

  SUBCASE("a file it did not create: nothing removed, the file named") {
    make_database(db);
    write_file(dir.path / "db" / "notes.txt", "precious\n");
    const std::size_t entries =
        static_cast<std::size_t>(std::distance(fs::directory_iterator(db), fs::directory_iterator()));
    CHECK_THROWS_WITH_AS(newsdex::remove_database_directory(db), doctest::Contains("it holds notes.txt"),
                         newsdex::Error);
    CHECK(read_file(dir.path / "db" / "notes.txt") == "precious\n");
    CHECK(static_cast<std::size_t>(std::distance(fs::directory_iterator(db), fs::directory_iterator())) == entries);
  }
  SUBCASE("a subdirectory, even one named like a table: not ours") {
    fs::create_directories(dir.path / "db" / "postlist.glass");
    CHECK_THROWS_WITH_AS(newsdex::remove_database_directory(db), doctest::Contains("postlist.glass"), newsdex::Error);
    CHECK(fs::is_directory(dir.path / "db" / "postlist.glass"));
  }
  SUBCASE("a symbolic link is not followed") {
    make_database((dir.path / "target").string());
    fs::create_directory_symlink(dir.path / "target", dir.path / "link");
    CHECK_THROWS_WITH_AS(newsdex::remove_database_directory((dir.path / "link").string()),
                         doctest::Contains("symbolic link"), newsdex::Error);
    CHECK(newsdex::open_database_for_reading((dir.path / "target").string()).get_doccount() == 1);
  }
}

TEST_CASE("issue 11: a read-only filesystem is reported as such, not as 'locked by another indexer'") {
  if (::geteuid() != 0) {
    MESSAGE("skipped: needs root to mount a read-only tmpfs");
    return;
  }
  ScratchDir dir;
  fs::create_directories(dir.path / "mnt");
  const std::string mnt = (dir.path / "mnt").string();
  if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=4m") != 0) {
    MESSAGE("skipped: cannot mount a tmpfs here: " << std::strerror(errno));
    return;
  }
  const std::string db = mnt + "/db";
  make_database(db);
  fs::create_directories(mnt + "/empty");
  REQUIRE(::mount("tmpfs", mnt.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, "size=4m") == 0);
  const std::string write_error = error_of([&] { newsdex::open_database_for_writing(db); });
  const std::string admin_error = error_of([&] { newsdex::open_existing_database_for_writing(db); });
  const std::string empty_error = error_of([&] { newsdex::open_database_for_writing(mnt + "/empty"); });
  const std::string new_error = error_of([&] { newsdex::open_database_for_writing(mnt + "/new/db"); });
  const std::size_t readable = newsdex::open_database_for_reading(db).get_doccount();
  ::umount(mnt.c_str());
  for (const std::string& message : {write_error, admin_error, empty_error, new_error}) {
    CAPTURE(message);
    CHECK(message.find("Read-only file system") != std::string::npos);
    CHECK(message.find("locked") == std::string::npos);
  }
  CHECK(write_error.find("it can still be searched") != std::string::npos);
  CHECK(readable == 1);
}
