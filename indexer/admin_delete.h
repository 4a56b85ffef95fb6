// `newsdex-index delete`: removing articles by id, all of them or none, and
// their words from the spelling table.
// Thread safety: shares no state; the database lock serialises
// delete_articles against compaction and the indexer.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace newsdex::index {

// Exit status of `delete` when some ids were not in the database (the others
// were deleted). 0 and 2 mean what they mean for indexing (indexer.h).
inline constexpr int kExitIdsNotFound = 1;

struct DeleteResult {
  std::string db_path;
  std::vector<std::string> deleted;    // in the order given, each once
  std::vector<std::string> not_found;  // in the order given, each once
};

// The ids of `in`, one per line: surrounding white space (and a CR) trimmed,
// blank lines skipped.
std::vector<std::string> read_ids(std::istream& in);

// Deletes the articles with these ids (term Q<id>) from the database at
// `db_path` and commits once: all of them or, on an error, none. Also takes
// each deleted article's words out of the spelling table, as many times as
// indexing put them in, so "did you mean" stops suggesting words no article
// holds. Repeated ids count once. Throws DatabaseMissingError when there is
// no database (one is never created), and Error when it is locked by an
// indexer ("database is locked by another indexer"), has another schema
// version, or the commit fails.
DeleteResult delete_articles(const std::string& db_path, const std::vector<std::string>& ids);

// "deleted 2 articles from DB" and, when some were not found,
// "; 1 id not found: x" (every such id named, comma-separated).
std::string format_delete_result(const DeleteResult& result);

// 0 when every id was found, kExitIdsNotFound otherwise.
int exit_code(const DeleteResult& result);

}  // namespace newsdex::index
