#include "indexer/readers/csv_reader.h"

#include <csv.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <exception>
#include <new>
#include <span>
#include <utility>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "common/analysis/analyzer.h"
#include "common/error.h"
#include "common/terminal_text.h"
#include "indexer/readers/html_charset.h"

namespace newsdex::readers {
namespace {

// Largest text convert_exactly() converts (ICU counts in int32_t).
constexpr std::size_t kMaxConvertBytes = std::size_t{256} << 20;

// Bytes asked of the stream at a time.
constexpr std::size_t kReadBytes = std::size_t{64} << 10;
// Most bytes handed to libcsv between two checks of the record's size: a
// record outgrows max_field_bytes by at most this much before it is cut.
constexpr std::size_t kPieceBytes = std::size_t{64} << 10;
// Smallest growth of libcsv's field buffer (its own default, 128 bytes, would
// make a long field cost a realloc per 128 bytes).
constexpr std::size_t kMinBlock = 4096;

// The delimiters sniffed, in order of preference when they split as well.
constexpr std::array<char, 4> kDelimiters = {',', '\t', ';', '|'};

// libcsv's parser states (csv_parser::pstate, libcsv.c): no field of the row
// seen yet, and inside a field.
constexpr int kRowNotBegun = 0;
constexpr int kFieldBegun = 2;

// Header names sniff_csv() accepts: at most this long, in words.
constexpr std::size_t kMaxNameBytes = 64;
constexpr std::size_t kMaxNameWords = 4;
// Column names kept while sniffing (wider headers are not sniffed as CSV).
constexpr std::size_t kMaxSniffColumns = CsvOptions::kDefaultMaxColumns;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view without_bom(std::string_view s) { return s.starts_with(kUtf8Bom) ? s.substr(kUtf8Bom.size()) : s; }

// "16 MiB", "1000 bytes".
std::string describe_size(std::size_t bytes) {
  constexpr std::array<std::pair<std::size_t, const char*>, 3> kUnits = {
      {{std::size_t{1} << 30, " GiB"}, {std::size_t{1} << 20, " MiB"}, {std::size_t{1} << 10, " KiB"}}};
  for (const auto& [unit, name] : kUnits) {
    if (bytes >= unit && bytes % unit == 0) return std::to_string(bytes / unit) + name;
  }
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

// A libcsv parser (lenient mode: RFC 4180 quoting, a stray quote kept as
// text), freed when it goes.
class Parser {
 public:
  explicit Parser(char delimiter) {
    csv_init(&parser_, 0);
    csv_set_delim(&parser_, static_cast<unsigned char>(delimiter));
  }
  ~Parser() { csv_free(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  csv_parser* get() { return &parser_; }

 private:
  csv_parser parser_{};
};

// ---- sniffing

// What the first records of a head look like split by one delimiter.
struct Split {
  std::vector<std::string> names;  // the first record's fields (at most kMaxSniffColumns + 1)
  bool header_complete = false;    // the first record ended within the head
  std::size_t width = 0;           // names without the empty ones at the end
  bool data_begun = false;         // a record after the header began
  std::size_t consistent = 0;      // records after the header with `width` fields (or more, all empty)
  std::size_t inconsistent = 0;    // ... with another number of fields
  // Of the record being parsed: fields so far, and the 1-based number of the
  // last non-empty one.
  std::size_t fields = 0;
  std::size_t filled = 0;
};

std::size_t width_of(const std::vector<std::string>& names) {
  std::size_t width = names.size();
  while (width > 0 && trim(names[width - 1]).empty()) --width;
  return width;
}

bool fits(std::size_t fields, std::size_t filled, std::size_t width) { return fields >= width && filled <= width; }

void split_field(void* text, std::size_t size, void* data) {
  Split& s = *static_cast<Split*>(data);
  ++s.fields;
  if (size > 0) s.filled = s.fields;
  if (!s.header_complete && s.names.size() <= kMaxSniffColumns) {
    s.names.emplace_back(size == 0 ? "" : std::string(static_cast<const char*>(text), size));
  }
}

void split_row(int, void* data) {
  Split& s = *static_cast<Split*>(data);
  if (!s.header_complete) {
    s.header_complete = true;
    s.width = width_of(s.names);
  } else {
    s.data_begun = true;
    ++(fits(s.fields, s.filled, s.width) ? s.consistent : s.inconsistent);
  }
  s.fields = s.filled = 0;
}

// `head` (cut to kCsvSniffBytes, byte order mark dropped) split by `delimiter`.
Split split(std::string_view head, char delimiter) {
  head = without_bom(head.substr(0, std::min(head.size(), kCsvSniffBytes)));
  Split s;
  Parser parser(delimiter);
  csv_parser* p = parser.get();
  if (!head.empty() && csv_parse(p, head.data(), head.size(), split_field, split_row, &s) != head.size()) {
    throw std::bad_alloc();
  }
  if (p->pstate != kRowNotBegun) {  // the head ends inside a record
    const std::size_t fields = s.fields + 1;
    const std::size_t filled = p->entry_pos > 0 ? fields : s.filled;
    if (!s.header_complete) {
      s.width = std::max(width_of(s.names), filled);
    } else {
      s.data_begun = true;
      if (filled > s.width) ++s.inconsistent;  // too many fields already
    }
  }
  return s;
}

bool ascii_equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

// Whether `names` (a first record) look like column names, not prose or
// markup. Two names must be single words: a title with one comma splits
// into two short phrases.
bool look_like_column_names(const std::vector<std::string>& names, std::size_t width) {
  const std::size_t max_words = width == 2 ? 1 : kMaxNameWords;
  std::vector<std::string_view> seen;
  for (std::size_t i = 0; i < width; ++i) {
    const std::string_view name = trim(names[i]);
    if (name.empty()) continue;
    if (name.size() > kMaxNameBytes || !analysis::is_valid_utf8(name)) return false;
    std::size_t words = 1;
    for (std::size_t j = 0; j < name.size(); ++j) {
      const auto c = static_cast<unsigned char>(name[j]);
      if (c < 0x20 || c == 0x7F || std::strchr("{}<>\"", c) != nullptr) return false;
      if (c == ' ' && j > 0 && name[j - 1] != ' ') ++words;
    }
    if (words > max_words) return false;
    for (std::string_view other : seen) {
      if (ascii_equal_ignoring_case(name, other)) return false;
    }
    seen.push_back(name);
  }
  return seen.size() >= 2;
}

}  // namespace

char guess_delimiter(std::string_view head) {
  char best = ',';
  std::size_t best_width = 1;
  std::size_t best_inconsistent = 0;
  for (char d : kDelimiters) {
    const Split s = split(head, d);
    if (s.width < 2) continue;
    if (best_width < 2 || s.inconsistent < best_inconsistent ||
        (s.inconsistent == best_inconsistent && s.width > best_width)) {
      best = d;
      best_width = s.width;
      best_inconsistent = s.inconsistent;
    }
  }
  return best;
}

std::optional<char> sniff_csv(std::string_view head) {
  head = without_bom(head.substr(0, std::min(head.size(), kCsvSniffBytes)));
  if (head.empty() || std::memchr(head.data(), '\0', head.size()) != nullptr) return std::nullopt;
  const std::string_view text = trim(head);
  if (text.empty() || std::strchr("{[<", text.front()) != nullptr) return std::nullopt;  // JSON, markup
  const char d = guess_delimiter(head);
  const Split s = split(head, d);
  if (!s.header_complete || s.width < 2 || !s.data_begun || s.inconsistent > 0) return std::nullopt;
  if (!look_like_column_names(s.names, s.width)) return std::nullopt;
  return d;
}

// ---- charsets

// A stream of text in `charset` read as UTF-8: the bytes already read
// (`pending`) first, then the rest of `input`, converted by ICU as they come
// (a character cut between two reads is completed by the next). Bytes the
// charset does not map become U+FFFD.
class TranscodingStream final : public index::InputStream {
 public:
  TranscodingStream(std::unique_ptr<index::InputStream> input, const std::string& charset, std::string pending)
      : input_(std::move(input)), pending_(std::move(pending)) {
    UErrorCode status = U_ZERO_ERROR;
    converter_ = ucnv_open(charset.c_str(), &status);
    if (U_FAILURE(status)) throw Error("cannot convert from " + charset + ": " + u_errorName(status));
  }
  ~TranscodingStream() override { ucnv_close(converter_); }
  TranscodingStream(const TranscodingStream&) = delete;
  TranscodingStream& operator=(const TranscodingStream&) = delete;

  std::size_t read(std::span<char> buffer) override {
    while (out_pos_ == out_.size() && !done_) convert_more();
    const std::size_t n = std::min(buffer.size(), out_.size() - out_pos_);
    std::memcpy(buffer.data(), out_.data() + out_pos_, n);
    out_pos_ += n;
    return n;
  }
  std::uint64_t bytes_consumed() const override { return input_->bytes_consumed(); }

 private:
  void convert_more() {
    std::string raw = std::move(pending_);
    pending_.clear();
    bool flush = false;
    if (raw.empty()) {
      raw.resize(kReadBytes);
      raw.resize(input_->read(std::span<char>(raw.data(), raw.size())));
      flush = raw.empty();
    }
    // At most two UTF-16 units per byte, and those a flush completes.
    std::u16string units(2 * raw.size() + 16, u'\0');
    UChar* target = units.data();
    const char* source = raw.data();
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(converter_, &target, units.data() + units.size(), &source, raw.data() + raw.size(), nullptr, flush,
                   &status);
    if (U_FAILURE(status)) throw Error(std::string("charset conversion failed: ") + u_errorName(status));
    const auto count = static_cast<int32_t>(target - units.data());
    out_.assign(static_cast<std::size_t>(count) * 3, '\0');
    int32_t written = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8WithSub(out_.data(), static_cast<int32_t>(out_.size()), &written, units.data(), count, 0xFFFD, nullptr,
                       &status);
    if (U_FAILURE(status)) throw Error(std::string("charset conversion failed: ") + u_errorName(status));
    out_.resize(static_cast<std::size_t>(written));
    out_pos_ = 0;
    done_ = flush;
  }

  std::unique_ptr<index::InputStream> input_;
  std::string pending_;
  UConverter* converter_ = nullptr;
  std::string out_;  // converted, [out_pos_, size) not handed out yet
  std::size_t out_pos_ = 0;
  bool done_ = false;
};

// The charset of a CSV file's head when it is not UTF-8: a UTF-16 byte-order
// mark, or what ICU's detector finds in the complete lines of a head that
// holds no UTF-8 multi-byte character before its first invalid byte (a
// UTF-8 file with a bad byte is damaged, not in another charset) and that
// the detected charset decodes without a substitution. "" otherwise: the
// file is read as UTF-8, and a bad byte is its record's error.
std::string legacy_charset(std::string_view head, bool more_follows) {
  if (head.starts_with("\xFF\xFE")) return "UTF-16LE";
  if (head.starts_with("\xFE\xFF")) return "UTF-16BE";
  std::size_t bad = 0;
  if (analysis::is_valid_utf8(head, &bad)) return {};
  if (more_follows && head.size() - bad < 4) {
    // Perhaps only a character cut by the end of the head.
    if (analysis::is_valid_utf8(head.substr(0, head.rfind('\n') + 1))) return {};
  }
  if (analysis::ascii_prefix(head.substr(0, bad)) != bad) return {};
  const std::size_t lines_end = more_follows ? head.rfind('\n') : std::string_view::npos;
  const std::string_view sample = lines_end == std::string_view::npos ? head : head.substr(0, lines_end + 1);
  try {
    const DecodedHtml decoded = decode_html(sample, {}, /*read_markup=*/false);
    if (decoded.replaced == 0 && decoded.charset != "UTF-8") return decoded.charset;
  } catch (const Error&) {
    // No charset decodes it: read as UTF-8, each bad field its row's error.
  }
  return {};
}

// Whether `bytes` hold a UTF-8 multi-byte character (a valid sequence), as
// text in a legacy charset seldom does.
bool holds_utf8_character(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0xC2 || lead > 0xF4) continue;
    const std::size_t length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (i + length <= bytes.size() && analysis::is_valid_utf8(bytes.substr(i, length))) return true;
  }
  return false;
}

// `bytes` in `charset` as UTF-8; nullopt when a byte sequence does not map
// (no substitution is made) or `charset` is unknown.
std::optional<std::string> convert_exactly(std::string_view bytes, const std::string& charset) {
  if (bytes.size() > kMaxConvertBytes) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<UConverter, void (*)(UConverter*)> converter(ucnv_open(charset.c_str(), &status), ucnv_close);
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string units(2 * bytes.size() + 16, u'\0');
  const int32_t count = ucnv_toUChars(converter.get(), units.data(), static_cast<int32_t>(units.size()), bytes.data(),
                                      static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out(static_cast<std::size_t>(count) * 3, '\0');
  int32_t written = 0;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &written, units.data(), count, &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<std::size_t>(written));
  return out;
}

// ---- CsvReader

struct CsvReader::Impl {
  // A record as parsed, before it is checked against the header.
  struct Row {
    std::uint64_t line = 0;
    std::size_t fields = 0;           // how many the record had
    std::vector<std::string> values;  // the first `keep` of them (none when oversize)
    std::size_t extra_filled = 0;     // 1-based number of the first non-empty field past them; 0: none
    bool oversize = false;            // larger than max_field_bytes: values dropped
    bool unclosed = false;            // the input ended inside a quoted field of it
  };

  Impl(std::unique_ptr<index::InputStream> in, std::string name, CsvOptions opts)
      : input(std::move(in)), origin(std::move(name)), options(opts) {
    csv_init(&parser, 0);
  }
  ~Impl() { csv_free(&parser); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  std::string at(std::uint64_t line_number) const { return origin + ":" + std::to_string(line_number) + ": "; }

  // Appends one read to buffer (dropping the parsed bytes first); false at
  // the end of the input or when the stream failed (error then holds it).
  bool fill() {
    if (eof) return false;
    lf_after = lf_after > pos ? lf_after - pos : 0;
    buffer.erase(0, pos);
    pos = 0;
    const std::size_t old = buffer.size();
    buffer.resize(old + kReadBytes);
    std::size_t n = 0;
    try {
      n = input->read(std::span<char>(buffer.data() + old, kReadBytes));
    } catch (...) {
      error = std::current_exception();
    }
    buffer.resize(old + n);
    bytes_read += n;
    if (n == 0) eof = true;
    return n > 0;
  }

  // Reads the head, drops a byte order mark, chooses the delimiter.
  void start() {
    if (started) return;
    started = true;
    while (buffer.size() < kCsvSniffBytes && fill()) {
    }
    // A file in another charset (Excel on Windows writes Windows-1252) is
    // converted to UTF-8 as it is read, its head included (not a stream that
    // already failed: its head is read as it is, and the failure reported).
    if (const std::string charset = error ? std::string() : legacy_charset(buffer, !eof); !charset.empty()) {
      std::string head = std::move(buffer);
      if (charset.starts_with("UTF-16")) head.erase(0, 2);  // the byte-order mark
      input = std::make_unique<TranscodingStream>(std::move(input), charset, std::move(head));
      buffer.clear();
      pos = 0;
      lf_after = 0;
      eof = false;
      charset_settled = true;
      while (buffer.size() < kCsvSniffBytes && fill()) {
      }
    }
    const std::string_view head(buffer);
    if (head.starts_with(kUtf8Bom)) pos = kUtf8Bom.size();
    delimiter = options.delimiter != 0 ? options.delimiter : guess_delimiter(head.substr(pos));
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
  }

  static void on_field(void* text, std::size_t size, void* data) {
    Impl& r = *static_cast<Impl*>(data);
    ++r.row.fields;
    if (r.row.oversize) return;
    r.row_bytes += size;
    if (r.row_bytes > r.options.max_field_bytes) {
      r.drop_row_values();
      return;
    }
    if (r.row.fields <= r.keep) {
      r.row.values.emplace_back(size == 0 ? "" : std::string(static_cast<const char*>(text), size));
    } else if (size > 0 && r.row.extra_filled == 0) {
      r.row.extra_filled = r.row.fields;
    }
  }

  static void on_row(int, void* data) {
    Impl& r = *static_cast<Impl*>(data);
    r.ready.push_back(std::move(r.row));
    r.row = Row{};
    r.row.line = r.line;
    r.row_bytes = 0;
  }

  void drop_row_values() {
    row.oversize = true;
    row.values.clear();
    row.values.shrink_to_fit();
  }

  // Parses the next piece of the input: up to and including the next line
  // feed or lone CR, at most kPieceBytes; at the end of the input, finishes
  // the last record. Ending pieces at line ends leaves libcsv between records
  // whenever next_row() returns one (a field half parsed in libcsv's buffer
  // would escape a late charset conversion); lines count line feeds only.
  void parse_piece() {
    if (pos == buffer.size() && !fill()) {
      finish();
      return;
    }
    const char* data = buffer.data() + pos;
    std::size_t n = std::min(buffer.size() - pos, kPieceBytes);
    // The first line feed; the bytes before lf_after are known to hold none
    // (a file of lone CRs would otherwise be searched a piece ahead per line).
    const std::size_t from = std::max(pos, lf_after);
    const char* newline =
        from < pos + n ? static_cast<const char*>(std::memchr(buffer.data() + from, '\n', pos + n - from)) : nullptr;
    lf_after = newline != nullptr ? static_cast<std::size_t>(newline - buffer.data()) : pos + n;
    if (newline != nullptr) n = static_cast<std::size_t>(newline - data) + 1;
    // A CR before it ends the piece, unless it is the CR of a CRLF.
    const char* cr = static_cast<const char*>(std::memchr(data, '\r', n));
    const bool lone_cr = cr != nullptr && cr + 1 != newline;
    if (lone_cr) n = static_cast<std::size_t>(cr - data) + 1;
    if (parser.pstate == kRowNotBegun) row.line = line;
    if (!charset_settled && first_non_ascii_line == 0 && analysis::ascii_prefix(std::string_view(data, n)) != n) {
      first_non_ascii_line = line;
    }
    // Grow libcsv's buffer by doubling, but never past what one record may
    // hold plus one piece.
    const std::size_t size = csv_get_buffer_size(&parser);
    const std::size_t cap = options.max_field_bytes + kPieceBytes;
    csv_set_blk_size(&parser, std::max(kMinBlock, std::min(size, cap > size ? cap - size : 0)));
    if (csv_parse(&parser, data, n, on_field, on_row, this) != n) throw std::bad_alloc();
    pos += n;
    if (newline != nullptr && !lone_cr) ++line;
    // A record outgrowing the limit: its field so far is dropped, its end
    // still found. libcsv's own bookkeeping (csv_parser is public) takes
    // the last byte, and the count of trailing spaces, off the field when
    // it ends: keep one byte and no spaces, so that stays in bounds.
    if (!row.oversize && row_bytes + parser.entry_pos > options.max_field_bytes) drop_row_values();
    if (row.oversize && parser.entry_pos > 1) {
      parser.entry_pos = 1;
      parser.spaces = 0;
    }
  }

  void finish() {
    if (finished) return;
    finished = true;
    if (error) return;  // the record the failure cut is dropped
    if (parser.pstate == kFieldBegun && parser.quoted != 0) row.unclosed = true;
    csv_fini(&parser, on_field, on_row, this);
  }

  // The next row parsed; nullopt at the end (or the stream's failure).
  std::optional<Row> next_row() {
    while (ready.empty() && !finished) parse_piece();
    if (ready.empty()) return std::nullopt;
    Row r = std::move(ready.front());
    ready.pop_front();
    return r;
  }

  // A file read as UTF-8 whose bytes were all ASCII before record `r`, in
  // which `r` is not UTF-8: when r and the 64 KiB after it hold no UTF-8
  // character and ICU's detector reads them as a legacy charset without a
  // substitution (the check the head had at start()), the rest of the input
  // is converted from that charset as it is read, and r and the records
  // parsed along with it are converted now. Excel's Windows-1252 exports are
  // often plain ASCII for their first records. Tried once per file; false,
  // nothing changed, when it does not apply.
  bool convert_from_legacy_charset(Row& r) {
    if (charset_settled || error || first_non_ascii_line < r.line) return false;
    if (std::all_of(r.values.begin(), r.values.end(),
                    [](const std::string& v) { return analysis::is_valid_utf8(v); })) {
      return false;
    }
    charset_settled = true;  // one try per file: a later bad record is damage
    while (!eof && buffer.size() - pos < kCsvSniffBytes && fill()) {
    }
    if (error) return false;  // the stream failed: that is reported, nothing switched
    std::string sample;
    auto add = [&sample](const Row& parsed_row) {
      for (const std::string& v : parsed_row.values) sample.append(v).push_back('\n');
    };
    add(r);
    for (const Row& queued : ready) add(queued);
    sample.append(buffer, pos, kCsvSniffBytes);
    // A UTF-8 character anywhere in them: UTF-8 with a damaged byte.
    if (holds_utf8_character(sample)) return false;
    const std::string charset = legacy_charset(sample, !eof);
    if (charset.empty() || charset.starts_with("UTF-")) return false;
    // The delimiter, quotes and line ends must be the same bytes in it.
    const std::string syntax = std::string("\r\n\"") + delimiter;
    if (convert_exactly(syntax, charset) != syntax) return false;
    std::vector<std::string*> parsed;  // r, the record being parsed, those parsed after r
    for (std::string& v : r.values) parsed.push_back(&v);
    for (std::string& v : row.values) parsed.push_back(&v);
    for (Row& queued : ready) {
      for (std::string& v : queued.values) parsed.push_back(&v);
    }
    std::vector<std::string> converted;
    converted.reserve(parsed.size());
    for (const std::string* v : parsed) {
      std::optional<std::string> utf8 = convert_exactly(*v, charset);
      if (!utf8) return false;
      converted.push_back(std::move(*utf8));
    }
    for (std::size_t i = 0; i < parsed.size(); ++i) *parsed[i] = std::move(converted[i]);
    // UTF-8 takes more bytes than the charset did: the size limit again.
    hold_to_limit(r);
    for (Row& queued : ready) hold_to_limit(queued);
    row_bytes = hold_to_limit(row);
    if (!finished) {
      input = std::make_unique<TranscodingStream>(std::move(input), charset, buffer.substr(pos));
      buffer.clear();
      pos = 0;
      lf_after = 0;
      eof = false;
    }
    return true;
  }

  // The bytes of `checked`'s values; when they are over the limit, the row
  // becomes oversize (its values dropped), as parse_piece() makes it.
  std::size_t hold_to_limit(Row& checked) const {
    std::size_t bytes = 0;
    for (const std::string& v : checked.values) bytes += v.size();
    if (bytes > options.max_field_bytes) {
      checked.oversize = true;
      checked.values.clear();
      checked.values.shrink_to_fit();
    }
    return bytes;
  }

  void rethrow_error() {
    if (!error) return;
    std::exception_ptr e = std::exchange(error, nullptr);
    std::rethrow_exception(e);
  }

  void read_header() {
    if (have_header) return;
    if (!header_error.empty()) throw Error(header_error);
    try {
      parse_header();
    } catch (const Error& e) {
      // Refused once, refused always: the next record is no header either.
      header_error = e.what();
      throw;
    }
  }

  void parse_header() {
    start();
    keep = options.max_columns;
    std::optional<Row> first = next_row();
    if (!first) {
      rethrow_error();
      throw Error(at(line) + "no header row: the input is " + (bytes_read > 0 ? "blank" : "empty"));
    }
    const std::string no_header = at(first->line) + "no header row: ";
    if (first->unclosed) {
      throw Error(no_header + "the first record opens a quote that is never closed (the input ends inside it)");
    }
    if (first->oversize) {
      throw Error(no_header + "the first record is larger than the limit of " + describe_size(options.max_field_bytes));
    }
    if (first->extra_filled != 0) {
      throw Error(no_header + "the first record has more than " + std::to_string(options.max_columns) + " columns");
    }
    for (const std::string& name : first->values) {
      if (name.find('\0') != std::string::npos) {
        throw Error(no_header + "the first record holds NUL bytes (binary data, not CSV)");
      }
      if (!analysis::is_valid_utf8(name)) {
        throw Error(no_header + "the first record is not valid UTF-8 (CSV is read as UTF-8)");
      }
    }
    for (std::string& name : first->values) name = std::string(trim(name));
    first->values.resize(width_of(first->values));
    if (first->values.empty()) throw Error(no_header + "the first record has no column names");
    header = std::move(first->values);
    header_line = first->line;
    keep = header.size();
    have_header = true;
  }

  // Why `r` is unusable ("" when it is not); with its values checked.
  std::string problem(const Row& r) const {
    if (r.unclosed) {
      return "a quote opened in this record is never closed: the input ends inside the quoted field";
    }
    if (r.oversize) {
      return "the record is larger than the limit of " + describe_size(options.max_field_bytes) +
             " (read past, not kept)";
    }
    std::string counts = std::to_string(r.fields) + (r.fields == 1 ? " field" : " fields") + ", the header has " +
                         std::to_string(header.size());
    if (r.fields < header.size()) return counts;
    if (r.extra_filled != 0) {
      return counts + ", and field " + std::to_string(r.extra_filled) +
             " is not empty (an unquoted delimiter or quote shifts the columns?)";
    }
    for (std::size_t i = 0; i < r.values.size(); ++i) {
      const std::string& v = r.values[i];
      const std::string column =
          header[i].empty() ? "column " + std::to_string(i + 1) : "column \"" + excerpt_for_message(header[i]) + "\"";
      if (const std::size_t nul = v.find('\0'); nul != std::string::npos) {
        return "NUL byte in " + column + " at byte " + std::to_string(nul + 1) + " of the field (binary data?)";
      }
      std::size_t bad = 0;
      if (!analysis::is_valid_utf8(v, &bad)) {
        return "invalid UTF-8 in " + column + " at byte " + std::to_string(bad + 1) +
               " of the field (CSV is read as UTF-8)";
      }
    }
    return {};
  }

  std::unique_ptr<index::InputStream> input;
  std::string origin;
  CsvOptions options;
  csv_parser parser{};
  bool started = false;
  char delimiter = 0;

  std::string buffer;  // bytes read; [pos, size) not parsed yet
  std::size_t pos = 0;
  std::size_t lf_after = 0;  // buffer[pos, lf_after) holds no line feed
  std::uint64_t bytes_read = 0;
  bool eof = false;          // the stream ended (or failed)
  bool finished = false;     // ... and its last record was finished
  std::exception_ptr error;  // the stream's failure, not rethrown yet

  std::uint64_t line = 1;  // line of the next byte parsed
  // Line of the first byte parsed that is not ASCII; 0 while there is none.
  std::uint64_t first_non_ascii_line = 0;
  // Whether the charset is decided: converted from the head's (start()) or
  // from a later record's (convert_from_legacy_charset()), or that was tried.
  bool charset_settled = false;
  Row row;  // the record being parsed
  std::size_t row_bytes = 0;
  std::size_t keep = 0;   // fields kept per row: the header's width
  std::deque<Row> ready;  // records parsed, not returned yet

  bool have_header = false;
  std::string header_error;  // why header() threw, to throw again
  std::vector<std::string> header;
  std::uint64_t header_line = 0;
  std::uint64_t records = 0;
};

CsvReader::CsvReader(std::unique_ptr<index::InputStream> input, std::string origin, CsvOptions options)
    : impl_(std::make_unique<Impl>(std::move(input), std::move(origin), options)) {
  impl_->row.line = 1;
}

CsvReader::~CsvReader() = default;

const std::vector<std::string>& CsvReader::header() {
  impl_->read_header();
  return impl_->header;
}

std::uint64_t CsvReader::header_line() const { return impl_->header_line; }

char CsvReader::delimiter() const { return impl_->delimiter; }

std::optional<CsvRecord> CsvReader::next() {
  Impl& r = *impl_;
  r.read_header();
  std::optional<Impl::Row> row = r.next_row();
  if (!row) {
    r.rethrow_error();
    return std::nullopt;
  }
  CsvRecord record;
  record.line = row->line;
  record.number = ++r.records;
  // A row parsed along with the header would have kept max_columns fields:
  // trim to the header's. (Pieces end at line ends, so none is today; this
  // keeps a row's width the header's whatever the parser read ahead.)
  if (row->values.size() > r.header.size()) {
    for (std::size_t i = r.header.size(); i < row->values.size(); ++i) {
      if (row->values[i].empty()) continue;
      row->extra_filled = row->extra_filled == 0 ? i + 1 : std::min(row->extra_filled, i + 1);
      break;
    }
    row->values.resize(r.header.size());
  }
  r.convert_from_legacy_charset(*row);
  record.error = r.problem(*row);
  if (record.error.empty()) {
    record.values = std::move(row->values);
    for (std::string& v : record.values) {
      if (v.find('\r') == std::string::npos) continue;
      std::size_t out = 0;
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\r' && i + 1 < v.size() && v[i + 1] == '\n') continue;
        v[out++] = v[i];
      }
      v.resize(out);
    }
  }
  return record;
}

std::uint64_t CsvReader::bytes_consumed() const { return impl_->input->bytes_consumed(); }

}  // namespace newsdex::readers
