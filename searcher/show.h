// newsdex-search --show ID...: whole stored articles, read by id, printed
// with their entities and quotes, the query's words marked; on a terminal
// through a pager, as git does. main.cpp fills ShowOptions.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "searcher/printers/article_printer.h"
#include "searcher/query_builder.h"
#include "searcher/search.h"

namespace newsdex::search {

struct ShowOptions {
  std::string db_path;           // "" = default_database_path()
  std::vector<std::string> ids;  // articles to show, in this order
  std::string query;             // words to mark, in the query syntax; "" = none
  bool json = false;             // one JSON "article" object per line
  ColorMode color = ColorMode::kAuto;
  bool pager = true;  // false: --no-pager
};

// `article` as stored, with its entity summary decoded
// (common/entity_summary.h), its quotes located in the body and the matches
// of `highlight` marked in title and body (SnippetGenerator::find_matches, so
// exactly the words a snippet marks). A summary that does not decode leaves
// the entities empty and says why (EntitiesState::kDamaged).
ShownArticle shown_article(const Article& article, const HighlightSpec& highlight);

// The text of every article of options.ids, printed one after the other
// (text or JSON), and the exit status: kExitHits when every id was found,
// kExitNoHits when one was not ("newsdex-search: no article with id 'X' in
// the database at DB" on `err`; the others are still printed), kExitError on
// an error (bad query, no database, a damaged one: one line on `err`, as
// run_search words it, and `text` empty). `color` and `width` are the
// decisions made for the output (use_color, terminal width).
struct ShowOutput {
  std::string text;
  int status = kExitHits;
};
ShowOutput render_show(const ShowOptions& options, bool color, std::size_t width, std::ostream& err);

// How a pager run ended.
struct PagerResult {
  bool started = false;  // false: the command could not be run (not found, not executable)
  int status = 0;        // its exit status (127: not found, 126: not executable, as sh says);
                         // 128 + N when killed by signal N; -1 when no process could be started
};

// Runs `command` with /bin/sh -c, feeding it `text` on its standard input;
// the environment gets LESS=FRX when LESS is unset, and LV=-c when LV is
// unset (as git does: less quits at once when everything fits on one
// screen, keeps colours and leaves the screen as it was). The pager quitting
// before reading everything (q in less) is normal, not an error: SIGPIPE is
// ignored for the write, EPIPE ends it. SIGINT and SIGQUIT are ignored here
// while the pager runs (Ctrl-C is for the pager: less handles it), and
// restored after. Waits for the pager to exit.
PagerResult run_pager(const std::string& command, std::string_view text);

// The pager command: $NEWSDEX_PAGER, else $PAGER, else "less -R"; "" when
// paging is off (either variable set to "" or "cat").
std::string pager_command();

// --show as a library call: render_show(), then the text to `out`, or to
// pager_command() when options.pager is set and standard output is a
// terminal. A pager that cannot be run is reported on `err` and the text is
// written to `out` instead; a pager that exits with a status other than 0 is
// reported, and the exit status is then kExitError. Throws nothing.
int run_show(const ShowOptions& options, std::ostream& out, std::ostream& err);

}  // namespace newsdex::search
