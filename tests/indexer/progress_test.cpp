#include "indexer/progress.h"

#include <doctest/doctest.h>

#include <sstream>

namespace newsdex::index {
namespace {

using namespace std::chrono_literals;

TEST_CASE("format_progress shows counts, rates, and percent with ETA when the total is known") {
  CHECK(format_progress(0, 0, 0, std::nullopt) == "0 articles");
  CHECK(format_progress(1, 0, 0, std::nullopt) == "1 article");
  CHECK(format_progress(1234567, 20'000'000, 10, std::nullopt) == "1,234,567 articles  123457/s  2.0 MB/s");
  CHECK(format_progress(500, 25'000'000, 5, 100'000'000) == "500 articles  100/s  5.0 MB/s  25%  ETA 0:15");
  CHECK(format_progress(500, 1'000'000, 3600, 2'000'000) == "500 articles  0/s  0.0 MB/s  50%  ETA 1:00:00");
  // Compressed input can read a little ahead of the total: never above 100%.
  CHECK(format_progress(5, 150, 1, 100) == "5 articles  5/s  0.0 MB/s  100%  ETA 0:00");
}

TEST_CASE("format_progress fits a width: whole parts dropped from the end, the count cut last") {
  const std::string full = "500 articles  100/s  5.0 MB/s  25%  ETA 0:15";
  CHECK(format_progress(500, 25'000'000, 5, 100'000'000, 0) == full);
  CHECK(format_progress(500, 25'000'000, 5, 100'000'000, full.size()) == full);
  CHECK(format_progress(500, 25'000'000, 5, 100'000'000, full.size() - 1) == "500 articles  100/s  5.0 MB/s  25%");
  CHECK(format_progress(500, 25'000'000, 5, 100'000'000, 29) == "500 articles  100/s  5.0 MB/s");
  CHECK(format_progress(500, 25'000'000, 5, 100'000'000, 20) == "500 articles  100/s");
  CHECK(format_progress(500, 25'000'000, 5, 100'000'000, 12) == "500 articles");
  CHECK(format_progress(500, 25'000'000, 5, 100'000'000, 5) == "500 a");
}

TEST_CASE("Progress draws nothing when disabled") {
  std::ostringstream out;
  Progress progress(out, ProgressOptions{});
  progress.update(10, 100);
  progress.clear();
  CHECK(out.str().empty());
}

TEST_CASE("Progress redraws at most four times a second and clears its line") {
  std::ostringstream out;
  Progress progress(out, ProgressOptions{.enabled = true, .total_bytes = std::nullopt});
  Progress::Clock::time_point t0 = Progress::Clock::now();
  // Nothing in the first quarter second: a short run shows no line at all.
  progress.update(1, 10, t0);
  CHECK(out.str().empty());
  t0 += 300ms;
  progress.update(1, 10, t0);
  CHECK(out.str().starts_with("\r1 article  "));
  std::string after_first = out.str();
  progress.update(2, 20, t0 + 100ms);
  CHECK(out.str() == after_first);
  progress.update(3, 30, t0 + 260ms);
  CHECK(out.str().size() > after_first.size());
  CHECK(out.str().find("\r3 articles") != std::string::npos);

  std::string before_clear = out.str();
  progress.clear();
  CHECK(out.str() == before_clear + "\r\33[K");
  progress.clear();  // nothing on screen: nothing to erase
  CHECK(out.str() == before_clear + "\r\33[K");
}

}  // namespace
}  // namespace newsdex::index
