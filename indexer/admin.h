// Database administration behind `newsdex-index stats`, `delete` and
// `compact`: what a database holds, removing articles by id, and compacting a
// database in place without ever leaving it unusable. main.cpp parses the
// options and prints; everything here works on a database path and returns
// values, so tests and the indexer (compaction after a bulk load) call it
// directly.
// Thread safety: none of these share state; the database lock serialises
// delete_articles and compact_database against each other and the indexer.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

namespace newsdex::index {

// Exit status of `delete` when some ids were not in the database (the others
// were deleted). 0 and 2 mean what they mean for indexing (indexer.h).
inline constexpr int kExitIdsNotFound = 1;

// Version of the `stats --json` object; bumped when a key is removed or
// changes meaning (new keys may be added without a bump).
inline constexpr int kStatsFormatVersion = 1;

// ---- stats

struct DatabaseFile {
  std::string name;         // file name inside the database directory ("postlist.glass")
  std::uint64_t bytes = 0;  // its size (apparent size, as ls -l shows it)
};

struct SourceCount {
  std::string name;     // the outlet as one of its articles shows it (value slot kSlotSource)
  std::string term;     // the normalised filter value (the XSRC term without its prefix)
  Xapian::doccount articles = 0;  // exact: the term's frequency
};

struct LanguageCount {
  std::string code;               // "en"
  Xapian::doccount articles = 0;  // exact: frequency of the L<code> term
};

struct DatabaseStats {
  std::string path;  // absolute path of the database directory
  std::optional<int> schema_version;  // metadata; nullopt only for an empty, never-written database
  Xapian::rev revision = 0;           // Xapian's revision: one more per commit
  Xapian::doccount articles = 0;
  std::uint64_t stories = 0;  // distinct near-duplicate clusters (XCLU terms in use)
  std::uint64_t total_bytes = 0;
  std::vector<DatabaseFile> files;  // every file in the directory, largest first (ties by name)
  Xapian::doccount dated_articles = 0;
  // Earliest and latest publication time (unix seconds, UTC) over the
  // articles in the database; nullopt when no article has a date.
  std::optional<std::int64_t> first_published;
  std::optional<std::int64_t> last_published;
  // The languages listed in the metadata, in their order, with article counts;
  // a language with articles but missing from the list (never expected) is appended.
  std::vector<LanguageCount> languages;
  std::vector<SourceCount> sources;  // every outlet, most articles first (ties by term)
  Xapian::doccount articles_without_source = 0;
  // The facet columns (common/facet_columns.h): "current" (built from this
  // revision, searches use them), "stale" (of another revision, or damaged)
  // or "missing".
  std::string facet_columns;
};

// Reads the statistics of the database at `db_path` (open for reading: works
// while an indexer writes). Throws DatabaseMissingError when there is no
// database there and Error for one of another schema version or a read error.
// The date range is exact even after deletions: Xapian's value-slot bounds
// are checked against the documents and, when stale, recomputed.
DatabaseStats collect_stats(const std::string& db_path);

// The terminal report: one "label  value" line per statistic, aligned, the
// files and the top `top_sources` outlets (0 = all) indented below.
std::string format_stats(const DatabaseStats& stats, std::size_t top_sources = 10);

// The --json object (every outlet, every file); keys in docs/newsdex-index.md.
nlohmann::ordered_json stats_json(const DatabaseStats& stats);

// ---- delete

struct DeleteResult {
  std::string db_path;
  std::vector<std::string> deleted;    // in the order given, each once
  std::vector<std::string> not_found;  // in the order given, each once
};

// The ids of `in`, one per line: surrounding white space (and a CR) trimmed,
// blank lines skipped.
std::vector<std::string> read_ids(std::istream& in);

// Deletes the articles with these ids (term Q<id>) from the database at
// `db_path` and commits once: all of them or, on an error, none. Also takes
// each deleted article's words out of the spelling table, as many times as
// indexing put them in, so "did you mean" stops suggesting words no article
// holds. Repeated ids count once. Throws DatabaseMissingError when there is
// no database (one is never created), and Error when it is locked by an
// indexer ("database is locked by another indexer"), has another schema
// version, or the commit fails.
DeleteResult delete_articles(const std::string& db_path, const std::vector<std::string>& ids);

// "deleted 2 articles from DB" and, when some were not found,
// "; 1 id not found: x" (every such id named, comma-separated).
std::string format_delete_result(const DeleteResult& result);

// 0 when every id was found, kExitIdsNotFound otherwise.
int exit_code(const DeleteResult& result);

// ---- compact

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
//   3. compacts (Xapian::Database::compact, full compaction, document ids
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
// Error when it is locked, cannot be written, of another schema version,
// holds other files, on a filesystem that cannot swap directories
// atomically, or compaction fails; the database is then unchanged and the
// temp directory removed.
// The caller must not hold the database open for writing: close any
// IndexWriter first (its lock would make this fail with "locked").
CompactResult compact_database(const std::string& db_path);

// "compacted DB: 12,345,678 -> 8,234,567 bytes (11.8 MiB -> 7.9 MiB), 0.667 of
// the size before (33.3% smaller); 21,578 articles".
std::string format_compact_result(const CompactResult& result);

// ---- shared

// Brings the database's facet columns (common/facet_columns.h) up to its
// committed revision, after indexing, delete and compact. They are a cache
// that only speeds up counting, so a failure (a read-only directory, a full
// disk) is a warning on `diagnostics` and searches count from the slots.
// Returns true when it wrote the file.
bool refresh_facet_columns(const std::string& db_path, std::ostream& diagnostics);

// Bytes of all regular files directly in directory `dir` (a glass database is
// flat), 0 when it does not exist.
std::uint64_t directory_bytes(const std::string& dir);

// "27.1 MiB", "512 bytes": a size for people (binary units, 3 significant digits).
std::string format_bytes(std::uint64_t bytes);

}  // namespace newsdex::index
