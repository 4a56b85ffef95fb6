#include "indexer/readers/html_charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/error.h"

namespace newsdex::readers {
namespace {

// HTML5's prescan reads 1,024 bytes; pages with long <head> comments or scripts
// before the <meta> are common enough that reading four times as much pays.
constexpr std::size_t kPrescanBytes = 4096;
// The detector sees this much of the page: enough text for its statistics, and
// its cost does not grow with the page.
constexpr std::size_t kDetectBytes = 65536;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return s;
}

// The value of "charset=" inside a Content-Type value ("text/html; charset=utf-8").
std::string charset_in_content_type(std::string_view content) {
  const std::string low = to_lower(content);
  const std::size_t at = low.find("charset");
  if (at == std::string::npos) return {};
  std::size_t i = at + 7;
  while (i < low.size() && is_space(low[i])) ++i;
  if (i >= low.size() || low[i] != '=') return {};
  ++i;
  while (i < low.size() && (is_space(low[i]) || low[i] == '"' || low[i] == '\'')) ++i;
  std::size_t end = i;
  while (end < low.size() && !is_space(low[end]) && low[end] != ';' && low[end] != '"' && low[end] != '\'') ++end;
  return std::string(content.substr(i, end - i));
}

// Attributes of one tag from just after its name to '>': name -> value, lower-cased names.
std::vector<std::pair<std::string, std::string>> tag_attributes(std::string_view s, std::size_t& i) {
  std::vector<std::pair<std::string, std::string>> attrs;
  while (i < s.size()) {
    while (i < s.size() && (is_space(s[i]) || s[i] == '/')) ++i;
    if (i >= s.size() || s[i] == '>') break;
    std::size_t name_start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') ++i;
    std::string name = to_lower(s.substr(name_start, i - name_start));
    while (i < s.size() && is_space(s[i])) ++i;
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && is_space(s[i])) ++i;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        const char quote = s[i++];
        const std::size_t end = s.find(quote, i);
        const std::size_t stop = end == std::string_view::npos ? s.size() : end;
        value = std::string(s.substr(i, stop - i));
        i = stop == s.size() ? stop : stop + 1;
      } else {
        std::size_t v = i;
        while (i < s.size() && !is_space(s[i]) && s[i] != '>') ++i;
        value = std::string(s.substr(v, i - v));
      }
    }
    if (!name.empty()) attrs.emplace_back(std::move(name), std::move(value));
  }
  return attrs;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// Counts invalid sequences, then substitutes U+FFFD for each.
struct CountingContext {
  std::size_t count = 0;
};

void counting_callback(const void* context, UConverterToUnicodeArgs* args, const char* code_units, int32_t length,
                       UConverterCallbackReason reason, UErrorCode* status) {
  if (reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR || reason == UCNV_UNASSIGNED) {
    ++const_cast<CountingContext*>(static_cast<const CountingContext*>(context))->count;
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason, status);
}

struct Conversion {
  bool ok = false;               // the converter exists and the bytes decoded (within the tolerance)
  bool unknown_charset = false;  // ICU has no converter of that name
  std::size_t first_bad = 0;     // offset of the first invalid sequence, when !ok
  std::size_t replaced = 0;
  std::string utf8;
};

// Converts with ICU. `max_replaced` invalid sequences are tolerated (replaced);
// one more fails the conversion.
Conversion convert(std::string_view bytes, const std::string& charset, std::size_t max_replaced) {
  Conversion result;
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status) || !conv) {
    result.unknown_charset = true;
    return result;
  }
  CountingContext counter;
  status = U_ZERO_ERROR;
  if (max_replaced == 0) {
    ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  } else {
    ucnv_setToUCallBack(conv.get(), counting_callback, &counter, nullptr, nullptr, &status);
  }
  if (U_FAILURE(status)) {
    result.unknown_charset = true;
    return result;
  }
  result.utf8.reserve(bytes.size() + bytes.size() / 4);
  constexpr std::size_t kChunk = 16384;  // UTF-16 units converted at a time
  std::array<UChar, kChunk> target_buffer{};
  std::array<char, kChunk * 3> utf8_buffer{};  // at most 3 UTF-8 bytes a UTF-16 unit
  const char* source = bytes.data();
  const char* source_limit = bytes.data() + bytes.size();
  for (;;) {
    UChar* target = target_buffer.data();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, target_buffer.data() + target_buffer.size(), &source, source_limit, nullptr,
                   /*flush=*/true, &status);
    const bool more = status == U_BUFFER_OVERFLOW_ERROR;
    if (U_FAILURE(status) && !more) {
      result.first_bad = static_cast<std::size_t>(source - bytes.data());
      return result;
    }
    if (counter.count > max_replaced) {
      result.first_bad = static_cast<std::size_t>(source - bytes.data());
      return result;
    }
    int32_t utf8_length = 0;
    UErrorCode utf8_status = U_ZERO_ERROR;
    u_strToUTF8(utf8_buffer.data(), static_cast<int32_t>(utf8_buffer.size()), &utf8_length, target_buffer.data(),
                static_cast<int32_t>(target - target_buffer.data()), &utf8_status);
    if (U_FAILURE(utf8_status)) {
      result.first_bad = static_cast<std::size_t>(source - bytes.data());
      return result;
    }
    result.utf8.append(utf8_buffer.data(), static_cast<std::size_t>(utf8_length));
    if (!more) break;
  }
  result.ok = true;
  result.replaced = counter.count;
  return result;
}

// What valid_utf8() found.
struct Utf8Check {
  bool valid = false;
  bool ascii = false;          // every byte below 0x80 (only set when valid)
  std::size_t bad_offset = 0;  // of the first invalid byte, when not valid
};

// analysis::is_valid_utf8 after the ASCII the bytes start with (markup is
// mostly ASCII; is_valid_utf8 skips later ASCII runs eight bytes at a time
// too).
Utf8Check valid_utf8(std::string_view bytes) {
  Utf8Check check;
  const std::size_t ascii = analysis::ascii_prefix(bytes);
  check.ascii = ascii == bytes.size();
  check.valid = check.ascii || analysis::is_valid_utf8(bytes.substr(ascii), &check.bad_offset);
  if (!check.valid) check.bad_offset += ascii;
  return check;
}

std::size_t tolerance(std::size_t size) { return std::max<std::size_t>(8, size / 1000); }

// The C0 control bytes no charset uses in text: all but tab, line feed, form
// feed, carriage return, and the shifts and escape of ISO-2022 (SO, SI, ESC).
// Sets *first to the offset of the first.
std::size_t count_controls(std::string_view bytes, std::size_t* first) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == 0x0E || c == 0x0F || c == 0x1B) {
      continue;
    }
    if (count++ == 0) *first = i;
  }
  return count;
}

// UTF-16 and UTF-32 write ASCII with NUL bytes.
bool wide_charset(std::string_view charset) { return charset.starts_with("UTF-16") || charset.starts_with("UTF-32"); }

// Charsets ICU's detector proposes, best first, from the start of the page.
std::vector<std::string> detected_charsets(std::string_view bytes) {
  std::vector<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
  if (U_FAILURE(status)) return out;
  const std::string_view sample = bytes.substr(0, kDetectBytes);
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  ucsdet_enableInputFilter(det.get(), true);  // statistics of the text, not of the markup
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &found, &status);
  if (U_FAILURE(status)) return out;
  for (int32_t i = 0; i < found; ++i) {
    UErrorCode name_status = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &name_status);
    if (U_SUCCESS(name_status) && name != nullptr) {
      std::string canonical = canonical_charset(name);
      if (std::find(out.begin(), out.end(), canonical) == out.end()) out.push_back(std::move(canonical));
    }
  }
  return out;
}

}  // namespace

std::string canonical_charset(std::string_view label) {
  const std::string low = to_lower(trim(label));
  if (low.empty()) return {};
  struct Alias {
    const char* label;
    const char* charset;
  };
  static constexpr Alias kAliases[] = {
      {"utf-8", "UTF-8"},
      {"utf8", "UTF-8"},
      {"unicode-1-1-utf-8", "UTF-8"},
      {"iso-8859-1", "windows-1252"},
      {"iso8859-1", "windows-1252"},
      {"iso_8859-1", "windows-1252"},
      {"latin1", "windows-1252"},
      {"l1", "windows-1252"},
      {"us-ascii", "windows-1252"},
      {"ascii", "windows-1252"},
      {"cp1252", "windows-1252"},
      {"windows-1252", "windows-1252"},
      {"x-cp1252", "windows-1252"},
      {"cp819", "windows-1252"},
      {"iso-8859-9", "windows-1254"},
      {"latin5", "windows-1254"},
      {"iso-8859-11", "windows-874"},
      {"tis-620", "windows-874"},
      {"shift_jis", "Shift_JIS"},
      {"shift-jis", "Shift_JIS"},
      {"sjis", "Shift_JIS"},
      {"x-sjis", "Shift_JIS"},
      {"ms_kanji", "Shift_JIS"},
      {"csshiftjis", "Shift_JIS"},
      {"windows-31j", "Shift_JIS"},
      {"cp932", "Shift_JIS"},
      {"gb2312", "GB18030"},
      {"gbk", "GB18030"},
      {"x-gbk", "GB18030"},
      {"gb18030", "GB18030"},
      {"chinese", "GB18030"},
      {"euc-kr", "windows-949"},
      {"ks_c_5601-1987", "windows-949"},
      {"big5", "Big5"},
      {"euc-jp", "EUC-JP"},
      {"iso-2022-jp", "ISO-2022-JP"},
      {"koi8-r", "KOI8-R"},
      {"windows-1251", "windows-1251"},
      {"cp1251", "windows-1251"},
      // HTML5: a page that declares UTF-16 in its markup is read as UTF-8 (the
      // declaration could not have been read if it were UTF-16).
      {"utf-16", "UTF-8"},
      {"utf-16le", "UTF-8"},
      {"utf-16be", "UTF-8"},
  };
  for (const Alias& alias : kAliases) {
    if (low == alias.label) return alias.charset;
  }
  // ICU's detector names: "ISO-8859-1" is windows-1252 on the web too.
  return std::string(trim(label));
}

std::string declared_charset(std::string_view bytes, std::string* from) {
  const std::string_view head = bytes.substr(0, kPrescanBytes);
  if (head.substr(0, 5) == "<?xml") {
    const std::size_t end = head.find("?>");
    std::size_t i = 5;
    if (end != std::string_view::npos) {
      const std::string_view decl = head.substr(0, end);
      for (const auto& [name, value] : tag_attributes(decl, i)) {
        if (name == "encoding" && !value.empty()) {
          if (from != nullptr) *from = "xml";
          return canonical_charset(value);
        }
      }
    }
  }
  const std::string low = to_lower(head);
  std::size_t pos = 0;
  while ((pos = low.find("<meta", pos)) != std::string::npos) {
    std::size_t i = pos + 5;
    pos = i;
    if (i < low.size() && !is_space(low[i]) && low[i] != '/') continue;  // <metadata>, not <meta>
    std::string charset;
    std::string content;
    bool content_type = false;
    for (const auto& [name, value] : tag_attributes(head, i)) {
      if (name == "charset") charset = value;
      if (name == "content") content = value;
      if (name == "http-equiv" && to_lower(trim(value)) == "content-type") content_type = true;
    }
    if (charset.empty() && content_type) charset = charset_in_content_type(content);
    if (!trim(charset).empty()) {
      if (from != nullptr) *from = "meta";
      return canonical_charset(charset);
    }
  }
  return {};
}

DecodedHtml decode_html(std::string_view bytes, std::string_view http_charset, bool read_markup) {
  DecodedHtml out;
  // 1. A byte-order mark decides.
  if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0) {
    out.charset = "UTF-8";
    out.charset_from = "bom";
    bytes.remove_prefix(3);
  } else if (bytes.size() >= 2 &&
             (std::memcmp(bytes.data(), "\xFE\xFF", 2) == 0 || std::memcmp(bytes.data(), "\xFF\xFE", 2) == 0)) {
    out.charset = bytes[0] == '\xFE' ? "UTF-16BE" : "UTF-16LE";
    out.charset_from = "bom";
    bytes.remove_prefix(2);
  }
  // 2. The HTTP header, then the markup.
  if (out.charset.empty()) {
    out.charset = canonical_charset(http_charset);
    if (!out.charset.empty()) out.charset_from = "http";
  }
  if (out.charset.empty() && read_markup) out.charset = declared_charset(bytes, &out.charset_from);

  // 3. Bytes that are valid UTF-8 with some non-ASCII in them are UTF-8,
  // whatever a page declares: legacy-charset text essentially never forms valid
  // multi-byte UTF-8 sequences, while pages that declare ISO-8859-1 and hold
  // UTF-8 are common, and decoding them as declared would be mojibake.
  std::size_t bad_offset = 0;
  const Utf8Check utf8 = out.charset_from == "bom" ? Utf8Check{} : valid_utf8(bytes);
  if (!utf8.valid) bad_offset = utf8.bad_offset;
  if (utf8.valid) {
    if (!utf8.ascii || out.charset.empty() || out.charset == "UTF-8") {
      if (out.charset != "UTF-8") out.charset_from = "utf-8";
      out.utf8 = std::string(bytes);
      out.charset = "UTF-8";
      return out;
    }
  }
  const std::string declared = out.charset;
  const std::string declared_from = out.charset_from;
  // Binary data: a single-byte charset "decodes" any bytes, so a page full of
  // control bytes (more than one in a hundred; random bytes hold one in ten)
  // would become mojibake; it can only be UTF-16 or UTF-32.
  std::size_t first_control = 0;
  const std::size_t controls = out.charset_from == "bom" ? 0 : count_controls(bytes, &first_control);
  const bool binary = controls > std::max<std::size_t>(8, bytes.size() / 100);
  if (!declared.empty() && (!binary || wide_charset(declared))) {
    // 4. The declared charset, strictly; for UTF-8, a few bad sequences (a
    // stray byte in a UTF-8 page) are replaced rather than taken as a sign of
    // another charset.
    Conversion c = convert(bytes, declared, declared == "UTF-8" ? tolerance(bytes.size()) : 0);
    if (c.ok) {
      out.utf8 = std::move(c.utf8);
      out.replaced = c.replaced;
      return out;
    }
    if (!c.unknown_charset) bad_offset = c.first_bad;
  }
  // 5. The declaration (if any) does not fit: the detector's candidates, strictly.
  for (const std::string& candidate : detected_charsets(bytes)) {
    if (candidate == declared || candidate == "UTF-8" || (binary && !wide_charset(candidate))) continue;
    Conversion c = convert(bytes, candidate, 0);
    if (c.ok) {
      out.utf8 = std::move(c.utf8);
      out.charset = candidate;
      out.charset_from = "detected";
      return out;
    }
  }
  if (binary) {
    throw Error("HTML page: binary data, not text in any charset: " + std::to_string(controls) +
                " control bytes, the first at byte " + std::to_string(first_control));
  }
  // 6. A declared legacy charset with a few bytes it does not define.
  if (!declared.empty()) {
    Conversion c = convert(bytes, declared, tolerance(bytes.size()));
    if (c.ok) {
      out.utf8 = std::move(c.utf8);
      out.replaced = c.replaced;
      return out;
    }
    if (c.unknown_charset) {
      throw Error("HTML page: unknown charset \"" + declared + "\" (from " + declared_from +
                  ") and no other charset decodes the page");
    }
    throw Error("HTML page: cannot decode as " + declared + " (from " + declared_from + "): invalid bytes at byte " +
                std::to_string(bad_offset) + ", and no other charset decodes the page");
  }
  throw Error("HTML page: no charset declared, not UTF-8 (invalid byte at " + std::to_string(bad_offset) +
              "), and no charset the detector proposes decodes the page");
}

}  // namespace newsdex::readers
