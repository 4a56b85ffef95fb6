#include "indexer/corpus_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <deque>
#include <filesystem>
#include <new>
#include <span>
#include <system_error>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/analysis/analyzer.h"
#include "common/dates.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/terminal_text.h"
#include "indexer/article_hash.h"
#include "indexer/extraction.h"
#include "indexer/input_stream.h"
#include "indexer/json_values.h"
#include "indexer/line_reader.h"
#include "indexer/readers/csv_reader.h"
#include "indexer/readers/feed_reader.h"
#include "indexer/readers/feed_text.h"
#include "indexer/readers/html_charset.h"
#include "indexer/readers/html_dom.h"
#include "indexer/readers/html_extractor.h"
#include "indexer/readers/warc_reader.h"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Warnings quote input values up to this many characters: enough to recognise one.
constexpr std::size_t kMaxQuotedChars = 60;
constexpr std::string_view kStdinName = "<stdin>";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A value for a warning: cut to kMaxQuotedChars with "…", control characters,
// C1 controls and bidi overrides shown as escapes (common/terminal_text.h), so
// one bad record stays one readable line and cannot drive the terminal.
std::string shorten(std::string_view value) { return excerpt_for_message(value, kMaxQuotedChars); }

std::string quote(std::string_view value) { return "\"" + shorten(value) + "\""; }

// "16 MiB", "1000 bytes": the largest unit that divides `bytes` exactly,
// as a limit the user set reads best; with `round_down`, the largest unit
// below `bytes`, rounded down, for an amount read so far.
std::string describe_size(std::uint64_t bytes, bool round_down = false) {
  constexpr std::array<std::pair<std::uint64_t, const char*>, 3> kUnits = {
      {{std::uint64_t{1} << 30, " GiB"}, {std::uint64_t{1} << 20, " MiB"}, {std::uint64_t{1} << 10, " KiB"}}};
  for (const auto& [unit, name] : kUnits) {
    if (bytes >= unit && (round_down || bytes % unit == 0)) return std::to_string(bytes / unit) + name;
  }
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

// What a record holds under one of the keys parse_json_line() reads. Only
// these are kept; other keys, and whatever is nested below the record's own
// members, are parsed (to check the syntax) and dropped.
struct JsonField {
  enum class Kind {
    kAbsent,   // not given
    kString,   // text: the string
    kNumber,   // text: the number as written ("1.5e3"); number: its value
    kStrings,  // an array: strings holds its string elements
    kOther,    // null, a boolean or an object: counts as absent
  };
  Kind kind = Kind::kAbsent;
  std::string text;
  double number = 0;
  std::vector<std::string> strings;

  static JsonField of(Kind kind) {
    JsonField field;
    field.kind = kind;
    return field;
  }
};

// The members of one record under the keys options.field_keys reads.
class RecordFields {
 public:
  explicit RecordFields(const FieldKeys& keys) : keys_(keys), fields_(keys.all().size()) {}
  // The slot of `key`, or nullptr for a key that is not read.
  JsonField* slot(std::string_view key) {
    std::optional<std::size_t> i = keys_.index_of(key);
    return i ? &fields_[*i] : nullptr;
  }
  const JsonField& operator[](std::string_view key) const {
    std::optional<std::size_t> i = keys_.index_of(key);
    return i ? fields_[*i] : absent_;
  }
  // The most parts a key path has ("headline.main": 2); 1 when no key is a path.
  std::size_t path_depth() const { return keys_.path_depth(); }
  // Whether a key path starts with member `head`.
  bool is_path_head(std::string_view head) const { return keys_.is_path_head(head); }

 private:
  const FieldKeys& keys_;
  std::vector<JsonField> fields_;
  JsonField absent_;
};

// A SAX handler filling RecordFields, rather than a json DOM: a DOM holds
// every member (and every level of a deeply nested array) several times over
// the line's size, and turns every number into a double, so ids above 2^64
// or written as 1.5e3 would lose their digits. Keeps the first error.
//
// Two captures read values: one the record's own members ("title"), one the
// members of objects nested in it, by their key path ("headline.main": the
// "main" member of the "headline" member), as long as the path runs through
// objects only. Paths are looked up only to the depth of the longest path
// read, so deep nesting costs no more than shallow.
class RecordParser final : public json::json_sax_t {
 public:
  explicit RecordParser(RecordFields& fields)
      : fields_(fields), path_depth_(fields.path_depth()), path_keys_(path_depth_ + 1) {
    top_capture_.base = 1;
  }

  bool null() override { return scalar(JsonField::Kind::kOther, "null"); }
  bool boolean(bool /*value*/) override { return scalar(JsonField::Kind::kOther, "a boolean"); }
  bool number_integer(number_integer_t value) override {
    return number(std::to_string(value), static_cast<double>(value));
  }
  bool number_unsigned(number_unsigned_t value) override {
    return number(std::to_string(value), static_cast<double>(value));
  }
  bool number_float(number_float_t value, const string_t& literal) override { return number(literal, value); }
  bool string(string_t& value) override {
    if (depth_ == 0) top_ = "a string";
    // The nested capture copies what it keeps; the top one, last, moves it.
    nested_capture_.string(depth_, value, /*take=*/false);
    top_capture_.string(depth_, value, /*take=*/true);
    return true;
  }
  bool binary(binary_t& /*value*/) override { return true; }  // not in JSON text
  bool start_object(std::size_t /*elements*/) override {
    if (depth_ == 0) {
      top_ = "an object";
      object_ = true;
    }
    top_capture_.start_object(depth_);
    nested_capture_.start_object(depth_);
    if (objects_ == depth_) ++objects_;
    ++depth_;
    return true;
  }
  bool key(string_t& key) override {
    if (depth_ == 1 && object_) top_capture_.member = fields_.slot(key);
    if (path_depth_ >= 2) nested_key(key);
    top_capture_.key(depth_, key);
    nested_capture_.key(depth_, key);
    return true;
  }
  bool end_object() override { return end_container(); }
  bool start_array(std::size_t /*elements*/) override {
    if (depth_ == 0) top_ = "an array";
    top_capture_.start_array(depth_);
    nested_capture_.start_array(depth_);
    ++depth_;
    return true;
  }
  bool end_array() override { return end_container(); }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& error) override {
    error_ = describe_error(position, last_token, error);
    return false;
  }

  // After a successful parse: was the line's value an object, and if not, what.
  bool is_object() const { return object_; }
  std::string_view type() const { return top_; }
  // After a failed parse: why, for the warning.
  const std::string& error() const { return error_; }

 private:
  // What one capture reads: the value of `member`, found at depth `base` (1:
  // a member of the record itself), which is a string, a number, an array of
  // strings or of objects with a "name" string, or an object that stands for
  // one value: {"name": ...} (schema.org's Person, NewsAPI's source), and
  // MongoDB's extended JSON, as mongoexport writes it: {"$oid": "5e0d..."},
  // {"$date": "2020-01-02T03:04:05Z"}, {"$date": 1577934245000} and
  // {"$date": {"$numberLong": "1577934245000"}} (milliseconds),
  // {"$numberLong": "42"}.
  struct Capture {
    // What the value of the key just read stands for.
    enum class StandIn { kNone, kName, kDate, kDateMillis, kNumber };

    int base = 0;                       // the depth of the member's value
    JsonField* member = nullptr;        // the member being read, if one is
    JsonField* array = nullptr;         // the array member whose strings are collected
    JsonField* named = nullptr;         // the object member one of whose members is its value
    StandIn stand_in = StandIn::kNone;  // the next value is that member's
    bool date_object = false;           // the "$date" of `named` is an object

    void value(int depth, JsonField field) {
      stand_in = StandIn::kNone;
      if (depth == base && member != nullptr) *member = std::move(field);
    }
    void number(int depth, const std::string& literal, double value) {
      if (depth == base && member != nullptr) {
        *member = JsonField{.kind = JsonField::Kind::kNumber, .text = literal, .number = value, .strings = {}};
      } else if (stand_in == StandIn::kDate && depth == base + 1 && named != nullptr) {
        *named = JsonField{.kind = JsonField::Kind::kNumber, .text = literal, .number = value / 1000, .strings = {}};
      }
      stand_in = StandIn::kNone;
    }
    // With `take`, a string kept is moved from `text`.
    void string(int depth, std::string& text, bool take) {
      auto kept = [&]() -> std::string {
        if (take) return std::move(text);
        return text;
      };
      if (depth == base && member != nullptr) {
        *member = JsonField{.kind = JsonField::Kind::kString, .text = kept(), .number = 0, .strings = {}};
      } else if (array != nullptr && (depth == base + 1 || (stand_in == StandIn::kName && depth == base + 2))) {
        array->strings.push_back(kept());  // an element, or an element's name
      } else if (named != nullptr && stand_in != StandIn::kNone &&
                 depth == base + (stand_in == StandIn::kDateMillis ? 2 : 1)) {
        *named = stand_in_value(kept());
      }
      stand_in = StandIn::kNone;
    }
    void start_object(int depth) {
      if (depth == base && member != nullptr) {
        *member = JsonField::of(JsonField::Kind::kOther);
        named = member;  // one of its members may stand for it
        date_object = false;
      }
      if (depth == base + 1 && stand_in == StandIn::kDate) date_object = true;
      stand_in = StandIn::kNone;
    }
    void start_array(int depth) {
      stand_in = StandIn::kNone;
      if (depth == base && member != nullptr) {
        *member = JsonField::of(JsonField::Kind::kStrings);
        array = member;
      }
    }
    void key(int depth, std::string_view key) {
      stand_in = StandIn::kNone;
      if (depth == base + 1 && named != nullptr) {
        date_object = false;
        if (key == "name" || key == "$oid") {
          stand_in = StandIn::kName;
        } else if (key == "$date") {
          stand_in = StandIn::kDate;
        } else if (key == "$numberLong" || key == "$numberInt") {
          stand_in = StandIn::kNumber;
        }
      } else if (depth == base + 2 && array != nullptr && key == "name") {
        stand_in = StandIn::kName;
      } else if (depth == base + 2 && named != nullptr && date_object && key == "$numberLong") {
        stand_in = StandIn::kDateMillis;
      }
    }
    // A container closed, leaving `depth` open: the member's value ends with
    // its own container or the object holding it.
    void end_container(int depth) {
      if (depth <= base) {
        member = nullptr;
        array = nullptr;
        named = nullptr;
      }
      if (depth <= base + 1) date_object = false;
    }

    // "$numberLong": "42" is the number 42; "$date": {"$numberLong": "..."}
    // milliseconds. A string that is no integer stays a string.
    JsonField stand_in_value(std::string text) const {
      if (stand_in == StandIn::kNumber || stand_in == StandIn::kDateMillis) {
        std::int64_t n = 0;
        const char* end = text.data() + text.size();
        auto [ptr, ec] = std::from_chars(text.data(), end, n);
        if (ec == std::errc() && ptr == end && !text.empty()) {
          const double value =
              stand_in == StandIn::kDateMillis ? static_cast<double>(n) / 1000 : static_cast<double>(n);
          return JsonField{.kind = JsonField::Kind::kNumber, .text = std::move(text), .number = value, .strings = {}};
        }
      }
      return JsonField{.kind = JsonField::Kind::kString, .text = std::move(text), .number = 0, .strings = {}};
    }
  };

  bool scalar(JsonField::Kind kind, std::string_view type) {
    if (depth_ == 0) top_ = type;
    top_capture_.value(depth_, JsonField::of(kind));
    nested_capture_.value(depth_, JsonField::of(kind));
    return true;
  }
  bool number(const std::string& literal, double value) {
    if (depth_ == 0) top_ = "a number";
    top_capture_.number(depth_, literal, value);
    nested_capture_.number(depth_, literal, value);
    return true;
  }
  bool end_container() {
    --depth_;
    objects_ = std::min(objects_, depth_);
    top_capture_.end_container(depth_);
    nested_capture_.end_container(depth_);
    return true;
  }
  // A key on a path: kept for the paths below it; below the record's own
  // members, the nested capture takes its path when it is read, unless the
  // capture is inside another member's value.
  void nested_key(const std::string& key) {
    const auto depth = static_cast<std::size_t>(depth_);
    if (depth > path_depth_ || objects_ < depth_) return;  // deeper than any path, or inside an array
    if (depth == 1) {
      path_keys_[1] = key;
      on_path_ = fields_.is_path_head(key);
      return;
    }
    if (!on_path_) return;  // no path starts with this member's key
    path_keys_[depth] = key;
    Capture& capture = nested_capture_;
    if (capture.member != nullptr && capture.base != depth_) return;
    std::string path = path_keys_[1];
    for (std::size_t i = 2; i <= depth; ++i) path += "." + path_keys_[i];
    if (JsonField* slot = fields_.slot(path)) {
      capture.base = depth_;
      capture.member = slot;
    } else if (capture.base == depth_) {
      capture.member = nullptr;
    }
  }

  static std::string describe_error(std::size_t position, const std::string& last_token,
                                    const nlohmann::detail::exception& error);

  RecordFields& fields_;
  int depth_ = 0;                       // containers open
  int objects_ = 0;                     // of them, how many from the line's value down are objects
  bool object_ = false;                 // the line's value is an object
  std::string_view top_;                // the line's value's type, for "not a JSON object"
  Capture top_capture_;                 // the record's own members
  Capture nested_capture_;              // members of nested objects, by path
  std::size_t path_depth_;              // the most parts of a key path read
  std::vector<std::string> path_keys_;  // [d]: the last key at depth d, d <= path_depth_
  bool on_path_ = false;                // a path starts with path_keys_[1]
  std::string error_;
};

using Keys = const std::vector<std::string>&;

// The first key whose value is a non-blank string, trimmed; *from = the key.
std::optional<std::string> string_field(const RecordFields& record, Keys keys, std::string* from) {
  for (const std::string& key : keys) {
    const JsonField& field = record[key];
    if (field.kind != JsonField::Kind::kString) continue;
    std::string_view value = trim(field.text);
    if (!value.empty()) {
      *from = key;
      return std::string(value);
    }
  }
  return std::nullopt;
}

// Strings as for string_field; numbers as they were written ("42", "1.5e3",
// "123456789012345678901234"): two different numerals are two different ids.
std::optional<std::string> string_or_number_field(const RecordFields& record, Keys keys, std::string* from) {
  for (const std::string& key : keys) {
    const JsonField& field = record[key];
    if (field.kind == JsonField::Kind::kNumber) {
      *from = key;
      return field.text;
    }
    if (field.kind != JsonField::Kind::kString) continue;
    std::string_view value = trim(field.text);
    if (!value.empty()) {
      *from = key;
      return std::string(value);
    }
  }
  return std::nullopt;
}

// A string, or an array whose non-blank strings are joined with ", "; each
// a byline cleaned ("By Jane Doe" -> "Jane Doe", readers::clean_byline).
std::optional<std::string> names_field(const RecordFields& record, Keys keys, std::string* from) {
  for (const std::string& key : keys) {
    const JsonField& field = record[key];
    std::string names;
    if (field.kind == JsonField::Kind::kString) {
      names = readers::clean_byline(field.text);
    } else if (field.kind == JsonField::Kind::kStrings) {
      for (const std::string& element : field.strings) {
        const std::string name = readers::clean_byline(element);
        if (name.empty()) continue;
        if (!names.empty()) names += ", ";
        names += name;
      }
    }
    if (!names.empty()) {
      *from = key;
      return names;
    }
  }
  return std::nullopt;
}

// The date of the first date key with a usable value: a non-blank string, or
// a number of epoch seconds (fractions dropped). nullopt when there is none;
// otherwise the verdict, and the value as written for the warning.
struct DateField {
  dates::DateCheck check;
  std::string written;
  std::optional<double> number;  // set when given as a number
  std::string key;
};

std::optional<DateField> date_field(const RecordFields& record, Keys keys) {
  for (const std::string& key : keys) {
    const JsonField& field = record[key];
    if (field.kind == JsonField::Kind::kNumber) {
      return DateField{dates::check_epoch_seconds(field.number), field.text, field.number, key};
    }
    if (field.kind != JsonField::Kind::kString) continue;
    std::string_view value = trim(field.text);
    if (!value.empty()) return DateField{dates::check_date(value), std::string(value), std::nullopt, key};
  }
  return std::nullopt;
}

// "syntax error while parsing object key - unexpected '}'; expected string
// literal" -> "syntax error at byte 12: unexpected '}'": nlohmann's "last
// read" part would echo the raw (possibly binary) input back into the warning.
// A number too large for a double -> "number at byte 7 is beyond the range
// of a double: 1e400".
std::string RecordParser::describe_error(std::size_t position, const std::string& last_token,
                                         const nlohmann::detail::exception& error) {
  if (const auto* syntax = dynamic_cast<const json::parse_error*>(&error)) {
    std::string_view what = syntax->what();
    std::string_view reason = what;
    if (auto dash = what.find(" - "); dash != std::string_view::npos) reason = what.substr(dash + 3);
    if (auto semicolon = reason.find(';'); semicolon != std::string_view::npos) reason = reason.substr(0, semicolon);
    return "syntax error at byte " + std::to_string(syntax->byte) + ": " + std::string(reason);
  }
  // The position is that of the token's last byte.
  std::size_t start = position >= last_token.size() ? position - last_token.size() + 1 : 1;
  if (error.id == 406) {
    return "number at byte " + std::to_string(start) + " is beyond the range of a double: " + shorten(last_token);
  }
  return "error at byte " + std::to_string(start) + ": " + error.what();
}

// "0xFF at byte 36": the first byte that breaks UTF-8, 1-based in its line.
std::string describe_bad_byte(char byte, std::size_t position) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  auto value = static_cast<unsigned char>(byte);
  return std::string("0x") + kHex[value >> 4] + kHex[value & 0xF] + " at byte " + std::to_string(position);
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

// "NUL byte at byte 3": 1-based in its line.
std::optional<std::string> find_nul(std::string_view text) {
  const void* nul = std::memchr(text.data(), '\0', text.size());
  if (nul == nullptr) return std::nullopt;
  auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
  return "NUL byte at byte " + std::to_string(offset + 1);
}

// The warning for a date that is given but not indexed.
std::string describe_date_problem(const DateField& date) {
  std::string shown = date.number ? shorten(date.written) : quote(date.written);
  if (date.check.verdict == dates::DateVerdict::kUnparseable) {
    std::string out = "unparseable date " + shown;
    if (date.number) {
      bool milliseconds = dates::check_epoch_seconds(*date.number / 1000).verdict == dates::DateVerdict::kValid;
      out += milliseconds ? " (epoch milliseconds? a number is read as epoch seconds)"
                          : " (a number is read as epoch seconds, 9 to 11 digits)";
    }
    return out + "; indexed as undated";
  }
  return "date " + shown + " " + dates::describe(date.check.verdict) + "; indexed as undated";
}

// One record's (or text's) report on being over the size limit.
Skip oversize_skip(const Line& piece, bool text, std::uint64_t limit) {
  std::string detail;
  if (!piece.continued) {
    detail =
        std::string(text ? "text" : "line") + " longer than " + describe_size(limit) + ", the --max-article-size limit";
  } else {
    detail = std::string(text ? "text still going" : "line still without an end") + " after " +
             describe_size(piece.bytes_read, /*round_down=*/true) + "; reading on";
  }
  if (piece.holds_nul) detail += "; it holds NUL bytes: binary data, not text";
  return Skip{.reason = SkipReason::kTooLong, .detail = std::move(detail), .again = piece.continued};
}

}  // namespace

void finish_article(CorpusEntry& entry) {
  Article& article = entry.article;
  if (article.title.empty() && article.body.empty()) {
    entry.skip = Skip{SkipReason::kNoText, ""};
    return;
  }
  if (article.id.empty()) {
    article.id = id_from_content(article.title, article.body);
    entry.from.id = "content-hash";
  }
  if (article.id.size() > schema::kMaxIdBytes) {
    entry.skip = Skip{SkipReason::kIdTooLong,
                      std::to_string(article.id.size()) + " bytes, at most " + std::to_string(schema::kMaxIdBytes)};
  }
}

std::string_view describe(SkipReason reason) {
  switch (reason) {
    case SkipReason::kMalformedJson:
      return "malformed JSON";
    case SkipReason::kNotAnObject:
      return "not a JSON object";
    case SkipReason::kInvalidUtf8:
      return "invalid UTF-8";
    case SkipReason::kBinaryData:
      return "binary data";
    case SkipReason::kTooLong:
      return "too long";
    case SkipReason::kNoText:
      return "no text";
    case SkipReason::kIdTooLong:
      return "id too long";
    case SkipReason::kUnreadableFile:
      return "unreadable file";
    case SkipReason::kUnsupportedCompression:
      return "unsupported compression";
    case SkipReason::kDamagedCompression:
      return "damaged compressed data";
    case SkipReason::kDamagedArchive:
      return "damaged archive";
    case SkipReason::kExpansionLimit:
      return "expansion limit";
    case SkipReason::kDamagedRecord:
      return "damaged record";
    case SkipReason::kUndecodable:
      return "undecodable";
    case SkipReason::kMalformedXml:
      return "malformed XML";
    case SkipReason::kMalformedCsv:
      return "malformed CSV";
    case SkipReason::kAnalysisError:
      return "analysis error";
    case SkipReason::kIndexError:
      return "index error";
  }
  return "unknown";
}

std::uint64_t default_max_article_bytes(std::uint64_t memory_bytes) {
  return std::min(kDefaultMaxArticleBytes, memory_bytes / 32);
}

namespace {

// True when `text` holds HTML markup: an end tag of a common element
// ("</p>", "</div>", "</a>") or a line break tag ("<br>", "<br/>"). Start
// tags alone are not enough: Reuters writes tickers as "Phillips <P>".
bool holds_markup(std::string_view text) {
  for (std::size_t pos = text.find('<'); pos != std::string_view::npos; pos = text.find('<', pos + 1)) {
    const std::string_view at = text.substr(pos, 12);
    const bool end_tag = at.starts_with("</");
    const bool line_break = at.size() >= 3 && (at[1] == 'b' || at[1] == 'B') && (at[2] == 'r' || at[2] == 'R');
    if ((end_tag || line_break) && readers::looks_like_html(at)) return true;
  }
  return false;
}

// True when `text` holds a character reference: "&amp;", "&#39;", "&#x2019;".
bool holds_reference(std::string_view text) {
  for (std::size_t pos = text.find('&'); pos != std::string_view::npos; pos = text.find('&', pos + 1)) {
    std::size_t i = pos + 1;
    if (i < text.size() && text[i] == '#') {
      ++i;
      if (i < text.size() && (text[i] == 'x' || text[i] == 'X')) ++i;
    }
    const std::size_t start = i;
    while (i < text.size() && i - start < 32 && std::isalnum(static_cast<unsigned char>(text[i])) != 0) ++i;
    if (i > start && i < text.size() && text[i] == ';') return true;
  }
  return false;
}

// Datasets of scraped articles often keep the page's markup in the text
// field ("<p>First paragraph.</p><p>Second...") and references in the
// title ("Storm &amp; rain"). Such a body is turned into text as an RSS
// description is (paragraphs kept, tags and scripts dropped, references
// decoded), and such a title into one line; anything else is left as it is.
void text_of_markup(Article& article) {
  if (holds_markup(article.body)) {
    article.body = readers::html_text(article.body);
  } else if (holds_reference(article.body) && article.body.find('<') == std::string::npos) {
    // References in plain text: decoded line by line, the lines kept.
    std::string decoded;
    std::string_view rest = article.body;
    for (bool first = true; first || !rest.empty(); first = false) {
      const std::size_t newline = rest.find('\n');
      const std::string_view line = rest.substr(0, newline);
      rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
      if (!first) decoded += '\n';
      decoded += line.find('&') == std::string_view::npos ? std::string(line) : readers::fragment_text(line);
      if (newline == std::string_view::npos) break;
    }
    article.body = std::move(decoded);
  }
  if (holds_markup(article.title) || (holds_reference(article.title) && article.title.find('<') == std::string::npos)) {
    std::string title = readers::fragment_text(article.title);
    if (!title.empty()) article.title = std::move(title);
  }
}

}  // namespace

CorpusEntry parse_json_line(std::string_view line, std::string origin, const CorpusReaderOptions& options) {
  CorpusEntry entry{.origin = std::move(origin), .article = {}, .skip = {}, .warnings = {}, .format = "jsonl"};
  if (std::optional<std::string> nul = find_nul(line)) {
    entry.skip = Skip{SkipReason::kBinaryData, *nul};
    return entry;
  }
  RecordFields record(options.field_keys);
  try {
    RecordParser parser(record);
    if (!json::sax_parse(line.begin(), line.end(), &parser)) {
      // nlohmann rejects invalid UTF-8 as a syntax error; name the real cause.
      std::size_t bad_offset = 0;
      if (!analysis::is_valid_utf8(line, &bad_offset)) {
        entry.skip = Skip{SkipReason::kInvalidUtf8, describe_bad_byte(line[bad_offset], bad_offset + 1)};
      } else {
        entry.skip = Skip{SkipReason::kMalformedJson, parser.error()};
      }
      return entry;
    }
    if (!parser.is_object()) {
      entry.skip = Skip{SkipReason::kNotAnObject, "found " + std::string(parser.type())};
      return entry;
    }

    Article& article = entry.article;
    const FieldKeys& keys = options.field_keys;
    FieldSources& from = entry.from;
    article.id = string_or_number_field(record, keys.keys(Field::kId), &from.id).value_or("");
    article.title = string_field(record, keys.keys(Field::kTitle), &from.title).value_or("");
    article.body = string_field(record, keys.keys(Field::kBody), &from.body).value_or("");
    article.source = string_field(record, keys.keys(Field::kSource), &from.source).value_or("");
    article.url = string_field(record, keys.keys(Field::kUrl), &from.url).value_or("");
    article.author = names_field(record, keys.keys(Field::kAuthor), &from.author).value_or("");
    if (std::optional<DateField> date = date_field(record, keys.keys(Field::kDate))) {
      if (date->check.verdict == dates::DateVerdict::kValid) {
        article.published_unix_s = date->check.unix_s;
        from.date = date->key;
      } else {
        entry.warnings.push_back(describe_date_problem(*date));
      }
    }
    article.lang = options.default_lang;
    from.lang = "default";
    std::string lang_key;
    if (auto lang = string_field(record, keys.keys(Field::kLang), &lang_key)) {
      std::string code = analysis::language_code(*lang);
      if (code.empty()) {
        entry.warnings.push_back("unknown language " + quote(*lang) + "; indexed as " + options.default_lang);
      } else {
        article.lang = std::move(code);
        from.lang = lang_key;
      }
    }
    text_of_markup(article);
    finish_article(entry);
  } catch (const std::bad_alloc&) {
    entry = CorpusEntry{.origin = std::move(entry.origin),
                        .article = {},
                        .skip = Skip{SkipReason::kMalformedJson, "out of memory while reading it"},
                        .warnings = {}};
  } catch (const std::exception& e) {
    entry = CorpusEntry{.origin = std::move(entry.origin),
                        .article = {},
                        .skip = Skip{SkipReason::kMalformedJson, std::string("cannot be read: ") + e.what()},
                        .warnings = {}};
  }
  return entry;
}

namespace {

// True when `valid_utf8` (valid UTF-8) holds a character of two or more bytes.
bool holds_utf8_multibyte(std::string_view valid_utf8) {
  return std::any_of(valid_utf8.begin(), valid_utf8.end(),
                     [](char c) { return (static_cast<unsigned char>(c) & 0x80) != 0; });
}

void parse_text_into(std::string_view text, CorpusEntry& entry, const CorpusReaderOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  // The first byte that is not text: invalid UTF-8, or NUL (valid UTF-8, but
  // the mark of binary data or UTF-16).
  std::size_t bad_offset = text.size();
  bool bad_utf8 = !analysis::is_valid_utf8(text, &bad_offset);
  // memchr must not be given the null data() of an empty view, even for 0 bytes.
  const void* nul = text.empty() ? nullptr : std::memchr(text.data(), '\0', bad_utf8 ? bad_offset : text.size());
  if (nul != nullptr) bad_offset = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
  if (bad_utf8 || nul != nullptr) {
    // Text files from older systems are in their charsets (Windows-1252,
    // ISO-8859-2, Shift_JIS...) or UTF-16 with a byte-order mark: converted
    // as HTML pages without a declaration are, with ICU's detector, when the
    // detected charset decodes every byte. A text that holds UTF-8's
    // multi-byte characters is UTF-8, and a bad byte in it is damage; binary
    // data and text no charset decodes are skipped too, naming the first bad
    // byte.
    if (!holds_utf8_multibyte(text.substr(0, bad_offset))) {
      try {
        readers::DecodedHtml decoded = readers::decode_html(text, {}, /*read_markup=*/false);
        if (decoded.replaced == 0 && decoded.charset != "UTF-8" && analysis::is_valid_utf8(decoded.utf8) &&
            decoded.utf8.find('\0') == std::string::npos) {
          parse_text_into(decoded.utf8, entry, options);
          return;
        }
      } catch (const Error&) {
        // No charset fits: reported below as the first byte that is not UTF-8.
      }
    }
    std::string_view before = text.substr(0, bad_offset);
    auto line = static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n')) + 1;
    std::size_t line_start = before.rfind('\n');
    std::size_t column = line_start == std::string_view::npos ? bad_offset + 1 : bad_offset - line_start;
    entry.origin += ":" + std::to_string(line);
    entry.skip = nul != nullptr ? Skip{SkipReason::kBinaryData, "NUL byte at byte " + std::to_string(column)}
                                : Skip{SkipReason::kInvalidUtf8, describe_bad_byte(text[bad_offset], column)};
    return;
  }
  std::string normalized;
  normalized.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    normalized.push_back(text[i]);
  }
  std::string_view rest = normalized;
  while (!rest.empty()) {
    std::size_t newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    if (!is_blank(line)) {
      entry.article.title = trim(line);
      break;
    }
  }
  entry.article.body = trim(rest);
  entry.article.lang = options.default_lang;
  if (!entry.article.title.empty()) entry.from.title = "first line";
  if (!entry.article.body.empty()) entry.from.body = "text";
  entry.from.lang = "default";
  finish_article(entry);
}

}  // namespace

CorpusEntry parse_text_article(std::string_view text, std::string origin, const CorpusReaderOptions& options) {
  CorpusEntry entry{.origin = std::move(origin), .article = {}, .skip = {}, .warnings = {}, .format = "text"};
  try {
    parse_text_into(text, entry, options);
  } catch (const std::bad_alloc&) {
    entry = CorpusEntry{.origin = std::move(entry.origin),
                        .article = {},
                        .skip = Skip{SkipReason::kTooLong, "out of memory while reading it"},
                        .warnings = {}};
  }
  return entry;
}

// ---------------------------------------------------------------------------
// CSV rows.

namespace {

std::string lower_trimmed(std::string_view s) { return to_lower_ascii(trim(s)); }

}  // namespace

std::vector<std::string> csv_header_warnings(const std::vector<std::string>& columns, std::uint64_t header_line,
                                             const FieldKeys& keys) {
  std::vector<std::string> warnings;
  const std::string header = "the header row (line " + std::to_string(header_line) + ")";
  auto columns_named = [&](const std::string& key) {
    std::vector<std::size_t> found;
    const std::string wanted = lower_trimmed(key);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (lower_trimmed(columns[i]) == wanted) found.push_back(i + 1);
    }
    return found;
  };
  for (const FieldKey& extra : keys.extra()) {
    if (!columns_named(extra.key).empty()) continue;
    const std::string name(field_name(extra.field));
    warnings.push_back("--field " + name + "=" + excerpt_for_message(extra.key) + ": " + header + " has no column " +
                       quote(excerpt_for_message(extra.key)) + "; " + name + " is read from its usual columns");
  }
  for (const std::string& key : keys.all()) {
    const std::vector<std::size_t> found = columns_named(key);
    if (found.size() < 2) continue;
    std::string where;
    for (std::size_t i = 0; i < found.size(); ++i) {
      where += (i == 0 ? "" : (i + 1 == found.size() ? " and " : ", ")) + std::to_string(found[i]);
    }
    warnings.push_back(header + " names " + quote(excerpt_for_message(key)) + " in columns " + where +
                       ": the first of them that is not blank is read");
  }
  return warnings;
}

CorpusEntry parse_csv_row(const std::vector<std::string>& columns, const std::vector<std::string>& values,
                          std::string origin, const CorpusReaderOptions& options) {
  CorpusEntry entry{.origin = std::move(origin), .article = {}, .skip = {}, .warnings = {}, .format = "csv"};
  try {
    // The value of the first of `keys` naming a column whose value is not
    // blank; *from = the column's name as the header writes it.
    auto value_of = [&](Field field, std::string* from) -> std::optional<std::string> {
      for (const std::string& key : options.field_keys.keys(field)) {
        std::string wanted = lower_trimmed(key);
        for (std::size_t i = 0; i < columns.size() && i < values.size(); ++i) {
          if (lower_trimmed(columns[i]) != wanted) continue;
          std::string_view value = trim(values[i]);
          if (value.empty()) continue;
          *from = std::string(trim(columns[i]));
          return std::string(value);
        }
      }
      return std::nullopt;
    };
    for (const std::string& value : values) {
      std::size_t bad_offset = 0;
      if (!analysis::is_valid_utf8(value, &bad_offset)) {
        entry.skip =
            Skip{SkipReason::kInvalidUtf8, describe_bad_byte(value[bad_offset], bad_offset + 1) + " of a field"};
        return entry;
      }
      if (std::optional<std::string> nul = find_nul(value)) {
        entry.skip = Skip{SkipReason::kBinaryData, *nul + " of a field"};
        return entry;
      }
    }
    Article& article = entry.article;
    FieldSources& from = entry.from;
    article.id = value_of(Field::kId, &from.id).value_or("");
    article.title = value_of(Field::kTitle, &from.title).value_or("");
    article.body = value_of(Field::kBody, &from.body).value_or("");
    article.source = value_of(Field::kSource, &from.source).value_or("");
    article.url = value_of(Field::kUrl, &from.url).value_or("");
    article.author = readers::clean_byline(value_of(Field::kAuthor, &from.author).value_or(""));
    std::string date_column;
    if (std::optional<std::string> date = value_of(Field::kDate, &date_column)) {
      DateField field{dates::check_date(*date), *date, std::nullopt, date_column};
      if (field.check.verdict == dates::DateVerdict::kValid) {
        article.published_unix_s = field.check.unix_s;
        from.date = date_column;
      } else {
        entry.warnings.push_back(describe_date_problem(field));
      }
    }
    article.lang = options.default_lang;
    from.lang = "default";
    std::string lang_column;
    if (std::optional<std::string> lang = value_of(Field::kLang, &lang_column)) {
      std::string code = analysis::language_code(*lang);
      if (code.empty()) {
        entry.warnings.push_back("unknown language " + quote(*lang) + "; indexed as " + options.default_lang);
      } else {
        article.lang = std::move(code);
        from.lang = lang_column;
      }
    }
    text_of_markup(article);
    finish_article(entry);
  } catch (const std::bad_alloc&) {
    entry = CorpusEntry{.origin = std::move(entry.origin),
                        .article = {},
                        .skip = Skip{SkipReason::kTooLong, "out of memory while reading it"},
                        .warnings = {},
                        .format = "csv"};
  }
  return entry;
}

// ---------------------------------------------------------------------------
// The readers of one file or archive entry, one per format.

// Reads the records of one file or archive entry. next() returns entries,
// then nullopt; it never throws: a failing stream becomes a skip entry (the
// last one).
class EntryReader {
 public:
  virtual ~EntryReader() = default;
  virtual std::optional<CorpusEntry> next() = 0;
};

namespace {

// The skip for a stream (or archive entry) that failed: why, and what of it is lost.
Skip stream_skip(const std::exception& e, std::string_view lost) {
  SkipReason reason = SkipReason::kUnreadableFile;
  std::string detail = e.what();
  if (const auto* archive = dynamic_cast<const readers::ArchiveError*>(&e)) {
    detail = archive->detail();
    switch (archive->kind()) {
      case readers::ArchiveError::Kind::kDamaged:
        reason = SkipReason::kDamagedCompression;
        break;
      case readers::ArchiveError::Kind::kTooLarge:
        reason = SkipReason::kTooLong;
        break;
      case readers::ArchiveError::Kind::kExpansion:
        reason = SkipReason::kExpansionLimit;
        break;
      case readers::ArchiveError::Kind::kUnsupported:
        reason = SkipReason::kUnsupportedCompression;
        break;
    }
  } else if (dynamic_cast<const DamagedInputError*>(&e) != nullptr) {
    reason = SkipReason::kDamagedCompression;
  } else if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) {
    reason = SkipReason::kTooLong;
    detail = "out of memory while reading it";
  }
  // ArchiveError's detail may already say what is skipped.
  if (!lost.empty() && detail.find("skipped") == std::string::npos) detail += lost;
  return Skip{reason, std::move(detail)};
}

CorpusEntry skip_entry(std::string origin, Skip skip, std::string_view format) {
  return CorpusEntry{.origin = std::move(origin),
                     .article = {},
                     .skip = std::move(skip),
                     .warnings = {},
                     .format = std::string(format)};
}

using Json = nlohmann::ordered_json;

// An Elasticsearch hit, as the search API and elasticdump write them
// ({"_index": ..., "_id": "a1", "_source": {...}}): the record is its
// _source, with the hit's _id unless the _source has one. nullopt for
// anything else.
std::optional<std::string> elasticsearch_source(const Json& hit) {
  if (!hit.is_object() || !hit.contains("_source") || !hit.at("_source").is_object()) return std::nullopt;
  Json record = hit.at("_source");
  if (hit.contains("_id") && !record.contains("_id")) record["_id"] = hit.at("_id");
  return record.dump();
}

// A record parsed, or, when it has no text but is an Elasticsearch hit,
// its _source.
CorpusEntry parse_record(const Json& element, const std::string& origin, const CorpusReaderOptions& options) {
  CorpusEntry entry = parse_json_line(element.dump(), origin, options);
  if (entry.skip && entry.skip->reason == SkipReason::kNoText) {
    if (std::optional<std::string> source = elasticsearch_source(element)) {
      entry = parse_json_line(*source, origin, options);
    }
  }
  return entry;
}

// An object that is no article but holds one or wraps the records, as
// search engines, API responses and exports do: an Elasticsearch hit gives
// its _source (elasticsearch_source), with the origin unchanged; otherwise
// ({"status": "ok", "articles": [{...}, ...]}, or one level deeper,
// {"response": {"docs": [...]}}, {"hits": {"hits": [...]}}) the objects of
// its first member (in document order) that is an array of objects become
// the records, "ORIGIN: KEY N" each, hits read as their _source. None when
// there is no such member.
std::deque<CorpusEntry> unwrap_records(std::string_view text, const std::string& origin,
                                       const CorpusReaderOptions& options, std::string_view format) {
  Json doc;
  try {
    doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  } catch (const Json::exception&) {
    return {};  // the record's own parse already said what is wrong with it
  }
  if (!doc.is_object()) return {};
  if (std::optional<std::string> source = elasticsearch_source(doc)) {
    CorpusEntry entry = parse_json_line(*source, origin, options);
    entry.format = std::string(format);
    std::deque<CorpusEntry> out;
    out.push_back(std::move(entry));
    return out;
  }
  auto holds_records = [](const Json& v) {
    return v.is_array() && std::any_of(v.begin(), v.end(), [](const Json& e) { return e.is_object(); });
  };
  // The arrays of objects, the record's own members first, in document order.
  std::vector<std::pair<std::string, const Json*>> candidates;
  for (const auto& [name, member] : doc.items()) {
    if (holds_records(member)) candidates.emplace_back(name, &member);
  }
  for (auto outer = doc.begin(); outer != doc.end(); ++outer) {
    if (!outer->is_object()) continue;
    for (const auto& [name, member] : outer->items()) {
      if (holds_records(member)) candidates.emplace_back(outer.key() + "." + name, &member);
    }
  }
  // The first whose first object has a member a field is read from (or is
  // an Elasticsearch hit) holds the records, not a list of errors or facets
  // before them ({"_shards": {"failures": [...]}, "hits": {"hits": [...]}});
  // failing that, the first.
  const FieldKeys& keys = options.field_keys;
  auto looks_like_records = [&](const Json& array) {
    auto first = std::find_if(array.begin(), array.end(), [](const Json& e) { return e.is_object(); });
    for (const auto& [name, member] : first->items()) {
      if (name == "_source" || keys.index_of(name) || keys.is_path_head(name)) return true;
    }
    return false;
  };
  std::string key;
  const Json* records = nullptr;
  for (const auto& [name, array] : candidates) {
    if (looks_like_records(*array)) {
      key = name;
      records = array;
      break;
    }
  }
  if (records == nullptr && !candidates.empty()) std::tie(key, records) = candidates.front();
  if (records == nullptr) return {};
  std::deque<CorpusEntry> out;
  std::size_t number = 0;
  for (const Json& element : *records) {
    CorpusEntry entry = parse_record(element, origin + ": " + key + " " + std::to_string(++number), options);
    entry.format = std::string(format);
    out.push_back(std::move(entry));
  }
  return out;
}

// The records a JSON object that is no article wraps (unwrap_records),
// handed out one at a time by the JSON readers.
class WrappedRecords {
 public:
  // `entry`, parsed from `text`; or, when it has no text but wraps records,
  // the first of those (the others queued for next()).
  CorpusEntry take(CorpusEntry entry, std::string_view text, const std::string& origin,
                   const CorpusReaderOptions& options, std::string_view format) {
    if (entry.skip && entry.skip->reason == SkipReason::kNoText) {
      queue_ = unwrap_records(text, origin, options, format);
      if (std::optional<CorpusEntry> first = next()) return std::move(*first);
    }
    return entry;
  }

  // The next queued record; nullopt when none is left.
  std::optional<CorpusEntry> next() {
    if (queue_.empty()) return std::nullopt;
    CorpusEntry entry = std::move(queue_.front());
    queue_.pop_front();
    return entry;
  }

 private:
  std::deque<CorpusEntry> queue_;
};

// JSON Lines: one record per line.
class JsonLinesReader final : public EntryReader {
 public:
  JsonLinesReader(std::unique_ptr<InputStream> stream, std::string origin, const CorpusReaderOptions& options)
      : lines_(std::move(stream), static_cast<std::size_t>(options.max_article_bytes)),
        origin_(std::move(origin)),
        options_(options) {}

  std::optional<CorpusEntry> next() override {
    if (std::optional<CorpusEntry> entry = wrapped_.next()) return entry;
    while (!done_) {
      try {
        std::optional<Line> line = lines_.next_line();
        if (!line) break;
        std::string origin = origin_ + ":" + std::to_string(lines_.line_number());
        if (line->oversize) {
          return skip_entry(std::move(origin), oversize_skip(*line, /*text=*/false, options_.max_article_bytes),
                            "jsonl");
        }
        if (is_blank(line->text)) continue;
        return wrapped_.take(parse_json_line(line->text, origin, options_), line->text, origin, options_, "jsonl");
      } catch (const std::exception& e) {
        done_ = true;
        return skip_entry(origin_ + ":" + std::to_string(lines_.line_number() + 1),
                          stream_skip(e, "; the rest of the file is not read"), "jsonl");
      }
    }
    done_ = true;
    return std::nullopt;
  }

 private:
  LineReader lines_;
  std::string origin_;
  const CorpusReaderOptions& options_;
  WrappedRecords wrapped_;  // the records of an unwrapped object, not returned yet
  bool done_ = false;
};

// A JSON file that is not JSON Lines (json_values.h): the elements of its
// top-level array, or its top-level values, each a record as a JSON Lines
// line is, its origin the line it starts on.
class JsonDocumentReader final : public EntryReader {
 public:
  JsonDocumentReader(std::unique_ptr<InputStream> stream, std::string origin, const CorpusReaderOptions& options)
      : values_(std::move(stream), static_cast<std::size_t>(options.max_article_bytes)),
        origin_(std::move(origin)),
        options_(options) {}

  std::optional<CorpusEntry> next() override {
    if (std::optional<CorpusEntry> entry = wrapped_.next()) return entry;
    if (done_) return std::nullopt;
    try {
      std::optional<JsonValue> value = values_.next();
      if (!value) {
        done_ = true;
        if (!values_.array_unclosed()) return std::nullopt;
        return skip_entry(origin_ + ":" + std::to_string(values_.line()),
                          Skip{SkipReason::kMalformedJson,
                               "the input ends inside the top-level array (no closing \"]\"): cut short?"},
                          "json");
      }
      std::string origin = origin_ + ":" + std::to_string(value->line);
      if (value->oversize) {
        return skip_entry(std::move(origin),
                          Skip{SkipReason::kTooLong, "record longer than " + describe_size(options_.max_article_bytes) +
                                                         ", the --max-article-size limit"},
                          "json");
      }
      CorpusEntry entry = parse_json_line(value->text, origin, options_);
      entry.format = "json";
      return wrapped_.take(std::move(entry), value->text, origin, options_, "json");
    } catch (const std::exception& e) {
      done_ = true;
      return skip_entry(origin_ + ":" + std::to_string(values_.line()),
                        stream_skip(e, "; the rest of the file is not read"), "json");
    }
  }

 private:
  JsonValueReader values_;
  std::string origin_;
  const CorpusReaderOptions& options_;
  WrappedRecords wrapped_;  // the records of an unwrapped object, not returned yet
  bool done_ = false;
};

// Plain text: the whole file is one article.
class TextReader final : public EntryReader {
 public:
  TextReader(std::unique_ptr<InputStream> stream, std::string origin, const CorpusReaderOptions& options)
      : lines_(std::move(stream), static_cast<std::size_t>(options.max_article_bytes)),
        origin_(std::move(origin)),
        options_(options) {}

  std::optional<CorpusEntry> next() override {
    if (done_) return std::nullopt;
    try {
      std::optional<Line> text = lines_.read_rest();
      if (!text) {
        done_ = true;
        return std::nullopt;
      }
      if (text->oversize) {
        return skip_entry(origin_, oversize_skip(*text, /*text=*/true, options_.max_article_bytes), "text");
      }
      done_ = true;
      return parse_text_article(text->text, origin_, options_);
    } catch (const std::exception& e) {
      done_ = true;
      return skip_entry(origin_, stream_skip(e, ""), "text");
    }
  }

 private:
  LineReader lines_;
  std::string origin_;
  const CorpusReaderOptions& options_;
  bool done_ = false;
};

// The largest page read: the --max-article-size limit, and never more than
// the extractor takes.
std::size_t page_limit(const CorpusReaderOptions& options) {
  return static_cast<std::size_t>(std::min<std::uint64_t>(options.max_article_bytes, readers::kMaxHtmlBytes));
}

std::string page_limit_name(const CorpusReaderOptions& options) {
  return describe_size(page_limit(options)) + (options.max_article_bytes <= readers::kMaxHtmlBytes
                                                   ? ", the --max-article-size limit"
                                                   : ", the limit for one page");
}

// One HTML page: read whole (up to the page limit) and handed out raw, for
// extract_page() on a worker.
class HtmlReader final : public EntryReader {
 public:
  HtmlReader(readers::ArchiveReader& archive, std::string origin, const CorpusReaderOptions& options)
      : archive_(archive), origin_(std::move(origin)), options_(options) {}

  std::optional<CorpusEntry> next() override {
    if (done_) return std::nullopt;
    done_ = true;
    try {
      std::string bytes = archive_.read_all(page_limit(options_));
      CorpusEntry entry{.origin = origin_, .article = {}, .skip = {}, .warnings = {}, .format = "html"};
      entry.page = RawPage{.bytes = std::move(bytes), .charset = {}, .url = {}, .capture_date = {}};
      return entry;
    } catch (const readers::ArchiveError& e) {
      if (e.kind() == readers::ArchiveError::Kind::kTooLarge && e.origin() == origin_) {
        return skip_entry(origin_, Skip{SkipReason::kTooLong, "page larger than " + page_limit_name(options_)}, "html");
      }
      return skip_entry(origin_, stream_skip(e, ""), "html");
    } catch (const std::exception& e) {
      return skip_entry(origin_, stream_skip(e, ""), "html");
    }
  }

 private:
  readers::ArchiveReader& archive_;
  std::string origin_;
  const CorpusReaderOptions& options_;
  bool done_ = false;
};

// "WARC request", "WARC not HTML", "ARC filedesc", ...: the summary's categories.
std::string warc_category(readers::WarcSkipReason reason, bool arc) {
  if (!arc) return "WARC " + std::string(readers::describe(reason));
  return reason == readers::WarcSkipReason::kWarcinfo ? "ARC filedesc"
                                                      : "ARC " + std::string(readers::describe(reason));
}

// A WARC file: each HTML capture a raw page, every other record left out.
class WarcFileReader final : public EntryReader {
 public:
  WarcFileReader(std::unique_ptr<InputStream> stream, std::string origin, const CorpusReaderOptions& options)
      : warc_(std::move(stream), std::move(origin),
              readers::WarcReaderOptions{.max_block_bytes = page_limit(options) + (std::size_t{1} << 20),
                                         .max_payload_bytes = page_limit(options)}) {}

  std::optional<CorpusEntry> next() override {
    if (done_) return std::nullopt;
    std::optional<readers::WarcRecord> record;
    try {
      record = warc_.next();
    } catch (const std::exception& e) {
      // WarcReader reports damage as records; only running out of memory gets here.
      done_ = true;
      return skip_entry("", stream_skip(e, "; the rest of the file is not read"), warc_.is_arc() ? "arc" : "warc");
    }
    if (!record) {
      done_ = true;
      return std::nullopt;
    }
    CorpusEntry entry{.origin = record->origin,
                      .article = {},
                      .skip = {},
                      .warnings = std::move(record->warnings),
                      .format = warc_.is_arc() ? "arc" : "warc"};
    if (record->error) {
      entry.skip = Skip{SkipReason::kDamagedRecord, record->detail};
    } else if (record->skip) {
      entry.left_out = LeftOut{.category = warc_category(*record->skip, warc_.is_arc()), .detail = record->detail};
    } else if (record->html) {
      readers::WarcPayload& payload = *record->html;
      entry.page = RawPage{.bytes = std::move(payload.body),
                           .charset = std::move(payload.charset),
                           .url = std::move(payload.target_uri),
                           .capture_date = std::move(payload.capture_date)};
    }
    return entry;
  }

 private:
  readers::WarcReader warc_;
  bool done_ = false;
};

// One XML document (NITF, NewsML, RSS, Atom), parsed here on the reader
// thread: documents are bounded (readers::kMaxFeedBytes) and parse in a few
// milliseconds, and one document's records come out in order.
class FeedFileReader final : public EntryReader {
 public:
  FeedFileReader(readers::ArchiveReader& archive, std::string origin, const CorpusReaderOptions& options)
      : archive_(archive), origin_(std::move(origin)), options_(options) {}

  std::optional<CorpusEntry> next() override {
    if (!parsed_) {
      parsed_ = true;
      if (std::optional<CorpusEntry> failed = parse()) return failed;
    }
    if (next_record_ < document_.records.size()) {
      const readers::FeedRecord& record = document_.records[next_record_++];
      CorpusEntry entry{.origin = record_origin(record), .article = {}, .skip = {}, .warnings = {}};
      if (next_record_ == 1) entry.warnings = std::move(problems_);
      convert_feed_record(record, readers::describe(document_.format), entry, options_);
      return entry;
    }
    if (!document_.complete && !incomplete_reported_) {
      incomplete_reported_ = true;
      // The last problem of a document the parser stopped in says where, and
      // that the rest is not read.
      std::string detail = document_.problems.empty() ? "reading stopped early; the rest of the document is not read"
                                                      : document_.problems.back();
      return skip_entry(origin_, Skip{SkipReason::kMalformedXml, detail}, readers::describe(document_.format));
    }
    if (!problems_.empty()) {
      // Problems, and no record to carry them: the document is the skip.
      std::string detail;
      for (const std::string& p : problems_) detail += (detail.empty() ? "" : "; ") + p;
      problems_.clear();
      return skip_entry(origin_, Skip{SkipReason::kMalformedXml, detail}, readers::describe(document_.format));
    }
    return std::nullopt;
  }

 private:
  // "feed.xml:120: item 7", or "feed.xml: document" when the line is unknown.
  std::string record_origin(const readers::FeedRecord& record) const {
    std::string out = origin_;
    if (record.line > 0) out += ":" + std::to_string(record.line);
    return out + ": " + record.where;
  }

  std::optional<CorpusEntry> parse() {
    std::string bytes;
    try {
      bytes = archive_.read_all(readers::kMaxFeedBytes);
    } catch (const readers::ArchiveError& e) {
      if (e.kind() == readers::ArchiveError::Kind::kTooLarge && e.origin() == origin_) {
        return skip_entry(
            origin_,
            Skip{SkipReason::kTooLong, "XML document larger than " + describe_size(readers::kMaxFeedBytes) +
                                           ", the limit for one feed or agency document"},
            "xml");
      }
      return skip_entry(origin_, stream_skip(e, ""), "xml");
    } catch (const std::exception& e) {
      return skip_entry(origin_, stream_skip(e, ""), "xml");
    }
    try {
      document_ = readers::read_feed(bytes, origin_);
    } catch (const std::bad_alloc&) {
      return skip_entry(origin_, Skip{SkipReason::kTooLong, "out of memory while reading it"}, "xml");
    } catch (const std::exception& e) {
      // read_feed's messages start with the origin.
      std::string detail = e.what();
      if (detail.starts_with(origin_ + ": ")) detail.erase(0, origin_.size() + 2);
      bool undecodable = detail.find("decode") != std::string::npos;
      return skip_entry(origin_, Skip{undecodable ? SkipReason::kUndecodable : SkipReason::kMalformedXml, detail},
                        "xml");
    }
    // Recovered problems are warnings (of the first record); the last one of
    // an incomplete document is its skip.
    problems_ = document_.problems;
    if (!document_.complete && !problems_.empty()) problems_.pop_back();
    return std::nullopt;
  }

  readers::ArchiveReader& archive_;
  std::string origin_;
  const CorpusReaderOptions& options_;
  bool parsed_ = false;
  readers::FeedDocument document_;
  std::vector<std::string> problems_;
  std::size_t next_record_ = 0;
  bool incomplete_reported_ = false;
};

// CSV or TSV: one article per row after the header, columns mapped to
// fields as JSON keys are (parse_csv_row).
class CsvFileReader final : public EntryReader {
 public:
  CsvFileReader(std::unique_ptr<InputStream> stream, std::string origin, bool tsv, const CorpusReaderOptions& options)
      : csv_(std::move(stream), origin,
             readers::CsvOptions{.delimiter = tsv ? '\t' : '\0',
                                 .max_field_bytes = static_cast<std::size_t>(options.max_article_bytes),
                                 .max_columns = readers::CsvOptions::kDefaultMaxColumns}),
        origin_(std::move(origin)),
        format_(tsv ? "tsv" : "csv"),
        options_(options) {}

  std::optional<CorpusEntry> next() override {
    if (done_) return std::nullopt;
    try {
      std::optional<readers::CsvRecord> record = csv_.next();
      if (!record) {
        done_ = true;
        return std::nullopt;
      }
      std::string origin = origin_ + ":" + std::to_string(record->line);
      CorpusEntry entry = record->error.empty()
                              ? parse_csv_row(csv_.header(), record->values, std::move(origin), options_)
                              : skip_entry(std::move(origin), Skip{SkipReason::kMalformedCsv, record->error}, format_);
      entry.format = format_;
      if (!header_checked_) {
        // Said once, with the file's first row.
        header_checked_ = true;
        std::vector<std::string> warnings = csv_header_warnings(csv_.header(), csv_.header_line(), options_.field_keys);
        entry.warnings.insert(entry.warnings.begin(), warnings.begin(), warnings.end());
      }
      return entry;
    } catch (const DamagedInputError& e) {
      done_ = true;
      return skip_entry(origin_, stream_skip(e, "; the rest of the file is not read"), format_);
    } catch (const readers::ArchiveError& e) {
      done_ = true;
      return skip_entry(origin_, stream_skip(e, "; the rest of the file is not read"), format_);
    } catch (const Error& e) {
      // No header row: the message is "ORIGIN:LINE: why".
      done_ = true;
      std::string message = e.what();
      std::string origin = origin_;
      if (message.starts_with(origin_ + ":")) {
        std::string rest = message.substr(origin_.size() + 1);
        std::size_t colon = rest.find(": ");
        if (colon != std::string::npos) {
          origin += ":" + rest.substr(0, colon);
          message = rest.substr(colon + 2);
        } else {
          message = rest;
        }
      }
      return skip_entry(std::move(origin), Skip{SkipReason::kMalformedCsv, message + "; the file is not read"},
                        format_);
    } catch (const std::exception& e) {
      done_ = true;
      return skip_entry(origin_, stream_skip(e, "; the rest of the file is not read"), format_);
    }
  }

 private:
  readers::CsvReader csv_;
  std::string origin_;
  std::string format_;
  const CorpusReaderOptions& options_;
  bool done_ = false;
  bool header_checked_ = false;  // csv_header_warnings() said
};

}  // namespace

// ---------------------------------------------------------------------------
// CorpusReader.

CorpusReader::CorpusReader(const std::vector<std::string>& paths, CorpusReaderOptions options)
    : options_(std::move(options)) {
  for (const std::string& path : paths) add_path(path);
}

CorpusReader::~CorpusReader() = default;

void CorpusReader::add_path(const std::string& path) {
  if (path == "-") {
    files_.push_back(InputFile{path, InputOrigin::kNamed, std::nullopt, ""});
    total_bytes_.reset();
    return;
  }
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (fs::is_directory(status)) {
    add_directory(path);
    return;
  }
  std::optional<std::uint64_t> size;
  if (fs::is_regular_file(status)) {
    std::uint64_t n = fs::file_size(path, ec);
    if (!ec) size = n;
  }
  // A pipe or device has no size to measure progress against (a missing file
  // just fails to open later, and counts as nothing).
  if (!size && fs::exists(status)) total_bytes_.reset();
  if (size && total_bytes_) *total_bytes_ += *size;
  files_.push_back(InputFile{path, InputOrigin::kNamed, size, ""});
}

void CorpusReader::add_directory(const fs::path& directory) {
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
  if (ec) {
    files_.push_back(
        InputFile{directory.string(), InputOrigin::kCollected, std::nullopt, "cannot list directory: " + ec.message()});
    return;
  }
  // Sorted so that the same tree is always read in the same order (and
  // duplicate ids always resolve the same way).
  std::sort(entries.begin(), entries.end());
  for (const fs::directory_entry& entry : entries) {
    std::error_code entry_ec;
    if (entry.is_directory(entry_ec)) {
      // Symbolic links to directories are not followed: they can loop.
      if (!entry.is_symlink(entry_ec)) add_directory(entry.path());
      continue;
    }
    if (!entry.is_regular_file(entry_ec)) continue;  // sockets, dangling links
    // Every file is opened: its content may say what its name does not
    // (a NewsML file without extension). Those that say nothing are counted
    // as ignored when their turn comes.
    std::uint64_t size = entry.file_size(entry_ec);
    if (!entry_ec && total_bytes_) *total_bytes_ += size;
    files_.push_back(
        InputFile{entry.path().string(), InputOrigin::kCollected, entry_ec ? std::nullopt : std::optional(size), ""});
  }
}

std::optional<CorpusEntry> CorpusReader::open_next_file() {
  file_ = &files_[next_file_++];
  std::string name = file_->path == "-" ? std::string(kStdinName) : file_->path;
  auto skip = [&](SkipReason reason, std::string detail) {
    CorpusEntry entry{.origin = name, .article = {}, .skip = Skip{reason, std::move(detail)}, .warnings = {}};
    close_file();
    return entry;
  };
  if (!file_->error.empty()) return skip(SkipReason::kUnreadableFile, file_->error);
  try {
    archive_ = std::make_unique<readers::ArchiveReader>(open_input_file(file_->path), name, options_.archive_limits);
  } catch (const std::exception& e) {
    return skip(SkipReason::kUnreadableFile, e.what());
  }
  return std::nullopt;
}

std::optional<CorpusEntry> CorpusReader::open_next_entry(bool& done) {
  done = false;
  entry_.reset();
  std::optional<readers::ArchiveEntry> entry;
  try {
    entry = archive_->next();
  } catch (const std::exception& e) {
    done = true;
    return skip_entry(file_->path == "-" ? std::string(kStdinName) : file_->path, stream_skip(e, ""), "");
  }
  if (!entry) {
    done = true;
    return std::nullopt;
  }
  if (entry->error) {
    std::string_view error = *entry->error;
    SkipReason reason = error.starts_with("cannot read it:") ? SkipReason::kUnreadableFile
                        : error.starts_with("encrypted")     ? SkipReason::kUnsupportedCompression
                                                             : SkipReason::kDamagedArchive;
    return skip_entry(entry->origin, Skip{reason, std::string(error)}, "");
  }
  if (entry->unopened != readers::ContainerKind::kNone) {
    return skip_entry(entry->origin,
                      Skip{SkipReason::kUnsupportedCompression,
                           std::string(readers::describe(entry->unopened)) +
                               " data nested more than one level deep: not opened (unpack the outer archive first)"},
                      "");
  }
  const std::string archive_origin = file_->path == "-" ? std::string(kStdinName) : file_->path;
  // The input itself (plain, or under a single compressor) is as named;
  // the members of an archive are collected, as a directory's files are.
  const bool itself = entry->origin == archive_origin;
  InputOrigin origin = itself ? file_->origin : InputOrigin::kCollected;
  // --format is the format of every input the run reads: named or found in
  // a directory, whole or an entry of an archive (docs/newsdex-index.md).
  std::optional<InputFormat> format =
      choose_format(options_.format, entry->head, fs::path(entry->name).filename().string(), origin);
  if (!format) {
    ++files_ignored_;
    return std::nullopt;
  }
  switch (*format) {
    case InputFormat::kJsonLines:
      if (is_json_document(entry->head)) {
        entry_ = std::make_unique<JsonDocumentReader>(archive_->entry_stream(), entry->origin, options_);
      } else {
        entry_ = std::make_unique<JsonLinesReader>(archive_->entry_stream(), entry->origin, options_);
      }
      break;
    case InputFormat::kText:
    case InputFormat::kSniff:
      entry_ = std::make_unique<TextReader>(archive_->entry_stream(), entry->origin, options_);
      break;
    case InputFormat::kHtml:
      entry_ = std::make_unique<HtmlReader>(*archive_, entry->origin, options_);
      break;
    case InputFormat::kWarc:
      entry_ = std::make_unique<WarcFileReader>(archive_->entry_stream(), entry->origin, options_);
      break;
    case InputFormat::kFeed:
      entry_ = std::make_unique<FeedFileReader>(*archive_, entry->origin, options_);
      break;
    case InputFormat::kCsv:
    case InputFormat::kTsv:
      entry_ = std::make_unique<CsvFileReader>(archive_->entry_stream(), entry->origin, *format == InputFormat::kTsv,
                                               options_);
      break;
  }
  return std::nullopt;
}

void CorpusReader::close_file() {
  if (file_ != nullptr) {
    std::uint64_t consumed = archive_ ? archive_->bytes_consumed() : 0;
    bytes_done_ += file_->size_bytes.value_or(consumed);
    if (archive_) entries_ignored_done_ += archive_->entries_ignored();
  }
  entry_.reset();
  archive_.reset();
  file_ = nullptr;
}

std::uint64_t CorpusReader::bytes_consumed() const { return bytes_done_ + (archive_ ? archive_->bytes_consumed() : 0); }

std::uint64_t CorpusReader::files_ignored() const {
  return files_ignored_ + entries_ignored_done_ + (archive_ ? archive_->entries_ignored() : 0);
}

std::optional<CorpusEntry> CorpusReader::next() {
  for (;;) {
    if (file_ == nullptr) {
      if (next_file_ == files_.size()) return std::nullopt;
      if (std::optional<CorpusEntry> failed = open_next_file()) return failed;
    }
    if (!entry_) {
      bool done = false;
      std::optional<CorpusEntry> failed = open_next_entry(done);
      if (done) close_file();
      if (failed) return failed;
      continue;
    }
    if (std::optional<CorpusEntry> entry = entry_->next()) {
      if (entry->origin.empty()) entry->origin = file_->path == "-" ? std::string(kStdinName) : file_->path;
      return entry;
    }
    entry_.reset();
  }
}

}  // namespace newsdex::index
