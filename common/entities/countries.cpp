// Countries: the gazetteer of common/entities/data/countries.tsv plus CLDR
// names from ICU, matched over the shared analyzer's tokens; trap rules,
// datelines and salience.
//
// Data file format (also in the file's header comment): one country a line,
// six tab-separated columns `code name aliases demonyms cities metonyms`,
// entries separated by '|', each optionally prefixed by flags:
//   ^ upper-case only ("US", "U.S.": never the pronoun "us")
//   ~ also a person's name (Jordan, Chad, Washington)
//   ? also a common word (Turkey)
//   @ dateline region only ("Neb." in "OMAHA, Neb., Feb 26 -")
// code "-" marks a blocker row: phrases that consume their tokens without
// naming a country ("Indian Ocean", "Latin America", "Lake Chad").
//
// How a document is read:
//  1. A wire dateline opening the body ("CLEVELAND, Feb 26 -", "OMAHA, Neb.,
//     Feb 26 -", "GENEVA —", "BEIRUT, Sept 20 (Kestrel Wire) -") is parsed
//     first; its region part wins over its city ("LONDON, Ont." is Canada).
//  2. Title and body are tokenized; at each token the longest gazetteer
//     phrase whose words are capitalised in the original text wins (function
//     words such as "of", "es", "al" may be lower-case).
//  3. Trap rules drop or re-assign matches (see apply_trap_rules()).
//  4. Phrases naming several countries (Georgia: GE or the US state) go to the
//     candidate with the most unambiguous evidence in the document.
//  5. Salience, per country (weights below, with their reasons):
//        dateline 3.0 + title 2.0*w + lead 1.0*w + 0.5*min(sum of w, 4)
//     (the dateline also counts as a mention of weight 1)
//     where w is a mention's weight (name, city, metonym 1.0; demonym 0.6;
//     inside an organization's name 0.5x) and "lead" is the first two
//     sentences of the body after the dateline.
// Organizations: a country named inside an organization ("Bank of England",
// "British Petroleum") is kept as a mention at half weight: such names are
// often about that country (Reuters tags Bank of Japan stories "japan"), but
// a company's nationality alone rarely makes the story about the country.
// Persons: matches inside a given person's span are dropped.
#include "common/entities/countries.h"

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "common/analysis/analyzer.h"
#include "common/entities/dateline.h"
#include "common/entities/embedded_data.h"
#include "common/entities/search_steps.h"
#include "common/error.h"

namespace newsdex::entities {
namespace {

using analysis::Token;

enum class Kind { kName, kDemonym, kCity, kMetonym };

struct Flags {
  bool upper_only = false;
  bool person_name = false;
  bool common_word = false;
  bool dateline_only = false;
};

struct Candidate {
  std::string code;  // "" = blocker
  Kind kind = Kind::kName;
};

struct Phrase {
  std::vector<Candidate> candidates;  // in file order; several = ambiguous place
  Flags flags;                        // union over every entry of this phrase
};

// Words that may be lower-case inside a capitalised place name.
bool is_function_word(std::string_view term) {
  static const std::unordered_set<std::string_view> kWords = {
      "the", "of", "and", "de",  "del", "da", "do", "dos", "das", "la",  "le",  "les",
      "el",  "al", "d",   "du",  "des", "y",  "e",  "et",  "i",   "es",  "ez",  "sur",
      "am",  "an", "der", "die", "au",  "en", "di", "del", "los", "las", "van", "von"};
  return kWords.contains(term);
}

// CLDR names that are also everyday words or given names in English text.
bool is_unsafe_cldr_name(std::string_view key) {
  static const std::unordered_set<std::string_view> kWords = {"island", "maurice", "man",   "chine",
                                                              "inde",   "georgia", "jordan"};
  return key.size() < 4 || kWords.contains(key);
}

// Locales whose CLDR country names join the lookup ("Deutschland", "Россия").
constexpr std::array<const char*, 10> kCldrLocales = {"en", "de", "fr", "es", "it", "pt", "ru", "ar", "zh", "ja"};

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t next = s.find(sep, pos);
    out.push_back(s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

std::string join_terms(const std::vector<Token>& tokens, std::size_t from, std::size_t count) {
  std::string key;
  for (std::size_t i = from; i < from + count; ++i) {
    if (i > from) key += ' ';
    key += tokens[i].term;
  }
  return key;
}

// The gazetteer, built once per process from the embedded TSV and ICU.
class Gazetteer {
 public:
  // With the CLDR names in other languages, for finding countries in text.
  static const Gazetteer& instance() {
    static const Gazetteer gazetteer(/*with_cldr=*/true);
    return gazetteer;
  }
  // The data file alone: names, codes and demonyms without CLDR. ICU's display
  // names for ~250 countries in 10 locales cost ~33 ms to build, too much for
  // every newsdex-search process that only shows country names or reads a
  // country: filter typed in English.
  static const Gazetteer& base() {
    static const Gazetteer gazetteer(/*with_cldr=*/false);
    return gazetteer;
  }

  const Phrase* find(const std::string& key) const {
    auto it = phrases_.find(key);
    return it == phrases_.end() ? nullptr : &it->second;
  }
  // Phrase and prefix test in one hash look-up, for the scan over every token:
  // nullptr when `key` is neither a phrase nor the start of a longer one.
  struct Lookup {
    const Phrase* phrase = nullptr;  // nullptr: only a prefix
    bool prefix = false;
  };
  const Lookup* lookup(const std::string& key) const {
    auto it = lookup_.find(key);
    return it == lookup_.end() ? nullptr : &it->second;
  }
  std::size_t max_tokens() const { return max_tokens_; }

  std::string name(std::string_view code) const {
    auto it = names_.find(std::string(code));
    return it == names_.end() ? std::string() : it->second;
  }

 private:
  explicit Gazetteer(bool with_cldr) {
    analysis::Analyzer analyzer("en");
    std::string_view data = embedded_data("countries.tsv");
    for (std::string_view line : split(data, '\n')) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      std::vector<std::string_view> cols = split(line, '\t');
      if (cols.size() < 2) throw Error("countries.tsv: bad line: " + std::string(line));
      std::string code = cols[0] == "-" ? std::string() : std::string(cols[0]);
      if (!code.empty()) {
        names_.emplace(code, std::string(cols[1]));
        add(analyzer, cols[1], code, Kind::kName);
      }
      constexpr std::array<Kind, 4> kKinds = {Kind::kName, Kind::kDemonym, Kind::kCity, Kind::kMetonym};
      for (std::size_t c = 2; c < cols.size() && c < 6; ++c) {
        if (cols[c].empty()) continue;
        for (std::string_view entry : split(cols[c], '|')) add(analyzer, entry, code, kKinds[c - 2]);
      }
    }
    if (with_cldr) add_cldr_names(analyzer);
    for (const auto& [key, phrase] : phrases_) lookup_[key].phrase = &phrase;
    for (const auto& key : prefixes_) lookup_[key].prefix = true;
  }

  void add(analysis::Analyzer& analyzer, std::string_view entry, const std::string& code, Kind kind) {
    Flags flags;
    while (!entry.empty()) {
      char f = entry.front();
      if (f == '^') flags.upper_only = true;
      else if (f == '~') flags.person_name = true;
      else if (f == '?') flags.common_word = true;
      else if (f == '@') flags.dateline_only = true;
      else break;
      entry.remove_prefix(1);
    }
    std::vector<Token> tokens = analyzer.tokenize(entry);
    if (tokens.empty()) return;
    // A leading "the" is never required ("Kremlin" for "the Kremlin"), except
    // in names that keep it as a word of their own ("The Hague" is also listed
    // as "Hague").
    std::string key = join_terms(tokens, 0, tokens.size());
    max_tokens_ = std::max(max_tokens_, tokens.size());
    for (std::size_t n = 1; n < tokens.size(); ++n) prefixes_.insert(join_terms(tokens, 0, n));
    Phrase& phrase = phrases_[key];
    phrase.flags.upper_only |= flags.upper_only;
    phrase.flags.person_name |= flags.person_name;
    phrase.flags.common_word |= flags.common_word;
    // A phrase is dateline-only when every entry of it is.
    if (phrase.candidates.empty()) phrase.flags.dateline_only = flags.dateline_only;
    else phrase.flags.dateline_only &= flags.dateline_only;
    for (Candidate& c : phrase.candidates) {
      if (c.code == code) {
        if (kind == Kind::kName) c.kind = kind;  // strongest kind wins
        return;
      }
    }
    phrase.candidates.push_back({code, kind});
  }

  // Names in other languages from ICU's CLDR data. A name that already means
  // something in the gazetteer (another country, a blocker) is left alone.
  void add_cldr_names(analysis::Analyzer& analyzer) {
    std::vector<std::string> codes;
    for (const auto& [code, name] : names_) codes.push_back(code);
    for (const char* locale : kCldrLocales) {
      for (const std::string& code : codes) {
        std::string id = "und_" + code;
        std::array<UChar, 256> buf{};
        UErrorCode status = U_ZERO_ERROR;
        int32_t len = uloc_getDisplayCountry(id.c_str(), locale, buf.data(), static_cast<int32_t>(buf.size()), &status);
        if (U_FAILURE(status) || len <= 0 || status == U_USING_DEFAULT_WARNING) continue;
        std::array<char, 1024> utf8{};
        int32_t out_len = 0;
        status = U_ZERO_ERROR;
        u_strToUTF8(utf8.data(), static_cast<int32_t>(utf8.size()), &out_len, buf.data(), len, &status);
        if (U_FAILURE(status)) continue;
        std::string name(utf8.data(), static_cast<std::size_t>(out_len));
        // "Myanmar (Burma)": the part before the parenthesis.
        if (auto paren = name.find(" ("); paren != std::string::npos) name.resize(paren);
        if (name == code) continue;  // ICU falls back to the code itself
        std::vector<Token> tokens = analyzer.tokenize(name);
        if (tokens.empty()) continue;
        std::string key = join_terms(tokens, 0, tokens.size());
        if (phrases_.contains(key) || is_unsafe_cldr_name(key)) continue;
        add(analyzer, name, code, Kind::kName);
      }
    }
  }

  std::unordered_map<std::string, Phrase> phrases_;
  std::unordered_set<std::string> prefixes_;
  std::unordered_map<std::string, Lookup> lookup_;  // points into phrases_ (nodes never move)
  std::map<std::string, std::string> names_;        // code -> English short name
  std::size_t max_tokens_ = 1;
};

// ---- text helpers over the original bytes

// The first code point of s (U+FFFD if invalid), and its length.
UChar32 first_code_point(std::string_view s, std::size_t& len) {
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  len = static_cast<std::size_t>(i);
  return c < 0 ? 0xFFFD : c;
}

// True if the word starts with a capital (or has no case: CJK, Arabic).
// "d'Ivoire" counts as capitalised.
bool is_capitalised(std::string_view word) {
  if (word.size() > 2 && (word[1] == '\'') && word[0] >= 'a' && word[0] <= 'z') word.remove_prefix(2);
  std::size_t len = 0;
  UChar32 c = first_code_point(word, len);
  return !u_islower(c);
}

// True if no cased letter of `text` is lower-case and at least one is upper.
bool is_all_upper(std::string_view text) {
  bool any_upper = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 0;
    UChar32 c = first_code_point(text.substr(i), len);
    if (len == 0) break;
    if (u_islower(c)) return false;
    if (u_isupper(c)) any_upper = true;
    i += len;
  }
  return any_upper;
}

// Text set in capitals (wire headlines): capitalisation says nothing there.
bool is_caps_text(std::string_view text) {
  std::size_t upper = 0;
  std::size_t lower = 0;
  for (char ch : text) {
    if (ch >= 'A' && ch <= 'Z') ++upper;
    else if (ch >= 'a' && ch <= 'z') ++lower;
  }
  return upper > 0 && upper * 10 >= (upper + lower) * 7;
}

bool only_spaces(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
}

bool is_title_word(std::string_view term) {
  static const std::unordered_set<std::string_view> kWords = {
      "mr",   "mrs",   "ms",  "miss", "dr",   "sen", "senator", "rep",     "gov", "prof", "sir",  "lady",
      "lord", "judge", "gen", "col",  "capt", "sgt", "coach",   "justice", "rev", "st",   "saint"};
  return kWords.contains(term);
}

bool is_location_preposition(std::string_view term) {
  static const std::unordered_set<std::string_view> kWords = {
      "in",         "to",      "from",   "at",    "near",    "into",     "across",
      "throughout", "outside", "inside", "visit", "visited", "visiting", "via",
      "toward",     "towards", "around", "for",   "with",    "against",  "between"};
  return kWords.contains(term);
}

// Capitalised words that follow a place without making it part of a name.
bool is_calendar_word(std::string_view term) {
  static const std::unordered_set<std::string_view> kWords = {
      "monday",   "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",    "january", "february",
      "march",    "april",   "may",       "june",     "july",   "august",   "september", "october", "november",
      "december", "jan",     "feb",       "mar",      "apr",    "jun",      "jul",       "aug",     "sep",
      "sept",     "oct",     "nov",       "dec",      "i",      "but",      "and"};
  return kWords.contains(term);
}

// Words around "Turkey" that mean the bird.
bool is_turkey_context(std::string_view term) {
  static const std::unordered_set<std::string_view> kWords = {
      "thanksgiving", "roast",  "roasted",  "stuffing",   "dinner", "meat",     "bird",      "birds",     "poultry",
      "gravy",        "oven",   "sandwich", "sandwiches", "breast", "leftover", "leftovers", "cook",      "cooked",
      "cooking",      "carve",  "carving",  "feathers",   "frozen", "ham",      "chicken",   "recipe",    "recipes",
      "feast",        "pardon", "pardoned", "gobble",     "brine",  "brined",   "wild",      "cranberry", "sauce",
      "hunting",      "hunter", "hunters",  "farm",       "farms",  "farmers",  "pounds"};
  return kWords.contains(term);
}

// Words next to a US state name ("Georgia's governor", "the state of Georgia").
bool is_us_state_context(std::string_view term) {
  static const std::unordered_set<std::string_view> kWords = {
      "state",    "governor",   "gov",      "legislature", "senator",  "sen",       "county",
      "counties", "statehouse", "ga",       "atlanta",     "savannah", "macon",     "augusta",
      "peach",    "bulldogs",   "democrat", "republican",  "primary",  "electoral", "georgians"};
  return kWords.contains(term);
}

// ---- matching

struct Match {
  Field field = Field::kBody;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::size_t first_token = 0;  // index into the field's tokens
  std::size_t token_count = 0;
  std::string key;
  const Phrase* phrase = nullptr;
  std::string code;  // resolved
  Kind kind = Kind::kName;
  bool dateline = false;
  bool lead = false;
  bool in_org = false;
  bool dropped = false;
};

struct FieldText {
  Field field;
  std::string_view text;
  std::vector<Token> tokens;
  std::vector<bool> sentence_initial;  // per token
  std::uint32_t lead_end = 0;          // body: end of the second sentence after the dateline
  bool caps = false;
};

struct Dateline {
  std::uint32_t end = 0;  // byte offset after the dash
  std::string code;
  std::uint32_t start = 0, place_end = 0;  // mention span (city, or region if it decided)
};

bool is_month_abbrev(std::string_view part) {
  static const std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::string_view m : kMonths) {
    if (part.starts_with(m)) return true;
  }
  return !part.empty() && part.front() >= '0' && part.front() <= '9';
}

std::string_view trim(std::string_view s, std::uint32_t& offset) {
  while (!s.empty() && only_spaces(s.substr(0, 1))) {
    s.remove_prefix(1);
    ++offset;
  }
  while (!s.empty() && only_spaces(s.substr(s.size() - 1))) s.remove_suffix(1);
  return s;
}

// Resolves a dateline part (city or region) to a country: "" if unknown.
std::string dateline_code(analysis::Analyzer& analyzer, std::string_view part) {
  std::vector<Token> tokens = analyzer.tokenize(part);
  if (tokens.empty()) return "";
  const Phrase* phrase = Gazetteer::instance().find(join_terms(tokens, 0, tokens.size()));
  if (phrase == nullptr || phrase->candidates.empty()) return "";
  // A place in several countries: its own country's name first, else the
  // first listed (the file lists the more newsworthy place first).
  for (const Candidate& c : phrase->candidates) {
    if (c.kind == Kind::kName) return c.code;
  }
  return phrase->candidates.front().code;
}

// "CITY[, Region][, Date] [(Source)] -" at the start of the body.
std::optional<Dateline> parse_dateline(analysis::Analyzer& analyzer, std::string_view body) {
  std::optional<DatelineShape> shape = dateline_shape(body);
  if (!shape) return std::nullopt;
  std::string_view header = shape->header;
  if (auto paren = header.find('('); paren != std::string_view::npos) header = header.substr(0, paren);
  std::uint32_t offset = 0;
  std::vector<std::pair<std::string_view, std::uint32_t>> parts;
  for (std::string_view part : split(header, ',')) {
    std::uint32_t part_offset = offset;
    offset += static_cast<std::uint32_t>(part.size() + 1);
    std::string_view trimmed = trim(part, part_offset);
    if (!trimmed.empty()) parts.emplace_back(trimmed, part_offset);
  }
  if (parts.empty() || parts.size() > 3) return std::nullopt;
  auto [city, city_start] = parts[0];
  if (city.size() < 2 || city.size() > 40 || !is_all_upper(city)) return std::nullopt;
  Dateline d;
  d.end = shape->end;
  d.start = city_start;
  d.place_end = city_start + static_cast<std::uint32_t>(city.size());
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto [part, part_start] = parts[i];
    if (is_month_abbrev(part) || part.size() > 25) continue;
    std::string code = dateline_code(analyzer, part);
    if (!code.empty()) {
      d.code = code;
      d.start = part_start;
      d.place_end = part_start + static_cast<std::uint32_t>(part.size());
      return d;
    }
  }
  d.code = dateline_code(analyzer, city);
  return d;
}

analysis::Analyzer& thread_analyzer() {
  thread_local analysis::Analyzer analyzer("en");
  return analyzer;
}

FieldText prepare(analysis::Analyzer& analyzer, Field field, std::string_view text, std::uint32_t skip_to) {
  FieldText ft{
      .field = field, .text = text, .tokens = {}, .sentence_initial = {}, .lead_end = 0, .caps = is_caps_text(text)};
  // In place: a long body's tokens are the largest thing extraction holds.
  ft.tokens = analyzer.tokenize(text);
  std::erase_if(ft.tokens, [&](const Token& t) { return t.start < skip_to; });
  std::vector<analysis::Span> sentences = analyzer.sentences(text);
  std::unordered_set<std::uint32_t> starts;
  starts.insert(skip_to);
  int lead_sentences = 0;
  for (const analysis::Span& s : sentences) {
    starts.insert(s.start);
    if (s.end <= skip_to) continue;
    if (lead_sentences < 2) {
      ft.lead_end = s.end;
      ++lead_sentences;
    }
  }
  ft.sentence_initial.resize(ft.tokens.size());
  for (std::size_t i = 0; i < ft.tokens.size(); ++i) {
    std::uint32_t start = ft.tokens[i].start;
    // The token right after the dateline dash also opens a sentence.
    bool after_skip = i == 0 && skip_to > 0;
    ft.sentence_initial[i] = starts.contains(start) || after_skip || i == 0;
  }
  return ft;
}

// Longest capitalised gazetteer phrase at each position.
void match_field(const FieldText& ft, std::vector<Match>& out) {
  const Gazetteer& g = Gazetteer::instance();
  const std::vector<Token>& toks = ft.tokens;
  for (std::size_t i = 0; i < toks.size();) {
    std::size_t best = 0;
    const Phrase* best_phrase = nullptr;
    std::string key;
    std::string best_key;
    for (std::size_t n = 1; n <= g.max_tokens() && i + n <= toks.size(); ++n) {
      if (n > 1) key += ' ';
      key += toks[i + n - 1].term;
      const Gazetteer::Lookup* found = g.lookup(key);
      const Phrase* p = found == nullptr ? nullptr : found->phrase;
      if (p != nullptr && !p->flags.dateline_only) {
        std::string_view original = ft.text.substr(toks[i].start, toks[i + n - 1].end - toks[i].start);
        bool ok = !p->flags.upper_only || is_all_upper(original);
        for (std::size_t k = i; ok && k < i + n; ++k) {
          std::string_view word = ft.text.substr(toks[k].start, toks[k].end - toks[k].start);
          if (!is_capitalised(word) && !(k > i && is_function_word(toks[k].term))) ok = false;
        }
        if (ok) {
          best = n;
          best_phrase = p;
          best_key = key;
        }
      }
      if (found == nullptr || !found->prefix) break;
    }
    if (best == 0) {
      ++i;
      continue;
    }
    Match m;
    m.field = ft.field;
    m.start = toks[i].start;
    m.end = toks[i + best - 1].end;
    m.first_token = i;
    m.token_count = best;
    m.key = std::move(best_key);
    m.phrase = best_phrase;
    m.lead = ft.field == Field::kBody && m.start < ft.lead_end;
    if (best_phrase->candidates.size() == 1 && best_phrase->candidates[0].code.empty()) {
      m.dropped = true;  // blocker: consumes its tokens, names nothing
    }
    out.push_back(std::move(m));
    i += best;
  }
}

// The mentions of a list of entities, per field, for "does this match overlap
// any of them" in O(log n) (a scan of every mention per match made a long
// body quadratic).
class MentionIndex {
 public:
  explicit MentionIndex(const std::vector<Entity>& entities) {
    for (const Entity& e : entities) {
      for (const Mention& m : e.mentions) spans_[field_slot(m.field)].push_back({m.start, m.end});
    }
    for (std::size_t f = 0; f < spans_.size(); ++f) {
      auto& spans = spans_[f];
      std::sort(spans.begin(), spans.end());
      max_end_[f].reserve(spans.size());
      std::uint32_t max_end = 0;
      for (const auto& [start, end] : spans) {
        max_end = std::max(max_end, end);
        max_end_[f].push_back(max_end);
      }
    }
  }

  // True if a mention in the field of `m` shares a byte with [m.start, m.end).
  bool overlaps(const Match& m) const {
    const std::size_t f = field_slot(m.field);
    const auto& spans = spans_[f];
    // The mentions starting before m.end overlap it if one of them ends after
    // m.start, i.e. if the largest end among them does.
    const auto starting_before_end =
        std::lower_bound(spans.begin(), spans.end(), std::pair<std::uint32_t, std::uint32_t>{m.end, 0});
    add_search_steps(1);
    if (starting_before_end == spans.begin()) return false;
    return max_end_[f][static_cast<std::size_t>(starting_before_end - spans.begin()) - 1] > m.start;
  }

 private:
  static std::size_t field_slot(Field field) { return field == Field::kTitle ? 0 : 1; }

  std::array<std::vector<std::pair<std::uint32_t, std::uint32_t>>, 2> spans_;  // sorted (start, end)
  std::array<std::vector<std::uint32_t>, 2> max_end_;                          // largest end of spans_[f][0..i]
};

// Person-name and common-word rules on one match; returns true to drop it.
// Sets `person` when the match was read as (part of) a person's name.
bool is_trap(const FieldText& ft, const Match& m, bool& person) {
  const Flags& flags = m.phrase->flags;
  const std::vector<Token>& toks = ft.tokens;
  std::size_t i = m.first_token;
  std::size_t last = i + m.token_count - 1;
  if (flags.person_name && !ft.caps) {
    if (i > 0) {
      const Token& prev = toks[i - 1];
      std::string_view gap = ft.text.substr(prev.end, toks[i].start - prev.end);
      std::string_view prev_word = ft.text.substr(prev.start, prev.end - prev.start);
      bool adjacent = only_spaces(gap.starts_with('.') ? gap.substr(1) : gap);  // "Mr. Washington"
      if (adjacent && is_title_word(prev.term)) return person = true;
      // "Michael Jordan", "George Washington": a capitalised non-stopword
      // right before (a sentence-initial "In Jordan" is a stopword).
      if (only_spaces(gap) && is_capitalised(prev_word) && !analysis::is_stopword(prev.term) &&
          !is_calendar_word(prev.term) && Gazetteer::instance().find(prev.term) == nullptr &&
          !(ft.sentence_initial[i - 1] && prev.term.size() <= 3)) {
        return person = true;
      }
    }
    if (last + 1 < toks.size()) {
      const Token& next = toks[last + 1];
      std::string_view gap = ft.text.substr(toks[last].end, next.start - toks[last].end);
      std::string_view next_word = ft.text.substr(next.start, next.end - next.start);
      std::string_view matched = ft.text.substr(m.start, m.end - m.start);
      bool possessive = matched.ends_with("'s") || matched.ends_with("\u2019s");
      // "Jordan Henderson", "Washington Irving", "Chad Smith".
      if (!possessive && only_spaces(gap) && is_capitalised(next_word) && !analysis::is_stopword(next.term) &&
          !is_calendar_word(next.term) && Gazetteer::instance().find(next.term) == nullptr) {
        return person = true;
      }
    }
  }
  if (flags.common_word) {
    std::size_t from = i >= 4 ? i - 4 : 0;
    std::size_t to = std::min(toks.size(), last + 5);
    for (std::size_t k = from; k < to; ++k) {
      if (k >= i && k <= last) continue;
      if (is_turkey_context(toks[k].term)) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<Entity> find_countries(const Article& article, const std::vector<Entity>& persons,
                                   const std::vector<Entity>& organizations) {
  analysis::Analyzer& analyzer = thread_analyzer();
  const Gazetteer& g = Gazetteer::instance();

  std::optional<Dateline> dateline = parse_dateline(analyzer, article.body);
  std::vector<FieldText> fields;
  fields.push_back(prepare(analyzer, Field::kTitle, article.title, 0));
  fields.push_back(prepare(analyzer, Field::kBody, article.body, dateline ? dateline->end : 0));

  std::vector<Match> matches;
  std::vector<std::size_t> field_of;  // index into fields, per match
  for (std::size_t f = 0; f < fields.size(); ++f) {
    match_field(fields[f], matches);
    field_of.resize(matches.size(), f);
  }

  // Trap rules, and the words the document uses as a person's name.
  const MentionIndex person_mentions(persons);
  const MentionIndex organization_mentions(organizations);
  std::unordered_set<std::string> person_words;
  for (std::size_t k = 0; k < matches.size(); ++k) {
    Match& m = matches[k];
    if (m.dropped) continue;
    if (person_mentions.overlaps(m)) {
      m.dropped = true;
      if (m.phrase->flags.person_name) person_words.insert(m.key);
      continue;
    }
    m.in_org = organization_mentions.overlaps(m);
    bool person = false;
    if (is_trap(fields[field_of[k]], m, person)) {
      m.dropped = true;
      if (person) person_words.insert(m.key);
    }
  }
  // A bare "Washington" in a story about a Mr. Washington is him when he
  // speaks or is not placed by a preposition ("in Washington" stays a place).
  // Only then is "Washington said" a person: in most news it is the US
  // government speaking.
  for (std::size_t k = 0; k < matches.size(); ++k) {
    Match& m = matches[k];
    if (m.dropped || !person_words.contains(m.key)) continue;
    const FieldText& ft = fields[field_of[k]];
    std::size_t i = m.first_token;
    bool placed = i > 0 && is_location_preposition(ft.tokens[i - 1].term);
    if (!placed) m.dropped = true;
  }

  // Evidence per country from unambiguous matches, to resolve the rest.
  std::unordered_map<std::string, double> evidence;
  if (dateline && !dateline->code.empty()) evidence[dateline->code] += 3.0;
  for (const Match& m : matches) {
    if (!m.dropped && m.phrase->candidates.size() == 1 && !m.phrase->flags.person_name) {
      evidence[m.phrase->candidates[0].code] += 1.0;
    }
  }
  for (std::size_t k = 0; k < matches.size(); ++k) {
    Match& m = matches[k];
    if (m.dropped) continue;
    const std::vector<Candidate>& cands = m.phrase->candidates;
    const Candidate* pick = &cands.front();
    for (const Candidate& c : cands) {
      if (c.kind == Kind::kName) {
        pick = &c;
        break;
      }
    }
    if (cands.size() > 1) {
      double best = evidence.contains(pick->code) ? evidence[pick->code] : 0.0;
      for (const Candidate& c : cands) {
        double e = evidence.contains(c.code) ? evidence[c.code] : 0.0;
        if (e > best) {
          best = e;
          pick = &c;
        }
      }
      // "Georgia's governor", "the state of Georgia", "Atlanta, Georgia".
      const FieldText& ft = fields[field_of[k]];
      std::size_t from = m.first_token >= 3 ? m.first_token - 3 : 0;
      std::size_t to = std::min(ft.tokens.size(), m.first_token + m.token_count + 3);
      for (std::size_t t = from; t < to; ++t) {
        if (t >= m.first_token && t < m.first_token + m.token_count) continue;
        if (is_us_state_context(ft.tokens[t].term)) {
          for (const Candidate& c : cands) {
            if (c.code == "US") pick = &c;
          }
        }
      }
    }
    m.code = pick->code;
    m.kind = pick->kind;
  }
  // A common-word city opening a sentence ("Nice work", "Cork it") needs its
  // country named some other way too. Not a country's own name: a sentence
  // opening with "Turkey" in news is the country far more often than the bird
  // (the bird is caught by its context words above).
  // The other ways are counted once: this loop drops only common-word matches,
  // which never count.
  std::unordered_map<std::string, std::size_t> named_otherwise;
  for (const Match& o : matches) {
    if (!o.dropped && !o.phrase->flags.common_word) ++named_otherwise[o.code];
  }
  for (std::size_t k = 0; k < matches.size(); ++k) {
    Match& m = matches[k];
    const FieldText& ft = fields[field_of[k]];
    if (m.dropped || !m.phrase->flags.common_word || ft.caps || m.kind == Kind::kName) continue;
    if (!ft.sentence_initial[m.first_token]) continue;
    add_search_steps(1);
    const bool other = named_otherwise.contains(m.code) || (dateline && dateline->code == m.code);
    if (!other) m.dropped = true;
  }

  // Gather per country.
  struct Acc {
    Entity entity;
    double title_w = 0.0, lead_w = 0.0, sum_w = 0.0;
    bool dateline = false;
    std::size_t first = 0;
  };
  std::map<std::string, Acc> by_code;
  auto acc_for = [&](const std::string& code) -> Acc& {
    auto [it, inserted] = by_code.try_emplace(code);
    if (inserted) {
      it->second.entity.type = EntityType::kCountry;
      it->second.entity.code = code;
      it->second.entity.name = g.name(code);
      it->second.first = by_code.size();
    }
    return it->second;
  };
  if (dateline && !dateline->code.empty()) {
    Acc& a = acc_for(dateline->code);
    a.dateline = true;
    a.sum_w += 1.0;
    a.entity.mentions.push_back({Field::kBody, dateline->start, dateline->place_end});
  }
  for (const Match& m : matches) {
    if (m.dropped || m.code.empty()) continue;
    Acc& a = acc_for(m.code);
    a.entity.mentions.push_back({m.field, m.start, m.end});
    // Weights: a demonym ("Russian officials") is weaker evidence than a name
    // ("Russia"); a country inside an organization's name weaker still.
    double w = m.kind == Kind::kDemonym ? 0.6 : 1.0;
    if (m.in_org) w *= 0.5;
    a.sum_w += w;
    if (m.field == Field::kTitle) a.title_w = std::max(a.title_w, w);
    if (m.lead) a.lead_w = std::max(a.lead_w, w);
  }
  std::vector<Entity> out;
  std::vector<std::size_t> order;
  for (auto& [code, a] : by_code) {
    Entity& e = a.entity;
    std::sort(e.mentions.begin(), e.mentions.end(), [](const Mention& x, const Mention& y) {
      if (x.field != y.field) return x.field == Field::kTitle;
      return x.start < y.start;
    });
    e.salience = (a.dateline ? 3.0 : 0.0) + 2.0 * a.title_w + 1.0 * a.lead_w + 0.5 * std::min(a.sum_w, 4.0);
    out.push_back(std::move(e));
    order.push_back(a.first);
  }
  std::vector<std::size_t> idx(out.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](std::size_t x, std::size_t y) {
    if (out[x].salience != out[y].salience) return out[x].salience > out[y].salience;
    return order[x] < order[y];
  });
  std::vector<Entity> sorted;
  sorted.reserve(out.size());
  for (std::size_t i : idx) sorted.push_back(std::move(out[i]));
  return sorted;
}

namespace {

// A name or demonym of `p` (a city, "Moscow", is not a way to name a country
// in a filter), else nullopt.
std::optional<std::string> code_of_phrase(const Phrase* p) {
  if (p == nullptr || p->flags.dateline_only) return std::nullopt;
  for (Kind wanted : {Kind::kName, Kind::kDemonym}) {
    for (const Candidate& c : p->candidates) {
      if (!c.code.empty() && c.kind == wanted) return c.code;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> country_code_for(std::string_view value) { return place_info(value).code; }

PlaceInfo place_info(std::string_view value) {
  PlaceInfo info;
  const Gazetteer& base = Gazetteer::base();
  std::string trimmed_value(value);
  std::uint32_t ignored = 0;
  std::string_view v = trim(trimmed_value, ignored);
  if (v.size() == 2 && std::isalpha(static_cast<unsigned char>(v[0])) &&
      std::isalpha(static_cast<unsigned char>(v[1]))) {
    std::string code{static_cast<char>(std::toupper(static_cast<unsigned char>(v[0]))),
                     static_cast<char>(std::toupper(static_cast<unsigned char>(v[1])))};
    if (!base.name(code).empty()) {
      info.code = code;
      info.place = true;
      return info;
    }
  }
  std::vector<Token> tokens = thread_analyzer().tokenize(v);
  if (tokens.empty()) return info;
  const std::string key = join_terms(tokens, 0, tokens.size());
  // English names, codes and demonyms first; other languages only if needed.
  info.code = code_of_phrase(base.find(key));
  const Phrase* p = Gazetteer::instance().find(key);
  if (!info.code) info.code = code_of_phrase(p);
  if (p != nullptr && !p->flags.dateline_only) {
    for (const Candidate& c : p->candidates) info.place = info.place || !c.code.empty();
    info.person_name = p->flags.person_name;
  }
  return info;
}

std::string country_name(std::string_view code) {
  // Code -> name only: the first two columns of the data file, without the
  // gazetteer's phrase tables (which tokenize every entry: ~5 ms that a
  // search printing a country facet does not need).
  static const std::unordered_map<std::string, std::string> kNames = [] {
    std::unordered_map<std::string, std::string> names;
    for (std::string_view line : split(embedded_data("countries.tsv"), '\n')) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      std::vector<std::string_view> cols = split(line, '\t');
      if (cols.size() >= 2 && cols[0] != "-") names.emplace(std::string(cols[0]), std::string(cols[1]));
    }
    return names;
  }();
  std::string upper(code);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto it = kNames.find(upper);
  return it == kNames.end() ? std::string() : it->second;
}

}  // namespace newsdex::entities
