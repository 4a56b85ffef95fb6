#include "searcher/search.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "common/database.h"
#include "common/error.h"
#include "searcher/matcher.h"
#include "searcher/printers/json_printer.h"
#include "searcher/printers/terminal_printer.h"
#include "searcher/query_builder.h"

namespace newsdex::search {
namespace {

bool use_color(ColorMode mode) {
  switch (mode) {
    case ColorMode::kAlways: return true;
    case ColorMode::kNever: return false;
    case ColorMode::kAuto: break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(STDOUT_FILENO) == 1;
}

std::size_t terminal_width() {
  if (const char* cols = std::getenv("COLUMNS"); cols && *cols) {
    long n = std::strtol(cols, nullptr, 10);
    if (n > 0) return static_cast<std::size_t>(n);
  }
  winsize ws{};
  if (isatty(STDOUT_FILENO) == 1 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

}  // namespace

int run_search(const SearchOptions& options, std::ostream& out, std::ostream& err) {
  const auto started = std::chrono::steady_clock::now();
  std::string db_path = options.db_path.empty() ? default_database_path() : options.db_path;
  try {
    Xapian::Database db = open_database_for_reading(db_path);
    QueryBuilder builder(database_languages(db));
    BuiltQuery query = builder.build(options.query);
    Matcher matcher(db);
    SearchResults results = matcher.search(query, MatchOptions{.offset = options.offset,
                                                               .limit = options.limit,
                                                               .snippet_chars = options.snippet_chars});
    results.query = options.query;
    results.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    std::unique_ptr<Printer> printer;
    if (options.json) {
      printer = std::make_unique<JsonPrinter>();
    } else {
      printer = std::make_unique<TerminalPrinter>(
          TerminalStyle{.color = use_color(options.color), .width = terminal_width()});
    }
    printer->print(results, out);
    out.flush();
    return results.matches_estimated > 0 ? kExitHits : kExitNoHits;
  } catch (const QuerySyntaxError& e) {
    err << "newsdex-search: query syntax error at column " << e.position() + 1 << ": " << e.what() << "\n"
        << "  " << options.query << "\n"
        << "  " << std::string(e.position(), ' ') << "^\n";
    return kExitError;
  } catch (const Error& e) {
    err << "newsdex-search: " << e.what() << "\n";
    return kExitError;
  } catch (const Xapian::Error& e) {
    err << "newsdex-search: " << db_path << ": " << e.get_description() << "\n";
    return kExitError;
  }
}

}  // namespace newsdex::search
