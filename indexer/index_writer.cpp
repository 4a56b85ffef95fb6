#include "indexer/index_writer.h"
#include "common/test_hook.h"

#include <cstdlib>
#include <sstream>
#include <vector>

#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"
#include "indexer/document_builder.h"

namespace newsdex::index {
namespace {

// The metadata list merged with `seen`: the languages already listed keep
// their order, new ones follow in sorted order.
std::string merge_languages(const std::string& listed, const std::set<std::string, std::less<>>& seen) {
  std::vector<std::string> languages;
  std::stringstream in(listed);
  for (std::string lang; std::getline(in, lang, ',');) {
    if (!lang.empty()) languages.push_back(lang);
  }
  std::set<std::string, std::less<>> known(languages.begin(), languages.end());
  for (const std::string& lang : seen) {
    if (!known.contains(lang)) languages.push_back(lang);
  }
  std::string out;
  for (const std::string& lang : languages) {
    if (!out.empty()) out += ',';
    out += lang;
  }
  return out;
}

}  // namespace

void IndexWriter::count_spellings(const Xapian::Document& doc, int sign) {
  // Once per word per article: the spelling table then holds document
  // frequencies, which is what ranks suggestions.
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (!schema::is_spelling_word(term)) continue;
    auto [entry, inserted] = spellings_.try_emplace(term, 0);
    entry->second += sign;
    if (inserted) uncommitted_bytes_ += 64 + term.size();
  }
}

// Xapian cancels every uncommitted change when a write fails, so a document
// it would refuse must be refused here first. The one refusal a built
// document can meet is a term over the glass limit.
void check_document_terms(const Xapian::Document& doc) {
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if ((*it).size() > schema::kMaxXapianTermBytes) {
      throw Xapian::InvalidArgumentError("term too long (over " + std::to_string(schema::kMaxXapianTermBytes) +
                                         " bytes): " + (*it).substr(0, 40) + "...");
    }
  }
}

namespace {

// Xapian's glass writer keeps the postings of the changes since its last
// flush in std::maps keyed by term and then by docid, and flushes them into
// its B-trees every XAPIAN_FLUSH_THRESHOLD documents (default 10,000; inside
// our transactions a flush does not commit). With 10,000 documents those maps
// outgrow the CPU caches and each posting costs a dozen cache misses (the
// hottest loop of a profile). On 9,000 Reuters articles, 1,000 took about a
// tenth less CPU for the whole run than 10,000, in alternating runs on a
// loaded machine (docs/performance.md). A value set by the user wins. Read by
// Xapian when the database is opened, hence set before.
Xapian::WritableDatabase open_with_flush_threshold(const std::string& db_path) {
  ::setenv("XAPIAN_FLUSH_THRESHOLD", "1000", /*overwrite=*/0);
  return open_database_for_writing(db_path);
}

// options.min_commit_interval, unless NEWSDEX_TEST_MIN_COMMIT_INTERVAL_MS
// overrides it (see IndexWriterOptions).
IndexWriterOptions with_test_overrides(IndexWriterOptions options) {
  if (const char* ms = std::getenv("NEWSDEX_TEST_MIN_COMMIT_INTERVAL_MS"); ms != nullptr && *ms != '\0') {
    options.min_commit_interval = std::chrono::milliseconds(std::strtoll(ms, nullptr, 10));
  }
  return options;
}

}  // namespace

IndexWriter::IndexWriter(const std::string& db_path, IndexWriterOptions options)
    : options_(with_test_overrides(options)),
      db_(open_with_flush_threshold(db_path)),
      clusters_(options.assign_clusters ? std::make_unique<ClusterAssigner>(db_) : nullptr) {
  recorded_languages_ = db_.get_metadata(std::string(schema::kMetaLanguages));
}

IndexWriter::~IndexWriter() {
  try {
    if (uncommitted_ > 0) commit();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

IndexWriter::Outcome IndexWriter::write(const Article& article, Xapian::Document doc, Existing existing) {
  std::string id_term = std::string(schema::kPrefixId) + article.id;
  if (clusters_) {
    std::string cluster = article.id;
    if (std::optional<Fingerprint> fp = deserialise_fingerprint(doc.get_value(schema::kSlotFingerprint))) {
      cluster = clusters_->assign(article.id, *fp, article.published_unix_s);
    }
    add_cluster(doc, cluster);
  }
  check_document_terms(doc);
  if (!in_transaction_) {
    db_.begin_transaction(/*flushed=*/true);
    in_transaction_ = true;
  }
  // A writable database answers term_exists() with its uncommitted changes
  // included, so an id repeated within one run counts as replaced too.
  bool existed = existing == Existing::kYes || (existing == Existing::kUnknown && db_.term_exists(id_term));
  if (existing == Existing::kNo) {
    db_.add_document(doc);
  } else {
    // The replaced article's words leave the spelling table (its share was
    // added when it was indexed, in this batch or an earlier one).
    if (existed) {
      for (auto it = db_.postlist_begin(id_term); it != db_.postlist_end(id_term); ++it) {
        count_spellings(db_.get_document(*it), -1);
      }
    }
    db_.replace_document(id_term, doc);
  }
  count_spellings(doc, +1);
  languages_.insert(article.lang.empty() ? "en" : article.lang);
  Outcome outcome = existed ? Outcome::kReplaced : Outcome::kAdded;
  ++(existed ? replaced_ : added_);
  uncommitted_bytes_ += doc.get_data().size() + 150 * static_cast<std::uint64_t>(doc.termlist_count());
  ++uncommitted_;
  bool batch_done = uncommitted_ % options_.documents_per_commit == 0 &&
                    std::chrono::steady_clock::now() - last_commit_ >= options_.min_commit_interval;
  if (batch_done || uncommitted_bytes_ >= options_.uncommitted_bytes_limit) commit();
  return outcome;
}

void IndexWriter::close() {
  commit();
  try {
    db_.close();
  } catch (const Xapian::Error& e) {
    throw Error("cannot close the database: " + e.get_description());
  }
}

void IndexWriter::commit() {
  try {
    for (const auto& [word, delta] : spellings_) {
      if (delta > 0) db_.add_spelling(word, static_cast<Xapian::termcount>(delta));
      if (delta < 0) db_.remove_spelling(word, static_cast<Xapian::termcount>(-delta));
    }
    spellings_.clear();
    std::string languages = merge_languages(recorded_languages_, languages_);
    if (languages != recorded_languages_) {
      db_.set_metadata(std::string(schema::kMetaLanguages), languages);
      recorded_languages_ = languages;
    }
    if (in_transaction_) {
      in_transaction_ = false;
      db_.commit_transaction();
    } else {
      db_.commit();
    }
    uncommitted_ = 0;
    uncommitted_bytes_ = 0;
    ++commits_;
    last_commit_ = std::chrono::steady_clock::now();
    test_hook("commit");
  } catch (const Xapian::Error& e) {
    throw Error("cannot commit to the database: " + e.get_description());
  }
}

}  // namespace newsdex::index
