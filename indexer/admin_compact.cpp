// compact_database: compaction into a sibling directory and an atomic swap.
#include "indexer/admin_compact.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/database.h"
#include "common/error.h"
#include "common/format.h"
#include "common/schema.h"
#include "common/test_hook.h"
#include "indexer/admin_check.h"
#include "indexer/admin_common.h"
#include "indexer/child_process.h"
#include "indexer/interrupt.h"

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

// Removes the temp directory when it goes out of scope, unless release()d:
// only a database's files, and the directory when that empties it (errors
// ignored: the next run removes a leftover, or names what is in it).
class RemoveOnExit {
 public:
  explicit RemoveOnExit(fs::path dir) : dir_(std::move(dir)) {}
  ~RemoveOnExit() {
    try {
      remove_database_directory(dir_.string());
    } catch (const Error&) {  // NOLINT(bugprone-empty-catch): see above
    }
  }
  RemoveOnExit(const RemoveOnExit&) = delete;
  RemoveOnExit& operator=(const RemoveOnExit&) = delete;

 private:
  fs::path dir_;
};

// The languages lists (schema::kMetaLanguages) of several databases as one:
// the first list's order, then the languages only the others name, sorted.
std::string unite_language_lists(const std::vector<std::string>& lists) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::set<std::string> later;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    std::stringstream in(lists[i]);
    for (std::string lang; std::getline(in, lang, ',');) {
      if (lang.empty() || seen.contains(lang)) continue;
      if (i == 0) {
        out.push_back(lang);
        seen.insert(lang);
      } else {
        later.insert(lang);
      }
    }
  }
  for (const std::string& lang : later) {
    if (!seen.contains(lang)) out.push_back(lang);
  }
  std::string joined;
  for (const std::string& lang : out) joined += (joined.empty() ? "" : ",") + lang;
  return joined;
}

// The ids of `sources` that the database `db` holds too: articles the run
// replaced.
Xapian::doccount count_replaced(const Xapian::Database& db, const std::vector<std::string>& sources) {
  if (db.get_doccount() == 0) return 0;
  const std::string prefix(schema::kPrefixId);
  Xapian::doccount replaced = 0;
  for (const std::string& path : sources) {
    Xapian::Database source(path);
    for (auto id = source.allterms_begin(prefix); id != source.allterms_end(prefix); ++id) {
      if (db.term_exists(*id)) ++replaced;
    }
  }
  return replaced;
}

// What a merge (compaction of the database `source` with `sources`) leaves
// to do in the merged copy `merged`:
// - an id the database and a source both held is there twice, the
//   database's copy first (the compaction numbers the database's documents
//   before the sources'): that copy is deleted and its words leave the
//   spelling table, as one writer's replacement would do (only when
//   `replaced`, the count of such ids, is not 0);
// - metadata several of them hold: Xapian's compaction hands the values to
//   its resolver in no set order, so they are set here: the languages lists
//   united (the database's first), the bulk load the sources' (the run's).
void finish_merge(const std::string& merged, const std::string& source, const std::vector<std::string>& sources,
                  Xapian::doccount replaced) {
  Xapian::WritableDatabase db(merged, Xapian::DB_OPEN);
  std::vector<std::string> languages{Xapian::Database(source).get_metadata(std::string(schema::kMetaLanguages))};
  std::unordered_map<std::string, Xapian::termcount> spellings;
  const std::string prefix(schema::kPrefixId);
  for (const std::string& path : sources) {
    Xapian::Database shard(path);
    languages.push_back(shard.get_metadata(std::string(schema::kMetaLanguages)));
    for (auto id = shard.allterms_begin(prefix); replaced > 0 && id != shard.allterms_end(prefix); ++id) {
      if (db.get_termfreq(*id) < 2) continue;
      std::vector<Xapian::docid> copies(db.postlist_begin(*id), db.postlist_end(*id));
      copies.pop_back();  // the source's, numbered last
      for (Xapian::docid old : copies) {
        Xapian::Document doc = db.get_document(old);
        for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
          if (schema::is_spelling_word(*term)) ++spellings[*term];
        }
        db.delete_document(old);
      }
    }
  }
  for (const auto& [word, count] : spellings) db.remove_spelling(word, count);
  db.set_metadata(std::string(schema::kMetaLanguages), unite_language_lists(languages));
  if (std::string bulk = Xapian::Database(sources.front()).get_metadata(std::string(schema::kMetaBulkLoad));
      !bulk.empty()) {
    db.set_metadata(std::string(schema::kMetaBulkLoad), bulk);
  }
  db.commit();
}

std::string interrupted_message(const fs::path& dir) {
  return "compaction of " + dir.string() +
         " interrupted; the database is as it was before it (its temporary copy removed)";
}

[[noreturn]] void throw_interrupted(const fs::path& dir) { throw Interrupted(interrupted_message(dir)); }

// Xapian's compaction of the database `source` into `dest`, in a child
// process, so that SIGINT/SIGTERM stop it at once: Xapian has no way to
// cancel a compaction (its Compactor callback comes once per table, and the
// largest table is one piece; an exception thrown through it would leak the
// open tables), but a child can be killed. The child dies with us
// (PR_SET_PDEATHSIG), so a SIGKILL of the indexer leaves no compaction running
// on. Throws Interrupted when a signal came (the child killed and reaped),
// Error with Xapian's message when the compaction failed.
// Requires: no other thread of this process holds a lock the child could
// need (the indexer's threads have been joined by now).
// With `more` sources (a sharded load's shards) they are merged after
// `source`, document ids renumbered in that order, and the merged copy
// finished (finish_merge: the `replaced` ids' old copies dropped, metadata).
void compact_in_child(const fs::path& source, const std::vector<std::string>& more, Xapian::doccount replaced,
                      const fs::path& dest, const fs::path& dir) {
  auto compact = [&](int fd) {
    std::string message;
    try {
      test_hook("compact-running");
      Xapian::Database db(source.string());
      for (const std::string& other : more) db.add_database(Xapian::Database(other));
      // FULL packs blocks fully but keeps items small enough for later
      // updates (FULLER would not); NO_RENUMBER keeps document ids, so
      // rankings tie-break exactly as before.
      if (more.empty()) {
        db.compact(dest.string(), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
      } else {
        db.compact(dest.string(), Xapian::Compactor::FULL);
        finish_merge(dest.string(), source.string(), more, replaced);
      }
      ::_exit(0);
    } catch (const Xapian::Error& e) {
      message = e.get_description();
    } catch (const std::exception& e) {
      message = e.what();
    } catch (...) {
      message = "unknown error";
    }
    write_to_parent(fd, message);
    ::_exit(1);
  };
  const ChildExit child = run_in_child(
      compact,
      ChildOptions{.what = "the compaction", .interruptible = true, .interrupted_message = interrupted_message(dir)});
  const int status = child.status;
  std::string message = child.output;
  if (interrupt_requested()) throw_interrupted(dir);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  if (message.empty()) {
    message = WIFSIGNALED(status) ? "the compacting process was killed by signal " + std::to_string(WTERMSIG(status))
                                  : "the compacting process failed";
  }
  throw Error("cannot compact the database at " + dir.string() + ": " + message +
              "; the database is as it was before compaction");
}

// Compaction copies whatever the tables hold: libxapian 1.4 does not
// validate a B-tree block before using it, so damage can make the copy
// crash, loop forever, or be copied into the new database, which then
// replaces the old one as if sound. Xapian's consistency check (every block
// and the cross-references of the tables, in a child process) runs first;
// damage is refused with what is wrong and what to do. Throws Interrupted on
// SIGINT/SIGTERM while it runs.
void refuse_to_compact_damage(const fs::path& dir) {
  if (std::optional<std::string> problem = xapian_check_problem_before_compaction(dir.string())) {
    throw DamagedDatabaseError(damaged_database_message(dir.string(), *problem) +
                               "; it was not compacted (the database is as it was)");
  }
}

// Step 1's open for writing, which takes the lock. When it fails for another
// reason than the lock or the permissions (common/database.h words those),
// damage that stops Xapian opening the tables (a root block) is reported as
// refuse_to_compact_damage does; anything else as it came.
Xapian::WritableDatabase open_for_compaction(const std::string& db_path) {
  try {
    return open_existing_database_for_writing(db_path);
  } catch (const DatabaseMissingError&) {
    throw;
  } catch (const Error& e) {
    if (std::string_view(e.what()).starts_with("cannot open database at ")) refuse_to_compact_damage(db_path);
    throw;
  }
}

}  // namespace

std::string compaction_temp_path(const std::string& db_dir) {
  fs::path dir = without_trailing_slash(db_dir);
  return (dir.parent_path() / ("." + dir.filename().string() + ".compact-tmp")).string();
}

namespace {

// compact_database, merging `sources` in when there are any (merge_into_database).
CompactResult compact_and_swap(const std::string& db_path, const std::vector<std::string>& sources) {
  // Ctrl-C and SIGTERM stop the compaction before the swap (a no-op guard
  // when the indexer already holds one for its whole run).
  InterruptGuard interrupt_guard;
  // 1. The write lock, held to the end: no indexer, delete or other
  // compaction can change the database (or the temp directory) meanwhile.
  Xapian::WritableDatabase lock = open_for_compaction(db_path);
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

  // The swap replaces the whole directory and the old one is then emptied of
  // the database's files: anything else in it would end up in the removed
  // directory, so compaction refuses to start rather than move or delete it.
  if (std::vector<std::string> foreign = foreign_entries(dir.string()); !foreign.empty()) {
    throw Error("cannot compact the database at " + dir.string() + ": the directory also holds " + list_names(foreign) +
                ", which is not part of a newsdex database; compaction replaces the directory, so move " +
                (foreign.size() == 1 ? "it" : "them") + " out of it first (compaction did not start)");
  }

  try {
    // 2. A leftover of a crashed compaction: either a partial copy or, when
    // the crash came after the swap, the old database. Neither is needed,
    // but only a directory of database files is ours to remove.
    if (fs::exists(fs::symlink_status(temp, ec))) {
      try {
        remove_database_directory(temp.string());
      } catch (const Error& e) {
        throw Error("cannot compact the database at " + dir.string() + ": its temporary directory is in the way: " +
                    e.what() + "; move it away and run again (the database is unchanged)");
      }
    }

    // 3. Compact what the lock protects (opened after taking it, so no commit
    // can slip in between), once Xapian's check finds it sound.
    refuse_to_compact_damage(dir);
    Xapian::Database source(dir.string());
    result.articles = source.get_doccount();
    result.bytes_before = directory_bytes(dir.string());
    for (const std::string& other : sources) {
      result.articles += Xapian::Database(other).get_doccount();
      result.bytes_before += directory_bytes(other);
    }
    const Xapian::doccount replaced = count_replaced(source, sources);
    result.articles -= replaced;
    RemoveOnExit cleanup(temp);
    compact_in_child(dir, sources, replaced, temp, dir);
    sync_directory_tree(temp);

    Xapian::Database compacted(temp.string());
    if (compacted.get_doccount() != result.articles ||
        compacted.get_metadata(std::string(schema::kMetaSchemaVersion)) !=
            source.get_metadata(std::string(schema::kMetaSchemaVersion))) {
      throw Error("the compacted copy of " + dir.string() + " does not match it (" +
                  std::to_string(compacted.get_doccount()) + " articles instead of " + std::to_string(result.articles) +
                  ")");
    }
    // Lock the new database too, so that it is locked from the instant it
    // appears at the database path.
    Xapian::WritableDatabase new_lock(temp.string(), Xapian::DB_OPEN);
    test_hook("compact-copied");
    // The last moment to stop: after the swap the compaction is done.
    if (interrupt_requested()) throw_interrupted(dir);

    // 4. The swap: one atomic rename exchanging the two directories.
    if (::renameat2(AT_FDCWD, dir.c_str(), AT_FDCWD, temp.c_str(), RENAME_EXCHANGE) != 0) {
      int err = errno;
      if (err == EINVAL || err == ENOSYS || err == EOPNOTSUPP || err == EXDEV) {
        throw Error("cannot swap " + dir.string() + " with its compacted copy atomically on this filesystem (" +
                    std::strerror(err) +
                    "); the database is unchanged. Compact it into a new directory with "
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
    // `cleanup` now removes the old database's files and its directory (a
    // file someone put there meanwhile stays, with the directory). Searchers
    // holding it open keep their open files until they close or reopen.
  } catch (const Xapian::Error& e) {
    throw Error("cannot compact the database at " + dir.string() + ": " + e.get_description() +
                "; the database is as it was before compaction");
  } catch (const fs::filesystem_error& e) {
    throw Error("cannot compact the database at " + dir.string() + ": " + e.what() +
                "; the database is as it was before compaction");
  }
  result.bytes_after = directory_bytes(dir.string());
  return result;
}

}  // namespace

CompactResult compact_database(const std::string& db_path) { return compact_and_swap(db_path, {}); }

CompactResult merge_into_database(const std::string& db_path, const std::vector<std::string>& sources) {
  return compact_and_swap(db_path, sources);
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
