// since_until_range: the one reading of newsdex-search --since and --until
// (article search and --quotes), with the messages users see.
#include "searcher/date_range.h"

#include <doctest/doctest.h>

#include <string>

#include "common/dates.h"
#include "common/error.h"

namespace newsdex::search {
namespace {

// The message since_until_range throws for `since`, `until`.
std::string error_of(std::string_view since, std::string_view until) {
  try {
    since_until_range(since, until);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST_CASE("since_until_range: open ends, whole periods, nothing when both options are empty") {
  CHECK_FALSE(since_until_range("", "").has_value());
  const std::optional<DateRange> since = since_until_range("2016-02", "");
  REQUIRE(since.has_value());
  CHECK(since->from == dates::unix_from_civil(2016, 2, 1));
  CHECK_FALSE(since->to.has_value());
  // --until is inclusive of its whole period: 2016-02 runs through Feb 29.
  const std::optional<DateRange> until = since_until_range("", "2016-02");
  REQUIRE(until.has_value());
  CHECK_FALSE(until->from.has_value());
  CHECK(until->to == dates::unix_from_civil(2016, 3, 1));
  const std::optional<DateRange> both = since_until_range("2016", "2016-02-05");
  REQUIRE(both.has_value());
  CHECK(both->from == dates::unix_from_civil(2016, 1, 1));
  CHECK(both->to == dates::unix_from_civil(2016, 2, 6));
  // The same period on both sides is that period.
  const std::optional<DateRange> same = since_until_range("2016-02", "2016-02");
  REQUIRE(same.has_value());
  CHECK(same->from == dates::unix_from_civil(2016, 2, 1));
  CHECK(same->to == dates::unix_from_civil(2016, 3, 1));
}

TEST_CASE("since_until_range: a value that is not a date, or a range that is empty, is an error naming the option") {
  CHECK(error_of("20x6", "") == "--since: not a date: 20x6 (try 2016, 2016-02 or 2016-02-05)");
  CHECK(error_of("", "2016-13") == "--until: not a date: 2016-13 (try 2016, 2016-02 or 2016-02-05)");
  // --since is read first.
  CHECK(error_of("soon", "later") == "--since: not a date: soon (try 2016, 2016-02 or 2016-02-05)");
  CHECK(error_of("2016-03", "2016-02") == "--since is after --until");
  // A value made safe to print: no line break reaches the message.
  CHECK(error_of("2016\n-02", "") == "--since: not a date: 2016\\n-02 (try 2016, 2016-02 or 2016-02-05)");
}

}  // namespace
}  // namespace newsdex::search
