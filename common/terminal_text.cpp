// How unsafe characters are shown. Tools differ: less (the pager git and many
// others print through) shows control characters as ^[ in reverse video and
// undecodable bytes as <E9>; git quotes odd bytes in paths as C escapes
// ("\033"); ripgrep prints matched lines raw and leaves the terminal to the
// pager, but escapes unprintable bytes as \x1b wherever it echoes them itself
// (grep-cli's escape()). We take the \x1b / \u202e escapes of ripgrep, Python
// and C: plain ASCII, so they survive any locale, font and pager, they say
// exactly which character was there, and a reader can search for them;
// ^[ would need reverse video to stand apart from text. Invalid UTF-8 is not a
// character, so it gets the replacement character U+FFFD as every UTF-8
// decoder shows it.
#include "common/terminal_text.h"

#include <cstdint>

namespace newsdex {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026

bool in(unsigned char c, unsigned char low, unsigned char high) { return c >= low && c <= high; }

// The length of the well-formed UTF-8 sequence at text[i] (Unicode table 3-7:
// no overlong forms, surrogates or code points past U+10FFFF) with its code
// point in `cp`, or 0 if none starts there.
std::size_t decode(std::string_view text, std::size_t i, std::uint32_t& cp) {
  auto byte = [&](std::size_t k) -> unsigned char {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  unsigned char b0 = byte(0);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (in(b0, 0xC2, 0xDF)) {
    len = 2;
  } else if (in(b0, 0xE0, 0xEF)) {
    len = 3;
    if (b0 == 0xE0) low = 0xA0;
    if (b0 == 0xED) high = 0x9F;
  } else if (in(b0, 0xF0, 0xF4)) {
    len = 4;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + len > text.size() || !in(byte(1), low, high)) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (!in(byte(k), 0x80, 0xBF)) return 0;
  }
  cp = b0 & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (byte(k) & 0x3Fu);
  return len;
}

std::string hex_escape(const char* prefix, std::uint32_t cp, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(prefix);
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out.push_back(kHex[(cp >> shift) & 0xFu]);
  return out;
}

bool is_bidi_control(std::uint32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

bool is_line_space(std::uint32_t cp) { return (cp >= 0x09 && cp <= 0x0D) || cp == 0x2028 || cp == 0x2029; }

// What to print instead of the code point `cp`, or "" when it passes unchanged
// (the caller copies its bytes).
std::string replacement_for(std::uint32_t cp, LineBreaks line_breaks) {
  if (is_line_space(cp)) {
    if (line_breaks == LineBreaks::kSpace) return " ";
    switch (cp) {
      case '\t':
        return "\\t";
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      default:
        break;
    }
  }
  if (cp < 0x20 || cp == 0x7F) return hex_escape("\\x", cp, 2);
  if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp) || is_line_space(cp)) return hex_escape("\\u", cp, 4);
  return {};
}

// The sanitiser; stops before the output would pass `max_chars` characters and
// then sets `*cut`.
std::string sanitize(std::string_view text, LineBreaks line_breaks, std::size_t max_chars, bool* cut) {
  std::string out;
  out.reserve(text.size());
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    std::size_t len = decode(text, i, cp);
    std::string replacement = len == 0 ? std::string(kReplacement) : replacement_for(cp, line_breaks);
    // Escapes are ASCII: their length is their character count.
    std::size_t width = replacement.empty() || len == 0 ? 1 : replacement.size();
    if (chars + width > max_chars) {
      *cut = true;
      break;
    }
    chars += width;
    if (replacement.empty()) {
      out.append(text.substr(i, len));
    } else {
      out += replacement;
    }
    i += len == 0 ? 1 : len;
  }
  return out;
}

}  // namespace

std::size_t code_point_width(std::uint32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F)) return 0;
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    std::size_t len = decode(text, i, cp);
    width += len == 0 ? 1 : code_point_width(cp);
    i += len == 0 ? 1 : len;
  }
  return width;
}

std::string sanitize_terminal_text(std::string_view text, LineBreaks line_breaks) {
  bool cut = false;
  return sanitize(text, line_breaks, std::string::npos, &cut);
}

std::string excerpt_for_message(std::string_view text, std::size_t max_chars) {
  bool cut = false;
  // One character is kept for the "…".
  std::string out = sanitize(text, LineBreaks::kEscape, max_chars, &cut);
  if (!cut) return out;
  out = sanitize(text, LineBreaks::kEscape, max_chars > 1 ? max_chars - 1 : 0, &cut);
  return out + std::string(kEllipsis);
}

}  // namespace newsdex
