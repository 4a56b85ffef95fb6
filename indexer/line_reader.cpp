#include "indexer/line_reader.h"

#include <algorithm>
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

bool holds_nul(std::string_view bytes) { return std::memchr(bytes.data(), '\0', bytes.size()) != nullptr; }

}  // namespace

LineReader::LineReader(std::unique_ptr<InputStream> stream, std::size_t max_bytes)
    : stream_(std::move(stream)), max_bytes_(std::max<std::size_t>(max_bytes, 1)) {}

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

void LineReader::drop(std::size_t end) {
  std::string_view dropped(buffer_.data() + pos_, end - pos_);
  if (!skipped_nul_) skipped_nul_ = holds_nul(dropped);
  skipped_bytes_ += dropped.size();
  pos_ = scan_ = end;
}

Line LineReader::start_skipping(Skipping how, std::size_t end) {
  skipping_ = how;
  skipped_bytes_ = 0;
  skipped_nul_ = false;
  drop(end);
  reported_bytes_ = skipped_bytes_;
  return Line{
      .text = {}, .oversize = true, .continued = false, .bytes_read = skipped_bytes_, .holds_nul = skipped_nul_};
}

std::optional<Line> LineReader::skip() {
  for (;;) {
    if (pos_ < buffer_.size()) {
      if (skipping_ == Skipping::kToLineEnd) {
        const void* newline = std::memchr(buffer_.data() + pos_, '\n', buffer_.size() - pos_);
        if (newline != nullptr) {
          // The rest of the line goes unreported: the line has ended.
          drop(static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.data()));
          pos_ = scan_ = pos_ + 1;
          skipping_ = Skipping::kNo;
          return std::nullopt;
        }
      }
      drop(buffer_.size());
    }
    if (skipped_bytes_ - reported_bytes_ >= max_bytes_) {
      reported_bytes_ = skipped_bytes_;
      return Line{
          .text = {}, .oversize = true, .continued = true, .bytes_read = skipped_bytes_, .holds_nul = skipped_nul_};
    }
    if (eof_) {
      if (error_) rethrow();
      skipping_ = Skipping::kNo;
      return std::nullopt;
    }
    fill();  // the dropped bytes leave the buffer here
  }
}

void LineReader::rethrow() {
  // A line being skipped was counted when it began; the damage is in it.
  if (skipping_ == Skipping::kToLineEnd) --line_number_;
  skipping_ = Skipping::kNo;
  // The bytes after the last newline are a line cut short: drop them.
  buffer_.clear();
  pos_ = scan_ = 0;
  std::rethrow_exception(std::exchange(error_, nullptr));
}

std::optional<Line> LineReader::next_line() {
  for (;;) {
    if (skipping_ != Skipping::kNo) {
      if (std::optional<Line> report = skip()) return report;
      continue;
    }
    if (bom_checked_ && scan_ < buffer_.size()) {
      const void* newline = std::memchr(buffer_.data() + scan_, '\n', buffer_.size() - scan_);
      if (newline != nullptr) {
        auto end = static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.data());
        std::string_view line(buffer_.data() + pos_, end - pos_);
        pos_ = scan_ = end + 1;
        ++line_number_;
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.size() > max_bytes_) {
          return Line{.text = {},
                      .oversize = true,
                      .continued = false,
                      .bytes_read = line.size(),
                      .holds_nul = holds_nul(line)};
        }
        return Line{.text = line};
      }
      scan_ = buffer_.size();
      // Longer than any line we return (a CR may still come off its end):
      // read past it rather than hold it.
      if (buffer_.size() - pos_ > max_bytes_ + 1) {
        ++line_number_;
        return start_skipping(Skipping::kToLineEnd, buffer_.size());
      }
    }
    if (eof_) {
      if (error_) rethrow();
      if (pos_ == buffer_.size()) return std::nullopt;
      std::string_view line(buffer_.data() + pos_, buffer_.size() - pos_);
      pos_ = scan_ = buffer_.size();
      ++line_number_;
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line.size() > max_bytes_) {
        return Line{
            .text = {}, .oversize = true, .continued = false, .bytes_read = line.size(), .holds_nul = holds_nul(line)};
      }
      return Line{.text = line};
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
      if (offset >= max_bytes_) return std::nullopt;
    }
    if (eof_) return std::nullopt;
    fill();  // keeps the unconsumed bytes, moved to the front
  }
}

std::optional<Line> LineReader::read_rest() {
  if (skipping_ != Skipping::kNo) {
    if (std::optional<Line> report = skip()) return report;
    rest_returned_ = true;
    return std::nullopt;
  }
  if (rest_returned_) return std::nullopt;
  while (!eof_ && buffer_.size() - pos_ <= max_bytes_) fill();
  if (buffer_.size() - pos_ > max_bytes_) return start_skipping(Skipping::kToEnd, buffer_.size());
  if (error_) rethrow();
  rest_returned_ = true;
  std::string_view rest(buffer_.data() + pos_, buffer_.size() - pos_);
  pos_ = scan_ = buffer_.size();
  return Line{.text = rest};
}

}  // namespace newsdex::index
