#include "indexer/index_writer.h"

#include <sstream>
#include <vector>

#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"

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

// Words worth suggesting: unprefixed terms (lower-case or non-ASCII first
// byte; prefixes are upper-case) of letters only, 3-30 bytes.
bool is_spelling_word(const std::string& term) {
  if (term.size() < 3 || term.size() > 30) return false;
  auto first = static_cast<unsigned char>(term.front());
  if (first >= 'A' && first <= 'Z') return false;
  for (char c : term) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !(u >= 'a' && u <= 'z')) return false;
  }
  return true;
}

}  // namespace

void IndexWriter::add_spellings(const Xapian::Document& doc) {
  // Once per word per article: the spelling table then holds document
  // frequencies, which is what ranks suggestions.
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (is_spelling_word(term)) db_.add_spelling(term);
  }
}

IndexWriter::IndexWriter(const std::string& db_path, IndexWriterOptions options)
    : options_(options),
      db_(open_database_for_writing(db_path)),
      clusters_(std::make_unique<ClusterAssigner>(db_)) {
  recorded_languages_ = db_.get_metadata(std::string(schema::kMetaLanguages));
}

IndexWriter::~IndexWriter() {
  try {
    if (uncommitted_ > 0) commit();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

IndexWriter::Outcome IndexWriter::write(const Article& article, Xapian::Document doc) {
  std::string id_term = std::string(schema::kPrefixId) + article.id;
  std::string cluster = article.id;
  if (std::optional<Fingerprint> fp = deserialise_fingerprint(doc.get_value(schema::kSlotFingerprint))) {
    cluster = clusters_->assign(article.id, *fp, article.published_unix_s);
  }
  doc.add_value(schema::kSlotCluster, cluster);
  doc.add_boolean_term(std::string(schema::kPrefixCluster) + cluster);
  // A writable database answers term_exists() with its uncommitted changes
  // included, so an id repeated within one run counts as replaced too.
  bool existed = db_.term_exists(id_term);
  db_.replace_document(id_term, doc);
  add_spellings(doc);
  languages_.insert(article.lang.empty() ? "en" : article.lang);
  Outcome outcome = existed ? Outcome::kReplaced : Outcome::kAdded;
  ++(existed ? replaced_ : added_);
  if (++uncommitted_ >= options_.documents_per_commit) commit();
  return outcome;
}

void IndexWriter::commit() {
  try {
    std::string languages = merge_languages(recorded_languages_, languages_);
    if (languages != recorded_languages_) {
      db_.set_metadata(std::string(schema::kMetaLanguages), languages);
      recorded_languages_ = languages;
    }
    db_.commit();
    uncommitted_ = 0;
  } catch (const Xapian::Error& e) {
    throw Error("cannot commit to the database: " + e.get_description());
  }
}

}  // namespace newsdex::index
