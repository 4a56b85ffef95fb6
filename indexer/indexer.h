// One run of newsdex-index: read the corpus, build documents, write them, and
// account for every record in an IndexSummary. main.cpp only fills
// IndexerOptions and maps the outcome to an exit code.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/corpus_reader.h"
#include "indexer/progress.h"

namespace newsdex::index {

inline constexpr std::string_view kProgramName = "newsdex-index";

// Exit statuses (documented in --help and docs/newsdex-index.md).
inline constexpr int kExitOk = 0;       // every record indexed
inline constexpr int kExitSkipped = 1;  // finished, but some records or files, or the due compaction, were skipped
inline constexpr int kExitFatal = 2;    // bad options, database unusable, no input
inline constexpr int kExitInterrupted = 130;  // SIGINT/SIGTERM: work so far committed (128 + SIGINT)

struct IndexerOptions {
  // Files, directories and "-" (standard input), read in this order.
  // Required: at least one.
  std::vector<std::string> paths;
  // Database directory (default "": default_database_path(), i.e. $NEWSDEX_DB,
  // else the XDG data directory). Created when missing.
  std::string db_path;
  // Language of articles that state none, and of plain-text articles
  // (default "en"). Decides stemming; must be a code analysis::language_code() knows.
  std::string default_lang = "en";
  // No summary (default off). Warnings about skipped records are printed anyway:
  // silently losing input is never an option.
  bool quiet = false;
  // Draw the progress line on the diagnostics stream (default off; main turns
  // it on when stderr is a terminal and quiet is off).
  bool show_progress = false;
  // Documents per commit (default 10,000; --commit-every): see
  // IndexWriterOptions. A crash loses at most the documents since the last commit.
  std::uint64_t documents_per_commit = 10'000;
  // Worker threads that read, analyze and extract (--threads; default 0 = one
  // per core). One more thread writes to Xapian.
  unsigned threads = 0;
  // Memory budget in bytes for documents in flight and not yet committed
  // (--memory; default 1 GiB). The writer commits early when the uncommitted
  // documents exceed about half of it; the queues between threads hold a
  // bounded number of articles.
  std::uint64_t memory_bytes = std::uint64_t{1} << 30;
  // The longest JSON Lines line, and the largest plain-text file, read as one
  // article (--max-article-size); longer ones are skipped as "too long",
  // never held in memory. 0 (the default): default_max_article_bytes(memory_bytes),
  // i.e. 16 MiB, or a 32nd of memory_bytes when that is smaller.
  std::uint64_t max_article_bytes = 0;
  // Extract persons, organizations, countries and quotes into filter terms,
  // facet slots and the stored summary (default on; --no-entities turns it off).
  bool extract_entities = true;
  // Compact the database after the run when it pays off: when the articles
  // written in this run are at least kCompactAfterShare of those it holds
  // (a bulk load, not a daily top-up). Default on; --no-compact turns it off.
  bool compact = true;
  // --dry-run: read and extract, open no database, write nothing (default off).
  // run() refuses it; main calls dry_run() (indexer/dry_run.h) instead.
  bool dry_run = false;
  // --json, with dry_run: one JSON object per article instead of the summary.
  bool json = false;
  // --format: the format of the files named and of standard input (default:
  // chosen by content and name, see input_format.h).
  std::optional<InputFormat> format;
  // --field NAME=KEY, in the order given.
  std::vector<FieldKey> field_keys;
  // --verbose: one line per record left out (not an article), with why.
  bool verbose = false;
  // --shards N: shard writers of a bulk load, merged with the database at
  // the end (0, the default: one per core, at most kMaxShards, for a bulk
  // load, see shard_count() in indexer/shard_load.h; 1: one writer).
  unsigned shards = 0;
  // --route K/N (parse_route, indexer/shard_load.h): write only the articles
  // of shard K of N (shard_of(id, N) == K); the others are read and
  // analysed all the same, for their near-duplicate clusters (RunClusters),
  // and counted as routed elsewhere. route_shards 0 (default): no routing.
  // Always one writer.
  unsigned route_shard = 0;
  unsigned route_shards = 0;
};

// See IndexerOptions::compact. Compacting costs about a tenth of indexing the
// same articles and shrinks a freshly built database by ~40% (docs/performance.md).
inline constexpr double kCompactAfterShare = 0.2;

struct IndexSummary {
  std::string db_path;
  std::uint64_t added = 0;      // new ids
  std::uint64_t replaced = 0;   // ids already in the database, or seen earlier in the run
  std::uint64_t unchanged = 0;  // ids already in the database with the same content: nothing written
  std::map<SkipReason, std::uint64_t> skipped;
  // Articles read (indexed, replaced or unchanged) per format: "jsonl",
  // "html", "warc", "rss", ... (CorpusEntry::format).
  std::map<std::string, std::uint64_t> formats;
  // Records rightly not indexed, per category (LeftOut::category): WARC
  // requests, revisits, non-HTML payloads; not-article pages; feed items
  // that are no article. Not errors: they do not change the exit status.
  std::map<std::string, std::uint64_t> left_out;
  std::uint64_t warnings = 0;       // indexed, but with something dropped (e.g. a bad date)
  std::uint64_t files_ignored = 0;  // files in directories with other extensions
  bool interrupted = false;
  // Set when the run compacted the database: its size before and after.
  std::optional<std::pair<std::uint64_t, std::uint64_t>> compacted_bytes;
  // Why a compaction that was due did not happen: "interrupted", or "failed"
  // (the reason was printed as a warning; the articles are committed all the
  // same). Empty when it ran or was not due.
  std::string not_compacted;
  bool dry_run = false;  // from dry_run(): "added" counts articles read, db_path is ""
  // Shard writers of this run (1: one writer). With more, the articles reach
  // the database only through the final merge: merged is set when it swapped
  // them in; an interrupted or failed sharded run leaves the database as it
  // was and its counts are of the articles written to the (removed) shards.
  unsigned shards = 1;
  bool merged = false;
  // --route K/N: the articles of the other shards, read but not written.
  std::uint64_t routed_elsewhere = 0;
  unsigned route_shard = 0;
  unsigned route_shards = 0;  // 0: no --route

  std::uint64_t indexed() const { return added + replaced; }
  std::uint64_t skipped_total() const;
};

// "indexed 123 articles into DB (120 added, 3 replaced); 5 unchanged; skipped 4: 2 malformed
// JSON, 1 invalid UTF-8, 1 no text; 1 warning", prefixed "interrupted: " when so;
// then, when any article came from another format than JSON Lines, the
// articles per format ("; by format: 3 html, 120 jsonl"), and when anything
// was left out, "; left out 62: 40 WARC request, 20 WARC revisit, 2
// not-article page (listing)", each list in the categories' sorted order;
// "; not compacted (interrupted)" or "; not compacted (failed, see the warning)"
// after the counts when a due compaction did not happen. A sharded run says
// "; 2 shards merged" after the counts, or, when it was interrupted before
// the merge, "; 2 shards not merged: the database is as it was" (nothing
// when it wrote nothing: every article unchanged, no merge). A --route
// K/N run says "; 120 routed to other shards (this is shard K of N)".
// A dry run's starts "dry run: read 123 articles, nothing written".
std::string format_summary(const IndexSummary& summary);

// kExitInterrupted, else kExitSkipped if anything was skipped or the due
// compaction failed, else kExitOk.
int exit_code(const IndexSummary& summary);

// The CorpusReaderOptions of a run: the default language (already
// normalised), the article size limit, --format and --field.
CorpusReaderOptions corpus_reader_options(const IndexerOptions& options, std::string default_lang);

// Indexes options.paths into the database. Writes one line per skipped record
// or warning to `diagnostics` ("newsdex-index: FILE:LINE: skipped: REASON
// (DETAIL)"), the progress line when enabled, and the summary unless quiet.
//
// Before anything is written it refuses (Error) a database path inside an
// input directory or an input inside the database directory, and every path
// open_database_for_writing refuses (a file, a non-empty directory that is not
// a database, ...). Then it removes what a killed run left behind — a
// compaction's temporary directory (only if it holds nothing but database
// files; otherwise a warning names what is in it and nothing is removed) and
// the facet columns' temporary file — saying so on `diagnostics`.
//
// SIGINT/SIGTERM, from the start of the run to its summary (one InterruptGuard
// covers it), stop the step in progress: reading stops and what was written is
// committed; a compaction stops before its swap, its copy removed, the
// database as committed (after the swap it is complete and stays); the facet
// columns' build stops, its temporary file removed. The summary is printed,
// prefixed "interrupted: ", and summary.interrupted set. A second signal kills
// the process; the next run cleans up after it.
//
// A due compaction that fails (disk full, a file in the database directory
// that is not the database's, a filesystem that cannot swap directories) is
// a warning naming the cause, "not compacted" in the summary and
// kExitSkipped: the articles are committed and searchable.
// Throws newsdex::Error for fatal problems: no paths, unknown default
// language, overlapping input and database paths, a database that cannot be
// opened, locked or written, or has another schema.
IndexSummary run(const IndexerOptions& options, std::ostream& diagnostics);

// Throws Error when an input path (other than "-") is the database directory
// `db_path` or inside it, or is a directory that holds it: the indexer must
// never read its own files, nor write among the ones it reads. Symbolic links
// are resolved; nothing needs to exist.
void check_inputs_outside_database(const std::string& db_path, const std::vector<std::string>& paths);

}  // namespace newsdex::index
