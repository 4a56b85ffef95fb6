// WARC files read record by record (WARC/1.0, WARC/1.1 and the WARC/0.18 of
// ClueWeb09), and ARC files, the format of the Internet Archive's crawls
// before WARC (versions 1 and 2; a file that starts "filedesc://"): each
// record's verdict, and for the HTML pages among the captures their decoded
// payload, ready for extraction (warc_article.h). The WARC headers and ARC
// header lines are parsed here (simple line formats), the HTTP responses by
// http_response.h. Thread safety: a WarcReader is used by one thread at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "indexer/input_stream.h"
#include "indexer/readers/html_extractor.h"

namespace newsdex::readers {

// Why a record holds no article. Counted, not errors.
enum class WarcSkipReason {
  kWarcinfo,   // "warcinfo": about the file
  kRequest,    // "request": what the crawler sent
  kMetadata,   // "metadata": crawler notes (outlinks, fetch times)
  kRevisit,    // "revisit": the same payload as an earlier capture, not stored again
  kOtherType,  // "conversion", "continuation", segmented records, unknown types
  kDns,        // a "dns:" lookup
  kNotHtml,    // a payload of another media type (images, scripts, text/plain)
  kRedirect,   // HTTP 3xx
  kHttpError,  // HTTP 4xx and 5xx (and other statuses outside 2xx)
  kEmpty,      // an HTML response without a body (204, HEAD)
  kDuplicate,  // the same URL with the same payload digest as an earlier record of the file
};
inline constexpr std::size_t kWarcSkipReasons = 11;

// "warcinfo", "request", "metadata", "revisit", "other record type", "dns",
// "not HTML", "redirect", "HTTP error", "empty", "duplicate".
std::string_view describe(WarcSkipReason reason);

// An HTML page captured in a WARC record, decoded, for extraction. A plain
// value: it may be handed to another thread.
struct WarcPayload {
  std::string origin{};      // the record's origin ("crawl.warc.gz:record 17")
  std::string target_uri{};  // WARC-Target-URI, without the angle brackets some writers add; text:
                             // control characters and the bytes of invalid UTF-8 percent-encoded ("%00", "%FF")
  // WARC-Date as written ("2017-03-06T04:03:53Z"; an ARC date in the same
  // form): when the page was CAPTURED, not when it was published; never an
  // article date by itself.
  std::string capture_date{};
  std::string record_id{};   // WARC-Record-ID ("<urn:uuid:...>")
  int http_status = 0;       // 200; 0 for a "resource" record (no HTTP)
  std::string media_type{};  // "text/html"
  std::string charset{};     // the charset parameter of the HTTP Content-Type, as written; "" if none
  std::string body{};        // the page's bytes, transfer and content codings removed
};

// One record of a WARC file. Exactly one of html, skip and error is set.
struct WarcRecord {
  std::string origin{};                  // "FILE:record N" (FILE the WarcReader's origin)
  std::uint64_t record_number = 0;       // 1-based position of the record in the file
  std::string type{};                    // WARC-Type, lower case ("response"); "" when unknown
  std::string target_uri{};              // WARC-Target-URI as in WarcPayload; may be empty
  std::string record_id{};               // WARC-Record-ID; may be empty
  std::optional<WarcPayload> html{};     // an HTML page, for extraction
  std::optional<WarcSkipReason> skip{};  // no article here, and why
  std::string detail{};  // for a skip: what was seen ("image/png", "301 -> https://..."); for an error: the message
  bool error = false;    // the record is damaged (detail says how); reading resumes at the next record found
  std::vector<std::string> warnings{};  // kept anyway, but something was odd ("Content-Encoding: gzip, but ...")
};

struct WarcCounts {
  std::uint64_t records = 0;  // every record found, damaged ones included
  std::uint64_t html = 0;     // records handed out with an HTML payload
  std::uint64_t errors = 0;
  std::array<std::uint64_t, kWarcSkipReasons> skipped{};  // indexed by WarcSkipReason
};

struct WarcReaderOptions {
  // Largest record block (HTTP head plus body) read into memory. A larger
  // record is streamed past: skipped when its head shows it holds no HTML,
  // else an error. Default: a page of kMaxHtmlBytes plus 1 MiB of headers.
  std::size_t max_block_bytes = kMaxHtmlBytes + (1u << 20);
  // Largest decoded page (after chunked, gzip, br...). Default kMaxHtmlBytes,
  // the HTML extractor's limit.
  std::size_t max_payload_bytes = kMaxHtmlBytes;
};

// Reads the records of one WARC file, one at a time. The input is the WARC
// decompressed (ArchiveReader decompresses a .warc.gz member by member; a
// damaged member throws from the stream and reading goes on after it).
// Memory: one record block at most, plus 8 bytes per HTML record for the
// duplicate check.
class WarcReader {
 public:
  // `origin` names the file in record origins ("crawl.warc.gz").
  WarcReader(std::unique_ptr<index::InputStream> input, std::string origin, WarcReaderOptions options = {});
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // The next record, or nullopt when the input is done. Never throws for bad
  // input: a record that cannot be read (a Content-Length running past the end
  // of the data or not ending at a record boundary, a damaged header, damaged
  // compressed data) comes back with error set, naming the record, and reading
  // resumes at the next record start found after the damage ("WARC/" at the
  // start of a line; in an ARC file, a line that parses as an ARC header). Skipped
  // records are counted by reason.
  // What is HTML: a "response" record (not dns:) whose HTTP status is 2xx and
  // whose Content-Type is text/html or application/xhtml+xml, or absent with
  // a body that looks like HTML; a "resource" record whose WARC Content-Type
  // says so. A later record with the same target URI and payload digest
  // (WARC-Payload-Digest, else a hash of the decoded body) as an earlier one of
  // the file is a duplicate.
  std::optional<WarcRecord> next();

  const WarcCounts& counts() const { return counts_; }
  // Whether the input is an ARC file; known once next() has returned a record.
  bool is_arc() const { return arc_; }
  // Bytes of the underlying input consumed so far (see InputStream).
  std::uint64_t bytes_consumed() const { return input_->bytes_consumed(); }

 private:
  struct Fields;

  // Makes `n` bytes from pos_ available; false when the input ends first (or
  // fails: damage_ then says how).
  bool fill(std::size_t n);
  // Reads one more chunk from the input; false at its end or failure.
  bool read_more();
  // Drops the bytes before pos_.
  void compact();
  // Moves pos_ to the next record start ("WARC/" at a line start, or an ARC
  // header line) from `from`; false when the input ends first.
  bool resync(std::size_t from);
  // The first record start in buffer_ from `scan`, or nullopt with *keep the
  // position from which the buffer's end may still hold the start of one.
  std::optional<std::size_t> find_record_start(std::size_t scan, std::size_t* keep) const;
  // Reads more of a header that starts at `start` and has no end yet:
  // nullopt when it did; else, the input moved past the header, the error
  // message ("the <too_long> runs over 64 KiB", "... inside the <inside>").
  std::optional<std::string> read_more_header(std::size_t start, std::string_view too_long, std::string_view inside);
  // After the input failed (damage_ set) inside `inside` ("WARC header",
  // "record 17"): the message "damaged data inside the <inside>: ...", the
  // damage cleared and reading moved on to the next record start.
  std::string skip_damage(std::string_view inside);
  // Reads the ARC header line at `start` into `fields`, header_end just after
  // it; the error record when there is none.
  std::optional<WarcRecord> read_arc_header(WarcRecord& record, std::size_t start, Fields& fields,
                                            std::size_t& header_end);
  // The rest of a record whose header ends at header_end: its block read (or
  // streamed past) and judged.
  WarcRecord read_block(WarcRecord record, Fields& fields, std::size_t header_end);
  // Builds the record's verdict from its header fields and block.
  // `complete` is false when `block` is only the start of a block too large to hold.
  void classify(WarcRecord& record, const Fields& fields, std::string_view block, bool complete);
  WarcRecord make_error(WarcRecord record, std::string message);

  std::unique_ptr<index::InputStream> input_;
  std::string origin_;
  WarcReaderOptions options_;
  std::string buffer_;
  std::size_t pos_ = 0;            // next unread byte of buffer_
  std::size_t line_start_ok_ = 0;  // a record may start here without a newline before it
  bool eof_ = false;
  bool format_known_ = false;                         // whether arc_ is decided (at the first record)
  bool arc_ = false;                                  // an ARC file (the Internet Archive's format before WARC)
  std::optional<std::string> damage_;                 // the input failed at buffer_'s end: the message
  std::uint64_t last_failure_consumed_ = UINT64_MAX;  // input consumed at the last failure
  std::uint64_t record_number_ = 0;
  WarcCounts counts_;
  std::unordered_set<std::uint64_t> seen_payloads_;  // hashes of target URI + payload digest
};

}  // namespace newsdex::readers
