#include "indexer/readers/archive_reader.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/line_reader.h"
#include "indexer/readers/archive_gzip.h"
#include "tests/indexer/test_support.h"

namespace newsdex::readers {
namespace {

using index::testing::TempDir;

// Runs a shell command in `dir` (the archivers' command-line tools make the
// test archives); the test stops when it fails.
void run_in(const TempDir& dir, const std::string& command) {
  const std::string line = "cd '" + dir.path().string() + "' && ( " + command + " ) >/dev/null 2>&1";
  REQUIRE_MESSAGE(std::system(line.c_str()) == 0, "failed: " << command);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Words in a varying order: compresses about 3 to 1, like text.
std::string text_of(std::size_t bytes, unsigned seed) {
  static const char* const kWords[] = {"harbour", "pier",   "council", "vote",    "repairs", "ferry",
                                       "budget",  "market", "mayor",   "traders", "weekly",  "engineers"};
  std::string out;
  unsigned state = seed * 2654435761u + 1;
  while (out.size() < bytes) {
    state = state * 1103515245u + 12345u;
    out += kWords[(state >> 16) % 12];
    out += (state >> 8) % 9 == 0 ? "\n" : " ";
  }
  out.resize(bytes);
  return out;
}

struct ReadError {
  ArchiveError::Kind kind;
  std::string origin;
  std::string detail;
};

// What a reader yields for one entry: its bytes and the errors met reading them.
struct Item {
  std::string origin;
  std::string name;
  std::optional<std::uint64_t> size;
  std::string head;
  ContainerKind unopened = ContainerKind::kNone;
  std::optional<std::string> entry_error;
  std::string content;
  std::vector<ReadError> errors;
};

void drain(ArchiveReader& reader, Item& item) {
  std::vector<char> buffer(10000);  // not a power of two: entries end mid-buffer
  for (int attempts = 0; attempts < 1000; ++attempts) {
    try {
      std::size_t n = reader.read(buffer);
      if (n == 0) return;
      item.content.append(buffer.data(), n);
    } catch (const ArchiveError& e) {
      item.errors.push_back({e.kind(), e.origin(), e.detail()});
    }
  }
  FAIL("read() keeps failing");
}

std::vector<Item> read_all_entries(const std::filesystem::path& path, ArchiveLimits limits = {}) {
  std::vector<Item> items;
  auto reader = ArchiveReader::open_file(path.string(), limits);
  while (std::optional<ArchiveEntry> entry = reader->next()) {
    Item item{.origin = entry->origin,
              .name = entry->name,
              .size = entry->size_bytes,
              .head = entry->head,
              .unopened = entry->unopened,
              .entry_error = entry->error,
              .content = {},
              .errors = {}};
    if (!entry->error) drain(*reader, item);
    items.push_back(std::move(item));
  }
  return items;
}

std::string origins(const std::vector<Item>& items) {
  std::string out;
  for (const Item& item : items) {
    out += item.origin + (item.entry_error ? " [error: " + *item.entry_error + "]" : "");
    for (const ReadError& error : item.errors) out += " [read error: " + error.detail + "]";
    out += "\n";
  }
  return out;
}

TEST_CASE("sniff_container tells containers by their magic bytes") {
  std::string tar_header(512, '\0');
  tar_header.replace(257, 6, std::string("ustar\0", 6));
  CHECK(sniff_container(tar_header) == ContainerKind::kTar);
  CHECK(sniff_container(std::string("PK\x03\x04rest", 8)) == ContainerKind::kZip);
  CHECK(sniff_container(std::string("PK\x05\x06", 4) + std::string(18, '\0')) == ContainerKind::kZip);
  CHECK(sniff_container(std::string("\x1f\x8b\x08\x00", 4)) == ContainerKind::kGzip);
  CHECK(sniff_container("BZh91AY&SY") == ContainerKind::kBzip2);
  CHECK(sniff_container(std::string("\xfd"
                                    "7zXZ\0\0",
                                    7)) == ContainerKind::kXz);
  CHECK(sniff_container(std::string("\x28\xb5\x2f\xfd\x04", 5)) == ContainerKind::kZstd);
  CHECK(sniff_container("WARC/1.0\r\n") == ContainerKind::kNone);
  CHECK(sniff_container("{\"id\":1}") == ContainerKind::kNone);
  CHECK(sniff_container("BZh0") == ContainerKind::kNone);
  CHECK(sniff_container("") == ContainerKind::kNone);
  CHECK(describe(ContainerKind::kXz) == "xz");
}

TEST_CASE("Archive reader reads every container kind, recognised by content, not name") {
  TempDir dir;
  const std::string page = "<html><head><title>Pier closed</title></head><body>" + text_of(3000, 1) + "</body></html>";
  const std::string lines = "{\"id\":\"a\",\"title\":\"One\"}\n{\"id\":\"b\",\"title\":\"Two\"}\n" + text_of(70000, 2);
  dir.write("a.html", page);
  dir.write("sub/b.jsonl", lines);

  struct Case {
    std::string file;
    std::string command;
  };
  const std::vector<Case> multi = {
      {"x.tar", "tar cf x.tar a.html sub/b.jsonl"},        {"x.tar.gz", "tar czf x.tar.gz a.html sub/b.jsonl"},
      {"x.tgz", "tar czf x.tgz a.html sub/b.jsonl"},       {"x.tar.bz2", "tar cjf x.tar.bz2 a.html sub/b.jsonl"},
      {"x.tar.xz", "tar cJf x.tar.xz a.html sub/b.jsonl"}, {"x.tar.zst", "tar --zstd -cf x.tar.zst a.html sub/b.jsonl"},
      {"x.zip", "zip -q x.zip a.html sub/b.jsonl"},
  };
  for (const Case& c : multi) {
    CAPTURE(c.file);
    run_in(dir, c.command);
    // The same bytes under a name that says nothing.
    std::filesystem::copy_file(dir.path() / c.file, dir.path() / (c.file + ".data"));
    for (const std::string& file : {c.file, c.file + ".data"}) {
      const std::string path = (dir.path() / file).string();
      std::vector<Item> items = read_all_entries(path);
      INFO(origins(items));
      REQUIRE(items.size() == 2);
      CHECK(items[0].origin == path + ":a.html");
      CHECK(items[0].name == "a.html");
      CHECK(items[0].content == page);
      CHECK(items[0].head == page.substr(0, kArchiveHeadBytes));
      CHECK(items[0].errors.empty());
      CHECK(items[1].origin == path + ":sub/b.jsonl");
      CHECK(items[1].content == lines);
      CHECK(items[1].errors.empty());
      // tar and zip state entry sizes.
      CHECK(items[1].size == lines.size());
    }
  }

  const std::vector<Case> single = {
      {"b.jsonl.gz", "gzip -c sub/b.jsonl > b.jsonl.gz"},
      {"b.jsonl.bz2", "bzip2 -c sub/b.jsonl > b.jsonl.bz2"},
      {"b.jsonl.xz", "xz -c sub/b.jsonl > b.jsonl.xz"},
      {"b.jsonl.zst", "zstd -q -c sub/b.jsonl > b.jsonl.zst"},
  };
  for (const Case& c : single) {
    CAPTURE(c.file);
    run_in(dir, c.command);
    std::filesystem::copy_file(dir.path() / c.file, dir.path() / "unnamed");
    const std::string path = (dir.path() / c.file).string();
    std::vector<Item> items = read_all_entries(path);
    INFO(origins(items));
    REQUIRE(items.size() == 1);
    // A single stream adds no part to the origin; its name loses the suffix.
    CHECK(items[0].origin == path);
    CHECK(items[0].name == (dir.path() / "b.jsonl").string());
    CHECK(items[0].content == lines);
    CHECK(items[0].errors.empty());
    const std::string unnamed = (dir.path() / "unnamed").string();
    items = read_all_entries(unnamed);
    REQUIRE(items.size() == 1);
    CHECK(items[0].origin == unnamed);
    CHECK(items[0].name == unnamed);
    CHECK(items[0].content == lines);
    std::filesystem::remove(dir.path() / "unnamed");
  }
}

TEST_CASE("Archive reader hands out a plain file as one entry of itself") {
  TempDir dir;
  const std::string path = dir.write("plain.jsonl", "{\"id\":\"a\"}\n").string();
  std::vector<Item> items = read_all_entries(path);
  REQUIRE(items.size() == 1);
  CHECK(items[0].origin == path);
  CHECK(items[0].name == path);
  CHECK(items[0].content == "{\"id\":\"a\"}\n");
  CHECK(items[0].head == "{\"id\":\"a\"}\n");

  const std::string empty = dir.write("empty.txt", "").string();
  items = read_all_entries(empty);
  REQUIRE(items.size() == 1);
  CHECK(items[0].content.empty());
}

TEST_CASE("Archive reader opens containers nested once and names their entries through both") {
  TempDir dir;
  const std::string warc = "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
  const std::string lines = "{\"id\":\"n1\"}\n{\"id\":\"n2\"}\n";
  const std::string page = "<html><body>deep</body></html>";
  dir.write("c.warc", warc);
  dir.write("d.jsonl", lines);
  dir.write("f.html", page);
  run_in(dir, "gzip -c c.warc > c.warc.gz && gzip -c d.jsonl > d.jsonl.gz && tar cf inner.tar f.html");
  run_in(dir, "tar czf outer.tar.gz c.warc.gz d.jsonl.gz inner.tar");
  run_in(dir, "zip -q outer.zip d.jsonl.gz inner.tar");

  const std::string tgz = (dir.path() / "outer.tar.gz").string();
  std::vector<Item> items = read_all_entries(tgz);
  INFO(origins(items));
  REQUIRE(items.size() == 3);
  CHECK(items[0].origin == tgz + ":c.warc.gz");
  CHECK(items[0].name == "c.warc");
  CHECK(items[0].content == warc);
  CHECK(items[0].head.starts_with("WARC/1.0"));
  CHECK(items[1].origin == tgz + ":d.jsonl.gz");
  CHECK(items[1].name == "d.jsonl");
  CHECK(items[1].content == lines);
  CHECK(items[2].origin == tgz + ":inner.tar:f.html");
  CHECK(items[2].name == "f.html");
  CHECK(items[2].content == page);
  for (const Item& item : items) CHECK(item.unopened == ContainerKind::kNone);

  const std::string zip = (dir.path() / "outer.zip").string();
  items = read_all_entries(zip);
  INFO(origins(items));
  REQUIRE(items.size() == 2);
  CHECK(items[0].origin == zip + ":d.jsonl.gz");
  CHECK(items[0].content == lines);
  CHECK(items[1].origin == zip + ":inner.tar:f.html");
  CHECK(items[1].content == page);

  SUBCASE("a container nested twice is handed out unopened") {
    run_in(dir, "zip -q mid.zip d.jsonl.gz && tar cf top.tar mid.zip");
    const std::string top = (dir.path() / "top.tar").string();
    items = read_all_entries(top);
    REQUIRE(items.size() == 1);
    CHECK(items[0].origin == top + ":mid.zip:d.jsonl.gz");
    CHECK(items[0].unopened == ContainerKind::kGzip);
    CHECK(items[0].content == read_file(dir.path() / "d.jsonl.gz"));
  }
}

TEST_CASE("Archive entry streams feed the line reader") {
  TempDir dir;
  dir.write("a.jsonl", "{\"id\":\"1\"}\r\n{\"id\":\"2\"}\n");
  run_in(dir, "gzip -c a.jsonl > a.jsonl.gz && zip -q feeds.zip a.jsonl.gz");
  auto reader = ArchiveReader::open_file((dir.path() / "feeds.zip").string());
  std::optional<ArchiveEntry> entry = reader->next();
  REQUIRE(entry);
  CHECK(entry->name == "a.jsonl");
  index::LineReader lines(reader->entry_stream());
  std::optional<index::Line> line = lines.next_line();
  REQUIRE(line);
  CHECK(line->text == "{\"id\":\"1\"}");
  line = lines.next_line();
  REQUIRE(line);
  CHECK(line->text == "{\"id\":\"2\"}");
  CHECK_FALSE(lines.next_line());
  CHECK_FALSE(reader->next());
  CHECK(reader->bytes_consumed() == std::filesystem::file_size(dir.path() / "feeds.zip"));
}

TEST_CASE("Archive reader returns every byte before a gzip cut, then an error naming the entry") {
  TempDir dir;
  const std::string text = text_of(400000, 3);
  dir.write("big.jsonl", text);
  run_in(dir, "gzip -c big.jsonl > big.jsonl.gz");
  const std::string gz = read_file(dir.path() / "big.jsonl.gz");
  const std::string path = dir.write("cut.jsonl.gz", gz.substr(0, gz.size() / 2)).string();
  std::vector<Item> items = read_all_entries(path);
  REQUIRE(items.size() == 1);
  REQUIRE(items[0].errors.size() == 1);
  CHECK(items[0].errors[0].kind == ArchiveError::Kind::kDamaged);
  CHECK(items[0].errors[0].origin == path);
  CHECK(items[0].errors[0].detail.find("truncated") != std::string::npos);
  // Everything zlib could decode before the cut, and nothing else.
  CHECK(items[0].content.size() > text.size() / 3);
  CHECK(text.starts_with(items[0].content));

  SUBCASE("a small file cut inside its only block still gives its start") {
    const std::string small = gz.substr(0, 2000);
    const std::string small_path = dir.write("small.jsonl.gz", small).string();
    items = read_all_entries(small_path);
    REQUIRE(items.size() == 1);
    REQUIRE(items[0].errors.size() == 1);
    CHECK_FALSE(items[0].content.empty());
    CHECK(text.starts_with(items[0].content));
  }
}

TEST_CASE("Archive reader: a truncated .tar.gz keeps the entries before the cut") {
  TempDir dir;
  const std::string one = text_of(120000, 4), two = text_of(120000, 5), three = text_of(120000, 6);
  dir.write("f1.txt", one);
  dir.write("f2.txt", two);
  dir.write("f3.txt", three);
  run_in(dir, "tar czf t.tgz f1.txt f2.txt f3.txt");
  const std::string tgz = read_file(dir.path() / "t.tgz");
  // The cut falls inside f2.txt (each file compresses to about a third).
  const std::string path = dir.write("cut.tgz", tgz.substr(0, tgz.size() / 2)).string();
  std::vector<Item> items = read_all_entries(path);
  INFO(origins(items));
  REQUIRE(items.size() == 2);
  CHECK(items[0].origin == path + ":f1.txt");
  CHECK(items[0].content == one);
  CHECK(items[0].errors.empty());
  CHECK(items[1].origin == path + ":f2.txt");
  REQUIRE(items[1].errors.size() == 1);
  CHECK(items[1].errors[0].origin == path + ":f2.txt");
  CHECK(items[1].errors[0].kind == ArchiveError::Kind::kDamaged);
  CHECK(two.starts_with(items[1].content));
}

TEST_CASE("Archive reader: a corrupt gzip member costs only itself") {
  TempDir dir;
  const std::string a = text_of(50000, 7), b = text_of(50000, 8), c = text_of(50000, 9);
  dir.write("a", a);
  dir.write("b", b);
  dir.write("c", c);
  run_in(dir, "gzip -c a > a.gz && gzip -c b > b.gz && gzip -c c > c.gz");
  std::string middle = read_file(dir.path() / "b.gz");
  for (std::size_t i = middle.size() / 3; i < middle.size() / 3 + 64; ++i)
    middle[i] = static_cast<char>(middle[i] ^ 0x5a);
  const std::string path =
      dir.write("members.gz", read_file(dir.path() / "a.gz") + middle + read_file(dir.path() / "c.gz")).string();
  std::vector<Item> items = read_all_entries(path);
  REQUIRE(items.size() == 1);
  REQUIRE(items[0].errors.size() == 1);
  CHECK(items[0].errors[0].detail.find("corrupt gzip data") != std::string::npos);
  // The first member whole, part of the damaged one perhaps, the last whole.
  CHECK(items[0].content.starts_with(a));
  CHECK(items[0].content.ends_with(c));
  CHECK(items[0].content.size() < a.size() + b.size() + c.size());
}

TEST_CASE("Archive reader: a damaged zip entry is an error and the next entries are read") {
  TempDir dir;
  const std::string one = text_of(60000, 10), two = text_of(60000, 11), three = text_of(60000, 12);
  dir.write("f1.txt", one);
  dir.write("f2.txt", two);
  dir.write("f3.txt", three);
  run_in(dir, "zip -q t.zip f1.txt f2.txt f3.txt");
  std::string zip = read_file(dir.path() / "t.zip");
  std::size_t second = zip.find("PK\x03\x04", 10);
  REQUIRE(second != std::string::npos);
  for (std::size_t i = second + 200; i < second + 260; ++i) zip[i] = static_cast<char>(zip[i] ^ 0x55);
  const std::string path = dir.write("bad.zip", zip).string();
  std::vector<Item> items = read_all_entries(path);
  INFO(origins(items));
  REQUIRE(items.size() == 3);
  CHECK(items[0].content == one);
  CHECK(items[1].origin == path + ":f2.txt");
  REQUIRE(items[1].errors.size() == 1);
  CHECK(items[1].errors[0].origin == path + ":f2.txt");
  CHECK(items[2].content == three);
  CHECK(items[2].errors.empty());
}

TEST_CASE("Archive reader: a damaged tar header is one error, then the next valid header") {
  TempDir dir;
  const std::string one = text_of(30000, 13), two = text_of(30000, 14), three = text_of(30000, 15);
  dir.write("f1.txt", one);
  dir.write("f2.txt", two);
  dir.write("f3.txt", three);
  run_in(dir, "tar cf t.tar f1.txt f2.txt f3.txt");
  std::string tar = read_file(dir.path() / "t.tar");
  std::size_t header = tar.find("f2.txt");
  REQUIRE(header != std::string::npos);
  tar[header + 100] = static_cast<char>(tar[header + 100] ^ 1);  // the mode field: the checksum no longer fits
  const std::string path = dir.write("bad.tar", tar).string();
  std::vector<Item> items = read_all_entries(path);
  INFO(origins(items));
  REQUIRE(items.size() == 3);
  CHECK(items[0].content == one);
  REQUIRE(items[1].entry_error);
  CHECK(items[1].origin == path);
  CHECK(items[1].entry_error->find("after the entry f1.txt") != std::string::npos);
  CHECK(items[2].origin == path + ":f3.txt");
  CHECK(items[2].content == three);

  SUBCASE("the last header damaged: one error, not a silent end") {
    std::string last = read_file(dir.path() / "t.tar");
    std::size_t at = last.find("f3.txt");
    REQUIRE(at != std::string::npos);
    last[at + 100] = static_cast<char>(last[at + 100] ^ 1);
    const std::string last_path = dir.write("bad-last.tar", last).string();
    items = read_all_entries(last_path);
    INFO(origins(items));
    REQUIRE(items.size() == 3);
    CHECK(items[1].content == two);
    REQUIRE(items[2].entry_error);
    CHECK(items[2].entry_error->find("after the entry f2.txt") != std::string::npos);
    CHECK(items[2].entry_error->find("no valid header follows") != std::string::npos);
  }
}

TEST_CASE("Archive reader cuts a zip bomb entry at the expansion limit and reads the next entry") {
  TempDir dir;
  const std::string after = "{\"id\":\"after the bomb\"}\n";
  dir.write("after.jsonl", after);
  run_in(dir, "head -c 20971520 /dev/zero > zeros && zip -q bomb.zip zeros after.jsonl && rm zeros");
  const auto zip_size = std::filesystem::file_size(dir.path() / "bomb.zip");
  REQUIRE(zip_size < 100000);  // 20 MiB in a few kilobytes
  const std::string path = (dir.path() / "bomb.zip").string();
  ArchiveLimits limits{.max_entry_bytes = 8ull << 30, .max_ratio = 50, .ratio_slack_bytes = 64u << 10};
  std::vector<Item> items = read_all_entries(path, limits);
  INFO(origins(items));
  REQUIRE(items.size() == 2);
  REQUIRE(items[0].errors.size() == 1);
  CHECK(items[0].errors[0].kind == ArchiveError::Kind::kExpansion);
  CHECK(items[0].errors[0].origin == path + ":zeros");
  CHECK(items[0].errors[0].detail.find("more than 50 times its compressed size") != std::string::npos);
  // The figures in the message are true: what came out, what was read of the
  // input meanwhile (0 said as "read ahead", never "from 0"), and they pass
  // the stated limit.
  const std::string& detail = items[0].errors[0].detail;
  INFO(detail);
  CHECK(detail.find("the limit is 50 x (the input read + 64 KiB for read-ahead)") != std::string::npos);
  const std::size_t figures = detail.find('(');
  REQUIRE(figures != std::string::npos);
  const std::uint64_t came_out = std::stoull(detail.substr(figures + 1));
  CHECK(detail.substr(figures).find(std::to_string(came_out) + " bytes came out while ") == 1);
  const std::size_t input_at = detail.find(" bytes came out while ") + std::strlen(" bytes came out while ");
  const std::uint64_t input_read =
      detail.compare(input_at, 10, "no more of") == 0 ? 0 : std::stoull(detail.substr(input_at));
  CHECK(came_out > 50 * (input_read + (64u << 10)));
  CHECK(came_out <= items[0].content.size() + (64u << 10));
  CHECK(items[0].content.size() < 20u << 20);
  CHECK(items[0].content.size() <= 50 * (zip_size + (64u << 10)));
  CHECK(items[1].content == after);
  CHECK(items[1].errors.empty());
}

TEST_CASE("Archive reader stops an archive whose entries together pass the expansion limit") {
  TempDir dir;
  // 20 entries of 600 KB of zeros: each passes the per-entry limit (10 x its
  // slack of 64 KiB), together they pass the archive's (10 x 16 slacks).
  std::string command = "head -c 614400 /dev/zero > z0";
  for (int i = 1; i < 20; ++i) command += " && cp z0 z" + std::to_string(i);
  run_in(dir, command + " && zip -q many.zip z* && rm z[0-9]*");
  const std::string path = (dir.path() / "many.zip").string();
  ArchiveLimits limits{.max_entry_bytes = 8ull << 30, .max_ratio = 10, .ratio_slack_bytes = 64u << 10};
  std::vector<Item> items = read_all_entries(path, limits);
  INFO(origins(items));
  REQUIRE(items.size() > 10);
  REQUIRE(items.size() < 20);
  for (std::size_t i = 0; i + 1 < items.size(); ++i) CHECK(items[i].errors.empty());
  REQUIRE(items.back().errors.size() == 1);
  CHECK(items.back().errors[0].kind == ArchiveError::Kind::kExpansion);
  CHECK(items.back().errors[0].origin == path);
  CHECK(items.back().errors[0].detail.find("the rest of the archive is skipped") != std::string::npos);
}

TEST_CASE("Archive reader cuts a decompressed entry at the size limit; stored entries are never cut") {
  TempDir dir;
  const std::string text = text_of(3u << 20, 16);
  dir.write("big.txt", text);
  dir.write("next.txt", "next entry");
  run_in(dir, "tar czf big.tgz big.txt next.txt && tar cf big.tar big.txt next.txt");
  ArchiveLimits limits{.max_entry_bytes = 1u << 20, .max_ratio = 500, .ratio_slack_bytes = 256u << 10};
  std::string path = (dir.path() / "big.tgz").string();
  std::vector<Item> items = read_all_entries(path, limits);
  REQUIRE(items.size() == 2);
  REQUIRE(items[0].errors.size() == 1);
  CHECK(items[0].errors[0].kind == ArchiveError::Kind::kTooLarge);
  CHECK(items[0].errors[0].detail.find("more than 1 MiB") != std::string::npos);
  CHECK(items[0].content == text.substr(0, 1u << 20));
  CHECK(items[1].content == "next entry");

  // A plain tar stores its entries: they cost their size on disk, not more.
  path = (dir.path() / "big.tar").string();
  items = read_all_entries(path, limits);
  REQUIRE(items.size() == 2);
  CHECK(items[0].errors.empty());
  CHECK(items[0].content == text);
}

TEST_CASE("Archive reader read_all refuses an entry over the caller's limit and moves on") {
  TempDir dir;
  dir.write("big.html", text_of(5000, 17));
  dir.write("small.html", "<p>small</p>");
  run_in(dir, "tar cf pages.tar big.html small.html");
  const std::string path = (dir.path() / "pages.tar").string();
  auto reader = ArchiveReader::open_file(path);
  REQUIRE(reader->next());
  try {
    reader->read_all(1000);
    FAIL("no error for an entry over the limit");
  } catch (const ArchiveError& e) {
    CHECK(e.kind() == ArchiveError::Kind::kTooLarge);
    CHECK(e.origin() == path + ":big.html");
    CHECK(std::string(e.what()).find("5000 bytes, more than the limit of 1000 bytes") != std::string::npos);
  }
  std::optional<ArchiveEntry> next = reader->next();
  REQUIRE(next);
  CHECK(next->name == "small.html");
  CHECK(reader->read_all(1000) == "<p>small</p>");
}

TEST_CASE("Archive reader reports encrypted zip entries without reading them, and goes on") {
  TempDir dir;
  dir.write("secret.txt", "not for us");
  dir.write("open.txt", "for everyone");
  run_in(dir, "zip -q -P password enc.zip secret.txt && zip -q enc.zip open.txt");
  const std::string path = (dir.path() / "enc.zip").string();
  std::vector<Item> items = read_all_entries(path);
  INFO(origins(items));
  REQUIRE(items.size() == 2);
  CHECK(items[0].origin == path + ":secret.txt");
  CHECK(items[0].entry_error == "encrypted: not read");
  CHECK(items[1].origin == path + ":open.txt");
  CHECK(items[1].content == "for everyone");
}

TEST_CASE("Archive reader passes over directories and macOS AppleDouble files") {
  TempDir dir;
  dir.write("news/a.html", "<p>a</p>");
  dir.write("news/._a.html", "apple double");
  dir.write("__MACOSX/news/._a.html", "apple double");
  run_in(dir, "zip -q -r mac.zip news __MACOSX");
  auto reader = ArchiveReader::open_file((dir.path() / "mac.zip").string());
  std::vector<std::string> names;
  while (std::optional<ArchiveEntry> entry = reader->next()) names.push_back(entry->name);
  CHECK(names == std::vector<std::string>{"news/a.html"});
  CHECK(reader->entries_ignored() == 5);  // news/, news/._a.html, __MACOSX/, __MACOSX/news/, its ._a.html
}

TEST_CASE("gzip stream ignores zero padding after the last member and reports other trailing bytes") {
  TempDir dir;
  dir.write("a", "hello gzip\n");
  run_in(dir, "gzip -c a > a.gz");
  const std::string gz = read_file(dir.path() / "a.gz");
  const std::string padded = dir.write("padded.gz", gz + std::string(512, '\0')).string();
  std::vector<Item> items = read_all_entries(padded);
  REQUIRE(items.size() == 1);
  CHECK(items[0].content == "hello gzip\n");
  CHECK(items[0].errors.empty());

  const std::string junk = dir.write("junk.gz", gz + "not gzip").string();
  items = read_all_entries(junk);
  REQUIRE(items.size() == 1);
  CHECK(items[0].content == "hello gzip\n");
  REQUIRE(items[0].errors.size() == 1);
  CHECK(items[0].errors[0].detail.find("start no member") != std::string::npos);
}

TEST_CASE("Archive reader yields the 100 NewsML-G2 items of the dpa sample tar with their origins") {
  const std::filesystem::path path = std::filesystem::path(NEWSDEX_SHARED_DIR) / "corpora" / "formats" / "newsml-g2" /
                                     "dpa-newslab__newsmlg2-testdata" / "20170629-dpa-sample.tar.xz";
  REQUIRE_MESSAGE(std::filesystem::exists(path),
                  "../shared/corpora/formats is missing: this test needs the shared corpora");
  std::vector<Item> items = read_all_entries(path);
  REQUIRE(items.size() == 100);
  std::size_t with_newsml_name = 0;
  for (const Item& item : items) {
    CAPTURE(item.origin);
    // Despite its name a plain tar; member names hold colons.
    CHECK(item.origin.starts_with(path.string() + ":20170629-dpa-sample/urn:newsml:dpa.com:"));
    CHECK(item.origin.ends_with(".xml"));
    CHECK(item.errors.empty());
    CHECK(item.size == item.content.size());
    CHECK(item.head.starts_with("<?xml"));
    if (item.content.find("newsMessage") != std::string::npos) ++with_newsml_name;
  }
  CHECK(with_newsml_name == 100);
  CHECK(items[0].origin == path.string() + ":20170629-dpa-sample/urn:newsml:dpa.com:20090101:170626-99-998860.xml");
}

}  // namespace
}  // namespace newsdex::readers
