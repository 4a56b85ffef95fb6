// Results as a table for spreadsheets and data frames (--format csv|tsv):
// a header row of field names, then one row per match; no counts, timeline
// or facets (those are in --format jsonl and text). The formats, fields and
// escaping are documented in docs/newsdex-search.md ("Export"); change both
// in the same commit.
//   CSV: RFC 4180. Fields are separated by ',', rows end in CRLF; a field
//        holding ',', '"', CR or LF is put in double quotes, a '"' in it
//        doubled. Line breaks inside a field are kept.
//   TSV: fields separated by TAB, rows end in LF, nothing quoted; inside a
//        field backslash, TAB, LF and CR are written \\ \t \n \r (as
//        PostgreSQL's COPY text format and the IANA text/tab-separated-values
//        convention with escapes).
// Both: UTF-8 without a byte order mark; dates ISO 8601 in UTC
// (2016-02-12T10:00:00Z, empty when undated); several values in one field
// (speakers, countries...) joined with "; "; control characters that a
// terminal or spreadsheet would act on (C0 other than TAB, LF, CR; DEL; C1)
// and invalid UTF-8 become U+FFFD, so no escape sequence gets through.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/printers/printer.h"

namespace newsdex::search {

enum class TableFormat { kCsv, kTsv };

// The columns an export can have (--fields).
enum class ExportField {
  kRank,
  kId,
  kDate,
  kSource,
  kTitle,
  kUrl,
  kAuthor,
  kScore,
  kMatchedAll,
  kSnippet,
  kSpeakers,
  kCountries,
  kCountryCodes,
  kPersons,
  kOrgs,
  kQuotes,
  kSimilarCount,
  kSimilarSources,
};

struct ExportFieldSpec {
  ExportField field;
  std::string_view name;         // as in --fields and the header row
  std::string_view description;  // for --help and the docs
};

inline constexpr std::array<ExportFieldSpec, 18> kExportFields = {{
    {ExportField::kRank, "rank", "1-based position in the results"},
    {ExportField::kId, "id", "article id (for --show)"},
    {ExportField::kDate, "date", "publication time, ISO 8601 UTC; empty when undated"},
    {ExportField::kSource, "source", "outlet"},
    {ExportField::kTitle, "title", "headline"},
    {ExportField::kUrl, "url", "address of the article"},
    {ExportField::kAuthor, "author", "byline"},
    {ExportField::kScore, "score", "BM25 relevance weight"},
    {ExportField::kMatchedAll, "matched_all", "true: every query word; false: a partial match"},
    {ExportField::kSnippet, "snippet", "the passage where the query words meet (plain text)"},
    {ExportField::kSpeakers, "speakers", "people quoted"},
    {ExportField::kCountries, "countries", "countries mentioned (names)"},
    {ExportField::kCountryCodes, "country_codes", "countries mentioned (ISO 3166-1 alpha-2)"},
    {ExportField::kPersons, "persons", "people mentioned"},
    {ExportField::kOrgs, "orgs", "organizations mentioned"},
    {ExportField::kQuotes, "quotes", "quotes, each \"Speaker: text\" (text alone when unattributed)"},
    {ExportField::kSimilarCount, "similar_count", "copies of the story collapsed into this row"},
    {ExportField::kSimilarSources, "similar_sources", "the outlets of those copies"},
}};

// The columns of --format csv/tsv without --fields.
inline constexpr std::array<ExportField, 12> kDefaultExportFields = {
    ExportField::kId,        ExportField::kDate,    ExportField::kSource, ExportField::kTitle,
    ExportField::kUrl,       ExportField::kAuthor,  ExportField::kScore,  ExportField::kSpeakers,
    ExportField::kCountries, ExportField::kPersons, ExportField::kOrgs,   ExportField::kSnippet};

// The field called `name`, or nullopt.
std::optional<ExportField> export_field_named(std::string_view name);

// `text` as one field of `format`, escaped or quoted as above (without the
// separator). Control characters are replaced first.
std::string table_field(TableFormat format, std::string_view text);

// With --quotes, one row per quote and these columns (--fields).
enum class QuoteField { kRank, kId, kQuoteIndex, kDate, kSource, kTitle, kUrl, kSpeaker, kVerb, kText, kScore };

struct QuoteFieldSpec {
  QuoteField field;
  std::string_view name;         // as in --fields and the header row
  std::string_view description;  // for the docs
};

inline constexpr std::array<QuoteFieldSpec, 11> kQuoteFields = {{
    {QuoteField::kRank, "rank", "1-based position in the results"},
    {QuoteField::kId, "id", "the article's id (for --show)"},
    {QuoteField::kQuoteIndex, "quote_index", "the quote's place among its article's quotes, 0-based"},
    {QuoteField::kDate, "date", "the article's publication time, ISO 8601 UTC; empty when undated"},
    {QuoteField::kSource, "source", "the article's outlet"},
    {QuoteField::kTitle, "title", "the article's headline"},
    {QuoteField::kUrl, "url", "the article's address"},
    {QuoteField::kSpeaker, "speaker", "the person quoted; empty when unattributed"},
    {QuoteField::kVerb, "verb", "the speech verb as written; empty if none"},
    {QuoteField::kText, "text", "the whole quote, as in the article"},
    {QuoteField::kScore, "score", "BM25 of the query's words in the quote"},
}};

// The columns of --quotes --format csv/tsv without --fields.
inline constexpr std::array<QuoteField, 10> kDefaultQuoteFields = {
    QuoteField::kId,  QuoteField::kQuoteIndex, QuoteField::kDate, QuoteField::kSource, QuoteField::kTitle,
    QuoteField::kUrl, QuoteField::kSpeaker,    QuoteField::kVerb, QuoteField::kText,   QuoteField::kScore};

// The quote field called `name`, or nullopt.
std::optional<QuoteField> quote_field_named(std::string_view name);

// Every name of kQuoteFields, joined with ", " (for messages and --help).
std::string quote_field_names();

class TablePrinter : public StreamPrinter {
 public:
  // Requires: `fields` not empty.
  TablePrinter(TableFormat format, std::vector<ExportField> fields);
  void begin(std::ostream& out) override;  // the header row
  // A row. With test hooks on (common/test_hook.h), flushes `out` and
  // reaches the point "row" after it.
  void hit(const Match& match, std::ostream& out) override;
  void end(const SearchResults& results, std::uint64_t returned, std::ostream& out) override;  // nothing

 private:
  void write_row(const std::vector<std::string>& values, std::ostream& out) const;

  TableFormat format_;
  std::vector<ExportField> fields_;
};

struct QuoteHit;

// newsdex-search --quotes as a table: begin() writes the header row, hit()
// a row per quote, with the bytes of TablePrinter.
class QuoteTablePrinter {
 public:
  // Requires: `fields` not empty.
  QuoteTablePrinter(TableFormat format, std::vector<QuoteField> fields);
  void begin(std::ostream& out) const;
  void hit(const QuoteHit& hit, std::ostream& out) const;

 private:
  TableFormat format_;
  std::vector<QuoteField> fields_;
};

}  // namespace newsdex::search
