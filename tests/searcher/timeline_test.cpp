// The timeline's calendar arithmetic (searcher/timeline.h): bucket sizes,
// keys, labels and assembly, without a database.
#include "searcher/timeline.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace newsdex::search;

TEST_CASE("granularity_name names each bucket size") {
  CHECK(std::string(granularity_name(TimelineGranularity::kDay)) == "day");
  CHECK(std::string(granularity_name(TimelineGranularity::kWeek)) == "week");
  CHECK(std::string(granularity_name(TimelineGranularity::kMonth)) == "month");
  CHECK(std::string(granularity_name(TimelineGranularity::kYear)) == "year");
}

TEST_CASE("auto_granularity: by day up to 45 days, by week up to 180, by month up to six years, then by year") {
  CHECK(auto_granularity("20160101", "20160101") == TimelineGranularity::kDay);
  CHECK(auto_granularity("20160101", "20160215") == TimelineGranularity::kDay);    // 45 days
  CHECK(auto_granularity("20160101", "20160216") == TimelineGranularity::kWeek);   // 46
  CHECK(auto_granularity("20160101", "20160629") == TimelineGranularity::kWeek);   // 180
  CHECK(auto_granularity("20160101", "20160630") == TimelineGranularity::kMonth);  // 181
  CHECK(auto_granularity("20100101", "20160106") == TimelineGranularity::kMonth);  // 2,196 = 6 * 366
  CHECK(auto_granularity("20100101", "20160107") == TimelineGranularity::kYear);   // 2,197
}

TEST_CASE("resolve_granularity: auto follows the span of the dated matches, and is monthly without any") {
  const DayCounts span_of_a_week = {{"20160208", 1}, {"20160214", 2}};
  CHECK(resolve_granularity(TimelineGranularity::kAuto, span_of_a_week) == TimelineGranularity::kDay);
  CHECK(resolve_granularity(TimelineGranularity::kAuto, {}) == TimelineGranularity::kMonth);
  CHECK(resolve_granularity(TimelineGranularity::kYear, span_of_a_week) == TimelineGranularity::kYear);
  CHECK(resolve_granularity(TimelineGranularity::kWeek, {}) == TimelineGranularity::kWeek);
}

TEST_CASE("bucket_key: a week is keyed by its Monday, also across a year's end") {
  CHECK(bucket_key("20160208", TimelineGranularity::kWeek) == "20160208");  // a Monday
  CHECK(bucket_key("20160214", TimelineGranularity::kWeek) == "20160208");  // the Sunday after
  CHECK(bucket_key("20160215", TimelineGranularity::kWeek) == "20160215");
  CHECK(bucket_key("20160101", TimelineGranularity::kWeek) == "20151228");  // a Friday
  CHECK(bucket_key("19700101", TimelineGranularity::kWeek) == "19691229");  // before the epoch's first Monday
  CHECK(bucket_key("20160229", TimelineGranularity::kDay) == "20160229");
  CHECK(bucket_key("20160229", TimelineGranularity::kMonth) == "201602");
  CHECK(bucket_key("20160229", TimelineGranularity::kYear) == "2016");
}

TEST_CASE("bucket_keys: every period from the first day's to the last day's, empty ones included") {
  CHECK(bucket_keys("20160227", "20160302", TimelineGranularity::kDay) ==
        std::vector<std::string>{"20160227", "20160228", "20160229", "20160301", "20160302"});
  CHECK(bucket_keys("20151231", "20160112", TimelineGranularity::kWeek) ==
        std::vector<std::string>{"20151228", "20160104", "20160111"});
  CHECK(bucket_keys("20151130", "20160205", TimelineGranularity::kMonth) ==
        std::vector<std::string>{"201511", "201512", "201601", "201602"});
  CHECK(bucket_keys("19980615", "20010101", TimelineGranularity::kYear) ==
        std::vector<std::string>{"1998", "1999", "2000", "2001"});
  CHECK(bucket_keys("20160208", "20160208", TimelineGranularity::kWeek) == std::vector<std::string>{"20160208"});
}

TEST_CASE("bucket_label shows a key as a date, a month or a year") {
  CHECK(bucket_label("20160208", TimelineGranularity::kDay) == "2016-02-08");
  CHECK(bucket_label("20160208", TimelineGranularity::kWeek) == "2016-02-08");
  CHECK(bucket_label("201602", TimelineGranularity::kMonth) == "2016-02");
  CHECK(bucket_label("2016", TimelineGranularity::kYear) == "2016");
}

TEST_CASE("bucket_counts sums the days of each bucket and keeps the empty buckets between them") {
  const DayCounts days = {{"20160103", 2}, {"20160105", 1}, {"20160320", 4}};
  const std::map<std::string, std::uint64_t> months = {{"201601", 3}, {"201602", 0}, {"201603", 4}};
  CHECK(bucket_counts(days, TimelineGranularity::kMonth) == months);
  const std::map<std::string, std::uint64_t> weeks_of_january = {{"20151228", 2}, {"20160104", 1}};
  CHECK(bucket_counts({{"20160103", 2}, {"20160105", 1}}, TimelineGranularity::kWeek) == weeks_of_january);
  CHECK(bucket_counts({}, TimelineGranularity::kDay).empty());
}

TEST_CASE("assemble_timeline: labelled buckets in time order, the undated rest, and the best headlines by key") {
  const DayCounts days = {{"20160103", 2}, {"20160320", 4}};
  const std::map<std::string, std::pair<std::string, std::string>> tops = {{"201601", {"January's story", "id-1"}},
                                                                           {"201603", {"March's story", "id-3"}},
                                                                           {"201705", {"elsewhere", "id-9"}}};
  Timeline t = assemble_timeline(days, 9, TimelineGranularity::kMonth, tops);
  CHECK(t.granularity == "month");
  CHECK(t.undated == 3);  // 9 matches, 6 of them dated
  REQUIRE(t.buckets.size() == 3);
  CHECK(t.buckets[0].label == "2016-01");
  CHECK(t.buckets[0].count == 2);
  CHECK(t.buckets[0].top_title == "January's story");
  CHECK(t.buckets[0].top_id == "id-1");
  CHECK(t.buckets[1].label == "2016-02");
  CHECK(t.buckets[1].count == 0);
  CHECK(t.buckets[1].top_title.empty());
  CHECK(t.buckets[2].label == "2016-03");
  CHECK(t.buckets[2].count == 4);
  CHECK(t.buckets[2].top_id == "id-3");
}

TEST_CASE("assemble_timeline without dated matches: no buckets, every match undated") {
  Timeline t = assemble_timeline({}, 5, TimelineGranularity::kMonth);
  CHECK(t.granularity == "month");
  CHECK(t.buckets.empty());
  CHECK(t.undated == 5);
  // Stories counted from a collapsed match can be fewer than the dated days
  // sum over (never negative).
  CHECK(assemble_timeline({{"20160103", 4}}, 2, TimelineGranularity::kDay).undated == 0);
}
