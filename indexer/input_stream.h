// Byte streams the corpus reader pulls from: a file or standard input, and
// streaming zstd decompression on top of one (never the whole file in
// memory). Which decompressor a file needs is decided by its magic bytes, in
// readers/archive_reader.h, which reads every input.
// Thread safety: a stream is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/error.h"

namespace newsdex::index {

// Thrown by compressed streams whose data is corrupt or cut short, as opposed
// to a plain Error for a failing read().
class DamagedInputError : public Error {
 public:
  using Error::Error;
};

class InputStream {
 public:
  virtual ~InputStream() = default;

  // Reads up to buffer.size() bytes into buffer; returns how many, 0 only at
  // the end of the input (or once an interrupt was requested while waiting).
  // Throws newsdex::Error on a read failure and DamagedInputError on corrupt
  // or truncated compressed data; bytes returned before either stay valid.
  virtual std::size_t read(std::span<char> buffer) = 0;

  // Bytes of the underlying file consumed so far: compressed bytes for a
  // compressed stream, so progress can be measured against file sizes.
  virtual std::uint64_t bytes_consumed() const = 0;
};

// Opens `path` for reading; "-" is standard input (not closed afterwards).
// Throws newsdex::Error naming the path and the reason when it cannot be opened.
std::unique_ptr<InputStream> open_input_file(const std::string& path);

// Decompresses the zstd data of `compressed` (one or more concatenated frames)
// as it is read. A stream that ends inside a frame is reported as truncated
// (DamagedInputError), once all the bytes decoded before the cut are returned.
std::unique_ptr<InputStream> open_zstd_stream(std::unique_ptr<InputStream> compressed);

}  // namespace newsdex::index
