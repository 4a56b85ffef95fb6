// Content hashes of articles: the id of an article whose input has none, and
// the re-index check stored in value slot schema::kSlotContentHash.
// Both are stored in databases: the function and field order must not change.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/article.h"

namespace newsdex::index {

// 64-bit FNV-1a, continuing from `state` (the offset basis by default), so a
// hash over several pieces is fnv1a_64(b, fnv1a_64(a)). Chosen because it is
// tiny and stable across platforms and releases; it is not collision-resistant
// against an adversary, which ids of a news archive need not be.
inline constexpr std::uint64_t kFnv1aOffsetBasis = 14695981039346656037ULL;
std::uint64_t fnv1a_64(std::string_view bytes, std::uint64_t state = kFnv1aOffsetBasis);

// 16 lower-case hex digits, zero-padded.
std::string to_hex16(std::uint64_t value);

// The id of an article without one: "h" + to_hex16(fnv1a_64(title + "\n" + body)).
// Same text, same id, so re-indexing the same file replaces, never duplicates.
std::string id_from_content(std::string_view title, std::string_view body);

// to_hex16 of fnv1a_64 over title, body, published (decimal unix seconds, ""
// when undated), source, url, author and lang, joined by "\n". The id is left
// out: the hash says whether the indexed content changed.
std::string content_hash(const Article& article);

}  // namespace newsdex::index
