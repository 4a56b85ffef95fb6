// The words entity rules work on: a scanner that splits a title or body into
// words and punctuation with byte offsets and case flags, and the word lists of
// common/entities/data/ (given names, titles, speech verbs, organization heads).
// Internal to common/entities/. Thread safety: lexicon() is immutable once built.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/entities/entities.h"

namespace newsdex::entities {

enum class WordKind {
  kWord,        // letters/digits, with inner '-', apostrophes and abbreviation dots
  kOpenQuote,   // “ 「 or a straight " that opens
  kCloseQuote,  // ” 」 or a straight " that closes
  kPunct,       // any other punctuation character
};

struct Word {
  WordKind kind = WordKind::kWord;
  std::uint32_t start = 0;  // byte offsets into the scanned text
  std::uint32_t end = 0;
  std::string_view text;
  bool capitalized = false;     // first letter upper case ("Kerry", "al-Assad" is not)
  bool all_caps = false;        // two or more letters, none lower case ("NATO", "BOGOTÁ")
  bool sentence_start = false;  // first word of a sentence, line or paragraph
  std::uint32_t paragraph = 0;  // 0-based; a blank line starts a new one
};

// Splits `text` into words and punctuation. Straight double quotes alternate
// open/close within a paragraph and reset at a paragraph break (news style).
std::vector<Word> scan_words(std::string_view text);

// `word` without a trailing possessive ('s, ’s, or a bare ' after s).
std::string_view strip_possessive(std::string_view word);

// Lower-case ASCII letters; other bytes unchanged.
std::string ascii_lower(std::string_view s);

// "KERRY" -> "Kerry" (first letter kept, rest lower-cased, UTF-8 aware).
std::string title_case(std::string_view s);

enum class TitleKind { kHonorific, kRole };

// Hash and equality for unordered containers of std::string that also look
// up std::string_view keys without building a string (heterogeneous lookup).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
struct StringEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
};
// The same, ignoring ASCII case: keys are stored lower-cased, any case finds them.
struct AsciiNoCaseHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept;
};
struct AsciiNoCaseEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept;
};

using StringSet = std::unordered_set<std::string, StringHash, StringEq>;
using NoCaseStringSet = std::unordered_set<std::string, AsciiNoCaseHash, AsciiNoCaseEq>;

struct Lexicon {
  StringSet given_names;         // given_names.txt and given_names_world.txt
  StringSet surnames;            // surnames.txt: family names that end a name
  StringSet surnames_first;      // surnames.txt [first]: family names that open one ("Li Peng")
  NoCaseStringSet speech_verbs;  // lower case; looked up ignoring ASCII case
  StringSet org_heads;
  StringSet non_person_words;
  std::unordered_map<std::string, std::string, StringHash, StringEq> org_names;  // as written -> group key
  std::size_t longest_org_name_words = 1;
  StringSet org_name_first_words;  // first word of every key of org_names
  // Titles as word sequences; roles are stored lower-cased.
  std::vector<std::pair<std::vector<std::string>, TitleKind>> titles;
  // Indexes into `titles` (file order) by their lower-cased first word.
  std::unordered_map<std::string, std::vector<std::size_t>, AsciiNoCaseHash, AsciiNoCaseEq> titles_by_first_word;

  bool is_given_name(std::string_view word) const;
  // A known family name, or a word with a family-name ending (-ov, -enko,
  // -ski, -vic, -escu, -poulos...), of at least 6 letters.
  bool is_surname(std::string_view word) const;
  bool is_surname_first(std::string_view word) const;
  bool is_speech_verb(std::string_view word) const;
  bool is_org_head(std::string_view word) const;
  bool is_non_person_word(std::string_view word) const;
  // Number of words of the longest title starting at words[i], 0 if none.
  // Honorifics match case-sensitively, roles ignoring case.
  std::size_t title_length_at(const std::vector<Word>& words, std::size_t i, TitleKind* kind = nullptr) const;
};

// The lexicon built from the embedded data files, once per process.
const Lexicon& lexicon();

// Name particles that may sit lower-case inside a name ("de", "van", "bin").
bool is_name_particle(std::string_view word);

}  // namespace newsdex::entities

namespace newsdex::entities {

// One scanned field of an article.
struct FieldText {
  Field field = Field::kBody;
  std::string_view text;
  std::vector<Word> words;
};

// A name found in a field: words [first, last) of that field, entity index.
struct NameSpan {
  Field field = Field::kBody;
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t entity = 0;
};

}  // namespace newsdex::entities
