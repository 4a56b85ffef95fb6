// compact_database: compaction into a sibling directory and an atomic swap.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/database.h"
#include "common/error.h"
#include "common/format.h"
#include "common/schema.h"
#include "common/test_hook.h"
#include "indexer/admin.h"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

fs::path without_trailing_slash(fs::path p) {
  p = p.lexically_normal();
  if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();
  return p;
}

// fsync(2) of a file or directory, so a crash after the swap cannot leave a
// directory entry pointing at data that never reached the disk.
void sync_to_disk(const fs::path& path, bool directory) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
  if (fd < 0) throw Error("cannot open " + path.string() + " to sync it: " + std::strerror(errno));
  int rc = ::fsync(fd);
  int saved_errno = errno;
  ::close(fd);
  if (rc != 0) throw Error("cannot sync " + path.string() + " to disk: " + std::strerror(saved_errno));
}

void sync_directory_tree(const fs::path& dir) {
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) sync_to_disk(entry.path(), false);
  }
  sync_to_disk(dir, true);
}

// Removes the directory when it goes out of scope (errors ignored: a
// leftover is removed by the next compaction).
class RemoveOnExit {
 public:
  explicit RemoveOnExit(fs::path dir) : dir_(std::move(dir)) {}
  ~RemoveOnExit() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  RemoveOnExit(const RemoveOnExit&) = delete;
  RemoveOnExit& operator=(const RemoveOnExit&) = delete;

 private:
  fs::path dir_;
};

}  // namespace

std::string compaction_temp_path(const std::string& db_dir) {
  fs::path dir = without_trailing_slash(db_dir);
  return (dir.parent_path() / ("." + dir.filename().string() + ".compact-tmp")).string();
}

CompactResult compact_database(const std::string& db_path) {
  // 1. The write lock, held to the end: no indexer, delete or other
  // compaction can change the database (or the temp directory) meanwhile.
  Xapian::WritableDatabase lock = open_existing_database_for_writing(db_path);
  std::error_code ec;
  // The real directory: a symbolic link to the database keeps pointing at it,
  // and the temp directory is its sibling, on the same filesystem.
  fs::path dir = fs::canonical(db_path, ec);
  if (ec) throw Error("cannot resolve " + db_path + ": " + ec.message());
  if (!fs::is_directory(dir)) {
    throw Error(db_path + ": not a database directory (compact works on a glass database directory)");
  }
  CompactResult result;
  result.db_path = dir.string();
  fs::path temp = compaction_temp_path(dir.string());

  try {
    // 2. A leftover of a crashed compaction: either a partial copy or, when
    // the crash came after the swap, the old database. Neither is needed.
    fs::remove_all(temp, ec);
    if (ec) throw Error("cannot remove the leftover " + temp.string() + ": " + ec.message());

    // 3. Compact what the lock protects (opened after taking it, so no commit
    // can slip in between).
    Xapian::Database source(dir.string());
    result.articles = source.get_doccount();
    result.bytes_before = directory_bytes(dir.string());
    RemoveOnExit cleanup(temp);
    // FULL packs blocks fully but keeps items small enough for later updates
    // (FULLER would not); NO_RENUMBER keeps document ids, so rankings tie-break
    // exactly as before.
    source.compact(temp.string(), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
    sync_directory_tree(temp);

    Xapian::Database compacted(temp.string());
    if (compacted.get_doccount() != result.articles ||
        compacted.get_metadata(std::string(schema::kMetaSchemaVersion)) !=
            source.get_metadata(std::string(schema::kMetaSchemaVersion))) {
      throw Error("the compacted copy of " + dir.string() + " does not match it (" +
                  std::to_string(compacted.get_doccount()) + " articles instead of " +
                  std::to_string(result.articles) + ")");
    }
    // Lock the new database too, so that it is locked from the instant it
    // appears at the database path.
    Xapian::WritableDatabase new_lock(temp.string(), Xapian::DB_OPEN);
    test_hook("compact-copied");

    // 4. The swap: one atomic rename exchanging the two directories.
    if (::renameat2(AT_FDCWD, dir.c_str(), AT_FDCWD, temp.c_str(), RENAME_EXCHANGE) != 0) {
      int err = errno;
      if (err == EINVAL || err == ENOSYS || err == EOPNOTSUPP || err == EXDEV) {
        throw Error("cannot swap " + dir.string() + " with its compacted copy atomically on this filesystem (" +
                    std::strerror(err) + "); the database is unchanged. Compact it into a new directory with "
                    "xapian-compact instead");
      }
      throw Error("cannot swap " + dir.string() + " with its compacted copy: " + std::strerror(err) +
                  "; the database is unchanged");
    }
    // Make the swap durable. The swap is done: a failure here must not be
    // reported as "unchanged" (the next commit or compaction syncs anyway).
    try {
      sync_to_disk(dir.parent_path(), true);
    } catch (const Error&) {  // NOLINT(bugprone-empty-catch)
    }
    test_hook("compact-swapped");
    // `cleanup` now removes the old database. Searchers holding it open keep
    // their open files until they close or reopen.
  } catch (const Xapian::Error& e) {
    throw Error("cannot compact the database at " + dir.string() + ": " + e.get_description() +
                "; the database is unchanged");
  } catch (const fs::filesystem_error& e) {
    throw Error("cannot compact the database at " + dir.string() + ": " + e.what() + "; the database is unchanged");
  }
  result.bytes_after = directory_bytes(dir.string());
  return result;
}

std::string format_compact_result(const CompactResult& result) {
  char ratio[64];
  double r = result.ratio();
  std::snprintf(ratio, sizeof ratio, "%.3f of the size before (%.1f%% %s)", r, (r <= 1 ? 1 - r : r - 1) * 100,
                r <= 1 ? "smaller" : "larger");
  return "compacted " + result.db_path + ": " + format_count(result.bytes_before) + " -> " +
         format_count(result.bytes_after) + " bytes (" + format_bytes(result.bytes_before) + " -> " +
         format_bytes(result.bytes_after) + "), " + ratio + "; " + format_count(result.articles) +
         (result.articles == 1 ? " article" : " articles");
}

}  // namespace newsdex::index
