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
//   "2016-02-05T14:03:00Z", "2016-02-05 14:03:00+01:00", "1987-02-26T15:01:01.79",
//   also with '/' or '.' between year, month and day: "2016/02/05"), and in
//   its basic format ("20160205", "20160205T140300Z", as NITF writes it),
//   RFC 2822 ("Fri, 05 Feb 2016 14:03:00 GMT", "+0100", "EST"..., and a
//   comment after the zone, "-0800 (PST)"),
//   "Feb. 5, 2016", "February 5, 2016", "5 February 2016", "5 Feb 2016",
//   "05.02.2016" (day first with dots), a time on a 12-hour clock ("10:30 AM",
//   "2:15 p.m. EST"), Reuters' "26-FEB-1987 15:01:01.79", and Unix epoch
//   seconds ("1454681000"). "02/05/2016" is not read: month or day first?
// A date without a zone is taken as UTC. Returns nullopt for anything else,
// and for implausible dates (before kEarliestYear, or more than
// kMaxFutureSeconds after now): check_date() says which.
std::optional<std::int64_t> parse_date(std::string_view text);

// The plausibility window: a date before 1800-01-01T00:00:00Z, or more than 2
// days after now (feeds run ahead by clock skew and time zones), is a typo or
// a placeholder, and indexed as undated.
inline constexpr int kEarliestYear = 1800;
inline constexpr std::int64_t kMaxFutureSeconds = std::int64_t{2} * 86'400;

enum class DateVerdict {
  kValid,        // a date in the window
  kUnparseable,  // not a form parse_date() reads
  kTooEarly,     // a date, before kEarliestYear
  kTooLate,      // a date, more than kMaxFutureSeconds after now
};

struct DateCheck {
  DateVerdict verdict;
  std::int64_t unix_s = 0;  // kValid: the date (UTC unix seconds); otherwise 0
};

// parse_date() with the reason when it gives nothing.
DateCheck check_date(std::string_view text);

// Epoch seconds given as a number (a JSON number; a fraction is dropped,
// rounding down). The same rule as the digit strings parse_date() reads:
// 9 to 11 digits before the point (1973-03-03 to year 5138), else
// kUnparseable; then the window. Any double is fine, however large.
DateCheck check_epoch_seconds(double seconds);

// How a verdict reads after "date X ": "is before 1800", "is more than 2 days
// in the future"; "" for kValid and kUnparseable.
std::string describe(DateVerdict verdict);

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
