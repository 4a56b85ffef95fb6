#include "indexer/input_format.h"

#include <algorithm>
#include <array>
#include <utility>

#include "indexer/fields.h"
#include "indexer/readers/feed_reader.h"
#include "indexer/readers/http_response.h"

namespace newsdex::index {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view skip_bom_and_space(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}

bool ends_with_any(std::string_view name, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(), [&](std::string_view s) { return name.ends_with(s); });
}

}  // namespace

std::string_view format_name(InputFormat format) {
  switch (format) {
    case InputFormat::kJsonLines:
      return "jsonl";
    case InputFormat::kText:
      return "text";
    case InputFormat::kHtml:
      return "html";
    case InputFormat::kWarc:
      return "warc";
    case InputFormat::kFeed:
      return "xml";
    case InputFormat::kCsv:
      return "csv";
    case InputFormat::kTsv:
      return "tsv";
    case InputFormat::kSniff:
      return "sniff";
  }
  return "unknown";
}

std::optional<InputFormat> parse_format_name(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, InputFormat>, 20> kNames = {{
      {"jsonl", InputFormat::kJsonLines}, {"json", InputFormat::kJsonLines}, {"ndjson", InputFormat::kJsonLines},
      {"text", InputFormat::kText},       {"txt", InputFormat::kText},       {"html", InputFormat::kHtml},
      {"htm", InputFormat::kHtml},        {"xhtml", InputFormat::kHtml},     {"warc", InputFormat::kWarc},
      {"csv", InputFormat::kCsv},         {"tsv", InputFormat::kTsv},        {"nitf", InputFormat::kFeed},
      {"newsml", InputFormat::kFeed},     {"newsml-g2", InputFormat::kFeed}, {"newsml-1", InputFormat::kFeed},
      {"rss", InputFormat::kFeed},        {"atom", InputFormat::kFeed},      {"xml", InputFormat::kFeed},
      {"feed", InputFormat::kFeed},       {"arc", InputFormat::kWarc},
  }};
  std::string lower = to_lower_ascii(name);
  for (const auto& [n, format] : kNames) {
    if (lower == n) return format;
  }
  return std::nullopt;
}

std::optional<InputKind> input_kind_from_name(std::string_view filename) {
  std::string name = to_lower_ascii(filename);
  if (ends_with_any(name, {".tar", ".tgz", ".tbz", ".tbz2", ".txz", ".tzst", ".zip"})) {
    return InputKind{InputFormat::kSniff, true};
  }
  bool compressed = false;
  for (std::string_view ext : {".zst", ".gz", ".bz2", ".xz"}) {
    if (name.ends_with(ext)) {
      compressed = true;
      name.resize(name.size() - ext.size());
      break;
    }
  }
  struct Extension {
    std::string_view ext;
    InputFormat format;
  };
  static constexpr std::array<Extension, 20> kExtensions = {{
      {".jsonl", InputFormat::kJsonLines}, {".ndjson", InputFormat::kJsonLines}, {".json", InputFormat::kJsonLines},
      {".txt", InputFormat::kText},        {".html", InputFormat::kHtml},        {".htm", InputFormat::kHtml},
      {".xhtml", InputFormat::kHtml},      {".shtml", InputFormat::kHtml},       {".warc", InputFormat::kWarc},
      {".xml", InputFormat::kFeed},        {".nitf", InputFormat::kFeed},        {".newsml", InputFormat::kFeed},
      {".rss", InputFormat::kFeed},        {".atom", InputFormat::kFeed},        {".rdf", InputFormat::kFeed},
      {".csv", InputFormat::kCsv},         {".tsv", InputFormat::kTsv},          {".tab", InputFormat::kTsv},
      {".arc", InputFormat::kWarc},        {".tar", InputFormat::kSniff},  // "a.tar.gz", "a.tar.zst"
  }};
  for (const Extension& e : kExtensions) {
    if (name.ends_with(e.ext)) return InputKind{e.format, compressed || e.format == InputFormat::kSniff};
  }
  // A bare compressed file ("data.gz"): what it holds is seen when it is read.
  if (compressed) return InputKind{InputFormat::kSniff, true};
  return std::nullopt;
}

std::optional<InputFormat> sniff_content(std::string_view head, std::string_view name) {
  std::string_view start = skip_bom_and_space(head);
  if (start.starts_with("WARC/") || start.starts_with("filedesc://")) return InputFormat::kWarc;
  if (start.starts_with("{")) return InputFormat::kJsonLines;
  // A JSON array of records (read by JsonValueReader); "[Updated] ..." is text.
  if (start.starts_with("[") && skip_bom_and_space(start.substr(1)).starts_with("{")) return InputFormat::kJsonLines;
  if (!start.starts_with("<")) return std::nullopt;
  if (readers::sniff_feed_format(head, name) != readers::FeedFormat::kUnknown) return InputFormat::kFeed;
  // XHTML: an XML declaration (and comments) before the doctype or <html>.
  std::string_view rest = start;
  while (rest.starts_with("<?")) {
    std::size_t end = rest.find("?>");
    if (end == std::string_view::npos) return std::nullopt;
    rest = skip_bom_and_space(rest.substr(end + 2));
  }
  if (readers::starts_like_html_page(rest)) {
    // "<!--" opens HTML and XML alike: after the comments, an XML root that
    // is not <html> is no page.
    std::string_view after = rest;
    while (after.starts_with("<!--")) {
      std::size_t end = after.find("-->");
      if (end == std::string_view::npos) return InputFormat::kHtml;  // a long comment: HTML pages have those
      after = skip_bom_and_space(after.substr(end + 3));
    }
    if (after.empty() || readers::starts_like_html_page(after)) return InputFormat::kHtml;
    std::string lower = to_lower_ascii(after.substr(0, 16));
    if (lower.starts_with("<!doctype") || lower.starts_with("<meta") || lower.starts_with("<div") ||
        lower.starts_with("<script") || lower.starts_with("<link") || lower.starts_with("<style")) {
      return InputFormat::kHtml;
    }
    return std::nullopt;
  }
  // Markup without <html>/<head>/<body>: a fragment saved as a page.
  std::string lower = to_lower_ascii(rest.substr(0, 16));
  for (std::string_view tag : {"<meta", "<div", "<article", "<p>", "<h1", "<link", "<script", "<style"}) {
    if (lower.starts_with(tag)) return InputFormat::kHtml;
  }
  return std::nullopt;
}

std::optional<InputFormat> sniff_csv_header(std::string_view head) {
  std::string_view start = head;
  if (start.starts_with("\xEF\xBB\xBF")) start.remove_prefix(3);
  std::size_t end = start.find('\n');
  if (end == std::string_view::npos) return std::nullopt;  // a header row ends within the head
  std::string_view line = start.substr(0, end);
  if (line.ends_with('\r')) line.remove_suffix(1);
  for (char delimiter : {'\t', ',', ';'}) {
    if (line.find(delimiter) == std::string_view::npos) continue;
    bool known = false;
    bool plausible = true;
    std::size_t pos = 0;
    while (pos <= line.size()) {
      std::size_t next = line.find(delimiter, pos);
      std::string_view column = line.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
      while (!column.empty() && is_space(column.front())) column.remove_prefix(1);
      while (!column.empty() && is_space(column.back())) column.remove_suffix(1);
      if (column.size() >= 2 && column.front() == '"' && column.back() == '"') {
        column = column.substr(1, column.size() - 2);
      }
      // Column names are short words, not sentences.
      if (column.size() > 40) plausible = false;
      std::string lower = to_lower_ascii(column);
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        for (std::string_view key : default_keys(static_cast<Field>(f))) {
          if (lower == key) known = true;
        }
      }
      if (next == std::string_view::npos) break;
      pos = next + 1;
    }
    if (known && plausible) return delimiter == '\t' ? InputFormat::kTsv : InputFormat::kCsv;
  }
  return std::nullopt;
}

std::optional<InputFormat> choose_format(std::optional<InputFormat> forced, std::string_view head,
                                         std::string_view name, InputOrigin origin) {
  if (forced && *forced != InputFormat::kSniff) return forced;
  // Empty (or blank) input holds no article; JSON Lines reads it as such.
  if (origin == InputOrigin::kNamed && skip_bom_and_space(head).empty()) return InputFormat::kJsonLines;
  std::optional<InputKind> kind = input_kind_from_name(name);
  if (kind && (kind->format == InputFormat::kJsonLines || kind->format == InputFormat::kText)) return kind->format;
  if (std::optional<InputFormat> content = sniff_content(head, name)) {
    if (*content != InputFormat::kJsonLines || origin == InputOrigin::kNamed) return content;
  }
  if (kind && kind->format != InputFormat::kSniff) return kind->format;
  if (std::optional<InputFormat> csv = sniff_csv_header(head)) return csv;
  if (origin == InputOrigin::kNamed) return InputFormat::kText;
  return std::nullopt;
}

}  // namespace newsdex::index
