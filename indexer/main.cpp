// newsdex-index: command-line options -> IndexerOptions -> run(); errors -> exit codes.
#include <unistd.h>

#include <cstdint>
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "common/error.h"
#include "indexer/dry_run.h"
#include "indexer/indexer.h"

#ifndef NEWSDEX_VERSION
#define NEWSDEX_VERSION "unknown"
#endif

namespace {

constexpr const char* kDescription =
    "Index news articles into a newsdex database for newsdex-search.\n"
    "\n"
    "PATH is a file, a directory (read recursively, files in sorted order) or - for\n"
    "standard input. Formats, chosen by file name: JSON Lines (.jsonl, .ndjson, .json),\n"
    "plain text (.txt: one article, first line the title), and both compressed with\n"
    "zstd (.jsonl.zst, .txt.zst). Other names given explicitly, and standard input, are\n"
    "read as JSON Lines when they start with '{', else as one text article; inside\n"
    "directories they are skipped. Articles are keyed by id: indexing an id again\n"
    "replaces the stored article. Bad records are reported as FILE:LINE and skipped;\n"
    "everything else is still indexed.\n"
    "\n"
    "Persons, organizations, countries and quotes are extracted from every article\n"
    "into filters (speaker:, person:, org:, country:) and facets; --no-entities skips\n"
    "that. --dry-run reads and extracts without opening a database and prints what\n"
    "was found per article (--json: one JSON object per line).";

constexpr const char* kExitCodes =
    "Exit status:\n"
    "  0    every article was indexed\n"
    "  1    finished, but some records or files were skipped (see the warnings)\n"
    "  2    fatal error: bad options, no PATH, database cannot be opened or locked,\n"
    "       or has another schema version\n"
    "  130  interrupted (Ctrl-C or SIGTERM); what was indexed so far is committed\n"
    "\n"
    "See docs/newsdex-index.md for the accepted JSON keys.";

}  // namespace

int main(int argc, char** argv) {
  namespace index = newsdex::index;
  index::IndexerOptions options;

  CLI::App app{kDescription, std::string(index::kProgramName)};
  app.add_option("--db", options.db_path,
                 "Database directory, created if missing (default: $NEWSDEX_DB, else "
                 "$XDG_DATA_HOME/newsdex/db, else ~/.local/share/newsdex/db)")
      ->type_name("DIR");
  app.add_flag("-q,--quiet", options.quiet,
               "No progress line and no summary (warnings about skipped records are still printed)");
  app.add_option("--lang", options.default_lang,
                 "Language of articles that do not state one, and of text files; decides stemming")
      ->type_name("CODE")
      ->capture_default_str();
  app.add_flag("--no-entities", [&options](std::int64_t) { options.extract_entities = false; },
               "Do not extract persons, organizations, countries and quotes (faster; no entity filters or facets)");
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
  app.add_option("--commit-every", options.documents_per_commit,
                 "Commit after this many articles (default 10000); a crash loses at most the articles "
                 "since the last commit")
      ->type_name("N")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40).description(""));
  app.add_option("PATH", options.paths, "Files, directories, or - for standard input")->type_name("PATH")->required();
  app.set_version_flag("--version", std::string(index::kProgramName) + " " + NEWSDEX_VERSION);
  app.footer(kExitCodes);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version come through here with exit code 0.
    return app.exit(e) == 0 ? index::kExitOk : index::kExitFatal;
  }

  options.show_progress = !options.quiet && ::isatty(STDERR_FILENO) == 1;
  try {
    if (options.dry_run) return index::exit_code(index::dry_run(options, std::cout, std::cerr));
    return index::exit_code(index::run(options, std::cerr));
  } catch (const newsdex::Error& e) {
    std::cerr << index::kProgramName << ": error: " << e.what() << '\n';
  } catch (const std::exception& e) {
    std::cerr << index::kProgramName << ": internal error: " << e.what() << '\n';
  }
  return index::kExitFatal;
}
