#include "searcher/timeline.h"

#include "common/dates.h"

namespace newsdex::search {
namespace {

constexpr std::int64_t kDaySeconds = 86'400;

// yyyymmdd -> unix seconds of that day.
std::int64_t day_seconds(const std::string& yyyymmdd) {
  return dates::unix_from_civil(std::stoi(yyyymmdd.substr(0, 4)),
                                static_cast<unsigned>(std::stoi(yyyymmdd.substr(4, 2))),
                                static_cast<unsigned>(std::stoi(yyyymmdd.substr(6, 2))));
}

// The first `len` characters of the yyyymmdd of unix time `t`.
std::string compact_date(std::int64_t t, std::size_t len) {
  std::string iso = dates::format_date(t);  // yyyy-mm-dd
  std::string compact = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
  return compact.substr(0, len);
}

}  // namespace

const char* granularity_name(TimelineGranularity g) {
  switch (g) {
    case TimelineGranularity::kDay:
      return "day";
    case TimelineGranularity::kWeek:
      return "week";
    case TimelineGranularity::kMonth:
      return "month";
    default:
      return "year";
  }
}

TimelineGranularity auto_granularity(const std::string& first_day, const std::string& last_day) {
  double days = static_cast<double>(day_seconds(last_day) - day_seconds(first_day)) / 86'400.0;
  if (days <= 45) return TimelineGranularity::kDay;
  if (days <= 180) return TimelineGranularity::kWeek;
  if (days <= 6 * 366) return TimelineGranularity::kMonth;
  return TimelineGranularity::kYear;
}

TimelineGranularity resolve_granularity(TimelineGranularity requested, const DayCounts& days) {
  if (requested != TimelineGranularity::kAuto) return requested;
  if (days.empty()) return TimelineGranularity::kMonth;
  return auto_granularity(days.begin()->first, days.rbegin()->first);
}

std::vector<std::string> bucket_keys(const std::string& first_day, const std::string& last_day, TimelineGranularity g) {
  std::vector<std::string> keys;
  std::int64_t start = day_seconds(first_day), end = day_seconds(last_day);
  if (g == TimelineGranularity::kDay || g == TimelineGranularity::kWeek) {
    std::int64_t step = g == TimelineGranularity::kDay ? kDaySeconds : 7 * kDaySeconds;
    if (g == TimelineGranularity::kWeek) {
      std::int64_t days = start / kDaySeconds;
      start -= (((days % 7) + 7 + 3) % 7) * kDaySeconds;  // back to Monday
    }
    for (std::int64_t t = start; t <= end; t += step) keys.push_back(compact_date(t, 8));
  } else if (g == TimelineGranularity::kMonth) {
    dates::CivilDate a = dates::civil_from_unix(start), b = dates::civil_from_unix(end);
    for (int y = a.year, m = static_cast<int>(a.month);
         y < b.year || (y == b.year && m <= static_cast<int>(b.month));) {
      keys.push_back(compact_date(dates::unix_from_civil(y, static_cast<unsigned>(m), 1), 6));
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  } else {
    for (int y = dates::civil_from_unix(start).year; y <= dates::civil_from_unix(end).year; ++y) {
      keys.push_back(std::to_string(y));
    }
  }
  return keys;
}

std::string bucket_key(const std::string& day, TimelineGranularity g) {
  if (g == TimelineGranularity::kWeek) return bucket_keys(day, day, g).front();
  return day.substr(0, g == TimelineGranularity::kDay ? 8 : g == TimelineGranularity::kMonth ? 6 : 4);
}

std::string bucket_label(const std::string& key, TimelineGranularity g) {
  switch (g) {
    case TimelineGranularity::kDay:
    case TimelineGranularity::kWeek:
      return key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
    case TimelineGranularity::kMonth:
      return key.substr(0, 4) + "-" + key.substr(4, 2);
    default:
      return key;
  }
}

std::map<std::string, std::uint64_t> bucket_counts(const DayCounts& days, TimelineGranularity g) {
  std::map<std::string, std::uint64_t> buckets;
  if (days.empty()) return buckets;
  for (const std::string& key : bucket_keys(days.begin()->first, days.rbegin()->first, g)) buckets[key] = 0;
  for (const auto& [day, n] : days) buckets[bucket_key(day, g)] += n;
  return buckets;
}

Timeline assemble_timeline(const DayCounts& days, std::uint64_t matched, TimelineGranularity g,
                           const std::map<std::string, std::pair<std::string, std::string>>& tops) {
  Timeline timeline;
  std::uint64_t dated = 0;
  for (const auto& [day, n] : days) dated += n;
  timeline.undated = matched > dated ? matched - dated : 0;
  timeline.granularity = granularity_name(g);
  for (const auto& [key, n] : bucket_counts(days, g)) {
    TimelineBucket bucket{.label = bucket_label(key, g), .count = n, .top_title = "", .top_id = ""};
    if (auto it = tops.find(key); it != tops.end()) {
      bucket.top_title = it->second.first;
      bucket.top_id = it->second.second;
    }
    timeline.buckets.push_back(std::move(bucket));
  }
  return timeline;
}

}  // namespace newsdex::search
