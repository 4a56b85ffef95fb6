// The timeline of a search (--timeline): matches per day turned into bars per
// day, week, month or year, every period from the first match to the last
// (empty ones included). Pure functions of dates and counts: no Xapian, no
// database. The matcher counts the days (facet_counter.h) and finds the best
// headline of each bucket; this file does the calendar arithmetic.
//
// Bucket keys are the formats of the index's date slots (schema.h kSlotDay,
// kSlotWeek, kSlotMonth, kSlotYear): "yyyymmdd" for a day and for a week (its
// Monday), "yyyymm" for a month, "yyyy" for a year. Every day argument is a
// valid "yyyymmdd".
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "searcher/results.h"

namespace newsdex::search {

enum class TimelineGranularity { kNone, kAuto, kDay, kWeek, kMonth, kYear };

// Matches per day: "yyyymmdd" -> count, in date order.
using DayCounts = std::map<std::string, std::uint64_t>;

// "day", "week", "month" or "year"; kNone and kAuto, which are not bucket
// sizes, give "year".
const char* granularity_name(TimelineGranularity g);

// The bucket size giving roughly 10-60 bars for the span from `first_day` to
// `last_day`: up to 45 days by day, up to 180 by week, up to six years by
// month, beyond by year.
TimelineGranularity auto_granularity(const std::string& first_day, const std::string& last_day);

// The bucket size of a timeline asked as `requested` (not kNone) over
// `days`: kAuto becomes auto_granularity() of the first and last day, or
// kMonth when no match has a date.
TimelineGranularity resolve_granularity(TimelineGranularity requested, const DayCounts& days);

// The key of the bucket holding `day`, for bucket size `g` (not kNone or
// kAuto): the day itself, the Monday of its week, its month or its year.
std::string bucket_key(const std::string& day, TimelineGranularity g);

// Every bucket key from the one holding `first_day` to the one holding
// `last_day` (first_day <= last_day), in order.
std::vector<std::string> bucket_keys(const std::string& first_day, const std::string& last_day, TimelineGranularity g);

// A bucket key as shown: "2016-02-08" (day, week), "2016-02" (month), "2016" (year).
std::string bucket_label(const std::string& key, TimelineGranularity g);

// Matches per bucket key of size `g` (not kNone or kAuto), every bucket from
// the first day of `days` to the last one included (empty when `days` is).
std::map<std::string, std::uint64_t> bucket_counts(const DayCounts& days, TimelineGranularity g);

// The timeline of `matched` matches of which `days` are dated, in buckets of
// size `g` (resolve_granularity()): one bucket per key of bucket_counts(),
// labelled, with `undated` = the matches not counted in `days`. `tops`
// (bucket key -> best headline's title and article id) fills top_title and
// top_id of the buckets it names; keys of no bucket are ignored.
Timeline assemble_timeline(const DayCounts& days, std::uint64_t matched, TimelineGranularity g,
                           const std::map<std::string, std::pair<std::string, std::string>>& tops = {});

}  // namespace newsdex::search
