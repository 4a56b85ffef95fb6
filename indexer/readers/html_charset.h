// The character set of an HTML page and its conversion to UTF-8 (ICU inside the
// .cpp). Thread safety: the functions share no state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex::readers {

// A page converted to UTF-8.
struct DecodedHtml {
  std::string utf8{};          // the page's text, valid UTF-8, byte-order mark removed
  std::string charset{};       // the charset it was decoded from, canonical ("UTF-8", "windows-1252", "Shift_JIS")
  std::string charset_from{};  // where that came from: "bom", "http", "meta", "xml", "utf-8" (undeclared,
                               // and the bytes are valid UTF-8) or "detected" (ICU's detector)
  std::size_t replaced = 0;    // invalid byte sequences replaced by U+FFFD (a few are tolerated in a
                               // page whose declared charset otherwise fits)
};

// The charset a label names, as WHATWG's Encoding standard maps labels, in the
// spelling ICU understands: "latin1", "iso-8859-1", "us-ascii" -> "windows-1252";
// "sjis" -> "Shift_JIS"; "gb2312", "gbk" -> "GB18030"; "utf8" -> "UTF-8". Other
// labels are returned trimmed and unchanged; "" for a blank label.
std::string canonical_charset(std::string_view label);

// The charset a page declares in its markup: a byte-order mark aside, the XML
// declaration's encoding="..." or the first <meta charset> / <meta http-equiv=
// "Content-Type" content="...; charset=..."> within the first 4 KiB (the part
// HTML5's prescan reads, doubled). Sets *from to "meta" or "xml". "" if none.
std::string declared_charset(std::string_view bytes, std::string* from = nullptr);

// Converts a page to UTF-8. A byte-order mark decides. Otherwise the charset
// declared is `http_charset` (the charset parameter of the HTTP Content-Type,
// may be empty), else the page's declaration (declared_charset). Bytes that are
// valid UTF-8 and not pure ASCII are read as UTF-8 whatever is declared (a page
// labelled ISO-8859-1 that holds UTF-8 would otherwise become mojibake).
// Else the declared charset is used when the bytes fit it (for UTF-8, up to one
// invalid sequence per 1,000 bytes, at least 8, is replaced by U+FFFD); else
// the first charset ICU's detector proposes that decodes the bytes without an
// error; else the declared charset with that tolerance.
// With `read_markup` false the markup's own declaration is not read: for an
// XML document, whose caller passes its declaration as `http_charset` and in
// which an HTML <meta> (inside XHTML content) declares nothing.
// Bytes that are not UTF-8 and hold more control characters than text does
// (over 1 in 100 of them; no byte-order mark) are binary data: only UTF-16 or
// UTF-32 may decode them, never a single-byte charset, which decodes anything.
// Throws newsdex::Error when no charset decodes the page (naming the charset
// tried and the offset of the first invalid byte) or when the declared charset
// is unknown to ICU and nothing else fits.
DecodedHtml decode_html(std::string_view bytes, std::string_view http_charset = {}, bool read_markup = true);

}  // namespace newsdex::readers
