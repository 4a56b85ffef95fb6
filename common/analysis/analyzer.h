// The one text analyzer of newsdex: ICU word boundaries, Unicode normalisation,
// case/accent folding and Snowball stemming. The indexer, the query parser and
// the snippet highlighter all call it, so they can never disagree on a word.
// Thread safety: an Analyzer holds ICU iterators; use one instance per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::analysis {

// One word of the input, as indexed and queried.
struct Token {
  std::string term;     // normalised: NFKC, case-folded, accent-folded (Latin,
                        // Greek, Cyrillic), possessive 's dropped, apostrophes
                        // removed, dotted acronyms joined ("U.S." -> "us"),
                        // thousands separators removed ("1,200" -> "1200")
  std::uint32_t start;  // byte offset of the token's first byte in the input
  std::uint32_t end;    // byte offset one past its last byte
};

// A byte range [start, end) of the input.
struct Span {
  std::uint32_t start;
  std::uint32_t end;
};

class Analyzer {
 public:
  // lang: anything language_code() understands ("en", "german", "en-US");
  // "" means English. A language without a Snowball stemmer (has_stemmer())
  // gets no stemming (stem() = term).
  explicit Analyzer(std::string_view lang = "en");
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Splits UTF-8 text into words (ICU word boundaries, dictionary-based for
  // Chinese, Japanese, Thai...). Punctuation and spaces are dropped; numbers
  // are kept. Offsets index `text`, so they highlight the original bytes.
  // Requires: valid UTF-8 (use is_valid_utf8 first); invalid bytes are skipped.
  std::vector<Token> tokenize(std::string_view text);

  // Sentences of `text` (ICU sentence boundaries), trimmed of surrounding white
  // space, empty ones dropped. A single line break inside a paragraph does not
  // end a sentence (wire copy is hard-wrapped); a blank line always does.
  std::vector<Span> sentences(std::string_view text);

  // The Snowball stem of a normalised term (a Token::term).
  std::string stem(const std::string& term) const;

  // Canonical language code this analyzer stems for ("en"), or "" if none.
  const std::string& language() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Normalises one word the way tokenize() does, without splitting it. Used for
// wildcard prefixes and filter values. Returns "" for input with no letters or
// digits.
std::string fold(std::string_view word);

// A filter value ("Harbor Ledger", "harbor  ledger") as stored in a boolean
// term: the tokens' terms joined by single spaces ("harbor ledger").
std::string normalize_value(Analyzer& analyzer, std::string_view value);

// True if `text` is well-formed UTF-8 (no overlongs, surrogates or bytes
// beyond U+10FFFF). Returns the byte offset of the first bad byte otherwise
// through `bad_offset` when given.
bool is_valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

// The length of the run of ASCII bytes (below 0x80) that `text` starts
// with, read eight bytes at a time: text.size() when all of it is ASCII.
std::size_t ascii_prefix(std::string_view text);

// The language code newsdex records for a language name, code or tag: the
// article's L<code> term and the "newsdex:languages" metadata (the indexer
// normalises each record's "lang"), and what a lang: filter matches (the
// query parser). Surrounding white space is ignored, case too:
//   - a name or code Xapian has a Snowball stemmer for, or a tag whose primary
//     subtag is one: its ISO 639-1 code ("en", "EN", "english", "en-US",
//     "en_GB" -> "en"; "German" -> "de");
//   - else a primary subtag of 2-3 ASCII letters, lower-cased, kept without
//     stemming ("ja", "zh-Hant" -> "zh", "haw");
//   - a tag with an empty primary subtag ("-US") -> "en";
//   - "" for anything else: "", "klingon", "e", "x1".
std::string language_code(std::string_view lang);

// True when `code` (a language_code() result) is a language Xapian stems:
// an Analyzer for it stems words, and its stems are in the index.
bool has_stemmer(std::string_view code);

// English stopwords ("the", "of", ...), dropped from free-text queries (never
// from the index: phrases still match them).
bool is_stopword(std::string_view term);

}  // namespace newsdex::analysis
