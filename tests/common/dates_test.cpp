#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "common/dates.h"

namespace {

using newsdex::dates::check_date;
using newsdex::dates::check_epoch_seconds;
using newsdex::dates::civil_from_unix;
using newsdex::dates::DateVerdict;
using newsdex::dates::format_date;
using newsdex::dates::format_datetime;
using newsdex::dates::parse_date;
using newsdex::dates::unix_from_civil;

struct Case {
  std::string input;
  std::optional<std::string> expected;  // format_datetime of the parse, or nullopt
};

// Renders both sides as text so a failing row prints "got == want" readably.
std::string show(const std::optional<std::int64_t>& unix_s) { return unix_s ? format_datetime(*unix_s) : "nullopt"; }
std::string show(const std::optional<std::string>& iso) { return iso ? *iso : "nullopt"; }

void check_table(std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(show(parse_date(c.input)) == show(c.expected));
  }
}

std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

TEST_CASE("parse_date reads ISO 8601 dates and datetimes") {
  check_table({
      {"2016-02-05", "2016-02-05T00:00:00Z"},
      {"2016-02-05T14:03:00Z", "2016-02-05T14:03:00Z"},
      {"2016-02-05t14:03:00z", "2016-02-05T14:03:00Z"},
      {"2016-02-05T14:03:00", "2016-02-05T14:03:00Z"},
      {"2016-02-05 14:03:00", "2016-02-05T14:03:00Z"},
      {"2016-02-05T14:03Z", "2016-02-05T14:03:00Z"},
      {"2016-02-05T14:03", "2016-02-05T14:03:00Z"},
      {"2016-02-05 14:03:00+01:00", "2016-02-05T13:03:00Z"},
      {"2016-02-05T14:03:00 +01:00", "2016-02-05T13:03:00Z"},
      {"2016-02-05T14:03:00.5+05:30", "2016-02-05T08:33:00Z"},
  });
}

TEST_CASE("parse_date reads year-first dates with slashes or dots and ISO 8601's basic format") {
  check_table({
      {"2016/02/05", "2016-02-05T00:00:00Z"},
      {"2016.02.05", "2016-02-05T00:00:00Z"},
      {"2016-2-5", "2016-02-05T00:00:00Z"},
      {"2016/02/05 14:03", "2016-02-05T14:03:00Z"},
      {"20160205", "2016-02-05T00:00:00Z"},
      {"20160205T140300Z", "2016-02-05T14:03:00Z"},
      {"20160205T1403", "2016-02-05T14:03:00Z"},
      {"20160205T140300+0100", "2016-02-05T13:03:00Z"},
      {"20160205T140300-05:00", "2016-02-05T19:03:00Z"},
  });
}

TEST_CASE("parse_date reads day-first dates with dots, as most of Europe writes them") {
  check_table({
      {"05.02.2016", "2016-02-05T00:00:00Z"},
      {"5.2.2016", "2016-02-05T00:00:00Z"},
      {"05.02.2016 14:03", "2016-02-05T14:03:00Z"},
      {"05.02.2016, 14:03:00 +01:00", "2016-02-05T13:03:00Z"},
      {"31.04.2016", std::nullopt},  // no 31 April
  });
}

TEST_CASE("parse_date reads times on a 12-hour clock, AM/PM or AP style's a.m./p.m.") {
  check_table({
      {"Friday, February 5, 2016 2:03 PM", "2016-02-05T14:03:00Z"},
      {"February 5, 2016 2:03PM EST", "2016-02-05T19:03:00Z"},
      {"Feb. 5, 2016 2:03 p.m. EST", "2016-02-05T19:03:00Z"},
      {"5 Feb 2016 10:30:15 am", "2016-02-05T10:30:15Z"},
      {"2016-02-05 12:00 AM", "2016-02-05T00:00:00Z"},
      {"2016-02-05 12:00 PM", "2016-02-05T12:00:00Z"},
      {"2016-02-05 12:30 a.m.", "2016-02-05T00:30:00Z"},
  });
}

TEST_CASE("parse_date ignores fractional seconds") {
  check_table({
      {"1987-02-26T15:01:01.79", "1987-02-26T15:01:01Z"},
      {"2016-02-05T14:03:00.999999999Z", "2016-02-05T14:03:00Z"},
      {"2016-02-05T14:03:00,5Z", "2016-02-05T14:03:00Z"},
      {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01Z"},
      {"Fri, 05 Feb 2016 14:03:00.250 GMT", "2016-02-05T14:03:00Z"},
  });
}

TEST_CASE("parse_date reads RFC 2822 dates with or without a weekday") {
  check_table({
      {"Fri, 05 Feb 2016 14:03:00 GMT", "2016-02-05T14:03:00Z"},
      {"05 Feb 2016 14:03:00 GMT", "2016-02-05T14:03:00Z"},
      {"Fri, 5 Feb 2016 14:03 GMT", "2016-02-05T14:03:00Z"},
      {"Fri,05 Feb 2016 14:03:00 +0000", "2016-02-05T14:03:00Z"},
      {"Friday, 05 Feb 2016 14:03:00 +0000", "2016-02-05T14:03:00Z"},
      {"fri, 05 feb 2016 14:03:00 gmt", "2016-02-05T14:03:00Z"},
      {"FRI, 05 FEB 2016 14:03:00 UT", "2016-02-05T14:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00", "2016-02-05T14:03:00Z"},
      {"Fri, 05 Feb 2016", "2016-02-05T00:00:00Z"},
      {"Thurs, 04 Feb 2016 09:00:00 GMT", "2016-02-04T09:00:00Z"},
  });
}

TEST_CASE("parse_date reads RFC 822's two-digit years by RFC 2822's rule, only in a date-time") {
  check_table({
      {"Fri, 05 Feb 16 14:03:00 GMT", "2016-02-05T14:03:00Z"},
      {"06 Sep 21 16:45 +0000", "2021-09-06T16:45:00Z"},
      {"Sat, 01 Jan 00 00:00:00 GMT", "2000-01-01T00:00:00Z"},
      {"Mon, 31 Dec 07 23:59:59 +0000", "2007-12-31T23:59:59Z"},
      {"Fri, 01 Jan 49 00:00:00 GMT", std::nullopt},  // 2049, in the future (1949 would be read)
      {"Fri, 31 Dec 99 23:59:59 +0000", "1999-12-31T23:59:59Z"},
      {"Wed, 01 Jan 50 12:00:00 EST", "1950-01-01T17:00:00Z"},
      {"5 Feb 16", std::nullopt},  // no time: not RFC 822, and no century rule applies
      {"Fri, 05 Feb 16", std::nullopt},
      {"Fri, 05 Feb 16 GMT", std::nullopt},
      {"Fri, 05 Feb 6 14:03:00 GMT", std::nullopt},
      {"Fri, 05 Feb 160 14:03:00 GMT", std::nullopt},
      {"Fri, 05 Feb 16,14:03:00 GMT", std::nullopt},
      {"05-Feb-16 14:03:00", std::nullopt},
      {"Feb 5, 16 14:03:00", std::nullopt},
  });
}

TEST_CASE("parse_date normalises RFC 2822 and ISO zones to UTC") {
  check_table({
      {"Fri, 05 Feb 2016 14:03:00 Z", "2016-02-05T14:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 UTC", "2016-02-05T14:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 GMT", "2016-02-05T14:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 UT", "2016-02-05T14:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 EST", "2016-02-05T19:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 EDT", "2016-02-05T18:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 CST", "2016-02-05T20:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 CDT", "2016-02-05T19:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 MST", "2016-02-05T21:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 MDT", "2016-02-05T20:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 PST", "2016-02-05T22:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 pdt", "2016-02-05T21:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 +0100", "2016-02-05T13:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 -0500", "2016-02-05T19:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 +01:00", "2016-02-05T13:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 +01", "2016-02-05T13:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 +0530", "2016-02-05T08:33:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 -0000", "2016-02-05T14:03:00Z"},
      {"2016-02-05T14:03:00-05:00", "2016-02-05T19:03:00Z"},
      {"2016-02-05T14:03:00-0500", "2016-02-05T19:03:00Z"},
      {"2016-02-05T14:03:00-05", "2016-02-05T19:03:00Z"},
      {"2016-02-05T14:03:00+00:00", "2016-02-05T14:03:00Z"},
      {"2016-02-05T14:03:00GMT", "2016-02-05T14:03:00Z"},
      // RFC 2822's comment after the zone: only the offset counts.
      {"Fri, 05 Feb 2016 14:03:00 -0800 (PST)", "2016-02-05T22:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 +0000 (UTC) ", "2016-02-05T14:03:00Z"},
      {"Fri, 05 Feb 2016 14:03:00 GMT(GMT)", "2016-02-05T14:03:00Z"},
  });
}

TEST_CASE("parse_date zones move the date across day, month, year and leap-day boundaries") {
  check_table({
      {"Fri, 05 Feb 2016 23:30:00 -0500", "2016-02-06T04:30:00Z"},
      {"Sat, 06 Feb 2016 00:30:00 +0100", "2016-02-05T23:30:00Z"},
      {"2016-01-01T00:30:00+01:00", "2015-12-31T23:30:00Z"},
      {"31 Dec 1999 20:00:00 EST", "2000-01-01T01:00:00Z"},
      {"Sun, 28 Feb 2016 22:00:00 PST", "2016-02-29T06:00:00Z"},
      {"2016-03-01T01:00:00+02:00", "2016-02-29T23:00:00Z"},
      {"2015-03-01T01:00:00+02:00", "2015-02-28T23:00:00Z"},
      {"2016-01-31T23:00:00-01:30", "2016-02-01T00:30:00Z"},
  });
}

TEST_CASE("parse_date reads month-first dates with or without dot and comma") {
  check_table({
      {"Feb. 5, 2016", "2016-02-05T00:00:00Z"},
      {"Feb 5, 2016", "2016-02-05T00:00:00Z"},
      {"Feb 5 2016", "2016-02-05T00:00:00Z"},
      {"Feb. 05, 2016", "2016-02-05T00:00:00Z"},
      {"February 5, 2016", "2016-02-05T00:00:00Z"},
      {"february 5,2016", "2016-02-05T00:00:00Z"},
      {"FEBRUARY 5, 2016", "2016-02-05T00:00:00Z"},
      {"Sept. 12, 2015", "2015-09-12T00:00:00Z"},
      {"Sept 12, 2015", "2015-09-12T00:00:00Z"},
      {"Sep. 12, 2015", "2015-09-12T00:00:00Z"},
      {"May 1, 2016", "2016-05-01T00:00:00Z"},
      {"Friday, February 5, 2016", "2016-02-05T00:00:00Z"},
      {"February 5, 2016 14:03:00 EST", "2016-02-05T19:03:00Z"},
  });
}

TEST_CASE("parse_date reads day-first dates with a month name") {
  check_table({
      {"5 February 2016", "2016-02-05T00:00:00Z"},
      {"5 Feb 2016", "2016-02-05T00:00:00Z"},
      {"05 feb. 2016", "2016-02-05T00:00:00Z"},
      {"12 Sept 2015", "2015-09-12T00:00:00Z"},
      {"12 SEPT. 2015", "2015-09-12T00:00:00Z"},
      {"Friday, 5 February 2016", "2016-02-05T00:00:00Z"},
  });
}

TEST_CASE("parse_date reads Reuters' DD-MON-YYYY timestamps") {
  check_table({
      {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01Z"},
      {"26-Feb-1987 15:01:01", "1987-02-26T15:01:01Z"},
      {"1-MAR-1987 00:00:00.00", "1987-03-01T00:00:00Z"},
      {"26-FEB-1987", "1987-02-26T00:00:00Z"},
  });
}

TEST_CASE("parse_date knows every month name, full and abbreviated, in any case") {
  const char* const full[] = {"January", "February", "March",     "April",   "May",      "June",
                              "July",    "August",   "September", "October", "November", "December"};
  for (unsigned month = 1; month <= 12; ++month) {
    const std::string name = full[month - 1];
    const std::string abbrev = name.substr(0, 3);
    std::string upper = name;
    for (char& c : upper) c = static_cast<char>(c - ('a' <= c && c <= 'z' ? 'a' - 'A' : 0));
    const std::string expected = std::string("2015-") + (month < 10 ? "0" : "") + std::to_string(month) + "-01";
    for (const std::string& input : {name + " 1, 2015", abbrev + " 1, 2015", abbrev + ". 1, 2015",
                                     "1 " + upper + " 2015", "01-" + abbrev + "-2015"}) {
      CAPTURE(input);
      const auto parsed = parse_date(input);
      REQUIRE(parsed.has_value());
      CHECK(format_date(*parsed) == expected);
    }
  }
}

TEST_CASE("parse_date reads 9 to 11 digit strings as Unix epoch seconds") {
  check_table({
      {"1454681000", "2016-02-05T14:03:20Z"},
      {"100000000", "1973-03-03T09:46:40Z"},
      {"0100000000", "1973-03-03T09:46:40Z"},
      {" 1454681000\n", "2016-02-05T14:03:20Z"},
      {"99999999999", std::nullopt},  // year 5138: implausible
      {"14546810000", std::nullopt},  // year 2430: implausible
      {"99999999", std::nullopt},     // 8 digits: too short for an epoch
      {"145468100000", std::nullopt},
      {"2016", std::nullopt},
      {"20161305", std::nullopt},  // 8 digits are ISO 8601's basic format (below), not an epoch
      {"-1454681000", std::nullopt},
      {"+1454681000", std::nullopt},
      {"1454681000.5", std::nullopt},
      {"1454681000Z", std::nullopt},
  });
}

TEST_CASE("parse_date ignores leading and trailing whitespace") {
  check_table({
      {"  2016-02-05\n", "2016-02-05T00:00:00Z"},
      {"\tFri, 05 Feb 2016 14:03:00 GMT \r\n", "2016-02-05T14:03:00Z"},
      {" Feb. 5, 2016 ", "2016-02-05T00:00:00Z"},
      {"Fri,  05  Feb  2016  14:03:00  GMT", "2016-02-05T14:03:00Z"},
  });
}

TEST_CASE("parse_date validates day-of-month against the month and leap years") {
  check_table({
      {"2016-02-29", "2016-02-29T00:00:00Z"},
      {"2015-02-29", std::nullopt},
      {"29 Feb 2016", "2016-02-29T00:00:00Z"},
      {"29 Feb 2015", std::nullopt},
      {"Feb. 29, 2015", std::nullopt},
      {"2000-02-29", "2000-02-29T00:00:00Z"},
      {"1900-02-29", std::nullopt},
      {"2016-02-30", std::nullopt},
      {"2016-04-30", "2016-04-30T00:00:00Z"},
      {"2016-04-31", std::nullopt},
      {"2016-01-31", "2016-01-31T00:00:00Z"},
      {"2016-01-32", std::nullopt},
      {"2016-01-00", std::nullopt},
      {"2016-00-10", std::nullopt},
      {"2016-13-01", std::nullopt},
      {"31-APR-1987", std::nullopt},
  });
}

TEST_CASE("parse_date validates the time of day and the zone offset") {
  check_table({
      {"2016-02-05T23:59:59Z", "2016-02-05T23:59:59Z"},
      {"2016-02-05T24:00:00Z", std::nullopt},
      {"2016-02-05T23:60:00Z", std::nullopt},
      {"2016-02-05T23:59:61Z", std::nullopt},
      // A leap second is accepted and rolls over: Unix time has no room for it.
      {"2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z"},
      {"2016-02-05T14:03:00+24:00", std::nullopt},
      {"2016-02-05T14:03:00+01:60", std::nullopt},
      {"2016-02-05T14:03:00+1", std::nullopt},
      {"2016-02-05T14:03:00+01:0", std::nullopt},
      {"2016-02-05T14:03:00+010", std::nullopt},
  });
}

TEST_CASE("parse_date rejects dates before 1800 and more than 2 days in the future") {
  check_table({
      {"1800-01-01", "1800-01-01T00:00:00Z"},
      {"1799-12-31T23:59:59Z", std::nullopt},
      {"1800-01-01T00:30:00+01:00", std::nullopt},  // 1799 once in UTC
      {"0000-01-01", std::nullopt},
      {"0000-01-01T00:00:00Z", std::nullopt},
      {"Sat, 01 Jan 0000 00:00:00 GMT", std::nullopt},
      {"9999-12-31", std::nullopt},
      {"2999-01-01T00:00:00Z", std::nullopt},
      {"January 1, 2999", std::nullopt},
  });

  const std::int64_t day = 86'400;
  const std::int64_t now = now_s();
  CHECK(parse_date(format_datetime(now)).has_value());
  CHECK(parse_date(format_datetime(now + day)).has_value());
  CHECK_FALSE(parse_date(format_datetime(now + 3 * day)).has_value());
  CHECK_FALSE(parse_date(std::to_string(now + 3 * day)).has_value());
}

TEST_CASE("issue 11: check_date says whether a date is unreadable, before 1800 or in the future") {
  struct Verdict {
    std::string input;
    DateVerdict verdict;
  };
  const std::int64_t day = 86'400;
  const std::int64_t now = now_s();
  for (const Verdict& c : std::initializer_list<Verdict>{
           {"2016-02-05", DateVerdict::kValid},
           {"1800-01-01", DateVerdict::kValid},
           {"1650-01-01", DateVerdict::kTooEarly},
           {"1799-12-31T23:59:59Z", DateVerdict::kTooEarly},
           {"Sat, 01 Jan 0000 00:00:00 GMT", DateVerdict::kTooEarly},
           {"2999-01-01", DateVerdict::kTooLate},
           {"99999999999", DateVerdict::kTooLate},
           {format_datetime(now + 3 * day), DateVerdict::kTooLate},
           {format_datetime(now + day), DateVerdict::kValid},
           {"sometime last spring", DateVerdict::kUnparseable},
           {"2016-02-30", DateVerdict::kUnparseable},
           {"", DateVerdict::kUnparseable},
       }) {
    CAPTURE(c.input);
    CHECK(check_date(c.input).verdict == c.verdict);
    // parse_date() is check_date() without the reason.
    CHECK(parse_date(c.input).has_value() == (c.verdict == DateVerdict::kValid));
  }
  CHECK(check_date("2016-02-05T14:03:20Z").unix_s == 1454681000);
  CHECK(newsdex::dates::describe(DateVerdict::kTooEarly) == "is before 1800");
  CHECK(newsdex::dates::describe(DateVerdict::kTooLate) == "is more than 2 days in the future");
}

TEST_CASE("issue 11: check_epoch_seconds takes any double, with the digit rule of epoch strings") {
  CHECK(check_epoch_seconds(1454681000.0).verdict == DateVerdict::kValid);
  CHECK(check_epoch_seconds(1454681000.0).unix_s == 1454681000);
  CHECK(check_epoch_seconds(1454681000.99).unix_s == 1454681000);               // fractions round down
  CHECK(check_epoch_seconds(100000000.0).unix_s == 100000000);                  // nine digits: 1973
  CHECK(check_epoch_seconds(99999999.9).verdict == DateVerdict::kUnparseable);  // eight
  CHECK(check_epoch_seconds(2016.0).verdict == DateVerdict::kUnparseable);      // a year, not an epoch
  CHECK(check_epoch_seconds(-1454681000.0).verdict == DateVerdict::kUnparseable);
  CHECK(check_epoch_seconds(99999999999.0).verdict == DateVerdict::kTooLate);        // year 5138
  CHECK(check_epoch_seconds(1e11).verdict == DateVerdict::kUnparseable);             // twelve digits
  CHECK(check_epoch_seconds(1454681000000.0).verdict == DateVerdict::kUnparseable);  // milliseconds
  // Far outside any integer: once cast to int64 unchecked (undefined; it
  // came out as -9223372036854775808).
  CHECK(check_epoch_seconds(1e300).verdict == DateVerdict::kUnparseable);
  CHECK(check_epoch_seconds(-1e300).verdict == DateVerdict::kUnparseable);
  CHECK(check_epoch_seconds(HUGE_VAL).verdict == DateVerdict::kUnparseable);
  CHECK(check_epoch_seconds(std::nan("")).verdict == DateVerdict::kUnparseable);
}

TEST_CASE("parse_date rejects garbage, other formats and trailing text") {
  check_table({
      {"", std::nullopt},
      {"   ", std::nullopt},
      {"garbage", std::nullopt},
      {"yesterday", std::nullopt},
      {"16", std::nullopt},
      {"2016-02", std::nullopt},
      {"16-02-05", std::nullopt},
      {"2016/02-05", std::nullopt},
      {"05/02/2016", std::nullopt},  // month or day first? not read
      {"02/05/2016 10:30 AM", std::nullopt},
      {"2016020", std::nullopt},
      {"20160205T14", std::nullopt},
      {"20160205 140300", std::nullopt},
      {"20160205T140300Zjunk", std::nullopt},
      {"05.02.16", std::nullopt},
      {"5.2", std::nullopt},
      {"05.02.2016.", std::nullopt},
      {"2016-02-05 13:03 PM", std::nullopt},
      {"2016-02-05 0:30 AM", std::nullopt},
      {"2016-02-05 10:30 a.m", std::nullopt},
      {"2016-02-05 10:30 AMX", std::nullopt},
      {"2016-02-05T", std::nullopt},
      {"2016-02-05T14", std::nullopt},
      {"2016-02-05T14:3", std::nullopt},
      {"2016-02-05T14:03:00.Z", std::nullopt},
      {"2016-02-05Z", std::nullopt},
      {"2016-02-05T14:03:00Zjunk", std::nullopt},
      {"2016-02-05T14:03:00Z x", std::nullopt},
      {"2016-02-05T14:03:00+01:00:00", std::nullopt},
      {"2016-02-05 extra", std::nullopt},
      {"2016-02-05x", std::nullopt},
      {"Feb 2016", std::nullopt},
      {"Feb 5", std::nullopt},
      {"Feb5, 2016", std::nullopt},
      {"Feb 5th, 2016", std::nullopt},
      {"Febr 5, 2016", std::nullopt},
      {"5 Febr 2016", std::nullopt},
      {"5 Feb 16", std::nullopt},
      {"5 Feb 2016 GMT", std::nullopt},
      {"5 Feb 2016 at 14:03", std::nullopt},
      {"Feb. 5, 2016, 14:03", std::nullopt},
      {"Funday, 05 Feb 2016 14:03:00 GMT", std::nullopt},
      {"Fri 05 Feb 2016 14:03:00 XYZ", std::nullopt},
      {"Fri, 05 Feb 2016 14:03:00 IST", std::nullopt},
      {"Fri, 05 Feb 2016 14:03:00 A", std::nullopt},
      {"Fri, 05 Feb 2016 14:03:00 -0800 (PST", std::nullopt},
      {"Fri, 05 Feb 2016 14:03:00 -0800 (P(S)T)", std::nullopt},
      {"Fri, 05 Feb 2016 14:03:00 -0800 (PST) x", std::nullopt},
      {"Fri, 05 Feb 2016 14:03:00 (PST)", std::nullopt},  // a comment is no zone
      {"Fri, 2016-02-05", std::nullopt},
      {"Fri,", std::nullopt},
      {"Fri", std::nullopt},
      {"26-FEB-87 15:01:01", std::nullopt},
      {"26 FEB-1987", std::nullopt},
      {"123 Feb 2016", std::nullopt},
      {std::string("2016-02-05\0", 11), std::nullopt},
  });
}

TEST_CASE("format_date and format_datetime print UTC, including before 1970") {
  CHECK(format_date(0) == "1970-01-01");
  CHECK(format_datetime(0) == "1970-01-01T00:00:00Z");
  CHECK(format_datetime(1454681000) == "2016-02-05T14:03:20Z");
  CHECK(format_date(1454681000) == "2016-02-05");
  CHECK(format_datetime(951782400) == "2000-02-29T00:00:00Z");
  CHECK(format_datetime(-1) == "1969-12-31T23:59:59Z");
  CHECK(format_date(-1) == "1969-12-31");
  CHECK(format_datetime(-86'400) == "1969-12-31T00:00:00Z");
  CHECK(format_datetime(-86'401) == "1969-12-30T23:59:59Z");
  CHECK(format_datetime(-5'364'662'400) == "1800-01-01T00:00:00Z");
  CHECK(format_datetime(-62'167'219'200) == "0000-01-01T00:00:00Z");
  CHECK(format_date(-62'167'219'201) == "-0001-12-31");
  CHECK(format_date(253'402'300'799) == "9999-12-31");
  CHECK(format_date(253'402'300'800) == "10000-01-01");
}

TEST_CASE("format_datetime(parse_date(x)) gives back a canonical x") {
  for (const char* iso :
       {"1800-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "1987-02-26T15:01:01Z",
        "2000-02-29T12:00:00Z", "2016-02-29T23:59:59Z", "2016-12-31T00:00:01Z"}) {
    CAPTURE(iso);
    const auto parsed = parse_date(iso);
    REQUIRE(parsed.has_value());
    CHECK(format_datetime(*parsed) == iso);
  }
  for (const char* date : {"1800-01-01", "1900-03-01", "1969-12-31", "2016-02-29"}) {
    CAPTURE(date);
    const auto parsed = parse_date(date);
    REQUIRE(parsed.has_value());
    CHECK(format_date(*parsed) == date);
  }
}

TEST_CASE("parse_date(format_datetime(t)) == t across the plausible range") {
  const std::int64_t earliest = unix_from_civil(1800, 1, 1);
  const std::int64_t latest = now_s();
  // Not a multiple of a minute, hour or day, so the samples drift through
  // every time of day as well as through the calendar.
  const std::int64_t stride = 7'919'999;
  std::string first_mismatch;
  for (std::int64_t t = earliest; t <= latest && first_mismatch.empty(); t += stride) {
    const std::int64_t midnight = t - (t - earliest) % 86'400;
    if (parse_date(format_datetime(t)) != t || parse_date(format_date(t)) != midnight) {
      first_mismatch = format_datetime(t);
    }
  }
  CHECK(first_mismatch == "");
}

TEST_CASE("unix_from_civil and civil_from_unix agree with known dates") {
  CHECK(unix_from_civil(1970, 1, 1) == 0);
  CHECK(unix_from_civil(2016, 2, 5) == 1'454'630'400);
  CHECK(unix_from_civil(2000, 2, 29) == 951'782'400);
  CHECK(unix_from_civil(1800, 1, 1) == -5'364'662'400);
  CHECK(unix_from_civil(0, 1, 1) == -62'167'219'200);

  const auto date = civil_from_unix(1'454'681'000);
  CHECK(date.year == 2016);
  CHECK(date.month == 2u);
  CHECK(date.day == 5u);
  const auto before_epoch = civil_from_unix(-1);
  CHECK(before_epoch.year == 1969);
  CHECK(before_epoch.month == 12u);
  CHECK(before_epoch.day == 31u);
}

TEST_CASE("unix_from_civil normalises out-of-range months and days") {
  CHECK(unix_from_civil(2016, 13, 1) == unix_from_civil(2017, 1, 1));
  CHECK(unix_from_civil(2016, 25, 1) == unix_from_civil(2018, 1, 1));
  CHECK(unix_from_civil(2016, 0, 1) == unix_from_civil(2015, 12, 1));
  CHECK(unix_from_civil(2016, 2, 30) == unix_from_civil(2016, 3, 1));
  CHECK(unix_from_civil(2015, 2, 29) == unix_from_civil(2015, 3, 1));
  CHECK(unix_from_civil(2016, 3, 0) == unix_from_civil(2016, 2, 29));
  CHECK(unix_from_civil(2016, 1, 0) == unix_from_civil(2015, 12, 31));
  CHECK(unix_from_civil(2016, 1, 366) == unix_from_civil(2016, 12, 31));
  CHECK(unix_from_civil(2016, 0, 0) == unix_from_civil(2015, 11, 30));
}

TEST_CASE("civil_from_unix inverts unix_from_civil for every day from 1600 to 2400") {
  // One assertion for the whole sweep (the first mismatch is reported), so
  // the run's assertion count stays meaningful.
  std::string first_mismatch;
  std::int64_t expected = unix_from_civil(1600, 1, 1);
  for (int year = 1600; year <= 2400 && first_mismatch.empty(); ++year) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const unsigned month_days[] = {31, leap ? 29u : 28u, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (unsigned month = 1; month <= 12; ++month) {
      for (unsigned day = 1; day <= month_days[month - 1]; ++day) {
        // Consecutive days are exactly 86400 s apart (no gaps, no repeats),
        // and the last second of a day still belongs to it.
        const auto civil = civil_from_unix(expected + 86'399);
        if (unix_from_civil(year, month, day) != expected || civil.year != year || civil.month != month ||
            civil.day != day) {
          first_mismatch = std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day);
        }
        expected += 86'400;
      }
    }
  }
  CHECK(first_mismatch == "");
}
