// Article: the plain value type passed from the corpus reader through the
// document builder into the database, and read back by the searcher.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace newsdex {

struct Article {
  std::string id{};  // unique per database; derived from content when the input has none
  std::string title{};
  std::string body{};
  std::optional<std::int64_t> published_unix_s{};  // UTC; nullopt = undated
  std::string source{};                            // outlet, as shown ("Harbor Ledger")
  std::string url{};
  std::string author{};
  std::string lang{};  // ISO 639-1 ("en"); empty = default language
  // The entity extraction summary written by the indexer (compact JSON, laid
  // out in common/schema.h); empty on input, and when extraction was off.
  std::string entities_json{};
};

}  // namespace newsdex
