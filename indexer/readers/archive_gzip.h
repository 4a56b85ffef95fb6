// Streaming gzip decompression (zlib inside the .cpp) of one or more
// concatenated gzip members, as .gz files and WARC files with one member per
// record hold them. A damaged member costs only itself: the stream resumes at
// the next member header after it. Thread safety: one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "indexer/input_stream.h"

namespace newsdex::readers {

// True when `bytes` start like a gzip member: 1f 8b, method 8 (deflate).
bool is_gzip_member_start(std::string_view bytes);

// Decompresses the gzip data of `compressed` as it is read (never the whole
// stream in memory). read() throws index::DamagedInputError, each time only
// after every byte decoded before the damage was returned:
// - corrupt data (a bad header, deflate data or CRC): the next read() resumes
//   at the next gzip member found after the damage, skipping what lies between;
// - data cut short inside a member: the stream ends there (reads return 0);
// - bytes after a member that start no member (trailing zero bytes, as tape
//   padding leaves them, are ignored): the next read() resumes at the next
//   member found, if any.
// The message says which, and at which byte of the compressed data.
// bytes_consumed() is the compressed bytes read from `compressed`.
std::unique_ptr<index::InputStream> open_gzip_stream(std::unique_ptr<index::InputStream> compressed);

// Up to `max_bytes` of the decompressed start of the gzip data `head` (the
// first bytes of a gzip file), for sniffing what it holds. Never throws: damage
// or the end of `head` just ends the result.
std::string gunzip_head(std::string_view head, std::size_t max_bytes);

}  // namespace newsdex::readers
