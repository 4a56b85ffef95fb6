#include "indexer/corpus_reader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <span>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/analysis/analyzer.h"
#include "common/dates.h"
#include "common/error.h"
#include "indexer/article_hash.h"
#include "indexer/input_stream.h"
#include "indexer/line_reader.h"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Xapian refuses terms over 245 bytes, and the id term is "Q" + id.
constexpr std::size_t kMaxIdBytes = 245 - 1;
// Warnings quote input values up to this many bytes: enough to recognise one.
constexpr std::size_t kMaxQuotedBytes = 60;
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

// A value for a warning: cut to kMaxQuotedBytes (on a UTF-8 boundary), control
// characters shown as '?', so one bad record stays one readable line.
std::string quote(std::string_view value) {
  std::string out = "\"";
  std::size_t n = value.size();
  if (n > kMaxQuotedBytes) {
    n = kMaxQuotedBytes;
    while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0u) == 0x80u) --n;
  }
  for (char c : value.substr(0, n)) out.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
  if (n < value.size()) out += "...";
  return out + "\"";
}

// The first key whose value is a non-blank string, trimmed.
std::optional<std::string> string_field(const json& record, Keys keys) {
  for (const char* key : keys) {
    auto it = record.find(key);
    if (it == record.end() || !it->is_string()) continue;
    std::string_view value = trim(it->get_ref<const std::string&>());
    if (!value.empty()) return std::string(value);
  }
  return std::nullopt;
}

// Strings as for string_field; numbers as JSON writes them ("42", "1.5").
std::optional<std::string> string_or_number_field(const json& record, Keys keys) {
  for (const char* key : keys) {
    auto it = record.find(key);
    if (it == record.end()) continue;
    if (it->is_number()) return it->dump();
    if (!it->is_string()) continue;
    std::string_view value = trim(it->get_ref<const std::string&>());
    if (!value.empty()) return std::string(value);
  }
  return std::nullopt;
}

// A string, or an array whose non-blank strings are joined with ", ".
std::optional<std::string> names_field(const json& record, Keys keys) {
  for (const char* key : keys) {
    auto it = record.find(key);
    if (it == record.end()) continue;
    std::string names;
    if (it->is_string()) {
      names = trim(it->get_ref<const std::string&>());
    } else if (it->is_array()) {
      for (const json& element : *it) {
        if (!element.is_string()) continue;
        std::string_view name = trim(element.get_ref<const std::string&>());
        if (name.empty()) continue;
        if (!names.empty()) names += ", ";
        names += name;
      }
    }
    if (!names.empty()) return names;
  }
  return std::nullopt;
}

// Epoch seconds as a number: integers as they are, fractions floored, so
// parse_date() applies its one plausibility window to both forms.
std::optional<std::string> date_field(const json& record, Keys keys) {
  for (const char* key : keys) {
    auto it = record.find(key);
    if (it == record.end()) continue;
    if (it->is_number_integer()) return it->dump();
    if (it->is_number_float()) return std::to_string(static_cast<long long>(std::floor(it->get<double>())));
    if (!it->is_string()) continue;
    std::string_view value = trim(it->get_ref<const std::string&>());
    if (!value.empty()) return std::string(value);
  }
  return std::nullopt;
}

// "syntax error while parsing object key - unexpected '}'; expected string
// literal" -> "unexpected '}'": nlohmann's "last read" part would echo the raw
// (possibly binary) input back into the warning.
std::string describe_parse_error(const json::parse_error& e) {
  std::string_view what = e.what();
  std::string_view reason = what;
  if (auto dash = what.find(" - "); dash != std::string_view::npos) reason = what.substr(dash + 3);
  if (auto semicolon = reason.find(';'); semicolon != std::string_view::npos) reason = reason.substr(0, semicolon);
  return "syntax error at byte " + std::to_string(e.byte) + ": " + std::string(reason);
}

std::string_view describe_json_type(const json& value) {
  switch (value.type()) {
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::null:
      return "null";
    default:
      return "a number";
  }
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
  if (article.id.size() > kMaxIdBytes) {
    entry.skip = Skip{SkipReason::kIdTooLong,
                      std::to_string(article.id.size()) + " bytes, at most " + std::to_string(kMaxIdBytes)};
  }
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

}  // namespace

std::string_view describe(SkipReason reason) {
  switch (reason) {
    case SkipReason::kMalformedJson:
      return "malformed JSON";
    case SkipReason::kNotAnObject:
      return "not a JSON object";
    case SkipReason::kInvalidUtf8:
      return "invalid UTF-8";
    case SkipReason::kNoText:
      return "no text";
    case SkipReason::kIdTooLong:
      return "id too long";
    case SkipReason::kUnreadableFile:
      return "unreadable file";
    case SkipReason::kDamagedCompression:
      return "damaged compressed data";
    case SkipReason::kIndexError:
      return "index error";
  }
  return "unknown";
}

std::optional<InputKind> input_kind_from_name(std::string_view filename) {
  std::string name = to_lower_ascii(filename);
  bool compressed = false;
  if (name.ends_with(".zst")) {
    compressed = true;
    name.resize(name.size() - 4);
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
  json record;
  try {
    record = json::parse(line.begin(), line.end());
  } catch (const json::parse_error& e) {
    // nlohmann rejects invalid UTF-8 as a syntax error; name the real cause.
    std::size_t bad_offset = 0;
    if (!analysis::is_valid_utf8(line, &bad_offset)) {
      entry.skip = Skip{SkipReason::kInvalidUtf8, describe_bad_byte(line[bad_offset], bad_offset + 1)};
    } else {
      entry.skip = Skip{SkipReason::kMalformedJson, describe_parse_error(e)};
    }
    return entry;
  }
  if (!record.is_object()) {
    entry.skip = Skip{SkipReason::kNotAnObject, "found " + std::string(describe_json_type(record))};
    return entry;
  }

  Article& article = entry.article;
  article.id = string_or_number_field(record, kIdKeys).value_or("");
  article.title = string_field(record, kTitleKeys).value_or("");
  article.body = string_field(record, kBodyKeys).value_or("");
  article.source = string_field(record, kSourceKeys).value_or("");
  article.url = string_field(record, kUrlKeys).value_or("");
  article.author = names_field(record, kAuthorKeys).value_or("");
  if (auto date = date_field(record, kDateKeys)) {
    article.published_unix_s = dates::parse_date(*date);
    if (!article.published_unix_s)
      entry.warnings.push_back("unparseable date " + quote(*date) + "; indexed as undated");
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
  return entry;
}

CorpusEntry parse_text_article(std::string_view text, std::string origin, const CorpusReaderOptions& options) {
  CorpusEntry entry{.origin = std::move(origin), .article = {}, .skip = {}, .warnings = {}};
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t bad_offset = 0;
  if (!analysis::is_valid_utf8(text, &bad_offset)) {
    std::string_view before = text.substr(0, bad_offset);
    auto line = static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n')) + 1;
    std::size_t line_start = before.rfind('\n');
    std::size_t column = line_start == std::string_view::npos ? bad_offset + 1 : bad_offset - line_start;
    entry.origin += ":" + std::to_string(line);
    entry.skip = Skip{SkipReason::kInvalidUtf8, describe_bad_byte(text[bad_offset], column)};
    return entry;
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
    std::unique_ptr<InputStream> stream = open_input_file(file_->path);
    if (file_->kind.compressed) stream = open_zstd_stream(std::move(stream));
    reader_ = std::make_unique<LineReader>(std::move(stream));
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
    try {
      if (format_ == InputFormat::kText) {
        CorpusEntry entry = parse_text_article(reader_->read_rest(), origin(0), options_);
        close_file();
        return entry;
      }
      std::optional<std::string_view> line = reader_->next_line();
      if (!line) {
        close_file();
        continue;
      }
      if (is_blank(*line)) continue;
      return parse_json_line(*line, origin(reader_->line_number()), options_);
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
