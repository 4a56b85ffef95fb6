#include "indexer/input_stream.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
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
      // Ours stops the input like its end, whether or not it interrupted a
      // read: an input that never blocks (/dev/urandom, a huge file) gives
      // no EINTR, and a reader skipping what it cannot use (a WARC reader
      // looking for the next record) may not return to the pipeline's own
      // check for a long time.
      if (interrupt_requested()) return 0;
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

}  // namespace

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
