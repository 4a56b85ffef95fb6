// Organization rules. The head-word rule is deliberately narrow on the left
// (capitalised words only) so "Defence Minister Ehud Barak of the Labour Party"
// gives "Labour Party", never the minister; "of"/"for"/"on" join only to the
// right of a head ("Ministry of Defence").
#include "common/entities/organizations.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "common/analysis/analyzer.h"
#include "common/entities/dateline.h"
#include "common/entities/search_steps.h"

namespace newsdex::entities {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool is_cap_word(const Word& w) { return w.kind == WordKind::kWord && (w.capitalized || w.all_caps); }

// Capitalised function words ("The", "But") that open sentences, not names.
bool is_stop_cap(const Word& w) { return analysis::is_stopword(ascii_lower(w.text)); }

std::string span_text(const FieldText& f, std::size_t first, std::size_t last) {
  const auto start = f.words[first].start;
  const auto end =
      static_cast<std::uint32_t>(f.words[last - 1].start + strip_possessive(f.words[last - 1].text).size());
  return std::string(f.text.substr(start, end - start));
}

// Known name of up to lexicon().longest_org_name_words words at i: its length.
std::size_t known_name_at(const FieldText& f, std::size_t i, std::string* key) {
  const Lexicon& lex = lexicon();
  // Every known name starts with this word (or this word without "'s").
  if (i >= f.words.size()) return 0;
  const std::string_view first = f.words[i].text;
  if (!lex.org_name_first_words.contains(first) && !lex.org_name_first_words.contains(strip_possessive(first))) {
    return 0;
  }
  std::size_t best = 0;
  std::string joined;
  for (std::size_t n = 0; n < lex.longest_org_name_words && i + n < f.words.size(); ++n) {
    const Word& w = f.words[i + n];
    if (w.kind != WordKind::kWord) break;
    if (n > 0) joined += ' ';
    joined += (n + 1 == lex.longest_org_name_words || i + n + 1 == f.words.size())
                  ? std::string(strip_possessive(w.text))
                  : std::string(w.text);
    auto it = lex.org_names.find(joined);
    if (it == lex.org_names.end() && strip_possessive(w.text) != w.text) {
      std::string trimmed = joined.substr(0, joined.size() - (w.text.size() - strip_possessive(w.text).size()));
      it = lex.org_names.find(trimmed);
    }
    if (it != lex.org_names.end()) {
      best = n + 1;
      *key = it->second;
    }
    if (strip_possessive(w.text) != w.text) break;
  }
  return best;
}

struct Raw {
  Field field;
  std::size_t first;
  std::size_t last;
  std::string text;
  std::string key;  // grouping key
};

void scan_field(const FieldText& f, std::vector<Raw>& out) {
  const Lexicon& lex = lexicon();
  const auto& w = f.words;
  std::vector<bool> used(w.size(), false);
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (used[i] || w[i].kind != WordKind::kWord || !w[i].capitalized) continue;
    if (!lex.is_org_head(strip_possessive(w[i].text))) continue;
    // A headline in capitals is not evidence of a name.
    if (w[i].all_caps && w[i].text.size() > 3) continue;
    std::size_t first = i;
    while (first > 0 && !used[first - 1] && is_cap_word(w[first - 1]) &&
           strip_possessive(w[first - 1].text) == w[first - 1].text && lex.title_length_at(w, first - 1) == 0) {
      --first;
    }
    while (first < i && is_stop_cap(w[first])) ++first;
    std::size_t last = i + 1;
    // Further capitalised words and right-hand "of/for/on [the] Name" parts.
    while (last < w.size()) {
      if (strip_possessive(w[last - 1].text) != w[last - 1].text) break;
      if (is_cap_word(w[last]) && !is_stop_cap(w[last])) {
        ++last;
        continue;
      }
      const auto joiner = w[last].text;
      if (w[last].kind == WordKind::kWord && (joiner == "of" || joiner == "for" || joiner == "on")) {
        std::size_t k = last + 1;
        if (k < w.size() && w[k].text == "the") ++k;
        if (k < w.size() && is_cap_word(w[k]) && !is_stop_cap(w[k])) {
          last = k + 1;
          continue;
        }
      }
      break;
    }
    // A lone head ("the Council") names nothing unless it is an institution.
    if (last - first == 1) continue;
    for (std::size_t k = first; k < last; ++k) used[k] = true;
    std::string text = span_text(f, first, last);
    out.push_back({f.field, first, last, text, analysis::fold(text) + "|" + text});
    i = last - 1;
  }
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (used[i] || w[i].kind != WordKind::kWord) continue;
    std::string key;
    const std::size_t n = known_name_at(f, i, &key);
    if (n == 0) continue;
    for (std::size_t k = i; k < i + n; ++k) used[k] = true;
    out.push_back({f.field, i, i + n, span_text(f, i, i + n), key});
    i += n - 1;
  }
}

std::vector<std::string> split_on_spaces(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    auto next = s.find(' ', pos);
    if (next == std::string::npos) next = s.size();
    if (next > pos) parts.push_back(s.substr(pos, next - pos));
    pos = next + 1;
  }
  return parts;
}

bool has_head_word_key(const Raw& r) { return r.key.find('|') != std::string::npos; }

// Head-word names that end a longer name ("Security Council" of "U.N. Security
// Council") share its key. The rule: names are decided in order; a name i of
// two words or more with a head-word key takes the key of every longer name j
// whose words end with i's, in order of j (its key as it stands then), and
// stops once the key it took is a known name's (no '|'). So i ends with the key
// of the first such j whose key is a known name's (from the word lists, or
// taken by a name decided before i), else with the key of the last such j.
//
// Comparing every name with every other made a long body quadratic. Here the
// names that may take a key go in a trie of their words read backwards; each
// name walks its own words backwards down the trie, which lists it under every
// shorter name it ends with. A walk is at most as long as its name, so this is
// linear in the words of all names.
void share_keys_of_longer_names(std::vector<Raw>& raws) {
  std::vector<std::vector<std::string>> words(raws.size());
  for (std::size_t i = 0; i < raws.size(); ++i) words[i] = split_on_spaces(raws[i].text);
  struct Node {
    std::unordered_map<std::string_view, std::size_t> next;  // word -> node
    std::size_t name = kNone;                                // index into `names`, or kNone
  };
  struct Name {
    std::vector<std::size_t> longer;  // the longer names ending with this one, in order
    std::size_t first_fixed = kNone;  // first of `longer` with a known name's key from the start
    std::size_t first_taken = kNone;  // first of `longer` decided so far that took a known name's key
  };
  std::vector<Node> trie(1);
  std::vector<Name> names;
  std::vector<std::size_t> name_of(raws.size(), kNone);
  for (std::size_t i = 0; i < raws.size(); ++i) {
    if (words[i].size() < 2 || !has_head_word_key(raws[i])) continue;
    std::size_t node = 0;
    for (auto w = words[i].rbegin(); w != words[i].rend(); ++w) {
      auto [it, inserted] = trie[node].next.try_emplace(*w, trie.size());
      if (inserted) trie.emplace_back();
      node = it->second;
    }
    if (trie[node].name == kNone) {
      trie[node].name = names.size();
      names.emplace_back();
    }
    name_of[i] = trie[node].name;
  }
  if (names.empty()) return;
  // Every shorter name that raw j ends with, per j.
  std::vector<std::vector<std::size_t>> ends_with(raws.size());
  for (std::size_t j = 0; j < raws.size(); ++j) {
    std::size_t node = 0;
    std::size_t depth = 0;
    for (auto w = words[j].rbegin(); w != words[j].rend() && depth + 1 < words[j].size(); ++w) {
      add_search_steps(1);
      auto it = trie[node].next.find(*w);
      if (it == trie[node].next.end()) break;
      node = it->second;
      ++depth;
      if (const std::size_t n = trie[node].name; n != kNone) {
        names[n].longer.push_back(j);
        if (names[n].first_fixed == kNone && !has_head_word_key(raws[j])) names[n].first_fixed = j;
        ends_with[j].push_back(n);
      }
    }
  }
  for (std::size_t i = 0; i < raws.size(); ++i) {
    if (name_of[i] == kNone) continue;
    const Name& name = names[name_of[i]];
    if (name.longer.empty()) continue;
    add_search_steps(1);
    // A fixed key never changes and a taken one is final: either is the key
    // the walk stops at. Otherwise every key on the way was a head-word key.
    const std::size_t stop = std::min(name.first_fixed, name.first_taken);
    raws[i].key = raws[stop != kNone ? stop : name.longer.back()].key;
    if (has_head_word_key(raws[i])) continue;
    for (const std::size_t n : ends_with[i]) {
      if (names[n].first_taken == kNone) names[n].first_taken = i;
    }
  }
}

// The outlet named in a wire dateline, "MUNICH, Feb 12 (Granite Herald) -":
// byte span of the parenthesised part, or {0, 0}. The outlet is the
// article's source, not an organization the article is about.
std::pair<std::uint32_t, std::uint32_t> dateline_outlet(std::string_view body) {
  std::optional<DatelineShape> d = dateline_shape(body);
  if (!d || d->source_end <= d->source_start) return {0, 0};
  std::string_view place = d->header.substr(0, std::min(d->header.find(','), d->header.find('(')));
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  bool capitals = place.size() >= 2 && std::none_of(place.begin(), place.end(), lower) &&
                  std::any_of(place.begin(), place.end(), upper);
  if (!capitals) return {0, 0};
  return {d->source_start, d->source_end};
}

}  // namespace

OrganizationFinding find_organizations(const FieldText& title, const FieldText& body) {
  std::vector<Raw> raws;
  scan_field(title, raws);
  scan_field(body, raws);
  auto [outlet_start, outlet_end] = dateline_outlet(body.text);
  // Captured by copy: clang 14 cannot capture structured bindings (P1091).
  std::erase_if(raws, [&, from = outlet_start, to = outlet_end](const Raw& r) {
    if (r.field != Field::kBody) return false;  // r.first indexes the title's words
    std::uint32_t at = body.words[r.first].start;
    return at >= from && at < to;
  });
  std::stable_sort(raws.begin(), raws.end(), [](const Raw& a, const Raw& b) {
    if (a.field != b.field) return a.field == Field::kTitle;
    return a.first < b.first;
  });
  share_keys_of_longer_names(raws);
  OrganizationFinding result;
  std::map<std::string, std::size_t> by_key;
  for (const auto& r : raws) {
    auto [it, inserted] = by_key.emplace(r.key, result.organizations.size());
    if (inserted) {
      Entity e;
      e.type = EntityType::kOrganization;
      e.name = r.text;
      result.organizations.push_back(e);
    }
    Entity& e = result.organizations[it->second];
    if (split_on_spaces(r.text).size() > split_on_spaces(e.name).size()) e.name = r.text;
    const FieldText& f = r.field == Field::kTitle ? title : body;
    e.mentions.push_back(
        {r.field, f.words[r.first].start,
         static_cast<std::uint32_t>(f.words[r.last - 1].start + strip_possessive(f.words[r.last - 1].text).size())});
    e.salience += r.field == Field::kTitle ? 3.0 : (f.words[r.first].paragraph == 0 ? 2.0 : 1.0);
    result.spans.push_back({r.field, r.first, r.last, it->second});
  }
  return result;
}

}  // namespace newsdex::entities
