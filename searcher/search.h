// newsdex-search as a library call: SearchOptions in, printed results and an
// exit status out. main.cpp only fills SearchOptions from the command line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "searcher/printers/table_printer.h"
#include "searcher/query_builder.h"

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
  std::string sort = "relevance";      // relevance | newest | oldest
  std::string timeline;                // "" = none; auto | day | week | month | year
  bool timeline_top = false;           // best headline per timeline bucket
  std::vector<std::string> facets;     // facet names (matcher.h kFacetNames)
  std::size_t facet_limit = 10;        // values per facet
  bool all_copies = false;             // --all: do not collapse near-duplicate copies
  std::string count_by = "article";    // article | story: what timeline and facet counts count
  unsigned threads = 0;                // threads counting facets and timeline on large databases; 0 = one per core
  bool allow_partial = false;          // cluster file: search the shards that answer, warn about the others
};

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
