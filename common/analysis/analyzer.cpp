// ICU-based implementation of the analyzer. ICU types stay in this file.
#include "common/analysis/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <unordered_set>

#include "common/analysis/abbreviations.h"
#include "common/error.h"
#include "common/schema.h"

namespace newsdex::analysis {
namespace {

void check_icu(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw Error(std::string("ICU error in ") + what + ": " + u_errorName(status));
  }
}

// RAII for a UText opened over UTF-8 bytes (no copy: offsets are byte offsets).
class Utf8Text {
 public:
  explicit Utf8Text(std::string_view s) {
    UErrorCode status = U_ZERO_ERROR;
    ut_ = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status);
    check_icu(status, "utext_openUTF8");
  }
  ~Utf8Text() { utext_close(ut_); }
  Utf8Text(const Utf8Text&) = delete;
  Utf8Text& operator=(const Utf8Text&) = delete;
  UText* get() const { return ut_; }

 private:
  UText* ut_ = nullptr;
};

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_apostrophe(UChar32 c) { return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07 || c == 0x2032; }

// Latin letters that carry their "accent" in the base letter itself, so NFD
// cannot strip it.
const char* fold_special_latin(UChar32 c) {
  switch (c) {
    case 0x00F8:
      return "o";  // ø
    case 0x0111:
      return "d";  // đ
    case 0x0142:
      return "l";  // ł
    case 0x00E6:
      return "ae";  // æ
    case 0x0153:
      return "oe";  // œ
    case 0x00FE:
      return "th";  // þ
    case 0x00F0:
      return "d";  // ð
    case 0x0131:
      return "i";  // dotless ı
    case 0x0127:
      return "h";  // ħ
    default:
      return nullptr;
  }
}

bool strips_marks(UScriptCode script) {
  return script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_CYRILLIC;
}

std::string fold_ascii(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string fold_unicode(std::string_view word) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  check_icu(status, "Normalizer2");

  icu::UnicodeString in =
      icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  icu::UnicodeString folded = nfkc_cf->normalize(in, status);
  check_icu(status, "NFKC_Casefold");
  icu::UnicodeString decomposed = nfd->normalize(folded, status);
  check_icu(status, "NFD");

  icu::UnicodeString stripped;
  UScriptCode base_script = USCRIPT_COMMON;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (is_apostrophe(c)) {
      stripped.append(static_cast<UChar32>('\''));
      continue;
    }
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (strips_marks(base_script)) continue;  // é -> e, but keep Devanagari/Thai vowel signs
      stripped.append(c);
      continue;
    }
    UErrorCode script_status = U_ZERO_ERROR;
    base_script = uscript_getScript(c, &script_status);
    if (const char* repl = fold_special_latin(c)) {
      stripped.append(icu::UnicodeString(repl, -1, icu::UnicodeString::kInvariant));
    } else {
      stripped.append(c);
    }
  }
  icu::UnicodeString composed = nfc->normalize(stripped, status);
  check_icu(status, "NFC");
  std::string out;
  composed.toUTF8String(out);
  return out;
}

// After folding: drop a possessive 's, then any apostrophe; drop thousands
// separators. Works on folded text, where all apostrophes are ASCII.
std::string finish_term(std::string term) {
  if (term.size() > 2 && term.ends_with("'s")) term.resize(term.size() - 2);
  std::erase(term, '\'');
  bool has_digit = std::any_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (has_digit) std::erase(term, ',');
  return term;
}

bool is_single_letter(std::string_view piece) {
  if (piece.empty()) return false;
  UChar32 c = 0;
  int32_t i = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(piece.data()), i, static_cast<int32_t>(piece.size()), c);
  return c >= 0 && i == static_cast<int32_t>(piece.size()) && u_isalpha(c);
}

bool is_numeric_piece(std::string_view piece) {
  return !piece.empty() &&
         std::all_of(piece.begin(), piece.end(), [](char c) { return (c >= '0' && c <= '9') || c == ','; });
}

bool has_word_char(std::string_view term) {
  if (is_ascii(term)) {
    return std::any_of(term.begin(), term.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  }
  return true;  // non-ASCII word segments from ICU always hold letters
}

const std::unordered_set<std::string_view>& stopwords() {
  // Snowball's English list, trimmed to the function words (no "us", "will",
  // "may", which news queries mean as nouns/names: "U.S.", "May").
  static const std::unordered_set<std::string_view> words = {
      "a",       "about",      "above",     "after", "again",   "against",   "all",     "am",     "an",      "and",
      "any",     "are",        "as",        "at",    "be",      "because",   "been",    "before", "being",   "below",
      "between", "both",       "but",       "by",    "could",   "did",       "do",      "does",   "doing",   "down",
      "during",  "each",       "few",       "for",   "from",    "further",   "had",     "has",    "have",    "having",
      "he",      "her",        "here",      "hers",  "herself", "him",       "himself", "his",    "how",     "i",
      "if",      "in",         "into",      "is",    "it",      "its",       "itself",  "me",     "more",    "most",
      "my",      "myself",     "no",        "nor",   "not",     "of",        "off",     "on",     "once",    "only",
      "or",      "other",      "ought",     "our",   "ours",    "ourselves", "out",     "over",   "own",     "same",
      "she",     "should",     "so",        "some",  "such",    "than",      "that",    "the",    "their",   "theirs",
      "them",    "themselves", "then",      "there", "these",   "they",      "this",    "those",  "through", "to",
      "too",     "under",      "until",     "up",    "very",    "was",       "we",      "were",   "what",    "when",
      "where",   "which",      "while",     "who",   "whom",    "why",       "with",    "would",  "you",     "your",
      "yours",   "yourself",   "yourselves"};
  return words;
}

// "... the U.N." / "in the U.K.": two or more single capital letters, each
// followed by a dot, at the end of `sentence`.
bool ends_with_dotted_acronym(std::string_view sentence) {
  std::size_t n = sentence.size();
  int letters = 0;
  while (n >= 2 && sentence[n - 1] == '.' && sentence[n - 2] >= 'A' && sentence[n - 2] <= 'Z') {
    ++letters;
    n -= 2;
  }
  bool word_start = n == 0 || !std::isalnum(static_cast<unsigned char>(sentence[n - 1]));
  return letters >= 2 && word_start;
}

}  // namespace

std::string fold(std::string_view word) {
  std::string term = is_ascii(word) ? fold_ascii(word) : fold_unicode(word);
  term = finish_term(std::move(term));
  // Dotted acronyms typed as one word ("U.S.") fold like the tokenizer does.
  if (term.find('.') != std::string::npos) {
    std::string joined;
    bool acronym = true;
    std::size_t start = 0;
    while (start <= term.size()) {
      std::size_t dot = term.find('.', start);
      std::string_view piece(term.data() + start, (dot == std::string::npos ? term.size() : dot) - start);
      if (!piece.empty()) {
        if (!is_single_letter(piece)) acronym = false;
        joined.append(piece);
      }
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    if (acronym) term = joined;
  }
  return has_word_char(term) ? term : std::string();
}

std::size_t ascii_prefix(std::string_view text) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  std::size_t i = 0;
  while (i + 8 <= text.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    if ((word & kHighBits) != 0) break;
    i += 8;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

bool is_valid_utf8(std::string_view text, std::size_t* bad_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  std::size_t i = 0;
  auto fail = [&]() {
    if (bad_offset) *bad_offset = i;
    return false;
  };
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      i += ascii_prefix(text.substr(i));
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return fail();
    }
    if (i + len > n) return fail();
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0u) != 0x80u) return fail();
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return fail();
    }
    i += len;
  }
  return true;
}

namespace {

// The languages Xapian 1.4 has a Snowball stemmer for: name, ISO 639-1 code.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kStemmerLanguages = {{
    {"english", "en"},    {"german", "de"},     {"french", "fr"},    {"spanish", "es"},  {"italian", "it"},
    {"portuguese", "pt"}, {"dutch", "nl"},      {"russian", "ru"},   {"swedish", "sv"},  {"norwegian", "no"},
    {"danish", "da"},     {"finnish", "fi"},    {"hungarian", "hu"}, {"romanian", "ro"}, {"turkish", "tr"},
    {"arabic", "ar"},     {"armenian", "hy"},   {"basque", "eu"},    {"catalan", "ca"},  {"irish", "ga"},
    {"indonesian", "id"}, {"lithuanian", "lt"}, {"nepali", "ne"},    {"tamil", "ta"},
}};

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The primary subtag of a tag, lower-cased: "EN-us" -> "en".
std::string primary_subtag(std::string_view lang) {
  std::string primary;
  for (char c : lang) {
    if (c == '-' || c == '_') break;
    primary.push_back(ascii_lower(c));
  }
  return primary;
}

}  // namespace

std::string language_code(std::string_view lang) {
  while (!lang.empty() && is_ascii_space(lang.front())) lang.remove_prefix(1);
  while (!lang.empty() && is_ascii_space(lang.back())) lang.remove_suffix(1);
  if (lang.empty()) return "";
  const std::string primary = primary_subtag(lang);
  if (primary.empty()) return "en";
  for (const auto& [name, iso] : kStemmerLanguages) {
    if (primary == name) return std::string(iso);
  }
  const bool code_shaped = primary.size() >= 2 && primary.size() <= 3 &&
                           std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return code_shaped ? primary : "";
}

bool has_stemmer(std::string_view code) {
  return std::any_of(kStemmerLanguages.begin(), kStemmerLanguages.end(),
                     [&](const auto& language) { return language.second == code; });
}

std::string normalize_value(Analyzer& analyzer, std::string_view value) {
  std::string out;
  for (const Token& t : analyzer.tokenize(value)) {
    if (!out.empty()) out.push_back(' ');
    out += t.term;
  }
  return out;
}

bool is_stopword(std::string_view term) { return stopwords().contains(term); }

struct Analyzer::Impl {
  std::string lang;
  Xapian::Stem stemmer;
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> sentences;

  void emit_piece(std::string_view text, std::uint32_t start, std::uint32_t end, std::vector<Token>& out) const {
    std::string term = fold(text.substr(start, end - start));
    if (term.empty() || term.size() > schema::kMaxTermBytes) return;
    out.push_back(Token{std::move(term), start, end});
  }

  // One ICU word segment. ICU keeps "U.S", "3.5", "1,200", "st.louis" and
  // "10:30" together; acronyms and numbers stay one token, anything else is
  // split at the dots/colons so "example.com" is found by "example".
  void emit_word(std::string_view text, std::uint32_t start, std::uint32_t end, std::vector<Token>& out) const {
    std::string_view word = text.substr(start, end - start);
    if (word.find_first_of(".:") == std::string_view::npos) {
      emit_piece(text, start, end, out);
      return;
    }
    bool acronym = true;
    bool numeric = true;
    std::vector<Span> pieces;
    std::uint32_t piece_start = start;
    for (std::uint32_t i = start; i <= end; ++i) {
      if (i == end || text[i] == '.' || text[i] == ':') {
        std::string_view piece = text.substr(piece_start, i - piece_start);
        if (!is_single_letter(piece)) acronym = false;
        if (!is_numeric_piece(piece)) numeric = false;
        if (i < end && text[i] == ':') acronym = false;
        pieces.push_back(Span{piece_start, i});
        piece_start = i + 1;
      }
    }
    if (acronym || numeric) {
      emit_piece(text, start, end, out);
      return;
    }
    for (const Span& p : pieces) {
      if (p.end > p.start) emit_piece(text, p.start, p.end, out);
    }
  }
};

Analyzer::Analyzer(std::string_view lang) : impl_(std::make_unique<Impl>()) {
  impl_->lang = lang.empty() ? "en" : language_code(lang);
  if (!has_stemmer(impl_->lang)) impl_->lang.clear();
  if (!impl_->lang.empty()) {
    try {
      impl_->stemmer = Xapian::Stem(impl_->lang);
    } catch (const Xapian::InvalidArgumentError&) {
      impl_->lang.clear();
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  check_icu(status, "createWordInstance");
  // The sentence iterator is built on first use (sentences()): with ICU's
  // abbreviation filter it costs more to build than the word iterator, and
  // analyzers that only tokenize (the query builder's) never need it.
}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

const std::string& Analyzer::language() const { return impl_->lang; }

std::string Analyzer::stem(const std::string& term) const {
  if (impl_->lang.empty()) return term;
  return impl_->stemmer(term);
}

std::vector<Token> Analyzer::tokenize(std::string_view text) {
  std::vector<Token> out;
  if (text.empty()) return out;
  out.reserve(text.size() / 6);
  Utf8Text ut(text);
  UErrorCode status = U_ZERO_ERROR;
  icu::BreakIterator& bi = *impl_->words;
  bi.setText(ut.get(), status);
  check_icu(status, "BreakIterator::setText");
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    if (bi.getRuleStatus() == UBRK_WORD_NONE) continue;
    impl_->emit_word(text, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end), out);
  }
  return out;
}

std::vector<Span> Analyzer::sentences(std::string_view text) {
  std::vector<Span> out;
  if (text.empty()) return out;
  // A lone '\n' inside a paragraph becomes a space (same length, so offsets
  // hold); "\n\n" stays a hard break.
  std::string flat(text);
  for (std::size_t i = 0; i < flat.size(); ++i) {
    if (flat[i] != '\n') continue;
    bool prev_nl = i > 0 && text[i - 1] == '\n';
    bool next_nl = i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r');
    if (!prev_nl && !next_nl) flat[i] = ' ';
  }
  Utf8Text ut(flat);
  UErrorCode status = U_ZERO_ERROR;
  if (!impl_->sentences) {
    // ICU's plain English sentence iterator; AbbreviationFilter then drops
    // the breaks after "Mr." and the like exactly as "en@ss=standard" would,
    // for a quarter of the cost of building ICU's filtered iterator.
    std::unique_ptr<icu::BreakIterator> made(icu::BreakIterator::createSentenceInstance(icu::Locale("en"), status));
    check_icu(status, "createSentenceInstance");
    impl_->sentences = std::move(made);
  }
  const AbbreviationFilter& abbreviations = AbbreviationFilter::english();
  icu::BreakIterator& bi = *impl_->sentences;
  bi.setText(ut.get(), status);
  check_icu(status, "BreakIterator::setText");
  auto next_break = [&] {
    int32_t n = bi.next();
    while (n != icu::BreakIterator::DONE && static_cast<std::size_t>(n) < flat.size() &&
           abbreviations.suppresses(flat, static_cast<std::size_t>(n))) {
      n = bi.next();
    }
    return n;
  };
  // Every ASCII white space, as the snippet generator collapses it: a form
  // feed left at a sentence's edge would show as a stray space.
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v'; };
  int32_t start = bi.first();
  for (int32_t end = next_break(); end != icu::BreakIterator::DONE; start = end, end = next_break()) {
    auto s = static_cast<std::uint32_t>(start);
    auto e = static_cast<std::uint32_t>(end);
    while (s < e && is_space(text[s])) ++s;
    while (e > s && is_space(text[e - 1])) --e;
    if (e == s) continue;
    // ICU's suppressions know "U.S." but not every dotted acronym: a sentence
    // that ends in one ("... said the U.N. Security Council") and is followed
    // on the same paragraph goes on with the next piece.
    if (!out.empty() && ends_with_dotted_acronym(text.substr(out.back().start, out.back().end - out.back().start)) &&
        text.substr(out.back().end, s - out.back().end).find('\n') == std::string_view::npos) {
      out.back().end = e;
      continue;
    }
    out.push_back(Span{s, e});
  }
  return out;
}

}  // namespace newsdex::analysis
