// newsdex-index: command-line options -> IndexerOptions -> run(), or one of the
// subcommands stats, delete, compact, check (indexer/admin.h); errors -> exit codes.
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>
#include <CLI/CLI.hpp>

#include "common/database.h"
#include "common/error.h"
#include "indexer/admin.h"
#include "indexer/dry_run.h"
#include "indexer/indexer.h"
#include "indexer/interrupt.h"
#include "indexer/shard_load.h"

#ifndef NEWSDEX_VERSION
#define NEWSDEX_VERSION "unknown"
#endif

namespace {

constexpr const char* kDescription =
    "Index news articles into a newsdex database for newsdex-search, or (with a\n"
    "subcommand) show its statistics, delete articles by id, compact it, or check it.\n"
    "\n"
    "PATH is a file, a directory (read recursively, files in sorted order) or - for\n"
    "standard input. Formats: JSON Lines (.jsonl, .ndjson, .json; a .json array or\n"
    "indented objects are read record by record), plain text (.txt:\n"
    "one article, first line the title), CSV/TSV with a header row (.csv, .tsv), HTML\n"
    "pages (.html, .htm, .xhtml: the article is extracted, boilerplate removed; pages\n"
    "that are no article are left out), WARC crawls (.warc, .warc.gz: their HTML\n"
    "captures), and NITF, NewsML-G2, NewsML 1, RSS and Atom documents (.xml, .rss,\n"
    "...). Any of them may come compressed (.gz, .bz2, .xz, .zst) or inside .tar,\n"
    ".tar.gz, .tgz or .zip archives (nested once), read as streams. The format is\n"
    "chosen by content (WARC, XML root, HTML markup, '{') and name; --format sets it\n"
    "for every input, in directories and archives too. Files of no such format are skipped\n"
    "inside directories and archives, and read as text when named. Articles are keyed\n"
    "by id (for pages and feed items without one: their URL): indexing an id again\n"
    "replaces the stored article, or skips it when its content is unchanged. Bad\n"
    "records are reported with their origin (FILE:LINE, archive.tar.gz:path,\n"
    "crawl.warc.gz:record N) and skipped; everything else is still indexed.\n"
    "After a bulk load the database is compacted (--no-compact: not).\n"
    "\n"
    "Persons, organizations, countries and quotes are extracted from every article\n"
    "into filters (speaker:, person:, org:, country:) and facets; --no-entities skips\n"
    "that. --dry-run reads and extracts without opening a database and prints what\n"
    "was found per article (--json: one JSON object per line, with every field).";

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
    "delete, compact, check. A PATH named like a subcommand is written ./stats (or after --).\n"
    "\n"
    "See docs/newsdex-index.md for the accepted JSON keys.";

constexpr const char* kStatsExitCodes =
    "Exit status:\n"
    "  0    statistics printed\n"
    "  2    no database at DIR, another schema version, or it cannot be read (damaged:\n"
    "       the message says so; newsdex-index check lists what is wrong)";

constexpr const char* kDeleteExitCodes =
    "The database is checked first (Xapian's consistency check, reading all of it):\n"
    "changing a damaged one could damage it further.\n"
    "\n"
    "Exit status:\n"
    "  0    every ID was found and deleted\n"
    "  1    some IDs were not in the database (named on stdout); the others were deleted\n"
    "  2    nothing deleted: no database at DIR, it is locked by an indexer, has another\n"
    "       schema version, is damaged, or the commit failed";

constexpr const char* kCompactExitCodes =
    "The database is checked first (Xapian's consistency check): a damaged database is\n"
    "never compacted, as its compacted copy would replace it.\n"
    "\n"
    "Exit status:\n"
    "  0    compacted; sizes before and after printed\n"
    "  2    database unchanged: no database at DIR, it is locked by an indexer, cannot\n"
    "       be written, has another schema version, is damaged, its directory holds files\n"
    "       that are not the database's, too little disk space, or the filesystem cannot\n"
    "       swap directories atomically\n"
    "  130  interrupted (Ctrl-C or SIGTERM) before the swap; the database is unchanged";

constexpr const char* kCheckExitCodes =
    "Runs Xapian's consistency check of every table (as xapian-check does), then, when\n"
    "the tables are sound, checks the schema version, decodes every stored article and\n"
    "entity summary, and compares the facet columns with the database. Reads only; run\n"
    "it when no indexer is writing. Prints \"ok\" and a summary, or one line per problem\n"
    "and what to do.\n"
    "\n"
    "Exit status:\n"
    "  0    the database is sound\n"
    "  1    problems found (listed on stdout)\n"
    "  2    could not check: no database at DIR, not a directory, its tables cannot be\n"
    "       opened read/write (Xapian's check needs that: a read-only filesystem), or an\n"
    "       indexer committed while it ran";

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
  app.add_flag(
      "--no-entities", [&options](std::int64_t) { options.extract_entities = false; },
      "Do not extract persons, organizations, countries and quotes (faster; no entity filters or facets)");
  app.add_flag(
      "--no-compact", [&options](std::int64_t) { options.compact = false; },
      "Do not compact the database after a bulk load (by default it is compacted when this run wrote "
      "at least a fifth of its articles)");
  app.add_flag("--dry-run", options.dry_run,
               "Read and extract entities, but open no database and write nothing; print a summary per "
               "article on standard output");
  app.add_flag("--json", options.json, "With --dry-run: print one JSON object per article (JSON Lines)")
      ->needs("--dry-run");
  std::string format_name;
  app.add_option("--format", format_name,
                 std::string("Read every input (named, in directories, in archives) as this format (default: "
                             "chosen by content and name): ") +
                     std::string(index::kFormatNames))
      ->type_name("FORMAT");
  std::vector<std::string> field_options;
  app.add_option("--field", field_options,
                 "Read a field from this JSON key or CSV column before the usual ones (repeatable): "
                 "NAME is id, title, body, date, source, url, author or lang; e.g. --field body=story_text; "
                 "a KEY with dots is a path into nested objects, e.g. --field title=story.head.text")
      ->type_name("NAME=KEY")
      ->allow_extra_args(false);
  app.add_flag("-v,--verbose", options.verbose,
               "Also print one line per record left out as no article (WARC requests, listing pages, "
               "picture items...), with why");
  app.add_option("--threads", options.threads,
                 "Worker threads that parse, analyze and extract entities (default 0: one per core); "
                 "one more thread writes the database")
      ->type_name("N")
      ->check(CLI::Range(0U, 256U).description(""));
  app.add_option("--shards", options.shards,
                 "Shard writers for a bulk load, merged with the database at the end (default 0: one per "
                 "core, at most 8, for inputs of 16 MiB or more and, into a database with articles, of at least "
                 "a sixteenth of its size; 1: one writer)")
      ->type_name("N")
      ->check(CLI::Range(0U, 8U).description(""));
  std::string route;
  app.add_option("--route", route,
                 "Index only the articles whose id hashes to shard K of N (one machine's part of a cluster, "
                 "docs/deployment.md); the others are read for near-duplicate clusters and counted, not written")
      ->type_name("K/N");
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
  stats->add_option("--top", stats_top, "Outlets listed, most articles first (default 10; 0 = all)")->type_name("N");
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

  bool check_json = false;
  CLI::App* check = app.add_subcommand(
      "check", "Check the database: Xapian's consistency check, the schema, every stored article, the facet columns");
  check->add_option("--db", sub_db, kDbHelp)->type_name("DIR");
  check->add_flag("--json", check_json, "One JSON object with the result and every problem");
  check->footer(kCheckExitCodes);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version come through here with exit code 0.
    return app.exit(e) == 0 ? index::kExitOk : index::kExitFatal;
  }

  if (!format_name.empty()) {
    options.format = index::parse_format_name(format_name);
    if (!options.format) {
      std::cerr << index::kProgramName << ": error: --format: unknown format \"" << format_name
                << "\"; the formats are " << index::kFormatNames << '\n';
      return index::kExitFatal;
    }
  }
  try {
    for (const std::string& field : field_options) options.field_keys.push_back(index::parse_field_option(field));
  } catch (const newsdex::Error& e) {
    std::cerr << index::kProgramName << ": error: " << e.what() << '\n';
    return index::kExitFatal;
  }

  if (app.count("--route") > 0) {
    try {
      const index::Route parsed = index::parse_route(route);
      options.route_shard = parsed.shard;
      options.route_shards = parsed.shards;
    } catch (const newsdex::Error& e) {
      std::cerr << index::kProgramName << ": error: " << e.what() << '\n';
      return index::kExitFatal;
    }
    if (options.dry_run) {
      std::cerr << index::kProgramName << ": error: --route chooses what is written, and --dry-run writes nothing\n";
      return index::kExitFatal;
    }
    if (options.shards > 1) {
      std::cerr << index::kProgramName << ": error: --route and --shards " << options.shards
                << " do not go together: a --route run writes its one shard with one writer\n";
      return index::kExitFatal;
    }
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
    for (const char* indexing_only :
         {"--quiet", "--lang", "--no-entities", "--dry-run", "--json", "--threads", "--memory", "--commit-every",
          "--no-compact", "--max-article-size", "--shards", "--route", "--format", "--field", "--verbose"}) {
      if (app.count(indexing_only) > 0) {
        std::cerr << index::kProgramName << ": error: " << indexing_only << " is an indexing option; " << name
                  << " does not take it\n";
        return index::kExitFatal;
      }
    }
  }

  options.show_progress = !options.quiet && ::isatty(STDERR_FILENO) == 1;
  const std::string db_path = database_path(sub_db, options.db_path);
  const std::string crashed = std::string(index::kProgramName) + ": error: stopped by ";
  const std::string reading = " while working on the database at " + db_path +
                              "; libxapian does this on some kinds of damage: run `newsdex-index check --db " +
                              db_path + "`";
  const std::string if_damaged =
      ", and if it reports problems, re-index into a new database (newsdex-index --db NEWDIR PATH...)";
  try {
    if (subcommand == stats) {
      index::print_on_fatal_signal(crashed, reading + if_damaged + "\n", index::kExitFatal);
      index::DatabaseStats result = index::collect_stats(db_path);
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
      index::print_on_fatal_signal(crashed, reading + if_damaged + "; nothing was deleted\n", index::kExitFatal);
      index::DeleteResult result = index::delete_articles(db_path, ids);
      index::refresh_facet_columns(db_path, std::cerr);
      std::cout << index::format_delete_result(result) << '\n';
      return index::exit_code(result);
    }
    if (subcommand == compact) {
      index::print_on_fatal_signal(crashed,
                                   reading + if_damaged + "; the database at " + db_path +
                                       " is whole (unchanged, or compacted if the swap was done)\n",
                                   index::kExitFatal);
      try {
        index::verify_before_compaction(db_path);
        index::CompactResult result = index::compact_database(db_path);
        index::refresh_facet_columns(db_path, std::cerr);
        std::cout << index::format_compact_result(result) << '\n';
        return index::kExitOk;
      } catch (const index::Interrupted& e) {
        std::cerr << index::kProgramName << ": " << e.what() << '\n';
        return index::kExitInterrupted;
      }
    }
    if (subcommand == check) {
      // Xapian's check runs in a child process; this catches a crash in the
      // checks after it, which only happens on damage it did not see.
      index::print_on_fatal_signal(std::string(index::kProgramName) + ": " + db_path + ": problem: stopped by ",
                                   " while reading the database after Xapian's check found its tables sound: it is "
                                   "damaged" +
                                       if_damaged + "\n",
                                   index::kExitDamaged);
      index::CheckResult result = index::check_database(db_path);
      if (check_json) {
        std::cout << index::check_json(result).dump() << '\n';
      } else {
        std::cout << index::format_check_result(result);
      }
      return index::exit_code(result);
    }
    if (options.dry_run) {
      index::print_on_fatal_signal(crashed, " (a bug in newsdex-index: no database was open)\n", index::kExitFatal);
      return index::exit_code(index::dry_run(options, std::cout, std::cerr));
    }
    index::print_on_fatal_signal(crashed, reading + if_damaged + "; what was committed before is intact\n",
                                 index::kExitFatal);
    index::refuse_damaged_database(db_path);
    index::verify_before_indexing(db_path);
    try {
      return index::exit_code(index::run(options, std::cerr));
    } catch (const newsdex::Error& e) {
      // What Xapian threw while indexing (indexer.cpp, index_writer.cpp word
      // it so): a full disk, or damage. Xapian's check tells which (run() has
      // returned, its threads are joined, so the check may fork).
      const std::string_view what = e.what();
      if (what.starts_with("database error: ") || what.starts_with("cannot commit to the database: ") ||
          what.starts_with("cannot close the database: ")) {
        if (std::optional<std::string> problem = index::xapian_check_problem(db_path)) {
          throw newsdex::Error(std::string(what) + "\n" + std::string(index::kProgramName) +
                               ": error: " + index::damaged_database_message(db_path, *problem) +
                               "; what was committed before is intact");
        }
        throw newsdex::Error(std::string(what) + " (the database at " + db_path + ")");
      }
      throw;
    }
  } catch (const newsdex::Error& e) {
    std::cerr << index::kProgramName << ": error: " << e.what() << '\n';
  } catch (const Xapian::DatabaseError& e) {
    std::cerr << index::kProgramName << ": error: " << index::damaged_database_message(db_path, e.get_description())
              << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << index::kProgramName << ": error: " << db_path << ": " << e.get_description() << '\n';
  } catch (const std::bad_alloc&) {
    std::cerr << index::kProgramName << ": error: out of memory working on the database at " << db_path
              << " (a damaged database can claim impossible sizes: run `newsdex-index check --db " << db_path << "`)\n";
  } catch (const std::exception& e) {
    std::cerr << index::kProgramName << ": error: " << e.what() << " (working on the database at " << db_path
              << "; if it is damaged, `newsdex-index check --db " << db_path << "` says how)\n";
  } catch (...) {
    std::cerr << index::kProgramName << ": error: unknown exception working on the database at " << db_path << '\n';
  }
  return index::kExitFatal;
}
