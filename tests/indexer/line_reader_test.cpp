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

using testing::StringStream;

// Serves `byte` for ever, in reads of `chunk` bytes: /dev/zero, or `yes`
// without its newlines.
class EndlessStream : public InputStream {
 public:
  EndlessStream(char byte, std::size_t chunk) : byte_(byte), chunk_(chunk) {}
  std::size_t read(std::span<char> buffer) override {
    std::size_t n = std::min(buffer.size(), chunk_);
    std::memset(buffer.data(), byte_, n);
    consumed_ += n;
    return n;
  }
  std::uint64_t bytes_consumed() const override { return consumed_; }

 private:
  char byte_;
  std::size_t chunk_;
  std::uint64_t consumed_ = 0;
};

LineReader reader_of(std::string data, std::size_t chunk = 3, std::string failure = "",
                     std::size_t max_bytes = LineReader::kDefaultMaxBytes) {
  return LineReader(std::make_unique<StringStream>(std::move(data), chunk, std::move(failure)), max_bytes);
}

// The text of a line, or a marker for an oversize report or the end.
std::string text_of(const std::optional<Line>& line) {
  if (!line) return "<end>";
  if (line->oversize) return "<oversize>";
  return std::string(line->text);
}

std::vector<std::string> all_lines(LineReader& reader) {
  std::vector<std::string> lines;
  while (std::optional<Line> line = reader.next_line()) lines.push_back(text_of(line));
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
  CHECK(text_of(reader.next_line()) == "one");
  CHECK(text_of(reader.next_line()) == "two");
  CHECK(reader.line_number() == 2);
  // The cut-off "thr" is not returned as a line.
  CHECK_THROWS_AS(reader.next_line(), DamagedInputError);
  CHECK_FALSE(reader.next_line());
}

TEST_CASE("LineReader peeks the first non-space byte without consuming it") {
  LineReader reader = reader_of("\xEF\xBB\xBF  \n\t {\"a\":1}\n", 1);
  CHECK(reader.peek_non_space() == '{');
  CHECK(text_of(reader.next_line()) == "  ");
  CHECK(text_of(reader.next_line()) == "\t {\"a\":1}");

  LineReader blank = reader_of(" \r\n\n ");
  CHECK_FALSE(blank.peek_non_space());
}

TEST_CASE("LineReader read_rest returns everything not yet consumed, then nothing") {
  LineReader reader = reader_of("\xEF\xBB\xBFTitle\r\nBody\n", 4);
  CHECK(text_of(reader.read_rest()) == "Title\r\nBody\n");
  CHECK_FALSE(reader.read_rest());
  LineReader empty = reader_of("");
  CHECK(text_of(empty.read_rest()) == "");
  LineReader failing = reader_of("Title\n", 4, "truncated");
  CHECK_THROWS_AS(failing.read_rest(), DamagedInputError);
}

TEST_CASE("issue 11: LineReader reports a line over its limit without holding it, and reads on") {
  // 40 bytes without an end, read 7 at a time with a limit of 10: reported
  // once the buffer passes the limit, again after each further 10 bytes,
  // and the bytes after its newline are the next line.
  LineReader reader = reader_of(
      "short\n" + std::string(40, 'x') + "\nafter\n" + std::string(11, 'y') + "\n" + std::string(10, 'z') + "\r\n", 7,
      "", 10);
  CHECK(text_of(reader.next_line()) == "short");
  std::optional<Line> first = reader.next_line();
  REQUIRE(first);
  CHECK(first->oversize);
  CHECK_FALSE(first->continued);
  CHECK(first->text.empty());
  CHECK(first->bytes_read > 10);
  CHECK(reader.line_number() == 2);
  std::optional<Line> again = reader.next_line();
  REQUIRE(again);
  CHECK(again->oversize);
  CHECK(again->continued);
  CHECK(again->bytes_read >= first->bytes_read + 10);
  CHECK(reader.line_number() == 2);
  CHECK(text_of(reader.next_line()) == "after");
  CHECK(reader.line_number() == 3);
  // A line found whole but one byte over the limit; exactly the limit (its
  // CR not counted) is fine.
  std::optional<Line> whole = reader.next_line();
  REQUIRE(whole);
  CHECK(whole->oversize);
  CHECK(whole->bytes_read == 11);
  CHECK(text_of(reader.next_line()) == std::string(10, 'z'));
  CHECK_FALSE(reader.next_line());
  CHECK(reader.line_number() == 5);
}

TEST_CASE("issue 11: LineReader keeps reporting endless input, each report a limit further") {
  // /dev/zero: no line ever ends. Each call must come back (memory bounded
  // by the limit), saying it saw NUL bytes.
  LineReader zeros(std::make_unique<EndlessStream>('\0', 4096), 100'000);
  std::uint64_t previous = 0;
  for (int i = 0; i < 50; ++i) {
    std::optional<Line> report = zeros.next_line();
    REQUIRE(report);
    CHECK(report->oversize);
    CHECK(report->continued == (i > 0));
    CHECK(report->holds_nul);
    CHECK(report->bytes_read >= previous + 100'000);
    CHECK(report->bytes_read <= previous + 100'000 + std::uint64_t{2} * 65'536);
    previous = report->bytes_read;
  }
  CHECK(zeros.line_number() == 1);
  // The same as one text (a file sniffed as plain text).
  LineReader yes(std::make_unique<EndlessStream>('y', 4096), 100'000);
  for (int i = 0; i < 10; ++i) {
    std::optional<Line> report = yes.read_rest();
    REQUIRE(report);
    CHECK(report->oversize);
    CHECK_FALSE(report->holds_nul);
  }
}

TEST_CASE("issue 11: LineReader read_rest reports a text over its limit until the input ends") {
  LineReader reader = reader_of(std::string(35, 't'), 4, "", 10);
  std::vector<std::uint64_t> reports;
  while (std::optional<Line> report = reader.read_rest()) {
    CHECK(report->oversize);
    CHECK(report->continued == !reports.empty());
    reports.push_back(report->bytes_read);
  }
  REQUIRE(reports.size() >= 2);
  CHECK(reports.front() > 10);
  CHECK(reports.back() <= 35);
  CHECK_FALSE(reader.read_rest());
  // A text of exactly the limit comes back whole.
  LineReader fits = reader_of(std::string(10, 't'), 4, "", 10);
  CHECK(text_of(fits.read_rest()) == std::string(10, 't'));
}

TEST_CASE("issue 11: LineReader names the line being skipped when the stream fails inside it") {
  LineReader reader = reader_of("ok\n" + std::string(50, 'x'), 4, "truncated", 10);
  CHECK(text_of(reader.next_line()) == "ok");
  CHECK(text_of(reader.next_line()) == "<oversize>");
  auto drain = [&reader] {
    while (reader.next_line()) {
    }
  };
  CHECK_THROWS_AS(drain(), DamagedInputError);
  CHECK(reader.line_number() + 1 == 2);
}

TEST_CASE("issue 11: LineReader peek_non_space looks no further than its limit") {
  LineReader reader = reader_of(std::string(100'000, ' ') + "{}", 4096, "", 1000);
  CHECK_FALSE(reader.peek_non_space());
  LineReader near = reader_of(std::string(500, '\n') + "{}", 4096, "", 1000);
  CHECK(near.peek_non_space() == '{');
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
  while (std::optional<Line> line = reader.next_line()) {
    ++lines;
    last = line->text;
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
    while (std::optional<Line> line = reader.next_line()) {
      CHECK(line->text == std::to_string(lines) + " " + std::to_string(lines * 2654435761u % 1000003));
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
  CHECK(text_of(reader.next_line()) == "{\"id\":\"ok\"}");
  CHECK_THROWS_WITH_AS(reader.next_line(), doctest::Contains("corrupt zstd data"), DamagedInputError);
}

}  // namespace
}  // namespace newsdex::index
