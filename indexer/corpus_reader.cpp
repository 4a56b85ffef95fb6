#include "indexer/corpus_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <new>
#include <span>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/analysis/analyzer.h"
#include "common/dates.h"
#include "common/error.h"
#include "common/terminal_text.h"
#include "common/schema.h"
#include "indexer/article_hash.h"
#include "indexer/input_stream.h"
#include "indexer/line_reader.h"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Warnings quote input values up to this many characters: enough to recognise one.
constexpr std::size_t kMaxQuotedChars = 60;
constexpr std::string_view kStdinName = "<stdin>";

// Alternative keys of each field, in order of preference.
using Keys = std::span<const char* const>;
constexpr std::array kIdKeys = {"id", "doc_id", "guid"};
constexpr std::array kTitleKeys = {"title", "headline"};
constexpr std::array kBodyKeys = {"body", "text", "content", "article", "description"};
constexpr std::array kDateKeys = {"date", "published", "pubdate", "publication_date", "published_at", "datetime"};
constexpr std::array kSourceKeys = {"source", "publisher", "outlet", "site"};
constexpr std::array kUrlKeys = {"url", "link"};
constexpr std::array kAuthorKeys = {"author", "byline", "authors"};
constexpr std::array kLangKeys = {"lang", "language"};

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

// Every key of the lists above, in their order.
constexpr std::array kAllKeys = {
    "id", "doc_id", "guid",                                                          // id
    "title", "headline",                                                             // title
    "body", "text", "content", "article", "description",                             // body
    "date", "published", "pubdate", "publication_date", "published_at", "datetime",  // date
    "source", "publisher", "outlet", "site",                                         // source
    "url", "link",                                                                   // url
    "author", "byline", "authors",                                                   // author
    "lang", "language",                                                              // lang
};
static_assert(kAllKeys.size() == kIdKeys.size() + kTitleKeys.size() + kBodyKeys.size() + kDateKeys.size() +
                                     kSourceKeys.size() + kUrlKeys.size() + kAuthorKeys.size() + kLangKeys.size());

// The members of one record under the keys in kAllKeys.
class RecordFields {
 public:
  // The slot of `key`, or nullptr for a key that is not read.
  JsonField* slot(std::string_view key) {
    for (std::size_t i = 0; i < kAllKeys.size(); ++i) {
      if (key == kAllKeys[i]) return &fields_[i];
    }
    return nullptr;
  }
  const JsonField& operator[](std::string_view key) const {
    for (std::size_t i = 0; i < kAllKeys.size(); ++i) {
      if (key == kAllKeys[i]) return fields_[i];
    }
    return absent_;
  }

 private:
  std::array<JsonField, kAllKeys.size()> fields_;
  JsonField absent_;
};

// A SAX handler filling RecordFields, rather than a json DOM: a DOM holds
// every member (and every level of a deeply nested array) several times over
// the line's size, and turns every number into a double, so ids above 2^64
// or written as 1.5e3 would lose their digits. Keeps the first error.
class RecordParser final : public json::json_sax_t {
 public:
  explicit RecordParser(RecordFields& fields) : fields_(fields) {}

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
    if (depth_ == 1 && member_ != nullptr) {
      *member_ = JsonField{.kind = JsonField::Kind::kString, .text = std::move(value), .number = 0, .strings = {}};
    } else if (depth_ == 2 && array_ != nullptr) {
      array_->strings.push_back(std::move(value));
    }
    return true;
  }
  bool binary(binary_t& /*value*/) override { return true; }  // not in JSON text
  bool start_object(std::size_t /*elements*/) override {
    if (depth_ == 0) {
      top_ = "an object";
      object_ = true;
    }
    if (depth_ == 1 && member_ != nullptr) *member_ = JsonField::of(JsonField::Kind::kOther);
    ++depth_;
    return true;
  }
  bool key(string_t& key) override {
    if (depth_ == 1 && object_) member_ = fields_.slot(key);
    return true;
  }
  bool end_object() override {
    --depth_;
    if (depth_ == 1) member_ = nullptr;
    return true;
  }
  bool start_array(std::size_t /*elements*/) override {
    if (depth_ == 0) top_ = "an array";
    if (depth_ == 1 && member_ != nullptr) {
      *member_ = JsonField::of(JsonField::Kind::kStrings);
      array_ = member_;
    }
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    if (depth_ == 1) {
      array_ = nullptr;
      member_ = nullptr;
    }
    return true;
  }
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
  // A member of the top-level object takes the value; the first value seen
  // at all tells the type of the line.
  bool scalar(JsonField::Kind kind, std::string_view type) {
    if (depth_ == 0) top_ = type;
    if (depth_ == 1 && member_ != nullptr) *member_ = JsonField::of(kind);
    return true;
  }
  bool number(const std::string& literal, double value) {
    if (depth_ == 0) top_ = "a number";
    if (depth_ == 1 && member_ != nullptr) {
      *member_ = JsonField{.kind = JsonField::Kind::kNumber, .text = literal, .number = value, .strings = {}};
    }
    return true;
  }

  static std::string describe_error(std::size_t position, const std::string& last_token,
                                    const nlohmann::detail::exception& error);

  RecordFields& fields_;
  int depth_ = 0;              // containers open
  bool object_ = false;        // the line's value is an object
  std::string_view top_;       // the line's value's type, for "not a JSON object"
  JsonField* member_ = nullptr;  // the member of the top-level object being read
  JsonField* array_ = nullptr;   // the array member whose strings are collected
  std::string error_;
};

// The first key whose value is a non-blank string, trimmed.
std::optional<std::string> string_field(const RecordFields& record, Keys keys) {
  for (const char* key : keys) {
    const JsonField& field = record[key];
    if (field.kind != JsonField::Kind::kString) continue;
    std::string_view value = trim(field.text);
    if (!value.empty()) return std::string(value);
  }
  return std::nullopt;
}

// Strings as for string_field; numbers as they were written ("42", "1.5e3",
// "123456789012345678901234"): two different numerals are two different ids.
std::optional<std::string> string_or_number_field(const RecordFields& record, Keys keys) {
  for (const char* key : keys) {
    const JsonField& field = record[key];
    if (field.kind == JsonField::Kind::kNumber) return field.text;
    if (field.kind != JsonField::Kind::kString) continue;
    std::string_view value = trim(field.text);
    if (!value.empty()) return std::string(value);
  }
  return std::nullopt;
}

// A string, or an array whose non-blank strings are joined with ", ".
std::optional<std::string> names_field(const RecordFields& record, Keys keys) {
  for (const char* key : keys) {
    const JsonField& field = record[key];
    std::string names;
    if (field.kind == JsonField::Kind::kString) {
      names = trim(field.text);
    } else if (field.kind == JsonField::Kind::kStrings) {
      for (const std::string& element : field.strings) {
        std::string_view name = trim(element);
        if (name.empty()) continue;
        if (!names.empty()) names += ", ";
        names += name;
      }
    }
    if (!names.empty()) return names;
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
};

std::optional<DateField> date_field(const RecordFields& record, Keys keys) {
  for (const char* key : keys) {
    const JsonField& field = record[key];
    if (field.kind == JsonField::Kind::kNumber) {
      return DateField{dates::check_epoch_seconds(field.number), field.text, field.number};
    }
    if (field.kind != JsonField::Kind::kString) continue;
    std::string_view value = trim(field.text);
    if (!value.empty()) return DateField{dates::check_date(value), std::string(value), std::nullopt};
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

// Fills in the id (from the content when missing) and checks the rules every
// article shares, whatever its format.
void finish_article(CorpusEntry& entry) {
  Article& article = entry.article;
  if (article.title.empty() && article.body.empty()) {
    entry.skip = Skip{SkipReason::kNoText, ""};
    return;
  }
  if (article.id.empty()) article.id = id_from_content(article.title, article.body);
  if (article.id.size() > schema::kMaxIdBytes) {
    entry.skip = Skip{SkipReason::kIdTooLong,
                      std::to_string(article.id.size()) + " bytes, at most " + std::to_string(schema::kMaxIdBytes)};
  }
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
    detail = std::string(text ? "text" : "line") + " longer than " + describe_size(limit) +
             ", the --max-article-size limit";
  } else {
    detail = std::string(text ? "text still going" : "line still without an end") + " after " +
             describe_size(piece.bytes_read, /*round_down=*/true) + "; reading on";
  }
  if (piece.holds_nul) detail += "; it holds NUL bytes: binary data, not text";
  return Skip{SkipReason::kTooLong, std::move(detail)};
}

// Advice for data compressed in a format newsdex does not read.
std::string describe_compression(Compression compression) {
  std::string_view tool = compression == Compression::kGzip    ? "gunzip"
                          : compression == Compression::kBzip2 ? "bunzip2"
                                                               : "unxz";
  return std::string(compression_name(compression)) + "-compressed; newsdex reads zstd (.zst) only: decompress it " +
         "first (" + std::string(tool) + "), or recompress it with zstd";
}

}  // namespace

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

std::optional<InputKind> input_kind_from_name(std::string_view filename) {
  std::string name = to_lower_ascii(filename);
  bool compressed = false;
  for (std::string_view ext : {".zst", ".gz", ".bz2", ".xz"}) {
    if (name.ends_with(ext)) {
      compressed = true;
      name.resize(name.size() - ext.size());
      break;
    }
  }
  for (std::string_view ext : {".jsonl", ".ndjson", ".json"}) {
    if (name.ends_with(ext)) return InputKind{InputFormat::kJsonLines, compressed};
  }
  if (name.ends_with(".txt")) return InputKind{InputFormat::kText, compressed};
  return std::nullopt;
}

std::string normalize_language(std::string_view lang) {
  lang = trim(lang);
  if (lang.empty()) return "";
  std::string code = analysis::canonical_language(lang);
  if (!code.empty()) return code;
  std::string primary = to_lower_ascii(lang.substr(0, lang.find_first_of("-_")));
  bool letters = std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (letters && primary.size() >= 2 && primary.size() <= 3) return primary;
  return "";
}

CorpusEntry parse_json_line(std::string_view line, std::string origin, const CorpusReaderOptions& options) {
  CorpusEntry entry{.origin = std::move(origin), .article = {}, .skip = {}, .warnings = {}};
  if (std::optional<std::string> nul = find_nul(line)) {
    entry.skip = Skip{SkipReason::kBinaryData, *nul};
    return entry;
  }
  RecordFields record;
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
    article.id = string_or_number_field(record, kIdKeys).value_or("");
    article.title = string_field(record, kTitleKeys).value_or("");
    article.body = string_field(record, kBodyKeys).value_or("");
    article.source = string_field(record, kSourceKeys).value_or("");
    article.url = string_field(record, kUrlKeys).value_or("");
    article.author = names_field(record, kAuthorKeys).value_or("");
    if (std::optional<DateField> date = date_field(record, kDateKeys)) {
      if (date->check.verdict == dates::DateVerdict::kValid) {
        article.published_unix_s = date->check.unix_s;
      } else {
        entry.warnings.push_back(describe_date_problem(*date));
      }
    }
    article.lang = options.default_lang;
    if (auto lang = string_field(record, kLangKeys)) {
      std::string code = normalize_language(*lang);
      if (code.empty()) {
        entry.warnings.push_back("unknown language " + quote(*lang) + "; indexed as " + options.default_lang);
      } else {
        article.lang = std::move(code);
      }
    }
    finish_article(entry);
  } catch (const std::bad_alloc&) {
    entry = CorpusEntry{.origin = std::move(entry.origin), .article = {},
                        .skip = Skip{SkipReason::kMalformedJson, "out of memory while reading it"}, .warnings = {}};
  } catch (const std::exception& e) {
    entry = CorpusEntry{.origin = std::move(entry.origin), .article = {},
                        .skip = Skip{SkipReason::kMalformedJson, std::string("cannot be read: ") + e.what()},
                        .warnings = {}};
  }
  return entry;
}

namespace {

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
  finish_article(entry);
}

}  // namespace


CorpusEntry parse_text_article(std::string_view text, std::string origin, const CorpusReaderOptions& options) {
  CorpusEntry entry{.origin = std::move(origin), .article = {}, .skip = {}, .warnings = {}};
  try {
    parse_text_into(text, entry, options);
  } catch (const std::bad_alloc&) {
    entry = CorpusEntry{.origin = std::move(entry.origin), .article = {},
                        .skip = Skip{SkipReason::kTooLong, "out of memory while reading it"}, .warnings = {}};
  }
  return entry;
}

CorpusReader::CorpusReader(const std::vector<std::string>& paths, CorpusReaderOptions options)
    : options_(std::move(options)) {
  for (const std::string& path : paths) add_path(path);
}

CorpusReader::~CorpusReader() = default;

void CorpusReader::add_path(const std::string& path) {
  if (path == "-") {
    files_.push_back(InputFile{path, InputKind{InputFormat::kSniff, false}, std::nullopt, ""});
    total_bytes_.reset();
    return;
  }
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (fs::is_directory(status)) {
    add_directory(path);
    return;
  }
  // A named file of unknown kind is sniffed rather than refused: the user
  // asked for it by name.
  std::string filename = fs::path(path).filename().string();
  InputKind kind = input_kind_from_name(filename).value_or(
      InputKind{InputFormat::kSniff, to_lower_ascii(filename).ends_with(".zst")});
  std::optional<std::uint64_t> size;
  if (fs::is_regular_file(status)) {
    std::uint64_t n = fs::file_size(path, ec);
    if (!ec) size = n;
  }
  // A pipe or device has no size to measure progress against (a missing file
  // just fails to open later, and counts as nothing).
  if (!size && fs::exists(status)) total_bytes_.reset();
  if (size && total_bytes_) *total_bytes_ += *size;
  files_.push_back(InputFile{path, kind, size, ""});
}

void CorpusReader::add_directory(const fs::path& directory) {
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
  if (ec) {
    files_.push_back(InputFile{directory.string(), InputKind{InputFormat::kSniff, false}, std::nullopt,
                               "cannot list directory: " + ec.message()});
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
    std::optional<InputKind> kind = input_kind_from_name(entry.path().filename().string());
    if (!kind) {
      ++files_ignored_;
      continue;
    }
    std::uint64_t size = entry.file_size(entry_ec);
    if (!entry_ec && total_bytes_) *total_bytes_ += size;
    files_.push_back(InputFile{entry.path().string(), *kind, entry_ec ? std::nullopt : std::optional(size), ""});
  }
}

std::string CorpusReader::origin(std::uint64_t line) const {
  std::string name = file_->path == "-" ? std::string(kStdinName) : file_->path;
  return line == 0 ? name : name + ":" + std::to_string(line);
}

std::optional<CorpusEntry> CorpusReader::open_next_file() {
  file_ = &files_[next_file_++];
  auto skip = [&](SkipReason reason, std::string detail) {
    CorpusEntry entry{.origin = origin(0), .article = {}, .skip = Skip{reason, std::move(detail)}, .warnings = {}};
    close_file();
    return entry;
  };
  if (!file_->error.empty()) return skip(SkipReason::kUnreadableFile, file_->error);
  try {
    // By content, not by name: a .jsonl that is really gzip gets advice
    // rather than a line of invalid UTF-8, and zstd data is read whatever
    // the file is called.
    std::unique_ptr<InputStream> stream = open_decompressed(open_input_file(file_->path));
    reader_ = std::make_unique<LineReader>(std::move(stream), static_cast<std::size_t>(options_.max_article_bytes));
  } catch (const UnsupportedCompressionError& e) {
    return skip(SkipReason::kUnsupportedCompression, describe_compression(e.compression()));
  } catch (const Error& e) {
    return skip(SkipReason::kUnreadableFile, e.what());
  }
  format_ = file_->kind.format;
  if (format_ == InputFormat::kSniff) {
    std::optional<char> first = reader_->peek_non_space();
    // A blank input (empty stdin) holds no article; JSON Lines reads it as such.
    format_ = !first || *first == '{' ? InputFormat::kJsonLines : InputFormat::kText;
  }
  return std::nullopt;
}

void CorpusReader::close_file() {
  if (file_ != nullptr) {
    std::uint64_t consumed = reader_ ? reader_->bytes_consumed() : 0;
    bytes_done_ += file_->size_bytes.value_or(consumed);
  }
  reader_.reset();
  file_ = nullptr;
}

std::uint64_t CorpusReader::bytes_consumed() const { return bytes_done_ + (reader_ ? reader_->bytes_consumed() : 0); }

std::optional<CorpusEntry> CorpusReader::next() {
  for (;;) {
    if (file_ == nullptr) {
      if (next_file_ == files_.size()) return std::nullopt;
      if (std::optional<CorpusEntry> failed = open_next_file()) return failed;
    }
    // Each record's own trouble is its skip (the parse functions never
    // throw); what is thrown here is the stream's, and ends the file.
    try {
      if (format_ == InputFormat::kText) {
        std::optional<Line> text = reader_->read_rest();
        if (!text) {
          close_file();
          continue;
        }
        if (text->oversize) {
          return CorpusEntry{.origin = origin(0), .article = {},
                             .skip = oversize_skip(*text, /*text=*/true, options_.max_article_bytes), .warnings = {}};
        }
        CorpusEntry entry = parse_text_article(text->text, origin(0), options_);
        close_file();
        return entry;
      }
      std::optional<Line> line = reader_->next_line();
      if (!line) {
        close_file();
        continue;
      }
      if (line->oversize) {
        return CorpusEntry{.origin = origin(reader_->line_number()), .article = {},
                           .skip = oversize_skip(*line, /*text=*/false, options_.max_article_bytes), .warnings = {}};
      }
      if (is_blank(line->text)) continue;
      return parse_json_line(line->text, origin(reader_->line_number()), options_);
    } catch (const Error& e) {
      bool damaged = dynamic_cast<const DamagedInputError*>(&e) != nullptr;
      std::uint64_t line = format_ == InputFormat::kText ? 0 : reader_->line_number() + 1;
      std::string detail = e.what();
      if (format_ != InputFormat::kText) detail += "; the rest of the file is not read";
      CorpusEntry entry{
          .origin = origin(line),
          .article = {},
          .skip = Skip{damaged ? SkipReason::kDamagedCompression : SkipReason::kUnreadableFile, std::move(detail)},
          .warnings = {}};
      close_file();
      return entry;
    }
  }
}

}  // namespace newsdex::index
