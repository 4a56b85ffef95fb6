// Reading a JSON file that is not JSON Lines: one top-level array of
// records ("[{...}, {...}]", as scrapers and dataset dumps write it), or
// one or more top-level values written over several lines (news-please's
// one pretty-printed object per file). The reader only finds where each
// record starts and ends (strings, escapes and nesting of {} and []); the
// records themselves are parsed by the JSON Lines record parser, so a record
// means the same whatever file it comes in. Memory is bounded by the largest
// record it returns: a longer one is read past, never held.
// Thread safety: one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "indexer/input_stream.h"

namespace newsdex::index {

// True when a JSON input whose first bytes are `head` is not JSON Lines: its
// first value (after a byte order mark and white space) is an array, or an
// object that does not end on its first line. A head that ends before the
// first line does is taken for JSON Lines.
bool is_json_document(std::string_view head);

// One record of a JSON document: an element of the top-level array, or a
// top-level value.
struct JsonValue {
  std::string text;        // the value's bytes, as written; empty when oversize
  std::uint64_t line = 0;  // line of its first byte (1-based)
  bool oversize = false;   // longer than the reader's max_bytes: read past, not kept
};

class JsonValueReader {
 public:
  // Values of at most `max_bytes` bytes are returned whole. Requires max_bytes >= 1.
  JsonValueReader(std::unique_ptr<InputStream> stream, std::size_t max_bytes);

  // The next record; nullopt at the end of the input. A top-level array is
  // opened, and its elements are the records; commas between them are
  // skipped. A value the input ends inside, or a stray closing bracket, is
  // returned as written for the record parser to report. Rethrows the
  // stream's exception (newsdex::Error, DamagedInputError) once the records
  // completed before the failure have been returned.
  std::optional<JsonValue> next();

  // True once the input ended inside the top-level array (its "]" missing).
  bool array_unclosed() const { return array_unclosed_; }
  // Line of the last byte read (1-based).
  std::uint64_t line() const { return line_; }

 private:
  // The byte at the read position, reading more when needed; -1 at the end.
  int peek();
  // Consumes the byte at the read position (counting lines) and keeps it in
  // `out` unless oversize.
  void take(JsonValue& out);

  std::unique_ptr<InputStream> stream_;
  std::size_t max_bytes_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  bool started_ = false;   // the byte order mark check is done
  bool in_array_ = false;  // inside the top-level array
  bool array_unclosed_ = false;
  std::uint64_t line_ = 1;
};

}  // namespace newsdex::index
