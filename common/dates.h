// Publication dates: parsing the forms news data carries, normalised to UTC
// unix seconds, and formatting them back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsdex::dates {

// Parses a date as found in news data, normalised to UTC:
//   ISO 8601 with or without time, fraction and zone ("2016-02-05",
//   "2016-02-05T14:03:00Z", "2016-02-05 14:03:00+01:00", "1987-02-26T15:01:01.79"),
//   RFC 2822 ("Fri, 05 Feb 2016 14:03:00 GMT", "+0100", "EST"...),
//   "Feb. 5, 2016", "February 5, 2016", "5 February 2016", "5 Feb 2016",
//   Reuters' "26-FEB-1987 15:01:01.79", and Unix epoch seconds ("1454681000").
// A date without a zone is taken as UTC. Returns nullopt for anything else,
// and for implausible dates (before 1800 or more than 2 days in the future).
std::optional<std::int64_t> parse_date(std::string_view text);

// "2016-02-05" (UTC).
std::string format_date(std::int64_t unix_s);
// "2016-02-05T14:03:00Z".
std::string format_datetime(std::int64_t unix_s);

struct CivilDate {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};
CivilDate civil_from_unix(std::int64_t unix_s);
// Seconds at 00:00:00 UTC of the given day; month/day need not be normalised.
std::int64_t unix_from_civil(int year, unsigned month, unsigned day);

}  // namespace newsdex::dates
