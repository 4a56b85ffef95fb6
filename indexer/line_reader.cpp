#include "indexer/line_reader.h"

#include <cstring>
#include <utility>

#include "common/error.h"

namespace newsdex::index {
namespace {

// Large enough that a read() call costs little per byte, small enough that
// the progress display moves on compressed input.
constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

LineReader::LineReader(std::unique_ptr<InputStream> stream) : stream_(std::move(stream)) {}

void LineReader::fill() {
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    scan_ -= pos_;
    pos_ = 0;
  }
  std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kChunkBytes);
  std::size_t n = 0;
  try {
    n = stream_->read(std::span<char>(buffer_.data() + old_size, kChunkBytes));
  } catch (const Error&) {
    error_ = std::current_exception();
  }
  buffer_.resize(old_size + n);
  if (n == 0) eof_ = true;
  if (!bom_checked_ && (buffer_.size() >= kUtf8Bom.size() || eof_)) {
    bom_checked_ = true;
    if (std::string_view(buffer_).starts_with(kUtf8Bom)) {
      buffer_.erase(0, kUtf8Bom.size());
      scan_ = 0;
    }
  }
}

std::optional<std::string_view> LineReader::next_line() {
  for (;;) {
    if (bom_checked_ && scan_ < buffer_.size()) {
      const void* newline = std::memchr(buffer_.data() + scan_, '\n', buffer_.size() - scan_);
      if (newline != nullptr) {
        auto end = static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.data());
        std::string_view line(buffer_.data() + pos_, end - pos_);
        pos_ = scan_ = end + 1;
        ++line_number_;
        if (line.ends_with('\r')) line.remove_suffix(1);
        return line;
      }
      scan_ = buffer_.size();
    }
    if (eof_) {
      if (error_) {
        // The bytes after the last newline are a line cut short: drop them.
        buffer_.clear();
        pos_ = scan_ = 0;
        std::rethrow_exception(std::exchange(error_, nullptr));
      }
      if (pos_ == buffer_.size()) return std::nullopt;
      std::string_view line(buffer_.data() + pos_, buffer_.size() - pos_);
      pos_ = scan_ = buffer_.size();
      ++line_number_;
      if (line.ends_with('\r')) line.remove_suffix(1);
      return line;
    }
    fill();
  }
}

std::optional<char> LineReader::peek_non_space() {
  std::size_t offset = 0;  // bytes after pos_ known to be white space
  for (;;) {
    if (bom_checked_) {
      for (; pos_ + offset < buffer_.size(); ++offset) {
        if (!is_space(buffer_[pos_ + offset])) return buffer_[pos_ + offset];
      }
    }
    if (eof_) return std::nullopt;
    fill();  // keeps the unconsumed bytes, moved to the front
  }
}

std::string LineReader::read_rest() {
  while (!eof_) fill();
  if (error_) {
    std::rethrow_exception(std::exchange(error_, nullptr));
  }
  std::string rest = buffer_.substr(pos_);
  pos_ = scan_ = buffer_.size();
  return rest;
}

}  // namespace newsdex::index
