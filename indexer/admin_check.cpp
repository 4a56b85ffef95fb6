// check_database (`newsdex-index check`) and verify_before_writing: Xapian's
// consistency check in a child process, then newsdex's own checks of what it
// stores.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <streambuf>

#include <nlohmann/json.hpp>

#include "common/compression/stored_fields.h"
#include "common/database.h"
#include "common/entity_summary.h"
#include "common/error.h"
#include "common/facet_columns.h"
#include "common/format.h"
#include "common/schema.h"
#include "common/test_hook.h"
#include "indexer/admin_check.h"
#include "indexer/admin_common.h"
#include "indexer/child_process.h"
#include "indexer/indexer.h"
#include "indexer/interrupt.h"

#if defined(__SANITIZE_ADDRESS__)
// Xapian::Database::check in libxapian 1.4.22 frees with a mismatched delete,
// which AddressSanitizer reports and exits on: sanitizer builds of the
// programs that link this file (newsdex-index, the unit tests) would report
// every database as damaged. libxapian is not ours to fix; every other check
// stays on.
extern "C" const char* __asan_default_options() { return "new_delete_type_mismatch=0"; }
#endif

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

// The tables of a glass database (Xapian creates synonym and spelling lazily).
constexpr const char* kGlassTables[] = {"postlist", "docdata", "termlist", "position", "spelling", "synonym"};

// What the child writes after Xapian's own output: one line with the result.
constexpr std::string_view kResultMarker = "\n#newsdex-check-result ";

// Xapian's check output beyond this is read and dropped (memory stays bounded
// whatever a damaged database makes it print).
constexpr std::size_t kMaxCheckOutput = 1 << 20;

std::string signal_name(int signo) {
  switch (signo) {
    case SIGSEGV:
      return "SIGSEGV (invalid memory access)";
    case SIGBUS:
      return "SIGBUS (bad memory access)";
    case SIGABRT:
      return "SIGABRT (aborted, e.g. on a corrupted heap)";
    case SIGFPE:
      return "SIGFPE (arithmetic error)";
    case SIGILL:
      return "SIGILL (illegal instruction)";
    case SIGKILL:
      return "SIGKILL (killed, e.g. out of memory)";
    default:
      return "signal " + std::to_string(signo);
  }
}

// An unbuffered stream buffer writing to a file descriptor: what Xapian's
// check prints reaches the parent even when the check then crashes.
class FdWriter : public std::streambuf {
 public:
  explicit FdWriter(int fd) : fd_(fd) {}

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) {
      char ch = traits_type::to_char_type(c);
      write_all(&ch, 1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    write_all(s, static_cast<std::size_t>(n));
    return n;
  }

 private:
  void write_all(const char* s, std::size_t n) { write_to_parent(fd_, std::string_view(s, n)); }
  int fd_;
};

// What Xapian::Database::check said about a database directory.
struct XapianCheck {
  std::string cannot_run;  // why it could not run (it opens the tables read/write); "" when it ran
  std::vector<CheckProblem> problems;
  std::string summary;  // "no errors", "found errors", or what stopped it (CheckResult::xapian_check)
};

// The table Xapian's check was working on when its output ends: the last
// "<table>:" line.
std::string last_table(const std::string& output) {
  std::string table;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    for (const char* t : kGlassTables) {
      if (line == std::string(t) + ":") table = t;
    }
  }
  return table;
}

// Xapian's own error lines: everything but its progress lines.
std::vector<CheckProblem> error_lines(const std::string& output) {
  std::vector<CheckProblem> problems;
  std::string table;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    bool is_table = false;
    for (const char* t : kGlassTables) {
      if (line == std::string(t) + ":") {
        table = t;
        is_table = true;
      }
    }
    if (is_table || line.empty() || line.ends_with("table structure checked OK") ||
        line.ends_with("Full structure check not implemented, checking readability") ||
        line == "Lazily created, and not yet used." || line == "Continuing check anyway") {
      continue;
    }
    problems.push_back({table.empty() ? std::string("database") : table + ".glass", "Xapian's check: " + line});
  }
  return problems;
}

// Runs Xapian::Database::check(dir) in a child process: libxapian can crash
// on a damaged table, even in its check (a bad termlist entry length makes it
// read past its buffer), and that must be a finding, not the end of this
// process. The check itself validates each block before using it, so it does
// not loop forever on the damage that makes lookups loop.
// With `interruptible`, SIGINT and SIGTERM kill the child and throw
// Interrupted (child_process.h). `hook` is a test-hook point
// (common/test_hook.h) the child passes before the check starts.
// Requires: no other threads (the child of a fork runs Xapian and allocates).
XapianCheck run_xapian_check(const std::string& dir, bool interruptible = false, const char* hook = nullptr) {
  auto check = [&dir, hook](int fd) {
    if (hook != nullptr) test_hook(hook);
    FdWriter writer(fd);
    std::ostream out(&writer);
    try {
      std::size_t errors = Xapian::Database::check(dir, 0, &out);
      out << kResultMarker << "errors " << errors << '\n';
    } catch (const Xapian::DatabaseOpeningError& e) {
      // Xapian's check opens the tables read/write: on a read-only
      // filesystem or without permission it cannot run. A missing table
      // file is damage.
      const bool missing =
          e.get_error_string() != nullptr && std::string_view(e.get_error_string()) == std::strerror(ENOENT);
      out << kResultMarker << (missing ? "exception " : "cannot-run ") << e.get_description() << '\n';
    } catch (const Xapian::Error& e) {
      out << kResultMarker << "exception " << e.get_description() << '\n';
    } catch (const std::exception& e) {
      out << kResultMarker << "exception " << e.what() << '\n';
    } catch (...) {
      out << kResultMarker << "exception (unknown)\n";
    }
    out.flush();
    ::_exit(0);
  };
  ChildExit child = run_in_child(
      check, ChildOptions{.what = "Xapian's check",
                          .interruptible = interruptible,
                          .interrupted_message = "the check of " + dir + " before compaction was interrupted",
                          .max_output = kMaxCheckOutput});
  std::string& output = child.output;
  const int status = child.status;

  XapianCheck result;
  const std::size_t marker = output.rfind(kResultMarker);
  if (WIFSIGNALED(status) || marker == std::string::npos) {
    std::string table = last_table(output);
    result.problems = error_lines(output);
    std::string how = WIFSIGNALED(status)
                          ? "stopped by " + signal_name(WTERMSIG(status))
                          : "ended without a result (exit status " + std::to_string(WEXITSTATUS(status)) + ")";
    result.problems.push_back({table.empty() ? std::string("database") : table + ".glass",
                               "Xapian's check " + how + " while reading " +
                                   (table.empty() ? std::string("the database") : "the " + table + " table") +
                                   ": the table is damaged"});
    result.summary = how + " reading " + (table.empty() ? std::string("the database") : table + ".glass");
    return result;
  }
  std::string tail = output.substr(marker + kResultMarker.size());
  if (!tail.empty() && tail.back() == '\n') tail.pop_back();
  output.resize(marker);
  if (tail.starts_with("cannot-run ")) {
    result.cannot_run = tail.substr(std::strlen("cannot-run "));
    result.summary = "could not run";
    return result;
  }
  result.problems = error_lines(output);
  if (tail.starts_with("exception ")) {
    // A structural error ends Xapian's check of the table it is in.
    std::string table = last_table(output);
    result.problems.push_back({table.empty() ? std::string("database") : table + ".glass",
                               "Xapian's check: " + tail.substr(std::strlen("exception "))});
    result.summary = "stopped at a damaged " + (table.empty() ? std::string("database") : table + " table");
  } else {
    const std::string errors = tail.starts_with("errors ") ? tail.substr(std::strlen("errors ")) : tail;
    if (errors != "0" && result.problems.empty()) {
      result.problems.push_back({"database", "Xapian's check found " + errors + " errors"});
    }
    result.summary = result.problems.empty() ? "no errors" : "found errors";
  }
  return result;
}

// Adds a problem, or only counts it beyond kMaxCheckProblems.
void add_problem(CheckResult& result, std::string where, std::string what) {
  if (result.problems.size() < kMaxCheckProblems) {
    result.problems.push_back({std::move(where), std::move(what)});
  } else {
    ++result.more_problems;
  }
}

bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Why `json` is not an entity summary (common/entity_summary.h), or nullopt
// when it is one.
std::optional<std::string> entity_summary_problem(const std::string& json) {
  DecodedEntitySummary decoded = decode_entity_summary(json);
  if (decoded.ok()) return std::nullopt;
  return decoded.error;
}

// One document: its stored article, id term, entity summary and the slots
// derived from the article.
void check_document(const Xapian::Database& db, Xapian::docid did, CheckResult& result) {
  const std::string where = "document " + std::to_string(did);
  Xapian::Document doc = db.get_document(did);
  Article article;
  try {
    article = compression::decode_article(doc.get_data());
  } catch (const Error& e) {
    add_problem(result, where, e.what());
    return;
  }
  bool ok = true;
  const std::string id_term = std::string(schema::kPrefixId) + article.id;
  if (article.id.empty()) {
    add_problem(result, where, "the stored article has no id");
    ok = false;
  } else if (id_term.size() > schema::kMaxXapianTermBytes) {
    add_problem(result, where, "the stored id is longer than a Xapian term can be");
    ok = false;
  } else {
    Xapian::PostingIterator posting = db.postlist_begin(id_term);
    posting.skip_to(did);
    if (posting == db.postlist_end(id_term) || *posting != did) {
      add_problem(result, where,
                  "stored id \"" + article.id + "\" has no " + std::string(schema::kPrefixId) +
                      "-term pointing at the document");
      ok = false;
    }
  }
  if (!article.entities_json.empty()) {
    if (std::optional<std::string> why = entity_summary_problem(article.entities_json)) {
      add_problem(result, where, "entity summary: " + *why);
      ok = false;
    } else {
      ++result.entity_summaries;
    }
  }
  const std::string published = doc.get_value(schema::kSlotPublished);
  const std::string expected =
      article.published_unix_s ? Xapian::sortable_serialise(static_cast<double>(*article.published_unix_s)) : "";
  if (published != expected) {
    add_problem(result, where, "the publication-time slot disagrees with the stored article's date");
    ok = false;
  }
  const std::string stamp = doc.get_value(schema::kSlotContentHash);
  const bool stamp_ok = (stamp.size() == 16 || (stamp.size() == 28 && stamp.ends_with("/no-entities"))) &&
                        std::all_of(stamp.begin(), stamp.begin() + 16, is_hex_digit);
  if (!stamp_ok) {
    add_problem(result, where, "the content stamp slot is not 16 hex digits (+ \"/no-entities\")");
    ok = false;
  }
  if (ok) ++result.articles_decoded;
}

// Every value of the facet columns against the slot it was built from.
void check_facet_columns(const Xapian::Database& db, const FacetColumns& columns, CheckResult& result) {
  const Xapian::docid last = columns.last_docid();
  bool all_match = true;
  for (std::size_t g = 0; g < FacetColumns::groups().size(); ++g) {
    const FacetColumns::Group& group = FacetColumns::groups()[g];
    for (std::size_t r = 0; r < group.slots.size(); ++r) {
      const Xapian::valueno slot = group.slots[r];
      const std::uint32_t* ids = columns.ids(g, r);
      std::uint64_t wrong = 0;
      Xapian::docid first_wrong = 0;
      auto compare = [&](Xapian::docid did, std::string_view expected) {
        if (columns.value(g, ids[did]) == expected) return;
        if (wrong++ == 0) first_wrong = did;
      };
      Xapian::docid next = 1;
      for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        const Xapian::docid did = it.get_docid();
        if (did > last) break;  // cannot be: the columns' last docid is the database's
        for (; next < did; ++next) compare(next, "");
        compare(did, *it);
        next = did + 1;
      }
      for (; next <= last; ++next) compare(next, "");
      if (wrong > 0) {
        all_match = false;
        add_problem(result, "newsdex-facets",
                    "the " + group.name + " column of slot " + std::to_string(slot) +
                        " disagrees with the database for " + format_count(wrong) +
                        (wrong == 1 ? " document" : " documents") + " (first: document " + std::to_string(first_wrong) +
                        ")");
      }
    }
  }
  result.facet_columns =
      all_match ? "current (match the database)" : "damaged (current, but disagree with the database)";
}

// Steps 3 and 4 of check_database, on tables Xapian found sound.
void check_content(const std::string& dir, CheckResult& result) {
  Xapian::Database db(dir);
  result.revision = db.get_revision();
  result.articles = db.get_doccount();
  result.content_checked = true;

  const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  if (version.empty()) {
    if (result.articles > 0) {
      add_problem(
          result, "metadata",
          "no " + std::string(schema::kMetaSchemaVersion) + ": not a newsdex database, or its metadata was lost");
    }
  } else if (version.size() > 6 ||
             !std::all_of(version.begin(), version.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    add_problem(result, "metadata", std::string(schema::kMetaSchemaVersion) + " is not a number");
  } else {
    result.schema_version = std::stoi(version);
    if (*result.schema_version != schema::kVersion) {
      add_problem(result, "metadata",
                  "schema version " + version + "; this newsdex reads version " + std::to_string(schema::kVersion));
    }
  }
  std::stringstream languages(db.get_metadata(std::string(schema::kMetaLanguages)));
  for (std::string code; std::getline(languages, code, ',');) {
    const bool ok = code.size() >= 2 && code.size() <= 3 &&
                    std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!ok) {
      add_problem(result, "metadata",
                  std::string(schema::kMetaLanguages) + " lists \"" + code + "\", not a language code");
    }
  }

  // Every document, at most the document count (so a damaged list cannot
  // make this loop without end).
  std::uint64_t seen = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    if (++seen > result.articles) {
      add_problem(result, "database", "more documents than its document count (" + format_count(result.articles) + ")");
      break;
    }
    check_document(db, *it, result);
  }
  if (seen < result.articles) {
    add_problem(result, "database",
                "document count " + format_count(result.articles) + " but " + format_count(seen) + " documents found");
  }

  std::error_code ec;
  const bool file_exists = fs::exists(FacetColumns::path_for(dir), ec);
  if (std::unique_ptr<FacetColumns> columns = FacetColumns::open(dir, db)) {
    check_facet_columns(db, *columns, result);
  } else {
    result.facet_columns = file_exists
                               ? "not current (stale or damaged; searches ignore the file and count from the slots)"
                               : "missing (searches count from the slots)";
  }
}

// The revision a database is at, or nullopt when it cannot be opened.
std::optional<Xapian::rev> revision_of(const std::string& dir) {
  try {
    return Xapian::Database(dir).get_revision();
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
}

}  // namespace

CheckResult check_database(const std::string& db_path) {
  std::error_code ec;
  const fs::file_status status = fs::status(db_path, ec);
  if (!fs::exists(status)) {
    throw DatabaseMissingError("no database at " + db_path + "; create one with: newsdex-index --db " + db_path +
                               " PATH... (or set NEWSDEX_DB)");
  }
  if (!fs::is_directory(status)) {
    throw Error(db_path + ": not a database directory (check works on a glass database directory)");
  }
  CheckResult result;
  result.path = absolute_database_path(db_path);
  const fs::path dir(db_path);
  std::vector<std::string> tables;
  for (const char* t : kGlassTables) {
    if (fs::exists(dir / (std::string(t) + ".glass"), ec)) tables.push_back(t);
  }
  const bool columns_file = fs::exists(FacetColumns::path_for(db_path), ec);
  if (!fs::exists(dir / "iamglass", ec)) {
    if (tables.empty()) {
      throw DatabaseMissingError("no database at " + db_path + " (no iamglass and no glass tables in the directory)");
    }
    add_problem(result, "iamglass", "missing: Xapian cannot open a glass database without its version file");
    result.xapian_check = "not run (no iamglass)";
    result.facet_columns = columns_file ? "not checked" : "missing";
    return result;
  }

  const std::optional<Xapian::rev> before = revision_of(db_path);
  XapianCheck xapian = run_xapian_check(db_path);
  if (!xapian.cannot_run.empty()) {
    throw Error("cannot check the database at " + db_path + ": Xapian's check opens its tables read/write (" +
                xapian.cannot_run + ")");
  }
  result.xapian_check = xapian.summary;
  for (CheckProblem& p : xapian.problems) add_problem(result, std::move(p.where), std::move(p.what));
  if (result.problems.empty()) {
    try {
      check_content(db_path, result);
    } catch (const Xapian::Error& e) {
      add_problem(result, "database", "reading it: " + e.get_description());
    } catch (const std::bad_alloc&) {
      add_problem(result, "database", "reading it asked for more memory than there is (a damaged length)");
    } catch (const std::exception& e) {
      add_problem(result, "database", std::string("reading it: ") + e.what());
    }
  } else {
    result.facet_columns = columns_file ? "not checked (the tables are damaged)" : "missing";
  }
  const std::optional<Xapian::rev> after = revision_of(db_path);
  if (before && after && *before != *after) {
    throw Error(db_path + ": an indexer committed to the database while it was checked (revision " +
                std::to_string(*before) + " -> " + std::to_string(*after) + "); check it again when indexing is done");
  }
  return result;
}

int exit_code(const CheckResult& result) { return result.sound() ? kExitOk : kExitDamaged; }

std::optional<std::string> xapian_check_problem(const std::string& db_path) {
  XapianCheck xapian = run_xapian_check(db_path);
  if (xapian.problems.empty()) return std::nullopt;  // also when it could not run: the writer's open says why
  return xapian.problems.front().where + ": " + xapian.problems.front().what;
}

std::optional<std::string> xapian_check_problem_before_compaction(const std::string& db_path) {
  XapianCheck xapian = run_xapian_check(db_path, /*interruptible=*/true, "compact-checking");
  if (xapian.problems.empty()) return std::nullopt;
  return xapian.problems.front().where + ": " + xapian.problems.front().what;
}

void verify_before_writing(const std::string& db_path, std::string_view consequence) {
  if (std::optional<std::string> problem = xapian_check_problem(db_path)) {
    throw Error(damaged_database_message(db_path, *problem) + "; " + std::string(consequence));
  }
}

void verify_before_indexing(const std::string& db_path) {
  std::error_code ec;
  // A new database (a damaged one without iamglass: refuse_damaged_database).
  if (!fs::exists(fs::path(db_path) / "iamglass", ec)) return;
  try {
    if (Xapian::Database(db_path).get_doccount() == 0) return;
  } catch (const Xapian::Error&) {  // NOLINT(bugprone-empty-catch): the check below says what is wrong
  }
  const std::optional<Xapian::rev> before = revision_of(db_path);
  std::optional<std::string> problem = xapian_check_problem(db_path);
  if (!problem) return;
  const std::optional<Xapian::rev> after = revision_of(db_path);
  if (before && after && *before != *after) return;  // another writer committed meanwhile: no verdict
  throw Error(damaged_database_message(db_path, *problem) + "; nothing was indexed");
}

void verify_before_compaction(const std::string& db_path) {
  refuse_damaged_database(db_path);
  // Xapian's check runs in compact_database, under its lock.
}

void refuse_damaged_database(const std::string& db_path) {
  std::error_code ec;
  if (!fs::is_directory(db_path, ec)) return;
  if (!fs::exists(fs::path(db_path) / "iamglass", ec)) {
    for (const char* table : {"postlist.glass", "docdata.glass", "termlist.glass"}) {
      if (fs::exists(fs::path(db_path) / table, ec)) {
        throw Error(
            damaged_database_message(db_path, "its version file iamglass is missing, but its tables are there"));
      }
    }
    return;
  }
  try {
    Xapian::Database db(db_path);
    (void)db.get_metadata(std::string(schema::kMetaSchemaVersion));
    (void)db.get_doccount();
  } catch (const Xapian::DatabaseModifiedError&) {  // NOLINT(bugprone-empty-catch): a writer committed; not damage
  } catch (const Xapian::DatabaseOpeningError& e) {
    // iamglass is there, so a missing table file is damage (opening it for
    // writing would even create an empty table beside the others). Other
    // reasons (permissions) are for the caller's open to report.
    if (e.get_error_string() != nullptr && std::string_view(e.get_error_string()) == std::strerror(ENOENT)) {
      throw Error(damaged_database_message(db_path, e.get_description()));
    }
  } catch (const Xapian::DatabaseError& e) {
    throw Error(damaged_database_message(db_path, e.get_description()));
  }
}

}  // namespace newsdex::index
