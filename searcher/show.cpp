// --show: id -> Q-term -> document -> stored article (compression/
// stored_fields.h) + entity summary (entity_summary.h) -> ShownArticle ->
// printer -> pager.
//
// Where the quotes are: the stored summary holds each quote's text, a
// byte-exact copy of the body's span, but not the span. It is found again by
// looking for the text in the stored body (locate_quotes), not by running
// the entity extractor again: the marks then show exactly the quotes the
// index knows (the speakers' filters and facets), whatever version of the
// extractor is installed now, and an article indexed with --no-entities shows
// none, as it has none in the index.
#include "searcher/show.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <new>
#include <ostream>
#include <sstream>

#include <xapian.h>

#include "common/analysis/analyzer.h"
#include "common/compression/stored_fields.h"
#include "common/database.h"
#include "common/entity_summary.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/terminal_text.h"
#include "searcher/printers/article_json_printer.h"
#include "searcher/printers/article_text_printer.h"
#include "searcher/query_builder.h"
#include "searcher/search.h"
#include "searcher/snippet_generator.h"
#include "searcher/terminal_options.h"

namespace newsdex::search {
namespace {

// The stored articles of `ids`, read from one revision of the database:
// nullopt for an id no document has.
std::vector<std::optional<Article>> read_articles(const Xapian::Database& db, const std::vector<std::string>& ids) {
  std::vector<std::optional<Article>> out;
  for (const std::string& id : ids) {
    if (id.empty() || id.size() > schema::kMaxIdBytes) {
      out.emplace_back();  // no id term can be this
      continue;
    }
    const std::string term = std::string(schema::kPrefixId) + id;
    Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) {
      out.emplace_back();
      continue;
    }
    Xapian::Document doc = db.get_document(*it);
    try {
      out.emplace_back(compression::decode_article(doc.get_data()));
    } catch (const Error& e) {
      // Damage to the database, reported as Xapian reports its own.
      throw Xapian::DatabaseCorruptError("document " + std::to_string(doc.get_docid()) + ": " + e.what());
    }
  }
  return out;
}

}  // namespace

ShownArticle shown_article(const Article& article, const HighlightSpec& highlight) {
  ShownArticle a;
  a.id = article.id;
  a.title = article.title;
  a.published_unix_s = article.published_unix_s;
  a.source = article.source;
  a.url = article.url;
  a.author = article.author;
  a.lang = article.lang;
  a.body = article.body;
  if (!highlight.terms.empty() || !highlight.phrases.empty()) {
    SnippetGenerator snippets(highlight);
    analysis::Analyzer analyzer(article.lang);
    a.title_highlights = snippets.find_matches(a.title, analyzer);
    a.body_highlights = snippets.find_matches(a.body, analyzer);
  }
  if (article.entities_json.empty()) {
    a.entities = EntitiesState::kNotExtracted;
    return a;
  }
  DecodedEntitySummary decoded = decode_entity_summary(article.entities_json);
  if (!decoded.ok()) {
    a.entities = EntitiesState::kDamaged;
    a.entities_error = decoded.error;
    return a;
  }
  EntitySummary& s = decoded.summary;
  a.persons = std::move(s.persons);
  a.organizations = std::move(s.organizations);
  for (EntitySummary::Country& c : s.countries) a.countries.push_back(CountryRef{std::move(c.code), std::move(c.name)});
  a.speakers = std::move(s.speakers);
  const std::vector<std::optional<QuoteSpan>> spans = locate_quotes(a.body, s.quotes);
  for (std::size_t q = 0; q < s.quotes.size(); ++q) {
    ShownQuote quote{std::move(s.quotes[q].speaker), std::move(s.quotes[q].verb), std::move(s.quotes[q].text), {}, {}};
    if (spans[q]) {
      quote.start = spans[q]->start;
      quote.end = spans[q]->end;
    }
    a.quotes.push_back(std::move(quote));
  }
  return a;
}

ShowOutput render_show(const ShowOptions& options, bool color, std::size_t width, std::ostream& err) {
  const std::string db_path = options.db_path.empty() ? default_database_path() : options.db_path;
  ShowOutput result;
  try {
    std::vector<std::optional<Article>> articles;
    HighlightSpec highlight;
    // Read from one revision; an indexer's commits meanwhile: search.h.
    retry_while_committing([&] { return open_database_for_reading(db_path); },
                           [&](const Xapian::Database& db) {
                             if (!options.query.empty()) {
                               highlight = QueryBuilder(database_languages(db)).build(options.query).highlight;
                             }
                             articles = read_articles(db, options.ids);
                           });
    std::unique_ptr<ArticlePrinter> printer;
    if (options.json) {
      printer = std::make_unique<ArticleJsonPrinter>();
    } else {
      printer = std::make_unique<ArticleTextPrinter>(ArticleStyle{.color = color, .width = width});
    }
    std::ostringstream text;
    bool first = true;
    for (std::size_t i = 0; i < articles.size(); ++i) {
      if (!articles[i]) {
        err << "newsdex-search: no article with id '" << excerpt_for_message(options.ids[i], 80)
            << "' in the database at " << db_path << "\n";
        result.status = kExitNoHits;
        continue;
      }
      const ShownArticle shown = shown_article(*articles[i], highlight);
      if (shown.entities == EntitiesState::kDamaged) {
        err << "newsdex-search: article '" << excerpt_for_message(shown.id, 80)
            << "': its stored entity summary is damaged (" << shown.entities_error
            << "); shown without entities (newsdex-index check --db " << db_path << " lists such damage)\n";
      }
      printer->print(shown, first, text);
      first = false;
    }
    result.text = std::move(text).str();
    return result;
  } catch (const QuerySyntaxError& e) {
    err << "newsdex-search: " << format_query_error(e, options.query);
  } catch (const Error& e) {
    err << "newsdex-search: " << e.what() << "\n";
  } catch (const Xapian::DatabaseModifiedError& e) {
    err << "newsdex-search: "
        << damaged(db_path, e.get_description() + " (" + std::to_string(kSearchAttempts) +
                                " times in a row, so not an indexer's commit)")
        << "\n";
  } catch (const Xapian::DatabaseOpeningError& e) {
    err << "newsdex-search: cannot open the database at " << db_path << ": " << e.get_description() << "\n";
  } catch (const Xapian::DatabaseError& e) {
    err << "newsdex-search: " << damaged(db_path, e.get_description()) << "\n";
  } catch (const Xapian::Error& e) {
    err << "newsdex-search: " << db_path << ": " << e.get_description() << "\n";
  } catch (const std::bad_alloc&) {
    err << "newsdex-search: out of memory reading the database at " << db_path
        << " (a damaged database can claim impossible sizes: run `newsdex-index check --db " << db_path << "`)\n";
  } catch (const std::exception& e) {
    err << "newsdex-search: " << e.what() << " (reading the database at " << db_path << ")\n";
  }
  return ShowOutput{"", kExitError};
}

std::string pager_command() {
  for (const char* name : {"NEWSDEX_PAGER", "PAGER"}) {
    if (const char* value = std::getenv(name)) {
      std::string command = value;
      return command == "cat" ? "" : command;
    }
  }
  return "less -R";
}

PagerResult run_pager(const std::string& command, std::string_view text) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return PagerResult{false, -1};
  // Ignored while the pager runs: Ctrl-C belongs to it, and its quitting
  // early must not kill us in the middle of a write.
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  struct sigaction old_pipe {
  }, old_int{}, old_quit{};
  ::sigaction(SIGPIPE, &ignore, &old_pipe);
  ::sigaction(SIGINT, &ignore, &old_int);
  ::sigaction(SIGQUIT, &ignore, &old_quit);
  auto restore = [&] {
    ::sigaction(SIGPIPE, &old_pipe, nullptr);
    ::sigaction(SIGINT, &old_int, nullptr);
    ::sigaction(SIGQUIT, &old_quit, nullptr);
  };
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    restore();
    return PagerResult{false, -1};
  }
  if (pid == 0) {
    // The pager: our signal dispositions back to the defaults, the pipe as
    // its standard input.
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (int signo : {SIGPIPE, SIGINT, SIGQUIT}) ::sigaction(signo, &dfl, nullptr);
    ::dup2(fds[0], STDIN_FILENO);
    if (std::getenv("LESS") == nullptr) ::setenv("LESS", "FRX", 1);
    if (std::getenv("LV") == nullptr) ::setenv("LV", "-c", 1);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[0]);
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fds[1], text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EPIPE: the pager quit (q in less) before reading everything
    done += static_cast<std::size_t>(n);
  }
  ::close(fds[1]);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  restore();
  PagerResult result{true, 0};
  if (WIFEXITED(wstatus)) {
    result.status = WEXITSTATUS(wstatus);
    // /bin/sh's own statuses for "not found" and "not executable".
    if (result.status == 127 || result.status == 126) result.started = false;
  } else if (WIFSIGNALED(wstatus)) {
    result.status = 128 + WTERMSIG(wstatus);
  }
  return result;
}

int run_show(const ShowOptions& options, std::ostream& out, std::ostream& err) {
  const bool terminal = isatty(STDOUT_FILENO) == 1;
  ShowOutput shown = render_show(options, use_color(options.color), terminal_width(), err);
  const std::string command = options.pager && terminal ? pager_command() : "";
  if (command.empty() || shown.text.empty()) {
    out << shown.text;
    out.flush();
    return shown.status;
  }
  out.flush();
  err.flush();
  PagerResult pager = run_pager(command, shown.text);
  if (!pager.started) {
    err << "newsdex-search: cannot run the pager '" << excerpt_for_message(command) << "' ("
        << (pager.status == 127   ? "command not found"
            : pager.status == 126 ? "not executable"
                                  : "cannot start a process")
        << "); printing without it (set PAGER, or use --no-pager)\n";
    out << shown.text;
    out.flush();
    return shown.status;
  }
  if (pager.status != 0) {
    err << "newsdex-search: the pager '" << excerpt_for_message(command) << "' "
        << (pager.status > 128 ? "was stopped by signal " + std::to_string(pager.status - 128)
                               : "exited with status " + std::to_string(pager.status))
        << " (set PAGER, or use --no-pager)\n";
    return kExitError;
  }
  return shown.status;
}

}  // namespace newsdex::search
