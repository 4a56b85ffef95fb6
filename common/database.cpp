#include "common/database.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "common/cluster.h"
#include "common/error.h"
#include "common/schema.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

std::string locked_message(const std::string& path) {
  return path + ": database is locked by another indexer; wait for it to finish";
}

std::string create_advice(const std::string& path) {
  return "create one with: newsdex-index --db " + path + " PATH... (or set NEWSDEX_DB)";
}

// What is at a database path, as far as newsdex is concerned.
enum class PathKind {
  kMissing,        // nothing: a database may be created there
  kEmpty,          // a directory with nothing but database files, and no version file: likewise
  kDatabase,       // a directory holding a glass database (its version file, iamglass)
  kStubDirectory,  // a directory holding a Xapian stub file, XAPIANDB
  kFile,           // a regular file: a stub database, or anything else
  kOther,          // a directory holding other files, or a device, socket...
};

struct PathInfo {
  PathKind kind = PathKind::kMissing;
  std::vector<std::string> foreign;  // kOther directory: its entries that are not a database's
  std::string nested_database;       // kOther directory: a subdirectory that holds a database
};

bool holds_database(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "iamglass", ec);
}

PathInfo inspect(const std::string& path) {
  PathInfo info;
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) return info;
  if (fs::is_regular_file(status)) {
    info.kind = PathKind::kFile;
    return info;
  }
  if (!fs::is_directory(status)) {
    info.kind = PathKind::kOther;
    return info;
  }
  if (holds_database(path)) {
    info.kind = PathKind::kDatabase;
    return info;
  }
  if (fs::exists(fs::path(path) / "XAPIANDB", ec)) {
    info.kind = PathKind::kStubDirectory;
    return info;
  }
  info.foreign = foreign_entries(path);
  info.kind = info.foreign.empty() ? PathKind::kEmpty : PathKind::kOther;
  for (const std::string& name : info.foreign) {
    if (holds_database(fs::path(path) / name)) {
      info.nested_database = (fs::path(path) / name).string();
      break;
    }
  }
  return info;
}

// The message for a path that is neither a database directory nor a place
// where one may be created.
std::string not_a_database_message(const std::string& path, const PathInfo& info) {
  if (info.kind == PathKind::kOther && info.foreign.empty()) {
    return path + " is not a directory (nor a file): not a database";
  }
  return path + " is not a newsdex database, and the directory is not empty: it holds " + list_names(info.foreign);
}

// ". Did you mean --db PATH/db? That is a database." when a subdirectory
// holds one (the user gave its parent), else "".
std::string nested_hint(const PathInfo& info) {
  if (info.nested_database.empty()) return "";
  return ". Did you mean --db " + info.nested_database + "? That is a database";
}

// True when the file at `path` opens as a Xapian stub database.
bool is_stub_file(const std::string& path) {
  try {
    Xapian::Database db(path);
    return true;
  } catch (const Xapian::Error&) {
    return false;
  }
}

// Why `path` cannot be written — its own error, or that of its nearest
// existing ancestor when it does not exist yet — or "" when access(2) sees no
// obstacle. Names a read-only filesystem (EROFS), an immutable directory
// (EPERM) and missing permissions (EACCES; never for root).
std::string write_obstacle(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(path), ec);
  if (ec) return "";
  while (!fs::exists(p, ec) && p.has_parent_path() && p != p.parent_path()) p = p.parent_path();
  if (::access(p.c_str(), W_OK) == 0) return "";
  const std::string cause = std::strerror(errno);
  std::string here = p.lexically_normal().string();
  return (here == fs::absolute(fs::path(path), ec).lexically_normal().string() ? std::string() : here + ": ") + cause;
}

// Turns Xapian's failure to open `path` for writing into our message: "locked"
// only when another writer holds the lock; the real cause when the directory
// cannot be written (Xapian reports that as a lock error too).
[[noreturn]] void throw_write_open_error(const std::string& path, const Xapian::DatabaseError& e) {
  const bool lock_error = std::string_view(e.get_type()) == "DatabaseLockError";
  if (lock_error && e.get_msg().find("already locked") != std::string::npos) {
    throw Error(locked_message(path));
  }
  if (std::string obstacle = write_obstacle(path); !obstacle.empty()) {
    throw Error(path + ": cannot write to the database: " + obstacle +
                (holds_database(path) ? " (it can still be searched)" : ""));
  }
  if (lock_error) {
    throw Error(path + ": cannot lock the database for writing: " + e.get_msg());
  }
  throw Error("cannot open database at " + path + " for writing: " + e.get_msg());
}

// Refuses, before anything is written, every `path` where open_database_for_writing
// must not create or open a database (see database.h).
void check_writable_location(const std::string& path) {
  const PathInfo info = inspect(path);
  switch (info.kind) {
    case PathKind::kMissing:
    case PathKind::kEmpty:
    case PathKind::kDatabase:
      return;
    case PathKind::kFile:
      if (is_stub_file(path)) {
        throw Error(path +
                    " is a stub database file (a list of databases): newsdex-search can search it, but "
                    "newsdex-index writes only into a database directory (nothing was written)");
      }
      throw Error(path +
                  " is a file, not a database directory; give --db a new or empty directory, or an "
                  "existing newsdex database (nothing was written)");
    case PathKind::kStubDirectory:
      throw Error(path +
                  " is a stub database directory (its XAPIANDB lists databases): newsdex-search can search "
                  "it, but newsdex-index writes only into a database directory (nothing was written)");
    case PathKind::kOther:
      throw Error(not_a_database_message(path, info) +
                  "; newsdex-index creates a database only in a new or empty directory, so that it never deletes "
                  "or overwrites files it did not create (nothing was written)" +
                  nested_hint(info));
  }
}

}  // namespace

void check_schema(const Xapian::Database& db, const std::string& path) {
  std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  if (version.empty()) {
    if (db.get_doccount() == 0) return;  // an empty database: fine, we stamp it on write
    throw Error(path + ": not a newsdex database (no schema version in its metadata)");
  }
  if (version != std::to_string(schema::kVersion)) {
    throw Error(path + ": database has schema version " + version + ", this newsdex uses version " +
                std::to_string(schema::kVersion) + " (" + std::string(schema::kVersionChange) +
                "); re-index into a new database (newsdex-index --db NEWDIR ...)");
  }
}

std::string default_database_path() {
  if (const char* env = std::getenv("NEWSDEX_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/newsdex/db";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/newsdex/db";
}

bool is_database_file_name(std::string_view name) {
  for (std::string_view known :
       {"iamglass", "flintlock", "v.tmp", "newsdex-facets", "newsdex-facets.lock", "newsdex-facets.tmp"}) {
    if (name == known) return true;
  }
  // Tables: postlist, docdata, termlist, position, spelling, synonym, and the
  // temporary tables of a multipass compaction.
  constexpr std::string_view kTable = ".glass";
  if (name.size() > kTable.size() && name.ends_with(kTable)) return true;
  constexpr std::string_view kChanges = "changes";
  if (name.size() > kChanges.size() && name.starts_with(kChanges)) {
    return std::all_of(name.begin() + kChanges.size(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
  }
  return false;
}

std::vector<std::string> foreign_entries(const std::string& dir) {
  std::vector<std::string> foreign;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    const std::string name = it->path().filename().string();
    if (!(it->symlink_status(type_ec).type() == fs::file_type::regular && is_database_file_name(name))) {
      foreign.push_back(name);
    }
  }
  if (ec) throw Error("cannot list " + dir + ": " + ec.message());
  std::sort(foreign.begin(), foreign.end());
  return foreign;
}

void remove_database_directory(const std::string& dir) {
  std::error_code ec;
  fs::file_status status = fs::symlink_status(dir, ec);
  if (!fs::is_directory(status)) {
    throw Error("not removing " + dir + ": it is " + (fs::is_symlink(status) ? "a symbolic link" : "not a directory") +
                ", which newsdex did not create");
  }
  if (std::vector<std::string> foreign = foreign_entries(dir); !foreign.empty()) {
    throw Error("not removing " + dir + ": it holds " + list_names(foreign) + ", which newsdex did not create");
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    // Checked again one by one: only what is ours goes, even if the directory
    // changed since the check above.
    std::error_code type_ec;
    if (entry.symlink_status(type_ec).type() != fs::file_type::regular ||
        !is_database_file_name(entry.path().filename().string())) {
      continue;
    }
    if (::unlink(entry.path().c_str()) != 0 && errno != ENOENT) {
      throw Error("cannot remove " + entry.path().string() + ": " + std::strerror(errno));
    }
  }
  if (ec) throw Error("cannot list " + dir + ": " + ec.message());
  if (::rmdir(dir.c_str()) != 0) {
    const int err = errno;
    if (err == ENOTEMPTY || err == EEXIST) {
      throw Error("not removing " + dir + ": it holds " + list_names(foreign_entries(dir)) +
                  ", which newsdex did not create");
    }
    throw Error("cannot remove " + dir + ": " + std::strerror(err));
  }
}

std::string list_names(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 3;
  std::string out;
  const std::size_t shown = names.size() > kShown + 1 ? kShown : names.size();
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == shown && shown == names.size()) ? " and " : ", ";
    out += names[i];
  }
  if (shown < names.size()) out += " and " + std::to_string(names.size() - shown) + " more";
  return out;
}

Xapian::Database open_database_for_reading(const std::string& path) {
  const PathInfo info = inspect(path);
  switch (info.kind) {
    case PathKind::kMissing:
      throw DatabaseMissingError("no database at " + path + "; " + create_advice(path));
    case PathKind::kEmpty:
      throw DatabaseMissingError("no database at " + path + " (an empty directory); " + create_advice(path));
    case PathKind::kOther:
      throw Error(not_a_database_message(path, info) + nested_hint(info));
    case PathKind::kFile:
    case PathKind::kStubDirectory:
    case PathKind::kDatabase:
      break;
  }
  if (info.kind == PathKind::kStubDirectory || info.kind == PathKind::kFile) {
    return Cluster::open(path, false).database();
  }
  try {
    Xapian::Database db(path);
    check_schema(db, path);
    return db;
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error("cannot open database at " + path + ": " + e.get_msg());
  }
}

bool is_stub_database(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return fs::exists(fs::path(path) / "XAPIANDB", ec);
  return fs::is_regular_file(path, ec);
}

Xapian::WritableDatabase open_database_for_writing(const std::string& path) {
  check_writable_location(path);
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path(), ec);
  if (ec) {
    std::string obstacle = write_obstacle(path);
    throw Error("cannot create the directory for " + path + ": " + (obstacle.empty() ? ec.message() : obstacle));
  }
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    check_schema(db, path);
    if (db.get_metadata(std::string(schema::kMetaSchemaVersion)).empty()) {
      db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kVersion));
    }
    return db;
  } catch (const Xapian::DatabaseError& e) {
    throw_write_open_error(path, e);
  }
}

Xapian::WritableDatabase open_existing_database_for_writing(const std::string& path) {
  // Checked before Xapian opens anything: it would create its lock file,
  // flintlock, in whatever directory it is given.
  const PathInfo info = inspect(path);
  switch (info.kind) {
    case PathKind::kMissing:
      throw DatabaseMissingError("no database at " + path + "; " + create_advice(path));
    case PathKind::kEmpty:
      throw DatabaseMissingError("no database at " + path + " (an empty directory); " + create_advice(path));
    case PathKind::kFile:
      throw Error(path + " is a file, not a database directory");
    case PathKind::kStubDirectory:
      throw Error(path + " is a stub database directory (its XAPIANDB lists databases), not a database directory");
    case PathKind::kOther:
      throw Error(not_a_database_message(path, info) + nested_hint(info));
    case PathKind::kDatabase:
      break;
  }
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    check_schema(db, path);
    return db;
  } catch (const Xapian::DatabaseOpeningError& e) {
    if (!holds_database(path)) throw DatabaseMissingError("cannot open database at " + path + ": " + e.get_msg());
    throw_write_open_error(path, e);
  } catch (const Xapian::DatabaseError& e) {
    throw_write_open_error(path, e);
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
