#include "searcher/printers/table_printer.h"

#include <charconv>
#include <cstdint>

#include "common/dates.h"
#include "common/test_hook.h"
#include "searcher/quote_search.h"

namespace newsdex::search {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kJoin = "; ";

// Length of the valid UTF-8 sequence at text[i] and its code point; 0 when
// the bytes there start no valid sequence.
std::size_t utf8_sequence(std::string_view text, std::size_t i, std::uint32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = b(0);
  std::size_t n = 0;
  if (lead < 0x80) {
    cp = lead;
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2;
    cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3;
    cp = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4;
    cp = lead & 0x07u;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3Fu);
  }
  // Overlong forms, surrogates and code points past U+10FFFF.
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

// `text` with controls (but TAB, LF, CR) and invalid UTF-8 replaced by U+FFFD.
std::string export_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    const std::size_t n = utf8_sequence(text, i, cp);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const bool control =
        (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
    if (control) {
      out += kReplacement;
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += kJoin;
    out += v;
  }
  return out;
}

// The shortest text that reads back as `value` (as the JSON output has it).
std::string number(double value) {
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, result.ptr);
}

std::string value_of(ExportField field, const Match& m) {
  switch (field) {
    case ExportField::kRank:
      return std::to_string(m.rank);
    case ExportField::kId:
      return m.id;
    case ExportField::kDate:
      return m.published_unix_s ? dates::format_datetime(*m.published_unix_s) : std::string();
    case ExportField::kSource:
      return m.source;
    case ExportField::kTitle:
      return m.title;
    case ExportField::kUrl:
      return m.url;
    case ExportField::kAuthor:
      return m.author;
    case ExportField::kScore:
      return number(m.score);
    case ExportField::kMatchedAll:
      return m.matched_all ? "true" : "false";
    case ExportField::kSnippet:
      return m.snippet.text;
    case ExportField::kSpeakers:
      return joined(m.speakers);
    case ExportField::kCountries: {
      std::vector<std::string> names;
      for (const CountryRef& c : m.countries) names.push_back(c.name.empty() ? c.code : c.name);
      return joined(names);
    }
    case ExportField::kCountryCodes: {
      std::vector<std::string> codes;
      for (const CountryRef& c : m.countries) codes.push_back(c.code);
      return joined(codes);
    }
    case ExportField::kPersons:
      return joined(m.persons);
    case ExportField::kOrgs:
      return joined(m.organizations);
    case ExportField::kQuotes: {
      std::vector<std::string> quotes;
      for (const QuoteRef& q : m.quotes) quotes.push_back(q.speaker.empty() ? q.text : q.speaker + ": " + q.text);
      return joined(quotes);
    }
    case ExportField::kSimilarCount:
      return std::to_string(m.similar_count);
    case ExportField::kSimilarSources:
      return joined(m.similar_sources);
  }
  return {};
}

std::string quote_value_of(QuoteField field, const QuoteHit& q) {
  switch (field) {
    case QuoteField::kRank:
      return std::to_string(q.rank);
    case QuoteField::kId:
      return q.id;
    case QuoteField::kQuoteIndex:
      return std::to_string(q.quote_index);
    case QuoteField::kDate:
      return q.published_unix_s ? dates::format_datetime(*q.published_unix_s) : std::string();
    case QuoteField::kSource:
      return q.source;
    case QuoteField::kTitle:
      return q.title;
    case QuoteField::kUrl:
      return q.url;
    case QuoteField::kSpeaker:
      return q.speaker;
    case QuoteField::kVerb:
      return q.verb;
    case QuoteField::kText:
      return q.text;
    case QuoteField::kScore:
      return number(q.score);
  }
  return {};
}

// One row of `values` in `format`.
void write_table_row(TableFormat format, const std::vector<std::string>& values, std::ostream& out) {
  std::string line;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) line += format == TableFormat::kCsv ? ',' : '\t';
    line += table_field(format, values[i]);
  }
  line += format == TableFormat::kCsv ? "\r\n" : "\n";
  out << line;
}

}  // namespace

std::optional<QuoteField> quote_field_named(std::string_view name) {
  for (const QuoteFieldSpec& f : kQuoteFields) {
    if (f.name == name) return f.field;
  }
  return std::nullopt;
}

std::string quote_field_names() {
  std::string out;
  for (const QuoteFieldSpec& f : kQuoteFields) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

std::optional<ExportField> export_field_named(std::string_view name) {
  for (const ExportFieldSpec& f : kExportFields) {
    if (f.name == name) return f.field;
  }
  return std::nullopt;
}

std::string table_field(TableFormat format, std::string_view text) {
  std::string safe = export_safe(text);
  std::string out;
  if (format == TableFormat::kTsv) {
    for (char c : safe) {
      switch (c) {
        case '\\':
          out += "\\\\";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        default:
          out += c;
      }
    }
    return out;
  }
  if (safe.find_first_of(",\"\r\n") == std::string::npos) return safe;
  out += '"';
  for (char c : safe) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

TablePrinter::TablePrinter(TableFormat format, std::vector<ExportField> fields)
    : format_(format), fields_(std::move(fields)) {}

void TablePrinter::write_row(const std::vector<std::string>& values, std::ostream& out) const {
  write_table_row(format_, values, out);
}

void TablePrinter::begin(std::ostream& out) {
  std::vector<std::string> names;
  for (ExportField f : fields_) {
    for (const ExportFieldSpec& spec : kExportFields) {
      if (spec.field == f) names.emplace_back(spec.name);
    }
  }
  write_row(names, out);
}

void TablePrinter::hit(const Match& match, std::ostream& out) {
  std::vector<std::string> values;
  values.reserve(fields_.size());
  for (ExportField f : fields_) values.push_back(value_of(f, match));
  write_row(values, out);
  if (test_hooks_enabled()) {
    // A test stopping here finds every row so far in the output.
    out.flush();
    test_hook("row");
  }
}

void TablePrinter::end(const SearchResults&, std::uint64_t, std::ostream&) {}

QuoteTablePrinter::QuoteTablePrinter(TableFormat format, std::vector<QuoteField> fields)
    : format_(format), fields_(std::move(fields)) {}

void QuoteTablePrinter::begin(std::ostream& out) const {
  std::vector<std::string> names;
  for (QuoteField f : fields_) {
    for (const QuoteFieldSpec& spec : kQuoteFields) {
      if (spec.field == f) names.emplace_back(spec.name);
    }
  }
  write_table_row(format_, names, out);
}

void QuoteTablePrinter::hit(const QuoteHit& hit, std::ostream& out) const {
  std::vector<std::string> values;
  values.reserve(fields_.size());
  for (QuoteField f : fields_) values.push_back(quote_value_of(f, hit));
  write_table_row(format_, values, out);
}

}  // namespace newsdex::search
