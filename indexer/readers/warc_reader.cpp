#include "indexer/readers/warc_reader.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <span>

#include "common/analysis/analyzer.h"
#include "common/error.h"
#include "indexer/readers/archive_reader.h"
#include "indexer/readers/ascii.h"
#include "indexer/readers/http_response.h"

namespace newsdex::readers {
namespace {

// Bytes asked of the input at a time.
constexpr std::size_t kReadChunk = 256u << 10;
// Consumed bytes kept at the buffer's start until they are this many.
constexpr std::size_t kCompactBytes = 1u << 20;
// Longest WARC header block: real ones are under 2 KiB.
constexpr std::size_t kMaxHeaderBytes = 64u << 10;
// Bytes of a record too large to hold that are read to judge it.
constexpr std::size_t kLargeRecordPeek = 64u << 10;
constexpr std::size_t kNone = std::string::npos;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_between_records(char c) { return c == '\r' || c == '\n' || c == '\0'; }

// "<http://x/>" -> "http://x/" (wget 1.20 writes WARC-Target-URI so).
std::string strip_angle_brackets(std::string_view uri) {
  uri = trim(uri);
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
  return std::string(uri);
}

// `uri` with each control character and each byte of an invalid UTF-8
// sequence percent-encoded, as browsers send such bytes: what is made of the
// URI (the page's URL, its host as the source, messages) must be text.
std::string percent_encode_non_text(std::string_view uri) {
  std::string out;
  auto escape = [&out](char c) {
    char escaped[4];
    std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
    out += escaped;
  };
  std::size_t bad = 0;
  while (!uri.empty()) {
    const bool valid = analysis::is_valid_utf8(uri, &bad);
    const std::string_view text = valid ? uri : uri.substr(0, bad);
    for (char c : text) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        escape(c);
      } else {
        out += c;
      }
    }
    if (valid) break;
    escape(uri[bad]);
    uri.remove_prefix(bad + 1);
  }
  return out;
}

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 14695981039346656037ull) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

// A printable quote of the start of `bytes`, for messages.
std::string quote(std::string_view bytes) {
  std::string out;
  for (char c : bytes.substr(0, 24)) {
    if (c == '\n' || c == '\r') break;
    out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  }
  return "\"" + out + (bytes.size() > out.size() && out.size() == 24 ? "...\"" : "\"");
}

// An ARC record's header line: "URL IP-address Archive-date Content-type
// Archive-length" (version 1) or "URL IP-address Archive-date Content-type
// Result-code Checksum Location Offset Filename Archive-length" (version 2).
struct ArcHeader {
  std::string url;
  std::string date;  // ISO 8601 ("1996-11-04T14:21:03Z")
  std::string content_type;
  std::uint64_t length = 0;
};

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "19961104142103" -> "1996-11-04T14:21:03Z"; a date cut after the day,
// hour or minute keeps what it has ("19961104" -> "1996-11-04"). "" for
// anything else.
std::string arc_date(std::string_view d) {
  if (!all_digits(d) || d.size() < 8 || d.size() > 14 || d.size() % 2 != 0) return "";
  auto number = [&](std::size_t at, std::size_t n) {
    return at + n <= d.size() ? std::stoi(std::string(d.substr(at, n))) : 0;
  };
  const int year = number(0, 4);
  const int month = number(4, 2);
  const int day = number(6, 2);
  if (year < 1980 || year > 2199 || month < 1 || month > 12 || day < 1 || day > 31 || number(8, 2) > 23 ||
      number(10, 2) > 59 || number(12, 2) > 60) {
    return "";  // an offset or a checksum, not a date
  }
  std::string iso = std::string(d.substr(0, 4)) + "-" + std::string(d.substr(4, 2)) + "-" + std::string(d.substr(6, 2));
  if (d.size() == 8) return iso;
  iso += "T" + std::string(d.substr(8, 2)) + ":" + (d.size() >= 12 ? std::string(d.substr(10, 2)) : "00") + ":" +
         (d.size() == 14 ? std::string(d.substr(12, 2)) : "00") + "Z";
  return iso;
}

// Whether `s` starts as an ARC header line does: a URL scheme ("http:",
// "filedesc:", "dns:").
bool starts_like_arc_header(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && i <= 16 &&
         ((s[i] >= 'a' && s[i] <= 'z') ||
          (i > 0 && (s[i] == '+' || s[i] == '-' || s[i] == '.' || (s[i] >= '0' && s[i] <= '9'))))) {
    ++i;
  }
  return i >= 2 && i < s.size() && s[i] == ':';
}

// The fields of an ARC header line, or nullopt when `line` is none. The
// version is told by where the 14-digit date stands, counted from the end,
// so a URL with spaces in it (old crawlers wrote them) stays whole.
std::optional<ArcHeader> parse_arc_header(std::string_view line) {
  if (!starts_like_arc_header(line)) return std::nullopt;
  std::vector<std::string_view> parts;
  std::size_t at = 0;
  while (at < line.size()) {
    std::size_t end = line.find(' ', at);
    if (end == std::string_view::npos) end = line.size();
    if (end > at) parts.push_back(line.substr(at, end - at));
    at = end + 1;
  }
  if (parts.size() < 5 || !all_digits(parts.back()) || parts.back().size() > 18) return std::nullopt;
  const std::size_t n = parts.size();
  // Version 2 when its date and result code ("200", or "-") stand where they
  // would; else version 1.
  auto result_code = [](std::string_view code) { return code == "-" || (code.size() == 3 && all_digits(code)); };
  std::size_t date_at = 0;
  if (n >= 10 && !arc_date(parts[n - 8]).empty() && result_code(parts[n - 6])) {
    date_at = n - 8;
  } else if (!arc_date(parts[n - 3]).empty()) {
    date_at = n - 3;
  } else {
    return std::nullopt;
  }
  if (date_at < 2) return std::nullopt;
  ArcHeader header;
  header.url = std::string(parts[0]);
  for (std::size_t i = 1; i + 1 < date_at; ++i) header.url += " " + std::string(parts[i]);
  header.date = arc_date(parts[date_at]);
  header.content_type = std::string(parts[date_at + 1]);
  header.length = std::stoull(std::string(parts.back()));
  return header;
}

}  // namespace

std::string_view describe(WarcSkipReason reason) {
  switch (reason) {
    case WarcSkipReason::kWarcinfo:
      return "warcinfo";
    case WarcSkipReason::kRequest:
      return "request";
    case WarcSkipReason::kMetadata:
      return "metadata";
    case WarcSkipReason::kRevisit:
      return "revisit";
    case WarcSkipReason::kOtherType:
      return "other record type";
    case WarcSkipReason::kDns:
      return "dns";
    case WarcSkipReason::kNotHtml:
      return "not HTML";
    case WarcSkipReason::kRedirect:
      return "redirect";
    case WarcSkipReason::kHttpError:
      return "HTTP error";
    case WarcSkipReason::kEmpty:
      return "empty";
    case WarcSkipReason::kDuplicate:
      return "duplicate";
  }
  return "";
}

// The WARC header fields a verdict needs.
struct WarcReader::Fields {
  std::string version;
  std::string type;
  std::string target_uri;
  std::string date;
  std::string record_id;
  std::string content_type;
  std::string payload_digest;
  std::string segment_number;
  std::string truncated;
  std::string length_text;
  std::optional<std::uint64_t> content_length;
  bool arc = false;  // from an ARC header: content_type is the payload's, not the block's
};

WarcReader::WarcReader(std::unique_ptr<index::InputStream> input, std::string origin, WarcReaderOptions options)
    : input_(std::move(input)), origin_(std::move(origin)), options_(options) {}

WarcReader::~WarcReader() = default;

bool WarcReader::read_more() {
  if (eof_ || damage_) return false;
  std::size_t old = buffer_.size();
  buffer_.resize(old + kReadChunk);
  std::size_t n = 0;
  try {
    n = input_->read(std::span<char>(buffer_.data() + old, kReadChunk));
  } catch (const std::exception& e) {
    buffer_.resize(old);
    const auto* archive_error = dynamic_cast<const ArchiveError*>(&e);
    damage_ = archive_error != nullptr ? archive_error->detail() : std::string(e.what());
    // A failure that repeats without the input moving on ends it.
    std::uint64_t consumed = input_->bytes_consumed();
    if (consumed == last_failure_consumed_) eof_ = true;
    last_failure_consumed_ = consumed;
    return false;
  }
  buffer_.resize(old + n);
  if (n == 0) eof_ = true;
  return n > 0;
}

bool WarcReader::fill(std::size_t n) {
  while (buffer_.size() - pos_ < n) {
    if (!read_more()) return false;
  }
  return true;
}

void WarcReader::compact() {
  if (pos_ == 0) return;
  buffer_.erase(0, pos_);
  line_start_ok_ = line_start_ok_ != kNone && line_start_ok_ >= pos_ ? line_start_ok_ - pos_ : kNone;
  pos_ = 0;
}

std::optional<std::size_t> WarcReader::find_record_start(std::size_t scan, std::size_t* keep) const {
  auto line_start = [&](std::size_t at) { return at == line_start_ok_ || (at > 0 && buffer_[at - 1] == '\n'); };
  if (!arc_) {
    // "WARC/" and a digit, at the start of a line.
    for (;;) {
      std::size_t at = buffer_.find("WARC/", scan);
      if (at == kNone || at + 6 > buffer_.size()) break;
      if (line_start(at) && buffer_[at + 5] >= '0' && buffer_[at + 5] <= '9') return at;
      scan = at + 1;
    }
    // Keep a possible start cut by the buffer's end (and the newline before it).
    *keep = buffer_.size() > 6 ? buffer_.size() - 6 : 0;
    return std::nullopt;
  }
  // An ARC header line: the whole line is needed to tell.
  std::size_t at = scan;
  if (!line_start(scan)) {
    const std::size_t newline = buffer_.find('\n', scan);
    at = newline == kNone ? kNone : newline + 1;
  }
  while (at != kNone && at < buffer_.size()) {
    const std::size_t newline = buffer_.find('\n', at);
    if (newline == kNone) break;  // cut by the buffer's end
    std::string_view line(buffer_.data() + at, newline - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (parse_arc_header(line)) return at;
    at = newline + 1;
  }
  if (at == kNone || at >= buffer_.size()) at = buffer_.size();
  // Keep the last line (and the newline before it), unless it is too long
  // for a header.
  if (buffer_.size() - at > kMaxHeaderBytes) {
    *keep = buffer_.size();
  } else {
    *keep = at > 0 && at != line_start_ok_ ? at - 1 : at;
  }
  return std::nullopt;
}

bool WarcReader::resync(std::size_t from) {
  pos_ = std::min(from, buffer_.size());
  compact();
  std::size_t scan = 0;
  for (;;) {
    std::size_t keep = 0;
    if (std::optional<std::size_t> at = find_record_start(scan, &keep)) {
      pos_ = *at;
      return true;
    }
    pos_ = keep;
    compact();
    scan = 0;
    if (!read_more()) {
      if (!damage_ || eof_) {
        pos_ = buffer_.size();
        return false;
      }
      // Damaged data: the input resumes after it, where a record may start.
      damage_.reset();
      line_start_ok_ = buffer_.size();
      scan = pos_;
    }
  }
}

WarcRecord WarcReader::make_error(WarcRecord record, std::string message) {
  // A verdict reached before the damage showed is taken back.
  if (record.skip) --counts_.skipped[static_cast<std::size_t>(*record.skip)];
  if (record.html) --counts_.html;
  record.error = true;
  record.detail = std::move(message);
  record.html.reset();
  record.skip.reset();
  ++counts_.errors;
  return record;
}

std::optional<WarcRecord> WarcReader::next() {
  // Dropping consumed bytes moves the rest: only when they are many.
  if (pos_ >= kCompactBytes || pos_ == buffer_.size()) compact();
  // Blank lines (and NUL padding) between records.
  while (fill(1) && is_between_records(buffer_[pos_])) ++pos_;
  if (buffer_.size() == pos_) {
    if (!damage_) return std::nullopt;
  }
  WarcRecord record;
  record.record_number = ++record_number_;
  record.origin = origin_ + ":record " + std::to_string(record.record_number);
  ++counts_.records;

  // Damage before any byte of this record: report it here, go on after it.
  if (buffer_.size() == pos_ && damage_) {
    std::string message = "damaged data: " + *damage_;
    damage_.reset();
    line_start_ok_ = buffer_.size();
    resync(pos_);
    return make_error(std::move(record), message);
  }
  const std::size_t start = pos_;
  if (!format_known_) {
    // An ARC file starts with its "filedesc://" record.
    format_known_ = true;
    arc_ = fill(11) && buffer_.compare(start, 11, "filedesc://") == 0;
  }
  Fields fields;
  std::size_t header_end = kNone;
  if (arc_) {
    if (std::optional<WarcRecord> failed = read_arc_header(record, start, fields, header_end)) return failed;
    return read_block(std::move(record), fields, header_end);
  }
  if (!fill(6) || buffer_.compare(start, 5, "WARC/") != 0) {
    std::string message = "no WARC record starts here: found " + quote(std::string_view(buffer_).substr(start)) +
                          "; skipped to the next record";
    if (damage_) {
      damage_.reset();
      line_start_ok_ = buffer_.size();
    }
    resync(start + 1);
    return make_error(std::move(record), message);
  }

  // The header block: lines up to an empty one.
  std::size_t scan = start;
  bool first_line = true;
  std::string* last_value = nullptr;
  while (header_end == kNone) {
    std::size_t newline = buffer_.find('\n', scan);
    if (newline == kNone || newline - start > kMaxHeaderBytes) {
      if (std::optional<std::string> failed = read_more_header(start, "WARC header", "WARC header")) {
        return make_error(std::move(record), std::move(*failed));
      }
      continue;
    }
    std::string_view line(buffer_.data() + scan, newline - scan);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    scan = newline + 1;
    if (first_line) {
      fields.version = std::string(trim(line));
      first_line = false;
      continue;
    }
    if (line.empty()) {
      header_end = scan;
      break;
    }
    if ((line.front() == ' ' || line.front() == '\t') && last_value != nullptr) {
      const std::string_view more = trim(line);
      if (!more.empty() && !last_value->empty()) *last_value += ' ';
      *last_value += more;
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = trim(line.substr(0, colon));
    std::string value(trim(line.substr(colon + 1)));
    last_value = nullptr;
    static constexpr std::pair<std::string_view, std::string Fields::*> kNames[] = {
        {"WARC-Type", &Fields::type},
        {"WARC-Target-URI", &Fields::target_uri},
        {"WARC-Date", &Fields::date},
        {"WARC-Record-ID", &Fields::record_id},
        {"Content-Type", &Fields::content_type},
        {"WARC-Payload-Digest", &Fields::payload_digest},
        {"WARC-Segment-Number", &Fields::segment_number},
        {"WARC-Truncated", &Fields::truncated},
        {"Content-Length", &Fields::length_text},
    };
    for (const auto& [field_name, member] : kNames) {
      if (ascii_iequals(name, field_name)) {
        fields.*member = std::move(value);
        last_value = &(fields.*member);
        break;
      }
    }
  }
  std::string_view length_text = trim(fields.length_text);
  if (!length_text.empty() && length_text.size() <= 18 && all_digits(length_text)) {
    fields.content_length = std::stoull(std::string(length_text));
  }
  return read_block(std::move(record), fields, header_end);
}

std::optional<std::string> WarcReader::read_more_header(std::size_t start, std::string_view too_long,
                                                        std::string_view inside) {
  if (buffer_.size() - start > kMaxHeaderBytes) {
    resync(start + 1);
    return "the " + std::string(too_long) + " runs over " + std::to_string(kMaxHeaderBytes >> 10) +
           " KiB: damaged; skipped to the next record";
  }
  if (fill(buffer_.size() - pos_ + 1)) return std::nullopt;
  if (!damage_) {
    pos_ = buffer_.size();
    return "the data ends inside the " + std::string(inside);
  }
  return skip_damage(inside);
}

std::string WarcReader::skip_damage(std::string_view inside) {
  std::string message = "damaged data inside the " + std::string(inside) + ": " + *damage_;
  damage_.reset();
  line_start_ok_ = buffer_.size();
  resync(buffer_.size());
  return message;
}

std::optional<WarcRecord> WarcReader::read_arc_header(WarcRecord& record, std::size_t start, Fields& fields,
                                                      std::size_t& header_end) {
  std::size_t newline = kNone;
  for (;;) {
    newline = buffer_.find('\n', start);
    if (newline != kNone && newline - start <= kMaxHeaderBytes) break;
    if (std::optional<std::string> failed = read_more_header(start, "ARC header line", "ARC header")) {
      return make_error(std::move(record), std::move(*failed));
    }
  }
  std::string_view line(buffer_.data() + start, newline - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::optional<ArcHeader> header = parse_arc_header(line);
  if (!header) {
    std::string message = "no ARC record starts here: found " + quote(line) + "; skipped to the next record";
    resync(start + 1);
    return make_error(std::move(record), message);
  }
  header_end = newline + 1;
  fields.arc = true;
  fields.version = "ARC";
  fields.type = header->url.starts_with("filedesc:") ? "warcinfo" : "response";
  fields.target_uri = std::move(header->url);
  fields.date = std::move(header->date);
  fields.content_type = std::move(header->content_type);
  fields.length_text = std::to_string(header->length);
  fields.content_length = header->length;
  return std::nullopt;
}

WarcRecord WarcReader::read_block(WarcRecord record, Fields& fields, std::size_t header_end) {
  record.type = ascii_lower(fields.type);
  record.target_uri = percent_encode_non_text(strip_angle_brackets(fields.target_uri));
  record.record_id = fields.record_id;
  const std::string named = record.record_id.empty() ? std::string() : " (" + record.record_id + ")";
  if (!fields.content_length) {
    resync(header_end);
    return make_error(std::move(record), "no valid Content-Length in the WARC header" + named +
                                             (fields.length_text.empty() ? "" : ": " + quote(fields.length_text)) +
                                             "; skipped to the next record");
  }
  const std::uint64_t length = *fields.content_length;
  const std::size_t block_start = header_end;

  // Where the next record starts if the block ends right: the block is
  // followed by the CR LF CR LF of the format, or in an ARC file its LF
  // (what comes after is the next record's business), or by other blank
  // lines and then "WARC/" (an ARC header line) or the end of the data.
  // Damage there is no evidence against this record.
  auto next_record_at = [&](std::size_t end) -> std::optional<std::size_t> {
    if (fill(end - pos_ + 4) && buffer_.compare(end, 4, "\r\n\r\n") == 0) return end + 4;
    // An ARC record ends with a newline.
    if (arc_ && fill(end - pos_ + 1) && buffer_[end] == '\n') return end + 1;
    std::size_t p = end;
    while (fill(p - pos_ + 1) && is_between_records(buffer_[p])) ++p;
    if (p == buffer_.size()) return p;  // the end of the data, or damage
    if (arc_) {
      // A URL scheme opens the next header line (read and checked as the next record).
      fill(p - pos_ + 18);
      if (starts_like_arc_header(std::string_view(buffer_).substr(p))) return p;
      return damage_ ? std::optional<std::size_t>(p) : std::nullopt;
    }
    if (!fill(p - pos_ + 5)) return damage_ ? std::optional<std::size_t>(p) : std::nullopt;
    if (buffer_.compare(p, 5, "WARC/") == 0) return p;
    return std::nullopt;
  };
  auto length_error = [&](std::string_view what) {
    return "Content-Length " + std::to_string(length) + named + " " + std::string(what) +
           "; skipped to the next record";
  };
  // The input failed inside the block: the record's error, reading resumed
  // after the damage.
  auto damaged = [&] { return make_error(std::move(record), skip_damage("record" + named)); };

  if (length <= options_.max_block_bytes) {
    const auto block_length = static_cast<std::size_t>(length);
    if (!fill(block_start - pos_ + block_length)) {
      if (damage_) return damaged();
      std::size_t left = buffer_.size() - block_start;
      // The block may hold the records that follow: look for them in it.
      resync(block_start);
      return make_error(std::move(record),
                        length_error("runs past the end of the data (" + std::to_string(left) + " bytes left)"));
    }
    std::optional<std::size_t> next_at = next_record_at(block_start + block_length);
    if (!next_at) {
      resync(block_start);
      return make_error(std::move(record), length_error("does not end the record: no record follows it"));
    }
    classify(record, fields, std::string_view(buffer_).substr(block_start, block_length), true);
    pos_ = std::min(*next_at, buffer_.size());
    if (record.error) ++counts_.errors;
    return record;
  }

  // A block too large to hold: judge it by its start, stream past the rest.
  fill(block_start - pos_ + kLargeRecordPeek);
  std::string_view peek = std::string_view(buffer_).substr(block_start, kLargeRecordPeek);
  classify(record, fields, peek, false);
  std::uint64_t remaining = length;
  std::size_t p = block_start;
  for (;;) {
    std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, buffer_.size() - p));
    p += take;
    remaining -= take;
    if (remaining == 0) break;
    pos_ = p;
    compact();
    p = 0;
    if (!read_more()) break;
  }
  if (remaining > 0) {
    if (damage_) return damaged();
    pos_ = buffer_.size();
    return make_error(std::move(record), length_error("runs past the end of the data"));
  }
  pos_ = p;
  std::optional<std::size_t> next_at = next_record_at(p);
  if (!next_at) {
    resync(p);
    return make_error(std::move(record), length_error("does not end the record: no record follows it"));
  }
  pos_ = std::min(*next_at, buffer_.size());
  if (record.error) ++counts_.errors;
  return record;
}

void WarcReader::classify(WarcRecord& record, const Fields& fields, std::string_view block, bool complete) {
  auto skip = [&](WarcSkipReason reason, std::string detail) {
    record.skip = reason;
    record.detail = std::move(detail);
    ++counts_.skipped[static_cast<std::size_t>(reason)];
  };
  auto fail = [&](std::string message) {
    record.error = true;
    record.detail = std::move(message);
  };
  const std::string& type = record.type;
  if (type == "warcinfo") return skip(WarcSkipReason::kWarcinfo, "");
  if (type == "request") return skip(WarcSkipReason::kRequest, "");
  if (type == "metadata") return skip(WarcSkipReason::kMetadata, "");
  if (type == "revisit") return skip(WarcSkipReason::kRevisit, "");
  if (type != "response" && type != "resource") {
    return skip(WarcSkipReason::kOtherType, type.empty() ? "no WARC-Type" : type);
  }
  if (!fields.segment_number.empty()) return skip(WarcSkipReason::kOtherType, "segmented record");
  if (record.target_uri.starts_with("dns:")) return skip(WarcSkipReason::kDns, "");

  WarcPayload payload;
  std::string_view body = block;
  const MediaType warc_type = parse_media_type(fields.content_type);
  // An ARC header's Content-Type is the payload's, whether or not an HTTP
  // response holds it.
  const bool http = type == "response" && ((!fields.arc && warc_type.essence == "application/http") ||
                                           ((warc_type.essence.empty() || fields.arc) && block.starts_with("HTTP/")));
  HttpResponse response;
  MediaType media;
  if (http) {
    try {
      response = parse_http_response(block);
    } catch (const Error& e) {
      return fail(std::string("HTTP response: ") + e.what());
    }
    if (response.status >= 300 && response.status < 400) {
      std::optional<std::string_view> location = response.header("Location");
      return skip(WarcSkipReason::kRedirect,
                  std::to_string(response.status) + (location ? " -> " + std::string(*location) : std::string()));
    }
    if (response.status < 200 || response.status >= 300) {
      return skip(WarcSkipReason::kHttpError,
                  std::to_string(response.status) + (response.reason.empty() ? "" : " " + response.reason));
    }
    body = block.substr(std::min(response.body_offset, block.size()));
    media = response_media_type(response);
    payload.http_status = response.status;
  } else {
    media = warc_type;
  }
  if (media.essence.empty() ? !starts_like_html_page(body) : !is_html_media_type(media.essence)) {
    return skip(WarcSkipReason::kNotHtml, media.essence.empty() ? "no Content-Type" : media.essence);
  }
  if (!complete) {
    return fail("an HTML record of more than " + std::to_string(options_.max_block_bytes) +
                " bytes, the limit for one record; skipped");
  }
  if (!fields.truncated.empty()) {
    record.warnings.push_back("WARC-Truncated: " + fields.truncated + ": the capture is incomplete");
  }
  if (http) {
    try {
      DecodedBody decoded = decode_http_body(response, body, options_.max_payload_bytes);
      payload.body = std::move(decoded.bytes);
      for (std::string& warning : decoded.warnings) record.warnings.push_back(std::move(warning));
    } catch (const Error& e) {
      return fail(std::string("HTTP body: ") + e.what());
    }
  } else {
    if (body.size() > options_.max_payload_bytes) {
      return fail("a page of " + std::to_string(body.size()) + " bytes, more than the limit of " +
                  std::to_string(options_.max_payload_bytes));
    }
    payload.body = std::string(body);
  }
  if (payload.body.empty()) return skip(WarcSkipReason::kEmpty, "");

  // The same capture twice (wget and browsers record a page again when it is
  // revisited in one crawl): index it once.
  std::uint64_t key = fnv1a(record.target_uri);
  key = fnv1a(std::string_view("\n", 1), key);
  key = fields.payload_digest.empty() ? fnv1a(payload.body, key) : fnv1a(fields.payload_digest, key);
  if (!seen_payloads_.insert(key).second) {
    return skip(WarcSkipReason::kDuplicate, "the same payload as an earlier capture of this URL");
  }
  payload.origin = record.origin;
  payload.target_uri = record.target_uri;
  payload.capture_date = fields.date;
  payload.record_id = record.record_id;
  payload.media_type = media.essence.empty() ? "text/html" : media.essence;
  payload.charset = media.charset;
  record.html = std::move(payload);
  ++counts_.html;
}

}  // namespace newsdex::readers
