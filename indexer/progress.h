// The progress line of newsdex-index: one line on a terminal, redrawn in place
// with '\r' at most kRedrawsPerSecond times a second, cut to the width of the
// terminal on standard error at each draw. Silent when disabled.
// For end-to-end tests, NEWSDEX_TEST_PROGRESS_INTERVAL_MS (when set) replaces
// the redraw interval (0: every update draws), and each draw reaches the test
// hook "progress" (common/test_hook.h), so a test can stop the indexer with a
// known line on its terminal instead of racing the clock.
// Thread safety: one thread at a time.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace newsdex::index {

// "1,234 articles  456/s  3.2 MB/s  41%  ETA 0:12" (percent and ETA only when
// total_bytes is known and non-zero). With `width` (columns; 0 = no limit)
// the parts that do not fit are left out from the end (ETA first), and the
// count itself is cut when even it does not fit. Pure, for tests.
std::string format_progress(std::uint64_t articles, std::uint64_t bytes, double elapsed_s,
                            std::optional<std::uint64_t> total_bytes, std::size_t width = 0);

struct ProgressOptions {
  // Draw at all (default off). The indexer turns it on only when stderr is a
  // terminal and --quiet is not given: '\r' redraws garble a log file.
  bool enabled = false;
  // Sum of the input sizes, for percent and ETA (default unknown: no ETA).
  std::optional<std::uint64_t> total_bytes;
};

class Progress {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kRedrawsPerSecond = 4;

  Progress(std::ostream& out, ProgressOptions options);

  // Reports the counts so far; redraws when the last redraw (or the start)
  // is at least 1/kRedrawsPerSecond seconds old.
  void update(std::uint64_t articles, std::uint64_t bytes) { update(articles, bytes, Clock::now()); }
  void update(std::uint64_t articles, std::uint64_t bytes, Clock::time_point now);

  // Erases the line (before a warning or the summary is printed); a later
  // update draws it again.
  void clear();

 private:
  std::ostream& out_;
  ProgressOptions options_;
  Clock::duration interval_;
  Clock::time_point start_;
  Clock::time_point last_draw_;  // start_ until the first draw
  bool drawn_ = false;           // a line is on the screen
};

}  // namespace newsdex::index
