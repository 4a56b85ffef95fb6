// newsdex-search --quotes: candidate articles from Xapian (quote-word terms and
// article filters), then every quote of their stored summaries checked and
// scored on its own. See quote_search.h and docs/architecture.md.
#include "searcher/quote_search.h"

#include <unistd.h>

#include <sys/ioctl.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "common/analysis/analyzer.h"
#include "common/compression/stored_fields.h"
#include "common/database.h"
#include "common/dates.h"
#include "common/entity_summary.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/terminal_text.h"
#include "common/test_hook.h"
#include "searcher/cluster_search.h"
#include "searcher/date_range.h"
#include "searcher/facet_counter.h"
#include "searcher/match_stream.h"
#include "searcher/printers/quote_printer.h"
#include "searcher/query_parser.h"
#include "searcher/snippet_generator.h"
#include "searcher/terminal_options.h"
#include "searcher/timeline.h"

namespace newsdex::search {
namespace {

using analysis::Analyzer;

// Xapian's BM25Weight defaults, so a quote's score reads like a hit's.
constexpr double kBm25K1 = 1.0;
constexpr double kBm25B = 0.5;
// A wildcard takes at most this many expansions, the most frequent, as in
// article search (query_builder.cpp).
constexpr Xapian::termcount kWildcardExpansion = 100;

std::string prefixed(std::string_view prefix, std::string_view term) {
  std::string out(prefix);
  out.append(term);
  return out;
}

bool is_speaker_filter(const QueryNode& node) {
  return node.kind == NodeKind::kFilter &&
         (node.field->prefix == schema::kPrefixSpeaker || node.field->prefix == schema::kPrefixSpeakerWord);
}

// Words, phrases and wildcards of the quote text (no field).
bool is_quote_words(const QueryNode& node) {
  return (node.kind == NodeKind::kWord || node.kind == NodeKind::kPhrase || node.kind == NodeKind::kWildcard) &&
         node.field == nullptr;
}

// Conditions on the whole article, which Xapian checks: filters other than
// speaker: (source:, country:, date:...) and words of another field (title:).
bool is_article_level(const QueryNode& node) {
  switch (node.kind) {
    case NodeKind::kFilter:
      return !is_speaker_filter(node);
    case NodeKind::kWord:
    case NodeKind::kPhrase:
    case NodeKind::kWildcard:
      return node.field != nullptr;
    default:
      return false;
  }
}

// Article-level conditions may only be items of the top group: inside OR,
// NEAR or parentheses they would have to be true of one quote.
void check_quote_query(const QueryNode& node, bool top_item) {
  if (is_article_level(node) && !top_item) {
    throw QuerySyntaxError("with --quotes, '" + std::string(node.field->name) +
                               ":' can only stand at the top level of the query, not inside OR, NEAR or "
                               "parentheses (it is a condition on the article, the words on each quote)",
                           node.position);
  }
  for (const QueryNode& child : node.children) check_quote_query(child, false);
}

// The Xapian query finding the articles that may hold a matching quote: a
// superset (each quote is checked afterwards). nullopt = no restriction.
class CandidateBuilder {
 public:
  explicit CandidateBuilder(const std::vector<Analyzer>& stemmers) : stemmers_(stemmers) {}

  std::optional<Xapian::Query> build(const QueryNode& node, bool top) const {
    switch (node.kind) {
      case NodeKind::kWord:
        return word(node);
      case NodeKind::kPhrase:
        return phrase(node);
      case NodeKind::kWildcard:
        return Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed(exact_prefix(node), node.terms.front()),
                             kWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
      case NodeKind::kFilter:
        if (node.field->kind == schema::FieldKind::kDate) {
          auto seconds = [](const std::string& text) {
            return text.empty() ? std::nullopt : std::optional<std::int64_t>(std::stoll(text));
          };
          return date_filter(DateRange{seconds(node.terms.at(0)), seconds(node.terms.at(1))});
        }
        return Xapian::Query(prefixed(node.field->prefix, node.terms.front()));
      case NodeKind::kNear: {
        // Every operand in the article; the window is checked per quote.
        std::vector<Xapian::Query> parts;
        for (const QueryNode& child : node.children) {
          if (auto q = build(child, false)) parts.push_back(*q);
        }
        return combine(Xapian::Query::OP_AND, parts);
      }
      case NodeKind::kOr: {
        std::vector<Xapian::Query> parts;
        for (const QueryNode& child : node.children) {
          std::optional<Xapian::Query> q = build(child, false);
          if (!q) return std::nullopt;  // one alternative restricts nothing
          parts.push_back(*q);
        }
        return combine(Xapian::Query::OP_OR, parts);
      }
      case NodeKind::kGroup: {
        std::vector<Xapian::Query> positive;
        // Filters of one field are OR'd, different fields AND'd (as in
        // article search: speaker:kerry speaker:lavrov is either).
        std::vector<std::pair<std::string_view, std::vector<Xapian::Query>>> by_field;
        std::vector<Xapian::Query> excluded;
        for (const QueryNode& child : node.children) {
          if (child.occurrence == Occurrence::kExcluded) {
            // Only an article-level exclusion rules out an article: a quote
            // word or speaker excluded rules out quotes, not their article.
            if (top && is_article_level(child)) {
              if (auto q = build(child, false)) excluded.push_back(*q);
            }
            continue;
          }
          std::optional<Xapian::Query> q = build(child, false);
          if (!q) continue;
          if (child.kind != NodeKind::kFilter) {
            positive.push_back(*q);
            continue;
          }
          auto it = std::find_if(by_field.begin(), by_field.end(),
                                 [&](const auto& entry) { return entry.first == child.field->name; });
          if (it == by_field.end()) {
            by_field.emplace_back(child.field->name, std::vector<Xapian::Query>{*q});
          } else {
            it->second.push_back(*q);
          }
        }
        std::vector<Xapian::Query> filters;
        filters.reserve(by_field.size());
        for (const auto& [field, queries] : by_field) filters.push_back(*combine(Xapian::Query::OP_OR, queries));
        std::optional<Xapian::Query> query = combine(Xapian::Query::OP_AND, positive);
        if (!filters.empty()) {
          Xapian::Query filter = *combine(Xapian::Query::OP_AND, filters);
          query = query ? Xapian::Query(Xapian::Query::OP_FILTER, *query, filter) : filter;
        }
        if (!excluded.empty()) {
          query = Xapian::Query(Xapian::Query::OP_AND_NOT, query ? *query : Xapian::Query(std::string()),
                                *combine(Xapian::Query::OP_OR, excluded));
        }
        return query;
      }
    }
    return std::nullopt;
  }

 private:
  static std::optional<Xapian::Query> combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
    if (parts.empty()) return std::nullopt;
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(op, parts.begin(), parts.end());
  }
  static std::string_view exact_prefix(const QueryNode& node) {
    return node.field == nullptr ? schema::kPrefixQuote : node.field->prefix;
  }
  static std::string_view stem_prefix(const QueryNode& node) {
    return node.field == nullptr ? schema::kPrefixQuoteStem : node.field->stem_prefix;
  }
  Xapian::Query word(const QueryNode& node) const {
    const std::string& term = node.terms.front();
    std::vector<Xapian::Query> alternatives{Xapian::Query(prefixed(exact_prefix(node), term))};
    if (!stem_prefix(node).empty()) {
      for (const Analyzer& stemmer : stemmers_)
        alternatives.emplace_back(prefixed(stem_prefix(node), stemmer.stem(term)));
    }
    return *combine(Xapian::Query::OP_OR, alternatives);
  }
  static Xapian::Query phrase(const QueryNode& node) {
    std::vector<Xapian::Query> terms;
    for (const std::string& term : node.terms) terms.emplace_back(prefixed(exact_prefix(node), term));
    if (terms.size() == 1) return terms.front();
    if (node.field != nullptr && !node.field->positional) return *combine(Xapian::Query::OP_AND, terms);
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size()));
  }

  const std::vector<Analyzer>& stemmers_;
};

// One quote, analysed: its words (Analyzer terms) and their stems, and its
// speaker normalised as the speaker: filter values are.
struct QuoteWords {
  std::vector<std::string> terms;
  std::vector<std::string> stems;
  std::string speaker;                     // normalize_value of the canonical name
  std::vector<std::string> speaker_words;  // its words
};

QuoteWords analyse(const EntitySummary::Quote& quote, Analyzer& analyzer) {
  QuoteWords out;
  for (analysis::Token& token : analyzer.tokenize(quote.text)) {
    out.stems.push_back(analyzer.stem(token.term));
    out.terms.push_back(std::move(token.term));
  }
  if (!quote.speaker.empty()) {
    out.speaker = analysis::normalize_value(analyzer, quote.speaker);
    for (std::size_t start = 0; start < out.speaker.size();) {
      std::size_t space = out.speaker.find(' ', start);
      if (space == std::string::npos) space = out.speaker.size();
      if (space > start) out.speaker_words.push_back(out.speaker.substr(start, space - start));
      start = space + 1;
    }
  }
  return out;
}

// Where `node` (quote words) occurs in `q`: the word index of each occurrence.
// A word matches itself and every word with its stem; a quoted word or a
// phrase its exact words; a wildcard every word it starts.
std::vector<std::size_t> occurrences(const QueryNode& node, const QuoteWords& q, const Analyzer& analyzer) {
  std::vector<std::size_t> at;
  const std::vector<std::string>& t = node.terms;
  if (node.kind == NodeKind::kWord) {
    const std::string stem = analyzer.stem(t.front());
    for (std::size_t i = 0; i < q.terms.size(); ++i) {
      if (q.terms[i] == t.front() || q.stems[i] == stem) at.push_back(i);
    }
  } else if (node.kind == NodeKind::kWildcard) {
    for (std::size_t i = 0; i < q.terms.size(); ++i) {
      if (q.terms[i].starts_with(t.front())) at.push_back(i);
    }
  } else if (node.kind == NodeKind::kPhrase && !t.empty() && t.size() <= q.terms.size()) {
    for (std::size_t i = 0; i + t.size() <= q.terms.size(); ++i) {
      if (std::equal(t.begin(), t.end(), q.terms.begin() + static_cast<std::ptrdiff_t>(i))) at.push_back(i);
    }
  }
  return at;
}

// NEAR/window: one occurrence of every operand with all their words inside a
// span of window + (extra words of phrase operands) positions, as Xapian's
// OP_NEAR with the builder's widening.
bool near_matches(const QueryNode& node, const QuoteWords& q, const Analyzer& analyzer) {
  std::vector<std::vector<std::size_t>> at;
  std::size_t window = node.window;
  for (const QueryNode& operand : node.children) {
    at.push_back(occurrences(operand, q, analyzer));
    if (at.back().empty()) return false;
    if (operand.terms.size() > 1) window += operand.terms.size() - 1;
  }
  // The leftmost word of the best span starts some occurrence: from each, the
  // earliest occurrence of every other operand at or after it.
  for (std::size_t k = 0; k < at.size(); ++k) {
    for (std::size_t start : at[k]) {
      std::size_t end = start + std::max<std::size_t>(node.children[k].terms.size(), 1);
      bool all = true;
      for (std::size_t j = 0; j < at.size() && all; ++j) {
        if (j == k) continue;
        auto it = std::lower_bound(at[j].begin(), at[j].end(), start);
        if (it == at[j].end()) {
          all = false;
        } else {
          end = std::max(end, *it + std::max<std::size_t>(node.children[j].terms.size(), 1));
        }
      }
      if (all && end - start <= window) return true;
    }
  }
  return false;
}

// True when quote `q` satisfies `node`. Article-level conditions count as
// true: the candidate query has checked them.
bool quote_matches(const QueryNode& node, const QuoteWords& q, const Analyzer& analyzer) {
  switch (node.kind) {
    case NodeKind::kWord:
    case NodeKind::kPhrase:
    case NodeKind::kWildcard:
      return node.field != nullptr || !occurrences(node, q, analyzer).empty();
    case NodeKind::kFilter:
      if (!is_speaker_filter(node)) return true;
      if (node.field->prefix == schema::kPrefixSpeaker) return q.speaker == node.terms.front();
      return std::find(q.speaker_words.begin(), q.speaker_words.end(), node.terms.front()) != q.speaker_words.end();
    case NodeKind::kNear:
      return near_matches(node, q, analyzer);
    case NodeKind::kOr:
      return std::any_of(node.children.begin(), node.children.end(),
                         [&](const QueryNode& child) { return quote_matches(child, q, analyzer); });
    case NodeKind::kGroup: {
      // Juxtaposed items all count: a quote must hold every word. Filters of
      // one field are OR'd (speaker:kerry speaker:lavrov: either speaker).
      std::vector<std::pair<std::string_view, bool>> fields;  // field -> one of its filters holds
      for (const QueryNode& child : node.children) {
        if (child.occurrence == Occurrence::kExcluded) {
          if (!is_article_level(child) && quote_matches(child, q, analyzer)) return false;
        } else if (child.kind == NodeKind::kFilter) {
          const bool holds = quote_matches(child, q, analyzer);
          auto it = std::find_if(fields.begin(), fields.end(),
                                 [&](const auto& entry) { return entry.first == child.field->name; });
          if (it == fields.end()) {
            fields.emplace_back(child.field->name, holds);
          } else {
            it->second = it->second || holds;
          }
        } else if (!quote_matches(child, q, analyzer)) {
          return false;
        }
      }
      return std::all_of(fields.begin(), fields.end(), [](const auto& entry) { return entry.second; });
    }
  }
  return false;
}

// What a quote's score counts: each quote-word item that is not excluded
// (words, phrases and wildcards, inside OR and NEAR too), with its inverse
// document frequency.
struct ScoredItem {
  const QueryNode* node;
  double idf;
};

void collect_scored(const QueryNode& node, const Xapian::Database& db, const std::vector<Analyzer>& stemmers,
                    std::vector<ScoredItem>& out) {
  if (node.occurrence == Occurrence::kExcluded) return;
  if (is_quote_words(node)) {
    const double n_docs = std::max<double>(1.0, static_cast<double>(db.get_doccount()));
    Xapian::doccount df = 0;
    if (node.kind == NodeKind::kWord) {
      df = db.get_termfreq(prefixed(schema::kPrefixQuote, node.terms.front()));
      for (const Analyzer& stemmer : stemmers) {
        df = std::max(df, db.get_termfreq(prefixed(schema::kPrefixQuoteStem, stemmer.stem(node.terms.front()))));
      }
    } else if (node.kind == NodeKind::kPhrase) {
      df = std::numeric_limits<Xapian::doccount>::max();
      for (const std::string& term : node.terms)
        df = std::min(df, db.get_termfreq(prefixed(schema::kPrefixQuote, term)));
    } else {  // a wildcard: its expansions' frequencies, at most every document
      const std::string prefix = prefixed(schema::kPrefixQuote, node.terms.front());
      Xapian::termcount seen = 0;
      for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && seen < kWildcardExpansion;
           ++it, ++seen) {
        df += it.get_termfreq();
      }
    }
    const double n = std::min(static_cast<double>(df), n_docs);
    out.push_back(ScoredItem{&node, std::log(1.0 + (n_docs - n + 0.5) / (n + 0.5))});
    return;
  }
  for (const QueryNode& child : node.children) collect_scored(child, db, stemmers, out);
}

bool has_quote_words(const QueryNode& node) {
  if (node.occurrence == Occurrence::kExcluded) return false;
  if (is_quote_words(node)) return true;
  return std::any_of(node.children.begin(), node.children.end(), has_quote_words);
}

// --since/--until as a date range; throws Error for a bad date.
std::optional<Xapian::Query> date_option_filter(const SearchOptions& options) {
  const std::optional<DateRange> range = since_until_range(options.since, options.until);
  if (!range) return std::nullopt;
  return date_filter(*range);
}

std::string day_key(std::int64_t unix_s) {
  dates::CivilDate d = dates::civil_from_unix(unix_s);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", d.year, d.month, d.day);
  return buffer;
}

// The order of --sort for quotes: the article stream's (match_stream.h), the
// quote's score as the weight, its article and place as document id and sub.
StreamOrder quote_order(const SearchOptions& options) {
  if (options.sort == SortOrder::kNewest) return StreamOrder::kNewest;
  if (options.sort == SortOrder::kOldest) return StreamOrder::kOldest;
  return StreamOrder::kRelevance;
}

// What one quote search runs, built once from the options: the parsed query,
// the candidate query, the items that score. Neither copied nor moved:
// `scored` points into `root`.
class QuotePlan {
 public:
  QuotePlan(const Xapian::Database& db, const SearchOptions& options) {
    if (options.all_copies) throw Error("--all does not apply to --quotes (quotes are never collapsed)");
    if (options.count_by != CountBy::kArticle)
      throw Error("--count-by does not apply to --quotes (quotes are counted)");
    if (options.timeline_top) throw Error("--timeline-top does not apply to --quotes");
    for (const std::string& lang : database_languages(db)) stemmers.emplace_back(lang);
    if (stemmers.empty()) stemmers.emplace_back("en");
    // The parsed query (empty: every quote, only --since/--until filter).
    Xapian::Query article_query;  // the query as article search runs it
    if (!options.query.empty()) {
      root = parse_query(options.query, stemmers.front());
      // The top group's items are top-level; the root itself is not an item.
      if (root->kind == NodeKind::kGroup) {
        for (const QueryNode& item : root->children) check_quote_query(item, true);
      } else {
        check_quote_query(*root, false);
      }
      BuiltQuery built = QueryBuilder(database_languages(db)).build(options.query);
      highlight = std::move(built.highlight);
      article_query = std::move(built.complete);
    }
    std::optional<Xapian::Query> candidates;
    if (root) candidates = CandidateBuilder(stemmers).build(*root, root->kind == NodeKind::kGroup);
    query = candidates ? *candidates : Xapian::Query(std::string());
    quote_words = root && has_quote_words(*root);
    if (quote_words) {
      // The quote terms have wdf 0 and weigh nothing: the same words in the
      // title and body rank the candidates (which ones are read past the cap).
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, article_query);
    }
    if (std::optional<Xapian::Query> dates = date_option_filter(options)) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, *dates);
    }
    if (root) collect_scored(*root, db, stemmers, scored);
  }
  QuotePlan(const QuotePlan&) = delete;
  QuotePlan& operator=(const QuotePlan&) = delete;

  std::vector<Analyzer> stemmers;
  std::optional<QueryNode> root;
  HighlightSpec highlight;
  Xapian::Query query;  // the candidate articles
  std::vector<ScoredItem> scored;
  bool quote_words = false;
};

// A matching quote as ranking sees it: where it is, and what its score is
// made of (the score needs the mean quote length, known after every
// candidate has been read).
struct Found {
  Xapian::docid docid = 0;
  std::uint32_t quote_index = 0;
  double date = 0.0;                // unix seconds; -infinity when undated (StreamKey::date)
  std::uint32_t words = 0;          // the quote's length in words
  std::vector<std::uint32_t> tf{};  // per ScoredItem: occurrences in the quote
};

double undated_or(const std::optional<std::int64_t>& unix_s) {
  return unix_s ? static_cast<double>(*unix_s) : -std::numeric_limits<double>::infinity();
}

// Reads candidate articles: finds their matching quotes, counts what the
// counts need (quotes read and their words; facets and the timeline when
// asked for) and makes the hits shown.
class QuoteReader {
 public:
  QuoteReader(const QuotePlan& plan, const SearchOptions& options)
      : plan_(plan),
        snippets_(plan.highlight, options.snippet_chars),
        timeline_(options.timeline != TimelineGranularity::kNone) {
    for (schema::FacetKind kind : options.facets) counts_.facets.push_back(FacetCounts{kind, {}});
  }

  // The matching quotes of candidate `doc`, appended to `found`. A summary
  // that does not decode (damage) is counted in unreadable and skipped.
  // `docid`: the document's id in `db` as the caller opened it (with several
  // databases, Document::get_docid() is the id in its own shard).
  void read(const Xapian::Document& doc, Xapian::docid docid, std::vector<Found>& found) {
    ++candidates;
    const Article article = compression::decode_article(doc.get_data());
    DecodedEntitySummary decoded = decode_entity_summary(article.entities_json);
    if (!decoded.ok()) {  // the other articles are still searched
      if (unreadable++ == 0) first_unreadable = article.id + ": " + decoded.error;
      return;
    }
    const EntitySummary& summary = decoded.summary;
    Analyzer& analyzer = analyzer_for(article.lang);
    std::vector<std::size_t> matched;  // indices into summary.quotes
    std::vector<QuoteWords> words;
    for (std::size_t k = 0; k < summary.quotes.size(); ++k) {
      words.push_back(analyse(summary.quotes[k], analyzer));
      total_words += static_cast<double>(words.back().terms.size());
      ++quotes_seen;
      if (!plan_.root || quote_matches(*plan_.root, words.back(), analyzer)) matched.push_back(k);
    }
    if (matched.empty()) return;
    // Nested quotes (a reported statement holding a direct quote of the same
    // speaker): with quote words, the innermost quote holding them is the hit.
    if (plan_.quote_words && matched.size() > 1) {
      const std::vector<std::optional<QuoteSpan>> spans = locate_quotes(article.body, summary.quotes);
      std::vector<std::size_t> kept;
      for (std::size_t i : matched) {
        bool holds_another = false;
        for (std::size_t j : matched) {
          if (j == i || !spans[i] || !spans[j] || summary.quotes[i].speaker != summary.quotes[j].speaker) continue;
          const QuoteSpan& outer = *spans[i];
          const QuoteSpan& inner = *spans[j];
          bool inside = inner.start >= outer.start && inner.end <= outer.end;
          bool same = inner.start == outer.start && inner.end == outer.end;
          if (inside && (!same || j < i)) holds_another = true;
        }
        if (!holds_another) kept.push_back(i);
      }
      matched = std::move(kept);
    }
    ++articles;
    for (std::size_t k : matched) {
      Found f;
      f.docid = docid;
      f.quote_index = static_cast<std::uint32_t>(k);
      f.date = undated_or(article.published_unix_s);
      f.words = static_cast<std::uint32_t>(words[k].terms.size());
      for (const ScoredItem& item : plan_.scored) {
        f.tf.push_back(static_cast<std::uint32_t>(occurrences(*item.node, words[k], analyzer).size()));
      }
      found.push_back(std::move(f));
      count(article, summary, summary.quotes[k]);
    }
  }

  // BM25 of `f`: the quote is the document, its length against the mean
  // length of the quotes read.
  double score(const Found& f) const {
    const double mean_words = quotes_seen > 0 ? std::max(1.0, total_words / static_cast<double>(quotes_seen)) : 1.0;
    const double norm = kBm25K1 * (1.0 - kBm25B + kBm25B * static_cast<double>(f.words) / mean_words);
    double score = 0;
    for (std::size_t i = 0; i < plan_.scored.size(); ++i) {
      const double tf = static_cast<double>(f.tf[i]);
      if (tf > 0) score += plan_.scored[i].idf * tf * (kBm25K1 + 1.0) / (tf + norm);
    }
    return score;
  }

  // The hit of quote `key.sub` of article `key.docid`, at `rank`. Reads the
  // article again (the last one read is kept: quotes of one article often
  // come together); throws Error when its summary no longer decodes.
  QuoteHit hit(const Xapian::Database& db, const StreamKey& key, std::uint32_t rank) {
    if (!shown_ || shown_docid_ != key.docid) {
      shown_ = compression::decode_article(db.get_document(key.docid).get_data());
      DecodedEntitySummary decoded = decode_entity_summary(shown_->entities_json);
      if (!decoded.ok()) throw Error("the stored entity summary of " + shown_->id + " changed while it was read");
      shown_summary_ = std::move(decoded.summary);
      shown_docid_ = key.docid;
    }
    if (key.sub >= shown_summary_.quotes.size()) {
      throw Error("the quotes of " + shown_->id + " changed while they were read");
    }
    const Article& article = *shown_;
    const EntitySummary::Quote& quote = shown_summary_.quotes[key.sub];
    QuoteHit h;
    h.rank = rank;
    h.score = key.weight;
    h.speaker = quote.speaker;
    h.verb = quote.verb;
    h.text = quote.text;
    h.quote_index = key.sub;
    h.id = article.id;
    h.title = article.title;
    h.published_unix_s = article.published_unix_s;
    h.source = article.source;
    h.url = article.url;
    Analyzer& analyzer = analyzer_for(article.lang);
    h.highlights = snippets_.find_matches(h.text, analyzer);
    h.snippet = snippets_.make_snippet(h.text, analyzer);
    return h;
  }

  // The facets and timeline of the quotes found, into `results`.
  void add_counts(const SearchOptions& options, std::uint64_t matched, QuoteResults& results) {
    counts_.matched = matched;
    results.facets = top_facet_values(counts_, options.facet_limit);
    if (timeline_) {
      TimelineGranularity g = resolve_granularity(options.timeline, counts_.days);
      results.timeline = assemble_timeline(counts_.days, counts_.matched, g);
    }
  }

  std::uint64_t candidates = 0;
  std::uint64_t articles = 0;
  std::uint64_t quotes_seen = 0;
  double total_words = 0;
  std::uint64_t unreadable = 0;
  std::string first_unreadable;

 private:
  Analyzer& analyzer_for(const std::string& lang) {
    const std::string key = lang.empty() ? "en" : lang;
    auto it = analyzers_.find(key);
    if (it == analyzers_.end()) it = analyzers_.emplace(key, Analyzer(key)).first;
    return it->second;
  }

  // Counts one matching quote for the facets and the timeline.
  void count(const Article& article, const EntitySummary& summary, const EntitySummary::Quote& quote) {
    if (timeline_ && article.published_unix_s) ++counts_.days[day_key(*article.published_unix_s)];
    for (FacetCounts& facet : counts_.facets) {
      auto count_all = [&](const std::vector<std::string>& values) {
        for (const std::string& v : values) {
          if (!v.empty()) ++facet.values[v];
        }
      };
      if (facet.kind == schema::FacetKind::kSpeaker && !quote.speaker.empty()) ++facet.values[quote.speaker];
      if (facet.kind == schema::FacetKind::kSource && !article.source.empty()) ++facet.values[article.source];
      if (facet.kind == schema::FacetKind::kPerson) count_all(summary.persons);
      if (facet.kind == schema::FacetKind::kOrg) count_all(summary.organizations);
      if (facet.kind == schema::FacetKind::kCountry) {
        for (const EntitySummary::Country& c : summary.countries) {
          if (!c.code.empty()) ++facet.values[c.code];
        }
      }
    }
  }

  const QuotePlan& plan_;
  SnippetGenerator snippets_;
  bool timeline_;
  RawCounts counts_;
  std::map<std::string, Analyzer, std::less<>> analyzers_;
  std::optional<Article> shown_;
  EntitySummary shown_summary_;
  Xapian::docid shown_docid_ = 0;
};

StreamKey key_of(const Found& f, double score) {
  return StreamKey{.date = f.date, .weight = score, .docid = f.docid, .sub = f.quote_index};
}

// The Found records of a stream, written in turn to an unlinked temporary
// file and read back in the same order: every matching quote's record waits
// there until the last candidate is read and the scores can be made. Each
// record is 20 bytes and 4 a scored query item.
class FoundSpill {
 public:
  explicit FoundSpill(std::size_t items) : items_(items) {}
  ~FoundSpill() {
    if (file_ != nullptr) std::fclose(file_);
  }
  FoundSpill(const FoundSpill&) = delete;
  FoundSpill& operator=(const FoundSpill&) = delete;

  void add(const Found& f) {
    if (file_ == nullptr) {
      file_ = std::tmpfile();  // in $TMPDIR or /tmp, unlinked: nothing is left behind
      if (file_ == nullptr) fail("make");
    }
    bool ok = std::fwrite(&f.docid, sizeof f.docid, 1, file_) == 1 &&
              std::fwrite(&f.quote_index, sizeof f.quote_index, 1, file_) == 1 &&
              std::fwrite(&f.date, sizeof f.date, 1, file_) == 1 &&
              std::fwrite(&f.words, sizeof f.words, 1, file_) == 1 &&
              (items_ == 0 || std::fwrite(f.tf.data(), sizeof(std::uint32_t), items_, file_) == items_);
    if (!ok) fail("write");
    ++count_;
  }
  std::uint64_t size() const { return count_; }

  // The next record in the order added; false after the last. Requires:
  // every add() done.
  bool next(Found& f) {
    if (read_ == count_) return false;
    if (read_ == 0 && (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0)) fail("read");
    f.tf.resize(items_);
    bool ok = std::fread(&f.docid, sizeof f.docid, 1, file_) == 1 &&
              std::fread(&f.quote_index, sizeof f.quote_index, 1, file_) == 1 &&
              std::fread(&f.date, sizeof f.date, 1, file_) == 1 &&
              std::fread(&f.words, sizeof f.words, 1, file_) == 1 &&
              (items_ == 0 || std::fread(f.tf.data(), sizeof(std::uint32_t), items_, file_) == items_);
    if (!ok) fail("read");
    ++read_;
    return true;
  }

 private:
  [[noreturn]] static void fail(const char* what) {
    throw Error(std::string("cannot ") + what +
                " the temporary file that holds the matching quotes: " + std::strerror(errno));
  }

  std::size_t items_;
  std::FILE* file_ = nullptr;
  std::uint64_t count_ = 0;
  std::uint64_t read_ = 0;
};

// Reads every candidate the match meets (Xapian calls it once per match),
// spilling the matching quotes. An exception is kept and thrown after the
// match: none may cross Xapian's matcher.
class QuoteSpy : public Xapian::MatchSpy {
 public:
  QuoteSpy(QuoteReader& reader, FoundSpill& spill) : reader_(reader), spill_(spill) {}
  void operator()(const Xapian::Document& doc, double) override {
    if (failure_) return;
    try {
      reader_.read(doc, doc.get_docid(), batch_);  // one database: see stream_quotes
      for (const Found& f : batch_) spill_.add(f);
    } catch (...) {
      failure_ = std::current_exception();
    }
    batch_.clear();
  }
  void rethrow() const {
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  QuoteReader& reader_;
  FoundSpill& spill_;
  std::vector<Found> batch_;
  std::exception_ptr failure_;
};

QuoteResults results_of(const SearchOptions& options) {
  QuoteResults results;
  results.query = options.query;
  results.offset = options.offset;
  results.sort = option_value_name(options.sort, kSortOrderNames);
  return results;
}

void take_counts(const QuoteReader& reader, QuoteResults& results) {
  results.candidates = reader.candidates;
  results.articles = reader.articles;
  results.unreadable = reader.unreadable;
  results.first_unreadable = reader.first_unreadable;
}

}  // namespace

QuoteResults search_quotes(const Xapian::Database& db, const SearchOptions& options) {
  QuoteResults results = results_of(options);
  const QuotePlan plan(db, options);
  QuoteReader reader(plan, options);

  Xapian::Enquire enquire(db);
  enquire.set_query(plan.query);
  if (options.sort != SortOrder::kRelevance) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, options.sort == SortOrder::kNewest);
  }
  Xapian::MSet mset = enquire.get_mset(0, kMaxQuoteCandidates, kMaxQuoteCandidates + 1);
  results.exact = mset.get_matches_lower_bound() <= mset.size();
  std::vector<Found> found;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) reader.read(it.get_document(), *it, found);
  take_counts(reader, results);
  results.matched = found.size();
  reader.add_counts(options, results.matched, results);

  // Ranked as stream_quotes ranks them: by score (or date, score breaking
  // ties), then article and place in it.
  std::vector<StreamKey> keys;
  keys.reserve(found.size());
  for (const Found& f : found) keys.push_back(key_of(f, reader.score(f)));
  const StreamOrder order = quote_order(options);
  const std::size_t first = std::min<std::size_t>(options.offset, keys.size());
  const std::size_t last = std::min<std::size_t>(first + options.limit, keys.size());
  std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(last), keys.end(),
                    [order](const StreamKey& a, const StreamKey& b) { return stream_before(order, a, b); });
  for (std::size_t i = first; i < last; ++i) {
    results.hits.push_back(reader.hit(db, keys[i], static_cast<std::uint32_t>(i + 1)));
  }
  return results;
}

QuoteResults stream_quotes(const Xapian::Database& db, const SearchOptions& options,
                           const std::function<bool(const QuoteHit&)>& emit) {
  QuoteResults results = results_of(options);
  const QuotePlan plan(db, options);
  QuoteReader reader(plan, options);
  FoundSpill spill(plan.scored.size());
  Xapian::Enquire enquire(db);
  enquire.set_query(plan.query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());  // the quotes are scored here
  if (db.size() == 1) {
    // One database: a spy reads every candidate in one pass of the match.
    QuoteSpy spy(reader, spill);
    enquire.add_matchspy(&spy);
    const Xapian::doccount all = std::max<Xapian::doccount>(db.get_doccount(), 1);
    enquire.get_mset(0, 0, all);
    spy.rethrow();
  } else {
    // A cluster file's shards: a stock xapian-tcpsrv runs no newsdex spy, and
    // a spy would see each shard's own document ids. Read the candidates from
    // the match, a page at a time (each page runs the match again).
    constexpr Xapian::doccount kPage = 10'000;
    std::vector<Found> batch;
    for (Xapian::doccount first = 0;; first += kPage) {
      Xapian::MSet page = enquire.get_mset(first, kPage);
      for (Xapian::MSetIterator it = page.begin(); it != page.end(); ++it) {
        batch.clear();
        reader.read(it.get_document(), *it, batch);
        for (const Found& f : batch) spill.add(f);
      }
      if (page.size() < kPage) break;
    }
  }
  take_counts(reader, results);
  results.matched = spill.size();
  reader.add_counts(options, results.matched, results);

  SortedKeys keys(quote_order(options));
  for (Found f; spill.next(f);) keys.add(key_of(f, reader.score(f)));
  std::uint64_t skipped = 0;
  std::uint64_t emitted = 0;
  for (StreamKey key; keys.next(key);) {
    if (skipped < options.offset) {
      ++skipped;
      continue;
    }
    ++emitted;
    if (!emit(reader.hit(db, key, static_cast<std::uint32_t>(options.offset + emitted)))) break;
  }
  results.returned = emitted;
  return results;
}

namespace {

// Thrown when writing the output fails; `error` is the errno. EPIPE (the
// reader went away, `| head`) ends the search quietly.
struct WriteFailed {
  int error;
};

void check_written(std::ostream& out) {
  if (!out.good()) throw WriteFailed{errno};
}

// A test stopping the export at "row" sees every row so far in its output.
void row_written(std::ostream& out) {
  if (!test_hooks_enabled()) return;
  out.flush();
  check_written(out);
  test_hook("row");
}

void print_notes(const std::vector<std::string>& notes, std::ostream& err) {
  for (const std::string& note : notes) err << "newsdex-search: " << note << "\n";
}

}  // namespace

int run_quote_search(const SearchOptions& options, const std::vector<QuoteField>& fields, std::ostream& out,
                     std::ostream& err) {
  const auto started = std::chrono::steady_clock::now();
  const std::string db_path = options.db_path.empty() ? default_database_path() : options.db_path;
  const bool table = options.format == OutputFormat::kCsv || options.format == OutputFormat::kTsv;
  try {
    QuoteResults results;
    std::optional<QuoteTablePrinter> table_printer;
    if (table) {
      table_printer.emplace(
          options.format == OutputFormat::kCsv ? TableFormat::kCsv : TableFormat::kTsv,
          fields.empty() ? std::vector<QuoteField>(kDefaultQuoteFields.begin(), kDefaultQuoteFields.end()) : fields);
    }
    // A cluster file's shards (cluster_search.h), or one database.
    std::optional<Cluster> cluster;
    if (options.limit_all) {
      // Not retried: rows already written cannot be taken back, even with
      // --allow-partial.
      const Xapian::Database db = open_for_search(db_path, options.allow_partial, cluster);
      if (cluster) print_notes(partial_warnings(*cluster), err);
      bool begun = false;
      try {
        results = stream_quotes(db, options, [&](const QuoteHit& hit) {
          if (table_printer) {
            if (!begun) table_printer->begin(out);
            table_printer->hit(hit, out);
          } else {
            print_quote_json(hit, out);
          }
          begun = true;
          check_written(out);
          row_written(out);
          return true;
        });
      } catch (const Xapian::NetworkError& e) {
        if (cluster) blame_shards(*cluster, e, false);
        throw;
      } catch (const Xapian::DatabaseModifiedError&) {
        throw Error(
            "the database changed while the quotes were written (an indexer committed); run the search "
            "again, the rows written so far are incomplete");
      }
      if (table_printer && !begun) table_printer->begin(out);  // the header, even without rows
      results.elapsed_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      if (!table_printer) print_quotes_json_end(results, results.returned, out);
    } else {
      // An indexer's commits meanwhile: the one retry, search.h's; a shard
      // failing during the search (--allow-partial): again without it.
      retry_failed_shards(db_path, [&] {
        retry_while_committing([&] { return open_for_search(db_path, options.allow_partial, cluster); },
                               [&](const Xapian::Database& db) {
                                 try {
                                   results = search_quotes(db, options);
                                 } catch (const Xapian::NetworkError& e) {
                                   if (cluster) blame_shards(*cluster, e, options.allow_partial);
                                   throw;
                                 }
                               });
      });
      if (cluster) print_notes(partial_warnings(*cluster), err);
      results.returned = results.hits.size();
      results.elapsed_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      if (table_printer) {
        table_printer->begin(out);
        for (const QuoteHit& hit : results.hits) {
          table_printer->hit(hit, out);
          check_written(out);
          row_written(out);
        }
      } else if (options.format == OutputFormat::kJsonl) {
        print_quotes_json(results, out);
      } else {
        print_quotes_text(results, TerminalStyle{.color = use_color(options.color), .width = terminal_width()}, out);
      }
    }
    out.flush();
    check_written(out);
    if (results.unreadable > 0) {
      err << "newsdex-search: warning: the stored entity summary of " << results.unreadable << " article"
          << (results.unreadable == 1 ? "" : "s") << " could not be read, so their quotes were not searched (first: "
          << excerpt_for_message(results.first_unreadable, 120) << "); run `newsdex-index check --db " << db_path
          << "`\n";
    }
    return results.matched > 0 ? kExitHits : kExitNoHits;
  } catch (const WriteFailed& e) {
    if (e.error == EPIPE) return kExitHits;  // the reader has all it wanted
    err << "newsdex-search: cannot write the results: " << std::strerror(e.error) << "\n";
  } catch (const QuerySyntaxError& e) {
    err << "newsdex-search: " << format_query_error(e, options.query);
  } catch (const Error& e) {
    err << "newsdex-search: " << e.what() << "\n";
  } catch (const Xapian::DatabaseOpeningError& e) {
    err << "newsdex-search: cannot open the database at " << db_path << ": " << e.get_description() << "\n";
  } catch (const Xapian::DatabaseError& e) {
    err << "newsdex-search: " << damaged(db_path, e.get_description()) << "\n";
  } catch (const Xapian::Error& e) {
    err << "newsdex-search: " << db_path << ": " << e.get_description() << "\n";
  } catch (const std::bad_alloc&) {
    err << "newsdex-search: out of memory searching the quotes of the database at " << db_path << "\n";
  } catch (const std::exception& e) {
    err << "newsdex-search: " << e.what() << " (searching the quotes of the database at " << db_path
        << "; if it is damaged, `newsdex-index check --db " << db_path << "` says how)\n";
  }
  return kExitError;
}

}  // namespace newsdex::search
