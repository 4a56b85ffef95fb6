// The stored form of an article in a Xapian document's data: the fields the
// searcher needs for printing and snippets, so it needs nothing but the database.
//
// Format (must not change without a schema version bump; new tags may be added):
//   data    := zstd_frame(payload)
//   payload := version:u8 (= 1) field*
//   field   := tag:varint length:varint bytes[length]
//   tags    : 1 id, 2 title, 3 body, 4 published (zigzag varint, unix seconds),
//             5 source, 6 url, 7 author, 8 lang, 9 entities_json
// Unknown tags are skipped on decode, so a newer writer can add fields that an
// older reader ignores. Varints are LEB128 (7 bits a byte, low bits first).
#pragma once

#include <string>
#include <string_view>

#include "common/article.h"

namespace newsdex::compression {

// Compresses `payload` into one zstd frame. Throws newsdex::Error on failure.
std::string zstd_compress(std::string_view payload, int level = 3);
// Decompresses one zstd frame (content size must be in the header, as ours is).
// Throws newsdex::Error on a corrupt or truncated frame, and on one claiming
// more content than its blocks can hold (nothing is allocated for that).
std::string zstd_decompress(std::string_view frame);

// Article -> document data.
std::string encode_article(const Article& article);
// Document data -> Article. Throws newsdex::Error on corrupt data, including
// text fields that are not valid UTF-8.
Article decode_article(std::string_view data);

}  // namespace newsdex::compression
