#include "indexer/line_reader.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "common/compression/stored_fields.h"
#include "common/error.h"
#include "indexer/input_stream.h"
#include "tests/indexer/test_support.h"

namespace newsdex::index {
namespace {

// Serves a string in reads of at most `chunk` bytes (to cross every buffer
// boundary), then throws `failure` if one is set instead of reporting the end.
class StringStream : public InputStream {
 public:
  StringStream(std::string data, std::size_t chunk, std::string failure = "")
      : data_(std::move(data)), chunk_(chunk), failure_(std::move(failure)) {}

  std::size_t read(std::span<char> buffer) override {
    std::size_t n = std::min({buffer.size(), chunk_, data_.size() - pos_});
    if (n == 0 && !failure_.empty()) throw DamagedInputError(failure_);
    std::memcpy(buffer.data(), data_.data() + pos_, n);
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

LineReader reader_of(std::string data, std::size_t chunk = 3, std::string failure = "") {
  return LineReader(std::make_unique<StringStream>(std::move(data), chunk, std::move(failure)));
}

std::vector<std::string> all_lines(LineReader& reader) {
  std::vector<std::string> lines;
  while (std::optional<std::string_view> line = reader.next_line()) lines.emplace_back(*line);
  return lines;
}

TEST_CASE("LineReader splits lines and strips CR before LF") {
  for (std::size_t chunk : std::initializer_list<std::size_t>{1, 2, 3, 7, 1000}) {
    CAPTURE(chunk);
    LineReader reader = reader_of("one\r\ntwo\n\nthree\r\nlast without newline", chunk);
    CHECK(all_lines(reader) == std::vector<std::string>{"one", "two", "", "three", "last without newline"});
    CHECK(reader.line_number() == 5);
  }
}

TEST_CASE("LineReader drops a UTF-8 byte order mark at the start only") {
  LineReader reader = reader_of("\xEF\xBB\xBF{\"a\":1}\n\xEF\xBB\xBFkept\n", 1);
  CHECK(all_lines(reader) == std::vector<std::string>{"{\"a\":1}", "\xEF\xBB\xBFkept"});
}

TEST_CASE("LineReader reads empty input and a lone BOM as no lines") {
  LineReader empty = reader_of("");
  CHECK_FALSE(empty.next_line());
  LineReader bom = reader_of("\xEF\xBB\xBF");
  CHECK_FALSE(bom.next_line());
}

TEST_CASE("LineReader returns lines far longer than its read chunk") {
  std::string long_line(1'000'000, 'x');
  LineReader reader = reader_of("short\n" + long_line + "\nafter\n", 65'536);
  std::vector<std::string> lines = all_lines(reader);
  REQUIRE(lines.size() == 3);
  CHECK(lines[1] == long_line);
  CHECK(lines[2] == "after");
}

TEST_CASE("LineReader returns every complete line before a stream failure, then throws") {
  LineReader reader = reader_of("one\ntwo\nthr", 2, "truncated");
  CHECK(reader.next_line() == "one");
  CHECK(reader.next_line() == "two");
  CHECK(reader.line_number() == 2);
  // The cut-off "thr" is not returned as a line.
  CHECK_THROWS_AS(reader.next_line(), DamagedInputError);
  CHECK_FALSE(reader.next_line());
}

TEST_CASE("LineReader peeks the first non-space byte without consuming it") {
  LineReader reader = reader_of("\xEF\xBB\xBF  \n\t {\"a\":1}\n", 1);
  CHECK(reader.peek_non_space() == '{');
  CHECK(reader.next_line() == "  ");
  CHECK(reader.next_line() == "\t {\"a\":1}");

  LineReader blank = reader_of(" \r\n\n ");
  CHECK_FALSE(blank.peek_non_space());
}

TEST_CASE("LineReader read_rest returns everything not yet consumed") {
  LineReader reader = reader_of("\xEF\xBB\xBFTitle\r\nBody\n", 4);
  CHECK(reader.read_rest() == "Title\r\nBody\n");
  LineReader failing = reader_of("Title\n", 4, "truncated");
  CHECK_THROWS_AS(failing.read_rest(), DamagedInputError);
}

TEST_CASE("open_input_file reports a missing file as an Error") {
  testing::TempDir dir;
  CHECK_THROWS_AS(open_input_file((dir.path() / "missing.jsonl").string()), Error);
}

TEST_CASE("zstd stream decompresses a file line by line and counts compressed bytes") {
  testing::TempDir dir;
  std::string text;
  for (int i = 0; i < 50'000; ++i)
    text += "{\"id\":\"" + std::to_string(i) + "\",\"title\":\"line " + std::to_string(i * 7919) + "\"}\n";
  std::string compressed = compression::zstd_compress(text);
  // Two concatenated frames read as one stream.
  std::filesystem::path file = dir.write("a.jsonl.zst", compressed + compression::zstd_compress("{\"id\":\"tail\"}\n"));

  LineReader reader(open_zstd_stream(open_input_file(file.string())));
  std::uint64_t lines = 0;
  std::string last;
  while (std::optional<std::string_view> line = reader.next_line()) {
    ++lines;
    last = *line;
  }
  CHECK(lines == 50'001);
  CHECK(last == "{\"id\":\"tail\"}");
  CHECK(reader.bytes_consumed() == std::filesystem::file_size(file));
}

TEST_CASE("zstd stream reports a truncated file after the lines before the cut") {
  testing::TempDir dir;
  std::string text;
  // Varied lines so the frame holds several blocks: the cut then falls after
  // some complete blocks, whose lines must still come out.
  for (std::uint64_t i = 0; i < 200'000; ++i)
    text += std::to_string(i) + " " + std::to_string(i * 2654435761u % 1000003) + "\n";
  std::string compressed = compression::zstd_compress(text);
  std::filesystem::path file = dir.write("cut.jsonl.zst", compressed.substr(0, compressed.size() / 2));

  LineReader reader(open_zstd_stream(open_input_file(file.string())));
  std::uint64_t lines = 0;
  bool damaged = false;
  try {
    while (std::optional<std::string_view> line = reader.next_line()) {
      CHECK(*line == std::to_string(lines) + " " + std::to_string(lines * 2654435761u % 1000003));
      ++lines;
    }
  } catch (const DamagedInputError& e) {
    damaged = true;
    CHECK(std::string(e.what()).find("truncated") != std::string::npos);
  }
  CHECK(damaged);
  CHECK(lines > 0);
  CHECK(lines < 200'000);
}

TEST_CASE("zstd stream reports garbage after a valid frame as corrupt") {
  testing::TempDir dir;
  std::filesystem::path file =
      dir.write("junk.jsonl.zst", compression::zstd_compress("{\"id\":\"ok\"}\n") + "this is not zstd data");
  LineReader reader(open_zstd_stream(open_input_file(file.string())));
  CHECK(reader.next_line() == "{\"id\":\"ok\"}");
  CHECK_THROWS_WITH_AS(reader.next_line(), doctest::Contains("corrupt zstd data"), DamagedInputError);
}

}  // namespace
}  // namespace newsdex::index
