// `newsdex-index compact` (and the indexer's compaction after a bulk load):
// compacting a database in place without ever leaving it unusable.
// Thread safety: shares no state; the database lock serialises
// compact_database against delete and the indexer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/error.h"

namespace newsdex::index {

// Thrown by compact_database when Xapian's check finds the database damaged
// (step 3 below): the caller must not read it further in this process
// (libxapian can loop forever or crash on the damage), only report it.
class DamagedDatabaseError : public Error {
 public:
  using Error::Error;
};

struct CompactResult {
  std::string db_path;  // absolute path of the database directory (symbolic links resolved)
  Xapian::doccount articles = 0;
  std::uint64_t bytes_before = 0;  // all files of the database directory
  std::uint64_t bytes_after = 0;

  // bytes_after / bytes_before (1 for an empty directory).
  double ratio() const {
    return bytes_before == 0 ? 1.0 : static_cast<double>(bytes_after) / static_cast<double>(bytes_before);
  }
};

// The sibling directory compaction writes into: ".NAME.compact-tmp" next to
// the database directory NAME. It exists only while compact_database runs,
// or after a crash (then it is removed by the next compaction or indexing
// run, if it holds nothing but database files).
std::string compaction_temp_path(const std::string& db_dir);

// Compacts the database at `db_path` in place:
//   1. takes the database's write lock (Error "database is locked by another
//      indexer" when an indexer, delete or compact holds it) and keeps it to
//      the end, so nothing is written meanwhile; refuses (Error naming it)
//      when the directory holds anything that is not a database file
//      (is_database_file_name in common/database.h): the swap would take it
//      away;
//   2. removes a leftover compaction_temp_path() of a crashed run, only when
//      it is a real directory of database files (else Error naming what is
//      in it, nothing removed);
//   3. runs Xapian's consistency check (xapian_check_problem_before_compaction
//      in admin_check.h; also when step 1 cannot open the database) and
//      refuses a damaged database (DamagedDatabaseError "the database at DB is damaged (TABLE.glass: ...); run `newsdex-index
//      check --db DB` ...; it was not compacted"), since a compaction would
//      copy the damage into the new database, or crash or hang on it; then
//      compacts (Xapian::Database::compact, full compaction, document ids
//      kept) into the temp directory, in a child process that a signal
//      kills at once, syncs it to disk, checks it opens with the same
//      article count, and locks it too;
//   4. swaps the two directories in one atomic rename (Linux renameat2
//      RENAME_EXCHANGE), then unlinks the old database's files from the temp
//      directory and removes it (not recursively: a file someone put there
//      meanwhile stays, with the directory).
// SIGINT/SIGTERM (it installs an InterruptGuard, or nests in the caller's)
// before the swap throw Interrupted (indexer/interrupt.h): the copy is
// removed and the database unchanged; after the swap it completes.
// At every instant the path holds a complete database, the old one before
// the swap and the new one after, so a crash never loses it. Searchers that
// have the old database open keep reading it (its files are unlinked, not
// changed); they see the compacted one when they reopen. Articles, terms,
// values, metadata and document ids are unchanged, so every search returns
// the same results. Needs free space for a second copy of the database.
// Throws DatabaseMissingError when there is no database at `db_path`, and
// Error when it is damaged, locked, cannot be written, of another schema version,
// holds other files, on a filesystem that cannot swap directories
// atomically, or compaction fails; the database is then unchanged and the
// temp directory removed.
// The caller must not hold the database open for writing: close any
// IndexWriter first (its lock would make this fail with "locked").
CompactResult compact_database(const std::string& db_path);

// Merges the closed databases `sources` (the shards of a sharded load,
// indexer/shard_load.h) with the database at `db_path` and swaps the result
// in, exactly as compact_database() compacts (the same lock, checks,
// temporary directory, test hooks, signal and crash behaviour): the path
// holds the database as it was, or with every source's articles, never a
// part. Document ids are renumbered: the database's own first, then each
// source's in order. An id that the database and a source both hold is the
// source's article (a sharded load replaced it): the database's copy is
// left out, and its words leave the spelling table. Metadata that several
// hold: the languages lists are united (the database's order, then the
// others' languages, sorted); the bulk load (schema::kMetaBulkLoad) is the
// sources'; the schema version is the same in all. Spelling frequencies
// are summed. The sources are read, never changed or removed.
// result.articles counts the articles of the merged database,
// result.bytes_before the bytes of the database and the sources. Requires:
// no id is in more than one source (a sharded load routes each id to one
// shard).
// Throws as compact_database().
CompactResult merge_into_database(const std::string& db_path, const std::vector<std::string>& sources);

// "compacted DB: 12,345,678 -> 8,234,567 bytes (11.8 MiB -> 7.9 MiB), 0.667 of
// the size before (33.3% smaller); 21,578 articles".
std::string format_compact_result(const CompactResult& result);

}  // namespace newsdex::index
