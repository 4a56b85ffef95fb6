// TablePrinter: CSV as RFC 4180 says, TSV with backslash escapes, the
// header row, multi-valued fields joined, nothing a terminal would act on.
#include "searcher/printers/table_printer.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace newsdex::search;

namespace {

Match sample_match() {
  Match m;
  m.rank = 3;
  m.score = 2.5;
  m.id = "bt-1";
  m.title = "Kerry, Lavrov \"agree\"";
  m.published_unix_s = 1454889600;  // 2016-02-08T00:00:00Z
  m.source = "Bellwether Times";
  m.snippet = Snippet{"First line\nsecond\tline", {}};
  m.speakers = {"John Kerry", "Sergey Lavrov"};
  m.countries = {CountryRef{"SY", "Syria"}, CountryRef{"RU", "Russia"}};
  m.quotes = {QuoteRef{"John Kerry", "Words on paper."}, QuoteRef{"", "No comment."}};
  return m;
}

std::string print(TableFormat format, std::vector<ExportField> fields, const Match& m) {
  std::ostringstream out;
  TablePrinter printer(format, std::move(fields));
  printer.begin(out);
  printer.hit(m, out);
  printer.end(SearchResults{}, 1, out);
  return out.str();
}

}  // namespace

TEST_CASE("CSV quotes a field holding a comma, quote or line break and doubles its quotes; rows end in CRLF") {
  CHECK(table_field(TableFormat::kCsv, "plain text") == "plain text");
  CHECK(table_field(TableFormat::kCsv, "a,b") == "\"a,b\"");
  CHECK(table_field(TableFormat::kCsv, "say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(table_field(TableFormat::kCsv, "two\nlines") == "\"two\nlines\"");
  CHECK(table_field(TableFormat::kCsv, "cr\rhere") == "\"cr\rhere\"");
  CHECK(table_field(TableFormat::kCsv, "") == "");
  const std::string out =
      print(TableFormat::kCsv, {ExportField::kId, ExportField::kTitle, ExportField::kSnippet}, sample_match());
  CHECK(out ==
        "id,title,snippet\r\n"
        "bt-1,\"Kerry, Lavrov \"\"agree\"\"\",\"First line\nsecond\tline\"\r\n");
}

TEST_CASE("TSV escapes backslash, tab, LF and CR and quotes nothing") {
  CHECK(table_field(TableFormat::kTsv, "a\tb\nc\rd\\e \"q\"") == "a\\tb\\nc\\rd\\\\e \"q\"");
  const std::string out = print(TableFormat::kTsv, {ExportField::kRank, ExportField::kSnippet}, sample_match());
  CHECK(out == "rank\tsnippet\n3\tFirst line\\nsecond\\tline\n");
}

TEST_CASE("Export fields: ISO 8601 dates, multi-valued fields joined with '; ', empty when absent") {
  Match m = sample_match();
  const std::string out =
      print(TableFormat::kCsv,
            {ExportField::kDate, ExportField::kSpeakers, ExportField::kCountries, ExportField::kCountryCodes,
             ExportField::kQuotes, ExportField::kUrl, ExportField::kScore, ExportField::kMatchedAll},
            m);
  CHECK(out ==
        "date,speakers,countries,country_codes,quotes,url,score,matched_all\r\n"
        "2016-02-08T00:00:00Z,John Kerry; Sergey Lavrov,Syria; Russia,SY; RU,"
        "John Kerry: Words on paper.; No comment.,,2.5,true\r\n");
  m.published_unix_s.reset();
  CHECK(print(TableFormat::kCsv, {ExportField::kDate, ExportField::kId}, m) == "date,id\r\n,bt-1\r\n");
}

TEST_CASE("Export text loses escape sequences, C1 controls and invalid UTF-8 to U+FFFD, keeps other text") {
  CHECK(table_field(TableFormat::kTsv, "\x1b[31mred") == "\xEF\xBF\xBD[31mred");
  CHECK(table_field(TableFormat::kTsv,
                    "csi \xC2\x9B"
                    "2J") ==
        "csi \xEF\xBF\xBD"
        "2J");
  CHECK(table_field(TableFormat::kTsv, "bad \xFF byte") == "bad \xEF\xBF\xBD byte");
  CHECK(table_field(TableFormat::kTsv, "del\x7F") == "del\xEF\xBF\xBD");
  CHECK(table_field(TableFormat::kCsv, "Bogotá — 東京 ’") == "Bogotá — 東京 ’");
}

TEST_CASE("Every export field has a name export_field_named finds, and the default fields are named ones") {
  for (const ExportFieldSpec& f : kExportFields) {
    REQUIRE(export_field_named(f.name).has_value());
    CHECK(*export_field_named(f.name) == f.field);
  }
  CHECK_FALSE(export_field_named("nope").has_value());
  CHECK_FALSE(export_field_named("").has_value());
}
