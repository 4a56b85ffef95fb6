// stats and delete (compaction is in admin_compact.cpp, check in
// admin_check.cpp), and the helpers they share.
#include "indexer/admin.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <map>
#include <new>
#include <set>
#include <sstream>
#include <stdexcept>

#include "common/database.h"
#include "common/dates.h"
#include "common/error.h"
#include "common/facet_columns.h"
#include "common/format.h"
#include "common/schema.h"
#include "common/terminal_text.h"
#include "indexer/indexer.h"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

// Xapian refuses terms longer than this; the id term is "Q" + id.
constexpr std::size_t kXapianMaxTermBytes = 245;

std::string absolute_path(const std::string& path) {
  fs::path p = fs::absolute(fs::path(path)).lexically_normal();
  if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();  // "db/" -> "db"
  return p.string();
}

std::string counted(std::uint64_t n, std::string_view singular, std::string_view plural) {
  return format_count(n) + " " + std::string(n == 1 ? singular : plural);
}

std::string pad_right(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string pad_left(const std::string& text, std::size_t width) {
  return text.size() < width ? std::string(width - text.size(), ' ') + text : text;
}

// The value in `slot` of the first document (by `reverse`: last) in value
// order among those that have one; "" when none has.
std::string extreme_value(const Xapian::Database& db, Xapian::valueno slot, bool last) {
  Xapian::Enquire enquire(db);
  // Every document with a value in the slot: all values are >= the lower bound.
  enquire.set_query(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, db.get_value_lower_bound(slot)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(slot, last);
  Xapian::MSet mset = enquire.get_mset(0, 1);
  return mset.empty() ? std::string() : mset.begin().get_document().get_value(slot);
}

// True when some document has exactly `value` in `slot`.
bool value_present(const Xapian::Database& db, Xapian::valueno slot, const std::string& value) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, value, value));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

// The least (or greatest) value of `slot` over the documents. Xapian's slot
// bounds are exact after additions but not after deletions (a deleted
// article's date stays the bound), so a bound no document has is recomputed
// by sorting on the slot.
std::string exact_bound(const Xapian::Database& db, Xapian::valueno slot, bool upper) {
  std::string bound = upper ? db.get_value_upper_bound(slot) : db.get_value_lower_bound(slot);
  if (bound.empty() || value_present(db, slot, bound)) return bound;
  return extreme_value(db, slot, upper);
}

std::int64_t unix_seconds(const std::string& sortable) {
  return static_cast<std::int64_t>(Xapian::sortable_unserialise(sortable));
}

// Calls visit(value, termfreq) for every term prefix + value in use (a term
// no document holds any more is left out).
template <typename Visit>
void for_each_prefixed_term(const Xapian::Database& db, std::string_view prefix, Visit visit) {
  const std::string p(prefix);
  for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
    if (it.get_termfreq() > 0) visit((*it).substr(p.size()), it.get_termfreq());
  }
}

// The one line a fatal signal prints (set before the work starts): the
// handler may only write it and exit, as the heap may be what is broken.
struct FatalMessage {
  std::string before;  // up to the signal's name
  std::string after;
  int status = 2;
};
FatalMessage* fatal_message = nullptr;

[[maybe_unused]] void on_fatal_signal(int signo) {
  const char* name = signo == SIGSEGV ? "SIGSEGV (invalid memory access)"
                     : signo == SIGBUS ? "SIGBUS (bad memory access)"
                     : signo == SIGABRT ? "SIGABRT (abort, e.g. on a corrupted heap)"
                     : signo == SIGFPE ? "SIGFPE (arithmetic error)"
                                       : "SIGILL (illegal instruction)";
  if (fatal_message != nullptr) {
    (void)!::write(STDERR_FILENO, fatal_message->before.data(), fatal_message->before.size());
    (void)!::write(STDERR_FILENO, name, std::strlen(name));
    (void)!::write(STDERR_FILENO, fatal_message->after.data(), fatal_message->after.size());
    ::_exit(fatal_message->status);
  }
  ::_exit(kExitFatal);
}

}  // namespace

std::uint64_t directory_bytes(const std::string& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    std::error_code size_ec;
    if (entry.is_regular_file(size_ec)) {
      std::uintmax_t size = entry.file_size(size_ec);
      if (!size_ec) total += size;
    }
  }
  return total;
}

std::string format_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(kUnits)) {
    value /= 1024.0;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s", value, kUnits[unit]);
  return buf;
}

// ---- stats

namespace {

// Attempts at reading the statistics when the database moves on under the
// reader: Xapian throws DatabaseModifiedError once an indexer has committed
// twice since it opened, and a reopen reads the new revision. The same error
// every time means a block claims a revision newer than the database's.
constexpr int kStatsAttempts = 5;

DatabaseStats collect_stats_once(const std::string& db_path) {
  Xapian::Database db = open_database_for_reading(db_path);
  DatabaseStats stats;
  stats.path = absolute_path(db_path);
  {
    std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
    if (!version.empty()) stats.schema_version = std::stoi(version);  // checked by open_database_for_reading
    stats.revision = db.get_revision();
    stats.articles = db.get_doccount();
    if (FacetColumns::open(db_path, db)) {
      stats.facet_columns = "current";
    } else {
      std::error_code exists_ec;
      stats.facet_columns = fs::exists(FacetColumns::path_for(db_path), exists_ec) ? "stale" : "missing";
    }

    for_each_prefixed_term(db, schema::kPrefixCluster, [&](const std::string&, Xapian::doccount) { ++stats.stories; });

    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(stats.path, ec)) {
      std::error_code size_ec;
      if (!entry.is_regular_file(size_ec)) continue;
      std::uintmax_t size = entry.file_size(size_ec);
      if (size_ec) continue;
      stats.files.push_back({entry.path().filename().string(), size});
      stats.total_bytes += size;
    }
    std::sort(stats.files.begin(), stats.files.end(), [](const DatabaseFile& a, const DatabaseFile& b) {
      return a.bytes != b.bytes ? a.bytes > b.bytes : a.name < b.name;
    });

    stats.dated_articles = db.get_value_freq(schema::kSlotPublished);
    if (stats.dated_articles > 0) {
      std::string first = exact_bound(db, schema::kSlotPublished, false);
      std::string last = exact_bound(db, schema::kSlotPublished, true);
      if (!first.empty()) stats.first_published = unix_seconds(first);
      if (!last.empty()) stats.last_published = unix_seconds(last);
    }

    std::map<std::string, Xapian::doccount> language_counts;
    for_each_prefixed_term(db, schema::kPrefixLang,
                           [&](const std::string& code, Xapian::doccount n) { language_counts[code] = n; });
    std::set<std::string> listed;
    std::stringstream metadata(db.get_metadata(std::string(schema::kMetaLanguages)));
    for (std::string code; std::getline(metadata, code, ',');) {
      if (code.empty() || !listed.insert(code).second) continue;
      auto it = language_counts.find(code);
      stats.languages.push_back({code, it == language_counts.end() ? 0 : it->second});
    }
    for (const auto& [code, n] : language_counts) {
      if (!listed.contains(code)) stats.languages.push_back({code, n});
    }

    Xapian::doccount with_source = 0;
    for_each_prefixed_term(db, schema::kPrefixSource, [&](const std::string& value, Xapian::doccount n) {
      std::string term = std::string(schema::kPrefixSource) + value;
      Xapian::PostingIterator first = db.postlist_begin(term);
      std::string name = first == db.postlist_end(term) ? value : db.get_document(*first).get_value(schema::kSlotSource);
      stats.sources.push_back({name.empty() ? value : name, value, n});
      with_source += n;
    });
    std::stable_sort(stats.sources.begin(), stats.sources.end(),
                     [](const SourceCount& a, const SourceCount& b) { return a.articles > b.articles; });
    stats.articles_without_source = stats.articles > with_source ? stats.articles - with_source : 0;
  }
  return stats;
}

}  // namespace

DatabaseStats collect_stats(const std::string& db_path) {
  refuse_damaged_database(db_path);
  for (int attempt = 1;; ++attempt) {
    try {
      return collect_stats_once(db_path);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= kStatsAttempts) {
        throw Error(damaged_database_message(db_path, e.get_description() + " (" + std::to_string(attempt) +
                                                          " times in a row, so not an indexer's commit)"));
      }
    } catch (const Xapian::Error& e) {
      throw Error(damaged_database_message(db_path, e.get_description()));
    } catch (const std::bad_alloc&) {
      throw Error(damaged_database_message(db_path, "reading it asked for more memory than there is"));
    } catch (const std::length_error& e) {
      throw Error(damaged_database_message(db_path, std::string("a length in it is impossible: ") + e.what()));
    }
  }
}

std::string format_stats(const DatabaseStats& stats, std::size_t top_sources) {
  constexpr std::size_t kLabel = 16;
  // Names come from articles (sources) and the user (the path): made safe to
  // print (common/terminal_text.h), so a hostile source cannot drive the terminal.
  auto safe = [](const std::string& text) { return sanitize_terminal_text(text, LineBreaks::kSpace); };
  auto exact = [](const std::string& text) { return sanitize_terminal_text(text, LineBreaks::kEscape); };
  std::string out;
  auto line = [&](std::string_view label, const std::string& value) {
    out += pad_right(std::string(label), kLabel) + value + "\n";
  };
  line("database", exact(stats.path));
  line("schema version", stats.schema_version ? std::to_string(*stats.schema_version) : "none (empty database)");
  line("revision", std::to_string(stats.revision));
  line("articles", format_count(stats.articles));
  line("stories", format_count(stats.stories) + " (near-duplicate clusters)");
  if (stats.first_published && stats.last_published) {
    line("published", dates::format_date(*stats.first_published) + " to " + dates::format_date(*stats.last_published) +
                          " (" + format_count(stats.dated_articles) + " dated, " +
                          format_count(stats.articles - stats.dated_articles) + " undated)");
  } else {
    line("published", "none (no article has a date)");
  }
  std::string languages;
  for (const LanguageCount& lang : stats.languages) {
    if (!languages.empty()) languages += ", ";
    languages += exact(lang.code) + " " + format_count(lang.articles);
  }
  line("languages", languages.empty() ? "none recorded" : languages);

  line("facet columns", stats.facet_columns == "current"
                           ? std::string("current")
                           : stats.facet_columns + " (facet counts read the slots; the next indexing run or `compact` writes them)");
  line("size", format_count(stats.total_bytes) + " bytes (" + format_bytes(stats.total_bytes) + ")");
  // Indented rows: name column as wide as the longest name, counts right-aligned.
  auto rows = [&](const std::vector<std::pair<std::string, std::string>>& items) {
    std::size_t name_width = 0, value_width = 0;
    for (const auto& [name, value] : items) {
      name_width = std::max(name_width, name.size());
      value_width = std::max(value_width, value.size());
    }
    for (const auto& [name, value] : items) out += "  " + pad_right(name, name_width) + "  " + pad_left(value, value_width) + "\n";
  };
  std::vector<std::pair<std::string, std::string>> file_rows;
  for (const DatabaseFile& file : stats.files) file_rows.emplace_back(exact(file.name), format_count(file.bytes));
  rows(file_rows);

  std::size_t shown = top_sources == 0 ? stats.sources.size() : std::min(top_sources, stats.sources.size());
  std::string heading = counted(stats.sources.size(), "outlet", "outlets");
  if (shown < stats.sources.size()) heading += ", top " + std::to_string(shown);
  line("sources", heading);
  std::vector<std::pair<std::string, std::string>> source_rows;
  for (std::size_t i = 0; i < shown; ++i) {
    source_rows.emplace_back(safe(stats.sources[i].name), format_count(stats.sources[i].articles));
  }
  if (stats.articles_without_source > 0) {
    source_rows.emplace_back("(no source)", format_count(stats.articles_without_source));
  }
  rows(source_rows);
  return out;
}

nlohmann::ordered_json stats_json(const DatabaseStats& stats) {
  nlohmann::ordered_json j;
  j["format_version"] = kStatsFormatVersion;
  j["database"] = stats.path;
  j["schema_version"] = stats.schema_version ? nlohmann::ordered_json(*stats.schema_version) : nullptr;
  j["revision"] = stats.revision;
  j["articles"] = stats.articles;
  j["stories"] = stats.stories;
  nlohmann::ordered_json published;
  published["dated_articles"] = stats.dated_articles;
  published["first"] = stats.first_published ? nlohmann::ordered_json(dates::format_datetime(*stats.first_published)) : nullptr;
  published["last"] = stats.last_published ? nlohmann::ordered_json(dates::format_datetime(*stats.last_published)) : nullptr;
  j["published"] = published;
  j["languages"] = nlohmann::ordered_json::array();
  for (const LanguageCount& lang : stats.languages) j["languages"].push_back({{"code", lang.code}, {"articles", lang.articles}});
  j["facet_columns"] = stats.facet_columns;
  nlohmann::ordered_json size;
  size["total_bytes"] = stats.total_bytes;
  size["files"] = nlohmann::ordered_json::array();
  for (const DatabaseFile& file : stats.files) size["files"].push_back({{"name", file.name}, {"bytes", file.bytes}});
  j["size"] = size;
  j["sources"] = nlohmann::ordered_json::array();
  for (const SourceCount& source : stats.sources) {
    j["sources"].push_back({{"name", source.name}, {"term", source.term}, {"articles", source.articles}});
  }
  j["articles_without_source"] = stats.articles_without_source;
  return j;
}

// ---- delete

std::vector<std::string> read_ids(std::istream& in) {
  std::vector<std::string> ids;
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  for (std::string line; std::getline(in, line);) {
    std::size_t begin = line.find_first_not_of(kSpace);
    if (begin == std::string::npos) continue;
    std::size_t end = line.find_last_not_of(kSpace);
    ids.push_back(line.substr(begin, end - begin + 1));
  }
  return ids;
}

DeleteResult delete_articles(const std::string& db_path, const std::vector<std::string>& ids) {
  refuse_damaged_database(db_path);
  Xapian::WritableDatabase db = open_existing_database_for_writing(db_path);
  // Holding the lock, so no commit can come between the check and the delete.
  verify_before_writing(db_path, "nothing was deleted");
  DeleteResult result;
  result.db_path = db_path;
  try {
    // A transaction, so that an error half-way deletes nothing: the
    // WritableDatabase destructor would otherwise commit what was done.
    db.begin_transaction();
    std::set<std::string, std::less<>> seen;
    for (const std::string& id : ids) {
      if (!seen.insert(id).second) continue;
      std::string id_term = std::string(schema::kPrefixId) + id;
      std::vector<Xapian::docid> docids;
      if (!id.empty() && id_term.size() <= kXapianMaxTermBytes) {
        // Bounded by the document count: an id term is on one document (two
        // after an interrupted replace at most), never on more than there are.
        for (auto it = db.postlist_begin(id_term); it != db.postlist_end(id_term); ++it) {
          if (docids.size() >= db.get_doccount()) {
            throw Xapian::DatabaseCorruptError("the posting list of " + id_term + " is longer than the database");
          }
          docids.push_back(*it);
        }
      }
      if (docids.empty()) {
        result.not_found.push_back(id);
        continue;
      }
      for (Xapian::docid docid : docids) {
        // The index writer added each spelling word once per article; take
        // this article's share back out (a word never added is a no-op).
        // Prefixed terms start with an upper-case ASCII letter, words never do.
        Xapian::Document doc = db.get_document(docid);
        const Xapian::termcount terms = doc.termlist_count();
        Xapian::termcount terms_seen = 0;
        for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
          if (++terms_seen > terms) {
            throw Xapian::DatabaseCorruptError("the term list of document " + std::to_string(docid) +
                                               " is longer than it says");
          }
          const std::string& t = *term;
          if (!t.empty() && !(t.front() >= 'A' && t.front() <= 'Z')) db.remove_spelling(t);
        }
        db.delete_document(docid);
      }
      result.deleted.push_back(id);
    }
    db.commit_transaction();
  } catch (const Xapian::Error& e) {
    try {
      db.cancel_transaction();
    } catch (const Xapian::Error&) {  // NOLINT(bugprone-empty-catch): not in a transaction any more
    }
    throw Error(damaged_database_message(db_path, e.get_description()) + "; nothing was deleted");
  } catch (const std::exception& e) {  // std::bad_alloc, std::length_error on impossible lengths
    try {
      db.cancel_transaction();
    } catch (const Xapian::Error&) {  // NOLINT(bugprone-empty-catch): not in a transaction any more
    }
    throw Error(damaged_database_message(db_path, std::string("reading it failed: ") + e.what()) +
                "; nothing was deleted");
  }
  return result;
}

std::string format_delete_result(const DeleteResult& result) {
  std::string out = "deleted " + counted(result.deleted.size(), "article", "articles") + " from " + result.db_path;
  if (!result.not_found.empty()) {
    out += "; " + counted(result.not_found.size(), "id", "ids") + " not found: ";
    for (std::size_t i = 0; i < result.not_found.size(); ++i) out += (i > 0 ? ", " : "") + result.not_found[i];
  }
  return out;
}

int exit_code(const DeleteResult& result) { return result.not_found.empty() ? 0 : kExitIdsNotFound; }

bool refresh_facet_columns(const std::string& db_path, std::ostream& diagnostics) {
  try {
    return FacetColumns::refresh(db_path);
  } catch (const Error& e) {
    diagnostics << "newsdex-index: warning: " << e.what() << " (facet counts read the slots instead)\n";
  } catch (const Xapian::Error& e) {
    diagnostics << "newsdex-index: warning: facet columns of " << db_path << ": " << e.get_description()
                << " (facet counts read the slots instead)\n";
  } catch (const std::exception& e) {  // std::bad_alloc for the columns of a damaged last document id
    diagnostics << "newsdex-index: warning: facet columns of " << db_path << ": " << e.what()
                << " (facet counts read the slots instead)\n";
  }
  return false;
}

std::string damaged_database_message(const std::string& db_path, const std::string& detail) {
  return "the database at " + db_path + " is damaged (" + detail + "); run `newsdex-index check --db " + db_path +
         "` for a full report, and re-index into a new database (newsdex-index --db NEWDIR PATH...)";
}

void refuse_damaged_database(const std::string& db_path) {
  std::error_code ec;
  if (!fs::is_directory(db_path, ec)) return;
  if (!fs::exists(fs::path(db_path) / "iamglass", ec)) {
    for (const char* table : {"postlist.glass", "docdata.glass", "termlist.glass"}) {
      if (fs::exists(fs::path(db_path) / table, ec)) {
        throw Error(damaged_database_message(db_path, "its version file iamglass is missing, but its tables are there"));
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

void print_on_fatal_signal(std::string before, std::string after, int status) {
#if defined(__SANITIZE_ADDRESS__)
  // Sanitizer builds: the sanitizer's own report says more.
  (void)before, (void)after, (void)status;
#else
  delete fatal_message;
  fatal_message = new FatalMessage{std::move(before), std::move(after), status};
  static char alternate_stack[1 << 16];  // a stack overflow must not stop the message
  stack_t ss{};
  ss.ss_sp = alternate_stack;
  ss.ss_size = sizeof alternate_stack;
  ::sigaltstack(&ss, nullptr);
  struct sigaction action {};
  action.sa_handler = on_fatal_signal;
  action.sa_flags = static_cast<int>(SA_ONSTACK | SA_RESETHAND);
  sigemptyset(&action.sa_mask);
  for (int signo : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL}) ::sigaction(signo, &action, nullptr);
#endif
}

}  // namespace newsdex::index
