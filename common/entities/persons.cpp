// Person rules. A candidate is a run of capitalised words (with particles and
// initials inside); it becomes a person only on evidence, because most
// capitalised runs in news are places, organizations and events. Evidence, in
// the order it is checked: a title or role just before it, a given name first,
// a particle or initial inside, an apposition or age after it, a speech verb
// next to it, a known surname of the same article.
#include "common/entities/persons.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/analysis/analyzer.h"
#include "common/entities/countries.h"
#include "common/entities/search_steps.h"

namespace newsdex::entities {
namespace {

bool has_particle_prefix(std::string_view t) {
  const auto dash = t.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= t.size()) return false;
  if (!is_name_particle(t.substr(0, dash))) return false;
  const auto c = static_cast<unsigned char>(t[dash + 1]);
  return std::isupper(c) != 0 || c >= 0x80;
}

bool is_name_word(const Word& w) {
  if (w.kind != WordKind::kWord || w.all_caps) return false;
  if (w.capitalized) return std::isdigit(static_cast<unsigned char>(w.text[0])) == 0;
  return has_particle_prefix(w.text);
}

bool is_initial(const Word& w) {
  return w.kind == WordKind::kWord && w.capitalized && w.text.size() == 2 && w.text[1] == '.';
}

bool is_stop_cap(const Word& w) { return analysis::is_stopword(ascii_lower(w.text)); }

// Days and months end a name rather than belong to it ("Bob Dole Wednesday").
bool is_calendar_word(std::string_view t) {
  static const std::unordered_set<std::string_view> kWords = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",  "Sunday",  "January",  "February",
      "March",  "April",   "June",      "July",     "August", "September", "October", "November", "December",
      "Jan.",   "Feb.",    "Aug.",      "Sept.",    "Oct.",   "Nov.",      "Dec."};
  return kWords.contains(t);
}

// Nouns for nationals that precede a name in sports copy ("Spaniard Carlos Sainz").
bool is_national_noun(std::string_view t) {
  static const std::unordered_set<std::string_view> kWords = {
      "Spaniard", "Briton",    "Swede",      "Dane",     "Finn", "Pole",   "Scot",      "Scotsman", "Welshman",
      "Irishman", "Frenchman", "Englishman", "Dutchman", "Kiwi", "Aussie", "Argentine", "Czech",    "Slovak",
      "Croat",    "Serb",      "Slovene",    "Bosnian",  "Thai", "Swiss",  "Kenyan",    "Ethiopian"};
  return kWords.contains(t);
}

// "15th", "90th": a goal's minute in soccer results.
bool is_ordinal_number(std::string_view t) {
  if (t.size() < 3 || t.size() > 5) return false;
  std::size_t digits = 0;
  while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits])) != 0) ++digits;
  if (digits == 0 || digits > 3 || t.size() - digits != 2) return false;
  const std::string_view suffix = t.substr(digits);
  return suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th";
}

bool is_number(const Word& w) {
  return w.kind == WordKind::kWord && std::isdigit(static_cast<unsigned char>(w.text[0])) != 0;
}

// True if a line break separates two words.
bool line_break_between(std::string_view text, const Word& a, const Word& b) {
  return text.substr(a.end, b.start - a.end).find('\n') != std::string_view::npos;
}

// Hard-wrapped wire copy (at least half of the line breaks inside paragraphs
// follow a line of 30+ bytes broken mid-sentence): there a name may run over
// a line break. Elsewhere a line is a sentence, a list item
// or a table row, and a name ends with it.
bool hard_wrapped(std::string_view text) {
  std::size_t breaks = 0;
  std::size_t wrapped = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) break;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.remove_suffix(1);
    // A blank or indented next line starts a paragraph: no wrap to judge.
    if (line.empty() || pos >= text.size() || text[pos] == '\n' || text[pos] == ' ' || text[pos] == '\t') continue;
    ++breaks;
    const auto last = static_cast<unsigned char>(line.back());
    if (line.size() >= 30 && (std::isalnum(last) != 0 || last == ',' || last >= 0x80)) ++wrapped;
  }
  return breaks > 0 && wrapped * 2 >= breaks;
}

// Gazetteer facts per word or phrase, cached per thread: candidates repeat
// within and across articles, and each look-up tokenizes. The cache is
// thread_local (never shared) and bounded.
const PlaceInfo& cached_place_info(const std::string& text) {
  thread_local std::unordered_map<std::string, PlaceInfo> cache;
  if (auto it = cache.find(text); it != cache.end()) return it->second;
  if (cache.size() >= 50000) cache.clear();
  return cache.emplace(text, place_info(text)).first->second;
}

// A single word that names a place and is not also a person's name.
bool is_place_word(std::string_view word) {
  const PlaceInfo& info = cached_place_info(std::string(strip_possessive(word)));
  return info.place && !info.person_name;
}

// "al-Assad" -> "Assad"; folded ("kerry").
std::string surname_key(std::string_view word) {
  word = strip_possessive(word);
  if (has_particle_prefix(word) || (word.size() > 3 && (word.substr(0, 3) == "Al-" || word.substr(0, 3) == "El-"))) {
    word = word.substr(word.find('-') + 1);
  }
  return analysis::fold(word);
}

struct Candidate {
  Field field;
  std::size_t first;
  std::size_t last;
  bool confirmed;
};

// The clusters whose fullest names end with one key ("kerry").
struct LastKeyClusters {
  std::vector<std::size_t> clusters;            // in creation order
  std::size_t most_recent = std::string::npos;  // the one of them with the largest last_seen
};

struct Cluster {
  std::vector<std::string> keys;  // folded words of the fullest form
  std::string name;
  Field name_field = Field::kBody;
  std::size_t last_seen = 0;  // order of the latest mention, for "most recent"
};

bool apposition_or_age_follows(const std::vector<Word>& w, std::size_t last) {
  if (last + 1 >= w.size() || w[last].text != ",") return false;
  std::size_t k = last + 1;
  if (std::isdigit(static_cast<unsigned char>(w[k].text[0])) != 0 && w[k].text.size() <= 3) {
    return k + 1 < w.size() && (w[k + 1].text == "," || w[k + 1].text == ")");
  }
  if (w[k].text == "who") return true;
  if (w[k].text == "the" || w[k].text == "a" || w[k].text == "an") ++k;
  // "the spokesman for", "a senior adviser to", "the party's leader"
  for (std::size_t n = 0; n < 3 && k + n < w.size(); ++n) {
    TitleKind kind{};
    if (lexicon().title_length_at(w, k + n, &kind) > 0 && kind == TitleKind::kRole && !w[k + n].capitalized) {
      return true;
    }
    if (w[k + n].kind != WordKind::kWord) break;
  }
  return false;
}

bool country_in_parentheses_follows(const std::vector<Word>& w, std::size_t last) {
  if (last + 2 >= w.size() || w[last].text != "(") return false;
  std::size_t k = last + 1;
  std::string inner;
  while (k < w.size() && w[k].text != ")" && k < last + 4) {
    if (!inner.empty()) inner += ' ';
    inner += std::string(w[k].text);
    ++k;
  }
  if (k >= w.size() || w[k].text != ")" || !cached_place_info(inner).code.has_value()) return false;
  // "Gloria Bistrita ( Romania ) 2 Valletta ( Malta ) 1": clubs and a score.
  if (k + 2 < w.size() && is_number(w[k + 1]) && w[k + 1].text.size() <= 2 && w[k + 2].kind == WordKind::kWord &&
      w[k + 2].capitalized) {
    return false;
  }
  return true;
}

// "( Wreh 15th , 42nd )", "Gilbert Agius ( 24th )": a goal scorer.
bool scorer_minute_follows(const std::vector<Word>& w, std::size_t last) {
  if (last < w.size() && is_ordinal_number(w[last].text)) return true;
  return last + 2 < w.size() && w[last].text == "(" && is_ordinal_number(w[last + 1].text) &&
         (w[last + 2].text == ")" || w[last + 2].text == ",");
}

// Score tables: bowling figures ("Decker 3-0-17-0") or two golf rounds
// ("Ronan Rafferty 64 72").
bool score_figures_follow(const std::vector<Word>& w, std::size_t last) {
  if (last >= w.size() || !is_number(w[last])) return false;
  const std::string_view t = w[last].text;
  if (std::count(t.begin(), t.end(), '-') == 3) return true;
  const auto golf_round = [](const Word& x) {
    return x.kind == WordKind::kWord && x.text.size() == 2 && x.text[0] >= '6' && x.text[0] <= '8' &&
           std::isdigit(static_cast<unsigned char>(x.text[1])) != 0;
  };
  return last + 1 < w.size() && golf_round(w[last]) && golf_round(w[last + 1]);
}

// Cricket scorecards: "c Knight b Mullally", "lbw b Akram", "st Moin b Mushtaq".
bool cricket_dismissal_before(const std::vector<Word>& w, std::size_t first) {
  if (first == 0) return false;
  const Word& p = w[first - 1];
  return p.kind == WordKind::kWord && (p.text == "c" || p.text == "b" || p.text == "st") &&
         (first < 2 || w[first - 2].kind == WordKind::kWord);
}

class PersonRules {
 public:
  PersonRules(const FieldText& title, const FieldText& body, const std::vector<NameSpan>& orgs)
      : title_(title), body_(body) {
    blocked_title_.assign(title.words.size(), false);
    blocked_body_.assign(body.words.size(), false);
    for (const auto& s : orgs) {
      auto& b = s.field == Field::kTitle ? blocked_title_ : blocked_body_;
      for (std::size_t k = s.first; k < s.last && k < b.size(); ++k) b[k] = true;
    }
  }

  PersonFinding run() {
    std::vector<Candidate> cands = candidates(body_, blocked_body_);
    auto title_cands = candidates(title_, blocked_title_);
    cands.insert(cands.end(), title_cands.begin(), title_cands.end());
    // Confirmed names first, so unconfirmed ones can join them.
    for (int pass = 0; pass < 2; ++pass) {
      for (const auto& c : cands) {
        if (c.confirmed != (pass == 0)) continue;
        const FieldText& f = c.field == Field::kTitle ? title_ : body_;
        if (!c.confirmed && !joins_cluster(f, c)) continue;
        add_mention(f, c.first, c.last);
      }
    }
    spread(body_, blocked_body_);
    spread(title_, blocked_title_);
    return finish();
  }

 private:
  std::vector<Candidate> candidates(const FieldText& f, std::vector<bool>& blocked) {
    const Lexicon& lex = lexicon();
    const auto& w = f.words;
    std::vector<bool> is_title(w.size(), false);
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (blocked[i]) continue;
      TitleKind kind{};
      const std::size_t n = lex.title_length_at(w, i, &kind);
      if (n == 0) continue;
      // "John Major", "Billie Jean King": a role word after a given name is a surname.
      if (kind == TitleKind::kRole && n == 1 && i > 0 && is_name_word(w[i - 1]) && lex.is_given_name(w[i - 1].text)) {
        continue;
      }
      if (kind == TitleKind::kRole && n == 1 && !w[i].capitalized && i + 1 < w.size() && !is_name_word(w[i + 1])) {
        continue;
      }
      for (std::size_t k = i; k < i + n; ++k) is_title[k] = true;
      i += n - 1;
    }
    std::vector<Candidate> out;
    const bool wrapped = hard_wrapped(f.text);
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (blocked[i] || is_title[i]) continue;
      // "c de Silva b", "Marco van Basten": a lower-case particle may open a
      // name when a capitalised name word follows.
      const bool particle_opens = w[i].kind == WordKind::kWord && !w[i].capitalized &&
                                  (w[i].text == "de" || w[i].text == "van" || w[i].text == "von" || w[i].text == "di" ||
                                   w[i].text == "da" || w[i].text == "du") &&
                                  i + 1 < w.size() && !blocked[i + 1] && is_name_word(w[i + 1]) &&
                                  (i == 0 || !is_name_word(w[i - 1]));
      if (!particle_opens && !is_name_word(w[i])) continue;
      std::size_t last = i + 1;
      while (last < w.size() && !blocked[last] && !is_title[last] &&
             strip_possessive(w[last - 1].text) == w[last - 1].text &&
             (wrapped || !line_break_between(f.text, w[last - 1], w[last]))) {
        if (is_name_word(w[last]) || is_initial(w[last])) {
          ++last;
        } else if (w[last].kind == WordKind::kWord && is_name_particle(w[last].text)) {
          // "de", "van der", "bin": particles count only when a name follows.
          std::size_t k = last;
          while (k < w.size() && k < last + 3 && w[k].kind == WordKind::kWord && is_name_particle(w[k].text)) ++k;
          if (k >= w.size() || blocked[k] || !is_name_word(w[k])) break;
          last = k + 1;
        } else {
          break;
        }
      }
      const std::size_t run_end = last;
      std::size_t first = i;
      while (first < last && is_stop_cap(w[first])) ++first;
      // "Bob Dole Wednesday": a day or month ends the name.
      while (last > first + 1 && is_calendar_word(w[last - 1].text)) --last;
      const bool after_title = first == i && i > 0 && is_title[i - 1];
      // "Belgian Bruno Thiry", "Spaniard Carlos Sainz", "Seattle Mariners": a
      // leading nationality or place is not part of the name.
      // After "the" it names an organization ("The American Red Cross").
      bool after_nationality = false;
      if (!after_title && last - first >= 2 && !lex.is_given_name(w[first].text) &&
          (is_national_noun(w[first].text) || is_place_word(w[first].text))) {
        const bool determiner =
            first > i || (i > 0 && (w[i - 1].text == "the" || w[i - 1].text == "a" || w[i - 1].text == "an"));
        if (!determiner) {
          ++first;
          after_nationality = true;
        }
      }
      if (first < last) {
        const bool confirmed = evidence(f, first, last, after_title) || (after_nationality && last - first >= 2);
        if (!rejected(f, first, last, after_title)) out.push_back({f.field, first, last, confirmed});
      }
      i = run_end - 1;
    }
    return out;
  }

  static bool rejected(const FieldText& f, std::size_t first, std::size_t last, bool after_title) {
    const Lexicon& lex = lexicon();
    std::size_t name_words = 0;
    std::string text;
    for (std::size_t k = first; k < last; ++k) {
      const auto t = strip_possessive(f.words[k].text);
      if (lex.is_non_person_word(t) || lex.is_org_head(t)) return true;
      if (t.find("-based") != std::string_view::npos) return true;
      if (!is_name_particle(t)) ++name_words;
      if (!text.empty()) text += ' ';
      text += std::string(t);
    }
    if (name_words > 4) return true;
    if (!after_title) {
      const PlaceInfo& info = cached_place_info(text);
      if (info.code.has_value()) return true;
      // A city or region ("Valletta", "Rio de Janeiro"), unless also a person's name.
      if (info.place && !info.person_name) return true;
    }
    return false;
  }

  static bool evidence(const FieldText& f, std::size_t first, std::size_t last, bool after_title) {
    const Lexicon& lex = lexicon();
    const auto& w = f.words;
    const std::size_t n = last - first;
    if (after_title) return true;
    if (n >= 2 && lex.is_given_name(w[first].text)) return true;
    if (n >= 2) {
      for (std::size_t k = first; k < last; ++k) {
        if (is_initial(w[k]) || is_name_particle(w[k].text) || (k > first && has_particle_prefix(w[k].text))) {
          return true;
        }
      }
    }
    if (n >= 2 && (lex.is_surname(strip_possessive(w[last - 1].text)) || lex.is_surname_first(w[first].text))) {
      return true;
    }
    if (scorer_minute_follows(w, last) || cricket_dismissal_before(w, first)) return true;
    if (score_figures_follow(w, last) &&
        (n >= 2 || !w[first].sentence_start || std::count(w[last].text.begin(), w[last].text.end(), '-') == 3)) {
      return true;
    }
    if (apposition_or_age_follows(w, last) || country_in_parentheses_follows(w, last))
      return n >= 2 || !w[first].sentence_start;
    if (n >= 2) {
      if (last < w.size() && lex.is_speech_verb(w[last].text)) return true;
      if (first > 0 && lex.is_speech_verb(w[first - 1].text) && !w[first - 1].capitalized) return true;
    }
    if (n == 1 && lex.is_given_name(w[first].text) && !w[first].sentence_start &&
        !(last < w.size() && is_name_word(w[last]))) {
      return true;
    }
    return false;
  }

  std::vector<std::string> folded_words(const FieldText& f, std::size_t first, std::size_t last) const {
    std::vector<std::string> keys;
    for (std::size_t k = first; k < last; ++k) {
      if (is_name_particle(ascii_lower(f.words[k].text))) continue;
      keys.push_back(k + 1 == last ? surname_key(f.words[k].text) : analysis::fold(f.words[k].text));
    }
    return keys;
  }

  static bool is_suffix(const std::vector<std::string>& shorter, const std::vector<std::string>& longer) {
    return shorter.size() <= longer.size() && std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin());
  }

  // The clusters whose last key is `key`, or nullptr if none.
  const LastKeyClusters* clusters_ending_with(const std::string& key) const {
    auto it = clusters_by_last_key_.find(key);
    return it == clusters_by_last_key_.end() ? nullptr : &it->second;
  }

  // Cluster a mention belongs to, or npos. One name ends the other, so both
  // have the same last key: only the clusters of that key are compared (all of
  // them made a long body quadratic), at most as many as the article has
  // persons with that family name. One key ends every name of its clusters:
  // the most recent of them. No keys (a name of particles only) join any
  // cluster: the most recent one.
  std::size_t find_cluster(const std::vector<std::string>& keys) const {
    add_search_steps(1);
    if (keys.empty()) return most_recent_;
    const LastKeyClusters* same_last = clusters_ending_with(keys.back());
    if (same_last == nullptr) return std::string::npos;
    if (keys.size() == 1) return same_last->most_recent;
    std::size_t best = std::string::npos;
    add_search_steps(same_last->clusters.size());
    for (const std::size_t c : same_last->clusters) {
      if (is_suffix(keys, clusters_[c].keys) || is_suffix(clusters_[c].keys, keys)) {
        // Two different full names never merge ("Bill Clinton", "Hillary Clinton").
        if (keys.size() >= 2 && clusters_[c].keys.size() >= 2 && keys.front() != clusters_[c].keys.front() &&
            keys.size() == clusters_[c].keys.size()) {
          continue;
        }
        if (best == std::string::npos || clusters_[c].last_seen > clusters_[best].last_seen) best = c;
      }
    }
    return best;
  }

  bool joins_cluster(const FieldText& f, const Candidate& c) const {
    return find_cluster(folded_words(f, c.first, c.last)) != std::string::npos;
  }

  void add_mention(const FieldText& f, std::size_t first, std::size_t last) {
    auto keys = folded_words(f, first, last);
    if (keys.empty()) return;
    std::size_t c = find_cluster(keys);
    const std::uint32_t start = f.words[first].start;
    const auto end =
        static_cast<std::uint32_t>(f.words[last - 1].start + strip_possessive(f.words[last - 1].text).size());
    std::string text(f.text.substr(start, end - start));
    if (f.words[first].all_caps) text = title_case(text);
    if (c == std::string::npos) {
      c = clusters_.size();
      clusters_by_last_key_[keys.back()].clusters.push_back(c);
      clusters_.push_back({keys, text, f.field, 0});
    } else if (keys.size() > clusters_[c].keys.size() ||
               (keys.size() == clusters_[c].keys.size() && clusters_[c].name_field == Field::kTitle &&
                f.field == Field::kBody)) {
      clusters_[c].keys = keys;
      clusters_[c].name = text;
      clusters_[c].name_field = f.field;
    }
    seen(c);
    auto& blocked = f.field == Field::kTitle ? blocked_title_ : blocked_body_;
    for (std::size_t k = first; k < last; ++k) blocked[k] = true;
    spans_.push_back({f.field, first, last, c});
  }

  // Cluster c is the one mentioned last.
  void seen(std::size_t c) {
    clusters_[c].last_seen = ++order_;
    most_recent_ = c;
    clusters_by_last_key_[clusters_[c].keys.back()].most_recent = c;
  }

  // Surnames of the article wherever they stand: headline, sentence start, capitals.
  void spread(const FieldText& f, std::vector<bool>& blocked) {
    for (std::size_t i = 0; i < f.words.size(); ++i) {
      const Word& w = f.words[i];
      if (blocked[i] || w.kind != WordKind::kWord || !(w.capitalized || w.all_caps)) continue;
      add_search_steps(1);
      const LastKeyClusters* same_last = clusters_ending_with(surname_key(w.text));
      if (same_last == nullptr) continue;
      const std::size_t best = same_last->most_recent;
      seen(best);
      blocked[i] = true;
      spans_.push_back({f.field, i, i + 1, best});
    }
  }

  PersonFinding finish() {
    PersonFinding result;
    std::stable_sort(spans_.begin(), spans_.end(), [](const NameSpan& a, const NameSpan& b) {
      if (a.field != b.field) return a.field == Field::kTitle;
      return a.first < b.first;
    });
    for (const auto& cl : clusters_) {
      Entity e;
      e.type = EntityType::kPerson;
      e.name = cl.name;
      result.persons.push_back(e);
    }
    for (const auto& s : spans_) {
      const FieldText& f = s.field == Field::kTitle ? title_ : body_;
      Entity& e = result.persons[s.entity];
      e.mentions.push_back(
          {s.field, f.words[s.first].start,
           static_cast<std::uint32_t>(f.words[s.last - 1].start + strip_possessive(f.words[s.last - 1].text).size())});
      e.salience += s.field == Field::kTitle ? 3.0 : (f.words[s.first].paragraph == 0 ? 2.0 : 1.0);
    }
    result.spans = spans_;
    return result;
  }

  const FieldText& title_;
  const FieldText& body_;
  std::vector<bool> blocked_title_;
  std::vector<bool> blocked_body_;
  std::vector<Cluster> clusters_;
  // Clusters by the last of their keys, which never changes: a cluster only
  // takes the keys of a longer name that ends with its own.
  std::unordered_map<std::string, LastKeyClusters> clusters_by_last_key_;
  std::size_t most_recent_ = std::string::npos;  // the cluster with the largest last_seen
  std::vector<NameSpan> spans_;
  std::size_t order_ = 0;
};

}  // namespace

PersonFinding find_persons(const FieldText& title, const FieldText& body, const std::vector<NameSpan>& organizations) {
  return PersonRules(title, body, organizations).run();
}

}  // namespace newsdex::entities
