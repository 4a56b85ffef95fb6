#include "indexer/readers/warc_reader.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/readers/archive_reader.h"
#include "indexer/readers/http_response.h"
#include "indexer/readers/warc_article.h"
#include "tests/indexer/test_support.h"

namespace newsdex::readers {
namespace {

using index::testing::TempDir;

using index::testing::StringStream;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// `bytes` through a compressor's command line (gzip, brotli, zstd, python3).
std::string compress_with(const TempDir& dir, const std::string& command, const std::string& bytes) {
  dir.write("in", bytes);
  const std::string line = "cd '" + dir.path().string() + "' && " + command + " < in > out 2>/dev/null";
  REQUIRE_MESSAGE(std::system(line.c_str()) == 0, "failed: " << command);
  return read_file(dir.path() / "out");
}

int next_id = 0;

std::string warc_record(const std::string& type, const std::string& uri, const std::string& block,
                        const std::string& extra = "", std::optional<std::size_t> length = std::nullopt,
                        const std::string& version = "WARC/1.0") {
  std::string head = version + "\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) head += "WARC-Target-URI: " + uri + "\r\n";
  head += "WARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:test-" + std::to_string(++next_id) + ">\r\n";
  head += extra;
  head += "Content-Length: " + std::to_string(length.value_or(block.size())) + "\r\n\r\n";
  return head + block + "\r\n\r\n";
}

std::string response_record(const std::string& uri, const std::string& http, const std::string& extra = "",
                            std::optional<std::size_t> length = std::nullopt) {
  return warc_record("response", uri, http, "Content-Type: application/http; msgtype=response\r\n" + extra, length);
}

std::string http(const std::string& status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body;
}

const std::string kPage =
    "<!DOCTYPE html><html><head><title>Pier closed for repairs</title></head><body><article>"
    "<h1>Pier closed for repairs</h1>"
    "<p>The harbour authority voted on Tuesday to close the northern pier for repairs, after inspectors found "
    "cracks in three of its concrete supports, the chairwoman said.</p>"
    "<p>Fishing boats will dock at the southern quay until the work is finished, which engineers expect to take "
    "about eleven weeks, weather permitting, and cost the city close to two million euros.</p>"
    "<p>Local traders, who depend on the market held on the pier every Saturday, asked the council for help with "
    "the cost of moving their stalls, and the mayor promised an answer by the end of the month.</p>"
    "</article></body></html>";

std::vector<WarcRecord> read_warc(const std::string& data, WarcReaderOptions options = {},
                                  std::size_t max_read = SIZE_MAX, WarcCounts* counts = nullptr) {
  WarcReader reader(std::make_unique<StringStream>(data, max_read), "t.warc", options);
  std::vector<WarcRecord> out;
  while (std::optional<WarcRecord> record = reader.next()) {
    out.push_back(std::move(*record));
    REQUIRE(out.size() < 10000);
  }
  if (counts != nullptr) *counts = reader.counts();
  return out;
}

std::uint64_t skipped(const WarcCounts& counts, WarcSkipReason reason) {
  return counts.skipped[static_cast<std::size_t>(reason)];
}

std::string summary(const std::vector<WarcRecord>& records) {
  std::string out;
  for (const WarcRecord& r : records) {
    out += r.origin + " " + r.type + ": " +
           (r.error  ? "error"
            : r.skip ? std::string(describe(*r.skip))
                     : std::string("html")) +
           " " + r.detail + "\n";
  }
  return out;
}

TEST_CASE("HTTP media types: parameters, quotes, no space, and Fetch's rule for several headers") {
  CHECK(parse_media_type("text/html; charset=UTF-8").essence == "text/html");
  CHECK(parse_media_type("text/html; charset=UTF-8").charset == "UTF-8");
  CHECK(parse_media_type("Text/HTML;Charset=\"EUC-JP\"").charset == "EUC-JP");
  CHECK(parse_media_type("application/http;msgtype=response").essence == "application/http");
  CHECK(parse_media_type("text/html; foo=bar; charset=gb2312").charset == "gb2312");
  CHECK(parse_media_type("html").essence.empty());
  CHECK(parse_media_type("").essence.empty());

  HttpResponse response = parse_http_response(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Type: text/html\r\n\r\n<p>x</p>");
  MediaType type = response_media_type(response);
  CHECK(type.essence == "text/html");
  CHECK(type.charset == "utf-8");  // kept: the later header has the same essence and no charset
  response = parse_http_response("HTTP/1.1 200 OK\nContent-Type: text/plain; charset=x\nContent-Type: text/html\n\n");
  type = response_media_type(response);
  CHECK(type.essence == "text/html");
  CHECK(type.charset.empty());  // a new essence drops the earlier charset

  CHECK(is_html_media_type("application/xhtml+xml"));
  CHECK_FALSE(is_html_media_type("text/plain"));
  CHECK(starts_like_html_page("\xEF\xBB\xBF  \n<!DOCTYPE HTML PUBLIC"));
  CHECK(starts_like_html_page("<html lang=en>"));
  CHECK_FALSE(starts_like_html_page("%PDF-1.4"));
  CHECK_FALSE(starts_like_html_page("{\"a\":1}"));
}

TEST_CASE("HTTP responses: LF-only lines, folded headers, interim 100 Continue, no status line") {
  HttpResponse response = parse_http_response(
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\nServer: a\n  b\nContent-Length: 4\nbroken line\n\nbody");
  CHECK(response.version == "HTTP/1.0");
  CHECK(response.status == 200);
  CHECK(response.reason == "OK");
  CHECK(response.header("server") == "a b");
  CHECK(response.header("CONTENT-LENGTH") == "4");
  CHECK(response.headers.size() == 2);
  std::string bytes =
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\nServer: a\n  b\nContent-Length: 4\nbroken line\n\nbody";
  CHECK(bytes.substr(response.body_offset) == "body");
  CHECK(parse_http_response("HTTP/2 404\r\n\r\n").status == 404);
  CHECK_THROWS_WITH_AS(parse_http_response("<html>not http</html>"), doctest::Contains("no HTTP status line"), Error);
}

TEST_CASE("WARC reader gives each record its verdict and the HTML pages their capture fields") {
  std::string warc;
  warc += warc_record("warcinfo", "", "software: test\r\n", "Content-Type: application/warc-fields\r\n");
  warc += warc_record("request", "https://news.example/a", "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
                      "Content-Type: application/http; msgtype=request\r\n");
  // wget 1.20 writes the URI in angle brackets.
  warc += response_record("<https://news.example/a>",
                          http("200 OK", "Content-Type: text/html; charset=ISO-8859-1\r\n", kPage),
                          "WARC-Payload-Digest: sha1:AAAA\r\n");
  warc += warc_record("metadata", "https://news.example/a", "outlink: https://news.example/b\r\n",
                      "Content-Type: application/warc-fields\r\n");
  warc += response_record("https://news.example/logo.png", http("200 OK", "Content-Type: image/png\r\n", "\x89PNG"));
  warc += warc_record("resource", "file:///archive/b.html", kPage, "Content-Type: text/html; charset=utf-8\r\n");
  warc += warc_record("revisit", "https://news.example/a", http("200 OK", "Content-Type: text/html\r\n", ""),
                      "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n");
  warc += response_record("https://news.example/old",
                          http("301 Moved Permanently", "Location: https://news.example/b\r\n", ""));
  warc +=
      response_record("https://news.example/gone", http("404 Not Found", "Content-Type: text/html\r\n", "<p>x</p>"));
  warc += warc_record("response", "dns:news.example", "20240305100000\nnews.example. 300 IN A 192.0.2.1\n",
                      "Content-Type: text/dns\r\n");
  warc += warc_record("conversion", "https://news.example/a", "plain text", "Content-Type: text/plain\r\n");
  warc += response_record("https://news.example/empty", http("200 OK", "Content-Type: text/html\r\n", ""));
  warc += response_record("https://news.example/untyped", http("200 OK", "Server: x\r\n", kPage));
  warc += response_record("https://news.example/doc", http("200 OK", "Server: x\r\n", "%PDF-1.4 ..."));
  warc += response_record("https://news.example/c", http("500 Internal Server Error", "", ""));

  for (std::size_t max_read : {SIZE_MAX, std::size_t{7}}) {
    CAPTURE(max_read);
    WarcCounts counts;
    std::vector<WarcRecord> records = read_warc(warc, {}, max_read, &counts);
    INFO(summary(records));
    REQUIRE(records.size() == 15);
    CHECK(counts.records == 15);
    CHECK(counts.html == 3);
    CHECK(counts.errors == 0);
    CHECK(skipped(counts, WarcSkipReason::kWarcinfo) == 1);
    CHECK(skipped(counts, WarcSkipReason::kRequest) == 1);
    CHECK(skipped(counts, WarcSkipReason::kMetadata) == 1);
    CHECK(skipped(counts, WarcSkipReason::kNotHtml) == 2);
    CHECK(skipped(counts, WarcSkipReason::kRevisit) == 1);
    CHECK(skipped(counts, WarcSkipReason::kRedirect) == 1);
    CHECK(skipped(counts, WarcSkipReason::kHttpError) == 2);
    CHECK(skipped(counts, WarcSkipReason::kDns) == 1);
    CHECK(skipped(counts, WarcSkipReason::kOtherType) == 1);
    CHECK(skipped(counts, WarcSkipReason::kEmpty) == 1);

    const WarcRecord& page = records[2];
    CHECK(page.origin == "t.warc:record 3");
    CHECK(page.record_number == 3);
    CHECK(page.type == "response");
    REQUIRE(page.html);
    CHECK(page.html->origin == "t.warc:record 3");
    CHECK(page.html->target_uri == "https://news.example/a");
    CHECK(page.html->capture_date == "2024-03-05T10:00:00Z");
    CHECK(page.html->record_id.starts_with("<urn:uuid:test-"));
    CHECK(page.html->http_status == 200);
    CHECK(page.html->media_type == "text/html");
    CHECK(page.html->charset == "ISO-8859-1");
    CHECK(page.html->body == kPage);
    CHECK(page.warnings.empty());

    CHECK(records[4].detail == "image/png");
    REQUIRE(records[5].html);
    CHECK(records[5].html->http_status == 0);
    CHECK(records[5].html->charset == "utf-8");
    CHECK(records[7].detail == "301 -> https://news.example/b");
    CHECK(records[8].detail == "404 Not Found");
    CHECK(records[10].detail == "conversion");
    REQUIRE(records[12].html);  // no Content-Type, but it is HTML
    CHECK(records[13].detail == "no Content-Type");
    CHECK(records[14].detail == "500 Internal Server Error");
  }
}

TEST_CASE("WARC reader removes chunked, gzip, deflate, br and zstd codings from payloads") {
  TempDir dir;
  const std::string gz = compress_with(dir, "gzip -c", kPage);
  const std::string br = compress_with(dir, "brotli -c", kPage);
  const std::string zst = compress_with(dir, "zstd -q -c", kPage);
  const std::string zlib = compress_with(
      dir, "python3 -c 'import sys,zlib; sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read()))'", kPage);
  auto chunked = [](const std::string& bytes, std::size_t size) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += size) {
      std::string part = bytes.substr(i, size);
      char hex[32];
      std::snprintf(hex, sizeof hex, "%zx", part.size());
      out += std::string(hex) + (i == 0 ? ";ext=1" : "") + "\r\n" + part + "\r\n";
    }
    return out + "0\r\nX-Trailer: y\r\n\r\n";
  };
  std::string warc;
  warc += response_record("https://a.example/gzip",
                          http("200 OK", "Content-Encoding: gzip\r\nContent-Type: text/html\r\n", gz));
  warc += response_record("https://a.example/br",
                          http("200 OK", "Content-Encoding: br\r\nContent-Type: text/html\r\n", br));
  warc += response_record("https://a.example/zstd",
                          http("200 OK", "Content-Encoding: zstd\r\nContent-Type: text/html\r\n", zst));
  warc += response_record("https://a.example/deflate",
                          http("200 OK", "Content-Encoding: deflate\r\nContent-Type: text/html\r\n", zlib));
  warc +=
      response_record("https://a.example/chunked",
                      http("200 OK", "Transfer-Encoding: chunked\r\nContent-Type: text/html\r\n", chunked(kPage, 100)));
  warc += response_record(
      "https://a.example/chunked-gzip",
      http("200 OK", "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\n",
           chunked(gz, 37)));
  warc += response_record(
      "https://a.example/chunked-br",
      http("200 OK", "Content-Type: text/html\r\nContent-Encoding: br\r\nTransfer-Encoding: chunked\r\n",
           chunked(br, 64)));
  std::vector<WarcRecord> records = read_warc(warc);
  INFO(summary(records));
  REQUIRE(records.size() == 7);
  for (const WarcRecord& record : records) {
    CAPTURE(record.target_uri);
    REQUIRE(record.html);
    CHECK(record.html->body == kPage);
    CHECK(record.warnings.empty());
  }
}

TEST_CASE("WARC reader is tolerant of codings declared but not applied, and of bodies cut short") {
  TempDir dir;
  const std::string gz = compress_with(dir, "gzip -c", kPage);
  std::string warc;
  // ClueWeb09 stored decoded bodies under "Content-Encoding: gzip".
  warc += response_record("https://a.example/1",
                          http("200 OK", "Content-Encoding: gzip\r\nContent-Type: text/html\r\n", kPage));
  warc += response_record("https://a.example/2",
                          http("200 OK", "Transfer-Encoding: chunked\r\nContent-Type: text/html\r\n", kPage));
  warc += response_record(
      "https://a.example/3",
      http("200 OK", "Content-Encoding: gzip\r\nContent-Type: text/html\r\n", gz.substr(0, gz.size() / 2)),
      "WARC-Truncated: length\r\n");
  warc += response_record("https://a.example/4", http("200 OK", "Content-Encoding: gzip\r\nContent-Type: text/html\r\n",
                                                      "\x01\x02 binary junk"));
  warc += response_record("https://a.example/5",
                          http("200 OK", "Content-Encoding: compress\r\nContent-Type: text/html\r\n", "x"));
  std::vector<WarcRecord> records = read_warc(warc);
  INFO(summary(records));
  REQUIRE(records.size() == 5);
  REQUIRE(records[0].html);
  CHECK(records[0].html->body == kPage);
  REQUIRE(records[0].warnings.size() == 1);
  CHECK(records[0].warnings[0] == "Content-Encoding: gzip, but the body is not gzip data: taken as it is");
  REQUIRE(records[1].html);
  CHECK(records[1].html->body == kPage);
  CHECK(records[1].warnings.size() == 1);
  REQUIRE(records[2].html);
  CHECK(kPage.starts_with(records[2].html->body));
  CHECK(records[2].html->body.size() < kPage.size());
  CHECK(records[2].warnings.size() == 2);  // WARC-Truncated, and the cut gzip data
  CHECK(records[3].error);
  CHECK(records[3].detail.find("damaged gzip data") != std::string::npos);
  CHECK(records[4].error);
  CHECK(records[4].detail.find("compress is not a coding") != std::string::npos);
}

TEST_CASE("WARC reader parses LF-only HTTP headers of WARC/0.18 records, as ClueWeb09 wrote them") {
  const std::string block =
      "HTTP/1.1 200 OK\nContent-Type: text/html; charset=EUC-JP\nContent-Encoding: gzip\n"
      "Content-Length: 99\n\n" +
      kPage;
  const std::string warc =
      warc_record("warcinfo", "", "format: WARC file version 0.18\n", "", std::nullopt, "WARC/0.18") +
      warc_record("response", "http://shop.example/item/1", block,
                  "WARC-Date: 2008-10-294T05:21:46-0700\r\nContent-Type: application/http;msgtype=response\r\n"
                  "WARC-Identified-Payload-Type: \r\n",
                  std::nullopt, "WARC/0.18");
  std::vector<WarcRecord> records = read_warc(warc);
  INFO(summary(records));
  REQUIRE(records.size() == 2);
  REQUIRE(records[1].html);
  CHECK(records[1].html->http_status == 200);
  CHECK(records[1].html->charset == "EUC-JP");
  CHECK(records[1].html->body == kPage);
}

TEST_CASE("WARC reader does not apply Common Crawl's renamed transport headers") {
  const std::string warc = response_record(
      "http://cc.example/", http("200 OK",
                                 "Content-Type: text/html\r\nX-Crawler-Content-Encoding: gzip\r\n"
                                 "X-Crawler-Transfer-Encoding: chunked\r\nX-Crawler-Content-Length: 5000\r\n",
                                 kPage));
  std::vector<WarcRecord> records = read_warc(warc);
  REQUIRE(records.size() == 1);
  REQUIRE(records[0].html);
  CHECK(records[0].html->body == kPage);
  CHECK(records[0].warnings.empty());
}

TEST_CASE("WARC reader reports a Content-Length that lies and resumes at the next record") {
  const std::string one = response_record("https://a.example/1", http("200 OK", "Content-Type: text/html\r\n", kPage));
  const std::string page2 = http("200 OK", "Content-Type: text/html\r\n", kPage);
  const std::string three =
      response_record("https://a.example/3", http("200 OK", "Content-Type: text/html\r\n", kPage));
  const std::string four = warc_record("metadata", "https://a.example/3", "via: x\r\n");

  SUBCASE("longer than the data") {
    const std::string liar = response_record("https://a.example/2", page2, "", page2.size() + 5000);
    std::vector<WarcRecord> records = read_warc(one + liar, {}, 1000);
    INFO(summary(records));
    REQUIRE(records.size() == 2);
    CHECK(records[0].html);
    CHECK(records[1].error);
    CHECK(records[1].origin == "t.warc:record 2");
    CHECK(records[1].detail.starts_with("Content-Length " + std::to_string(page2.size() + 5000) + " (<urn:uuid:test-"));
    CHECK(records[1].detail.find("runs past the end of the data") != std::string::npos);
  }
  SUBCASE("longer, into the next record") {
    const std::string liar = response_record("https://a.example/2", page2, "", page2.size() + 200);
    WarcCounts counts;
    std::vector<WarcRecord> records = read_warc(one + liar + three + four, {}, SIZE_MAX, &counts);
    INFO(summary(records));
    REQUIRE(records.size() == 4);
    CHECK(records[1].error);
    CHECK(records[1].detail.find("does not end the record") != std::string::npos);
    REQUIRE(records[2].html);
    CHECK(records[2].record_number == 3);
    CHECK(records[2].html->target_uri == "https://a.example/3");
    CHECK(records[3].skip == WarcSkipReason::kMetadata);
    CHECK(counts.errors == 1);
    CHECK(counts.html == 2);
  }
  SUBCASE("shorter") {
    const std::string liar = response_record("https://a.example/2", page2, "", page2.size() - 50);
    std::vector<WarcRecord> records = read_warc(one + liar + three, {}, 100);
    INFO(summary(records));
    REQUIRE(records.size() == 3);
    CHECK(records[1].error);
    CHECK(records[1].detail.find("does not end the record") != std::string::npos);
    REQUIRE(records[2].html);
    CHECK(records[2].html->target_uri == "https://a.example/3");
  }
  SUBCASE("not a number") {
    std::string bad = response_record("https://a.example/2", page2);
    bad.replace(bad.find("Content-Length: "), 16, "Content-Length: x");
    std::vector<WarcRecord> records = read_warc(one + bad + three);
    INFO(summary(records));
    REQUIRE(records.size() == 3);
    CHECK(records[1].error);
    CHECK(records[1].detail.find("no valid Content-Length") != std::string::npos);
    CHECK(records[2].html);
  }
  SUBCASE("a header that never ends") {
    std::string endless = "WARC/1.0\r\nWARC-Type: response\r\n";
    while (endless.size() < 100000) endless += "X-Filler: more and more header lines\r\n";
    for (std::size_t max_read : {SIZE_MAX, std::size_t{4096}}) {
      CAPTURE(max_read);
      std::vector<WarcRecord> records = read_warc(one + endless + three, {}, max_read);
      INFO(summary(records));
      REQUIRE(records.size() == 3);
      CHECK(records[1].error);
      CHECK(records[1].detail.find("the WARC header runs over 64 KiB") != std::string::npos);
      REQUIRE(records[2].html);
      CHECK(records[2].html->target_uri == "https://a.example/3");
    }
  }
  SUBCASE("garbage between records") {
    // Record 1 ends with its CR LF CR LF: the garbage is no fault of its length.
    std::vector<WarcRecord> records = read_warc(one + "garbage that is no record\r\n" + three);
    INFO(summary(records));
    REQUIRE(records.size() == 3);
    CHECK(records[0].html);
    CHECK(records[1].error);
    CHECK(records[1].origin == "t.warc:record 2");
    CHECK(records[1].detail.find("no WARC record starts here: found \"garbage that is no recor...\"") !=
          std::string::npos);
    CHECK(records[2].html);
  }
}

TEST_CASE("WARC reader streams past records too large to hold") {
  WarcReaderOptions options;
  options.max_block_bytes = 2000;
  const std::string big_image = response_record("https://a.example/big.jpg",
                                                http("200 OK", "Content-Type: image/jpeg\r\n", std::string(5000, 'j')));
  const std::string big_page = response_record(
      "https://a.example/big.html", http("200 OK", "Content-Type: text/html\r\n", kPage + std::string(5000, ' ')));
  const std::string small =
      response_record("https://a.example/ok", http("200 OK", "Content-Type: text/html\r\n", kPage));
  std::vector<WarcRecord> records = read_warc(big_image + big_page + small, options, 300);
  INFO(summary(records));
  REQUIRE(records.size() == 3);
  CHECK(records[0].skip == WarcSkipReason::kNotHtml);
  CHECK(records[1].error);
  CHECK(records[1].detail.find("more than 2000 bytes") != std::string::npos);
  REQUIRE(records[2].html);
  CHECK(records[2].html->body == kPage);
}

TEST_CASE("WARC reader indexes a capture once: same URL and payload digest is a duplicate") {
  std::string warc;
  const std::string page = http("200 OK", "Content-Type: text/html\r\n", kPage);
  warc += response_record("https://a.example/p", page, "WARC-Payload-Digest: sha1:X\r\n");
  warc += response_record("https://a.example/p", page, "WARC-Payload-Digest: sha1:X\r\n");
  warc += response_record("https://a.example/p", page, "WARC-Payload-Digest: sha1:Y\r\n");
  warc += response_record("https://a.example/q", page, "WARC-Payload-Digest: sha1:X\r\n");
  // Without a digest: the same decoded body.
  warc += response_record("https://a.example/r", page);
  warc += response_record("https://a.example/r", page);
  warc += response_record("https://a.example/r", http("200 OK", "Content-Type: text/html\r\n", kPage + " "));
  WarcCounts counts;
  std::vector<WarcRecord> records = read_warc(warc, {}, SIZE_MAX, &counts);
  INFO(summary(records));
  REQUIRE(records.size() == 7);
  CHECK(records[0].html);
  CHECK(records[1].skip == WarcSkipReason::kDuplicate);
  CHECK(records[2].html);
  CHECK(records[3].html);
  CHECK(records[4].html);
  CHECK(records[5].skip == WarcSkipReason::kDuplicate);
  CHECK(records[6].html);
  CHECK(counts.html == 5);
  CHECK(skipped(counts, WarcSkipReason::kDuplicate) == 2);
}

// A .warc.gz with one gzip member per record, written by the gzip tool.
std::string gzip_per_record(const TempDir& dir, const std::vector<std::string>& records) {
  std::string out;
  for (const std::string& record : records) out += compress_with(dir, "gzip -c", record);
  return out;
}

std::vector<WarcRecord> read_warc_file(const std::filesystem::path& path, WarcCounts* counts = nullptr) {
  auto archive = ArchiveReader::open_file(path.string());
  std::optional<ArchiveEntry> entry = archive->next();
  REQUIRE(entry);
  REQUIRE_FALSE(entry->error);
  WarcReader reader(archive->entry_stream(), entry->origin);
  std::vector<WarcRecord> out;
  while (std::optional<WarcRecord> record = reader.next()) {
    out.push_back(std::move(*record));
    REQUIRE(out.size() < 10000);
  }
  if (counts != nullptr) *counts = reader.counts();
  CHECK_FALSE(archive->next());
  return out;
}

TEST_CASE("WARC reader: a damaged gzip member costs its record only") {
  TempDir dir;
  std::vector<std::string> plain;
  for (int i = 1; i <= 4; ++i) {
    plain.push_back(response_record("https://a.example/" + std::to_string(i),
                                    http("200 OK", "Content-Type: text/html\r\n", kPage + std::to_string(i))));
  }
  std::vector<std::string> members;
  members.reserve(plain.size());
  for (const std::string& record : plain) members.push_back(compress_with(dir, "gzip -c", record));
  for (std::size_t i = members[1].size() / 2; i < members[1].size() / 2 + 16; ++i) {
    members[1][i] = static_cast<char>(members[1][i] ^ 0x33);
  }
  const auto path = dir.write("d.warc.gz", members[0] + members[1] + members[2] + members[3]);
  WarcCounts counts;
  std::vector<WarcRecord> records = read_warc_file(path, &counts);
  INFO(summary(records));
  REQUIRE(records.size() == 4);
  CHECK(records[0].html);
  CHECK(records[1].error);
  CHECK(records[1].origin == path.string() + ":record 2");
  CHECK(records[1].detail.find("corrupt gzip data") != std::string::npos);
  REQUIRE(records[2].html);
  CHECK(records[2].record_number == 3);
  CHECK(records[2].html->target_uri == "https://a.example/3");
  REQUIRE(records[3].html);
  CHECK(counts.errors == 1);

  SUBCASE("a .warc.gz cut inside its last member") {
    std::string cut = gzip_per_record(dir, plain);
    cut.resize(cut.size() - members[3].size() / 2);
    const auto cut_path = dir.write("cut.warc.gz", cut);
    records = read_warc_file(cut_path);
    INFO(summary(records));
    REQUIRE(records.size() == 4);
    CHECK(records[2].html);
    CHECK(records[3].error);
    CHECK(records[3].detail.find("truncated") != std::string::npos);
  }
  SUBCASE("one gzip stream for the whole file") {
    const auto whole = dir.write("whole.warc.gz", compress_with(dir, "gzip -c", plain[0] + plain[1] + plain[2]));
    records = read_warc_file(whole);
    REQUIRE(records.size() == 3);
    for (const WarcRecord& record : records) CHECK(record.html);
  }
}

TEST_CASE("WARC files inside a tar.gz are read through the archive reader, records named through both") {
  TempDir dir;
  const std::string warc = warc_record("warcinfo", "", "software: t\r\n") +
                           response_record("https://a.example/", http("200 OK", "Content-Type: text/html\r\n", kPage));
  dir.write("a.warc", warc);
  const std::string line =
      "cd '" + dir.path().string() + "' && gzip -c a.warc > a.warc.gz && tar czf crawl.tar.gz a.warc.gz";
  REQUIRE(std::system(line.c_str()) == 0);
  const std::string path = (dir.path() / "crawl.tar.gz").string();
  auto archive = ArchiveReader::open_file(path);
  std::optional<ArchiveEntry> entry = archive->next();
  REQUIRE(entry);
  CHECK(entry->origin == path + ":a.warc.gz");
  CHECK(entry->name == "a.warc");
  CHECK(entry->head.starts_with("WARC/1.0"));
  WarcReader reader(archive->entry_stream(), entry->origin);
  std::optional<WarcRecord> info = reader.next();
  std::optional<WarcRecord> page = reader.next();
  REQUIRE(page);
  CHECK(page->origin == path + ":a.warc.gz:record 2");
  REQUIRE(page->html);
  CHECK(page->html->body == kPage);
  CHECK_FALSE(reader.next());
}

// An ARC record: its header line, its block, the newline after it.
std::string arc_record(const std::string& url, const std::string& fields, const std::string& block,
                       std::optional<std::size_t> length = std::nullopt) {
  return url + " " + fields + " " + std::to_string(length.value_or(block.size())) + "\n" + block + "\n";
}

// The first record of a version-1 ARC file, as the Internet Archive wrote them.
std::string arc_filedesc() {
  return arc_record("filedesc://IA-test.arc", "0.0.0.0 19961104142103 text/plain",
                    "1 0 Alexa Internet\nURL IP-address Archive-date Content-type Archive-length\n");
}

TEST_CASE("ARC files (versions 1 and 2) are read as WARC files are: verdicts, capture fields, HTML") {
  const std::string page = http("200 OK", "Content-Type: text/html\r\n", kPage);
  const std::string arc =
      arc_filedesc() +
      arc_record("http://www.example.org:80/news/pier.html", "192.0.2.1 19961104142103 text/html", page) +
      arc_record("http://www.example.org:80/logo.gif", "192.0.2.1 19961104142104 image/gif",
                 http("200 OK", "Content-Type: image/gif\r\n", "GIF89a")) +
      arc_record("http://www.example.org:80/gone.html", "192.0.2.1 19961104142105 text/html",
                 http("404 Not Found", "Content-Type: text/html\r\n", "<html>gone</html>")) +
      arc_record("dns:www.example.org", "192.0.2.2 19961104142106 text/dns", "www.example.org. 3600 IN A 192.0.2.1") +
      // Version 2: result code, checksum, location, offset and file name before the length.
      // Its offset looks like a date of version 1's place: the result code tells.
      arc_record("http://www.example.org/news/other.html",
                 "192.0.2.1 20040101120000 text/html 200 ABCDEF - 20040101 IA-test.arc",
                 http("200 OK", "Content-Type: text/html; charset=iso-8859-1\r\n", kPage + "<!-- 2 -->"));
  for (std::size_t max_read : {SIZE_MAX, std::size_t{7}}) {
    CAPTURE(max_read);
    WarcCounts counts;
    std::vector<WarcRecord> records = read_warc(arc, {}, max_read, &counts);
    INFO(summary(records));
    REQUIRE(records.size() == 6);
    CHECK(records[0].skip == WarcSkipReason::kWarcinfo);
    REQUIRE(records[1].html);
    CHECK(records[1].origin == "t.warc:record 2");
    CHECK(records[1].html->target_uri == "http://www.example.org:80/news/pier.html");
    CHECK(records[1].html->capture_date == "1996-11-04T14:21:03Z");
    CHECK(records[1].html->http_status == 200);
    CHECK(records[1].html->body == kPage);
    CHECK(records[2].skip == WarcSkipReason::kNotHtml);
    CHECK(records[2].detail == "image/gif");
    CHECK(records[3].skip == WarcSkipReason::kHttpError);
    CHECK(records[4].skip == WarcSkipReason::kDns);
    REQUIRE(records[5].html);
    CHECK(records[5].html->capture_date == "2004-01-01T12:00:00Z");
    CHECK(records[5].html->charset == "iso-8859-1");
    CHECK(counts.html == 2);
    CHECK(counts.errors == 0);
  }
}

TEST_CASE("ARC reader reports a length that lies, or a line that is no header, and resumes at the next record") {
  const std::string page = http("200 OK", "Content-Type: text/html\r\n", kPage);
  const std::string three = arc_record("http://a.example/3", "192.0.2.1 19961104142103 text/html", page + "<!-- 3 -->");
  SUBCASE("a length that runs into the next record") {
    const std::string liar =
        arc_record("http://a.example/2", "192.0.2.1 19961104142103 text/html", page, page.size() + 40);
    for (std::size_t max_read : {SIZE_MAX, std::size_t{100}}) {
      CAPTURE(max_read);
      std::vector<WarcRecord> records = read_warc(arc_filedesc() + liar + three, {}, max_read);
      INFO(summary(records));
      REQUIRE(records.size() == 3);
      CHECK(records[1].error);
      CHECK(records[1].detail.find("does not end the record") != std::string::npos);
      REQUIRE(records[2].html);
      CHECK(records[2].html->target_uri == "http://a.example/3");
    }
  }
  SUBCASE("garbage where a header line should be") {
    for (std::size_t max_read : {SIZE_MAX, std::size_t{5}}) {
      CAPTURE(max_read);
      std::vector<WarcRecord> records =
          read_warc(arc_filedesc() + "garbage that is no record\nmore of it\n" + three, {}, max_read);
      INFO(summary(records));
      REQUIRE(records.size() == 3);
      CHECK(records[1].error);
      CHECK(records[1].detail ==
            "no ARC record starts here: found \"garbage that is no recor...\"; "
            "skipped to the next record");
      REQUIRE(records[2].html);
      CHECK(records[2].html->target_uri == "http://a.example/3");
    }
  }
  SUBCASE("the data ends inside a record") {
    std::vector<WarcRecord> records = read_warc(arc_filedesc() + three.substr(0, three.size() / 2));
    INFO(summary(records));
    REQUIRE(records.size() == 2);
    CHECK(records[1].error);
    CHECK(records[1].detail.find("runs past the end of the data") != std::string::npos);
  }
}

TEST_CASE("an .arc.gz of one gzip member per record is indexed as its pages, named by record") {
  TempDir dir;
  const std::string page = http("200 OK", "Content-Type: text/html\r\n", kPage);
  dir.write("r1", arc_filedesc());
  dir.write("r2", arc_record("http://a.example/pier", "192.0.2.1 19961104142103 text/html", page));
  const std::string line =
      "cd '" + dir.path().string() + "' && gzip -c r1 > IA-test.arc.gz && gzip -c r2 >> IA-test.arc.gz";
  REQUIRE(std::system(line.c_str()) == 0);
  const std::string path = (dir.path() / "IA-test.arc.gz").string();
  auto archive = ArchiveReader::open_file(path);
  std::optional<ArchiveEntry> entry = archive->next();
  REQUIRE(entry);
  WarcReader reader(archive->entry_stream(), entry->origin);
  std::optional<WarcRecord> info = reader.next();
  REQUIRE(info);
  CHECK(info->skip == WarcSkipReason::kWarcinfo);
  std::optional<WarcRecord> pier = reader.next();
  REQUIRE(pier);
  REQUIRE(pier->html);
  CHECK(pier->origin == path + ":record 2");
  CHECK_FALSE(reader.next());
}

TEST_CASE("extract_warc_payload extracts with the HTTP charset and the target URI, apart from the reader") {
  const std::string page =
      "<html><head><title>Pier closed for repairs</title>"
      "<link rel=\"canonical\" href=\"/2024/pier\"></head><body>" +
      kPage.substr(kPage.find("<article>"));
  WarcPayload payload{.origin = "t.warc:record 3",
                      .target_uri = "https://news.example/a",
                      .capture_date = "2024-03-05T10:00:00Z",
                      .record_id = "<urn:uuid:1>",
                      .http_status = 200,
                      .media_type = "text/html",
                      .charset = "ISO-8859-1",
                      .body = page};
  HtmlExtraction x = extract_warc_payload(payload);
  CHECK_FALSE(x.not_article);
  CHECK(x.article.title == "Pier closed for repairs");
  CHECK(x.article.url == "https://news.example/2024/pier");  // resolved against the target URI
  CHECK(x.article.charset_from == "http");
  CHECK(x.article.date.empty());  // the capture date is no publication date
}

// The per-file facts of ../shared/corpora/formats/README.md, section WARC.
struct SharedWarc {
  std::string file;
  std::uint64_t records;
  std::uint64_t html;
  std::map<WarcSkipReason, std::uint64_t> skipped;
  std::uint64_t articles;  // what the README expects a news indexer to end up with
};

TEST_CASE("WARC reader reads every WARC sample of the shared corpora as its README describes it") {
  const std::filesystem::path dir = std::filesystem::path(NEWSDEX_SHARED_DIR) / "corpora" / "formats" / "warc";
  REQUIRE_MESSAGE(std::filesystem::exists(dir),
                  "../shared/corpora/formats is missing: this test needs the shared corpora");
  using R = WarcSkipReason;
  const std::vector<SharedWarc> files = {
      {"webrecorder__warcio/example.warc.gz", 6, 1, {{R::kWarcinfo, 2}, {R::kRequest, 2}, {R::kRevisit, 1}}, 0},
      {"webrecorder__warcio/example.warc", 6, 1, {{R::kWarcinfo, 2}, {R::kRequest, 2}, {R::kRevisit, 1}}, 0},
      {"webrecorder__warcio/example-iana.org-chunked.warc", 3, 1, {{R::kWarcinfo, 1}, {R::kRequest, 1}}, 0},
      {"ukwa__webarchive-discovery/BL-20140325122341434-00000-32090~opera~8443.warc.gz",
       190,
       6,
       {{R::kWarcinfo, 1}, {R::kDns, 3}, {R::kHttpError, 1}, {R::kRevisit, 55}, {R::kRequest, 62}, {R::kMetadata, 62}},
       1},
      {"ukwa__webarchive-discovery/transfer_compression_brotli.warc",
       5,
       1,
       {{R::kWarcinfo, 1}, {R::kRequest, 1}, {R::kMetadata, 1}, {R::kNotHtml, 1}},
       0},
      {"ukwa__webarchive-discovery/transfer_compression_gzip.warc",
       5,
       1,
       {{R::kWarcinfo, 1}, {R::kRequest, 1}, {R::kMetadata, 1}, {R::kNotHtml, 1}},
       0},
      // 39 responses: the article twice (one duplicate), 37 images, scripts
      // and styles; 3 resources of wget's own text files.
      {"ukwa__webarchive-discovery/flashfrozen-jwat-recompressed.warc.gz",
       82,
       1,
       {{R::kWarcinfo, 1}, {R::kRequest, 39}, {R::kNotHtml, 40}, {R::kDuplicate, 1}},
       1},
      {"chatnoir-eu__chatnoir-resiliparse/warcfile.warc.gz",
       50,
       16,
       {{R::kWarcinfo, 1}, {R::kRequest, 17}, {R::kMetadata, 16}},
       0},
      {"chatnoir-eu__chatnoir-resiliparse/clueweb-quirk.warc.gz", 30, 29, {{R::kWarcinfo, 1}}, 0},
  };
  std::size_t files_on_disk = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) files_on_disk += entry.is_regular_file();
  CHECK(files_on_disk == files.size());

  for (const SharedWarc& expected : files) {
    CAPTURE(expected.file);
    const std::filesystem::path path = dir / expected.file;
    WarcCounts counts;
    std::vector<WarcRecord> records = read_warc_file(path, &counts);
    {
      INFO(summary(records));
      CHECK(counts.records == expected.records);
      CHECK(records.size() == expected.records);
      CHECK(counts.errors == 0);
      CHECK(counts.html == expected.html);
      for (std::size_t i = 0; i < kWarcSkipReasons; ++i) {
        const auto reason = static_cast<WarcSkipReason>(i);
        CAPTURE(describe(reason));
        auto it = expected.skipped.find(reason);
        CHECK(counts.skipped[i] == (it == expected.skipped.end() ? 0 : it->second));
      }
    }
    std::uint64_t articles = 0;
    std::vector<std::string> titles;
    for (const WarcRecord& record : records) {
      if (!record.html) continue;
      CHECK(record.html->capture_date.size() >= 10);
      HtmlExtraction x = extract_warc_payload(*record.html);
      if (!x.not_article) {
        ++articles;
        titles.push_back(x.article.title + " <" + record.html->target_uri + ">");
      }
    }
    // The HTML extractor is a general heuristic: it also takes shop and site
    // pages with enough running text for articles. The README's numbers are
    // shown, not enforced, until it learns to tell them apart; the articles the
    // README names are checked below.
    std::string found;
    for (const std::string& title : titles) found += "\n  " + title;
    WARN_MESSAGE(
        articles == expected.articles,
        expected.file << ": " << articles << " pages taken for articles, README: " << expected.articles << found);
  }

  // The quirks, file by file.
  auto records_of = [&](const std::string& file) { return read_warc_file(dir / file); };
  auto html_of = [](const std::vector<WarcRecord>& records) {
    std::vector<WarcPayload> out;
    for (const WarcRecord& r : records) {
      if (r.html) out.push_back(*r.html);
    }
    return out;
  };
  {
    // The response is really gzip-compressed; the revisit is no second page.
    std::vector<WarcPayload> pages = html_of(records_of("webrecorder__warcio/example.warc.gz"));
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].target_uri == "http://example.com/");
    CHECK(pages[0].capture_date == "2017-03-06T04:02:06Z");
    CHECK(pages[0].body.starts_with("<!doctype html>"));
    HtmlExtraction x = extract_warc_payload(pages[0]);
    CHECK(x.article.title == "Example Domain");
    CHECK(x.not_article);
  }
  {
    // Really chunked: de-chunked, the page ends with its closing tag.
    std::vector<WarcRecord> records = records_of("webrecorder__warcio/example-iana.org-chunked.warc");
    std::vector<WarcPayload> pages = html_of(records);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].charset == "UTF-8");
    CHECK(pages[0].body.starts_with("<!doctype html>\n<html>"));
    CHECK(pages[0].body.find("</html>") != std::string::npos);
    CHECK(pages[0].body.find("\r\n0\r\n") == std::string::npos);
  }
  for (const std::string file : {"ukwa__webarchive-discovery/transfer_compression_brotli.warc",
                                 "ukwa__webarchive-discovery/transfer_compression_gzip.warc"}) {
    CAPTURE(file);
    std::vector<WarcRecord> records = records_of(file);
    std::vector<WarcPayload> pages = html_of(records);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].target_uri == "http://tokemon.sb.statsbiblioteket.dk/");  // no angle brackets
    HtmlExtraction x = extract_warc_payload(pages[0]);
    CHECK(x.article.body.find("Extremely simple webpage used for testing GZip and Brotli transmission compression.") !=
          std::string::npos);
    for (const WarcRecord& record : records) CHECK(record.warnings.empty());
  }
  {
    std::vector<WarcRecord> records =
        records_of("ukwa__webarchive-discovery/BL-20140325122341434-00000-32090~opera~8443.warc.gz");
    bool blog_is_article = false;
    for (const WarcRecord& record : records) {
      if (record.skip == WarcSkipReason::kHttpError) CHECK(record.detail == "403 Forbidden");
      if (record.html &&
          record.html->target_uri == "http://data.gov.uk/blog/open-data-case-studies-and-time-machines%E2%80%A6") {
        blog_is_article = !extract_warc_payload(*record.html).not_article;
      }
    }
    CHECK(blog_is_article);
  }
  {
    std::vector<WarcRecord> records = records_of("ukwa__webarchive-discovery/flashfrozen-jwat-recompressed.warc.gz");
    std::vector<WarcPayload> pages = html_of(records);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].target_uri == "http://en.wikipedia.org/wiki/Mona_Lisa");
    HtmlExtraction x = extract_warc_payload(pages[0]);
    CHECK_FALSE(x.not_article);
    CHECK(x.article.title == "Mona Lisa");
    std::size_t duplicates = 0;
    for (const WarcRecord& record : records) {
      if (record.skip == WarcSkipReason::kDuplicate) {
        ++duplicates;
        CHECK(record.target_uri == "http://en.wikipedia.org/wiki/Mona_Lisa");
      }
    }
    CHECK(duplicates == 1);
  }
  {
    // Common Crawl: transport headers renamed, payloads stored decoded; 8
    // pages state their charset only in <meta>.
    std::vector<WarcRecord> records = records_of("chatnoir-eu__chatnoir-resiliparse/warcfile.warc.gz");
    std::size_t without_http_charset = 0;
    for (const WarcRecord& record : records) {
      CHECK(record.warnings.empty());
      if (record.html && record.html->charset.empty()) ++without_http_charset;
    }
    CHECK(without_http_charset == 8);
  }
  {
    // ClueWeb09: WARC/0.18, an invalid WARC-Date kept as written, LF-only HTTP
    // headers, "Content-Encoding: gzip" over plain HTML, EUC-JP from HTTP.
    std::vector<WarcRecord> records = records_of("chatnoir-eu__chatnoir-resiliparse/clueweb-quirk.warc.gz");
    std::vector<WarcPayload> pages = html_of(records);
    REQUIRE(pages.size() == 29);
    for (const WarcRecord& record : records) {
      if (!record.html) continue;
      CHECK(record.html->capture_date == "2008-10-294T05:21:46-0700");
      CHECK(record.html->charset == "EUC-JP");
      CHECK(record.html->body.starts_with("<html>"));
      REQUIRE(record.warnings.size() == 1);
      CHECK(record.warnings[0] == "Content-Encoding: gzip, but the body is not gzip data: taken as it is");
    }
    CHECK(extract_warc_payload(pages[0]).article.charset_from == "http");
  }
}

}  // namespace
}  // namespace newsdex::readers
