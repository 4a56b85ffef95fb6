// newsdex-search as a library call: SearchOptions in, printed results and an
// exit status out. main.cpp only fills SearchOptions from the command line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "searcher/matcher.h"
#include "searcher/printers/table_printer.h"
#include "searcher/query_builder.h"
#include "searcher/timeline.h"

namespace newsdex::search {

enum class ColorMode { kAuto, kAlways, kNever };

// --format: text for people, the others for programs (no colour, no
// terminal escapes). kJsonl is docs/json-output.md (--json); kCsv and kTsv
// are table_printer.h's, without counts, timeline or facets.
enum class OutputFormat { kText, kJsonl, kCsv, kTsv };

struct SearchOptions {
  std::string db_path;               // "" = default_database_path()
  std::string query;                 // the query words joined by spaces
  std::vector<FieldFilter> filters;  // --speaker, --country...: AND'd with the query, never parsed as its text
  std::uint32_t limit = 10;          // hits per page
  // --limit all: every match from `offset` on, streamed (Matcher::stream) in
  // bounded memory; `limit` is then ignored. Requires format kJsonl, kCsv or kTsv.
  bool limit_all = false;
  std::uint32_t offset = 0;         // hits to skip
  std::size_t snippet_chars = 240;  // passage length in characters
  OutputFormat format = OutputFormat::kText;
  std::vector<ExportField> fields;     // kCsv/kTsv columns; empty = kDefaultExportFields
  ColorMode color = ColorMode::kAuto;  // auto: colour when stdout is a terminal and NO_COLOR is unset
  std::string since;                   // --since: a date or period (date_range.h); "" = open
  std::string until;                   // --until: inclusive of the whole period ("2016-02" = through Feb 29)
  SortOrder sort = SortOrder::kRelevance;
  TimelineGranularity timeline = TimelineGranularity::kNone;  // kNone = no timeline
  bool timeline_top = false;                                  // best headline per timeline bucket
  std::vector<schema::FacetKind> facets;                      // in this order
  std::size_t facet_limit = 10;                               // values per facet
  bool all_copies = false;                                    // --all: do not collapse near-duplicate copies
  CountBy count_by = CountBy::kArticle;                       // what timeline and facet counts count
  unsigned threads = 0;        // threads counting facets and timeline on large databases; 0 = one per core
  bool allow_partial = false;  // cluster file: search the shards that answer, warn about the others
};

// Reading while an indexer commits: a Xapian reader keeps reading its
// revision across one commit, but after two the blocks it reads may have
// been reused, and Xapian throws Xapian::DatabaseModifiedError (glass
// sometimes Xapian::DatabaseCorruptError before it notices the revision moved
// on). newsdex-search retries a search on a new handle in exactly one place,
// retry_while_committing(); the layers below it (Matcher, spelling, the
// query builder) let those errors through. A search is attempted at most
// kSearchAttempts times, so a database that fails every time is reported,
// not an indexer's commit.
inline constexpr int kSearchAttempts = 5;

// Calls `search` with a handle from `open`, a new handle each attempt, until
// it returns. After a Xapian::DatabaseModifiedError, and after a
// Xapian::DatabaseCorruptError when the attempt's handle is no longer at the
// latest revision (or `open` itself threw it), it waits a little, longer
// each time, and attempts again: kSearchAttempts attempts at most, the last
// one's error rethrown. A Xapian::DatabaseCorruptError of a database that
// did not move on (real damage) and every other exception pass through at
// once. The waits (5 ms times the attempt number) only give a commit under
// way the time to end; correctness depends on none of them.
void retry_while_committing(const std::function<Xapian::Database()>& open,
                            const std::function<void(const Xapian::Database&)>& search);

// Exit statuses, as grep's.
inline constexpr int kExitHits = 0;
inline constexpr int kExitNoHits = 1;
inline constexpr int kExitError = 2;

// Runs one search and prints it to `out`; errors (syntax, missing database,
// a damaged one: "the database at DB is damaged (...); run `newsdex-index
// check --db DB` ...") go to `err` as one line prefixed "newsdex-search: ".
// Returns the exit status; throws nothing.
int run_search(const SearchOptions& options, std::ostream& out, std::ostream& err);

// Last line of defence against a damaged database: libxapian 1.4 trusts the
// lengths and offsets inside its B-tree blocks, and some damage makes it read
// out of bounds. From this call on, SIGSEGV, SIGBUS, SIGABRT, SIGFPE and
// SIGILL print one line naming the signal, the database at `db_path` and what
// to do (newsdex-index check), and exit kExitError instead of dying on the
// signal (nothing else runs: the heap may be what is broken). Sanitizer
// builds keep the sanitizer's own report. The handler is
// common/fatal_signal.h's, which newsdex-index uses too.
void print_on_fatal_signal(const std::string& db_path);

}  // namespace newsdex::search
