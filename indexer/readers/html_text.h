// Text helpers shared by the HTML extraction files: whitespace collapsing and
// the word tokens the extraction compares texts by. Thread safety: no state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::readers {

// True for the bytes HTML counts as white space, plus the UTF-8 lead byte of
// U+00A0 (no-break space) handled by append_collapsed.
inline bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Appends `text` to `out` with runs of white space (including U+00A0 and other
// Unicode spaces such as U+2009, U+200B) collapsed into one ' '. A space is
// written only before the next visible character, and never at the start of
// `out` or after a '\n'. `pending_space` carries a space across calls.
void append_collapsed(std::string& out, std::string_view text, bool& pending_space);

// Collapses white space and trims: "  a \n b " -> "a b".
std::string collapse_space(std::string_view text);

// Word tokens as Python's `\w+` finds them in a str: maximal runs of letters
// (L*), numbers (N*) and '_'; combining marks and punctuation separate words.
// The views point into `text`. Invalid UTF-8 bytes separate words.
std::vector<std::string_view> word_tokens(std::string_view text);

// Number of bytes in `text` that are not ASCII white space.
std::size_t visible_bytes(std::string_view text);

}  // namespace newsdex::readers
