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

}  // namespace

IndexWriter::IndexWriter(const std::string& db_path, IndexWriterOptions options)
    : options_(options), db_(open_database_for_writing(db_path)) {
  recorded_languages_ = db_.get_metadata(std::string(schema::kMetaLanguages));
}

IndexWriter::~IndexWriter() {
  try {
    if (uncommitted_ > 0) commit();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

IndexWriter::Outcome IndexWriter::write(const Article& article, const Xapian::Document& doc) {
  std::string id_term = std::string(schema::kPrefixId) + article.id;
  // A writable database answers term_exists() with its uncommitted changes
  // included, so an id repeated within one run counts as replaced too.
  bool existed = db_.term_exists(id_term);
  db_.replace_document(id_term, doc);
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
