#include "common/terminal_text.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsdex {
namespace {

struct Case {
  std::string_view in;
  std::string_view out;
};

void check_table(const std::vector<Case>& cases, LineBreaks line_breaks) {
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(sanitize_terminal_text(c.in, line_breaks) == c.out);
  }
}

// True if `s` holds a byte or code point a terminal would act on.
bool has_unsafe(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return true;
  }
  for (std::string_view bidi :
       {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"}) {
    if (s.find(bidi) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("sanitize_terminal_text passes printable text, accents, CJK and emoji unchanged") {
  check_table({{"", ""},
               {"Kerry meets Lavrov", "Kerry meets Lavrov"},
               {"Genève, München, Ñandú", "Genève, München, Ñandú"},
               {"東京 서울 القاهرة", "東京 서울 القاهرة"},
               {"soft\u00ADhyphen, zero\u200Bwidth, \u00A0nbsp", "soft\u00ADhyphen, zero\u200Bwidth, \u00A0nbsp"},
               {"😀 ok … “quotes”", "😀 ok … “quotes”"},
               {"\\x1b typed by hand", "\\x1b typed by hand"}},
              LineBreaks::kSpace);
}

TEST_CASE("sanitize_terminal_text shows ESC, OSC 52 and other C0 controls as \\x escapes") {
  check_table({{"\x1b[2J\x1b[Hforged", "\\x1b[2J\\x1b[Hforged"},
               {"a\x1b]52;c;ZXZpbA==\x07z", "a\\x1b]52;c;ZXZpbA==\\x07z"},
               {"bell\x07 back\x08space", "bell\\x07 back\\x08space"},
               {std::string_view("nul\0byte", 8), "nul\\x00byte"},
               {"del\x7f", "del\\x7f"},
               {"\x1f\x01", "\\x1f\\x01"}},
              LineBreaks::kSpace);
}

TEST_CASE("sanitize_terminal_text shows C1 controls as \\u escapes, not as 8-bit CSI or OSC") {
  check_table({{"a\u009B2Jb", "a\\u009b2Jb"},
               {"\u009D52;c;eA==\u009C", "\\u009d52;c;eA==\\u009c"},
               {"\u0080\u0085\u009F", "\\u0080\\u0085\\u009f"}},
              LineBreaks::kSpace);
}

TEST_CASE("sanitize_terminal_text shows bidi overrides and isolates, so they cannot reorder text") {
  check_table({{"invoice\u202Efdp.exe", "invoice\\u202efdp.exe"},
               {"\u202A\u202B\u202C\u202D", "\\u202a\\u202b\\u202c\\u202d"},
               {"\u2066x\u2067y\u2068z\u2069", "\\u2066x\\u2067y\\u2068z\\u2069"},
               // Marks that only set direction stay: right-to-left text needs them.
               {"\u200Fשלום\u200E", "\u200Fשלום\u200E"}},
              LineBreaks::kSpace);
}

TEST_CASE("sanitize_terminal_text turns line breaks and tabs into spaces in running text") {
  check_table({{"line one\nline two", "line one line two"},
               {"a\tb\r\nc", "a b  c"},
               {"v\vf\f", "v f "},
               {"para\u2028line\u2029", "para line "}},
              LineBreaks::kSpace);
}

TEST_CASE("sanitize_terminal_text escapes line breaks and tabs in exact values") {
  check_table({{"line one\nline two", "line one\\nline two"},
               {"a\tb\r\nc", "a\\tb\\r\\nc"},
               {"v\vf\f", "v\\x0bf\\x0c"},
               {"para\u2028line\u2029", "para\\u2028line\\u2029"},
               {"\x1b[31m", "\\x1b[31m"}},
              LineBreaks::kEscape);
}

TEST_CASE("sanitize_terminal_text replaces each byte of invalid UTF-8 with U+FFFD") {
  check_table({{"caf\xE9", "caf\uFFFD"},
               {"\x9B"
                "2J",
                "\uFFFD2J"},                                      // an 8-bit CSI on a Latin-1 terminal
               {"\xC0\xAF", "\uFFFD\uFFFD"},                      // overlong '/'
               {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},            // a surrogate
               {"\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"},  // past U+10FFFF
               {"\xE2\x82", "\uFFFD\uFFFD"},                      // cut short at the end
               {"\xE2\x82x\xE2\x82\xAC", "\uFFFD\uFFFDx€"},
               {"\xC2\x1b", "\uFFFD\\x1b"}},  // a lead byte cannot swallow the ESC after it
              LineBreaks::kSpace);
}

TEST_CASE("sanitize_terminal_text leaves no unsafe byte in any input") {
  // Every byte value, alone and after each lead byte; then every code point of
  // the ranges that matter.
  std::string all;
  for (int b = 0; b < 256; ++b) {
    all.push_back(static_cast<char>(b));
    all.push_back('x');
    for (int lead : {0xC2, 0xE2, 0xF0}) {
      all.push_back(static_cast<char>(lead));
      all.push_back(static_cast<char>(b));
    }
  }
  all += "\u0080\u009F\u202A\u202E\u2066\u2069";
  for (LineBreaks mode : {LineBreaks::kSpace, LineBreaks::kEscape}) {
    std::string out = sanitize_terminal_text(all, mode);
    CHECK_FALSE(has_unsafe(out));
    CHECK(sanitize_terminal_text(out, mode) == out);  // safe text comes back identical
  }
}

TEST_CASE("excerpt_for_message cuts long values at a character, escapes line breaks and marks the cut") {
  CHECK(excerpt_for_message("short", 60) == "short");
  CHECK(excerpt_for_message("a\nb", 60) == "a\\nb");
  CHECK(excerpt_for_message(std::string(100000, 'x'), 10) == std::string(9, 'x') + "…");
  CHECK(excerpt_for_message("ééééé", 4) == "ééé…");
  CHECK(excerpt_for_message("ééé", 3) == "ééé");
  // An escape is never cut in half.
  CHECK(excerpt_for_message("ab\x1b[2J", 5) == "ab…");
  CHECK(excerpt_for_message("ab\x1b[2J", 7) == "ab\\x1b…");
}

}  // namespace newsdex

namespace newsdex {

TEST_CASE("display_width counts terminal columns: wide CJK 2, combining marks 0, escapes as their text") {
  CHECK(display_width("") == 0);
  CHECK(display_width("Kerry") == 5);
  CHECK(display_width("München") == 7);
  CHECK(display_width("Mu\u0308nchen") == 7);  // u + combining diaeresis
  CHECK(display_width("東京") == 4);
  CHECK(display_width("서울") == 4);
  CHECK(display_width("😀") == 2);
  CHECK(display_width(sanitize_terminal_text("a\x1b")) == 5);
  CHECK(display_width("caf\xE9") == 4);  // a bad byte takes the column of its U+FFFD
}

}  // namespace newsdex
