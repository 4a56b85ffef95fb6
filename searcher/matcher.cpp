// Xapian choices recorded here:
// - BM25 with the parameters below; title words rank above body words by
//   their wdf (schema::kTitleWdfBoost, written by document_builder.cpp).
// - Complete matches (every query word) and partial ones (some) are two
//   Enquires: the partial one excludes the complete matches, so a page can
//   run on from one into the other without repeats.
// - Near-duplicate copies collapse on kSlotCluster (Enquire::set_collapse_key);
//   the hit assembly counts "+N similar" (hit_assembly.h).
// - The best headline per timeline bucket is a second match collapsed on the
//   bucket's slot: the top document of each bucket is its best-ranked article.
#include "searcher/matcher.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>
#include <optional>
#include <unordered_set>
#include <utility>

#include "common/facet_columns.h"
#include "common/schema.h"
#include "searcher/cluster_search.h"
#include "searcher/facet_counter.h"
#include "searcher/match_stream.h"

namespace newsdex::search {
namespace {

// BM25 parameters. Xapian's defaults are k1=1, k2=0, k3=1, b=0.5,
// min_normlen=0.5; docs/ranking.md records what was measured on Reuters.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25B = 0.75;
constexpr double kBm25MinNormLen = 0.5;

// The value slot holding the timeline bucket keys of size `g`.
Xapian::valueno slot_of(TimelineGranularity g) {
  switch (g) {
    case TimelineGranularity::kDay:
      return schema::kSlotDay;
    case TimelineGranularity::kWeek:
      return schema::kSlotWeek;
    case TimelineGranularity::kMonth:
      return schema::kSlotMonth;
    default:
      return schema::kSlotYear;
  }
}

// What the timeline and facets of `options` count, and how.
CountRequest count_request(const MatchOptions& options) {
  return CountRequest{.days = options.timeline != TimelineGranularity::kNone,
                      .facets = options.facets,
                      .stories = options.count_by == CountBy::kStory,
                      .stock_spies = options.stock_spies,
                      .threads = options.count_threads,
                      .parallel_min_docs = options.parallel_count_min_docs};
}

// Hits assembled at a time by Matcher::stream.
constexpr std::size_t kStreamBatch = 64;

// Hands the order key of every match it sees to a SortedKeys.
class KeySpy : public Xapian::MatchSpy {
 public:
  KeySpy(SortedKeys& keys, bool dates) : keys_(keys), dates_(dates) {}
  void operator()(const Xapian::Document& doc, double weight) override {
    StreamKey key{.date = 0.0, .weight = weight, .docid = doc.get_docid()};
    if (dates_) {
      const std::string value = doc.get_value(schema::kSlotPublished);
      key.date = value.empty() ? -std::numeric_limits<double>::infinity() : Xapian::sortable_unserialise(value);
    }
    keys_.add(key);
  }

 private:
  SortedKeys& keys_;
  bool dates_;
};

StreamOrder stream_order(SortOrder sort) {
  switch (sort) {
    case SortOrder::kNewest:
      return StreamOrder::kNewest;
    case SortOrder::kOldest:
      return StreamOrder::kOldest;
    case SortOrder::kRelevance:
      break;
  }
  return StreamOrder::kRelevance;
}

}  // namespace

Matcher::Matcher(Xapian::Database db, std::string db_path) : db_(std::move(db)), db_path_(std::move(db_path)) {}

Matcher::~Matcher() = default;

const FacetColumns* Matcher::facet_columns(const MatchOptions& options) {
  if (db_path_.empty() || options.stock_spies || options.count_by == CountBy::kStory || !options.facet_columns) {
    return nullptr;
  }
  // Opened once per revision of the handle (which a caller may reopen()):
  // the columns of another revision do not apply.
  if (!columns_checked_ || columns_revision_ != db_.get_revision()) {
    columns_ = FacetColumns::open(db_path_, db_);
    columns_revision_ = db_.get_revision();
    columns_checked_ = true;
  }
  return columns_.get();
}

Xapian::Enquire Matcher::make_enquire(const Xapian::Query& query, const MatchOptions& options) const {
  Xapian::Enquire enquire(db_);
  enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormLen));
  enquire.set_query(query);
  if (options.sort != SortOrder::kRelevance) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, options.sort == SortOrder::kNewest);
  }
  if (options.collapse) enquire.set_collapse_key(schema::kSlotCluster);
  return enquire;
}

// Rarity of each highlighted word: inverse document frequency of its exact
// term, so a snippet prefers the passage holding "Lavrov" over one repeating
// "said". The match's statistics answer for the query's own terms (no
// second read of their posting lists); others are looked up.
HighlightSpec Matcher::weigh(HighlightSpec spec, const Xapian::MSet& mset) const {
  double n = static_cast<double>(std::max<Xapian::doccount>(db_.get_doccount(), 1));
  for (HighlightTerm& t : spec.terms) {
    Xapian::doccount tf = t.prefix ? 0 : mset.get_termfreq(t.term);
    t.weight = t.prefix ? 1.0 : std::log((n + 1.0) / (static_cast<double>(tf) + 0.5)) + 0.1;
    t.weight = std::max(t.weight, 0.1);
  }
  return spec;
}

SearchResults Matcher::search(const BuiltQuery& query, const MatchOptions& options) {
  SearchResults results;
  results.offset = options.offset;
  results.sort = option_value_name(options.sort, kSortOrderNames);
  results.collapsed = options.collapse;
  results.count_by = option_value_name(options.count_by, kCountByNames);
  const Xapian::doccount wanted = options.offset + options.limit;

  // On a large local database the counting of the complete matches (the
  // usual case) starts now, on its own handles, and runs while this thread
  // ranks the page and makes the snippets.
  const bool counting = options.timeline != TimelineGranularity::kNone || !options.facets.empty();
  std::shared_ptr<const FacetCounter> counter;
  std::future<std::optional<RawCounts>> early;
  if (counting) {
    counter = choose_facet_counter(count_request(options), db_path_, facet_columns(options));
    if (options.overlap_count && counter->can_count_early() && db_.get_doccount() >= options.parallel_count_min_docs) {
      early = count_values_early(counter, db_path_, db_.get_revision(), query.complete);
    }
  }

  Xapian::Enquire complete = make_enquire(query.complete, options);
  // checkatleast = wanted: below that, the count of complete matches is exact,
  // which decides whether partial matches must fill the page. At least 1, so
  // that with --limit 0 too an existing complete match is seen and the counts
  // below are over the complete matches, as with any other page size. At
  // least one item too: asked for none, Xapian 1.4 cannot prune by weight
  // and, collapsing, reads every match's cluster, which costs most on large
  // match sets; the extra hit is dropped below.
  Xapian::MSet complete_mset = complete.get_mset(options.offset, std::max<Xapian::doccount>(options.limit, 1),
                                                 std::max<Xapian::doccount>(wanted, 1));
  results.complete_matches_estimated = complete_mset.get_matches_estimated();
  results.matches_estimated = complete_mset.get_matches_estimated();
  results.matches_lower_bound = complete_mset.get_matches_lower_bound();
  results.matches_upper_bound = complete_mset.get_matches_upper_bound();

  std::vector<RankedHit> hits;
  for (auto it = complete_mset.begin(); it != complete_mset.end() && hits.size() < options.limit; ++it) {
    hits.push_back(
        RankedHit{it.get_document(), it.get_weight(), true, options.collapse ? it.get_collapse_key() : std::string()});
  }

  // Partial matches (some query words, not all): they fill the page when the
  // complete ones run out, and are always counted, so the totals do not
  // depend on the page size.
  Xapian::Query only_partial;
  if (!query.partial.empty()) {
    const Xapian::doccount n_complete = complete_mset.get_matches_upper_bound();
    const bool fill = n_complete < wanted;
    only_partial = Xapian::Query(Xapian::Query::OP_AND_NOT, query.partial, query.complete);
    Xapian::Enquire partial = make_enquire(only_partial, options);
    Xapian::doccount first = fill && options.offset > n_complete ? options.offset - n_complete : 0;
    Xapian::doccount count_wanted = fill ? wanted - std::max<Xapian::doccount>(options.offset, n_complete) : 0;
    Xapian::MSet partial_mset = partial.get_mset(first, count_wanted);
    for (auto it = partial_mset.begin(); it != partial_mset.end(); ++it) {
      hits.push_back(RankedHit{it.get_document(), it.get_weight(), false,
                               options.collapse ? it.get_collapse_key() : std::string()});
    }
    results.matches_estimated += partial_mset.get_matches_estimated();
    results.matches_lower_bound += partial_mset.get_matches_lower_bound();
    results.matches_upper_bound += partial_mset.get_matches_upper_bound();
  }

  results.matches = hits_.assemble(db_, hits, weigh(query.highlight, complete_mset), options.snippet_chars,
                                   options.offset, query.complete, only_partial);

  // Timeline and facets count the complete matches, or the partial ones when
  // no article holds every word.
  if (counting) {
    const bool use_complete = results.complete_matches_estimated > 0 || query.partial.empty();
    const Xapian::Query& counted_query = use_complete ? query.complete : query.partial;
    std::optional<RawCounts> precounted;
    if (early.valid()) {
      std::optional<RawCounts> counted = early.get();  // rethrows what the counting threw
      if (use_complete) precounted = std::move(counted);
    }
    const RawCounts counts = precounted ? std::move(*precounted) : counter->count_values(db_, counted_query);
    results.facets = top_facet_values(counts, options.facet_limit);
    if (options.timeline != TimelineGranularity::kNone) {
      add_timeline(counted_query, options, counts.days, counts.matched, results);
    }
    // Counting saw every match, so the complete count is now exact.
    if (use_complete && options.count_by == CountBy::kArticle) {
      std::uint64_t partial = results.matches_estimated - results.complete_matches_estimated;
      results.complete_matches_estimated = counts.matched;
      results.matches_estimated = counts.matched + partial;
      if (query.partial.empty()) results.matches_lower_bound = results.matches_upper_bound = counts.matched;
    }
  }
  return results;
}

Matcher::StreamCounts Matcher::stream(const BuiltQuery& query, const MatchOptions& options,
                                      const std::function<bool(Match&)>& emit) {
  // The order keys come from one pass over all matches with a spy and no
  // collapsing (the spy sees every match); collapsing is done below, keeping
  // the first (best) member of each cluster, as Enquire's collapse does.
  MatchOptions uncollapsed = options;
  uncollapsed.collapse = false;
  const Xapian::doccount all = std::max<Xapian::doccount>(db_.get_doccount(), 1);
  const Xapian::Query only_partial =
      query.partial.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_AND_NOT, query.partial, query.complete);
  StreamCounts counts;
  std::uint64_t& emitted = counts.emitted;
  std::uint64_t skipped = 0;
  std::optional<HighlightSpec> highlight;
  for (const bool complete : {true, false}) {
    const Xapian::Query& q = complete ? query.complete : only_partial;
    if (q.empty()) continue;
    SortedKeys keys(stream_order(options.sort));
    KeySpy spy(keys, options.sort != SortOrder::kRelevance);
    Xapian::Enquire enquire = make_enquire(q, uncollapsed);
    Xapian::MSet counted;
    if (options.stock_spies) {  // maybe remote shards, which run no spy of ours
      counted = add_keys_paged(enquire, keys, options.sort != SortOrder::kRelevance, all);
    } else {
      enquire.add_matchspy(&spy);
      counted = enquire.get_mset(0, 0, all);
    }
    // Term rarity from the complete match's statistics, as search() does.
    if (!highlight) highlight = weigh(query.highlight, counted);
    std::unordered_set<std::string> seen_clusters;
    std::vector<RankedHit> batch;
    auto flush = [&]() {
      std::vector<Match> matches =
          hits_.assemble(db_, batch, *highlight, options.snippet_chars,
                         static_cast<std::uint32_t>(options.offset + emitted), query.complete, only_partial);
      batch.clear();
      for (Match& m : matches) {
        ++emitted;
        if (!emit(m)) return false;
      }
      return true;
    };
    for (StreamKey key; keys.next(key);) {
      Xapian::Document doc = db_.get_document(key.docid);
      std::string cluster = options.collapse ? doc.get_value(schema::kSlotCluster) : std::string();
      if (!cluster.empty() && db_.get_termfreq(schema::cluster_term(cluster)) > 1 &&
          !seen_clusters.insert(cluster).second) {
        continue;  // a copy of a story already listed
      }
      ++(complete ? counts.complete : counts.partial);
      if (skipped < options.offset) {
        ++skipped;
        continue;
      }
      batch.push_back(RankedHit{std::move(doc), key.weight, complete, std::move(cluster)});
      if (batch.size() >= kStreamBatch && !flush()) return counts;
    }
    if (!batch.empty() && !flush()) return counts;
  }
  return counts;
}

void Matcher::add_timeline(const Xapian::Query& query, const MatchOptions& options, const DayCounts& days,
                           std::uint64_t matched, SearchResults& results) const {
  const TimelineGranularity g = resolve_granularity(options.timeline, days);
  std::map<std::string, std::pair<std::string, std::string>> tops;
  if (options.timeline_top && !days.empty()) tops = best_headlines(query, g, bucket_counts(days, g).size());
  results.timeline = assemble_timeline(days, matched, g, tops);
}

std::map<std::string, std::pair<std::string, std::string>> Matcher::best_headlines(const Xapian::Query& query,
                                                                                   TimelineGranularity g,
                                                                                   std::size_t buckets) const {
  std::map<std::string, std::pair<std::string, std::string>> tops;
  Xapian::Enquire best = make_enquire(query, MatchOptions{});
  best.set_collapse_key(slot_of(g));
  Xapian::MSet mset = best.get_mset(0, static_cast<Xapian::doccount>(buckets) + 1);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    std::string key = it.get_collapse_key();
    if (key.empty()) continue;
    Article a = stored_article(it.get_document());
    tops[key] = {a.title, a.id};
  }
  return tops;
}

}  // namespace newsdex::search
