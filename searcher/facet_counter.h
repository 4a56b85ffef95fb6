// Counting the matches of a query for the timeline and the facets: how many
// there are, how many per day, and how many per value of each requested
// facet. Every match is counted, not only the page's (the counts are exact).
//
// One interface, FacetCounter, with one implementation per strategy;
// choose_facet_counter() picks one:
// - stories (--count-by story): one document per near-duplicate cluster, read
//   from a match collapsed on the cluster slot;
// - stock spies: Xapian::ValueCountMatchSpy, the one spy a remote
//   xapian-tcpsrv understands (stub databases, which may list remote shards);
// - facet columns (common/facet_columns.h) of the revision open: per match
//   and slot one array read, counts indexed by value id;
// - value slots: newsdex's SlotCounter spy, a hash table per slot.
// The last two count in parallel on large local databases (each thread a
// slice of the document ids, through a handle of its own), and may start
// before the page is ranked (count_values_early), so that counting and
// ranking overlap. Every strategy gives the same counts.
//
// Thread safety: a FacetCounter is immutable after construction;
// count_values() may run on several threads at once, each with its own
// database handle and query (Xapian's objects are not thread-safe).
#pragma once

#include <cstddef>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "searcher/results.h"
#include "searcher/timeline.h"

namespace newsdex {
class FacetColumns;
}

namespace newsdex::search {

// What to count, and how the counting may run (from MatchOptions).
struct CountRequest {
  bool days = false;                          // matches per day, for a timeline
  std::vector<schema::FacetKind> facets;      // the facets to count, in this order
  bool stories = false;                       // count stories (near-duplicate clusters), not articles
  bool stock_spies = false;                   // MatchOptions::stock_spies
  unsigned threads = 0;                       // MatchOptions::count_threads
  std::uint64_t parallel_min_docs = 100'000;  // MatchOptions::parallel_count_min_docs
};

// Matches (articles or stories) per value of one facet.
struct FacetCounts {
  schema::FacetKind kind;
  std::unordered_map<std::string, std::uint64_t> values;
};

// Counts before they become facets and a timeline.
struct RawCounts {
  std::uint64_t matched = 0;        // the matches counted
  DayCounts days;                   // per day "yyyymmdd", when CountRequest::days (dated matches only)
  std::vector<FacetCounts> facets;  // one per CountRequest::facets, in its order
};

class FacetCounter {
 public:
  virtual ~FacetCounter() = default;

  // Counts every match of `query` in `db`: the matches, and per day and per
  // facet value what the request asked for. `db` must be the database the
  // counter was chosen for (or a handle on the same directory).
  virtual RawCounts count_values(const Xapian::Database& db, const Xapian::Query& query) const = 0;

  // True when count_values() may run on a handle opened from the database's
  // path, on another thread (count_values_early): the local strategies, on a
  // database opened from a path.
  virtual bool can_count_early() const { return false; }
};

// The strategy for `request` (see the top of this file). `db_path`: where the
// database was opened from, for counting in parallel; "" = count in the
// calling thread only. `columns`: the facet columns of the revision open, or
// nullptr to count from the value slots; it must outlive the counter.
std::unique_ptr<FacetCounter> choose_facet_counter(const CountRequest& request, const std::string& db_path,
                                                   const FacetColumns* columns);

// Starts counter->count_values(query) on another thread, on a handle of its
// own opened from `db_path` (counter->can_count_early() must be true), and
// returns at once. The future holds nullopt when that handle opens at
// another revision than `revision` (an indexer committed meanwhile: count
// later, on the caller's handle), and rethrows what the counting threw.
std::future<std::optional<RawCounts>> count_values_early(std::shared_ptr<const FacetCounter> counter,
                                                         const std::string& db_path, Xapian::rev revision,
                                                         const Xapian::Query& query);

// Each counted facet's `limit` most frequent values, most matches first, ties
// by value; countries shown by name with their ISO code. Each Facet is named
// as schema::kFacetSpecs names its kind.
std::vector<Facet> top_facet_values(const RawCounts& counts, std::size_t limit);

}  // namespace newsdex::search
