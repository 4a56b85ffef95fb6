#include "indexer/input_stream.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/interrupt.h"

namespace newsdex::index {
namespace {

class FileStream : public InputStream {
 public:
  FileStream(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FileStream() override {
    if (owned_) ::close(fd_);
  }
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;

  std::size_t read(std::span<char> buffer) override {
    for (;;) {
      ssize_t n = ::read(fd_, buffer.data(), buffer.size());
      if (n >= 0) {
        consumed_ += static_cast<std::uint64_t>(n);
        return static_cast<std::size_t>(n);
      }
      if (errno != EINTR) throw Error(std::strerror(errno));
      // A signal: stop if it was ours, retry if it was someone else's.
      if (interrupt_requested()) return 0;
    }
  }

  std::uint64_t bytes_consumed() const override { return consumed_; }

 private:
  int fd_;
  bool owned_;
  std::uint64_t consumed_ = 0;
};

class ZstdStream : public InputStream {
 public:
  explicit ZstdStream(std::unique_ptr<InputStream> source)
      : source_(std::move(source)), dctx_(ZSTD_createDCtx(), &ZSTD_freeDCtx), input_buffer_(ZSTD_DStreamInSize()) {
    if (!dctx_) throw Error("cannot allocate a zstd decompression context");
  }

  std::size_t read(std::span<char> buffer) override {
    ZSTD_outBuffer out{buffer.data(), buffer.size(), 0};
    while (out.pos == 0 && !buffer.empty()) {
      if (input_.pos == input_.size && !source_done_) {
        std::size_t n = source_->read(input_buffer_);
        source_done_ = n == 0;
        input_ = ZSTD_inBuffer{input_buffer_.data(), n, 0};
      }
      if (input_.pos == input_.size && source_done_ && !frame_open_) break;  // clean end
      // Called with no new input at the end too: zstd may still hold output.
      std::size_t input_before = input_.pos;
      std::size_t hint = ZSTD_decompressStream(dctx_.get(), &out, &input_);
      if (ZSTD_isError(hint)) throw DamagedInputError(std::string("corrupt zstd data: ") + ZSTD_getErrorName(hint));
      // zstd's hint is non-zero while a frame is unfinished.
      frame_open_ = hint != 0;
      if (source_done_ && out.pos == 0 && input_.pos == input_before && frame_open_) {
        throw DamagedInputError("truncated: the file ends inside a zstd frame");
      }
    }
    return out.pos;
  }

  std::uint64_t bytes_consumed() const override { return source_->bytes_consumed(); }

 private:
  std::unique_ptr<InputStream> source_;
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx_;
  std::vector<char> input_buffer_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  bool source_done_ = false;
  bool frame_open_ = false;  // a frame has started and not yet ended
};

// Serves `head` (bytes already read from `rest`), then the rest of `rest`.
class ReplayStream : public InputStream {
 public:
  ReplayStream(std::string head, std::unique_ptr<InputStream> rest) : head_(std::move(head)), rest_(std::move(rest)) {}

  std::size_t read(std::span<char> buffer) override {
    if (served_ < head_.size()) {
      std::size_t n = std::min(buffer.size(), head_.size() - served_);
      std::memcpy(buffer.data(), head_.data() + served_, n);
      served_ += n;
      return n;
    }
    return rest_->read(buffer);
  }

  std::uint64_t bytes_consumed() const override { return rest_->bytes_consumed(); }

 private:
  std::string head_;
  std::size_t served_ = 0;
  std::unique_ptr<InputStream> rest_;
};

bool starts_with_bytes(std::string_view head, std::initializer_list<unsigned char> magic) {
  if (head.size() < magic.size()) return false;
  std::size_t i = 0;
  for (unsigned char byte : magic) {
    if (static_cast<unsigned char>(head[i++]) != byte) return false;
  }
  return true;
}

}  // namespace

std::string_view compression_name(Compression compression) {
  switch (compression) {
    case Compression::kZstd:
      return "zstd";
    case Compression::kGzip:
      return "gzip";
    case Compression::kBzip2:
      return "bzip2";
    case Compression::kXz:
      return "xz";
    case Compression::kNone:
      break;
  }
  return "";
}

Compression compression_from_magic(std::string_view head) {
  if (starts_with_bytes(head, {0x28, 0xB5, 0x2F, 0xFD})) return Compression::kZstd;
  // A skippable frame (0x184D2A50..0x184D2A5F, little-endian) may open a
  // zstd file, e.g. one written by a seekable-format tool.
  if (head.size() >= 4 && (static_cast<unsigned char>(head[0]) & 0xF0U) == 0x50U &&
      starts_with_bytes(head.substr(1), {0x2A, 0x4D, 0x18})) {
    return Compression::kZstd;
  }
  if (starts_with_bytes(head, {0x1F, 0x8B})) return Compression::kGzip;
  // "BZh" alone could start a text; the level digit and the 48-bit magic of
  // the first block (pi) or of the end of the stream (sqrt(pi)) cannot.
  if (head.size() >= 10 && head.starts_with("BZh") && head[3] >= '1' && head[3] <= '9' &&
      (starts_with_bytes(head.substr(4), {0x31, 0x41, 0x59, 0x26, 0x53, 0x59}) ||
       starts_with_bytes(head.substr(4), {0x17, 0x72, 0x45, 0x38, 0x50, 0x90}))) {
    return Compression::kBzip2;
  }
  if (starts_with_bytes(head, {0xFD, '7', 'z', 'X', 'Z', 0x00})) return Compression::kXz;
  return Compression::kNone;
}

std::unique_ptr<InputStream> open_decompressed(std::unique_ptr<InputStream> raw) {
  std::string head(kMagicBytes, '\0');
  std::size_t size = 0;
  while (size < head.size()) {
    std::size_t n = raw->read(std::span<char>(head.data() + size, head.size() - size));
    if (n == 0) break;
    size += n;
  }
  head.resize(size);
  Compression compression = compression_from_magic(head);
  switch (compression) {
    case Compression::kNone:
      return std::make_unique<ReplayStream>(std::move(head), std::move(raw));
    case Compression::kZstd:
      return open_zstd_stream(std::make_unique<ReplayStream>(std::move(head), std::move(raw)));
    case Compression::kGzip:
    case Compression::kBzip2:
    case Compression::kXz:
      break;
  }
  throw UnsupportedCompressionError(compression,
                                    std::string(compression_name(compression)) + "-compressed data");
}

std::unique_ptr<InputStream> open_input_file(const std::string& path) {
  if (path == "-") return std::make_unique<FileStream>(STDIN_FILENO, false);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(std::strerror(errno));
  return std::make_unique<FileStream>(fd, true);
}

std::unique_ptr<InputStream> open_zstd_stream(std::unique_ptr<InputStream> compressed) {
  return std::make_unique<ZstdStream>(std::move(compressed));
}

}  // namespace newsdex::index
