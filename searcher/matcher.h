// Runs a built query against the database: ranking (BM25, title above body),
// complete matches first then partial ones, paging; then the page's hits
// assembled (hit_assembly.h), the timeline and facets counted
// (facet_counter.h, timeline.h). "Did you mean" is spelling.h's.
// Thread safety: one Matcher per thread (it owns analyzers).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "searcher/hit_assembly.h"
#include "searcher/query_builder.h"
#include "searcher/results.h"
#include "searcher/timeline.h"

namespace newsdex {
class FacetColumns;
}

namespace newsdex::search {

enum class SortOrder { kRelevance, kNewest, kOldest };

struct MatchOptions {
  std::uint32_t offset = 0;         // results to skip (paging)
  std::uint32_t limit = 10;         // results to return
  std::size_t snippet_chars = 240;  // passage length in characters
  // kNewest/kOldest sort by publication date, relevance breaking ties;
  // complete matches still come before partial ones.
  SortOrder sort = SortOrder::kRelevance;
  // Show each near-duplicate cluster (a story republished by several outlets)
  // once, as its best hit with "+N similar"; false = every copy (--all).
  bool collapse = true;
  // Timeline and facet counts count stories (clusters) instead of articles.
  bool count_stories = false;
  TimelineGranularity timeline = TimelineGranularity::kNone;
  bool timeline_top = false;          // best headline per timeline bucket
  std::vector<std::string> facets{};  // facet names (kFacetNames)
  std::size_t facet_limit = 10;       // values shown per facet
  // Count timeline and facets with Xapian::ValueCountMatchSpy, the spy a
  // remote xapian-tcpsrv understands (set for stub databases, which may list
  // remote shards); false: newsdex's own counter, same counts, about half the
  // time on large match sets.
  bool stock_spies = false;
  // Threads that count (local database opened from a path, counting by
  // article): 0 = one per core. Each counts a slice of the document ids
  // through its own database handle; the sums are the single-thread counts.
  unsigned count_threads = 0;
  // Below this many documents one thread counts (threads cost ~0.3 ms each
  // to start and open the database; small databases count in less).
  std::uint64_t parallel_count_min_docs = 100'000;
  // Count from the database's facet columns (common/facet_columns.h) when
  // they were built from the revision open; false: always from the slots
  // (same counts; for tests and benchmarks).
  bool facet_columns = true;
  // On a database of parallel_count_min_docs articles or more, count the
  // complete matches while the page is ranked and its snippets made (on
  // handles of its own); false: count afterwards (same counts).
  bool overlap_count = true;
};

// Facets newsdex can count (--facets): the entity facets of schema::kFacets
// (each document's top kFacetRanks values by salience) and the outlet.
inline constexpr std::array<std::string_view, 5> kFacetNames = {"speaker", "country", "person", "org", "source"};

class Matcher {
 public:
  // `db_path`: where `db` was opened from, for counting in parallel (each
  // thread opens its own handle); "" = count in this thread only.
  explicit Matcher(Xapian::Database db, std::string db_path = {});
  ~Matcher();

  // Complete matches (every query word) ranked first; when there are fewer than
  // offset + limit of them, partial matches (some words) fill the page. Counts
  // of both are in the result. Retries on Xapian::DatabaseModifiedError (an
  // indexer committed meanwhile) after reopening the database.
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
  SearchResults search_once(const BuiltQuery& query, const MatchOptions& options);
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
