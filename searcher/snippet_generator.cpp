// SnippetGenerator: picks the passage of an article that covers the most
// distinct query words, weighted by rarity, and marks every matched word.
//
// Shape of a snippet:
// - Passages are runs of whole sentences (Analyzer::sentences). Only a sentence
//   longer than the whole snippet is cut: around its densest cluster of
//   matches, at token boundaries, so no word and no UTF-8 sequence is split.
// - "…" (U+2026) marks each side where text INSIDE a sentence was cut, and
//   nowhere else: whole sentences taken from the middle of an article get no
//   "…" (ripgrep prints lines bare; Google marks only cut sentences). The "…"
//   counts toward max_chars and sits against the text ("…text…"), as in
//   Xapian's MSet::snippet.
// - Runs of ASCII white space (hard-wrapped wire copy) become one space;
//   highlight offsets index that collapsed Snippet::text. highlight_all does
//   the same to a title, and trims it.
// - A dotted acronym's highlight takes its final dot ("U.S." not "U.S"): the
//   tokenizer stops before it, but readers see the dot as part of the word.
#include "searcher/snippet_generator.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsdex::search {
namespace {

using analysis::Span;
using analysis::Token;

constexpr std::string_view kEllipsis = "\u2026";

// A passage scores the sum of the weights of the distinct words it holds; every
// repeat of a word adds a little more, capped at this fraction of the word's
// weight, so many "said" never outscore one more distinct word.
constexpr double kRepeatBonus = 0.25;

// Tie-break towards the start of the article (the lead usually says most), at
// most this fraction of the lightest word: never worth a distinct word.
constexpr double kEarlyBonus = 0.1;

// Floor for weights: a word of weight 0 (in every document) must still make
// its passage beat a passage with no match.
constexpr double kMinWeight = 0.01;

constexpr int kNoKey = -1;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; }

// Bytes of the UTF-8 sequence starting with lead byte `c` (1 for a stray byte).
std::uint32_t sequence_length(char c) {
  auto b = static_cast<unsigned char>(c);
  return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

// Languages whose Snowball stemmers only rewrite the END of a word, so a word
// and its stem start with the same character (on folded terms, where accents
// and "ß" are already gone). Arabic, Indonesian and Irish strip prefixes; the
// other stemmers are left out until someone checks them.
bool stems_keep_first_letter(const std::string& lang) {
  static constexpr std::string_view kSuffixOnly[] = {"en", "de", "fr", "es", "it", "pt", "nl", "ru",
                                                     "sv", "no", "da", "fi", "hu", "ro", "tr"};
  return std::find(std::begin(kSuffixOnly), std::end(kSuffixOnly), lang) != std::end(kSuffixOnly);
}

// One stretch of the text as the highlighter sees it: a token, or a whole
// phrase match. Units are sorted and do not overlap.
struct Unit {
  std::uint32_t start;
  std::uint32_t end;
  int key;  // the query word or phrase matched (index into weights), or kNoKey
};

// The query's words and phrases, prepared for one analyzer: stems depend on
// its language, so they are computed per call (a handful of words, ~1 µs).
class WordMatcher {
 public:
  WordMatcher(const HighlightSpec& spec, const analysis::Analyzer& analyzer) : spec_(spec), analyzer_(analyzer) {
    const std::size_t n_terms = spec.terms.size();
    stems_.resize(n_terms);
    bool check_first_letter = stems_keep_first_letter(analyzer.language());
    for (std::size_t k = 0; k < n_terms; ++k) {
      const HighlightTerm& t = spec.terms[k];
      weights_.push_back(std::max(t.weight, kMinWeight));
      if (!t.stemmed || t.term.empty()) continue;
      has_stemmed_ = true;
      stems_[k] = analyzer.stem(t.term);
      if (stems_[k].empty()) {
        check_first_letter = false;
      } else {
        const std::size_t first_len = std::min<std::size_t>(sequence_length(stems_[k][0]), stems_[k].size());
        first_letters_.push_back(stems_[k].substr(0, first_len));
      }
    }
    if (!check_first_letter) first_letters_.clear();
    filter_by_first_letter_ = check_first_letter;

    // The first bytes a matching token can start with. Most words of an
    // article fail this one lookup and cost nothing more.
    for (const HighlightTerm& t : spec.terms) {
      if (!t.term.empty()) may_start_[static_cast<unsigned char>(t.term[0])] = true;
    }
    for (const std::vector<std::string>& phrase : spec.phrases) {
      if (!phrase.empty() && !phrase[0].empty()) may_start_[static_cast<unsigned char>(phrase[0][0])] = true;
    }
    for (const std::string& first : first_letters_) may_start_[static_cast<unsigned char>(first[0])] = true;
    if (has_stemmed_ && !filter_by_first_letter_) may_start_.fill(true);

    // A phrase weighs what its words weigh; a word the spec does not weigh
    // counts as an average one.
    double mean = 1.0;
    if (n_terms > 0) {
      double sum = 0.0;
      for (std::size_t k = 0; k < n_terms; ++k) sum += weights_[k];
      mean = sum / static_cast<double>(n_terms);
    }
    for (const std::vector<std::string>& phrase : spec.phrases) {
      double w = 0.0;
      for (const std::string& word : phrase) {
        auto it =
            std::find_if(spec.terms.begin(), spec.terms.end(), [&](const HighlightTerm& t) { return t.term == word; });
        w += it == spec.terms.end() ? mean : weights_[static_cast<std::size_t>(it - spec.terms.begin())];
      }
      weights_.push_back(std::max(w, kMinWeight));
    }
  }

  // Weight of each key: terms first, then phrases.
  const std::vector<double>& weights() const { return weights_; }

  // The units of `text`, given its tokens.
  std::vector<Unit> match(std::string_view text, const std::vector<Token>& tokens) {
    std::vector<Unit> units;
    units.reserve(tokens.size());
    const std::size_t n = tokens.size();
    for (std::size_t i = 0; i < n;) {
      if (tokens[i].term.empty() || !may_start_[static_cast<unsigned char>(tokens[i].term[0])]) {
        units.push_back(Unit{tokens[i].start, end_of(text, tokens[i]), kNoKey});
        ++i;
        continue;
      }
      // The longest phrase starting here wins, and swallows its tokens.
      std::size_t best_len = 0;
      std::size_t best_phrase = 0;
      for (std::size_t p = 0; p < spec_.phrases.size(); ++p) {
        const std::vector<std::string>& phrase = spec_.phrases[p];
        const std::size_t len = phrase.size();
        if (len == 0 || len <= best_len || i + len > n) continue;
        bool equal = true;
        for (std::size_t k = 0; k < len && equal; ++k) equal = tokens[i + k].term == phrase[k];
        if (equal) {
          best_len = len;
          best_phrase = p;
        }
      }
      if (best_len > 0) {
        units.push_back(Unit{tokens[i].start, end_of(text, tokens[i + best_len - 1]),
                             static_cast<int>(spec_.terms.size() + best_phrase)});
        i += best_len;
        continue;
      }
      units.push_back(Unit{tokens[i].start, end_of(text, tokens[i]), match_term(tokens[i].term)});
      ++i;
    }
    return units;
  }

 private:
  // A dotted acronym's unit takes its final dot (see the file comment).
  static std::uint32_t end_of(std::string_view text, const Token& token) {
    if (token.end < text.size() && text[token.end] == '.' && token.term.find('.') == std::string::npos &&
        text.substr(token.start, token.end - token.start).find('.') != std::string_view::npos) {
      return token.end + 1;
    }
    return token.end;
  }

  // The heaviest query word `term` matches, or kNoKey.
  int match_term(const std::string& term) {
    int best = kNoKey;
    auto consider = [&](std::size_t k) {
      if (best == kNoKey || weights_[k] > weights_[static_cast<std::size_t>(best)]) best = static_cast<int>(k);
    };
    bool try_stems = false;
    for (std::size_t k = 0; k < spec_.terms.size(); ++k) {
      const HighlightTerm& t = spec_.terms[k];
      if (t.term.empty()) continue;
      if (term == t.term || (t.prefix && term.starts_with(t.term))) {
        consider(k);
      } else if (t.stemmed) {
        try_stems = true;
      }
    }
    if (!try_stems || !could_share_stem(term)) return best;
    const std::string& stem = stem_of(term);
    for (std::size_t k = 0; k < spec_.terms.size(); ++k) {
      if (spec_.terms[k].stemmed && !stems_[k].empty() && stems_[k] == stem) consider(k);
    }
    return best;
  }

  // Stemming is the costly step (a Snowball run per word), so a word is only
  // stemmed when its stem could equal a query stem: for suffix-only stemmers,
  // when it starts with the same character as one of them.
  bool could_share_stem(const std::string& term) const {
    if (!filter_by_first_letter_) return has_stemmed_;
    return std::any_of(first_letters_.begin(), first_letters_.end(),
                       [&](const std::string& first) { return term.starts_with(first); });
  }

  // Articles repeat their words; each distinct one is stemmed once per call.
  const std::string& stem_of(const std::string& term) {
    auto it = stem_cache_.find(term);
    if (it == stem_cache_.end()) it = stem_cache_.emplace(term, analyzer_.stem(term)).first;
    return it->second;
  }

  const HighlightSpec& spec_;
  const analysis::Analyzer& analyzer_;
  std::vector<double> weights_;
  std::vector<std::string> stems_;  // per term; "" when not stemmed
  std::vector<std::string> first_letters_;
  bool has_stemmed_ = false;
  bool filter_by_first_letter_ = false;
  std::array<bool, 256> may_start_{};                             // indexed by a term's first byte
  std::unordered_map<std::string_view, std::string> stem_cache_;  // keys view the tokens' terms
};

// A byte range of the text to show, and whether "…" goes on either side.
struct Passage {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  bool cut_before = false;
  bool cut_after = false;
};

// Chooses the passage of `text` to show. Requires: at least one sentence.
class PassagePicker {
 public:
  PassagePicker(std::string_view text, const std::vector<Unit>& units, const std::vector<Span>& sentences,
                const std::vector<double>& weights, std::size_t max_chars)
      : text_(text), units_(units), sentences_(sentences), weights_(weights), max_chars_(max_chars) {
    // chars_before_[i]: code points of text[0, i) once white space runs are
    // collapsed, so any range's shown length is a subtraction.
    chars_before_.resize(text.size() + 1);
    std::uint32_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      chars_before_[i] = count;
      const char c = text[i];
      if (!is_continuation_byte(c) && !(is_space(c) && i > 0 && is_space(text[i - 1]))) ++count;
    }
    chars_before_[text.size()] = count;

    for (std::size_t u = 0; u < units.size(); ++u) {
      if (units[u].key != kNoKey) hits_.push_back(u);
    }
    // Sentences are sorted, and only white space lies between them, so every
    // unit starts inside one of them.
    sentence_units_.resize(sentences.size() + 1);
    sentence_hits_.resize(sentences.size() + 1);
    std::size_t u = 0;
    std::size_t h = 0;
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      while (u < units.size() && units[u].start < sentences[s].start) ++u;
      while (h < hits_.size() && units[hits_[h]].start < sentences[s].start) ++h;
      sentence_units_[s] = u;
      sentence_hits_[s] = h;
    }
    sentence_units_[sentences.size()] = units.size();
    sentence_hits_[sentences.size()] = hits_.size();

    min_weight_ = weights.empty() ? kMinWeight : *std::min_element(weights.begin(), weights.end());
  }

  Passage pick() const {
    if (hits_.empty()) return lead();
    double best_score = -std::numeric_limits<double>::infinity();
    Passage best;
    bool best_is_whole = false;
    std::size_t best_first = 0;
    std::size_t best_last = 0;
    for (std::size_t a = 0; a < sentences_.size(); ++a) {
      // A run starting with a sentence without matches is never better than
      // the run starting at the next one, which holds all its matches.
      if (sentence_hits_[a] == sentence_hits_[a + 1]) continue;
      if (length(sentences_[a].start, sentences_[a].end) > max_chars_) {
        auto [passage, score] = cut_sentence(a);
        if (score > best_score) {
          best_score = score;
          best = passage;
          best_is_whole = false;
        }
        continue;
      }
      std::size_t b = a;
      while (b + 1 < sentences_.size() && length(sentences_[a].start, sentences_[b + 1].end) <= max_chars_) ++b;
      double score = score_hits(sentence_hits_[a], sentence_hits_[b + 1], sentences_[a].start);
      if (score > best_score) {
        best_score = score;
        best = Passage{sentences_[a].start, sentences_[b].end, false, false};
        best_is_whole = true;
        best_first = a;
        best_last = b;
      }
    }
    if (best_score == -std::numeric_limits<double>::infinity()) return lead();  // no hit inside a sentence
    if (best_is_whole) {
      // The run is as long as it can be forwards; fill what is left of the
      // budget with the sentences leading up to it.
      while (best_first > 0 && length(sentences_[best_first - 1].start, sentences_[best_last].end) <= max_chars_) {
        --best_first;
      }
      best.start = sentences_[best_first].start;
    }
    return best;
  }

 private:
  // Shown code points of text[from, to), white space collapsed.
  std::size_t length(std::uint32_t from, std::uint32_t to) const {
    if (to <= from) return 0;
    std::size_t n = chars_before_[to] - chars_before_[from];
    // A range opening inside a run of spaces still shows one.
    if (from > 0 && is_space(text_[from]) && is_space(text_[from - 1])) ++n;
    return n;
  }

  // Score of the matches hits_[first, last) in a passage starting at `start`.
  double score_hits(std::size_t first, std::size_t last, std::uint32_t start) const {
    std::vector<int> counts(weights_.size(), 0);
    for (std::size_t h = first; h < last; ++h) ++counts[static_cast<std::size_t>(units_[hits_[h]].key)];
    double score = 0.0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
      if (counts[k] == 0) continue;
      score += weights_[k] * (1.0 + kRepeatBonus * (1.0 - 1.0 / counts[k]));
    }
    const double position = text_.empty() ? 0.0 : static_cast<double>(start) / static_cast<double>(text_.size());
    return score + kEarlyBonus * min_weight_ * (1.0 - position);
  }

  // Cutting inside sentence s at unit boundaries: the first unit takes the
  // sentence's opening (a quote mark, say), the last one its closing.
  std::uint32_t cut_start(std::size_t s, std::size_t u) const {
    return u == sentence_units_[s] ? sentences_[s].start : units_[u].start;
  }
  std::uint32_t cut_end(std::size_t s, std::size_t u) const {
    return u + 1 == sentence_units_[s + 1] ? sentences_[s].end : std::min(units_[u].end, sentences_[s].end);
  }
  // Whether units [first, last] of sentence s, with "…" where cut, fit.
  bool fits(std::size_t s, std::size_t first, std::size_t last) const {
    const std::uint32_t from = cut_start(s, first);
    const std::uint32_t to = cut_end(s, last);
    const std::size_t ellipses = (from > sentences_[s].start ? 1u : 0u) + (to < sentences_[s].end ? 1u : 0u);
    return length(from, to) + ellipses <= max_chars_;
  }
  Passage cut_passage(std::size_t s, std::size_t first, std::size_t last) const {
    const std::uint32_t from = cut_start(s, first);
    const std::uint32_t to = cut_end(s, last);
    return Passage{from, to, from > sentences_[s].start, to < sentences_[s].end};
  }

  // The best window of a sentence too long to show whole: the densest
  // cluster of matches, then widened a unit at a time on alternate sides.
  std::pair<Passage, double> cut_sentence(std::size_t s) const {
    const std::size_t first_hit = sentence_hits_[s];
    const std::size_t end_hit = sentence_hits_[s + 1];
    double best_score = -std::numeric_limits<double>::infinity();
    std::size_t best_i = first_hit;
    std::size_t best_j = first_hit;
    for (std::size_t i = first_hit; i < end_hit; ++i) {
      std::size_t j = i;
      while (j + 1 < end_hit && fits(s, hits_[i], hits_[j + 1])) ++j;
      double score = score_hits(i, j + 1, units_[hits_[i]].start);
      if (score > best_score) {
        best_score = score;
        best_i = i;
        best_j = j;
      }
    }
    // A single match longer than the snippet (a very long phrase) is shown
    // whole, over budget, rather than cut.
    std::size_t first = hits_[best_i];
    std::size_t last = hits_[best_j];
    bool grow_before = true;
    bool grow_after = true;
    while (grow_before || grow_after) {
      if (grow_before) {
        grow_before = first > sentence_units_[s] && fits(s, first - 1, last);
        if (grow_before) --first;
      }
      if (grow_after) {
        grow_after = last + 1 < sentence_units_[s + 1] && fits(s, first, last + 1);
        if (grow_after) ++last;
      }
    }
    if (!fits(s, first, last)) {
      // One match that fits alone, or is longer than the snippet (shown
      // whole), but not with the sentence's opening or closing glued to it
      // (quote marks, brackets): leave those out, cut on both sides.
      const std::uint32_t from = units_[first].start;
      const std::uint32_t to = std::min(units_[last].end, sentences_[s].end);
      return {Passage{from, to, from > sentences_[s].start, to < sentences_[s].end}, best_score};
    }
    return {cut_passage(s, first, last), best_score};
  }

  // No match: the opening sentences, or the start of an over-long first one.
  Passage lead() const {
    const Span& s0 = sentences_[0];
    if (length(s0.start, s0.end) <= max_chars_) {
      std::size_t b = 0;
      while (b + 1 < sentences_.size() && length(s0.start, sentences_[b + 1].end) <= max_chars_) ++b;
      return Passage{s0.start, sentences_[b].end, false, false};
    }
    const std::size_t first = sentence_units_[0];
    if (first < sentence_units_[1] && fits(0, first, first)) {
      std::size_t last = first;
      while (last + 1 < sentence_units_[1] && fits(0, first, last + 1)) ++last;
      return cut_passage(0, first, last);
    }
    // The first word alone is longer than the snippet (a URL, unsegmented
    // script): the one place a word is cut, at a code point boundary.
    std::uint32_t end = s0.start;
    while (end < s0.end) {
      std::uint32_t next = std::min(end + sequence_length(text_[end]), s0.end);
      if (length(s0.start, next) + 1 > max_chars_) break;
      end = next;
    }
    return Passage{s0.start, end, false, true};
  }

  std::string_view text_;
  const std::vector<Unit>& units_;
  const std::vector<Span>& sentences_;
  const std::vector<double>& weights_;
  std::size_t max_chars_;
  double min_weight_ = kMinWeight;
  std::vector<std::uint32_t> chars_before_;
  std::vector<std::size_t> hits_;            // indices of the units that match
  std::vector<std::size_t> sentence_units_;  // per sentence, its first unit; then units_.size()
  std::vector<std::size_t> sentence_hits_;   // per sentence, its first hit; then hits_.size()
};

// Snippet::text for `passage`, white space collapsed, with the matched units
// inside it as highlights (clipped to the passage).
Snippet render(std::string_view text, const Passage& passage, const std::vector<Unit>& units) {
  Snippet out;
  out.text.reserve(passage.end - passage.start + 2 * kEllipsis.size());
  if (passage.cut_before) out.text += kEllipsis;

  auto next_hit = [&](std::size_t u) {
    while (u < units.size() && units[u].key == kNoKey) ++u;
    return u;
  };
  auto here = [&] { return static_cast<std::uint32_t>(out.text.size()); };
  std::size_t u = next_hit(static_cast<std::size_t>(
      std::partition_point(units.begin(), units.end(), [&](const Unit& x) { return x.end <= passage.start; }) -
      units.begin()));
  bool open = false;
  std::uint32_t open_at = 0;
  bool in_space = false;
  for (std::uint32_t i = passage.start;; ++i) {
    if (open && i == std::min(units[u].end, passage.end)) {
      out.highlights.push_back(Highlight{open_at, here()});
      open = false;
      u = next_hit(u + 1);
    }
    if (!open && u < units.size() && units[u].start < passage.end && std::max(units[u].start, passage.start) == i) {
      open = true;
      open_at = here();
    }
    if (i >= passage.end) break;
    const char c = text[i];
    if (is_space(c)) {
      if (!in_space) out.text.push_back(' ');
      in_space = true;
    } else {
      out.text.push_back(c);
      in_space = false;
    }
  }
  if (open) out.highlights.push_back(Highlight{open_at, here()});
  if (passage.cut_after) out.text += kEllipsis;
  return out;
}

}  // namespace

SnippetGenerator::SnippetGenerator(HighlightSpec spec, std::size_t max_chars)
    : spec_(std::move(spec)), max_chars_(max_chars) {}

Snippet SnippetGenerator::make_snippet(std::string_view body, analysis::Analyzer& analyzer) const {
  const std::vector<Span> sentences = analyzer.sentences(body);
  if (sentences.empty()) return {};
  const std::vector<Token> tokens = analyzer.tokenize(body);
  WordMatcher matcher(spec_, analyzer);
  const std::vector<Unit> units = matcher.match(body, tokens);
  const PassagePicker picker(body, units, sentences, matcher.weights(), max_chars_);
  return render(body, picker.pick(), units);
}

Snippet SnippetGenerator::highlight_all(std::string_view text, analysis::Analyzer& analyzer) const {
  std::uint32_t start = 0;
  auto end = static_cast<std::uint32_t>(text.size());
  while (start < end && is_space(text[start])) ++start;
  while (end > start && is_space(text[end - 1])) --end;
  if (start == end) return {};
  const std::vector<Token> tokens = analyzer.tokenize(text);
  WordMatcher matcher(spec_, analyzer);
  const std::vector<Unit> units = matcher.match(text, tokens);
  return render(text, Passage{start, end, false, false}, units);
}

std::vector<Highlight> SnippetGenerator::find_matches(std::string_view text, analysis::Analyzer& analyzer) const {
  const std::vector<Token> tokens = analyzer.tokenize(text);
  WordMatcher matcher(spec_, analyzer);
  std::vector<Highlight> out;
  for (const Unit& unit : matcher.match(text, tokens)) {
    if (unit.key != kNoKey) out.push_back(Highlight{unit.start, unit.end});
  }
  return out;
}

}  // namespace newsdex::search
