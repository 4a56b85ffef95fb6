// `newsdex-index check`, and the checks delete, compact and indexing run
// before they write: is a database sound? The model only; its text and
// --json forms are in indexer/check_format.h.
// Thread safety: shares no state; the functions that fork require that no
// other threads run in the process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex::index {

// Exit status of `check` when it found problems (0: sound, 2: could not run).
inline constexpr int kExitDamaged = 1;

struct CheckProblem {
  std::string where;  // "termlist.glass", "document 12", "metadata", "newsdex-facets", "directory"
  std::string what;   // one line, no trailing period
};

struct CheckResult {
  std::string path;                   // absolute path of the database directory
  std::optional<int> schema_version;  // when the metadata could be read and holds a number
  Xapian::rev revision = 0;
  Xapian::doccount articles = 0;  // the database's document count (0 when it cannot be opened)
  // Xapian's consistency check (Xapian::Database::check, as xapian-check):
  // "no errors", or what stopped it; its own error lines are problems.
  std::string xapian_check;
  // newsdex's own checks ran only when Xapian's found the tables sound:
  // reading damaged tables can crash or hang libxapian.
  bool content_checked = false;
  std::uint64_t articles_decoded = 0;  // stored articles that decode (stored_fields.h) with a matching Q<id> term
  std::uint64_t entity_summaries = 0;  // non-empty entity summaries that parse as the schema.h layout
  // The facet columns: "current (match the database)", "missing", "not
  // current", "damaged: ..." (a problem only when current but wrong).
  std::string facet_columns;
  std::vector<CheckProblem> problems;  // at most kMaxCheckProblems; the rest only counted
  std::uint64_t more_problems = 0;     // problems found beyond those listed

  bool sound() const { return problems.empty(); }
};

// Problems listed by check_database; more are counted in more_problems.
inline constexpr std::size_t kMaxCheckProblems = 100;

// Checks the database at `db_path`, reading only (nothing in the directory is
// created or changed; an indexer may not commit meanwhile: see below):
//   1. the directory holds a glass database (iamglass and its tables);
//   2. Xapian's consistency check of every table and their cross-references,
//      run in a child process (so that a table damaged in a way that crashes
//      libxapian is reported rather than crashing this one);
//   3. when the tables are sound: the schema version and languages metadata,
//      every stored article decodes (common/compression/stored_fields.h) and
//      carries the Q<id> term of its id, every entity summary parses as the
//      layout of common/schema.h, the publication slot agrees with the stored
//      date and the content stamp has its form;
//   4. when the facet columns (common/facet_columns.h) are current, every
//      column value against the database's value slots.
// Throws DatabaseMissingError when `db_path` does not exist or holds no
// database at all (an empty directory, other files), Error when it is not a
// directory, cannot be read, cannot be opened read/write (Xapian's check
// needs that: a read-only filesystem), or was committed to while the check
// ran (an indexer was running: check again when it is done).
CheckResult check_database(const std::string& db_path);

// 0 when sound, kExitDamaged otherwise.
int exit_code(const CheckResult& result);

// Runs Xapian's consistency check (as check_database step 2) and throws Error
// with damaged_database_message() + "; " + `consequence` ("nothing was
// deleted") when it finds anything. delete and compact call it before
// writing: libxapian 1.4 does not validate a B-tree block before using it,
// and a damaged one can make it loop forever, or read and write out of
// bounds, while it modifies the table. Reads the whole database once.
// Requires: no other threads in the process (it forks).
void verify_before_writing(const std::string& db_path, std::string_view consequence);

// The first problem Xapian's consistency check (check_database step 2)
// finds in the database at `db_path`, as "TABLE.glass: what", or nullopt
// when it finds none or cannot run (its tables cannot be opened read/write:
// the caller's own open for writing then reports why). Reads the whole database; runs in a child process.
// Requires: no other threads in the process (it forks).
std::optional<std::string> xapian_check_problem(const std::string& db_path);

// As verify_before_writing, for indexing into the database at `db_path`
// when it exists and holds articles (a new or empty one has nothing to
// check): "... is damaged (...); nothing was indexed". libxapian writes out
// of bounds when it adds to a damaged block. Takes no lock (the indexer
// takes it after): when another writer commits during the check, its
// verdict is dropped, and the indexer's own open reports the lock.
// Requires: no other threads in the process (it forks).
void verify_before_indexing(const std::string& db_path);

// As xapian_check_problem, for compact_database's check before it copies
// (admin_compact.h step 3): SIGINT or SIGTERM while it runs (the interrupt
// flag of indexer/interrupt.h; the caller holds an InterruptGuard) kills the
// check and throws Interrupted. Its child passes the test-hook point
// "compact-checking" (common/test_hook.h) before the check starts.
// Requires: no other threads in the process (it forks).
std::optional<std::string> xapian_check_problem_before_compaction(const std::string& db_path);

// What `compact` checks before compact_database: refuse_damaged_database.
// Xapian's consistency check runs in compact_database itself, under the
// write lock it holds to the end (a check under a lock released before the
// compaction would leave a window for an indexer's commit).
void verify_before_compaction(const std::string& db_path);

// Throws Error with damaged_database_message() when the database at
// `db_path` cannot even be opened and its metadata read: a directory holding
// glass tables but no iamglass (Xapian would call it "not a database", and
// suggesting to create one there would be wrong), or tables Xapian finds
// corrupt or truncated on opening. Reads a few blocks; no lock needed.
// Nothing happens when there is no database (the caller reports that) or it
// only moved on under the reader.
void refuse_damaged_database(const std::string& db_path);

}  // namespace newsdex::index
