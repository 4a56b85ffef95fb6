// Replays the fuzzers' inputs kept in the repository through the same entry
// functions (fuzz_entries.h), in the normal test build: every crash a fuzzer
// found, now fixed (tests/fuzz/regressions/TARGET/), and the hand-written
// seeds (tests/fuzz/seeds/TARGET/). Each fix also has a test of its own here,
// named after the behaviour, with the target that found it.
#include <doctest/doctest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/article.h"
#include "common/compression/stored_fields.h"
#include "common/error.h"
#include "indexer/readers/archive_reader.h"
#include "indexer/readers/http_response.h"
#include "indexer/readers/warc_article.h"
#include "indexer/readers/warc_reader.h"
#include "searcher/query_builder.h"
#include "searcher/snippet_generator.h"
#include "tests/fuzz/fuzz_entries.h"

namespace fs = std::filesystem;

namespace {

fs::path fuzz_dir() { return newsdex::index::testing::source_dir() / "tests" / "fuzz"; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Runs every file under fuzz_dir()/kind/TARGET/ through TARGET's entry
// function; returns how many ran. A directory that names no target fails.
std::size_t replay(std::string_view kind) {
  const fs::path root = fuzz_dir() / kind;
  REQUIRE(fs::is_directory(root));
  std::vector<fs::path> files;
  for (const fs::directory_entry& target_dir : fs::directory_iterator(root)) {
    if (!target_dir.is_directory()) continue;
    const std::string target = target_dir.path().filename().string();
    INFO("directory ", target_dir.path().string());
    const bool known_target = newsdex::fuzz::entry_for(target) != nullptr;
    CHECK(known_target);
    for (const fs::directory_entry& f : fs::directory_iterator(target_dir.path())) {
      if (f.is_regular_file()) files.push_back(f.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::size_t ran = 0;
  for (const fs::path& file : files) {
    newsdex::fuzz::Entry entry = newsdex::fuzz::entry_for(file.parent_path().filename().string());
    if (entry == nullptr) continue;
    const std::string bytes = read_file(file);
    INFO("input ", file.string());
    try {
      entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    } catch (const std::exception& e) {
      FAIL_CHECK(std::string(e.what()));
    } catch (const Xapian::Error& e) {
      FAIL_CHECK(e.get_description());
    }
    ++ran;
  }
  return ran;
}

}  // namespace

TEST_CASE("Every input a fuzzer crashed on runs through its target's code without breaking a contract") {
  CHECK(replay("regressions") > 0);
}

TEST_CASE("The hand-written fuzz seeds run through their targets' code without breaking a contract") {
  CHECK(replay("seeds") >= newsdex::fuzz::kTargets.size());
}

TEST_CASE("Analyzer::sentences trims form feeds and vertical tabs like other white space (fuzz: analyzer)") {
  newsdex::analysis::Analyzer analyzer("en");
  CHECK(analyzer.sentences("\v").empty());
  CHECK(analyzer.sentences("\f \v\n").empty());
  const std::string text = "\fFirst one.\v\fSecond one.\v";
  std::vector<std::string> sentences;
  for (const newsdex::analysis::Span& s : analyzer.sentences(text)) {
    sentences.push_back(text.substr(s.start, s.end - s.start));
  }
  CHECK(sentences == std::vector<std::string>{"First one.", "Second one."});
}

TEST_CASE("decode_article refuses stored text that is not UTF-8 (fuzz: stored_fields)") {
  newsdex::Article article;
  article.id = "a1";
  article.title = "Harbor talks";
  article.body = "caf\xC3";  // cut inside a sequence
  CHECK_THROWS_AS(newsdex::compression::decode_article(newsdex::compression::encode_article(article)), newsdex::Error);
  article.body = "caf\xC3\xA9";
  CHECK(newsdex::compression::decode_article(newsdex::compression::encode_article(article)).body == article.body);
  article.source = "\xFF";
  CHECK_THROWS_AS(newsdex::compression::decode_article(newsdex::compression::encode_article(article)), newsdex::Error);
}

TEST_CASE("decode_article refuses a zstd frame claiming more content than its blocks can hold (fuzz: stored_fields)") {
  // A frame header claiming 2^40 bytes, and one empty block: before, that
  // size was allocated (std::bad_alloc out of newsdex-search).
  const std::string frame("\x28\xb5\x2f\xfd\xe0\x00\x00\x00\x00\x00\x01\x00\x00\x01\x00\x00", 16);
  CHECK_THROWS_AS(newsdex::compression::zstd_decompress(frame), newsdex::Error);
  CHECK_THROWS_AS(newsdex::compression::decode_article(frame), newsdex::Error);
  // The most compressible real article still decodes.
  newsdex::Article article;
  article.id = "a1";
  article.body = std::string(std::size_t{4} << 20, 'a');
  CHECK(newsdex::compression::decode_article(newsdex::compression::encode_article(article)).body == article.body);
}

TEST_CASE("A cut snippet keeps within its length when the sentence's brackets do not fit (fuzz: snippet)") {
  // The only match fits in 41 characters, but not with the brackets and
  // quote marks around it: they used to be shown anyway (46 characters).
  newsdex::search::HighlightSpec spec;
  spec.phrases = {{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"}};
  const newsdex::search::SnippetGenerator generator(spec, 41);
  newsdex::analysis::Analyzer analyzer("en");
  const newsdex::search::Snippet s =
      generator.make_snippet(R"(((("alpha bravo charlie delta echo foxtrot"))))", analyzer);
  CHECK(s.text == "\u2026alpha bravo charlie delta echo foxtrot\u2026");
  REQUIRE(s.highlights.size() == 1);
  CHECK(s.text.substr(s.highlights[0].start, s.highlights[0].end - s.highlights[0].start) ==
        "alpha bravo charlie delta echo foxtrot");
}

namespace {

// A zip of one stored entry `name` that holds `data` (its compressed size)
// and whose headers state `stated` bytes uncompressed.
std::string stored_zip(const std::string& name, std::uint32_t stated, const std::string& data) {
  std::string out;
  auto put = [&out](std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFFu);
  };
  const auto crc =
      static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  const auto name_size = static_cast<std::uint32_t>(name.size());
  const auto held = static_cast<std::uint32_t>(data.size());
  // Local header: signature, version, flags, method 0 (stored), time, date,
  // CRC, compressed and uncompressed size, name length, extra length.
  for (auto [v, n] : {std::pair{0x04034b50u, 4},
                      {10u, 2},
                      {0u, 2},
                      {0u, 2},
                      {0u, 2},
                      {0x4845u, 2},
                      {crc, 4},
                      {held, 4},
                      {stated, 4},
                      {name_size, 2},
                      {0u, 2}}) {
    put(v, n);
  }
  out += name + data;
  const auto central_at = static_cast<std::uint32_t>(out.size());
  for (auto [v, n] : {std::pair{0x02014b50u, 4},
                      {20u, 2},
                      {10u, 2},
                      {0u, 2},
                      {0u, 2},
                      {0u, 2},
                      {0x4845u, 2},
                      {crc, 4},
                      {held, 4},
                      {stated, 4},
                      {name_size, 2},
                      {0u, 2},
                      {0u, 2},
                      {0u, 2},
                      {0u, 2},
                      {0u, 4},
                      {0u, 4}}) {
    put(v, n);
  }
  out += name;
  const auto central_size = static_cast<std::uint32_t>(out.size()) - central_at;
  for (auto [v, n] :
       {std::pair{0x06054b50u, 4}, {0u, 2}, {0u, 2}, {1u, 2}, {1u, 2}, {central_size, 4}, {central_at, 4}, {0u, 2}}) {
    put(v, n);
  }
  return out;
}

// Reads the first entry of `bytes`: its bytes, or the ArchiveError it ends in.
std::pair<std::string, std::string> first_entry(const std::string& bytes) {
  newsdex::readers::ArchiveReader reader(std::make_unique<newsdex::fuzz::detail::MemoryStream>(bytes, 4096), "t.zip");
  const std::optional<newsdex::readers::ArchiveEntry> entry = reader.next();
  REQUIRE(entry);
  REQUIRE_FALSE(entry->error);
  std::string content;
  std::vector<char> buffer(100);
  try {
    while (const std::size_t n = reader.read(buffer)) content.append(buffer.data(), n);
  } catch (const newsdex::readers::ArchiveError& e) {
    CHECK(e.kind() == newsdex::readers::ArchiveError::Kind::kDamaged);
    return {content, e.detail()};
  }
  return {content, ""};
}

}  // namespace

TEST_CASE("A zip entry holding fewer bytes than its header states is damage, not a short file (fuzz: archive)") {
  // libarchive ended such an entry quietly at the end of its stored bytes
  // (none here): 0 bytes of a stated 1000 read as an empty file.
  const auto [cut, error] = first_entry(stored_zip("a.txt", 1000, ""));
  CHECK(cut.empty());
  CHECK(error == "zip entry ends after 0 of the 1000 bytes its header states");
  // The same entry whole reads without an error.
  const auto [whole, no_error] = first_entry(stored_zip("a.txt", 5, "hello"));
  CHECK(whole == "hello");
  CHECK(no_error.empty());
}

TEST_CASE(
    "A WARC-Target-URI's control characters and invalid UTF-8 are percent-encoded, so the page's URL is text (fuzz: "
    "warc)") {
  // The raw bytes went on into the target URI and, resolved against the
  // page's canonical link, into the extracted article's URL (and a NUL in
  // its host into the source).
  const std::string page =
      R"(<html><head><title>Harbor talks</title><link rel="canonical" href="/b.html"></head><body></body></html>)";
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page;
  const std::string warc =
      "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <https://kestrel.test/caf\xC3\xA9/\xFF\xFE"
      "a\x01\x7F.html>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
      std::to_string(response.size()) + "\r\n\r\n" + response + "\r\n\r\n";
  newsdex::readers::WarcReader reader(std::make_unique<newsdex::fuzz::detail::MemoryStream>(warc, 4096), "t.warc");
  const std::optional<newsdex::readers::WarcRecord> record = reader.next();
  REQUIRE(record);
  REQUIRE(record->html);
  // Valid UTF-8 ("é") is kept; the invalid bytes are escaped.
  CHECK(record->target_uri == "https://kestrel.test/caf\xC3\xA9/%FF%FEa%01%7F.html");
  CHECK(record->html->target_uri == record->target_uri);
  const newsdex::readers::HtmlExtraction x = newsdex::readers::extract_warc_payload(*record->html);
  CHECK(x.article.url == "https://kestrel.test/b.html");
}

TEST_CASE("A header continued by a line of white space only keeps its value trimmed (fuzz: warc)") {
  // The continuation added a space at the value's end ("text/html ").
  const newsdex::readers::HttpResponse r = newsdex::readers::parse_http_response(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n \t\r\nX-Empty:\r\n  more\r\nX-Folded: a\r\n b\r\n\r\nbody");
  CHECK(r.header("Content-Type") == "text/html");
  CHECK(r.header("X-Empty") == "more");
  CHECK(r.header("X-Folded") == "a b");
}

TEST_CASE("A media type with a control character inside is no media type (fuzz: warc)") {
  // A stray CR or vertical tab inside a Content-Type line stayed in the
  // essence ("text/ht\vml"), which is no HTTP token.
  CHECK(newsdex::readers::parse_media_type("text/ht\vml").essence.empty());
  CHECK(newsdex::readers::parse_media_type("text/h\rtml; charset=utf-8").essence.empty());
  CHECK(newsdex::readers::parse_media_type("Text/HTML; charset=utf-8").essence == "text/html");
}
