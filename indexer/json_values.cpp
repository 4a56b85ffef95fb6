#include "indexer/json_values.h"

#include <span>
#include <utility>

namespace newsdex::index {
namespace {

constexpr std::size_t kReadBytes = std::size_t{64} << 10;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where a scalar (number, true, false, null, or a word that is no JSON)
// ends: at white space or a structural character.
bool ends_scalar(int c) { return c < 0 || is_space(c) || c == ',' || c == ']' || c == '}' || c == '[' || c == '{'; }

}  // namespace

bool is_json_document(std::string_view head) {
  if (head.starts_with(kUtf8Bom)) head.remove_prefix(kUtf8Bom.size());
  std::size_t i = 0;
  while (i < head.size() && is_space(static_cast<unsigned char>(head[i]))) ++i;
  if (i == head.size()) return false;
  if (head[i] == '[') return true;
  if (head[i] != '{') return false;
  // Does the object end before its line does?
  int depth = 0;
  bool in_string = false;
  for (; i < head.size(); ++i) {
    const char c = head[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      } else if (c == '\n') {
        return true;  // no JSON string holds a raw line break: not one line
      }
      continue;
    }
    if (c == '\n') return true;
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return false;
    }
  }
  return false;
}

JsonValueReader::JsonValueReader(std::unique_ptr<InputStream> stream, std::size_t max_bytes)
    : stream_(std::move(stream)), max_bytes_(max_bytes) {}

int JsonValueReader::peek() {
  if (pos_ == buffer_.size()) {
    if (eof_) return -1;
    buffer_.resize(kReadBytes);
    pos_ = 0;
    std::size_t n = 0;
    try {
      n = stream_->read(std::span<char>(buffer_.data(), buffer_.size()));
    } catch (...) {
      buffer_.clear();
      eof_ = true;
      throw;
    }
    buffer_.resize(n);
    if (n == 0) {
      eof_ = true;
      return -1;
    }
  }
  return static_cast<unsigned char>(buffer_[pos_]);
}

void JsonValueReader::take(JsonValue& out) {
  const char c = buffer_[pos_++];
  if (c == '\n') ++line_;
  if (out.oversize) return;
  if (out.text.size() == max_bytes_) {
    out.oversize = true;
    out.text = std::string();
    return;
  }
  out.text.push_back(c);
}

std::optional<JsonValue> JsonValueReader::next() {
  if (!started_) {
    started_ = true;
    for (char b : kUtf8Bom) {
      if (peek() != static_cast<unsigned char>(b)) break;
      ++pos_;
    }
  }
  for (;;) {
    int c = peek();
    if (c < 0) {
      if (in_array_) array_unclosed_ = true;
      in_array_ = false;
      return std::nullopt;
    }
    if (is_space(c)) {
      if (c == '\n') ++line_;
      ++pos_;
      continue;
    }
    if (c == '[' && !in_array_) {  // the top-level array
      in_array_ = true;
      ++pos_;
      continue;
    }
    if (in_array_ && c == ',') {
      ++pos_;
      continue;
    }
    if (in_array_ && c == ']') {
      in_array_ = false;
      ++pos_;
      continue;
    }
    JsonValue value;
    value.line = line_;
    if (c == '{' || c == '[') {
      int depth = 0;
      bool in_string = false;
      bool escaped = false;
      while ((c = peek()) >= 0) {
        take(value);
        if (in_string) {
          if (escaped) {
            escaped = false;
          } else if (c == '\\') {
            escaped = true;
          } else if (c == '"') {
            in_string = false;
          }
        } else if (c == '"') {
          in_string = true;
        } else if (c == '{' || c == '[') {
          ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          break;
        }
      }
    } else if (c == '"') {
      take(value);
      bool escaped = false;
      while ((c = peek()) >= 0) {
        take(value);
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          break;
        }
      }
    } else {
      take(value);  // at least one byte: a stray '}' is a value of its own
      while (!ends_scalar(peek())) take(value);
    }
    return value;
  }
}

}  // namespace newsdex::index
