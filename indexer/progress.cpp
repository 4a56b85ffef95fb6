#include "indexer/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/format.h"
#include "common/test_hook.h"

namespace newsdex::index {
namespace {

std::string format_duration(double seconds) {
  auto total = static_cast<long long>(std::llround(seconds));
  char buffer[32];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", total / 60, total % 60);
  }
  return buffer;
}

// The redraw interval: 1/kRedrawsPerSecond, or the tests' override.
Progress::Clock::duration redraw_interval() {
  if (const char* ms = std::getenv("NEWSDEX_TEST_PROGRESS_INTERVAL_MS"); ms != nullptr && *ms != '\0') {
    return std::chrono::milliseconds(std::strtoll(ms, nullptr, 10));
  }
  return std::chrono::milliseconds(1000 / Progress::kRedrawsPerSecond);
}

}  // namespace

std::string format_progress(std::uint64_t articles, std::uint64_t bytes, double elapsed_s,
                            std::optional<std::uint64_t> total_bytes) {
  std::string line = format_count(articles) + (articles == 1 ? " article" : " articles");
  if (elapsed_s > 0) {
    char rates[64];
    std::snprintf(rates, sizeof rates, "  %.0f/s  %.1f MB/s", static_cast<double>(articles) / elapsed_s,
                  static_cast<double>(bytes) / 1e6 / elapsed_s);
    line += rates;
  }
  if (total_bytes && *total_bytes > 0) {
    double fraction = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(*total_bytes));
    line += "  " + std::to_string(static_cast<int>(fraction * 100)) + "%";
    if (fraction > 0 && elapsed_s > 0) line += "  ETA " + format_duration(elapsed_s * (1 - fraction) / fraction);
  }
  return line;
}

Progress::Progress(std::ostream& out, ProgressOptions options)
    : out_(out), options_(options), interval_(redraw_interval()), start_(Clock::now()), last_draw_(start_) {}

void Progress::update(std::uint64_t articles, std::uint64_t bytes, Clock::time_point now) {
  if (!options_.enabled) return;
  // The first draw waits one interval too: rates over the first few
  // milliseconds are noise, and a short run should not flash a line at all.
  if (now - last_draw_ < interval_) return;
  last_draw_ = now;
  double elapsed_s = std::chrono::duration<double>(now - start_).count();
  // "\33[K" erases what a longer previous line left to the right.
  out_ << '\r' << format_progress(articles, bytes, elapsed_s, options_.total_bytes) << "\33[K" << std::flush;
  drawn_ = true;
  test_hook("progress");
}

void Progress::clear() {
  if (!drawn_) return;
  out_ << "\r\33[K" << std::flush;
  // last_draw_ stays: a stream of warnings must not make the line flicker.
  drawn_ = false;
}

}  // namespace newsdex::index
