// `newsdex-index delete` (indexer/admin_delete.h).
#include "indexer/admin_delete.h"

#include <set>
#include <string_view>

#include <xapian.h>

#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"
#include "indexer/admin_check.h"
#include "indexer/admin_common.h"

namespace newsdex::index {

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
      if (!id.empty() && id_term.size() <= schema::kMaxXapianTermBytes) {
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
        // this article's share back out, by the same rule.
        Xapian::Document doc = db.get_document(docid);
        const Xapian::termcount terms = doc.termlist_count();
        Xapian::termcount terms_seen = 0;
        for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
          if (++terms_seen > terms) {
            throw Xapian::DatabaseCorruptError("the term list of document " + std::to_string(docid) +
                                               " is longer than it says");
          }
          const std::string& t = *term;
          if (schema::is_spelling_word(t)) db.remove_spelling(t);
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
  std::string out =
      "deleted " + format_counted(result.deleted.size(), "article", "articles") + " from " + result.db_path;
  if (!result.not_found.empty()) {
    out += "; " + format_counted(result.not_found.size(), "id", "ids") + " not found: ";
    for (std::size_t i = 0; i < result.not_found.size(); ++i) out += (i > 0 ? ", " : "") + result.not_found[i];
  }
  return out;
}

int exit_code(const DeleteResult& result) { return result.not_found.empty() ? 0 : kExitIdsNotFound; }

}  // namespace newsdex::index
