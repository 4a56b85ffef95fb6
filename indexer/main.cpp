// newsdex-index: command-line options -> IndexerOptions -> run(), or one of the
// subcommands stats, delete, compact (indexer/admin.h); errors -> exit codes.
#include <unistd.h>

#include <cstdint>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/database.h"
#include "common/error.h"
#include "indexer/admin.h"
#include "indexer/dry_run.h"
#include "indexer/indexer.h"
#include "indexer/interrupt.h"

#ifndef NEWSDEX_VERSION
#define NEWSDEX_VERSION "unknown"
#endif

namespace {

constexpr const char* kDescription =
    "Index news articles into a newsdex database for newsdex-search, or (with a\n"
    "subcommand) show its statistics, delete articles by id, or compact it.\n"
    "\n"
    "PATH is a file, a directory (read recursively, files in sorted order) or - for\n"
    "standard input. Formats, chosen by file name: JSON Lines (.jsonl, .ndjson, .json),\n"
    "plain text (.txt: one article, first line the title), and both compressed with\n"
    "zstd (.jsonl.zst, .txt.zst). Other names given explicitly, and standard input, are\n"
    "read as JSON Lines when they start with '{', else as one text article; inside\n"
    "directories they are skipped. Articles are keyed by id: indexing an id again\n"
    "replaces the stored article, or skips it when its content is unchanged. Bad\n"
    "records are reported as FILE:LINE and skipped; everything else is still indexed.\n"
    "After a bulk load the database is compacted (--no-compact: not).\n"
    "\n"
    "Persons, organizations, countries and quotes are extracted from every article\n"
    "into filters (speaker:, person:, org:, country:) and facets; --no-entities skips\n"
    "that. --dry-run reads and extracts without opening a database and prints what\n"
    "was found per article (--json: one JSON object per line).";

constexpr const char* kExitCodes =
    "Exit status of indexing:\n"
    "  0    every article was indexed\n"
    "  1    finished, but some records or files were skipped, or the compaction due\n"
    "       at the end failed (the articles are committed; see the warnings)\n"
    "  2    fatal error: bad options, no PATH, --db is a file or a directory that is\n"
    "       not a database (nor new or empty), inputs and database inside one another,\n"
    "       database cannot be opened, written or locked, or has another schema version\n"
    "  130  interrupted (Ctrl-C or SIGTERM) at any moment; what was indexed so far is\n"
    "       committed and the summary printed\n"
    "\n"
    "Subcommands (newsdex-index SUBCOMMAND --help for their exit statuses): stats,\n"
    "delete, compact. A PATH named like a subcommand is written ./stats (or after --).\n"
    "\n"
    "See docs/newsdex-index.md for the accepted JSON keys.";

constexpr const char* kStatsExitCodes =
    "Exit status:\n"
    "  0    statistics printed\n"
    "  2    no database at DIR, another schema version, or it cannot be read";

constexpr const char* kDeleteExitCodes =
    "Exit status:\n"
    "  0    every ID was found and deleted\n"
    "  1    some IDs were not in the database (named on stdout); the others were deleted\n"
    "  2    nothing deleted: no database at DIR, it is locked by an indexer, has another\n"
    "       schema version, or the commit failed";

constexpr const char* kCompactExitCodes =
    "Exit status:\n"
    "  0    compacted; sizes before and after printed\n"
    "  2    database unchanged: no database at DIR, it is locked by an indexer, cannot\n"
    "       be written, has another schema version, its directory holds files that are\n"
    "       not the database's, too little disk space, or the filesystem cannot swap\n"
    "       directories atomically\n"
    "  130  interrupted (Ctrl-C or SIGTERM) before the swap; the database is unchanged";

// The --db of the subcommand, else the one given before it, else the default.
std::string database_path(const std::string& sub_db, const std::string& main_db) {
  if (!sub_db.empty()) return sub_db;
  if (!main_db.empty()) return main_db;
  return newsdex::default_database_path();
}

}  // namespace

int main(int argc, char** argv) {
  namespace index = newsdex::index;
  index::IndexerOptions options;

  CLI::App app{kDescription, std::string(index::kProgramName)};
  app.add_option("--db", options.db_path,
                 "Database directory: a newsdex database, or a new or empty directory, created if missing "
                 "(default: $NEWSDEX_DB, else $XDG_DATA_HOME/newsdex/db, else ~/.local/share/newsdex/db)")
      ->type_name("DIR");
  app.add_flag("-q,--quiet", options.quiet,
               "No progress line and no summary (warnings about skipped records are still printed)");
  app.add_option("--lang", options.default_lang,
                 "Language of articles that do not state one, and of text files; decides stemming")
      ->type_name("CODE")
      ->capture_default_str();
  app.add_flag("--no-entities", [&options](std::int64_t) { options.extract_entities = false; },
               "Do not extract persons, organizations, countries and quotes (faster; no entity filters or facets)");
  app.add_flag("--no-compact", [&options](std::int64_t) { options.compact = false; },
               "Do not compact the database after a bulk load (by default it is compacted when this run wrote "
               "at least a fifth of its articles)");
  app.add_flag("--dry-run", options.dry_run,
               "Read and extract entities, but open no database and write nothing; print a summary per "
               "article on standard output");
  app.add_flag("--json", options.json, "With --dry-run: print one JSON object per article (JSON Lines)")
      ->needs("--dry-run");
  app.add_option("--threads", options.threads,
                 "Worker threads that parse, analyze and extract entities (default 0: one per core); "
                 "one more thread writes the database")
      ->type_name("N")
      ->check(CLI::Range(0U, 256U).description(""));
  app.add_option("--memory", options.memory_bytes,
                 "Memory budget for articles in flight and changes not yet committed, e.g. 512M or 2G "
                 "(default 1G, at least 16M); the database is committed early when it is reached")
      ->type_name("SIZE")
      ->transform(CLI::AsSizeValue(false).description(""))
      ->check(CLI::Range(std::uint64_t{16} << 20, std::uint64_t{1} << 50).description(""));
  app.add_option("--max-article-size", options.max_article_bytes,
                 "Longest JSON Lines line, and largest text file, read as one article, e.g. 4M (default 16M, or "
                 "a 32nd of --memory if smaller); longer ones are reported and skipped without being held in memory")
      ->type_name("SIZE")
      ->transform(CLI::AsSizeValue(false).description(""))
      ->check(CLI::Range(std::uint64_t{1} << 10, std::uint64_t{1} << 30).description(""));
  app.add_option("--commit-every", options.documents_per_commit,
                 "Commit after this many articles (default 10000), but not more often than once a second; "
                 "a crash loses at most the articles since the last commit")
      ->type_name("N")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40).description(""));
  // Required unless a subcommand is given (checked after parsing).
  app.add_option("PATH", options.paths, "Files, directories, or - for standard input")->type_name("PATH");
  app.set_version_flag("--version", std::string(index::kProgramName) + " " + NEWSDEX_VERSION);
  app.footer(kExitCodes);
  app.require_subcommand(0, 1);

  constexpr const char* kDbHelp = "Database directory (default: as for indexing)";
  std::string sub_db;
  bool stats_json = false;
  std::size_t stats_top = 10;
  CLI::App* stats = app.add_subcommand(
      "stats", "Show what the database holds: articles, stories, dates, languages, outlets, size on disk");
  stats->add_option("--db", sub_db, kDbHelp)->type_name("DIR");
  stats->add_flag("--json", stats_json, "One JSON object with every statistic and every outlet");
  stats->add_option("--top", stats_top, "Outlets listed, most articles first (default 10; 0 = all)")
      ->type_name("N");
  stats->footer(kStatsExitCodes);

  std::vector<std::string> delete_ids;
  CLI::App* del = app.add_subcommand(
      "delete", "Delete articles by id (committed at once: all or, on an error, none); report ids not found");
  del->add_option("--db", sub_db, kDbHelp)->type_name("DIR");
  del->add_option("ID", delete_ids, "Article ids; - reads more ids from standard input, one per line")
      ->type_name("ID")
      ->required();
  del->footer(kDeleteExitCodes);

  CLI::App* compact = app.add_subcommand(
      "compact", "Compact the database in place (holding its lock; atomic swap, safe against crashes)");
  compact->add_option("--db", sub_db, kDbHelp)->type_name("DIR");
  compact->footer(kCompactExitCodes);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version come through here with exit code 0.
    return app.exit(e) == 0 ? index::kExitOk : index::kExitFatal;
  }

  CLI::App* subcommand = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
  if (subcommand == nullptr && options.paths.empty()) {
    app.exit(CLI::RequiredError("PATH"));
    return index::kExitFatal;
  }
  if (subcommand != nullptr) {
    const std::string name = subcommand->get_name();
    if (!options.paths.empty()) {
      std::cerr << index::kProgramName << ": error: " << name << " takes no PATH (\"" << options.paths.front()
                << "\"); to index a file named " << name << ", write ./" << name << '\n';
      return index::kExitFatal;
    }
    for (const char* indexing_only : {"--quiet", "--lang", "--no-entities", "--dry-run", "--json", "--threads",
                                      "--memory", "--commit-every", "--no-compact"}) {
      if (app.count(indexing_only) > 0) {
        std::cerr << index::kProgramName << ": error: " << indexing_only << " is an indexing option; " << name
                  << " does not take it\n";
        return index::kExitFatal;
      }
    }
  }

  options.show_progress = !options.quiet && ::isatty(STDERR_FILENO) == 1;
  try {
    if (subcommand == stats) {
      index::DatabaseStats result = index::collect_stats(database_path(sub_db, options.db_path));
      if (stats_json) {
        std::cout << index::stats_json(result).dump() << '\n';
      } else {
        std::cout << index::format_stats(result, stats_top);
      }
      return index::kExitOk;
    }
    if (subcommand == del) {
      std::vector<std::string> ids;
      for (const std::string& id : delete_ids) {
        if (id == "-") {
          std::vector<std::string> more = index::read_ids(std::cin);
          ids.insert(ids.end(), more.begin(), more.end());
        } else {
          ids.push_back(id);
        }
      }
      const std::string db_path = database_path(sub_db, options.db_path);
      index::DeleteResult result = index::delete_articles(db_path, ids);
      index::refresh_facet_columns(db_path, std::cerr);
      std::cout << index::format_delete_result(result) << '\n';
      return index::exit_code(result);
    }
    if (subcommand == compact) {
      const std::string db_path = database_path(sub_db, options.db_path);
      try {
        index::CompactResult result = index::compact_database(db_path);
        index::refresh_facet_columns(db_path, std::cerr);
        std::cout << index::format_compact_result(result) << '\n';
        return index::kExitOk;
      } catch (const index::Interrupted& e) {
        std::cerr << index::kProgramName << ": " << e.what() << '\n';
        return index::kExitInterrupted;
      }
    }
    if (options.dry_run) return index::exit_code(index::dry_run(options, std::cout, std::cerr));
    return index::exit_code(index::run(options, std::cerr));
  } catch (const newsdex::Error& e) {
    std::cerr << index::kProgramName << ": error: " << e.what() << '\n';
  } catch (const std::exception& e) {
    std::cerr << index::kProgramName << ": internal error: " << e.what() << '\n';
  }
  return index::kExitFatal;
}
