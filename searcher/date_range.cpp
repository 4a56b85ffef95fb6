#include "searcher/date_range.h"

#include <charconv>
#include <string>

#include "common/dates.h"
#include "common/error.h"
#include "common/terminal_text.h"

namespace newsdex::search {
namespace {

std::optional<int> number(std::string_view s, std::size_t digits) {
  if (s.size() != digits) return std::nullopt;
  int value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<DateRange> parse_date_period(std::string_view text) {
  text = trim(text);
  // yyyy, yyyy-mm, yyyy-mm-dd (also yyyymm, yyyymmdd): the whole period.
  std::optional<int> year = number(text.substr(0, 4), 4);
  if (year && text.size() == 4) {
    return DateRange{dates::unix_from_civil(*year, 1, 1), dates::unix_from_civil(*year + 1, 1, 1)};
  }
  if (year && (text.size() == 7 || text.size() == 6)) {
    std::size_t at = text.size() == 7 ? 5 : 4;
    if (text.size() == 7 && text[4] != '-') return std::nullopt;
    std::optional<int> month = number(text.substr(at, 2), 2);
    if (!month || *month < 1 || *month > 12) return std::nullopt;
    auto m = static_cast<unsigned>(*month);
    return DateRange{dates::unix_from_civil(*year, m, 1), dates::unix_from_civil(*year, m + 1, 1)};
  }
  if (year && text.size() == 8 && text.find('-') == std::string_view::npos) {
    std::optional<int> month = number(text.substr(4, 2), 2), day = number(text.substr(6, 2), 2);
    if (!month || !day) return std::nullopt;
    std::string iso =
        std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" + std::string(text.substr(6, 2));
    return parse_date_period(iso);
  }
  // A day, or a point in time in any form parse_date() knows.
  std::optional<std::int64_t> t = dates::parse_date(text);
  if (!t) return std::nullopt;
  bool whole_day = text.size() == 10 && text[4] == '-' && text[7] == '-';
  return DateRange{*t, whole_day ? *t + 86'400 : *t + 1};
}

std::optional<DateRange> parse_date_range(std::string_view text) {
  text = trim(text);
  std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) return parse_date_period(text);
  std::string_view left = trim(text.substr(0, dots)), right = trim(text.substr(dots + 2));
  if (left.empty() && right.empty()) return std::nullopt;
  DateRange range;
  if (!left.empty()) {
    auto p = parse_date_period(left);
    if (!p) return std::nullopt;
    range.from = p->from;
  }
  if (!right.empty()) {
    auto p = parse_date_period(right);
    if (!p) return std::nullopt;
    range.to = p->to;  // inclusive of the whole last period
  }
  if (range.from && range.to && *range.from >= *range.to) return std::nullopt;
  return range;
}

std::optional<DateRange> since_until_range(std::string_view since, std::string_view until) {
  if (since.empty() && until.empty()) return std::nullopt;
  auto period = [](std::string_view option, std::string_view value) {
    std::optional<DateRange> p = parse_date_period(value);
    if (!p) {
      throw Error(std::string(option) + ": not a date: " + excerpt_for_message(value) +
                  " (try 2016, 2016-02 or 2016-02-05)");
    }
    return *p;
  };
  DateRange range;
  if (!since.empty()) range.from = period("--since", since).from;
  if (!until.empty()) range.to = period("--until", until).to;
  if (range.from && range.to && *range.from >= *range.to) throw Error("--since is after --until");
  return range;
}

}  // namespace newsdex::search
