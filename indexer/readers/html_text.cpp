#include "indexer/readers/html_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace newsdex::readers {
namespace {

// The code point at text[i] if it is a Unicode space the page may use between
// words (no-break, thin, zero-width spaces, ...); sets *length to its bytes.
bool is_unicode_space_at(std::string_view text, std::size_t i, std::size_t* length) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
    *length = 2;  // U+00A0
    return true;
  }
  if (b0 == 0xE2 && i + 2 < text.size()) {
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    const auto b2 = static_cast<unsigned char>(text[i + 2]);
    // U+2000..U+200B (en/em/thin/hair/zero-width spaces), U+202F, U+205F
    if ((b1 == 0x80 && b2 >= 0x80 && b2 <= 0x8B) || (b1 == 0x80 && b2 == 0xAF) || (b1 == 0x81 && b2 == 0x9F)) {
      *length = 3;
      return true;
    }
  }
  if (b0 == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
      static_cast<unsigned char>(text[i + 2]) == 0x80) {
    *length = 3;  // U+3000 ideographic space
    return true;
  }
  if (b0 == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBB &&
      static_cast<unsigned char>(text[i + 2]) == 0xBF) {
    *length = 3;  // U+FEFF zero-width no-break space
    return true;
  }
  return false;
}

bool is_word_char(UChar32 c) {
  if (c == '_') return true;
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

}  // namespace

void append_collapsed(std::string& out, std::string_view text, bool& pending_space) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = 1;
    if (is_html_space(text[i]) || is_unicode_space_at(text, i, &length)) {
      pending_space = true;
      i += length;
      continue;
    }
    if (pending_space && !out.empty() && out.back() != '\n' && out.back() != ' ') out.push_back(' ');
    pending_space = false;
    out.push_back(text[i]);
    ++i;
  }
}

std::string collapse_space(std::string_view text) {
  std::string out;
  bool pending = false;
  append_collapsed(out, text, pending);
  return out;
}

std::vector<std::string_view> word_tokens(std::string_view text) {
  std::vector<std::string_view> out;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  std::int32_t start = -1;
  while (i < length) {
    const std::int32_t at = i;
    const auto b = s[i];
    UChar32 c = 0;
    if (b < 0x80) {
      c = b;
      ++i;
    } else {
      U8_NEXT(s, i, length, c);
    }
    const bool word =
        c >= 0 && (b < 0x80 ? ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_')
                            : is_word_char(c));
    if (word) {
      if (start < 0) start = at;
    } else if (start >= 0) {
      out.emplace_back(text.data() + start, static_cast<std::size_t>(at - start));
      start = -1;
    }
  }
  if (start >= 0) {
    out.emplace_back(text.data() + static_cast<std::size_t>(start), static_cast<std::size_t>(length - start));
  }
  return out;
}

std::size_t visible_bytes(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += is_html_space(c) ? 0U : 1U;
  return n;
}

}  // namespace newsdex::readers
