#include "searcher/search.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <new>
#include <optional>
#include <thread>

#include "common/cluster.h"
#include "common/database.h"
#include "common/error.h"
#include "common/fatal_signal.h"
#include "common/terminal_text.h"
#include "searcher/cluster_search.h"
#include "searcher/date_range.h"
#include "searcher/matcher.h"
#include "searcher/printers/json_printer.h"
#include "searcher/printers/table_printer.h"
#include "searcher/printers/terminal_printer.h"
#include "searcher/query_builder.h"
#include "searcher/spelling.h"
#include "searcher/terminal_options.h"

namespace newsdex::search {
namespace {

// `query` filtered by `dates` (since_until_range() of --since/--until), both
// the complete and the partial query; as it is when `dates` is nullopt.
void filter_by_dates(const std::optional<DateRange>& dates, BuiltQuery& query) {
  if (!dates) return;
  const Xapian::Query filter = date_filter(*dates);
  query.complete = Xapian::Query(Xapian::Query::OP_FILTER, query.complete, filter);
  if (!query.partial.empty()) query.partial = Xapian::Query(Xapian::Query::OP_FILTER, query.partial, filter);
}

MatchOptions match_options(const SearchOptions& o) {
  MatchOptions m;
  m.offset = o.offset;
  m.limit = o.limit;
  m.snippet_chars = o.snippet_chars;
  m.sort = o.sort;
  m.collapse = !o.all_copies;
  m.count_by = o.count_by;
  m.timeline = o.timeline;
  m.timeline_top = o.timeline_top;
  m.facets = o.facets;
  m.facet_limit = o.facet_limit;
  m.count_threads = o.threads;
  return m;
}

// True when a newer revision of `db`'s database than the one it has open is
// committed, or when it cannot tell (reopening failed: the database changed
// under it).
bool moved_on(Xapian::Database db) {
  try {
    return db.reopen();
  } catch (const Xapian::Error&) {
    return true;
  }
}

// True when `db_path` is a directory with glass tables but no iamglass:
// Xapian calls that "not a database", but suggesting to create one there
// would be wrong.
bool is_damaged_directory(const std::string& db_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(db_path, ec) || fs::exists(fs::path(db_path) / "iamglass", ec)) return false;
  for (const char* table : {"postlist.glass", "docdata.glass", "termlist.glass"}) {
    if (fs::exists(fs::path(db_path) / table, ec)) return true;
  }
  return false;
}

}  // namespace

void retry_while_committing(const std::function<Xapian::Database()>& open,
                            const std::function<void(const Xapian::Database&)>& search) {
  for (int attempt = 1;; ++attempt) {
    std::optional<Xapian::Database> db;
    try {
      db = open();
      search(*db);
      return;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kSearchAttempts) throw;
    } catch (const Xapian::DatabaseCorruptError&) {
      if (attempt >= kSearchAttempts || (db && !moved_on(*db))) throw;
    }
    // The indexer's commit is under way: give it a moment, longer each time.
    std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
  }
}

void print_on_fatal_signal(const std::string& db_path) {
  newsdex::print_on_fatal_signal("newsdex-search: stopped by ",
                                 " while reading the database at " + db_path +
                                     "; libxapian does this on some kinds of damage: run "
                                     "`newsdex-index check --db " +
                                     db_path +
                                     "`, and if it reports problems, re-index into a new database "
                                     "(newsdex-index --db NEWDIR PATH...)\n",
                                 kExitError);
}

// The printer of options.format.
std::unique_ptr<Printer> make_printer(const SearchOptions& options) {
  switch (options.format) {
    case OutputFormat::kJsonl:
      return std::make_unique<JsonPrinter>();
    case OutputFormat::kCsv:
    case OutputFormat::kTsv: {
      std::vector<ExportField> fields = options.fields;
      if (fields.empty()) fields.assign(kDefaultExportFields.begin(), kDefaultExportFields.end());
      return std::make_unique<TablePrinter>(
          options.format == OutputFormat::kCsv ? TableFormat::kCsv : TableFormat::kTsv, std::move(fields));
    }
    case OutputFormat::kText:
      break;
  }
  return std::make_unique<TerminalPrinter>(TerminalStyle{.color = use_color(options.color), .width = terminal_width()});
}

// Thrown when writing the output fails; `error` is the errno. EPIPE (the
// reader went away, `| head`) ends the search quietly.
struct WriteFailed {
  int error;
};

void check_written(std::ostream& out) {
  if (!out.good()) throw WriteFailed{errno};
}

int run_search(const SearchOptions& options, std::ostream& out, std::ostream& err) {
  const auto started = std::chrono::steady_clock::now();
  std::string db_path = options.db_path.empty() ? default_database_path() : options.db_path;
  const bool table = options.format == OutputFormat::kCsv || options.format == OutputFormat::kTsv;
  try {
    MatchOptions match = match_options(options);
    if (table) {  // no counts in a table: do not count them
      match.timeline = TimelineGranularity::kNone;
      match.timeline_top = false;
      match.facets.clear();
    }
    // --limit all: the counts, timeline and facets first, then the matches
    // streamed through the same database handle.
    if (options.limit_all) match.limit = 0;
    struct Searched {
      BuiltQuery query;
      std::unique_ptr<Matcher> matcher;
      SearchResults results;
      std::vector<std::string> notes;  // for standard error: shards left out, no spelling
    };
    // One attempt, on a handle of its own: an indexer's commits can reach
    // any of these steps (retry_while_committing, the one retry). `cluster`
    // is the attempt's cluster file's shards (cluster_search.h), if any.
    std::optional<Cluster> cluster;
    auto open = [&] { return open_for_search(db_path, options.allow_partial, cluster); };
    auto search_in = [&](const Xapian::Database& db) {
      const std::vector<std::string> languages = database_languages(db);
      QueryBuilder builder(languages);
      Searched s;
      // No words, only --since/--until: every article, filtered by date.
      s.query = options.query.empty() && options.filters.empty()
                    ? BuiltQuery{Xapian::Query(std::string()), Xapian::Query(), {}}
                    : builder.build(options.query, options.filters);
      const std::optional<DateRange> dates = since_until_range(options.since, options.until);
      filter_by_dates(dates, s.query);
      const bool stub = cluster.has_value();
      s.matcher = std::make_unique<Matcher>(db, stub ? std::string() : db_path);
      match.stock_spies = stub;
      try {
        s.results = s.matcher->search(s.query, match);
      } catch (const Xapian::NetworkError& e) {
        if (cluster) blame_shards(*cluster, e, options.allow_partial);
        throw;
      }
      if (cluster) s.notes = partial_warnings(*cluster);
      if (!options.query.empty() && cluster && !cluster->remote_shards().empty()) {
        const std::string note = spelling_unavailable_note(*cluster, words_to_correct(db, options.query, languages));
        if (!note.empty()) s.notes.push_back(note);
      } else if (!options.query.empty()) {
        s.results.corrections = suggest_spelling(db, options.query, languages, s.results.complete_matches_estimated,
                                                 [&](std::string_view text) {
                                                   BuiltQuery corrected = builder.build(text, options.filters);
                                                   filter_by_dates(dates, corrected);
                                                   return corrected.complete;
                                                 });
      }
      return s;
    };
    Searched searched;
    retry_failed_shards(
        db_path, [&] { retry_while_committing(open, [&](const Xapian::Database& db) { searched = search_in(db); }); });
    for (const std::string& note : searched.notes) err << "newsdex-search: " << note << "\n";
    SearchResults& results = searched.results;
    results.query = options.query;
    results.did_you_mean = corrected_query(options.query, results.corrections);
    std::unique_ptr<Printer> printer = make_printer(options);
    if (!options.limit_all) {
      results.elapsed_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      printer->print(results, out);
      out.flush();
      check_written(out);
      return results.matches_estimated > 0 ? kExitHits : kExitNoHits;
    }
    // make_printer gives a StreamPrinter for every format but text, which
    // main.cpp does not let --limit all have.
    auto* stream_printer = dynamic_cast<StreamPrinter*>(printer.get());
    if (stream_printer == nullptr) throw Error("--limit all needs --format csv, tsv or jsonl");
    stream_printer->begin(out);
    Matcher::StreamCounts streamed;
    try {
      MatchOptions stream_options = match_options(options);
      stream_options.stock_spies = match.stock_spies;
      streamed = searched.matcher->stream(searched.query, stream_options, [&](Match& m) {
        stream_printer->hit(m, out);
        check_written(out);
        return true;
      });
    } catch (const Xapian::NetworkError& e) {
      // The rows written so far cannot be taken back: no retry, even with
      // --allow-partial.
      if (cluster) blame_shards(*cluster, e, false);
      throw;
    } catch (const Xapian::DatabaseModifiedError&) {
      throw Error(
          "the database changed while the matches were written (an indexer committed); run the search "
          "again, the rows written so far are incomplete");
    }
    results.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    // Every match was met: the counts are now exact.
    results.complete_matches_estimated = streamed.complete;
    results.matches_estimated = results.matches_lower_bound = results.matches_upper_bound =
        streamed.complete + streamed.partial;
    stream_printer->end(results, streamed.emitted, out);
    out.flush();
    check_written(out);
    return results.matches_estimated > 0 ? kExitHits : kExitNoHits;
  } catch (const WriteFailed& e) {
    if (e.error == EPIPE) return kExitHits;  // the reader has all it wanted
    err << "newsdex-search: cannot write the results: " << std::strerror(e.error) << "\n";
    return kExitError;
  } catch (const QuerySyntaxError& e) {
    // Column and caret by characters and display columns, the query made
    // safe to print and cut around the error (query_builder.h).
    err << "newsdex-search: " << format_query_error(e, options.query);
    return kExitError;
  } catch (const Error& e) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const std::string_view what = e.what();
    if (is_damaged_directory(db_path)) {
      err << "newsdex-search: " << damaged(db_path, "its version file iamglass is missing, but its tables are there")
          << "\n";
    } else if (what.starts_with("cannot open database at ") && fs::exists(fs::path(db_path) / "iamglass", ec)) {
      // Tables that cannot be opened beside a version file: missing, or unreadable.
      err << "newsdex-search: " << what << "; its version file is there, so if its files are readable it is "
          << "damaged: run `newsdex-index check --db " << db_path << "`\n";
    } else {
      err << "newsdex-search: " << what << "\n";
    }
    return kExitError;
  } catch (const Xapian::DatabaseModifiedError& e) {
    err << "newsdex-search: "
        << damaged(db_path, e.get_description() + " (" + std::to_string(kSearchAttempts) +
                                " times in a row, so not an indexer's commit)")
        << "\n";
    return kExitError;
  } catch (const Xapian::DatabaseOpeningError& e) {
    err << "newsdex-search: cannot open the database at " << db_path << ": " << e.get_description() << "\n";
    return kExitError;
  } catch (const Xapian::DatabaseError& e) {  // corrupt, or cannot be read ("EOF reading block")
    err << "newsdex-search: " << damaged(db_path, e.get_description()) << "\n";
    return kExitError;
  } catch (const Xapian::Error& e) {
    err << "newsdex-search: " << db_path << ": " << e.get_description() << "\n";
    return kExitError;
  } catch (const std::bad_alloc&) {
    err << "newsdex-search: out of memory searching the database at " << db_path
        << " (a damaged database can claim impossible sizes: run `newsdex-index check --db " << db_path << "`)\n";
    return kExitError;
  } catch (const std::exception& e) {
    err << "newsdex-search: " << e.what() << " (searching the database at " << db_path
        << "; if it is damaged, `newsdex-index check --db " << db_path << "` says how)\n";
    return kExitError;
  } catch (...) {
    err << "newsdex-search: unknown exception searching the database at " << db_path << "\n";
    return kExitError;
  }
}

}  // namespace newsdex::search
