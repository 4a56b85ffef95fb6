// Date filters as users type them: `2016`, `2016-02`, `2016-02-05`, ranges
// `2016-02-01..2016-02-29`, open ranges `..2016-03` and `2016-02..`. A year or
// month means the whole period. Used by the `date:` query field and by
// --since/--until.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace newsdex::search {

// [from, to) in UTC unix seconds; an absent end is open.
struct DateRange {
  std::optional<std::int64_t> from;
  std::optional<std::int64_t> to;
};

// Parses one date value or a range of them (see above). Also accepts every
// form dates::parse_date() knows for a single point in time ("2016-02-05T14:00Z"),
// which then means that second. Returns nullopt when `text` is not a date or
// the range is empty or reversed.
std::optional<DateRange> parse_date_range(std::string_view text);

// The period a single value covers: "2016" -> all of 2016. nullopt if not a date.
std::optional<DateRange> parse_date_period(std::string_view text);

// The range of newsdex-search --since and --until: from the start of the
// period `since` names (parse_date_period) to the end of the one `until`
// names, an end open when its option is ""; nullopt when both are. The one
// reading of the two options (article search and --quotes; query_builder.h
// date_filter() makes it a Xapian filter). Throws newsdex::Error naming the
// option when a value is not a date ("--since: not a date: VALUE (try 2016,
// 2016-02 or 2016-02-05)") and when the range is empty ("--since is after
// --until").
std::optional<DateRange> since_until_range(std::string_view since, std::string_view until);

}  // namespace newsdex::search
