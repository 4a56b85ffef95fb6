// libFuzzer target: indexer/readers/csv_reader.h (CsvReader, sniff_csv,
// guess_delimiter), one CSV/TSV file an input. Run it with scripts/fuzz.sh csv.
//
// Input layout: byte 0 bits 0-2 pick the delimiter option (0 and 5-7:
// sniffed, 1 ',', 2 ';', 3 '\t', 4 '|'), bits 3-4 max_field_bytes (16 MiB,
// 64, 1000, 5), bit 5 max_columns 4 instead of 1024; the rest is the file.
// Checks: header() refuses with a newsdex::Error naming the origin, or gives
// trimmed, valid UTF-8 names ending with a non-empty one, at most max_columns;
// every record has its number, a line not before the header's or the record
// before, either an error and no values or one valid UTF-8 value without NUL
// per column, at most max_field_bytes in all; reading in 1-byte and 61-byte
// reads gives the same; what sniff_csv() accepts, CsvReader reads with a
// header of that width.
//
// The entry function lives here until fuzz_entries.h takes it
// (/work/patches/csv-fuzz.patch moves it there, with the replay of
// tests/fuzz/regressions/csv/ by unit_tests).
#include <cstddef>
#include <cstdint>

#include "indexer/readers/csv_reader.h"
#include "tests/fuzz/fuzz_entries.h"

namespace newsdex::fuzz {

namespace detail {

struct CsvRun {
  bool refused = false;  // header() threw
  std::vector<std::string> header{};
  std::vector<readers::CsvRecord> records{};
};

inline CsvRun read_csv(std::string_view file, const readers::CsvOptions& options, std::size_t chunk) {
  CsvRun run;
  readers::CsvReader reader(std::make_unique<MemoryStream>(file, chunk), "fuzz.csv", options);
  try {
    run.header = reader.header();
  } catch (const Error& e) {
    NEWSDEX_FUZZ_CHECK(std::string_view(e.what()).starts_with("fuzz.csv:"));
    run.refused = true;
    return run;
  }
  NEWSDEX_FUZZ_CHECK(!run.header.empty() && run.header.size() <= options.max_columns);
  NEWSDEX_FUZZ_CHECK(!run.header.back().empty());
  for (const std::string& name : run.header) {
    NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(name));
    NEWSDEX_FUZZ_CHECK(name.empty() || (!is_ascii_space(name.front()) && !is_ascii_space(name.back())));
  }
  NEWSDEX_FUZZ_CHECK(reader.header_line() >= 1);
  std::uint64_t line = reader.header_line();
  while (std::optional<readers::CsvRecord> r = reader.next()) {
    NEWSDEX_FUZZ_CHECK(r->number == run.records.size() + 1);
    NEWSDEX_FUZZ_CHECK(r->line >= line);
    line = r->line;
    if (!r->error.empty()) {
      NEWSDEX_FUZZ_CHECK(r->values.empty());
    } else {
      NEWSDEX_FUZZ_CHECK(r->values.size() == run.header.size());
      std::size_t bytes = 0;
      for (const std::string& v : r->values) {
        NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(v));
        NEWSDEX_FUZZ_CHECK(v.find('\0') == std::string::npos);
        bytes += v.size();
      }
      NEWSDEX_FUZZ_CHECK(bytes <= options.max_field_bytes);
    }
    run.records.push_back(std::move(*r));
  }
  return run;
}

}  // namespace detail

// ---- csv: indexer/readers/csv_reader.h on one file.
inline void csv(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const std::string_view file = detail::as_text(data + 1, size - 1);
  static constexpr char kDelimiterOption[8] = {0, ',', ';', '\t', '|', 0, 0, 0};
  static constexpr std::size_t kMaxFieldBytes[4] = {readers::CsvOptions::kDefaultMaxFieldBytes, 64, 1000, 5};
  readers::CsvOptions options;
  options.delimiter = kDelimiterOption[data[0] & 7];
  options.max_field_bytes = kMaxFieldBytes[(data[0] >> 3) & 3];
  options.max_columns = (data[0] & 0x20) != 0 ? 4 : readers::CsvOptions::kDefaultMaxColumns;

  const char guessed = readers::guess_delimiter(file);
  NEWSDEX_FUZZ_CHECK(std::string_view(",;\t|").find(guessed) != std::string_view::npos);
  const std::optional<char> sniffed = readers::sniff_csv(file);

  const detail::CsvRun run = detail::read_csv(file, options, 61);
  if (file.size() <= 4096) {
    const detail::CsvRun bytewise = detail::read_csv(file, options, 1);
    NEWSDEX_FUZZ_CHECK(bytewise.refused == run.refused && bytewise.header == run.header);
    NEWSDEX_FUZZ_CHECK(bytewise.records.size() == run.records.size());
    for (std::size_t i = 0; i < run.records.size() && i < bytewise.records.size(); ++i) {
      NEWSDEX_FUZZ_CHECK(bytewise.records[i].line == run.records[i].line);
      NEWSDEX_FUZZ_CHECK(bytewise.records[i].values == run.records[i].values);
      NEWSDEX_FUZZ_CHECK(bytewise.records[i].error == run.records[i].error);
    }
  }
  if (sniffed && file.size() <= readers::kCsvSniffBytes) {
    NEWSDEX_FUZZ_CHECK(guessed == *sniffed);
    readers::CsvOptions as_sniffed;
    as_sniffed.delimiter = *sniffed;
    const detail::CsvRun again = detail::read_csv(file, as_sniffed, 61);
    NEWSDEX_FUZZ_CHECK(!again.refused && again.header.size() >= 2);
  }
}

}  // namespace newsdex::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::csv(data, size);
  return 0;
}
