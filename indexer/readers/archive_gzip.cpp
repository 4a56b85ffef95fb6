#include "indexer/readers/archive_gzip.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>

#include "common/error.h"

namespace newsdex::readers {
namespace {

using index::DamagedInputError;
using index::InputStream;

// Compressed bytes asked of the source at a time.
constexpr std::size_t kInputChunk = 64u << 10;
// A member found damaged is searched for the next member from just after its
// own start (a member cut short runs into the next one, whose header the
// inflater then swallowed) when its start is no further back than this;
// otherwise from where the damage was seen. Bounds what the buffer keeps.
constexpr std::size_t kMemberStartKept = 1u << 20;

class GzipStream : public InputStream {
 public:
  explicit GzipStream(std::unique_ptr<InputStream> source) : source_(std::move(source)) {
    // 15 + 16: a 32 KiB window, gzip wrapper only (header and CRC checked).
    if (inflateInit2(&z_, 15 + 16) != Z_OK) throw Error("cannot allocate a zlib inflater");
  }
  ~GzipStream() override { inflateEnd(&z_); }
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  std::size_t read(std::span<char> buffer) override {
    if (pending_error_) {
      std::string message = std::move(*pending_error_);
      pending_error_.reset();
      throw DamagedInputError(message);
    }
    std::size_t produced = 0;
    while (produced == 0 && !buffer.empty() && state_ != State::kEnd) {
      switch (state_) {
        case State::kHeader:
          start_member();
          break;
        case State::kMember:
          produced += inflate_some(buffer);
          break;
        case State::kSearch:
          search_member();
          break;
        case State::kEnd:
          break;
      }
      if (pending_error_ && produced == 0) {
        std::string message = std::move(*pending_error_);
        pending_error_.reset();
        throw DamagedInputError(message);
      }
    }
    return produced;
  }

  std::uint64_t bytes_consumed() const override { return source_->bytes_consumed(); }

 private:
  enum class State {
    kHeader,  // at the start of a member or after the last one
    kMember,  // inside a member
    kSearch,  // looking for the next member after damage
    kEnd,
  };

  std::uint64_t offset() const { return buffer_offset_ + pos_; }

  // Makes at least `n` unread bytes available when the source still has
  // them; returns how many are available.
  std::size_t want(std::size_t n) {
    while (in_.size() - pos_ < n && !source_done_) {
      // Drop what is consumed, but keep a damaged member's start reachable.
      std::size_t keep = pos_;
      if (member_start_ && *member_start_ >= buffer_offset_ && offset() - *member_start_ <= kMemberStartKept) {
        keep = static_cast<std::size_t>(*member_start_ - buffer_offset_);
      }
      if (keep > 0) {
        in_.erase(0, keep);
        pos_ -= keep;
        buffer_offset_ += keep;
      }
      std::size_t old_size = in_.size();
      in_.resize(old_size + kInputChunk);
      std::size_t got = source_->read(std::span<char>(in_.data() + old_size, kInputChunk));
      in_.resize(old_size + got);
      source_done_ = got == 0;
    }
    return in_.size() - pos_;
  }

  void start_member() {
    std::size_t available = want(3);
    if (available == 0) {
      state_ = State::kEnd;
      return;
    }
    if (available >= 3 && is_gzip_member_start(std::string_view(in_).substr(pos_, 3))) {
      inflateReset(&z_);
      member_start_ = offset();
      member_output_ = 0;
      state_ = State::kMember;
      return;
    }
    if (!first_member_) {
      // Zero bytes to the end are padding (tape blocks, some writers' alignment).
      while (want(1) > 0 && in_[pos_] == '\0') ++pos_;
      if (want(1) == 0) {
        state_ = State::kEnd;
        return;
      }
    }
    std::uint64_t at = offset();
    ++pos_;
    member_start_.reset();
    state_ = State::kSearch;
    pending_error_ = first_member_ ? "not gzip data (no gzip header at byte " + std::to_string(at) + ")"
                                   : "bytes after a gzip member that start no member, at byte " + std::to_string(at) +
                                         "; skipping to the next member";
  }

  std::size_t inflate_some(std::span<char> buffer) {
    if (want(1) == 0) {
      state_ = State::kEnd;
      pending_error_ = "truncated: the data ends inside a gzip member (which began at byte " +
                       std::to_string(member_start_.value_or(0)) + ")";
      return 0;
    }
    z_.next_in = reinterpret_cast<Bytef*>(in_.data() + pos_);
    z_.avail_in = static_cast<uInt>(std::min<std::size_t>(in_.size() - pos_, UINT32_MAX));
    z_.next_out = reinterpret_cast<Bytef*>(buffer.data());
    z_.avail_out = static_cast<uInt>(std::min<std::size_t>(buffer.size(), UINT32_MAX));
    int rc = inflate(&z_, Z_NO_FLUSH);
    std::size_t consumed = static_cast<std::size_t>(z_.next_in - reinterpret_cast<Bytef*>(in_.data() + pos_));
    std::size_t produced = static_cast<std::size_t>(z_.next_out - reinterpret_cast<Bytef*>(buffer.data()));
    pos_ += consumed;
    member_output_ += produced;
    if (rc == Z_STREAM_END) {
      first_member_ = false;
      resynced_ = false;
      member_start_.reset();
      state_ = State::kHeader;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      // Z_DATA_ERROR (bad header, deflate data or CRC), Z_NEED_DICT, Z_MEM_ERROR.
      bool quiet = resynced_ && member_output_ == 0;  // a false member start found while searching
      std::string reason = z_.msg != nullptr ? z_.msg : "zlib error " + std::to_string(rc);
      std::uint64_t start = member_start_.value_or(offset());
      // Search again from just after this member's start when it is still buffered.
      if (member_start_ && *member_start_ >= buffer_offset_) {
        pos_ = static_cast<std::size_t>(*member_start_ - buffer_offset_) + 1;
      }
      member_start_.reset();
      state_ = State::kSearch;
      if (!quiet) {
        resynced_ = true;
        pending_error_ = "corrupt gzip data in the member that began at byte " + std::to_string(start) + " (" + reason +
                         "); skipping to the next member";
      }
    } else if (member_output_ > 0) {
      resynced_ = false;
    }
    return produced;
  }

  void search_member() {
    for (;;) {
      std::size_t available = want(3);
      if (available < 3) {
        pos_ = in_.size();
        state_ = State::kEnd;
        return;
      }
      std::string_view rest = std::string_view(in_).substr(pos_);
      std::size_t at = rest.find("\x1f\x8b\x08", 0, 3);
      if (at != std::string_view::npos) {
        pos_ += at;
        resynced_ = true;
        state_ = State::kHeader;
        return;
      }
      pos_ = in_.size() - 2;  // a header may straddle the next read
      if (source_done_) {
        pos_ = in_.size();
        state_ = State::kEnd;
        return;
      }
    }
  }

  std::unique_ptr<InputStream> source_;
  z_stream z_{};
  std::string in_;                   // compressed bytes, in_[0] is at buffer_offset_ of the stream
  std::size_t pos_ = 0;              // next unread byte of in_
  std::uint64_t buffer_offset_ = 0;  // stream offset of in_[0]
  bool source_done_ = false;
  State state_ = State::kHeader;
  bool first_member_ = true;
  bool resynced_ = false;                      // searching after damage: failures of false starts are quiet
  std::optional<std::uint64_t> member_start_;  // stream offset of the current member
  std::uint64_t member_output_ = 0;            // bytes the current member produced
  std::optional<std::string> pending_error_;   // thrown by the next read()
};

}  // namespace

bool is_gzip_member_start(std::string_view bytes) {
  return bytes.size() >= 3 && bytes[0] == '\x1f' && bytes[1] == '\x8b' && bytes[2] == '\x08';
}

std::unique_ptr<InputStream> open_gzip_stream(std::unique_ptr<InputStream> compressed) {
  return std::make_unique<GzipStream>(std::move(compressed));
}

std::string gunzip_head(std::string_view head, std::size_t max_bytes) {
  std::string out(max_bytes, '\0');
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return {};
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(head.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(head.size(), UINT32_MAX));
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(std::min<std::size_t>(max_bytes, UINT32_MAX));
  inflate(&z, Z_SYNC_FLUSH);
  out.resize(static_cast<std::size_t>(z.next_out - reinterpret_cast<Bytef*>(out.data())));
  inflateEnd(&z);
  return out;
}

}  // namespace newsdex::readers
