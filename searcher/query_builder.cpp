// QueryNode tree (query_parser.h) -> Xapian::Query, with the prefixes of
// common/schema.h, plus the HighlightSpec of the positive words.
//
// Why not Xapian::QueryParser: the index holds our own tokens (ICU word breaks,
// our folding, add_posting in document_builder.cpp), and QueryParser tokenises
// and folds its own way ("Al-Meslet", "U.S.", CJK, accents would disagree with
// the index). So query words go through the same Analyzer as indexed words and
// we build the Query objects ourselves; the price is owning a small parser.
#include "searcher/query_builder.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "common/analysis/analyzer.h"
#include "common/schema.h"
#include "common/terminal_text.h"
#include "searcher/query_parser.h"

namespace newsdex::search {
namespace {

using analysis::Analyzer;

// A wildcard expands to at most this many terms, the most frequent ones: the
// rare tail adds cost and little recall (and Xapian would otherwise throw on
// a short, popular prefix with WILDCARD_LIMIT_ERROR).
constexpr Xapian::termcount kWildcardExpansion = 100;

// Xapian::Query::MatchAll is a shared static whose reference count is not
// thread-safe (xapian/query.h); a fresh Query(std::string()) is the same query.
Xapian::Query match_all() { return Xapian::Query(std::string()); }

// `queries` joined by `op`; a single query stays itself, none gives Query().
Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& queries) {
  if (queries.empty()) return Xapian::Query();
  if (queries.size() == 1) return queries.front();
  return Xapian::Query(op, queries.begin(), queries.end());
}

std::string prefixed(std::string_view prefix, const std::string& term) {
  std::string out(prefix);
  out += term;
  return out;
}

// A built subquery. A pure filter (boolean terms only) is kept apart so that
// the enclosing group can apply it with OP_FILTER instead of AND-ing a
// MatchAll into the weights.
struct Built {
  Xapian::Query query;
  bool is_filter = false;
};

Xapian::Query weighted(const Built& built) {
  return built.is_filter ? Xapian::Query(Xapian::Query::OP_FILTER, match_all(), built.query) : built.query;
}

// The items of one kGroup, sorted by role.
struct GroupParts {
  std::vector<Xapian::Query> positive;  // required and optional, in query order (complete)
  std::vector<Xapian::Query> required;
  std::vector<Xapian::Query> optional;
  std::vector<Xapian::Query> excluded;
  // Filter terms by field, in order of first appearance: same field OR'd,
  // different fields AND'd. Sub-expressions that are pure filters
  // ("(source:a OR lang:de)") are extra AND'd conditions.
  std::vector<std::pair<const schema::QueryField*, std::vector<Xapian::Query>>> filters_by_field;
  std::vector<Xapian::Query> extra_filters;

  Xapian::Query filter() const {
    std::vector<Xapian::Query> conditions;
    for (const auto& [field, terms] : filters_by_field) conditions.push_back(combine(Xapian::Query::OP_OR, terms));
    conditions.insert(conditions.end(), extra_filters.begin(), extra_filters.end());
    return combine(Xapian::Query::OP_AND, conditions);
  }
};

class Builder {
 public:
  explicit Builder(const std::vector<Analyzer>& stemmers) : stemmers_(stemmers) {}

  // A kFilter node: a boolean term, or a value range over the publication
  // date for `date:` (terms = {from, to}, "" for an open end; `to` exclusive).
  static Xapian::Query filter_query(const QueryNode& node) {
    if (node.field->kind == schema::FieldKind::kDate) {
      auto seconds = [](const std::string& text) {
        return text.empty() ? std::nullopt : std::optional<std::int64_t>(std::stoll(text));
      };
      return date_filter(DateRange{seconds(node.terms.at(0)), seconds(node.terms.at(1))});
    }
    return Xapian::Query(prefixed(node.field->prefix, node.terms.front()));
  }

  Built build(const QueryNode& node) const {
    switch (node.kind) {
      case NodeKind::kWord:
        return {word_query(node)};
      case NodeKind::kPhrase:
        return {phrase_query(node)};
      case NodeKind::kWildcard:
        return {Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed(exact_prefix(node), node.terms.front()),
                              kWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT)};
      case NodeKind::kFilter:
        return {filter_query(node), true};
      case NodeKind::kGroup:
        return assemble(collect(node), /*partial=*/false);
      case NodeKind::kOr:
        return or_query(node);
      case NodeKind::kNear:
        return {near_query(node)};
    }
    return {};
  }

  GroupParts collect(const QueryNode& group) const {
    GroupParts parts;
    for (const QueryNode& item : group.children) {
      if (item.kind == NodeKind::kFilter && item.occurrence != Occurrence::kExcluded) {
        Xapian::Query term = filter_query(item);
        auto it = std::find_if(parts.filters_by_field.begin(), parts.filters_by_field.end(),
                               [&](const auto& entry) { return entry.first->name == item.field->name; });
        if (it == parts.filters_by_field.end()) {
          parts.filters_by_field.emplace_back(item.field, std::vector<Xapian::Query>{term});
        } else {
          it->second.push_back(term);
        }
        continue;
      }
      Built built = build(item);
      if (item.occurrence == Occurrence::kExcluded) {
        // AND_NOT's right side never adds weight, so a filter needs no MatchAll.
        parts.excluded.push_back(built.query);
      } else if (built.is_filter) {
        parts.extra_filters.push_back(built.query);
      } else {
        parts.positive.push_back(built.query);
        (item.occurrence == Occurrence::kRequired ? parts.required : parts.optional).push_back(built.query);
      }
    }
    return parts;
  }

  // complete: every positive item AND'd. partial: required AND (OR of the
  // optional ones). Then AND_NOT the exclusions and FILTER by the filters.
  static Built assemble(const GroupParts& parts, bool partial) {
    Xapian::Query query;
    if (partial) {
      std::vector<Xapian::Query> conjuncts = parts.required;
      if (!parts.optional.empty()) conjuncts.push_back(combine(Xapian::Query::OP_OR, parts.optional));
      query = combine(Xapian::Query::OP_AND, conjuncts);
    } else {
      query = combine(Xapian::Query::OP_AND, parts.positive);
    }
    Xapian::Query filter = parts.filter();
    if (query.empty()) {
      if (parts.excluded.empty() && !filter.empty()) return {filter, true};
      query = match_all();  // only exclusions: everything except them
    }
    if (!parts.excluded.empty()) {
      query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, combine(Xapian::Query::OP_OR, parts.excluded));
    }
    if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
    return {query, false};
  }

 private:
  static std::string_view exact_prefix(const QueryNode& node) {
    return node.field == nullptr ? schema::kPrefixBody : node.field->prefix;
  }

  static std::string_view stem_prefix(const QueryNode& node) {
    return node.field == nullptr ? schema::kPrefixStem : node.field->stem_prefix;
  }

  // Exact term OR its stems (one per database language, distinct): a word
  // matches every inflection, and the exact form, matching both, ranks first.
  Xapian::Query word_query(const QueryNode& node) const {
    const std::string& term = node.terms.front();
    std::vector<Xapian::Query> alternatives{Xapian::Query(prefixed(exact_prefix(node), term))};
    std::string_view stem_prefix_text = stem_prefix(node);
    if (!stem_prefix_text.empty()) {
      std::vector<std::string> stems;
      for (const Analyzer& stemmer : stemmers_) {
        std::string stem = stemmer.stem(term);
        if (std::find(stems.begin(), stems.end(), stem) == stems.end()) stems.push_back(std::move(stem));
      }
      for (const std::string& stem : stems) alternatives.emplace_back(prefixed(stem_prefix_text, stem));
    }
    return combine(Xapian::Query::OP_OR, alternatives);
  }

  // Exact terms in order. A quoted single word is just its exact term (no
  // stems). A field without positions (author:) can only AND the words.
  static Xapian::Query phrase_query(const QueryNode& node) {
    std::vector<Xapian::Query> terms;
    for (const std::string& term : node.terms) terms.emplace_back(prefixed(exact_prefix(node), term));
    if (terms.size() == 1) return terms.front();
    if (node.field != nullptr && !node.field->positional) return combine(Xapian::Query::OP_AND, terms);
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size()));
  }

  Built or_query(const QueryNode& node) const {
    std::vector<Built> alternatives;
    for (const QueryNode& child : node.children) alternatives.push_back(build(child));
    bool all_filters =
        std::all_of(alternatives.begin(), alternatives.end(), [](const Built& b) { return b.is_filter; });
    std::vector<Xapian::Query> queries;
    queries.reserve(alternatives.size());
    for (const Built& b : alternatives) queries.push_back(all_filters ? b.query : weighted(b));
    return {combine(Xapian::Query::OP_OR, queries), all_filters};
  }

  // Xapian 1.4's OP_NEAR accepts only terms (or OR of terms) as subqueries and
  // throws UnimplementedError for a phrase. A phrase operand therefore puts
  // its terms into the NEAR, with the window widened by the phrase's extra
  // length, and the phrase itself is required through OP_FILTER (no double
  // weight). Approximate: the phrase must occur somewhere and its words near
  // the other operands, not necessarily the same occurrence.
  static Xapian::Query near_query(const QueryNode& node) {
    std::vector<Xapian::Query> terms;
    std::vector<Xapian::Query> phrases;
    Xapian::termcount window = node.window;
    for (const QueryNode& operand : node.children) {
      for (const std::string& term : operand.terms) terms.emplace_back(prefixed(exact_prefix(operand), term));
      if (operand.terms.size() > 1) {
        window += static_cast<Xapian::termcount>(operand.terms.size() - 1);
        phrases.push_back(phrase_query(operand));
      }
    }
    Xapian::Query near(Xapian::Query::OP_NEAR, terms.begin(), terms.end(), window);
    if (phrases.empty()) return near;
    return Xapian::Query(Xapian::Query::OP_FILTER, near, combine(Xapian::Query::OP_AND, phrases));
  }

  const std::vector<Analyzer>& stemmers_;
};

void add_highlight_term(HighlightSpec& spec, HighlightTerm term) {
  auto it = std::find_if(spec.terms.begin(), spec.terms.end(), [&](const HighlightTerm& existing) {
    return existing.term == term.term && existing.prefix == term.prefix;
  });
  if (it == spec.terms.end()) {
    spec.terms.push_back(std::move(term));
  } else {
    it->stemmed = it->stemmed || term.stemmed;
  }
}

// Words of NEAR operands matched exactly, so they highlight unstemmed.
void collect_highlights(const QueryNode& node, bool exact, HighlightSpec& spec) {
  if (node.occurrence == Occurrence::kExcluded) return;
  switch (node.kind) {
    case NodeKind::kWord:
      add_highlight_term(spec, HighlightTerm{.term = node.terms.front(), .stemmed = !exact});
      break;
    case NodeKind::kPhrase:
      if (node.terms.size() == 1) {
        add_highlight_term(spec, HighlightTerm{.term = node.terms.front(), .stemmed = false});
      } else if (std::find(spec.phrases.begin(), spec.phrases.end(), node.terms) == spec.phrases.end()) {
        spec.phrases.push_back(node.terms);
      }
      break;
    case NodeKind::kWildcard:
      add_highlight_term(spec, HighlightTerm{.term = node.terms.front(), .stemmed = false, .prefix = true});
      break;
    case NodeKind::kFilter:
      break;
    case NodeKind::kGroup:
    case NodeKind::kOr:
    case NodeKind::kNear:
      for (const QueryNode& child : node.children) {
        collect_highlights(child, exact || node.kind == NodeKind::kNear, spec);
      }
      break;
  }
}

}  // namespace

Xapian::Query date_filter(const DateRange& range) {
  // OP_VALUE_* bounds are inclusive: the last second before `to`.
  auto bound = [](std::int64_t seconds) { return Xapian::sortable_serialise(static_cast<double>(seconds)); };
  if (range.from && range.to) {
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotPublished, bound(*range.from),
                         bound(*range.to - 1));
  }
  if (range.from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotPublished, bound(*range.from));
  if (range.to) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotPublished, bound(*range.to - 1));
  return match_all();
}

std::string format_query_error(const QuerySyntaxError& error, std::string_view query) {
  // Display columns of the query shown before and after the error position:
  // the line stays within 80 columns, as compilers cut a long source line.
  constexpr std::size_t kColumnsBefore = 32;
  constexpr std::size_t kColumnsAfter = 40;
  auto is_continuation = [&](std::size_t i) { return (static_cast<unsigned char>(query[i]) & 0xC0u) == 0x80u; };

  std::size_t pos = std::min(error.position(), query.size());
  std::size_t column = 1;
  for (std::size_t i = 0; i < pos; ++i) {
    if (!is_continuation(i)) ++column;
  }

  // The raw text around `pos`, one character per display column at most
  // (sanitising only widens it), then cut to the columns.
  std::size_t from = pos;
  for (std::size_t n = 0; from > 0 && n < kColumnsBefore; ++n) {
    --from;
    while (from > 0 && is_continuation(from)) --from;
  }
  std::size_t to = pos;
  for (std::size_t n = 0; to < query.size() && n < kColumnsAfter; ++n) {
    ++to;
    while (to < query.size() && is_continuation(to)) ++to;
  }
  std::string before = sanitize_terminal_text(query.substr(from, pos - from), LineBreaks::kEscape);
  std::string after = sanitize_terminal_text(query.substr(pos, to - pos), LineBreaks::kEscape);
  bool cut_before = from > 0;
  bool cut_after = to < query.size();
  auto is_continuation_of = [](const std::string& s, std::size_t i) {
    return (static_cast<unsigned char>(s[i]) & 0xC0u) == 0x80u;
  };
  while (display_width(before) > kColumnsBefore) {
    std::size_t drop = 1;
    while (drop < before.size() && is_continuation_of(before, drop)) ++drop;
    before.erase(0, drop);
    cut_before = true;
  }
  while (display_width(after) > kColumnsAfter) {
    std::size_t keep = after.size() - 1;
    while (keep > 0 && is_continuation_of(after, keep)) --keep;
    after.resize(keep);
    cut_after = true;
  }
  if (cut_before) before.insert(0, "…");
  if (cut_after) after += "…";

  return "query syntax error at column " + std::to_string(column) + ": " +
         sanitize_terminal_text(error.what(), LineBreaks::kSpace) + "\n" + "  " + before + after + "\n" +
         std::string(2 + display_width(before), ' ') + "^\n";
}

QueryBuilder::QueryBuilder(std::vector<std::string> languages) : languages_(std::move(languages)) {}

BuiltQuery QueryBuilder::build(std::string_view text) const {
  // Analyzers hold ICU iterators and are not thread-safe, so each call makes
  // its own (about the cost of one BreakIterator each); build() stays const
  // and callable from any thread. No languages: exact terms only, no stems.
  std::vector<Analyzer> stemmers;
  for (const std::string& lang : languages_) stemmers.emplace_back(lang);
  std::optional<Analyzer> fallback;
  if (stemmers.empty()) fallback.emplace();
  Analyzer& tokenizer = stemmers.empty() ? *fallback : stemmers.front();

  QueryNode root = parse_query(text, tokenizer);
  Builder builder(stemmers);
  BuiltQuery result;
  if (root.kind == NodeKind::kGroup) {
    GroupParts parts = builder.collect(root);
    result.complete = weighted(Builder::assemble(parts, /*partial=*/false));
    // With fewer than two optional items the partial query would equal the
    // complete one, so there is nothing to fall back on.
    if (parts.optional.size() >= 2) result.partial = weighted(Builder::assemble(parts, /*partial=*/true));
  } else {
    result.complete = weighted(builder.build(root));
  }
  collect_highlights(root, /*exact=*/false, result.highlight);
  return result;
}

BuiltQuery QueryBuilder::build(std::string_view text, const std::vector<FieldFilter>& filters) const {
  const bool no_words =
      std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  std::vector<Xapian::Query> conditions;
  if (!filters.empty()) {
    Analyzer analyzer(languages_.empty() ? std::string("en") : languages_.front());
    for (const FieldFilter& filter : filters) {
      const std::string option = "--" + filter.field;
      const auto field = std::find_if(schema::kQueryFields.begin(), schema::kQueryFields.end(),
                                      [&](const schema::QueryField& f) { return f.name == filter.field; });
      if (field == schema::kQueryFields.end() || field->kind != schema::FieldKind::kBoolean) {
        throw Error(option + ": not a filter field");
      }
      std::vector<Xapian::Query> alternatives;
      for (const std::string& value : filter.values) {
        std::optional<QueryNode> node;
        try {
          node = parse_filter_value(*field, value, analyzer);
        } catch (const QuerySyntaxError& e) {
          throw Error(option + ": " + e.what());
        }
        if (!node) throw Error(option + ": nothing to search for in '" + excerpt_for_message(value) + "'");
        alternatives.push_back(Builder::filter_query(*node));
      }
      if (!alternatives.empty()) conditions.push_back(combine(Xapian::Query::OP_OR, alternatives));
    }
  }
  if (no_words && conditions.empty()) return build(text);  // "empty query"
  BuiltQuery result = no_words ? BuiltQuery{match_all(), Xapian::Query(), {}} : build(text);
  if (conditions.empty()) return result;
  const Xapian::Query filter = combine(Xapian::Query::OP_AND, conditions);
  result.complete = Xapian::Query(Xapian::Query::OP_FILTER, result.complete, filter);
  if (!result.partial.empty()) result.partial = Xapian::Query(Xapian::Query::OP_FILTER, result.partial, filter);
  return result;
}

}  // namespace newsdex::search
