// Text from articles, files and users made safe to show on a terminal: the one
// sanitiser both tools run over every string they print in text mode (JSON
// output escapes control characters itself). Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex {

// What becomes of the white-space control characters \t \n \v \f \r (and the
// Unicode line and paragraph separators U+2028, U+2029).
enum class LineBreaks {
  kSpace,   // each becomes one space: running text shown on one line (titles,
            // snippets, names), where a break in the source is only layout
  kEscape,  // shown escaped (\t \n \r, \x0b \x0c, \u2028 \u2029): values whose
            // exact bytes matter (ids, paths, a value quoted in a message)
};

// Returns `text` (UTF-8) with everything a terminal would act on instead of
// showing replaced by something visible, so nothing is executed and nothing
// is silently hidden:
//   - C0 controls U+0000-U+001F and DEL U+007F -> "\x1b" (two lower-case hex
//     digits), except the white space that `line_breaks` decides on. ESC thus
//     loses its power and the rest of an escape sequence ("[2J", "]52;c;...")
//     shows as the plain text it is;
//   - C1 controls U+0080-U+009F (CSI, OSC... as UTF-8) -> "\u009b";
//   - the bidi embeddings, overrides and isolates U+202A-U+202E and
//     U+2066-U+2069, which reorder what is shown -> "\u202e";
//   - invalid UTF-8 -> U+FFFD, one per byte that starts no valid sequence.
// Everything else, printable non-ASCII included, passes unchanged, so already
// safe text comes back identical. Apply it to the text before adding our own
// colour codes.
std::string sanitize_terminal_text(std::string_view text, LineBreaks line_breaks = LineBreaks::kSpace);

// As sanitize_terminal_text, for a value quoted inside a one-line message: line
// breaks escaped, and cut to at most `max_chars` characters of the
// sanitised text, at a character boundary, with "…" appended when cut.
// Requires: max_chars >= 1.
std::string excerpt_for_message(std::string_view text, std::size_t max_chars = 60);

// Columns the code point `cp` takes on a terminal: 2 for East Asian wide and
// full-width characters, 0 for combining marks and zero-width characters, 1
// otherwise. A small table instead of ICU's, so that printers stay free of text
// libraries: close enough to lay out results and place a caret.
std::size_t code_point_width(std::uint32_t cp);

// Columns `text` takes on a terminal: the sum of code_point_width over its
// code points; each byte of invalid UTF-8 counts as one column (as U+FFFD).
// Requires: sanitised text (sanitize_terminal_text), or the columns of what
// the terminal makes of control characters are not counted.
std::size_t display_width(std::string_view text);

}  // namespace newsdex
