// Every match of a query in rank or date order, in bounded memory: the order
// keys of the matches (weight, date, document id: 24 bytes each) are sorted
// in runs of a fixed size; a full run is written, sorted, to an anonymous
// temporary file, and the runs are merged at the end (an external merge
// sort). Used by Matcher::stream for `--limit all`, where asking Xapian for
// ever later pages would keep offset + page items in its own memory and run
// the whole match once per page. Pure: no Xapian.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

namespace newsdex::search {

// The order of a stream, as MatchOptions' SortOrder: kRelevance = weight
// descending; kNewest/kOldest = date descending/ascending, weight descending
// breaking ties. Equal keys come in ascending document id, as Xapian orders
// them, then in ascending `sub`. Undated matches count as older than every dated one (Xapian compares
// the serialised dates, and an absent one is the empty, smallest, string).
enum class StreamOrder { kRelevance, kNewest, kOldest };

// One match as the sort sees it. `date`: unix seconds, or -infinity when
// undated (ignored for kRelevance). `sub` orders matches of one document
// (the quotes of an article, quote_search.h), after the document id; 0 for
// articles. It fills what would be padding: a key is 24 bytes either way.
struct StreamKey {
  double date = 0.0;
  double weight = 0.0;
  std::uint32_t docid = 0;
  std::uint32_t sub = 0;
};
static_assert(sizeof(StreamKey) == 24);

// True when `a` comes before `b` in `order`.
bool stream_before(StreamOrder order, const StreamKey& a, const StreamKey& b);

// add() every key, then take them back in order with next(). Memory: one run
// of `run_keys` keys while adding; while merging, a buffer of
// `merge_buffer_keys` keys per spilled run. Throws newsdex::Error when the
// temporary file cannot be made, written or read (message names the cause).
class SortedKeys {
 public:
  explicit SortedKeys(StreamOrder order, std::size_t run_keys = 1 << 16, std::size_t merge_buffer_keys = 512);
  ~SortedKeys();
  SortedKeys(const SortedKeys&) = delete;
  SortedKeys& operator=(const SortedKeys&) = delete;

  // Requires: next() not yet called.
  void add(const StreamKey& key);
  // The next key in order into `key`; false when all have been taken.
  bool next(StreamKey& key);
  // Keys added.
  std::uint64_t size() const { return added_; }
  // Runs written to the temporary file so far (0: everything fit in memory).
  std::size_t spilled_runs() const { return runs_.size(); }

 private:
  struct Run {
    std::uint64_t first = 0;  // index of its first key in the file
    std::uint64_t count = 0;
    std::uint64_t read = 0;  // keys of it read from the file so far
    std::vector<StreamKey> buffer;
    std::size_t pos = 0;  // next key of `buffer`
  };
  void spill();
  void start_merge();
  bool refill(Run& run);

  StreamOrder order_;
  std::size_t run_keys_;
  std::size_t merge_buffer_keys_;
  std::vector<StreamKey> current_;
  std::size_t current_pos_ = 0;
  std::vector<Run> runs_;
  std::vector<std::size_t> heap_;  // indexes of runs_ with keys left, a min-heap by their next key
  std::FILE* file_ = nullptr;
  std::uint64_t written_ = 0;  // keys in the file
  std::uint64_t added_ = 0;
  bool merging_ = false;
};

}  // namespace newsdex::search
