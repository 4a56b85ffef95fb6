// Publication dates. Parsed by hand rather than with strptime or ICU so that
// the result never depends on the process locale or on libc quirks, and so the
// accepted forms are exactly the ones spelled out here: news data is messy,
// and a date we misread silently is worse than one we reject.
#include "common/dates.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <utility>

namespace newsdex::dates {
namespace {

constexpr std::int64_t kSecondsPerMinute = 60;
constexpr std::int64_t kSecondsPerHour = 60 * kSecondsPerMinute;
constexpr std::int64_t kSecondsPerDay = 24 * kSecondsPerHour;
static_assert(kMaxFutureSeconds % kSecondsPerDay == 0, "describe() counts whole days");
// Nine digits start in 1973 and eleven reach past year 5000, so this window
// holds every plausible epoch while keeping "2016" and "20160205" out of it.
constexpr std::size_t kMinEpochDigits = 9;
constexpr std::size_t kMaxEpochDigits = 11;

// Howard Hinnant's days_from_civil (proleptic Gregorian, any year), see
// http://howardhinnant.github.io/date_algorithms.html. Needs m in 1..12 and
// d in 1..31; callers normalise first.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);                 // [0, 399]
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Howard Hinnant's civil_from_days, the inverse of days_from_civil.
constexpr CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);                    // [0, 146096]
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // [0, 365]
  const unsigned mp = (5 * doy + 2) / 153;                       // [0, 11], March first
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;               // [1, 31]
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;                  // [1, 12]
  return CivilDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

constexpr std::int64_t kEarliestPlausible = days_from_civil(kEarliestYear, 1, 1) * kSecondsPerDay;

// Splits unix seconds into whole days since the epoch and seconds into that
// day, flooring so that times before 1970 land on the right day. Written
// without multiplying back so it cannot overflow even at the int64 limits.
std::pair<std::int64_t, std::int64_t> split_days(std::int64_t unix_s) {
  const std::int64_t rem = unix_s % kSecondsPerDay;
  if (rem < 0) return {unix_s / kSecondsPerDay - 1, rem + kSecondsPerDay};
  return {unix_s / kSecondsPerDay, rem};
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int year, unsigned month) {
  constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

// ASCII-only character classes: <cctype> consults the C locale, and dates
// must read the same whatever locale the process runs in.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

struct Named {
  std::string_view name;  // lower case
  int value;
};

template <std::size_t N>
std::optional<int> lookup(const std::array<Named, N>& table, std::string_view word) {
  for (const Named& entry : table) {
    if (iequals(entry.name, word)) return entry.value;
  }
  return std::nullopt;
}

// Full names and three-letter abbreviations, plus AP style's "Sept"; a
// trailing dot is eaten separately.
constexpr std::array<Named, 24> kMonthNames = {{
    {"jan", 1},  {"january", 1},  {"feb", 2},    {"february", 2},  {"mar", 3},  {"march", 3},
    {"apr", 4},  {"april", 4},    {"may", 5},    {"jun", 6},       {"june", 6}, {"jul", 7},
    {"july", 7}, {"aug", 8},      {"august", 8}, {"sep", 9},       {"sept", 9}, {"september", 9},
    {"oct", 10}, {"october", 10}, {"nov", 11},   {"november", 11}, {"dec", 12}, {"december", 12},
}};

// The weekday is only ever skipped, never checked against the date: feeds
// get it wrong often enough that trusting the numbers serves readers better.
constexpr std::array<Named, 17> kWeekdayNames = {{
    {"mon", 1},
    {"monday", 1},
    {"tue", 2},
    {"tues", 2},
    {"tuesday", 2},
    {"wed", 3},
    {"wednesday", 3},
    {"thu", 4},
    {"thur", 4},
    {"thurs", 4},
    {"thursday", 4},
    {"fri", 5},
    {"friday", 5},
    {"sat", 6},
    {"saturday", 6},
    {"sun", 7},
    {"sunday", 7},
}};

// Offsets in minutes east of UTC: ISO's "Z", "UTC", and the names RFC 2822
// defines. Other abbreviations are ambiguous ("IST" is three different
// zones), and RFC 2822 itself says its military letters cannot be trusted.
constexpr std::array<Named, 12> kZoneNames = {{
    {"z", 0},
    {"ut", 0},
    {"utc", 0},
    {"gmt", 0},
    {"est", -300},
    {"edt", -240},
    {"cst", -360},
    {"cdt", -300},
    {"mst", -420},
    {"mdt", -360},
    {"pst", -480},
    {"pdt", -420},
}};

// A forward-only reader over the trimmed input. The first token decides the
// form, so no step ever needs to backtrack: a failure anywhere rejects the
// whole string.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ == text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  // Consumes `c` (ASCII case-insensitively) if it comes next.
  bool eat(char c) {
    if (at_end() || to_lower(text_[pos_]) != to_lower(c)) return false;
    ++pos_;
    return true;
  }

  // Consumes a run of whitespace; true if there was any.
  bool eat_spaces() {
    const std::size_t start = pos_;
    while (!at_end() && is_space(text_[pos_])) ++pos_;
    return pos_ != start;
  }

  // Consumes a run of digits and returns its value when the run is
  // min_digits..max_digits long. A longer run fails rather than being cut
  // short, so "2016" is never read as a day followed by "16".
  std::optional<unsigned> number(std::size_t min_digits, std::size_t max_digits) {
    const std::size_t start = pos_;
    unsigned value = 0;
    while (!at_end() && is_digit(text_[pos_])) {
      if (pos_ - start == max_digits) return std::nullopt;
      value = value * 10 + static_cast<unsigned>(text_[pos_] - '0');
      ++pos_;
    }
    if (pos_ - start < min_digits) return std::nullopt;
    return value;
  }

  // Consumes exactly `count` digits whatever follows them, for fields that
  // are packed together like the "01" and "00" of a "+0100" zone.
  std::optional<unsigned> fixed_number(std::size_t count) {
    unsigned value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (!is_digit(peek())) return std::nullopt;
      value = value * 10 + static_cast<unsigned>(text_[pos_++] - '0');
    }
    return value;
  }

  // Consumes a run of digits of any length and returns how many there were.
  std::size_t skip_digits() {
    const std::size_t start = pos_;
    while (!at_end() && is_digit(text_[pos_])) ++pos_;
    return pos_ - start;
  }

  // After a '(': consumes a comment's text and its ')', which must come
  // before the end; no nesting, no parentheses inside.
  bool skip_comment() {
    while (!at_end() && text_[pos_] != ')' && text_[pos_] != '(') ++pos_;
    return eat(')');
  }

  // Consumes a run of ASCII letters.
  std::string_view word() {
    const std::size_t start = pos_;
    while (!at_end() && is_alpha(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// What the text said, before any range check.
struct Fields {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  unsigned hour = 0;
  unsigned minute = 0;
  unsigned second = 0;
  std::int64_t offset_s = 0;  // east of UTC; no zone means UTC
};

bool read_into(std::optional<unsigned> value, unsigned& out) {
  if (!value) return false;
  out = *value;
  return true;
}

// "Feb", "feb.", "February", "Sept." ...
bool parse_month_name(Cursor& cur, Fields& f) {
  const std::optional<int> month = lookup(kMonthNames, cur.word());
  if (!month) return false;
  f.month = static_cast<unsigned>(*month);
  cur.eat('.');
  return true;
}

// Years are four digits. Two-digit years would need a guess at the century,
// and news archives span more than one; the one exception is the RFC 822
// date-time of old feeds and mail, below, for which RFC 2822 fixes the rule.
bool parse_year(Cursor& cur, Fields& f) {
  const std::optional<unsigned> year = cur.number(4, 4);
  if (!year) return false;
  f.year = static_cast<int>(*year);
  return true;
}

// After a time, "AM"/"PM" or AP style's "a.m."/"p.m." (spaced or not): a
// 12-hour clock, hour 1 to 12; "12 AM" is midnight, "12 PM" noon. Nothing
// (a 24-hour clock) is fine too.
bool parse_meridiem(Cursor& cur, Fields& f) {
  Cursor ahead = cur;
  ahead.eat_spaces();
  const char c = ahead.peek();
  if (c != 'a' && c != 'A' && c != 'p' && c != 'P') return true;
  const bool pm = ahead.eat('p');
  if (!pm) ahead.eat('a');
  const bool dotted = ahead.eat('.');
  if (!ahead.eat('m')) return true;  // not a meridiem: the zone or the end decides
  if (dotted && !ahead.eat('.')) return false;
  if (is_alpha(ahead.peek())) return true;  // a longer word ("AMT"): not ours
  if (f.hour < 1 || f.hour > 12) return false;
  f.hour = f.hour % 12 + (pm ? 12 : 0);
  cur = ahead;
  return true;
}

// "14:03", "14:03:00", "15:01:01.79", "10:30 AM", "2:15 p.m.". The fraction
// is dropped (truncated, not rounded): we keep whole seconds.
bool parse_time(Cursor& cur, Fields& f) {
  if (!read_into(cur.number(1, 2), f.hour) || !cur.eat(':') || !read_into(cur.number(2, 2), f.minute)) {
    return false;
  }
  if (cur.eat(':')) {
    if (!read_into(cur.number(2, 2), f.second)) return false;
    if ((cur.eat('.') || cur.eat(',')) && cur.skip_digits() == 0) return false;
  }
  return parse_meridiem(cur, f);
}

// "Z", "GMT", "EST"..., "+01:00", "+0100", "+01", "-05:00"...
bool parse_zone(Cursor& cur, Fields& f) {
  const char sign = cur.peek();
  if (sign == '+' || sign == '-') {
    cur.eat(sign);
    unsigned hours = 0;
    unsigned minutes = 0;
    if (!read_into(cur.fixed_number(2), hours)) return false;
    if (cur.eat(':') || is_digit(cur.peek())) {
      if (!read_into(cur.number(2, 2), minutes)) return false;
    }
    if (hours > 23 || minutes > 59) return false;
    const std::int64_t offset = hours * kSecondsPerHour + minutes * kSecondsPerMinute;
    f.offset_s = sign == '-' ? -offset : offset;
    return true;
  }
  const std::optional<int> minutes = lookup(kZoneNames, cur.word());
  if (!minutes) return false;
  f.offset_s = *minutes * kSecondsPerMinute;
  return true;
}

// A time, then optionally a zone (attached as in ISO or spaced as in RFC
// 2822), then nothing at all.
bool parse_time_and_zone(Cursor& cur, Fields& f) {
  if (!parse_time(cur, f)) return false;
  cur.eat_spaces();
  if (cur.at_end()) return true;
  if (!parse_zone(cur, f)) return false;
  // RFC 2822 allows a comment after the zone, and mailers and feeds write
  // the zone's name there: "-0800 (PST)". It is only a comment: the
  // offset decides.
  cur.eat_spaces();
  if (cur.eat('(')) {
    if (!cur.skip_comment()) return false;
    cur.eat_spaces();
  }
  return cur.at_end();
}

// What may follow a written-out date: nothing, or whitespace and a time.
bool parse_date_tail(Cursor& cur, Fields& f) {
  if (cur.at_end()) return true;
  return cur.eat_spaces() && parse_time_and_zone(cur, f);
}

// "2016-02-05", also written "2016/02/05" or "2016.02.05" (year first is
// never ambiguous), then optionally "T" or whitespace and a time.
bool parse_iso(Cursor& cur, Fields& f) {
  if (!parse_year(cur, f)) return false;
  const char separator = cur.peek();
  if (separator != '-' && separator != '/' && separator != '.') return false;
  if (!cur.eat(separator) || !read_into(cur.number(1, 2), f.month) || !cur.eat(separator) ||
      !read_into(cur.number(1, 2), f.day)) {
    return false;
  }
  if (cur.at_end()) return true;
  if (!cur.eat('T') && !cur.eat_spaces()) return false;
  return parse_time_and_zone(cur, f);
}

// ISO 8601's basic format, as NITF and IPTC write it: "20160205", then
// optionally "T140300" (or "T1403"), then a zone ("Z", "+0100").
bool parse_iso_basic(Cursor& cur, Fields& f) {
  const std::optional<unsigned> year = cur.fixed_number(4);
  if (!year || !read_into(cur.fixed_number(2), f.month) || !read_into(cur.fixed_number(2), f.day)) return false;
  f.year = static_cast<int>(*year);
  if (cur.at_end()) return true;
  if (!cur.eat('T') || !read_into(cur.fixed_number(2), f.hour) || !read_into(cur.fixed_number(2), f.minute)) {
    return false;
  }
  if (is_digit(cur.peek()) && !read_into(cur.fixed_number(2), f.second)) return false;
  if (cur.at_end()) return true;
  return parse_zone(cur, f) && cur.at_end();
}

// "05.02.2016": day, month and year with dots, as most of Europe writes
// dates (never month first, unlike slashes, which are left unread: "02/05"
// is February in the US and May elsewhere), then optionally a time.
bool parse_dotted_day_first(Cursor& cur, Fields& f) {
  if (!read_into(cur.number(1, 2), f.day) || !cur.eat('.') || !read_into(cur.number(1, 2), f.month) || !cur.eat('.') ||
      !parse_year(cur, f)) {
    return false;
  }
  if (cur.at_end()) return true;
  cur.eat(',');
  return cur.eat_spaces() && parse_time_and_zone(cur, f);
}

// The two-digit year of an RFC 822 date-time, "06 Sep 21 16:45:00 GMT", as
// old RSS feeds write it: only when a time follows (an RFC 822 date always
// has one), read as RFC 2822's obsolete syntax says (section 4.3): 00-49 are
// 2000-2049, 50-99 are 1950-1999. False, with nothing consumed, otherwise.
bool parse_rfc822_short_year(Cursor& cur, Fields& f) {
  Cursor ahead = cur;
  const std::optional<unsigned> year = ahead.fixed_number(2);
  if (!year || is_digit(ahead.peek()) || ahead.peek() != ' ') return false;
  f.year = static_cast<int>(*year < 50 ? 2000 + *year : 1900 + *year);
  cur = ahead;
  return true;
}

// "05 Feb 2016 ...", "5 February 2016" (RFC 2822 and British style) and
// Reuters' "26-FEB-1987 ...".
bool parse_day_first(Cursor& cur, Fields& f) {
  if (!read_into(cur.number(1, 2), f.day)) return false;
  if (cur.eat('-')) {
    if (!parse_month_name(cur, f) || !cur.eat('-')) return false;
  } else if (!cur.eat_spaces() || !parse_month_name(cur, f) || !cur.eat_spaces()) {
    return false;
  } else if (parse_rfc822_short_year(cur, f)) {
    return cur.eat_spaces() && parse_time_and_zone(cur, f);
  }
  return parse_year(cur, f) && parse_date_tail(cur, f);
}

// "Feb. 5, 2016", "February 5, 2016" (US and AP style); the comma is optional.
bool parse_month_first(Cursor& cur, Fields& f) {
  if (!parse_month_name(cur, f) || !cur.eat_spaces() || !read_into(cur.number(1, 2), f.day)) return false;
  const bool comma = cur.eat(',');
  const bool space = cur.eat_spaces();
  if (!comma && !space) return false;
  return parse_year(cur, f) && parse_date_tail(cur, f);
}

// Dispatches on the first token: four digits start ISO, eight ISO's basic
// format, one or two digits and a dot a dotted day-first date, one or two
// digits otherwise a day-first form, a word is a weekday or a month.
bool parse_fields(std::string_view text, Fields& f) {
  Cursor cur(text);
  if (is_digit(cur.peek())) {
    const std::size_t leading_digits = std::min(text.find_first_not_of("0123456789"), text.size());
    if (leading_digits == 4) return parse_iso(cur, f);
    if (leading_digits == 8) return parse_iso_basic(cur, f);
    if (leading_digits <= 2 && leading_digits < text.size() && text[leading_digits] == '.') {
      return parse_dotted_day_first(cur, f);
    }
    return parse_day_first(cur, f);
  }
  Cursor after_weekday = cur;
  if (lookup(kWeekdayNames, after_weekday.word())) {
    // "Fri, 05 Feb 2016", "Friday, February 5, 2016", "Fri. 05 Feb 2016".
    after_weekday.eat('.');
    const bool comma = after_weekday.eat(',');
    const bool space = after_weekday.eat_spaces();
    if (!comma && !space) return false;
    cur = after_weekday;
    if (is_digit(cur.peek())) return parse_day_first(cur, f);
  }
  return parse_month_first(cur, f);
}

// Range checks, then the conversion to UTC. Second 60 is a leap second and
// simply rolls into the next minute, as POSIX time has no room for it.
std::optional<std::int64_t> to_unix(const Fields& f) {
  if (f.month < 1 || f.month > 12) return std::nullopt;
  if (f.day < 1 || f.day > days_in_month(f.year, f.month)) return std::nullopt;
  if (f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
  return unix_from_civil(f.year, f.month, f.day) + f.hour * kSecondsPerHour + f.minute * kSecondsPerMinute + f.second -
         f.offset_s;
}

std::optional<std::int64_t> parse_epoch(std::string_view text) {
  if (text.size() < kMinEpochDigits || text.size() > kMaxEpochDigits) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::int64_t now_unix_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

DateCheck in_window(std::int64_t unix_s) {
  if (unix_s < kEarliestPlausible) return {DateVerdict::kTooEarly};
  if (unix_s > now_unix_s() + kMaxFutureSeconds) return {DateVerdict::kTooLate};
  return {DateVerdict::kValid, unix_s};
}

// Zero-pads to `width` digits after any sign, so year -1 reads "-0001".
void append_padded(std::string& out, std::int64_t value, std::size_t width) {
  if (value < 0) {
    out += '-';
    value = -value;
  }
  const std::string digits = std::to_string(value);
  if (digits.size() < width) out.append(width - digits.size(), '0');
  out += digits;
}

}  // namespace

std::optional<std::int64_t> parse_date(std::string_view text) {
  const DateCheck check = check_date(text);
  if (check.verdict != DateVerdict::kValid) return std::nullopt;
  return check.unix_s;
}

DateCheck check_date(std::string_view text) {
  text = trim(text);
  std::optional<std::int64_t> unix_s = parse_epoch(text);
  if (!unix_s) {
    Fields f;
    if (parse_fields(text, f)) unix_s = to_unix(f);
  }
  if (!unix_s) return {DateVerdict::kUnparseable};
  return in_window(*unix_s);
}

DateCheck check_epoch_seconds(double seconds) {
  // Compared as doubles until the value is known to fit an integer: any
  // double (1e300, -1e300) may come in. Both bounds are exact in a double.
  constexpr double kMinEpoch = 1e8;   // the smallest 9-digit number
  constexpr double kMaxEpoch = 1e11;  // the smallest 12-digit number
  const double whole = std::floor(seconds);
  if (!(whole >= kMinEpoch && whole < kMaxEpoch)) return {DateVerdict::kUnparseable};
  return in_window(static_cast<std::int64_t>(whole));
}

std::string describe(DateVerdict verdict) {
  switch (verdict) {
    case DateVerdict::kTooEarly:
      return "is before " + std::to_string(kEarliestYear);
    case DateVerdict::kTooLate:
      return "is more than " + std::to_string(kMaxFutureSeconds / kSecondsPerDay) + " days in the future";
    case DateVerdict::kValid:
    case DateVerdict::kUnparseable:
      break;
  }
  return "";
}

std::string format_date(std::int64_t unix_s) {
  const CivilDate date = civil_from_unix(unix_s);
  std::string out;
  out.reserve(10);
  append_padded(out, date.year, 4);
  out += '-';
  append_padded(out, date.month, 2);
  out += '-';
  append_padded(out, date.day, 2);
  return out;
}

std::string format_datetime(std::int64_t unix_s) {
  const std::int64_t second_of_day = split_days(unix_s).second;
  std::string out = format_date(unix_s);
  out += 'T';
  append_padded(out, second_of_day / kSecondsPerHour, 2);
  out += ':';
  append_padded(out, second_of_day % kSecondsPerHour / kSecondsPerMinute, 2);
  out += ':';
  append_padded(out, second_of_day % kSecondsPerMinute, 2);
  out += 'Z';
  return out;
}

CivilDate civil_from_unix(std::int64_t unix_s) { return civil_from_days(split_days(unix_s).first); }

std::int64_t unix_from_civil(int year, unsigned month, unsigned day) {
  // Fold an out-of-range month into the year (month 0 is the December before,
  // 13 the January after) so days_from_civil sees 1..12; an out-of-range day
  // is just an offset from the first of the month, so day 0 is the last day
  // of the month before.
  const std::int64_t months = static_cast<std::int64_t>(month) - 1;  // >= -1
  const std::int64_t year_shift = months >= 0 ? months / 12 : -1;
  const auto month_1_12 = static_cast<unsigned>(months - year_shift * 12 + 1);
  const std::int64_t days = days_from_civil(year + year_shift, month_1_12, 1) + static_cast<std::int64_t>(day) - 1;
  return days * kSecondsPerDay;
}

}  // namespace newsdex::dates
