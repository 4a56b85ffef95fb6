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

struct Lexicon {
  std::unordered_set<std::string> given_names;
  std::unordered_set<std::string> speech_verbs;      // lower case
  std::unordered_set<std::string> org_heads;
  std::unordered_set<std::string> non_person_words;
  std::unordered_map<std::string, std::string> org_names;  // as written -> group key
  std::size_t longest_org_name_words = 1;
  // Titles as word sequences; roles are stored lower-cased.
  std::vector<std::pair<std::vector<std::string>, TitleKind>> titles;

  bool is_given_name(std::string_view word) const;
  bool is_speech_verb(std::string_view word) const;
  bool is_org_head(std::string_view word) const;
  bool is_non_person_word(std::string_view word) const;
  // Number of words of the longest title starting at words[i], 0 if none.
  // Honorifics match case-sensitively, roles ignoring case.
  std::size_t title_length_at(const std::vector<Word>& words, std::size_t i,
                              TitleKind* kind = nullptr) const;
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
