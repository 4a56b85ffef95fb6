// SortedKeys: every key back, in the order Xapian ranks, whether it fits in
// memory or spills sorted runs to a temporary file and merges them.
#include "searcher/match_stream.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

using namespace newsdex::search;

namespace {

std::vector<StreamKey> random_keys(std::size_t n) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> weight(0, 20);  // few distinct weights: many ties
  std::uniform_int_distribution<int> day(0, 30);
  std::vector<StreamKey> keys;
  for (std::size_t i = 0; i < n; ++i) {
    const int d = day(rng);
    keys.push_back(StreamKey{.date = d == 0 ? -std::numeric_limits<double>::infinity() : d * 86400.0,
                             .weight = weight(rng) / 4.0,
                             .docid = static_cast<std::uint32_t>(i + 1)});
  }
  std::shuffle(keys.begin(), keys.end(), rng);
  return keys;
}

std::vector<StreamKey> drain(SortedKeys& sorted) {
  std::vector<StreamKey> out;
  for (StreamKey k; sorted.next(k);) out.push_back(k);
  return out;
}

}  // namespace

TEST_CASE("stream_before: weight descending, then document id; dates first for newest and oldest, undated oldest") {
  const double undated = -std::numeric_limits<double>::infinity();
  StreamKey a{.date = 10, .weight = 2, .docid = 5};
  StreamKey b{.date = 20, .weight = 1, .docid = 1};
  StreamKey c{.date = 20, .weight = 1, .docid = 2};
  StreamKey u{.date = undated, .weight = 9, .docid = 3};
  CHECK(stream_before(StreamOrder::kRelevance, a, b));
  CHECK(stream_before(StreamOrder::kRelevance, b, c));
  CHECK_FALSE(stream_before(StreamOrder::kRelevance, c, b));
  CHECK(stream_before(StreamOrder::kNewest, b, a));
  CHECK(stream_before(StreamOrder::kNewest, b, c));
  CHECK(stream_before(StreamOrder::kNewest, a, u));
  CHECK(stream_before(StreamOrder::kOldest, a, b));
  CHECK(stream_before(StreamOrder::kOldest, u, a));
}

TEST_CASE("SortedKeys returns every key in order, in memory and when spilling runs to a temporary file") {
  for (StreamOrder order : {StreamOrder::kRelevance, StreamOrder::kNewest, StreamOrder::kOldest}) {
    const std::vector<StreamKey> keys = random_keys(5000);
    std::vector<StreamKey> expected = keys;
    std::sort(expected.begin(), expected.end(),
              [order](const StreamKey& a, const StreamKey& b) { return stream_before(order, a, b); });
    for (std::size_t run : {std::size_t{1} << 16, std::size_t{1000}, std::size_t{7}, std::size_t{1}}) {
      CAPTURE(run);
      SortedKeys sorted(order, run, 3);
      for (const StreamKey& k : keys) sorted.add(k);
      CHECK(sorted.size() == keys.size());
      const std::vector<StreamKey> got = drain(sorted);
      CHECK(sorted.spilled_runs() == (run >= keys.size() ? 0 : (keys.size() + run - 1) / run));
      REQUIRE(got.size() == expected.size());
      bool same = true;
      for (std::size_t i = 0; i < got.size(); ++i) same = same && got[i].docid == expected[i].docid;
      CHECK(same);
    }
  }
}

TEST_CASE("SortedKeys with no keys returns none") {
  SortedKeys sorted(StreamOrder::kRelevance, 4);
  StreamKey k;
  CHECK_FALSE(sorted.next(k));
  CHECK_FALSE(sorted.next(k));
}
