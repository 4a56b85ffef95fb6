// CSV and TSV files with a header row, read record by record as a stream
// (never the whole file in memory), parsed by libcsv.
//
// The dialect read (docs/newsdex-index.md, "CSV and TSV"):
//   - RFC 4180: fields separated by a delimiter, records by CRLF or LF (a
//     lone CR too); a field in double quotes may hold the delimiter, line
//     breaks and doubled quotes (""), which stand for one quote. A quote
//     inside an unquoted field is kept as it is.
//   - The delimiter is ',', ';', '\t' or '|', sniffed from the first 64 KiB
//     (guess_delimiter()) unless the options give one (--format tsv: '\t').
//   - A UTF-8 byte order mark at the start is dropped. The text is read as
//     UTF-8: a record with invalid UTF-8 or NUL bytes is that record's error.
//     Unless the first 64 KiB say otherwise: a UTF-16 byte order mark, or
//     bytes that are not UTF-8 and hold no UTF-8 character, which ICU's
//     detector reads as a legacy charset (Windows-1252, ISO-8859-2...)
//     without a substitution: then the whole input is converted from that
//     charset as it is read. Likewise from a later record, when every byte
//     before it was ASCII and it is the first that is not UTF-8, and it and
//     the 64 KiB after it hold no UTF-8 character: it and the rest of the
//     input are converted (an ASCII start says nothing of the charset).
//   - The first non-blank record is the header: column names, trimmed of
//     white space. Names may be empty (a pandas index column has none);
//     empty names at the end of the header (a trailing delimiter) are
//     dropped. Names are kept as written (case included).
//   - Blank lines (only white space) are skipped, and are not records.
//   - Spaces and tabs around an unquoted field, and between a closing quote
//     and the delimiter, are dropped (libcsv's reading; a tab is kept when
//     it is the delimiter). Inside a quoted field, CRLF becomes LF.
//   - A record with fewer fields than the header is an error; one with more
//     is accepted when every extra field is empty (rows that end with a
//     delimiter, as some exports write them), else an error: a field
//     holding an unquoted delimiter shifts the columns, and the values would
//     land in the wrong fields.
//   - A record larger than max_field_bytes (all its fields together) is an
//     error, read past without holding it: memory stays about
//     max_field_bytes plus one 64 KiB read, whatever the input.
//   - A quote opened and never closed runs to the end of the input: that
//     last record is an error (everything after the quote is inside it).
// Thread safety: a CsvReader is used by one thread at a time; the free
// functions are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/input_stream.h"

namespace newsdex::readers {

struct CsvOptions {
  // The field delimiter; 0: sniffed from the first 64 KiB of the input
  // (guess_delimiter()). '\t' for --format tsv.
  char delimiter = 0;
  // Largest record (the bytes of all its fields, after unquoting) returned;
  // a larger one is that record's error, its bytes read past, never held.
  // Also bounds the header row. Requires: >= 1.
  std::size_t max_field_bytes = kDefaultMaxFieldBytes;
  // Widest header accepted (columns); a wider one is not a header
  // (CsvReader::header() throws). Requires: >= 1.
  std::size_t max_columns = kDefaultMaxColumns;

  static constexpr std::size_t kDefaultMaxFieldBytes = std::size_t{16} << 20;
  static constexpr std::size_t kDefaultMaxColumns = 1024;
};

// One record after the header row.
struct CsvRecord {
  // 1-based line where the record starts (records may span lines); lines
  // are counted by LF, so a file with lone CR line ends is all line 1.
  std::uint64_t line = 0;
  std::uint64_t number = 0;         // 1-based record number after the header (errors counted too)
  std::vector<std::string> values;  // one per header column, in header order, when error is empty
  // Set when the record is unusable, saying why, without the origin or the
  // line ("5 fields, the header has 7"); values is then empty.
  std::string error;
};

class CsvReader {
 public:
  // Reads `input`; `origin` names it in the messages header() throws
  // ("dump.csv", "archive.tar.gz:dump.csv").
  CsvReader(std::unique_ptr<index::InputStream> input, std::string origin, CsvOptions options = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The header: column names, trimmed, byte order mark removed, trailing
  // empty names dropped; at least one name is non-empty. Reads it on the
  // first call. Throws newsdex::Error, its message starting "ORIGIN:LINE: ",
  // when the input has no header row: it is empty or blank, holds NUL bytes
  // (binary data) or invalid UTF-8 in its first record, or that
  // record is wider than max_columns, larger than max_field_bytes or opens a
  // quote it never closes; every later call (and next()) throws the same.
  // Rethrows the stream's exceptions (newsdex::Error,
  // index::DamagedInputError).
  const std::vector<std::string>& header();

  // Line where the header row starts (1-based); 0 before header() returned.
  std::uint64_t header_line() const;

  // The delimiter in use: the options' one, or the sniffed one once
  // header() (or next()) has read the start of the input; before that, 0.
  char delimiter() const;

  // The next record; nullopt at the end of input. A bad record comes back
  // with its error set, and reading goes on after it: never throws for one.
  // Calls header() first, and throws what it throws. Rethrows the stream's
  // exception once every record completed before the failure has been
  // returned (the record it cut is dropped).
  std::optional<CsvRecord> next();

  // Bytes of the underlying input consumed so far (see InputStream).
  std::uint64_t bytes_consumed() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Bytes of the start of a file that sniffing looks at (CsvReader reads this
// much before it guesses the delimiter); a longer head is cut to it.
inline constexpr std::size_t kCsvSniffBytes = std::size_t{64} << 10;

// The delimiter that splits `head` (the first bytes of a file) best among
// ',', '\t', ';' and '|': the one that makes the most header columns among
// those that split every complete record after it into as many fields (or
// more, all extra fields empty); ',' when none gives two columns.
char guess_delimiter(std::string_view head);

// Whether `head`, the first bytes of a file (kCsvSniffBytes of them, or the
// whole file when shorter), looks like CSV or TSV with a header row, for
// recognising the format by content; then its delimiter, the one
// guess_delimiter() gives (and CsvReader uses). Conservative: the
// header must end within `head` and look like column names (at least two
// non-empty, at most 64 bytes and 4 words each, one word when there are only
// two columns, no repeats, valid UTF-8 without control characters or any of
// {}<>"), at least one data
// record must follow, and every complete record must have the header's
// width. JSON, HTML, XML and prose rarely pass; a file whose name says .csv
// or .tsv should not depend on this.
std::optional<char> sniff_csv(std::string_view head);

}  // namespace newsdex::readers
