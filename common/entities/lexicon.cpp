// Word scanner and word lists for the entity rules.
#include "common/entities/lexicon.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "common/entities/embedded_data.h"

namespace newsdex::entities {
namespace {

// Abbreviations whose dot belongs to the word, so "Sen. Smith" is not two
// sentences. Single letters ("J.", "U.S.") are handled by the scanner itself.
constexpr std::array<std::string_view, 46> kAbbreviations = {
    "Mr",  "Mrs", "Ms",   "Dr",   "Sen",  "Rep",  "Gov", "Gen",  "Lt",     "Col", "Sgt", "Capt",
    "Maj", "Adm", "Cmdr", "Rev",  "Prof", "St",   "Jr",  "Sr",   "Mt",     "Ft",  "Co",  "Corp",
    "Inc", "Ltd", "Bros", "Dept", "Jan",  "Feb",  "Aug", "Sept", "Sep",    "Oct", "Nov", "Dec",
    "vs",  "No",  "Brig", "Gens", "Supt", "Insp", "Cpl", "Pvt",  "Messrs", "Mme"};

struct Decoded {
  UChar32 cp;
  std::size_t next;
};

Decoded decode_at(std::string_view text, std::size_t i) {
  int32_t pos = static_cast<int32_t>(i);
  UChar32 cp = 0;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), pos, static_cast<int32_t>(text.size()), cp);
  return {cp, static_cast<std::size_t>(pos)};
}

bool is_word_char(UChar32 cp) {
  if (cp < 0) return false;
  if (u_isalnum(cp)) return true;
  const auto mask = U_GET_GC_MASK(cp);
  return (mask & U_GC_M_MASK) != 0;
}

bool is_connector(UChar32 cp) { return cp == '-' || cp == '\'' || cp == 0x2019 || cp == '&'; }

std::vector<std::string_view> split_fields(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    const auto next = line.find(sep, pos);
    out.push_back(line.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

// Lines of an embedded data file, without comments, blank lines and '\r'.
std::vector<std::string_view> data_lines(std::string_view file_name) {
  std::vector<std::string_view> lines;
  const std::string_view data = embedded_data(file_name);
  std::size_t pos = 0;
  while (pos < data.size()) {
    auto end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    lines.push_back(line);
  }
  return lines;
}

// Whitespace-separated words of a data file.
std::vector<std::string> data_words(std::string_view file_name) {
  std::vector<std::string> words;
  for (const auto line : data_lines(file_name)) {
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
      if (j > i) words.emplace_back(line.substr(i, j - i));
      i = j;
    }
  }
  return words;
}

std::vector<std::string> split_words(std::string_view phrase) {
  std::vector<std::string> out;
  for (const auto part : split_fields(phrase, ' ')) {
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

Lexicon build_lexicon() {
  Lexicon lex;
  for (auto& w : data_words("given_names.txt")) lex.given_names.insert(std::move(w));
  for (auto& w : data_words("given_names_world.txt")) lex.given_names.insert(std::move(w));
  bool first_section = false;
  for (auto& w : data_words("surnames.txt")) {
    if (w == "[first]") {
      first_section = true;
      continue;
    }
    (first_section ? lex.surnames_first : lex.surnames).insert(std::move(w));
  }
  for (auto& w : data_words("speech_verbs.txt")) lex.speech_verbs.insert(ascii_lower(w));
  for (auto& w : data_words("org_heads.txt")) lex.org_heads.insert(std::move(w));
  for (auto& w : data_words("non_person_words.txt")) lex.non_person_words.insert(std::move(w));
  for (const auto line : data_lines("org_acronyms.tsv")) {
    const auto fields = split_fields(line, '\t');
    if (fields.size() < 2) continue;
    lex.org_names.emplace(std::string(fields[0]), std::string(fields[1]));
    lex.org_name_first_words.emplace(fields[0].substr(0, fields[0].find(' ')));
    lex.longest_org_name_words = std::max(lex.longest_org_name_words, split_words(fields[0]).size());
  }
  for (const auto line : data_lines("person_titles.tsv")) {
    const auto fields = split_fields(line, '\t');
    if (fields.size() < 2) continue;
    const TitleKind kind = fields[1] == "honorific" ? TitleKind::kHonorific : TitleKind::kRole;
    auto words = split_words(fields[0]);
    if (kind == TitleKind::kRole) {
      for (auto& w : words) w = ascii_lower(w);
    }
    if (words.empty()) continue;
    lex.titles_by_first_word[ascii_lower(words.front())].push_back(lex.titles.size());
    lex.titles.emplace_back(std::move(words), kind);
  }
  return lex;
}

}  // namespace

std::vector<Word> scan_words(std::string_view text) {
  std::vector<Word> words;
  std::uint32_t paragraph = 0;
  bool in_straight_quote = false;
  bool sentence_start = true;
  std::size_t i = 0;
  const auto at = [&](std::size_t k) { return k < text.size() ? text[k] : '\0'; };
  while (i < text.size()) {
    const auto [cp, next] = decode_at(text, i);
    if (cp == '\n') {
      std::size_t k = next;
      while (k < text.size() && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r')) ++k;
      if (k < text.size() && text[k] == '\n') {
        ++paragraph;
        in_straight_quote = false;
        i = k + 1;
      } else {
        i = next;
      }
      sentence_start = true;
      continue;
    }
    if (cp < 0 || u_isUWhiteSpace(cp)) {
      i = next;
      continue;
    }
    Word w;
    w.start = static_cast<std::uint32_t>(i);
    w.paragraph = paragraph;
    if (is_word_char(cp)) {
      std::size_t j = next;
      while (j < text.size()) {
        const auto [c2, n2] = decode_at(text, j);
        if (is_word_char(c2)) {
          j = n2;
          continue;
        }
        if (is_connector(c2) && n2 < text.size() && is_word_char(decode_at(text, n2).cp)) {
          j = n2;
          continue;
        }
        break;
      }
      // Abbreviation dots: initials and dotted acronyms ("J.", "U.S."), titles ("Sen.").
      if (at(j) == '.') {
        const std::string_view body = text.substr(i, j - i);
        const bool single_letter = next == j && u_isalpha(cp);
        if (single_letter) {
          ++j;
          while (j + 1 < text.size() && static_cast<unsigned char>(text[j]) < 0x80 &&
                 std::isalpha(static_cast<unsigned char>(text[j])) != 0 && text[j + 1] == '.') {
            j += 2;
          }
        } else if (std::find(kAbbreviations.begin(), kAbbreviations.end(), body) != kAbbreviations.end()) {
          ++j;
        }
      }
      w.kind = WordKind::kWord;
      w.end = static_cast<std::uint32_t>(j);
      w.text = text.substr(i, j - i);
      int letters = 0;
      int lower = 0;
      bool first_letter_seen = false;
      for (std::size_t k = i; k < j;) {
        const auto d = decode_at(text, k);
        if (u_isalpha(d.cp)) {
          ++letters;
          if (u_islower(d.cp)) ++lower;
          if (!first_letter_seen) {
            first_letter_seen = true;
            w.capitalized = u_isupper(d.cp) || u_istitle(d.cp);
          }
        }
        k = d.next;
      }
      w.all_caps = letters >= 2 && lower == 0;
      w.sentence_start = sentence_start;
      sentence_start = false;
      i = j;
    } else {
      w.end = static_cast<std::uint32_t>(next);
      w.text = text.substr(i, next - i);
      if (cp == '"') {
        w.kind = in_straight_quote ? WordKind::kCloseQuote : WordKind::kOpenQuote;
        in_straight_quote = !in_straight_quote;
      } else if (cp == 0x201C || cp == 0x300C || cp == 0x00AB) {
        w.kind = WordKind::kOpenQuote;
      } else if (cp == 0x201D || cp == 0x300D || cp == 0x00BB) {
        w.kind = WordKind::kCloseQuote;
      } else {
        w.kind = WordKind::kPunct;
        if (cp == '.' || cp == '?' || cp == '!' || cp == ':' || cp == 0x3002) sentence_start = true;
      }
      i = next;
    }
    words.push_back(w);
  }
  return words;
}

std::string_view strip_possessive(std::string_view word) {
  for (const std::string_view suffix : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
    if (word.size() > suffix.size() && word.substr(word.size() - suffix.size()) == suffix) {
      return word.substr(0, word.size() - suffix.size());
    }
  }
  return word;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string title_case(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower();
  // Upper-case the first letter and any letter after a hyphen ("AL-MESLET" -> "Al-Meslet").
  bool upper_next = true;
  for (int32_t k = 0; k < u.length(); ++k) {
    const char16_t c = u.charAt(k);
    if (upper_next && u_isalpha(c)) {
      u.setCharAt(k, static_cast<char16_t>(u_toupper(c)));
      upper_next = false;
    } else if (c == '-') {
      upper_next = true;
    }
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

namespace {

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (lower_ascii(a[k]) != lower_ascii(b[k])) return false;
  }
  return true;
}

}  // namespace

std::size_t AsciiNoCaseHash::operator()(std::string_view s) const noexcept {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over lower-cased bytes
  for (const char c : s) {
    h ^= static_cast<unsigned char>(lower_ascii(c));
    h *= 1099511628211ULL;
  }
  return static_cast<std::size_t>(h);
}

bool AsciiNoCaseEq::operator()(std::string_view a, std::string_view b) const noexcept {
  return equals_ignoring_ascii_case(a, b);
}

bool Lexicon::is_given_name(std::string_view word) const { return given_names.find(word) != given_names.end(); }

bool Lexicon::is_surname(std::string_view word) const {
  if (surnames.find(word) != surnames.end()) return true;
  if (word.size() < 6) return false;
  // Family-name endings that ordinary English words do not have.
  static constexpr std::array<std::string_view, 27> kEndings = {
      "ov",   "ova",         "ev",     "eva",        "enko", "chuk", "ski",    "ska",  "sky",
      "wicz", "vich",        "vic",    "vi\xC4\x87", "escu", "eanu", "poulos", "akis", "idis",
      "oglu", "o\xC4\x9Flu", "shvili", "dze",        "yan",  "sson", "ssen",   "ini",  "elli"};
  for (const std::string_view e : kEndings) {
    if (word.size() > e.size() + 2 && word.substr(word.size() - e.size()) == e) return true;
  }
  return false;
}

bool Lexicon::is_surname_first(std::string_view word) const {
  return surnames_first.find(word) != surnames_first.end();
}

bool Lexicon::is_speech_verb(std::string_view word) const { return speech_verbs.find(word) != speech_verbs.end(); }

bool Lexicon::is_org_head(std::string_view word) const { return org_heads.find(word) != org_heads.end(); }

bool Lexicon::is_non_person_word(std::string_view word) const {
  return non_person_words.find(word) != non_person_words.end();
}

std::size_t Lexicon::title_length_at(const std::vector<Word>& words, std::size_t i, TitleKind* kind) const {
  if (i >= words.size() || words[i].kind != WordKind::kWord) return 0;
  const auto it = titles_by_first_word.find(words[i].text);
  if (it == titles_by_first_word.end()) return 0;
  // The longest title wins; among titles of one length, the first in the file.
  std::size_t best = 0;
  for (const std::size_t t : it->second) {
    const auto& [seq, k] = titles[t];
    if (seq.size() <= best || i + seq.size() > words.size()) continue;
    bool match = true;
    for (std::size_t n = 0; n < seq.size() && match; ++n) {
      const Word& w = words[i + n];
      if (w.kind != WordKind::kWord) {
        match = false;
      } else if (k == TitleKind::kHonorific) {
        match = w.text == seq[n];
      } else {
        match = equals_ignoring_ascii_case(w.text, seq[n]);
      }
    }
    if (match) {
      best = seq.size();
      if (kind != nullptr) *kind = k;
    }
  }
  return best;
}

const Lexicon& lexicon() {
  static const Lexicon lex = build_lexicon();
  return lex;
}

bool is_name_particle(std::string_view word) {
  static const std::unordered_set<std::string_view> kParticles = {
      "al", "el",  "bin", "bint", "ibn", "de",  "del", "della", "der", "den", "di",
      "da", "dos", "das", "du",   "van", "von", "ter", "ten",   "la",  "ben", "abu"};
  return kParticles.count(word) > 0;
}

}  // namespace newsdex::entities
