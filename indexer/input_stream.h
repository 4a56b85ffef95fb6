// Byte streams the corpus reader pulls from: a file or standard input, and
// streaming zstd decompression on top of one (never the whole file in memory),
// chosen by the data's magic number rather than by the file name.
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

enum class Compression { kNone, kZstd, kGzip, kBzip2, kXz };

// "zstd", "gzip", "bzip2", "xz"; "" for kNone.
std::string_view compression_name(Compression compression);

// The compression whose magic number `head` (the first bytes of a file; fewer
// than kMagicBytes only when the file is that short) starts with: zstd
// 28 B5 2F FD (or a skippable frame, 5? 2A 4D 18), gzip 1F 8B, bzip2 "BZh",
// a level digit and a block or end-of-stream magic, xz FD "7zXZ" 00. None of
// them starts valid UTF-8 text, so a text file is never mistaken for one.
inline constexpr std::size_t kMagicBytes = 10;
Compression compression_from_magic(std::string_view head);

// Thrown by open_decompressed() for data compressed in a format newsdex does
// not read.
class UnsupportedCompressionError : public Error {
 public:
  UnsupportedCompressionError(Compression compression, const std::string& what)
      : Error(what), compression_(compression) {}
  Compression compression() const { return compression_; }

 private:
  Compression compression_;
};

// `raw` as text: decompressed when its first bytes are zstd's magic number,
// as it is otherwise (the bytes read to look are served again). Throws
// UnsupportedCompressionError for gzip, bzip2 and xz data, and what raw.read()
// throws. Blocks until kMagicBytes bytes or the end of `raw` have arrived.
std::unique_ptr<InputStream> open_decompressed(std::unique_ptr<InputStream> raw);

}  // namespace newsdex::index
