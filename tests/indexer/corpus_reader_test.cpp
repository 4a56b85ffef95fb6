#include "indexer/corpus_reader.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "common/compression/stored_fields.h"
#include "common/dates.h"
#include "indexer/article_hash.h"
#include "tests/indexer/test_support.h"

namespace newsdex::index {
namespace {

CorpusEntry parse(std::string_view line, const CorpusReaderOptions& options = {}) {
  return parse_json_line(line, "t.jsonl:1", options);
}

std::vector<CorpusEntry> read_all(const std::vector<std::string>& paths, CorpusReaderOptions options = {}) {
  CorpusReader reader(paths, std::move(options));
  std::vector<CorpusEntry> entries;
  while (std::optional<CorpusEntry> entry = reader.next()) entries.push_back(std::move(*entry));
  return entries;
}

TEST_CASE("CorpusReader reads the standard keys of a JSON Lines record") {
  CorpusEntry entry = parse(
      R"({"id":"a1","title":" Ferry plan ","body":"The council voted.","date":"2021-03-04T10:00:00Z",)"
      R"("source":"Harbor Ledger","url":"https://example.org/a1","author":"Ada Quill","lang":"de","extra":[1,2]})");
  REQUIRE_FALSE(entry.skip);
  CHECK(entry.warnings.empty());
  CHECK(entry.origin == "t.jsonl:1");
  const Article& a = entry.article;
  CHECK(a.id == "a1");
  CHECK(a.title == "Ferry plan");
  CHECK(a.body == "The council voted.");
  CHECK(a.published_unix_s == dates::unix_from_civil(2021, 3, 4) + std::int64_t{10} * 3600);
  CHECK(a.source == "Harbor Ledger");
  CHECK(a.url == "https://example.org/a1");
  CHECK(a.author == "Ada Quill");
  CHECK(a.lang == "de");
}

TEST_CASE("CorpusReader accepts every alternative key of each field") {
  struct Case {
    std::string key;
    std::string value;  // JSON
    std::string Article::*field;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"id", R"("x1")", &Article::id, "x1"},
      {"doc_id", R"("x2")", &Article::id, "x2"},
      {"guid", R"("x3")", &Article::id, "x3"},
      {"title", R"("T1")", &Article::title, "T1"},
      {"headline", R"("T2")", &Article::title, "T2"},
      {"body", R"("B1")", &Article::body, "B1"},
      {"text", R"("B2")", &Article::body, "B2"},
      {"content", R"("B3")", &Article::body, "B3"},
      {"article", R"("B4")", &Article::body, "B4"},
      {"description", R"("B5")", &Article::body, "B5"},
      {"maintext", R"("B6")", &Article::body, "B6"},
      {"short_description", R"("B7")", &Article::body, "B7"},
      {"source", R"("S1")", &Article::source, "S1"},
      {"publisher", R"("S2")", &Article::source, "S2"},
      {"outlet", R"("S3")", &Article::source, "S3"},
      {"site", R"("S4")", &Article::source, "S4"},
      {"publication", R"("S5")", &Article::source, "S5"},
      {"source_domain", R"("S6")", &Article::source, "S6"},
      {"sitename", R"("S7")", &Article::source, "S7"},
      {"domain", R"("S8")", &Article::source, "S8"},
      {"url", R"("https://example.org/1")", &Article::url, "https://example.org/1"},
      {"link", R"("https://example.org/2")", &Article::url, "https://example.org/2"},
      {"author", R"("Ada Quill")", &Article::author, "Ada Quill"},
      {"byline", R"("Ben Ortiz")", &Article::author, "Ben Ortiz"},
      {"authors", R"(["Cleo Marsh", "Dev Patel"])", &Article::author, "Cleo Marsh, Dev Patel"},
      {"lang", R"("fr")", &Article::lang, "fr"},
      {"language", R"("German")", &Article::lang, "de"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.key);
    // "zz" keeps a record with only an id or a title from lacking text.
    std::string filler = c.field == &Article::body ? R"("title":"zz")" : R"("body":"zz")";
    CorpusEntry entry = parse("{" + filler + ",\"" + c.key + "\":" + c.value + "}");
    REQUIRE_FALSE(entry.skip);
    CHECK(entry.article.*c.field == c.expected);
  }
}

TEST_CASE("CorpusReader accepts text/content/published/outlet as alternative keys") {
  CorpusEntry entry = parse(R"({"headline":"H","content":"C","published":"March 5, 2021","outlet":"Valley Courier"})");
  REQUIRE_FALSE(entry.skip);
  CHECK(entry.article.title == "H");
  CHECK(entry.article.body == "C");
  CHECK(entry.article.published_unix_s == dates::unix_from_civil(2021, 3, 5));
  CHECK(entry.article.source == "Valley Courier");
}

TEST_CASE("CorpusReader accepts every alternative date key") {
  for (std::string key : {"date", "published", "pubdate", "publication_date", "published_at", "datetime",
                          "publish_date", "date_publish", "published_date", "date_published"}) {
    CAPTURE(key);
    CorpusEntry entry = parse(R"({"title":"T",")" + key + R"(":"2016-02-05"})");
    CHECK(entry.warnings.empty());
    CHECK(entry.article.published_unix_s == dates::unix_from_civil(2016, 2, 5));
  }
}

TEST_CASE("CorpusReader takes the first key with a usable value") {
  CHECK(parse(R"({"title":"first","headline":"second"})").article.title == "first");
  CHECK(parse(R"({"headline":"second","title":"first"})").article.title == "first");
  // null, wrong types and blank strings count as absent.
  CHECK(parse(R"({"title":null,"headline":"second"})").article.title == "second");
  CHECK(parse(R"({"title":42,"headline":"second"})").article.title == "second");
  CHECK(parse(R"({"title":"  ","headline":"second"})").article.title == "second");
  CHECK(parse(R"({"title":"T","body":{"nested":"object"},"text":"plain"})").article.body == "plain");
  CHECK(parse(R"({"title":"T","source":["a"]})").article.source.empty());
}

TEST_CASE("CorpusReader takes numeric ids and epoch-second dates") {
  CHECK(parse(R"({"id":42,"title":"T"})").article.id == "42");
  CHECK(parse(R"({"id":true,"guid":"g","title":"T"})").article.id == "g");
  CHECK(parse(R"({"title":"T","date":1454681000})").article.published_unix_s == 1454681000);
  CHECK(parse(R"({"title":"T","date":1454681000.75})").article.published_unix_s == 1454681000);
}

TEST_CASE("CorpusReader joins author arrays and skips their non-strings") {
  CHECK(parse(R"({"title":"T","authors":["A B", 7, "", null, "C D"]})").article.author == "A B, C D");
  CHECK(parse(R"({"title":"T","author":[],"byline":"E F"})").article.author == "E F");
}

TEST_CASE("CorpusReader warns about an unparseable date and indexes the article undated") {
  CorpusEntry entry = parse(R"({"title":"T","date":"sometime last spring"})");
  CHECK_FALSE(entry.skip);
  CHECK_FALSE(entry.article.published_unix_s);
  REQUIRE(entry.warnings.size() == 1);
  CHECK(entry.warnings[0] == R"(unparseable date "sometime last spring"; indexed as undated)");
}

TEST_CASE("issue_11 CorpusReader quotes a bad value in a warning cut and with its control characters escaped") {
  CorpusEntry entry =
      parse(R"({"title":"T","date":"\u001b]52;c;eA==\u0007\u009b2J\u202e\u007f\n)" + std::string(100, 'x') + R"("})");
  REQUIRE(entry.warnings.size() == 1);
  CHECK(entry.warnings[0] == "unparseable date \"\\x1b]52;c;eA==\\x07\\u009b2J\\u202e\\x7f\\n" + std::string(21, 'x') +
                                 "…\"; indexed as undated");
}

TEST_CASE("CorpusReader gives articles without a language the default one") {
  CHECK(parse(R"({"title":"T"})").article.lang == "en");
  CHECK(parse(R"({"title":"T"})", {.default_lang = "de"}).article.lang == "de");
  CHECK(parse(R"({"title":"T","lang":"en-GB"})", {.default_lang = "de"}).article.lang == "en");
  CHECK(parse(R"({"title":"T","lang":"zh"})").article.lang == "zh");
  CorpusEntry unknown = parse(R"({"title":"T","lang":"not a language!"})", {.default_lang = "fr"});
  CHECK(unknown.article.lang == "fr");
  REQUIRE(unknown.warnings.size() == 1);
  CHECK(unknown.warnings[0] == R"(unknown language "not a language!"; indexed as fr)");
}

TEST_CASE("CorpusReader derives a stable id from the content when there is none") {
  CorpusEntry a = parse(R"({"title":"Ferry plan","body":"The council voted."})");
  CorpusEntry again = parse(R"({"body":"The council voted.","title":"Ferry plan","source":"Other"})");
  CorpusEntry other = parse(R"({"title":"Ferry plan","body":"The council voted no."})");
  CHECK(a.article.id == id_from_content("Ferry plan", "The council voted."));
  CHECK(a.article.id.starts_with("h"));
  CHECK(a.article.id.size() == 17);
  CHECK(again.article.id == a.article.id);
  CHECK(other.article.id != a.article.id);
  CHECK(parse(R"({"id":"","title":"Ferry plan","body":"The council voted."})").article.id == a.article.id);
}

TEST_CASE("CorpusReader skips bad records with the reason") {
  struct Case {
    std::string line;
    SkipReason reason;
    std::string detail;
  };
  const std::vector<Case> cases = {
      {R"({"id":"a","title":"T",})", SkipReason::kMalformedJson, "syntax error at byte 23: unexpected '}'"},
      {R"({"id":"a","title":"T")", SkipReason::kMalformedJson, "syntax error at byte 22: unexpected end of input"},
      {R"({"id":"a"} trailing)", SkipReason::kMalformedJson, "syntax error at byte 14: invalid literal"},
      {R"("just a string")", SkipReason::kNotAnObject, "found a string"},
      {R"([{"title":"T"}])", SkipReason::kNotAnObject, "found an array"},
      {"42", SkipReason::kNotAnObject, "found a number"},
      {"null", SkipReason::kNotAnObject, "found null"},
      {"{\"title\":\"bad \xFF byte\"}", SkipReason::kInvalidUtf8, "0xFF at byte 15"},
      {"{\"title\":\"cut \xC3\"}", SkipReason::kInvalidUtf8, "0xC3 at byte 15"},
      {"\xFE{}", SkipReason::kInvalidUtf8, "0xFE at byte 1"},
      {R"({"id":"a"})", SkipReason::kNoText, ""},
      {R"({"id":"a","title":"  ","body":null,"source":"S"})", SkipReason::kNoText, ""},
      {R"({"title":"T","id":")" + std::string(245, 'x') + R"("})", SkipReason::kIdTooLong, "245 bytes, at most 244"},
      {std::string("{\"title\":\0}", 11), SkipReason::kBinaryData, "NUL byte at byte 10"},
      {std::string("\0\0\0\0", 4), SkipReason::kBinaryData, "NUL byte at byte 1"},
      {R"({"id":"a","title":"T","x":1e400})", SkipReason::kMalformedJson,
       "number at byte 27 is beyond the range of a double: 1e400"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    CorpusEntry entry = parse(c.line);
    REQUIRE(entry.skip);
    CHECK(entry.skip->reason == c.reason);
    CHECK(entry.skip->detail == c.detail);
  }
}

TEST_CASE("issue 11: a number beyond a double's range is its record's skip, even in an ignored key") {
  const std::vector<std::string> lines = {R"({"title":"T","ignored":1e400})", R"({"title":"T","id":-1e400})",
                                          R"({"title":"T","x":{"deep":[1E+99999]}})",
                                          R"({"title":"T","x":)" + std::string(400, '9') + "}"};
  for (const std::string& line : lines) {
    CAPTURE(line);
    CorpusEntry entry;
    CHECK_NOTHROW(entry = parse(line));
    REQUIRE(entry.skip);
    CHECK(entry.skip->reason == SkipReason::kMalformedJson);
    CHECK(entry.skip->detail.find("beyond the range of a double") != std::string::npos);
  }
  // And the records after it are read.
  testing::TempDir dir;
  std::filesystem::path file =
      dir.write("big.jsonl", "{\"id\":\"a\",\"title\":\"one\",\"x\":1e400}\n{\"id\":\"b\",\"title\":\"two\"}\n");
  std::vector<CorpusEntry> entries = read_all({file.string()});
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].origin == file.string() + ":1");
  CHECK(entries[0].skip);
  CHECK(entries[1].article.id == "b");
}

TEST_CASE("issue 11: numeric ids keep the digits they were written with") {
  CHECK(parse(R"({"id":123456789012345678901234,"title":"T"})").article.id == "123456789012345678901234");
  CHECK(parse(R"({"id":123456789012345678901235,"title":"T"})").article.id == "123456789012345678901235");
  CHECK(parse(R"({"id":18446744073709551615,"title":"T"})").article.id == "18446744073709551615");
  CHECK(parse(R"({"id":-9223372036854775808,"title":"T"})").article.id == "-9223372036854775808");
  CHECK(parse(R"({"id":1.5e3,"title":"T"})").article.id == "1.5e3");
  CHECK(parse(R"({"id":1500,"title":"T"})").article.id == "1500");
  CHECK(parse(R"({"id":0.1,"title":"T"})").article.id == "0.1");
  CHECK(parse(R"({"doc_id":7,"title":"T"})").article.id == "7");
}

TEST_CASE("issue 11: a key given twice counts with its last value, as in a JSON object") {
  CHECK(parse(R"({"title":"first","title":"last"})").article.title == "last");
  CHECK(parse(R"({"title":"T","id":"a","id":null,"guid":"g"})").article.id == "g");
  CHECK(parse(R"({"title":"T","authors":["A"],"authors":"B"})").article.author == "B");
}

TEST_CASE("issue 11: members nested in objects and arrays are parsed for syntax, never read") {
  std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  CorpusEntry entry = parse(R"({"title":"T","x":)" + deep + R"(,"y":{"title":"inner","id":"inner"}})");
  REQUIRE_FALSE(entry.skip);
  CHECK(entry.article.title == "T");
  CHECK(entry.article.id.starts_with("h"));
  CHECK(parse(R"({"title":"T","authors":["A",["B"],{"c":"C"},"D"]})").article.author == "A, D");
  CorpusEntry broken = parse(R"({"title":"T","x":)" + std::string(1000, '[') + "}");
  REQUIRE(broken.skip);
  CHECK(broken.skip->reason == SkipReason::kMalformedJson);
}

TEST_CASE("issue 11: a date outside the window says which side, a numeric one never overflows") {
  auto warning = [](const std::string& line) {
    CorpusEntry entry = parse(line);
    CHECK_FALSE(entry.skip);
    CHECK_FALSE(entry.article.published_unix_s);
    return entry.warnings.size() == 1 ? entry.warnings[0] : "";
  };
  CHECK(warning(R"({"title":"T","date":"1650-01-01"})") == R"(date "1650-01-01" is before 1800; indexed as undated)");
  CHECK(warning(R"({"title":"T","date":"January 1, 2999"})") ==
        R"(date "January 1, 2999" is more than 2 days in the future; indexed as undated)");
  CHECK(warning(R"({"title":"T","date":99999999999})") ==
        "date 99999999999 is more than 2 days in the future; indexed as undated");
  CHECK(warning(R"({"title":"T","date":1e300})") ==
        "unparseable date 1e300 (a number is read as epoch seconds, 9 to 11 digits); indexed as undated");
  CHECK(warning(R"({"title":"T","date":-1e300})") ==
        "unparseable date -1e300 (a number is read as epoch seconds, 9 to 11 digits); indexed as undated");
  CHECK(warning(R"({"title":"T","date":1454681000000})") ==
        "unparseable date 1454681000000 (epoch milliseconds? a number is read as epoch seconds); indexed as undated");
  CHECK(warning(R"({"title":"T","date":"sometime"})") == R"(unparseable date "sometime"; indexed as undated)");
}

TEST_CASE("parse_text_article splits the first non-blank line off as the title") {
  CorpusEntry entry = parse_text_article(
      "\xEF\xBB\xBF\r\n  \r\n  Harbor ferry plan approved \r\n\r\nThe council voted.\r\nSix to one.\r\n\n", "a.txt",
      {.default_lang = "de"});
  REQUIRE_FALSE(entry.skip);
  CHECK(entry.origin == "a.txt");
  CHECK(entry.article.title == "Harbor ferry plan approved");
  CHECK(entry.article.body == "The council voted.\nSix to one.");
  CHECK(entry.article.lang == "de");
  CHECK(entry.article.id == id_from_content("Harbor ferry plan approved", "The council voted.\nSix to one."));
  CHECK_FALSE(entry.article.published_unix_s);

  CorpusEntry title_only = parse_text_article("Just a headline", "b.txt", {});
  CHECK(title_only.article.title == "Just a headline");
  CHECK(title_only.article.body.empty());
}

TEST_CASE("parse_text_article reports invalid UTF-8 with its line and a blank file as no text") {
  // UTF-8 text ("é" is two bytes) with a bad sequence: damage, not another charset.
  CorpusEntry bad = parse_text_article("Title\nfin\xC3\xA9 line\nbad \xC0\xAF here\n", "a.txt", {});
  REQUIRE(bad.skip);
  CHECK(bad.skip->reason == SkipReason::kInvalidUtf8);
  CHECK(bad.origin == "a.txt:3");
  CHECK(bad.skip->detail == "0xC0 at byte 5");

  CorpusEntry blank = parse_text_article(" \r\n\n\t", "b.txt", {});
  REQUIRE(blank.skip);
  CHECK(blank.skip->reason == SkipReason::kNoText);
}

TEST_CASE("input_kind_from_name knows the corpus extensions, case-insensitively") {
  struct Case {
    std::string name;
    std::optional<InputFormat> format;
    bool compressed;
  };
  const std::vector<Case> cases = {
      {"a.jsonl", InputFormat::kJsonLines, false},
      {"a.NDJSON", InputFormat::kJsonLines, false},
      {"a.json", InputFormat::kJsonLines, false},
      {"a.txt", InputFormat::kText, false},
      {"a.jsonl.zst", InputFormat::kJsonLines, true},
      {"a.txt.ZST", InputFormat::kText, true},
      {"a.md", std::nullopt, false},
      {"jsonl", std::nullopt, false},
      {"a.jsonl.gz", InputFormat::kJsonLines, true},
      {"a.txt.bz2", InputFormat::kText, true},
      {"a.ndjson.xz", InputFormat::kJsonLines, true},
      {"page.HTML", InputFormat::kHtml, false},
      {"page.htm.gz", InputFormat::kHtml, true},
      {"a.xhtml", InputFormat::kHtml, false},
      {"crawl.warc.gz", InputFormat::kWarc, true},
      {"IA-001102.arc.gz", InputFormat::kWarc, true},
      {"IA-001102.ARC", InputFormat::kWarc, false},
      {"story.xml", InputFormat::kFeed, false},
      {"feed.rss", InputFormat::kFeed, false},
      {"feed.atom", InputFormat::kFeed, false},
      {"dump.csv", InputFormat::kCsv, false},
      {"dump.tsv.zst", InputFormat::kTsv, true},
      // Containers: what they hold is chosen entry by entry.
      {"backup.tar.zst", InputFormat::kSniff, true},
      {"logs.tar.gz", InputFormat::kSniff, true},
      {"site.tgz", InputFormat::kSniff, true},
      {"pages.ZIP", InputFormat::kSniff, true},
      {"data.gz", InputFormat::kSniff, true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::optional<InputKind> kind = input_kind_from_name(c.name);
    REQUIRE(kind.has_value() == c.format.has_value());
    if (kind) {
      CHECK(kind->format == *c.format);
      CHECK(kind->compressed == c.compressed);
    }
  }
}

TEST_CASE("CorpusReader reads directories recursively in sorted order, counting ignored files") {
  testing::TempDir dir;
  dir.write("b.txt", "Text title\nText body\n");
  dir.write("a.jsonl", "{\"id\":\"a1\",\"title\":\"A1\"}\n\n{\"id\":\"a2\",\"title\":\"A2\"}\n");
  dir.write("notes.md", "# not a corpus file\n");
  dir.write("sub/d.ndjson", "{\"id\":\"d1\",\"body\":\"D1\"}\n");
  dir.write("sub/c.json", "{\"id\":\"c1\",\"body\":\"C1\"}\n");
  dir.write("sub/e.jsonl.zst", compression::zstd_compress("{\"id\":\"e1\",\"body\":\"E1\"}\n"));
  dir.write("sub/image.png", "\x89PNG");
  dir.write("sub/backup.tar.zst", compression::zstd_compress("not a corpus"));

  CorpusReader reader({dir.path().string()});
  std::vector<std::string> ids;
  std::vector<std::string> origins;
  while (std::optional<CorpusEntry> entry = reader.next()) {
    REQUIRE_FALSE(entry->skip);
    ids.push_back(entry->article.id);
    origins.push_back(entry->origin);
  }
  CHECK(ids == std::vector<std::string>{"a1", "a2", id_from_content("Text title", "Text body"), "c1", "d1", "e1"});
  std::string root = dir.path().string();
  CHECK(origins == std::vector<std::string>{root + "/a.jsonl:1", root + "/a.jsonl:3", root + "/b.txt",
                                            root + "/sub/c.json:1", root + "/sub/d.ndjson:1",
                                            root + "/sub/e.jsonl.zst:1"});
  // notes.md, image.png and the text inside backup.tar.zst: every file is
  // opened, as its content may say what its name does not.
  CHECK(reader.files_ignored() == 3);
  std::uint64_t expected_total = 0;
  for (const char* name : {"a.jsonl", "b.txt", "notes.md", "sub/backup.tar.zst", "sub/c.json", "sub/d.ndjson",
                           "sub/e.jsonl.zst", "sub/image.png"}) {
    expected_total += std::filesystem::file_size(dir.path() / name);
  }
  CHECK(reader.total_bytes() == expected_total);
  CHECK(reader.bytes_consumed() == expected_total);
}

TEST_CASE("CorpusReader handles CRLF, a byte order mark and very long lines in JSON Lines") {
  testing::TempDir dir;
  std::string long_body(1'000'000, 'w');
  std::filesystem::path file =
      dir.write("crlf.jsonl", "\xEF\xBB\xBF{\"id\":\"r1\",\"title\":\"R1\"}\r\n\r\n{\"id\":\"r2\",\"body\":\"" +
                                  long_body + "\"}\r\n{\"id\":\"r3\",\"title\":\"R3\"}");
  std::vector<CorpusEntry> entries = read_all({file.string()});
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].article.id == "r1");
  CHECK(entries[1].article.body == long_body);
  CHECK(entries[1].origin == file.string() + ":3");
  CHECK(entries[2].article.id == "r3");
  CHECK(entries[2].origin == file.string() + ":4");
}

TEST_CASE("CorpusReader reads .jsonl.zst and .txt.zst files") {
  testing::TempDir dir;
  std::string text;
  for (int i = 1; i <= 1000; ++i)
    text += "{\"id\":\"z" + std::to_string(i) + "\",\"title\":\"Title " + std::to_string(i) + "\"}\n";
  std::filesystem::path jsonl = dir.write("many.jsonl.zst", compression::zstd_compress(text));
  std::filesystem::path txt = dir.write("one.txt.zst", compression::zstd_compress("Packed title\nPacked body\n"));

  std::vector<CorpusEntry> entries = read_all({jsonl.string(), txt.string()});
  REQUIRE(entries.size() == 1001);
  CHECK(entries[0].article.id == "z1");
  CHECK(entries[999].article.id == "z1000");
  CHECK(entries[999].origin == jsonl.string() + ":1000");
  CHECK(entries[1000].article.title == "Packed title");
  CHECK(entries[1000].article.body == "Packed body");
}

TEST_CASE("CorpusReader reports a truncated .zst after every complete line before the damage") {
  testing::TempDir dir;
  std::string text;
  // Enough varied lines for several zstd blocks (128 KiB of output each).
  for (std::uint64_t i = 1; i <= 20'000; ++i) {
    text +=
        "{\"id\":\"t" + std::to_string(i) + "\",\"title\":\"n" + std::to_string(i * 2654435761u % 1000003) + "\"}\n";
  }
  std::string compressed = compression::zstd_compress(text);
  std::filesystem::path file = dir.write("cut.jsonl.zst", compressed.substr(0, compressed.size() * 2 / 3));
  std::filesystem::path after = dir.write("after.jsonl", "{\"id\":\"after\",\"title\":\"still read\"}\n");

  std::vector<CorpusEntry> entries = read_all({file.string(), after.string()});
  REQUIRE(entries.size() >= 3);
  std::size_t good = entries.size() - 2;
  CHECK(good > 1000);
  CHECK(good < 20'000);
  for (std::size_t i = 0; i < good; ++i) {
    REQUIRE_FALSE(entries[i].skip);
    REQUIRE(entries[i].article.id == "t" + std::to_string(i + 1));
  }
  const CorpusEntry& damage = entries[good];
  REQUIRE(damage.skip);
  CHECK(damage.skip->reason == SkipReason::kDamagedCompression);
  CHECK(damage.origin == file.string() + ":" + std::to_string(good + 1));
  CHECK(damage.skip->detail.find("truncated") != std::string::npos);
  CHECK(entries.back().article.id == "after");
}

TEST_CASE("CorpusReader reports an unreadable path and goes on with the next") {
  testing::TempDir dir;
  std::filesystem::path missing = dir.path() / "missing.jsonl";
  std::filesystem::path good = dir.write("good.jsonl", "{\"title\":\"ok\"}\n");
  std::vector<CorpusEntry> entries = read_all({missing.string(), good.string()});
  REQUIRE(entries.size() == 2);
  REQUIRE(entries[0].skip);
  CHECK(entries[0].skip->reason == SkipReason::kUnreadableFile);
  CHECK(entries[0].origin == missing.string());
  CHECK(entries[0].skip->detail == "No such file or directory");
  CHECK(entries[1].article.title == "ok");
}

TEST_CASE("CorpusReader sniffs files named with an unknown extension") {
  testing::TempDir dir;
  std::filesystem::path json =
      dir.write("feed.dat", "\n  {\"id\":\"s1\",\"title\":\"S1\"}\n{\"id\":\"s2\",\"title\":\"S2\"}\n");
  std::filesystem::path text = dir.write("story.dat", "A plain headline\nA plain body.\n");
  std::filesystem::path empty = dir.write("empty.dat", "  \n");
  std::filesystem::path packed =
      dir.write("packed.zst", compression::zstd_compress("{\"id\":\"p1\",\"body\":\"P\"}\n"));
  std::vector<CorpusEntry> entries = read_all({json.string(), text.string(), empty.string(), packed.string()});
  REQUIRE(entries.size() == 4);
  CHECK(entries[3].article.id == "p1");
  CHECK(entries[0].article.id == "s1");
  CHECK(entries[0].origin == json.string() + ":2");
  CHECK(entries[1].article.id == "s2");
  CHECK(entries[2].article.title == "A plain headline");
  CHECK(entries[2].article.body == "A plain body.");
}

TEST_CASE("CorpusReader reports each broken line of tests/data/mixed.jsonl and keeps the good ones") {
  std::filesystem::path file = testing::source_dir() / "tests/data/mixed.jsonl";
  std::vector<CorpusEntry> entries = read_all({file.string()});
  std::map<std::string, SkipReason> skipped;
  std::vector<std::string> ids;
  std::vector<std::string> warned;
  for (const CorpusEntry& entry : entries) {
    std::string line = entry.origin.substr(entry.origin.rfind(':') + 1);
    if (entry.skip) {
      skipped[line] = entry.skip->reason;
    } else {
      ids.push_back(entry.article.id);
    }
    if (!entry.warnings.empty()) warned.push_back(line);
  }
  CHECK(skipped == std::map<std::string, SkipReason>{{"3", SkipReason::kMalformedJson},
                                                     {"5", SkipReason::kNotAnObject},
                                                     {"7", SkipReason::kInvalidUtf8},
                                                     {"9", SkipReason::kNoText}});
  REQUIRE(ids.size() == 7);
  CHECK(ids[0] == "mix-001");
  CHECK(ids[1] == "2");
  CHECK(ids[2] == "mix-004");
  CHECK(ids[3].starts_with("h"));
  CHECK(ids[6] == "mix-012");
  CHECK(warned == std::vector<std::string>{"10"});
}

TEST_CASE("issue 11: parse_text_article reports NUL bytes as binary data, with their line") {
  CorpusEntry entry = parse_text_article(std::string("Title\nBody \0 here\n", 18), "a.txt", {});
  REQUIRE(entry.skip);
  CHECK(entry.skip->reason == SkipReason::kBinaryData);
  CHECK(entry.skip->detail == "NUL byte at byte 6");
  CHECK(entry.origin == "a.txt:2");
  // Whichever comes first of NUL and invalid UTF-8 is reported.
  CorpusEntry utf8_first = parse_text_article(std::string("T\n\xFF\0", 4), "b.txt", {});
  REQUIRE(utf8_first.skip);
  CHECK(utf8_first.skip->reason == SkipReason::kInvalidUtf8);
}

TEST_CASE("parse_text_article reads text in a legacy charset or UTF-16 by ICU's detector; binary data stays out") {
  // Windows-1252 / Latin-1, as older systems and Excel on Windows write.
  CorpusEntry latin1 = parse_text_article(
      "Caf\351 owners protest\n\nOwners of the caf\351s in the old town protested on Monday against the new rules.\n",
      "latin1.txt", {.default_lang = "en"});
  REQUIRE_FALSE(latin1.skip);
  CHECK(latin1.article.title == "Caf\303\251 owners protest");
  CHECK(latin1.article.body == "Owners of the caf\303\251s in the old town protested on Monday against the new rules.");
  // ISO-8859-2 (Czech): the detector tells it from Latin-1 by its letters.
  CorpusEntry czech =
      parse_text_article("Zpr\341va z Prahy\n\nVl\341da schv\341lila nov\375 rozpo\350et na p\370\355\271t\355 rok.\n",
                         "cz.txt", {.default_lang = "cs"});
  REQUIRE_FALSE(czech.skip);
  CHECK(czech.article.body ==
        "Vl\303\241da schv\303\241lila nov\303\275 rozpo\304\215et na p\305\231\303\255\305\241t\303\255 rok.");
  // UTF-16 with its byte-order mark (NUL bytes and all).
  const std::string utf16("\xFF\xFET\0i\0t\0l\0e\0\n\0\n\0B\0o\0d\0y\0", 24);
  CorpusEntry wide = parse_text_article(utf16, "wide.txt", {});
  REQUIRE_FALSE(wide.skip);
  CHECK(wide.article.title == "Title");
  CHECK(wide.article.body == "Body");
  // Bytes that are no text in any charset.
  std::string noise;
  for (int i = 0; i < 512; ++i) noise += static_cast<char>((i * 37 + 11) % 256);
  CorpusEntry binary = parse_text_article(noise, "noise.txt", {});
  REQUIRE(binary.skip);
  CHECK((binary.skip->reason == SkipReason::kBinaryData || binary.skip->reason == SkipReason::kInvalidUtf8));
}

TEST_CASE("issue 11: CorpusReader skips a line over max_article_bytes with its number, and reads on") {
  testing::TempDir dir;
  // 300 KB without an end: reported when the limit is passed and again for
  // each further 100 KiB, all as line 2; line 3 is read as usual.
  std::string huge = "{\"title\":\"" + std::string(300'000, 'a') + "\"}";
  std::filesystem::path file = dir.write(
      "long.jsonl", "{\"id\":\"before\",\"title\":\"B\"}\n" + huge + "\n{\"id\":\"after\",\"title\":\"A\"}\n");
  std::vector<CorpusEntry> entries = read_all({file.string()}, {.default_lang = "en", .max_article_bytes = 102'400});
  REQUIRE(entries.size() >= 4);
  CHECK(entries.front().article.id == "before");
  CHECK(entries.back().article.id == "after");
  CHECK(entries.back().origin == file.string() + ":3");
  for (std::size_t i = 1; i + 1 < entries.size(); ++i) {
    CAPTURE(i);
    REQUIRE(entries[i].skip);
    CHECK(entries[i].skip->reason == SkipReason::kTooLong);
    CHECK(entries[i].origin == file.string() + ":2");
  }
  CHECK(entries[1].skip->detail == "line longer than 100 KiB, the --max-article-size limit");
  CHECK(entries[2].skip->detail.starts_with("line still without an end after "));
  // One line is one skip in the summary: the further reports say so.
  CHECK_FALSE(entries[1].skip->again);
  for (std::size_t i = 2; i + 1 < entries.size(); ++i) CHECK(entries[i].skip->again);
  // A line of exactly the limit is read.
  std::string fits = "{\"title\":\"" + std::string(102'400 - 12, 'b') + "\"}";
  REQUIRE(fits.size() == 102'400);
  std::filesystem::path exact = dir.write("exact.jsonl", fits + "\n");
  std::vector<CorpusEntry> read = read_all({exact.string()}, {.default_lang = "en", .max_article_bytes = 102'400});
  // The same with 1000 bytes: a limit that is no whole number of KiB reads exactly.
  std::vector<CorpusEntry> tight = read_all({exact.string()}, {.default_lang = "en", .max_article_bytes = 1000});
  REQUIRE(tight.size() == 1);
  REQUIRE(tight[0].skip);
  CHECK(tight[0].skip->detail == "line longer than 1000 bytes, the --max-article-size limit");
  REQUIRE(read.size() == 1);
  CHECK_FALSE(read[0].skip);
}

TEST_CASE("issue 11: CorpusReader skips a text file over max_article_bytes, saying so once it passes") {
  testing::TempDir dir;
  std::filesystem::path big = dir.write("big.txt", "Title\n" + std::string(5000, 'w') + "\n");
  std::filesystem::path zeros = dir.write("zeros.dat", std::string(5000, '\0'));
  std::filesystem::path small = dir.write("small.txt", "Small\nBody\n");
  std::vector<CorpusEntry> entries =
      read_all({big.string(), zeros.string(), small.string()}, {.default_lang = "en", .max_article_bytes = 1024});
  REQUIRE(entries.size() == 3);
  REQUIRE(entries[0].skip);
  CHECK(entries[0].skip->reason == SkipReason::kTooLong);
  CHECK(entries[0].origin == big.string());
  CHECK(entries[0].skip->detail == "text longer than 1 KiB, the --max-article-size limit");
  REQUIRE(entries[1].skip);
  CHECK(entries[1].skip->detail ==
        "text longer than 1 KiB, the --max-article-size limit; it holds NUL bytes: binary data, not text");
  CHECK(entries[2].article.title == "Small");
}

TEST_CASE("issue 13: CorpusReader reads gzip, bzip2 and xz by content, and reports damaged data") {
  testing::TempDir dir;
  dir.write("a.jsonl", "{\"id\":\"g\",\"title\":\"gzipped\"}\n");
  dir.write("b.txt", "Bzipped title\nBzipped body\n");
  dir.write("c.jsonl", "{\"id\":\"x\",\"title\":\"xz\"}\n");
  const std::string d = dir.path().string();
  // Named without a compression suffix: the content decides.
  REQUIRE(std::system(("cd '" + d + "' && gzip -c a.jsonl > feed.jsonl && bzip2 -c b.txt > story.txt && " +
                       "xz -c c.jsonl > more.jsonl")
                          .c_str()) == 0);
  std::filesystem::path damaged =
      dir.write("cut.jsonl", std::string("\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03", 10) + "deflated bytes");
  std::vector<CorpusEntry> entries =
      read_all({d + "/feed.jsonl", d + "/story.txt", d + "/more.jsonl", damaged.string()});
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].article.id == "g");
  CHECK(entries[0].origin == d + "/feed.jsonl:1");
  CHECK(entries[1].article.title == "Bzipped title");
  CHECK(entries[2].article.id == "x");
  REQUIRE(entries[3].skip);
  CHECK(entries[3].skip->reason == SkipReason::kDamagedCompression);
  CHECK(entries[3].origin == damaged.string() + ":1");
  CHECK(entries[3].skip->detail.find("gzip") != std::string::npos);
}

TEST_CASE("issue 13: --format applies to files found in directories and to entries of archives") {
  testing::TempDir dir;
  // Neither name nor content says what these are: without --format a
  // directory's walk leaves them out; with it they are read as told.
  // Columns of the dataset's own names, mapped with --field.
  dir.write("exports/2019.dat", "heading;storytext\nA dat title;A dat body\n");
  dir.write("exports/deep/2020.dat", "heading;storytext\nDeeper title;Deeper body\n");
  const std::string d = dir.path().string();
  REQUIRE(std::system(("cd '" + d + "/exports' && tar czf packed.tgz 2019.dat && mv packed.tgz deep/").c_str()) == 0);
  const FieldKeys keys({{Field::kTitle, "heading"}, {Field::kBody, "storytext"}});
  {
    CorpusReader reader({d + "/exports"}, {.field_keys = keys});
    CHECK_FALSE(reader.next());
    CHECK(reader.files_ignored() == 3);  // the two files and the archive's entry
  }
  CorpusReader reader({d + "/exports"}, {.format = InputFormat::kCsv, .field_keys = keys});
  std::vector<std::string> read;
  while (std::optional<CorpusEntry> entry = reader.next()) {
    INFO(entry->origin);
    REQUIRE_FALSE(entry->skip);
    CHECK(entry->format == "csv");
    read.push_back(entry->origin + " " + entry->article.title);
  }
  CHECK(read == std::vector<std::string>{d + "/exports/2019.dat:2 A dat title",
                                         d + "/exports/deep/2020.dat:2 Deeper title",
                                         d + "/exports/deep/packed.tgz:2019.dat:2 A dat title"});
  CHECK(reader.files_ignored() == 0);
}

TEST_CASE("issue 13: a CSV header without a --field column, or naming a field's column twice, is warned about once") {
  testing::TempDir dir;
  // The dataset calls its text "maintext" and has two "Title" columns, the
  // first blank in the second row; the user typed --field body=main_text.
  dir.write("export.csv",
            "id,Title,title,maintext\n1,First title,Other,First body\n2,,Second title,Second body\n"
            "3,Third title,,Third body\n");
  const FieldKeys keys({{Field::kBody, "main_text"}, {Field::kAuthor, "maintext"}});
  std::vector<CorpusEntry> entries =
      read_all({(dir.path() / "export.csv").string()}, {.field_keys = keys, .default_lang = "en"});
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].warnings ==
        std::vector<std::string>{"--field body=main_text: the header row (line 1) has no column \"main_text\"; "
                                 "body is read from its usual columns",
                                 "the header row (line 1) names \"title\" in columns 2 and 3: the first of them "
                                 "that is not blank is read"});
  CHECK(entries[1].warnings.empty());
  CHECK(entries[2].warnings.empty());
  // What the warnings say is what is read.
  CHECK(entries[0].article.title == "First title");
  CHECK(entries[1].article.title == "Second title");
  CHECK(entries[0].article.body.empty());  // "maintext" went to author, as asked
  CHECK(entries[0].article.author == "First body");
  // A header that holds every --field column, each once, says nothing.
  CHECK(csv_header_warnings({"id", "headline", "main_text"}, 1, keys).size() == 1);  // "maintext" is missing
  CHECK(csv_header_warnings({"id", "headline", "main_text", "maintext"}, 1, keys).empty());
}

TEST_CASE("issue 13: with --format, a file of another kind in a directory is reported, not passed over") {
  testing::TempDir dir;
  dir.write("pages/README", "These are the pages of the 2019 crawl.\n");
  dir.write("pages/story.jsonl", "{\"id\":\"s1\",\"title\":\"Story\"}\n");
  std::vector<CorpusEntry> entries = read_all({(dir.path() / "pages").string()}, {.format = InputFormat::kJsonLines});
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].origin == (dir.path() / "pages/README").string() + ":1");
  REQUIRE(entries[0].skip);
  CHECK(entries[0].skip->reason == SkipReason::kMalformedJson);
  CHECK(entries[1].article.id == "s1");
}

TEST_CASE("default_max_article_bytes is 16 MiB, or a 32nd of the memory budget when smaller") {
  CHECK(default_max_article_bytes(std::uint64_t{1} << 30) == std::uint64_t{16} << 20);
  CHECK(default_max_article_bytes(std::uint64_t{64} << 20) == std::uint64_t{2} << 20);
  CHECK(default_max_article_bytes(std::uint64_t{16} << 20) == std::uint64_t{512} << 10);
  CHECK(CorpusReaderOptions{}.max_article_bytes == std::uint64_t{16} << 20);
}

TEST_CASE("issue 13: a feed the XML parser stops in is reported once, saying where and that the rest is not read") {
  testing::TempDir dir;
  std::string xml =
      "<rss><channel>\n<item><title>before</title><description>kept</description></item>\n<item>"
      "<description>";
  for (int i = 0; i < 300; ++i) xml += "<d>";  // deeper than libxml2 goes
  xml += "deep";
  for (int i = 0; i < 300; ++i) xml += "</d>";
  xml += "</description></item>\n<item><title>after</title></item></channel></rss>";
  dir.write("deep.rss", xml);
  std::vector<CorpusEntry> entries = read_all({(dir.path() / "deep.rss").string()});
  REQUIRE(entries.size() == 3);  // the first item, the second (cut to nothing: no article), the report
  CHECK(entries[0].article.title == "before");
  REQUIRE(entries[2].skip);
  CHECK(entries[2].skip->reason == SkipReason::kMalformedXml);
  const std::string& detail = entries[2].skip->detail;
  CHECK(detail.find("deep.rss:3: the XML parser stopped here; the rest of the document is not read") !=
        std::string::npos);
  CHECK(detail.find("not read") == detail.rfind("not read"));  // said once
}

TEST_CASE("issue 13: a .json file holding an array, or pretty-printed objects, gives one article per record") {
  testing::TempDir dir;
  // A scraper's dump: one array; news-please: one indented object per file.
  dir.write("dump.json",
            "[\n  {\n    \"title\": \"Council approves budget\",\n    \"maintext\": \"The council approved it.\",\n"
            "    \"authors\": [{\"@type\": \"Person\", \"name\": \"Ann Lee\"}, {\"name\": \"Ben Ortiz\"}]\n  },\n"
            "  {\"title\": \"Second\", \"text\": \"Body two.\", \"source\": {\"id\": null, \"name\": \"Reuters\"}},\n"
            "  {\"title\": 7},\n"
            "  \"not an object\"\n"
            "]\n");
  dir.write("story.json",
            "{\n  \"title\": \"Storm closes schools\",\n  \"maintext\": \"All schools closed.\",\n"
            "  \"date_publish\": \"2021-09-07 09:30:00\"\n}\n");
  dir.write("lines.json", "{\"title\":\"line one\"}\n{\"title\":\"line two\"}\n");
  const std::string d = dir.path().string();
  std::vector<CorpusEntry> entries = read_all({d + "/dump.json", d + "/story.json", d + "/lines.json"});
  REQUIRE(entries.size() == 7);
  CHECK(entries[0].origin == d + "/dump.json:2");
  CHECK(entries[0].format == "json");
  CHECK(entries[0].article.title == "Council approves budget");
  CHECK(entries[0].article.body == "The council approved it.");
  CHECK(entries[0].article.author == "Ann Lee, Ben Ortiz");  // objects with a name
  CHECK(entries[1].origin == d + "/dump.json:7");
  CHECK(entries[1].article.source == "Reuters");  // NewsAPI's source object
  // A record with no usable field, and an element that is no object, are that record's error.
  CHECK(entries[2].origin == d + "/dump.json:8");
  REQUIRE(entries[2].skip);
  CHECK(entries[2].skip->reason == SkipReason::kNoText);
  REQUIRE(entries[3].skip);
  CHECK(entries[3].skip->reason == SkipReason::kNotAnObject);
  CHECK(entries[3].origin == d + "/dump.json:9");
  CHECK(entries[4].origin == d + "/story.json:1");
  CHECK(entries[4].article.title == "Storm closes schools");
  CHECK(entries[4].article.published_unix_s == dates::unix_from_civil(2021, 9, 7) + std::int64_t{9 * 3600 + 30 * 60});
  // JSON Lines named .json stay lines.
  CHECK(entries[5].origin == d + "/lines.json:1");
  CHECK(entries[5].format == "jsonl");
  CHECK(entries[6].article.title == "line two");
}

TEST_CASE("issue 13: a .json array cut short keeps its records and says so; a record past the limit is skipped") {
  testing::TempDir dir;
  dir.write("cut.json",
            "[\n{\"title\": \"kept\"},\n{\"title\": \"" + std::string(3000, 'x') + "\"},\n{\"title\": \"also kept\"}");
  std::vector<CorpusEntry> entries = read_all({(dir.path() / "cut.json").string()}, {.max_article_bytes = 1024});
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].article.title == "kept");
  REQUIRE(entries[1].skip);
  CHECK(entries[1].skip->reason == SkipReason::kTooLong);
  CHECK(entries[1].origin == (dir.path() / "cut.json").string() + ":3");
  CHECK(entries[2].article.title == "also kept");
  REQUIRE(entries[3].skip);
  CHECK(entries[3].skip->reason == SkipReason::kMalformedJson);
  CHECK(entries[3].skip->detail.find("no closing") != std::string::npos);
}

TEST_CASE("issue 13: markup and references in a record's text become text; tickers and plain text stay as written") {
  // A scraped dataset keeps the page's markup in the body, references in the title.
  CorpusEntry scraped = parse(
      R"({"title":"Storm &amp; rain","body":"<p>First paragraph &amp; more.</p><p>Second <a href=\"/x\">link</a>.</p>"})");
  CHECK(scraped.article.title == "Storm & rain");
  CHECK(scraped.article.body == "First paragraph & more.\n\nSecond link.");
  CorpusEntry breaks = parse(R"({"title":"T","body":"Line one<br>line two<br/>line three"})");
  CHECK(breaks.article.body == "Line one\nline two\nline three");
  // Reuters writes tickers in angle brackets: start tags alone are no markup.
  CorpusEntry reuters =
      parse(R"({"title":"DU PONT <DD> WINS SUIT AGAINST PHILLIPS <P>","body":"Du Pont Co <DD> said\nit won.\n"})");
  CHECK(reuters.article.title == "DU PONT <DD> WINS SUIT AGAINST PHILLIPS <P>");
  CHECK(reuters.article.body == "Du Pont Co <DD> said\nit won.");
  // References in plain text are decoded line by line; the lines stay.
  CorpusEntry plain =
      parse(R"({"title":"T","body":"Line one &amp; more.\nLine two &#8217;s end.\n\nRated A- at S&P; fine."})");
  CHECK(plain.article.body == "Line one & more.\nLine two \u2019s end.\n\nRated A- at S&P; fine.");
}

TEST_CASE("issue 13: an object that wraps the records (an API response) gives one article per record") {
  testing::TempDir dir;
  // NewsAPI's response, on one line as the API sends it.
  dir.write("newsapi.json",
            R"({"status":"ok","totalResults":2,"articles":[{"source":{"id":null,"name":"Reuters"},"author":"Ann Lee",)"
            R"("title":"Council approves budget","description":"The council approved it.","url":"https://x.example/1",)"
            R"("publishedAt":"2021-03-04T10:00:00Z"},{"title":"Second","description":"Two."}]})"
            "\n");
  // One level deeper, indented, with a record that is no object.
  dir.write(
      "search.json",
      "{\n \"response\": {\"meta\": {\"hits\": 2},\n  \"docs\": [{\"title\": \"A\", \"text\": \"Body a.\"}, 7]}\n}\n");
  // An object with neither text nor records stays a record without text.
  dir.write("empty.json", "{\"status\": \"error\", \"code\": 429}\n");
  const std::string d = dir.path().string();
  std::vector<CorpusEntry> entries = read_all({d + "/newsapi.json", d + "/search.json", d + "/empty.json"});
  REQUIRE(entries.size() == 5);
  CHECK(entries[0].origin == d + "/newsapi.json:1: articles 1");
  CHECK(entries[0].article.title == "Council approves budget");
  CHECK(entries[0].article.source == "Reuters");
  CHECK(entries[0].article.published_unix_s == dates::unix_from_civil(2021, 3, 4) + 36000);
  CHECK(entries[1].origin == d + "/newsapi.json:1: articles 2");
  CHECK(entries[1].article.body == "Two.");
  CHECK(entries[2].origin == d + "/search.json:1: response.docs 1");
  CHECK(entries[2].format == "json");
  CHECK(entries[2].article.body == "Body a.");
  REQUIRE(entries[3].skip);
  CHECK(entries[3].skip->reason == SkipReason::kNotAnObject);
  CHECK(entries[3].origin == d + "/search.json:1: response.docs 2");
  REQUIRE(entries[4].skip);
  CHECK(entries[4].skip->reason == SkipReason::kNoText);
}

TEST_CASE("a --field path reads a member of a nested object, through objects only") {
  const CorpusReaderOptions options{
      .field_keys = FieldKeys({parse_field_option("title=meta.headline.text"), parse_field_option("body=content.body"),
                               parse_field_option("date=meta.dates.first")})};
  CorpusEntry entry = parse(R"({"meta":{"dates":{"first":"2021-03-04"},"headline":{"text":"Ferry plan","kicker":"x"}},)"
                            R"("content":{"lead":"skip me","body":"The council voted."}})",
                            options);
  REQUIRE_FALSE(entry.skip);
  CHECK(entry.article.title == "Ferry plan");
  CHECK(entry.article.body == "The council voted.");
  CHECK(entry.article.published_unix_s == dates::unix_from_civil(2021, 3, 4));
  CHECK(entry.from.title == "meta.headline.text");
  CHECK(entry.from.body == "content.body");
  // Not through an array, not a member of another name at that depth, not a
  // deeper member of the same name.
  CorpusEntry other = parse(R"({"title":"T","content":[{"body":"in an array"}],"other":{"body":"other"},)"
                            R"("x":{"content":{"body":"deeper"}}})",
                            options);
  CHECK(other.article.body.empty());
  // A key that holds the dots itself is the same path (as Elasticsearch reads it).
  CHECK(parse(R"({"title":"T","content.body":"dotted key"})", options).article.body == "dotted key");
  // Arrays of strings and of {"name"} objects, as the record's own members are read.
  const CorpusReaderOptions authors{.field_keys = FieldKeys({parse_field_option("author=meta.people")})};
  CHECK(parse(R"({"title":"T","meta":{"people":["Ann Lee",{"x":1},"Ben Ortiz"]}})", authors).article.author ==
        "Ann Lee, Ben Ortiz");
  CHECK(parse(R"({"title":"T","meta":{"people":[{"name":"Ann Lee"},{"name":"Ben Ortiz"}]}})", authors).article.author ==
        "Ann Lee, Ben Ortiz");
  CHECK(parse(R"({"title":"T","meta":{"people":{"name":"Ann Lee"}}})", authors).article.author == "Ann Lee");
}

TEST_CASE("a path is only followed as deep as the longest key read, however deep the record nests") {
  const CorpusReaderOptions options{.field_keys = FieldKeys({parse_field_option("title=a.a")})};
  std::string deep = R"({"body":"B","a":)";
  constexpr int kDepth = 50000;
  for (int i = 0; i < kDepth; ++i) deep += R"({"a":)";
  deep += R"("bottom")";
  for (int i = 0; i < kDepth; ++i) deep += "}";
  deep += "}";
  CorpusEntry entry = parse(deep, options);
  REQUIRE_FALSE(entry.skip);
  CHECK(entry.article.title.empty());  // a.a is an object here, not text
  CHECK(entry.article.body == "B");
  CHECK(parse(R"({"body":"B","a":{"a":"two deep"}})", options).article.title == "two deep");
}

TEST_CASE("issue 13: the New York Times and Guardian APIs' records are read without --field") {
  // The NYT Article Search API: {"response": {"docs": [...]}}, titles and
  // bylines in objects. A record's "headline" object is no title itself.
  testing::TempDir dir;
  dir.write("nyt.json",
            R"({"status":"OK","copyright":"(c) NYT","response":{"docs":[{"abstract":"Short.",)"
            R"("web_url":"https://www.nytimes.com/2020/01/02/us/ferry.html","lead_paragraph":"The ferry will run.",)"
            R"("source":"The New York Times","headline":{"main":"Ferry Plan Approved","kicker":null},)"
            R"("pub_date":"2020-01-02T05:00:00+0000","byline":{"original":"By Ann Lee and Ben Ortiz","person":[]},)"
            R"("_id":"nyt://article/0001"}],"meta":{"hits":1}}})"
            "\n");
  // The Guardian's Content API with show-fields=bodyText,byline.
  dir.write("guardian.json",
            R"({"response":{"status":"ok","results":[{"id":"world/2020/jan/02/ferry","webTitle":"Ferry plan",)"
            R"("webPublicationDate":"2020-01-02T10:00:00Z","webUrl":"https://www.theguardian.com/world/ferry",)"
            R"("fields":{"byline":"Cal Diaz","bodyText":"The council voted."}}]}})"
            "\n");
  const std::string d = dir.path().string();
  std::vector<CorpusEntry> entries = read_all({d + "/nyt.json", d + "/guardian.json"});
  REQUIRE(entries.size() == 2);
  const Article& nyt = entries[0].article;
  CHECK(entries[0].origin == d + "/nyt.json:1: response.docs 1");
  CHECK(nyt.id == "nyt://article/0001");
  CHECK(nyt.title == "Ferry Plan Approved");
  CHECK(nyt.body == "The ferry will run.");
  CHECK(nyt.url == "https://www.nytimes.com/2020/01/02/us/ferry.html");
  CHECK(nyt.author == "Ann Lee and Ben Ortiz");
  CHECK(nyt.published_unix_s == dates::unix_from_civil(2020, 1, 2) + std::int64_t{5} * 3600);
  CHECK(entries[0].from.title == "headline.main");
  const Article& guardian = entries[1].article;
  CHECK(entries[1].origin == d + "/guardian.json:1: response.results 1");
  CHECK(guardian.id == "world/2020/jan/02/ferry");
  CHECK(guardian.title == "Ferry plan");
  CHECK(guardian.body == "The council voted.");
  CHECK(guardian.author == "Cal Diaz");
  CHECK(guardian.url == "https://www.theguardian.com/world/ferry");
  CHECK(guardian.published_unix_s == dates::unix_from_civil(2020, 1, 2) + std::int64_t{10} * 3600);
}

TEST_CASE("ARC files are read as crawls whatever their name: their HTML captures become pages labelled arc") {
  const std::string page =
      "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Pier</title></head><body><p>Text.</p>"
      "</body></html>";
  auto record = [](const std::string& head, const std::string& block) {
    return head + " " + std::to_string(block.size()) + "\n" + block + "\n";
  };
  const std::string desc = "1 0 Alexa Internet\nURL IP-address Archive-date Content-type Archive-length\n";
  const std::string arc = record("filedesc://IA-001102.arc 0.0.0.0 19961104142103 text/plain", desc) +
                          record("http://www.example.org:80/pier.html 192.0.2.1 19961104142103 text/html", page);
  testing::TempDir dir;
  dir.write("crawl/IA-001102.arc", arc);
  dir.write("crawl/unnamed", arc);
  const std::string d = dir.path().string();
  std::vector<CorpusEntry> entries;
  for (CorpusEntry& entry : read_all({d + "/crawl/IA-001102.arc", d + "/crawl/unnamed"})) {
    if (entry.origin.ends_with(":record 1")) {
      // The filedesc record, left out under its ARC name, not as a WARC warcinfo.
      REQUIRE(entry.left_out);
      CHECK(entry.left_out->category == "ARC filedesc");
      CHECK(entry.format == "arc");
      continue;
    }
    entries.push_back(std::move(entry));
  }
  REQUIRE(entries.size() == 2);
  for (const CorpusEntry& entry : entries) {
    CAPTURE(entry.origin);
    REQUIRE_FALSE(entry.skip);
    CHECK(entry.format == "arc");
    REQUIRE(entry.page);
    CHECK(entry.page->url == "http://www.example.org:80/pier.html");
    CHECK(entry.page->capture_date == "1996-11-04T14:21:03Z");
  }
  CHECK(entries[0].origin == d + "/crawl/IA-001102.arc:record 2");
  CHECK(entries[1].origin == d + "/crawl/unnamed:record 2");
}

TEST_CASE("an Elasticsearch hit is read as its _source, alone (elasticdump) or in a search response") {
  testing::TempDir dir;
  dir.write("dump.jsonl",
            R"({"_index":"news","_type":"_doc","_id":"a1","_score":1,"_source":{"title":"Ferry plan","body":"B1"}})"
            "\n"
            R"({"_index":"news","_id":"a2","_source":{"id":"own-id","title":"Second","body":"B2"}})"
            "\n"
            R"({"_index":"news","_id":"a3","_source":{"tags":["x"]}})"
            "\n");
  dir.write("search.json",
            "{\n  \"took\": 3, \"timed_out\": false,\n"
            "  \"_shards\": {\"total\": 2, \"failed\": 1, \"failures\": [{\"shard\": 1, \"reason\": {}}]},\n"
            "  \"hits\": {\"total\": {\"value\": 1}, \"hits\": [\n"
            "    {\"_index\": \"news\", \"_id\": \"s1\", \"_source\": {\"headline\": \"Found\", \"text\": \"Body.\"}}\n"
            "  ]}\n}\n");
  const std::string d = dir.path().string();
  std::vector<CorpusEntry> entries = read_all({d + "/dump.jsonl", d + "/search.json"});
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].origin == d + "/dump.jsonl:1");
  CHECK(entries[0].article.id == "a1");
  CHECK(entries[0].from.id == "_id");
  CHECK(entries[0].article.title == "Ferry plan");
  CHECK(entries[1].article.id == "own-id");  // the _source's own id first
  CHECK(entries[1].article.body == "B2");
  REQUIRE(entries[2].skip);  // a hit whose _source holds no text is that record's error
  CHECK(entries[2].skip->reason == SkipReason::kNoText);
  CHECK(entries[2].origin == d + "/dump.jsonl:3");
  CHECK(entries[3].origin == d + "/search.json:1: hits.hits 1");
  CHECK(entries[3].article.id == "s1");
  CHECK(entries[3].article.title == "Found");
  CHECK(entries[3].format == "json");
}

TEST_CASE("MongoDB's extended JSON, as mongoexport writes it, gives ids, dates and numbers") {
  const std::int64_t when = dates::unix_from_civil(2020, 1, 2) + std::int64_t{3 * 3600 + 4 * 60 + 5};
  // Relaxed form (mongoexport since 4.2): ISO dates.
  CorpusEntry relaxed = parse(
      R"({"_id":{"$oid":"5e0d1a2b3c4d5e6f7a8b9c0d"},"title":"T","text":"B","date":{"$date":"2020-01-02T03:04:05Z"}})");
  REQUIRE_FALSE(relaxed.skip);
  CHECK(relaxed.warnings.empty());
  CHECK(relaxed.article.id == "5e0d1a2b3c4d5e6f7a8b9c0d");
  CHECK(relaxed.from.id == "_id");
  CHECK(relaxed.article.published_unix_s == when);
  // Canonical form: milliseconds as a string; the legacy form: as a number.
  CHECK(parse(R"({"title":"T","published":{"$date":{"$numberLong":"1577934245000"}}})").article.published_unix_s ==
        when);
  CHECK(parse(R"({"title":"T","date":{"$date":1577934245000}})").article.published_unix_s == when);
  CHECK(parse(R"({"title":"T","id":{"$numberLong":"42"}})").article.id == "42");
  // What is no date stays a date problem, said as written.
  CorpusEntry bad = parse(R"({"title":"T","date":{"$date":{"$numberLong":"soon"}}})");
  CHECK_FALSE(bad.article.published_unix_s);
  REQUIRE(bad.warnings.size() == 1);
  CHECK(bad.warnings[0].find("\"soon\"") != std::string::npos);
  // Only a member's own object stands for it, not one nested deeper.
  CHECK_FALSE(parse(R"({"title":"T","date":{"at":{"$date":"2020-01-02T03:04:05Z"}}})").article.published_unix_s);
  // Names still come from {"name": ...}, in arrays too.
  CHECK(parse(R"({"title":"T","authors":[{"name":"Ann Lee"}],"source":{"name":"Reuters"}})").article.source ==
        "Reuters");
}

TEST_CASE("a byline's \"By\" is dropped from JSON and CSV authors") {
  CHECK(parse(R"({"title":"T","byline":"By  Ann Lee"})").article.author == "Ann Lee");
  CHECK(parse(R"({"title":"T","authors":["By Ann Lee","Ben Ortiz"]})").article.author == "Ann Lee, Ben Ortiz");
  CHECK(parse(R"({"title":"T","author":"Bystander Press"})").article.author == "Bystander Press");
  testing::TempDir dir;
  dir.write("a.csv", "title,author\nT,BY ANN LEE\n");
  std::vector<CorpusEntry> entries = read_all({(dir.path() / "a.csv").string()});
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].article.author == "ANN LEE");
}

}  // namespace
}  // namespace newsdex::index
