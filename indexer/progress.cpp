#include "indexer/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

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

// The columns of the terminal on standard error; 0 when unknown.
std::size_t stderr_columns() {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

}  // namespace

std::string format_progress(std::uint64_t articles, std::uint64_t bytes, double elapsed_s,
                            std::optional<std::uint64_t> total_bytes, std::size_t width) {
  // The parts, most important first: a narrow terminal drops them from the end.
  std::vector<std::string> parts = {format_count(articles) + (articles == 1 ? " article" : " articles")};
  if (elapsed_s > 0) {
    char rate[32];
    std::snprintf(rate, sizeof rate, "  %.0f/s", static_cast<double>(articles) / elapsed_s);
    parts.emplace_back(rate);
    std::snprintf(rate, sizeof rate, "  %.1f MB/s", static_cast<double>(bytes) / 1e6 / elapsed_s);
    parts.emplace_back(rate);
  }
  if (total_bytes && *total_bytes > 0) {
    double fraction = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(*total_bytes));
    parts.push_back("  " + std::to_string(static_cast<int>(fraction * 100)) + "%");
    if (fraction > 0 && elapsed_s > 0)
      parts.push_back("  ETA " + format_duration(elapsed_s * (1 - fraction) / fraction));
  }
  std::string line = parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (width > 0 && line.size() + parts[i].size() > width) break;
    line += parts[i];
  }
  // The line is ASCII: one column a byte.
  if (width > 0 && line.size() > width) line.resize(width);
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
  // Narrower than the terminal (read at each draw: it may be resized), so
  // that it never wraps: '\r' only returns to the start of the last row, and
  // a wrapped line would leave its first rows behind at each redraw. The last
  // column stays free, as some terminals wrap on writing it.
  const std::size_t columns = stderr_columns();
  const std::size_t width = columns > 1 ? columns - 1 : columns;
  // "\33[K" erases what a longer previous line left to the right.
  out_ << '\r' << format_progress(articles, bytes, elapsed_s, options_.total_bytes, width) << "\33[K" << std::flush;
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
