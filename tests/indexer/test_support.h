// Helpers shared by the indexer's unit tests: scratch directories on disk and
// the path of the source tree (for tests/data).
#pragma once

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <string_view>

#include "indexer/indexer.h"
#include "indexer/input_stream.h"

namespace newsdex::index::testing {

// The repository root: from CMake when it defines it, else from this file's path.
inline std::filesystem::path source_dir() {
#ifdef NEWSDEX_SOURCE_DIR
  return NEWSDEX_SOURCE_DIR;
#else
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
#endif
}

// Bytes in memory as an input stream, handed out at most `chunk` bytes at a
// time (so that records, line ends and UTF-8 sequences straddle the reader's
// buffer refills), then, when `failure` is set, a DamagedInputError with that
// message instead of the end of the input.
class StringStream : public InputStream {
 public:
  explicit StringStream(std::string data, std::size_t chunk = SIZE_MAX, std::string failure = "")
      : data_(std::move(data)), chunk_(chunk), failure_(std::move(failure)) {}

  std::size_t read(std::span<char> buffer) override {
    const std::size_t n = std::min({buffer.size(), chunk_, data_.size() - pos_});
    if (n == 0 && !failure_.empty()) throw DamagedInputError(failure_);
    std::copy_n(data_.data() + pos_, n, buffer.data());
    pos_ += n;
    return n;
  }
  std::uint64_t bytes_consumed() const override { return pos_; }

 private:
  std::string data_;
  std::size_t chunk_;
  std::string failure_;
  std::size_t pos_ = 0;
};

// A fresh directory under the system temp directory, removed with everything
// in it when the object goes away. The name is unique per process and call.
class TempDir {
 public:
  TempDir() {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("newsdex-indexer-test-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(counter++) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `bytes` to `name` (parent directories created) and returns its path.
  std::filesystem::path write(const std::string& name, std::string_view bytes) const {
    std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file;
  }

 private:
  std::filesystem::path path_;
};

// The sample corpus indexed by the real indexer (entities, dates, sources,
// facet columns) into `db_path`, quietly.
inline IndexSummary index_sample_corpus(const std::string& db_path) {
  std::ostringstream diagnostics;
  IndexerOptions options;
  options.paths = {(source_dir() / "sample_corpus").string()};
  options.db_path = db_path;
  options.quiet = true;
  return run(options, diagnostics);
}

}  // namespace newsdex::index::testing
