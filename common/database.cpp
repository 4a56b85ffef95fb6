#include "common/database.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "common/error.h"
#include "common/schema.h"

namespace newsdex {
namespace {

void check_schema(const Xapian::Database& db, const std::string& path) {
  std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  if (version.empty()) {
    if (db.get_doccount() == 0) return;  // an empty database: fine, we stamp it on write
    throw Error(path + ": not a newsdex database (no schema version in its metadata)");
  }
  if (version != std::to_string(schema::kVersion)) {
    throw Error(path + ": database has schema version " + version + ", this newsdex uses version " +
                std::to_string(schema::kVersion) + "; re-index into a new database (newsdex-index --db NEWDIR ...)");
  }
}

std::string locked_message(const std::string& path) {
  return path + ": database is locked by another indexer; wait for it to finish";
}

}  // namespace

std::string default_database_path() {
  if (const char* env = std::getenv("NEWSDEX_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/newsdex/db";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/newsdex/db";
}

Xapian::Database open_database_for_reading(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw DatabaseMissingError("no database at " + path + "; create one with: newsdex-index --db " + path +
                               " PATH... (or set NEWSDEX_DB)");
  }
  try {
    Xapian::Database db(path);
    check_schema(db, path);
    return db;
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw DatabaseMissingError("cannot open database at " + path + ": " + e.get_msg() +
                               "; create one with: newsdex-index --db " + path + " PATH...");
  }
}

bool is_stub_database(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) return fs::exists(fs::path(path) / "XAPIANDB", ec);
  return fs::is_regular_file(path, ec);
}

Xapian::WritableDatabase open_database_for_writing(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path(), ec);
  if (ec) throw Error("cannot create the directory for " + path + ": " + ec.message());
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    check_schema(db, path);
    if (db.get_metadata(std::string(schema::kMetaSchemaVersion)).empty()) {
      db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kVersion));
    }
    return db;
  } catch (const Xapian::DatabaseLockError&) {
    throw Error(locked_message(path));
  } catch (const Xapian::DatabaseError& e) {
    throw Error("cannot open database at " + path + " for writing: " + e.get_msg());
  }
}

Xapian::WritableDatabase open_existing_database_for_writing(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw DatabaseMissingError("no database at " + path + "; create one with: newsdex-index --db " + path +
                               " PATH... (or set NEWSDEX_DB)");
  }
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    check_schema(db, path);
    return db;
  } catch (const Xapian::DatabaseLockError&) {
    throw Error(locked_message(path));
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw DatabaseMissingError("cannot open database at " + path + ": " + e.get_msg());
  } catch (const Xapian::DatabaseError& e) {
    throw Error("cannot open database at " + path + " for writing: " + e.get_msg());
  }
}

std::vector<std::string> database_languages(const Xapian::Database& db) {
  std::vector<std::string> langs;
  std::stringstream ss(db.get_metadata(std::string(schema::kMetaLanguages)));
  for (std::string lang; std::getline(ss, lang, ',');) {
    if (!lang.empty()) langs.push_back(lang);
  }
  if (langs.empty()) langs.push_back("en");
  return langs;
}

}  // namespace newsdex
