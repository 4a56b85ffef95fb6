// Runs a built query against the database: ranking (BM25, title above body),
// complete matches first then partial ones, paging; then the page's hits
// assembled (hit_assembly.h), the timeline and facets counted
// (facet_counter.h, timeline.h). "Did you mean" is spelling.h's.
// Thread safety: one Matcher per thread (it owns analyzers).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "searcher/hit_assembly.h"
#include "searcher/query_builder.h"
#include "searcher/results.h"
#include "searcher/timeline.h"

namespace newsdex {
class FacetColumns;
}

namespace newsdex::search {

// --sort: the order of the hits. kNewest and kOldest sort by publication
// date, relevance breaking ties; complete matches still come before partial
// ones.
enum class SortOrder { kRelevance, kNewest, kOldest };

// --count-by: what the timeline and facet counts count: articles, or stories
// (near-duplicate clusters, each counted once).
enum class CountBy { kArticle, kStory };

// The name of an option value, as users type it (--sort newest) and the
// --json output prints it ("sort", "count_by").
template <class E>
struct OptionValueName {
  std::string_view name;
  E value;
};

// Every value of SortOrder and of CountBy with its name, in the order --help
// lists them, the default first: the one list of their names
// (newsdex-search's main.cpp parses the options with it).
inline constexpr std::array kSortOrderNames = {
    OptionValueName<SortOrder>{"relevance", SortOrder::kRelevance},
    OptionValueName<SortOrder>{"newest", SortOrder::kNewest},
    OptionValueName<SortOrder>{"oldest", SortOrder::kOldest},
};
inline constexpr std::array kCountByNames = {
    OptionValueName<CountBy>{"article", CountBy::kArticle},
    OptionValueName<CountBy>{"story", CountBy::kStory},
};

// The name of `value` in `names` ("" if it is not there, which the tables
// above rule out for their enums).
template <class E, std::size_t N>
constexpr std::string_view option_value_name(E value, const std::array<OptionValueName<E>, N>& names) {
  for (const OptionValueName<E>& n : names) {
    if (n.value == value) return n.name;
  }
  return {};
}

// The value called `name` in `names` (exactly), or nullopt.
template <class E, std::size_t N>
constexpr std::optional<E> option_value_named(std::string_view name, const std::array<OptionValueName<E>, N>& names) {
  for (const OptionValueName<E>& n : names) {
    if (n.name == name) return n.value;
  }
  return std::nullopt;
}

struct MatchOptions {
  // What to return.
  std::uint32_t offset = 0;         // results to skip (paging)
  std::uint32_t limit = 10;         // results to return
  std::size_t snippet_chars = 240;  // passage length in characters
  SortOrder sort = SortOrder::kRelevance;
  // Show each near-duplicate cluster (a story republished by several outlets)
  // once, as its best hit with "+N similar"; false = every copy (--all).
  bool collapse = true;

  // What to count, over every match (facet_counter.h).
  CountBy count_by = CountBy::kArticle;
  TimelineGranularity timeline = TimelineGranularity::kNone;
  bool timeline_top = false;                // best headline per timeline bucket
  std::vector<schema::FacetKind> facets{};  // in this order, each as often as listed
  std::size_t facet_limit = 10;             // values shown per facet

  // How to count. Every choice gives the same counts.
  // Count timeline and facets with Xapian::ValueCountMatchSpy, the spy a
  // remote xapian-tcpsrv understands (set for stub databases, which may list
  // remote shards); false: newsdex's own counter, faster on large match sets.
  bool stock_spies = false;
  // Threads that count (local database opened from a path, counting by
  // article): 0 = one per core. Each counts a slice of the document ids
  // through its own database handle; the sums are the single-thread counts.
  unsigned count_threads = 0;

  // Test and benchmark switches. newsdex-search keeps the defaults (no
  // option of its sets them); tests set them to reach every counting path on
  // a small database, bench/query_runner.cpp for A/B runs. None changes a
  // result, only the way to it.
  //
  // Below this many documents one thread counts (starting threads and
  // opening the database for each costs more than counting a small one).
  std::uint64_t parallel_count_min_docs = 100'000;
  // Count from the database's facet columns (common/facet_columns.h) when
  // they were built from the revision open; false: always from the slots.
  bool facet_columns = true;
  // On a database of parallel_count_min_docs articles or more, count the
  // complete matches while the page is ranked and its snippets made (on
  // handles of its own); false: count afterwards.
  bool overlap_count = true;
};

class Matcher {
 public:
  // `db_path`: where `db` was opened from, for counting in parallel (each
  // thread opens its own handle); "" = count in this thread only.
  explicit Matcher(Xapian::Database db, std::string db_path = {});
  ~Matcher();

  // Complete matches (every query word) ranked first; when there are fewer than
  // offset + limit of them, partial matches (some words) fill the page. Counts
  // of both are in the result. Not retried: an indexer committing twice
  // meanwhile makes it throw Xapian::DatabaseModifiedError (and, when glass
  // meets a block reused under it, Xapian::DatabaseCorruptError); callers
  // retry on a new handle (search.h retry_while_committing, the one retry
  // of newsdex-search).
  SearchResults search(const BuiltQuery& query, const MatchOptions& options);

  // Every match of `query` after the first options.offset (options.limit,
  // timeline and facets are ignored): the complete matches, then the partial
  // ones, each in options.sort order as search() ranks them (a stream's first
  // page is search()'s), near-duplicate copies collapsed as search() does
  // when options.collapse. Each Match (ranked from offset + 1 on) goes to
  // `emit` as soon as it is assembled; emit returning false stops the stream.
  // Memory is bounded whatever the number of matches: the order keys are
  // sorted by SortedKeys (match_stream.h), spilling to a temporary file, and
  // hits are assembled a few at a time; collapsing also keeps the cluster
  // ids of the stories with several copies met so far. Not retried: an
  // indexer committing meanwhile makes it throw Xapian::DatabaseModifiedError
  // (rows already emitted cannot be taken back).
  struct StreamCounts {
    std::uint64_t complete = 0;  // complete matches met, skipped ones included (collapsed: one per story)
    std::uint64_t partial = 0;   // partial matches met, likewise
    std::uint64_t emitted = 0;   // matches given to `emit`
  };
  StreamCounts stream(const BuiltQuery& query, const MatchOptions& options, const std::function<bool(Match&)>& emit);

 private:
  HighlightSpec weigh(HighlightSpec spec, const Xapian::MSet& mset) const;
  Xapian::Enquire make_enquire(const Xapian::Query& query, const MatchOptions& options) const;
  // The timeline of `matched` matches of `query`, `days` of them per day
  // (facet_counter.h), into `results`, with each bucket's best headline when
  // options.timeline_top.
  void add_timeline(const Xapian::Query& query, const MatchOptions& options, const DayCounts& days,
                    std::uint64_t matched, SearchResults& results) const;
  // Timeline bucket key -> the title and id of its best-ranked match of
  // `query`, for the buckets of size `g` (`buckets` of them).
  std::map<std::string, std::pair<std::string, std::string>> best_headlines(const Xapian::Query& query,
                                                                            TimelineGranularity g,
                                                                            std::size_t buckets) const;
  // The facet columns of the revision open, or nullptr (none, stale, or not
  // to be used with these options).
  const FacetColumns* facet_columns(const MatchOptions& options);

  Xapian::Database db_;
  std::string db_path_;
  std::unique_ptr<FacetColumns> columns_;
  bool columns_checked_ = false;
  Xapian::rev columns_revision_ = 0;
  HitAssembler hits_;
};

}  // namespace newsdex::search
