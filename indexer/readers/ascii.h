// ASCII case folding for the protocol and markup names the readers match
// (HTTP and WARC header names, media types, charset parameters): these are
// ASCII by their specifications (RFC 9110 field names and tokens, WARC 1.1
// named fields), so only 'A'..'Z' fold; every other byte, UTF-8 included,
// is compared as it is. Not for text in a language (common/analyzer does
// that with ICU).
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex::readers {

// 'A'..'Z' to 'a'..'z'; any other byte unchanged.
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Appends `s` to `out` with ascii_lower applied to every byte (no
// allocation when `out` has room).
inline void append_ascii_lower(std::string& out, std::string_view s) {
  for (char c : s) out.push_back(ascii_lower(c));
}

// `s` with ascii_lower applied to every byte.
inline std::string ascii_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_ascii_lower(out, s);
  return out;
}

// True when `a` and `b` have the same length and are equal byte for byte
// after ascii_lower.
constexpr bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// True when `s` begins with `prefix`, compared as ascii_iequals.
constexpr bool ascii_istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_iequals(s.substr(0, prefix.size()), prefix);
}

}  // namespace newsdex::readers
