// Quote rules. Every speech verb is first turned into an attribution event
// (who speaks there: a person, a pronoun resolved to the last speaker, an
// unnamed source, or nobody), in text order so pronouns see earlier events.
// Direct quotes then take the event right after their closing mark, else a
// person's event earlier in the same sentence, else continue the quote before.
#include "common/entities/quotes.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "common/entities/search_steps.h"

namespace newsdex::entities {
namespace {

constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
// A pronoun reaches back at most this many paragraphs for its speaker.
constexpr std::uint32_t kPronounReachParagraphs = 2;

enum class Subject { kNone, kPerson, kAnonymous };

struct Event {
  std::size_t verb = 0;      // word index of the verb
  std::size_t verb_end = 0;  // one past its last word ("according to")
  std::string verb_text;
  Subject subject = Subject::kNone;
  std::size_t person = kNoIndex;
  std::size_t clause_first = kNoIndex;  // first word of a reported clause
  bool inverted = false;                // '," said Kerry': the subject follows
};

bool is_pronoun(std::string_view t) { return t == "he" || t == "she" || t == "He" || t == "She"; }

bool is_adverb(std::string_view t) {
  return t == "also" || t == "later" || t == "again" || t == "then" || t == "once" || t == "further" ||
         (t.size() > 4 && t.substr(t.size() - 2) == "ly" && t != "only" && t != "Italy");
}

bool is_time_word(std::string_view t) {
  static const std::vector<std::string_view> kWords = {
      "Monday",  "Tuesday",   "Wednesday", "Thursday", "Friday",     "Saturday",  "Sunday",  "today", "yesterday",
      "tonight", "on",        "last",      "week",     "earlier",    "late",      "in",      "a",     "an",
      "the",     "statement", "interview", "briefing", "conference", "news",      "at",      "on",    "this",
      "morning", "afternoon", "evening",   "night",    "separately", "privately", "publicly"};
  return std::find(kWords.begin(), kWords.end(), t) != kWords.end();
}

// Words that may open a content clause when "that" is left out.
bool opens_clause(const Word& w) {
  if (w.kind != WordKind::kWord) return false;
  static const std::vector<std::string_view> kStarters = {
      "he",       "she",     "it",    "they",         "we",         "I",      "you",   "there",  "the",
      "his",      "her",     "its",   "their",        "our",        "this",   "these", "those",  "some",
      "no",       "all",     "both",  "any",          "such",       "a",      "an",    "nobody", "none",
      "everyone", "nothing", "talks", "negotiations", "government", "prices", "while", "if",     "when"};
  if (std::find(kStarters.begin(), kStarters.end(), w.text) != kStarters.end()) return true;
  return w.capitalized && w.text != "I";
}

// Verbs that report a clause even without "that".
bool takes_bare_clause(std::string_view v) {
  static const std::vector<std::string_view> kVerbs = {
      "said",    "says",   "told",    "tells",     "added",      "adds",      "insisted",  "insists",   "acknowledged",
      "warned",  "argued", "noted",   "claimed",   "stressed",   "explained", "admitted",  "conceded",  "believes",
      "thinks",  "wrote",  "writes",  "predicted", "suggested",  "adding",    "saying",    "insisting", "warning",
      "arguing", "noting", "replied", "countered", "maintained", "recalled",  "estimated", "confirmed"};
  return std::find(kVerbs.begin(), kVerbs.end(), v) != kVerbs.end();
}

class QuoteRules {
 public:
  QuoteRules(const FieldText& body, const PersonFinding& persons) : f_(body), w_(body.words), persons_(persons) {
    span_end_.assign(w_.size(), kNoIndex);
    span_start_.assign(w_.size(), kNoIndex);
    for (std::size_t s = 0; s < persons.spans.size(); ++s) {
      const auto& sp = persons.spans[s];
      if (sp.field != Field::kBody) continue;
      span_end_[sp.last - 1] = s;
      span_start_[sp.first] = s;
    }
    sentence_.assign(w_.size(), 0);
    std::size_t sent = 0;
    for (std::size_t i = 0; i < w_.size(); ++i) {
      if (w_[i].kind == WordKind::kWord && w_[i].sentence_start && i > 0) ++sent;
      sentence_[i] = sent;
    }
    // An opening quote belongs to the sentence it opens. (So sentence_ never
    // decreases: the searches below rely on it.)
    for (std::size_t i = 0; i + 1 < w_.size(); ++i) {
      if (w_[i].kind == WordKind::kOpenQuote && w_[i + 1].kind == WordKind::kWord) sentence_[i] = sentence_[i + 1];
    }
    clause_last_.assign(w_.size(), 0);
    for (std::size_t i = w_.size(); i-- > 0;) {
      const bool same = i + 1 < w_.size() && sentence_[i + 1] == sentence_[i] && w_[i + 1].paragraph == w_[i].paragraph;
      clause_last_[i] = same ? clause_last_[i + 1] : i;
    }
    const Lexicon& lex = lexicon();
    speech_verb_.assign(w_.size(), false);
    appositive_stop_.assign(w_.size(), kNoIndex);
    for (std::size_t k = 0; k < w_.size(); ++k) {
      speech_verb_[k] = w_[k].kind == WordKind::kWord && lex.is_speech_verb(w_[k].text);
      const bool stop = w_[k].kind == WordKind::kOpenQuote || w_[k].kind == WordKind::kCloseQuote || speech_verb_[k] ||
                        (w_[k].text == "," && k > 0 && span_end_[k - 1] != kNoIndex);
      appositive_stop_[k] = stop ? k : (k > 0 ? appositive_stop_[k - 1] : kNoIndex);
    }
    inside_quote_.assign(w_.size(), false);
    find_direct_quotes();
  }

  std::vector<Quote> run() {
    find_events();
    index_person_events();
    std::vector<Quote> quotes;
    for (const auto& e : events_) {
      if (e.clause_first == kNoIndex || e.subject != Subject::kPerson) continue;
      quotes.push_back({name_of(e.person), e.verb_text, clause_mention(e.clause_first), false});
    }
    std::optional<std::size_t> previous_speaker;  // person of the previous direct quote
    std::uint32_t previous_paragraph = 0;
    bool has_previous = false;
    for (const auto& dq : direct_) {
      std::size_t person = kNoIndex;
      std::string verb;
      bool decided = false;
      std::size_t attribution_at = dq.close == kNoIndex ? dq.open : dq.close;
      if (const Event* e = event_after(dq); e != nullptr) {
        decided = true;
        attribution_at = e->verb;
        if (e->subject == Subject::kPerson) {
          person = e->person;
          verb = e->verb_text;
        }
      } else if (const Event* b = person_event_before(dq); b != nullptr) {
        decided = true;
        attribution_at = std::max(attribution_at, b->verb);
        person = b->person;
        verb = b->verb_text;
      }
      if (!decided && has_previous && previous_speaker.has_value()) {
        const bool opens_paragraph = dq.open == 0 || w_[dq.open - 1].paragraph != w_[dq.open].paragraph;
        const std::uint32_t para = w_[dq.open].paragraph;
        if ((opens_paragraph && para == previous_paragraph + 1) ||
            (para == previous_paragraph && !speech_between(previous_close_, dq.open))) {
          person = *previous_speaker;
          verb = previous_verb_;
        }
      }
      const bool continues = previous_unclosed_ && has_previous && w_[dq.open].paragraph == previous_paragraph + 1 &&
                             (dq.open == 0 || w_[dq.open - 1].paragraph != w_[dq.open].paragraph);
      previous_unclosed_ = dq.close == kNoIndex;
      if (continues && !decided) {
        // News style: an unclosed paragraph goes on with the next one; one quote.
        for (auto it = quotes.rbegin(); it != quotes.rend(); ++it) {
          if (it->direct) {
            it->text.end = dq.text_end;
            break;
          }
        }
        previous_paragraph = w_[dq.close == kNoIndex ? dq.open : dq.close].paragraph;
        continue;
      }
      Quote q;
      q.text = {Field::kBody, w_[dq.open].end, dq.text_end};
      q.direct = true;
      if (person != kNoIndex) {
        q.speaker = name_of(person);
        q.verb = verb;
      }
      quotes.push_back(q);
      previous_speaker = person == kNoIndex ? std::nullopt : std::optional<std::size_t>(person);
      previous_verb_ = verb;
      previous_paragraph = w_[dq.close == kNoIndex ? dq.open : dq.close].paragraph;
      previous_close_ = attribution_at;
      has_previous = true;
    }
    std::stable_sort(quotes.begin(), quotes.end(),
                     [](const Quote& a, const Quote& b) { return a.text.start < b.text.start; });
    return quotes;
  }

 private:
  struct Direct {
    std::size_t open;
    std::size_t close;  // kNoIndex: runs to the end of the paragraph
    std::uint32_t text_end;
  };

  void find_direct_quotes() {
    for (std::size_t i = 0; i < w_.size(); ++i) {
      if (w_[i].kind != WordKind::kOpenQuote) continue;
      std::size_t k = i + 1;
      std::size_t close = kNoIndex;
      std::size_t last_in_para = i;
      while (k < w_.size() && w_[k].paragraph == w_[i].paragraph) {
        if (w_[k].kind == WordKind::kCloseQuote) {
          close = k;
          break;
        }
        if (w_[k].kind == WordKind::kOpenQuote) break;
        last_in_para = k;
        ++k;
      }
      const std::uint32_t end = close != kNoIndex ? w_[close].start : w_[last_in_para].end;
      if (end <= w_[i].end) continue;
      for (std::size_t n = i; n <= (close != kNoIndex ? close : last_in_para); ++n) inside_quote_[n] = true;
      direct_.push_back({i, close, end});
      if (close != kNoIndex) i = close;
    }
  }

  std::string name_of(std::size_t person) const { return persons_.persons[person].name; }

  // From `first` to the end of its sentence, within its paragraph.
  Mention clause_mention(std::size_t first) const {
    add_search_steps(1);
    return {Field::kBody, w_[first].start, w_[clause_last_[first]].end};
  }

  // Person whose span ends at word i, or kNoIndex.
  std::size_t person_ending_at(std::size_t i) const {
    return span_end_[i] == kNoIndex ? kNoIndex : persons_.spans[span_end_[i]].entity;
  }

  std::size_t resolve_pronoun(std::size_t at) const {
    if (last_attribution_ == kNoIndex || last_person_ == kNoIndex) return kNoIndex;
    if (w_[at].paragraph > w_[last_attribution_].paragraph + kPronounReachParagraphs) return kNoIndex;
    // Another person opening a sentence since then makes "he" ambiguous.
    for (std::size_t k = last_attribution_ + 1; k < at; ++k) {
      add_search_steps(1);
      if (span_start_[k] == kNoIndex || !w_[k].sentence_start) continue;
      if (persons_.spans[span_start_[k]].entity != last_person_) return kNoIndex;
    }
    return last_person_;
  }

  void find_events() {
    for (std::size_t v = 0; v < w_.size(); ++v) {
      if (inside_quote_[v] || w_[v].kind != WordKind::kWord) continue;
      Event e;
      e.verb = v;
      e.verb_end = v + 1;
      if ((w_[v].text == "according" || w_[v].text == "According") && v + 2 < w_.size() && w_[v + 1].text == "to") {
        if (span_start_[v + 2] == kNoIndex) continue;
        const auto& sp = persons_.spans[span_start_[v + 2]];
        e.verb_end = v + 2;
        e.verb_text = std::string(f_.text.substr(w_[v].start, w_[v + 1].end - w_[v].start));
        e.subject = Subject::kPerson;
        e.person = sp.entity;
        if (sp.last + 1 < w_.size() && w_[sp.last].text == "," && w_[sp.last + 1].kind == WordKind::kWord &&
            w_[v].sentence_start) {
          e.clause_first = sp.last + 1;
        }
        record(e);
        continue;
      }
      if (!speech_verb_[v] || w_[v].capitalized) continue;
      e.verb_text = std::string(w_[v].text);
      find_subject(e);
      find_clause(e);
      if (e.subject == Subject::kNone && e.clause_first == kNoIndex) continue;
      record(e);
    }
  }

  void record(const Event& e) {
    events_.push_back(e);
    if (e.subject == Subject::kPerson) {
      last_attribution_ = e.verb;
      last_person_ = e.person;
    } else {
      last_attribution_ = e.verb;
      last_person_ = kNoIndex;
    }
  }

  void find_subject(Event& e) {
    const std::size_t v = e.verb;
    std::size_t s = v;  // subject ends before s
    if (s > 0 && w_[s - 1].kind == WordKind::kWord && is_adverb(w_[s - 1].text)) --s;
    if (s == 0) return;
    const Word& before = w_[s - 1];
    if (const std::size_t p = person_ending_at(s - 1); p != kNoIndex) {
      const std::size_t first = persons_.spans[span_end_[s - 1]].first;
      if (first > 0 && (w_[first - 1].text == "and" || w_[first - 1].text == "or")) {
        e.subject = Subject::kAnonymous;  // "Kerry and Lavrov announced": no one speaker
        return;
      }
      e.subject = Subject::kPerson;
      e.person = p;
      return;
    }
    if (before.kind == WordKind::kWord && is_pronoun(before.text)) {
      e.person = resolve_pronoun(s - 1);
      e.subject = e.person == kNoIndex ? Subject::kAnonymous : Subject::kPerson;
      return;
    }
    // Apposition: "Salem Al-Meslet, the spokesman for X, said", "Juliana
    // Moreira, 27, who is pregnant, said": a person that opens the sentence
    // or a clause and is followed by a comma.
    if (before.text == ",") {
      if (s >= 2 && person_ending_at(s - 2) != kNoIndex) {
        e.subject = Subject::kPerson;
        e.person = person_ending_at(s - 2);
        return;
      }
      // Back through the sentence to the nearest quote mark, speech verb or
      // comma after a person (appositive_stop_, so no word is read twice).
      add_search_steps(1);
      const std::size_t k = s >= 2 ? appositive_stop_[s - 2] : kNoIndex;
      if (k != kNoIndex && sentence_[k] == sentence_[v] && w_[k].text == ",") {
        const std::size_t first = persons_.spans[span_end_[k - 1]].first;
        const bool opens = first == 0 || w_[first].sentence_start || w_[first - 1].text == ",";
        if (opens) {
          e.subject = Subject::kPerson;
          e.person = person_ending_at(k - 1);
          return;
        }
      }
    }
    // Elided subject: "said ... and warned that", "Santos said, adding that".
    const bool participle = w_[v].text.size() > 3 && w_[v].text.substr(w_[v].text.size() - 3) == "ing";
    if (before.text == "and" || before.text == "but" || (participle && before.text == ",")) {
      for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
        if (sentence_[it->verb] != sentence_[v]) break;
        if (it->subject == Subject::kPerson) {
          e.subject = Subject::kPerson;
          e.person = it->person;
        }
        return;
      }
      return;
    }
    // Inversion after a quote: '," said Salem Al-Meslet'.
    if (before.kind == WordKind::kCloseQuote || before.text == "," || before.text == "\xE2\x80\x94") {
      std::size_t k = v + 1;
      while (k < w_.size() && k < v + 5 && span_start_[k] == kNoIndex && w_[k].kind == WordKind::kWord &&
             (w_[k].capitalized || w_[k].text == "of")) {
        ++k;
      }
      if (k < w_.size() && span_start_[k] != kNoIndex) {
        e.subject = Subject::kPerson;
        e.person = persons_.spans[span_start_[k]].entity;
        e.inverted = true;
        return;
      }
      e.inverted = before.kind == WordKind::kCloseQuote;
      e.subject = Subject::kNone;
      return;
    }
    if (before.kind == WordKind::kWord && before.text != "who" && before.text != "that" && before.text != "to" &&
        before.text != "was" && before.text != "were" && before.text != "be" && before.text != "been" &&
        before.text != "is" && before.text != "has" && before.text != "have" && before.text != "had") {
      e.subject = Subject::kAnonymous;  // "the ministry said", "a diplomat said"
    }
  }

  void find_clause(Event& e) {
    std::size_t k = e.verb_end;
    if (e.inverted) return;
    if (k >= w_.size() || w_[k].kind != WordKind::kWord || inside_quote_[k]) return;
    const std::string_view verb = w_[e.verb].text;
    // "told reporters", "told a news conference": skip the listener.
    if (verb == "told" || verb == "tells") {
      // The listener: one word ("reporters", "Reuters") or a determiner and a
      // short noun phrase; then the clause must open with "that" or a pronoun.
      if (w_[k].text == "the" || w_[k].text == "a" || w_[k].text == "an") {
        std::size_t n = k + 1;
        while (n < w_.size() && n < k + 5 && w_[n].kind == WordKind::kWord && w_[n].text != "that" &&
               !is_pronoun(w_[n].text) && w_[n].text != "they" && w_[n].text != "it" && w_[n].text != "we") {
          ++n;
        }
        k = n;
      } else {
        ++k;
      }
      while (k < w_.size() && w_[k].kind == WordKind::kWord && is_time_word(w_[k].text) && w_[k].text != "the") ++k;
      if (k >= w_.size() || w_[k].kind != WordKind::kWord) return;
      const auto t = w_[k].text;
      if (t == "that" && k + 1 < w_.size()) {
        e.clause_first = k + 1;
      } else if (is_pronoun(t) || t == "they" || t == "it" || t == "we" || t == "I" || t == "there") {
        e.clause_first = k;
      }
      return;
    }
    // "that" within a few time or place words.
    for (std::size_t n = k; n < w_.size() && n < k + 6 && w_[n].kind == WordKind::kWord; ++n) {
      if (w_[n].text == "that" && n + 1 < w_.size() && w_[n + 1].kind == WordKind::kWord) {
        e.clause_first = n + 1;
        return;
      }
      if (!is_time_word(w_[n].text)) break;
    }
    if (!takes_bare_clause(verb)) return;
    while (k < w_.size() && w_[k].kind == WordKind::kWord && is_time_word(w_[k].text) && w_[k].text != "the" &&
           w_[k].text != "a" && w_[k].text != "an") {
      ++k;
    }
    if (k < w_.size() && opens_clause(w_[k]) && !inside_quote_[k]) {
      // A bare clause needs a verb of its own soon: reject "said the talks." style objects
      // by requiring at least four more words in the sentence.
      std::size_t n = k;
      while (n < w_.size() && n < k + 4 && sentence_[n] == sentence_[k]) ++n;
      add_search_steps(n - k);
      if (n - k >= 4) e.clause_first = k;
    }
  }

  // The event attributing a quote that ends at dq.close: '," Kerry said'.
  const Event* event_after(const Direct& dq) const {
    if (dq.close == kNoIndex) return nullptr;
    std::size_t k = dq.close + 1;
    if (k < w_.size() && w_[k].kind == WordKind::kPunct && w_[k].text != ".") ++k;
    for (auto it = first_event_from(k); it != events_.end() && it->verb < k + 6; ++it) {
      add_search_steps(1);
      if (sentence_[it->verb] == sentence_[dq.close]) {
        bool clean = true;
        for (std::size_t n = k; n < it->verb; ++n) {
          if (w_[n].kind != WordKind::kWord) clean = false;
        }
        if (clean) return &*it;
      }
    }
    return nullptr;
  }

  // A person's speech event earlier in the sentence of the opening mark.
  const Event* person_event_before(const Direct& dq) const {
    add_search_steps(1);
    const auto next = first_event_from(dq.open);
    if (next == events_.begin()) return nullptr;
    const auto last_before = static_cast<std::size_t>(next - events_.begin()) - 1;
    if (sentence_[events_[last_before].verb] != sentence_[dq.open]) return nullptr;
    const std::size_t found = person_event_upto_[last_before];
    return found == kNoIndex ? nullptr : &events_[found];
  }

  bool speech_between(std::size_t a, std::size_t b) const {
    add_search_steps(1);
    const auto after_a = first_event_from(a + 1);
    return after_a != events_.end() && after_a->verb < b;
  }

  // The first event whose verb is at word `k` or later (events_ are in text order).
  std::vector<Event>::const_iterator first_event_from(std::size_t k) const {
    return std::lower_bound(events_.begin(), events_.end(), k,
                            [](const Event& e, std::size_t word) { return e.verb < word; });
  }

  // person_event_upto_[i]: the last event at or before events_[i], in the same
  // sentence, whose subject is a person; kNoIndex if none.
  void index_person_events() {
    person_event_upto_.assign(events_.size(), kNoIndex);
    for (std::size_t i = 0; i < events_.size(); ++i) {
      if (events_[i].subject == Subject::kPerson) {
        person_event_upto_[i] = i;
      } else if (i > 0 && sentence_[events_[i - 1].verb] == sentence_[events_[i].verb]) {
        person_event_upto_[i] = person_event_upto_[i - 1];
      }
    }
  }

  const FieldText& f_;
  const std::vector<Word>& w_;
  const PersonFinding& persons_;
  std::vector<std::size_t> span_end_;
  std::vector<std::size_t> span_start_;
  std::vector<std::size_t> sentence_;
  std::vector<std::size_t> clause_last_;  // last word of i's sentence within i's paragraph
  std::vector<bool> speech_verb_;         // a speech verb, in any case
  // The nearest word at or before i that ends the look-back for an apposition:
  // a quote mark, a speech verb, or a comma right after a person; kNoIndex if none.
  std::vector<std::size_t> appositive_stop_;
  std::vector<bool> inside_quote_;
  std::vector<Direct> direct_;
  std::vector<Event> events_;
  std::vector<std::size_t> person_event_upto_;
  std::size_t last_attribution_ = kNoIndex;
  std::size_t last_person_ = kNoIndex;
  std::string previous_verb_;
  std::size_t previous_close_ = 0;
  bool previous_unclosed_ = false;
};

}  // namespace

std::vector<Quote> find_quotes(const FieldText& body, const PersonFinding& persons) {
  return QuoteRules(body, persons).run();
}

}  // namespace newsdex::entities
