#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "indexer/input_stream.h"
#include "indexer/readers/csv_reader.h"
#include "tests/indexer/test_support.h"

namespace newsdex::readers {
namespace {

using namespace std::string_literals;

using index::testing::StringStream;

// `prefix`, then `size` bytes of `fill`, then `suffix`, made as they are
// read: a huge input that is never in memory as a whole.
class GeneratedStream : public index::InputStream {
 public:
  GeneratedStream(std::string prefix, std::uint64_t size, char fill, std::string suffix)
      : prefix_(std::move(prefix)), size_(size), fill_(fill), suffix_(std::move(suffix)) {}
  std::size_t read(std::span<char> buffer) override {
    const std::uint64_t total = prefix_.size() + size_ + suffix_.size();
    std::size_t n = 0;
    while (n < buffer.size() && at_ < total) {
      if (at_ < prefix_.size()) {
        buffer[n] = prefix_[at_];
      } else if (at_ < prefix_.size() + size_) {
        buffer[n] = fill_;
      } else {
        buffer[n] = suffix_[at_ - prefix_.size() - size_];
      }
      ++n;
      ++at_;
    }
    return n;
  }
  std::uint64_t bytes_consumed() const override { return at_; }

 private:
  std::string prefix_;
  std::uint64_t size_;
  char fill_;
  std::string suffix_;
  std::uint64_t at_ = 0;
};

CsvReader reader_of(std::string bytes, CsvOptions options = {}, std::size_t chunk = 1 << 16) {
  return CsvReader(std::make_unique<StringStream>(std::move(bytes), chunk), "dump.csv", options);
}

std::vector<CsvRecord> all_records(CsvReader& reader) {
  std::vector<CsvRecord> out;
  while (std::optional<CsvRecord> r = reader.next()) out.push_back(std::move(*r));
  return out;
}

using Strings = std::vector<std::string>;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The message header() throws for `bytes`.
std::string header_error(std::string bytes, CsvOptions options = {}) {
  CsvReader reader = reader_of(std::move(bytes), options);
  try {
    reader.header();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

// ---- RFC 4180

TEST_CASE("CSV: quoted fields hold delimiters, doubled quotes and line breaks (RFC 4180)") {
  CsvReader reader = reader_of(
      "id,title,body\n"
      "1,\"Rates, again\",\"He said \"\"no\"\".\"\n"
      "2,Plain,\"First paragraph.\n\nSecond paragraph.\"\n"
      "3,\"\",\n");
  CHECK(reader.header() == Strings{"id", "title", "body"});
  CHECK(reader.delimiter() == ',');
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 3);
  CHECK(records[0].values == Strings{"1", "Rates, again", "He said \"no\"."});
  CHECK(records[1].values == Strings{"2", "Plain", "First paragraph.\n\nSecond paragraph."});
  CHECK(records[2].values == Strings{"3", "", ""});
  for (const CsvRecord& r : records) CHECK(r.error.empty());
}

TEST_CASE("CSV: a quote inside an unquoted field is kept as text") {
  CsvReader reader = reader_of("id,title\n1,The 5\" screen\n");
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 1);
  CHECK(records[0].values == Strings{"1", "The 5\" screen"});
}

TEST_CASE("CSV: CRLF and LF line ends read alike, and CRLF inside a quoted field becomes LF") {
  const std::string crlf = "id,body\r\n1,\"a\r\nb\"\r\n2,c\r\n";
  const std::string lf = "id,body\n1,\"a\nb\"\n2,c\n";
  for (const std::string& input : {crlf, lf}) {
    CsvReader reader = reader_of(input);
    const std::vector<CsvRecord> records = all_records(reader);
    REQUIRE(records.size() == 2);
    CHECK(records[0].values == Strings{"1", "a\nb"});
    CHECK(records[1].values == Strings{"2", "c"});
    CHECK(records[1].line == 4);
  }
}

TEST_CASE("CSV: lone CR line ends split records, the header's among them (fuzz: csv)") {
  CsvReader reader = reader_of("id,title\r1,a\r2,b,c\r3,c,\r");
  CHECK(reader.header() == Strings{"id", "title"});
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 3);
  CHECK(records[0].values == Strings{"1", "a"});
  CHECK(contains(records[1].error, "3 fields, the header has 2, and field 3 is not empty"));
  CHECK(records[2].values == Strings{"3", "c"});
  CHECK(records[2].line == 1);  // lines count LF only
}

TEST_CASE("CSV: the last record needs no final line break") {
  CsvReader reader = reader_of("id,body\n1,x\n2,\"y\"");
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 2);
  CHECK(records[1].values == Strings{"2", "y"});
}

TEST_CASE("CSV: spaces around unquoted fields and after a closing quote are dropped, inside quotes kept") {
  CsvReader reader = reader_of("id , title\n 1 ,\"  padded  \"  \n");
  CHECK(reader.header() == Strings{"id", "title"});
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 1);
  CHECK(records[0].values == Strings{"1", "  padded  "});
}

TEST_CASE("CSV: reading in 1-byte pieces gives the same records as in one piece") {
  const std::string input =
      "\xEF\xBB\xBFid;title;body\r\n"
      "1;\"x;y\";\"caf\xC3\xA9\r\nline \"\"two\"\"\"\r\n"
      "\r\n"
      "2;z;\xE2\x82\xAC\r\n";
  CsvReader whole = reader_of(input);
  CsvReader bytewise = reader_of(input, {}, 1);
  const std::vector<CsvRecord> a = all_records(whole);
  const std::vector<CsvRecord> b = all_records(bytewise);
  REQUIRE(a.size() == 2);
  REQUIRE(b.size() == 2);
  CHECK(whole.header() == Strings{"id", "title", "body"});
  CHECK(bytewise.header() == whole.header());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].values == b[i].values);
    CHECK(a[i].line == b[i].line);
    CHECK(a[i].error == b[i].error);
  }
  CHECK(a[0].values[2] == "caf\xC3\xA9\nline \"two\"");
  CHECK(a[1].line == 5);
}

// ---- header

TEST_CASE("CSV: a UTF-8 byte order mark is not part of the first column name") {
  CsvReader reader = reader_of("\xEF\xBB\xBFtitle,body\nA,B\n");
  CHECK(reader.header() == Strings{"title", "body"});
  CHECK(reader.header_line() == 1);
}

TEST_CASE("CSV: header names are trimmed, an empty first name kept, trailing empty names dropped") {
  CsvReader reader = reader_of(",  id ,\" title \",,\n0,1,T,,\n1,2,U\n");
  CHECK(reader.header() == Strings{"", "id", "title"});
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 2);
  CHECK(records[0].values == Strings{"0", "1", "T"});
  CHECK(records[1].values == Strings{"1", "2", "U"});
}

TEST_CASE("CSV: blank lines before the header and between records are skipped, line numbers still count them") {
  CsvReader reader = reader_of("\n  \n\nid,body\n\n1,a\n   \n\n2,\"b\nc\"\n3,d\n\n");
  CHECK(reader.header() == Strings{"id", "body"});
  CHECK(reader.header_line() == 4);
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 3);
  CHECK(records[0].line == 6);
  CHECK(records[1].line == 9);
  CHECK(records[2].line == 11);
  CHECK(records[2].number == 3);
}

TEST_CASE("CSV: no header row is an error naming the origin and line") {
  CHECK(header_error("") == "dump.csv:1: no header row: the input is empty");
  CHECK(header_error("\n \n\n") == "dump.csv:4: no header row: the input is blank");
  CHECK(header_error("\x7F"
                     "ELF\x02\x01\x01\x00\x00,\x00\n"s) ==
        "dump.csv:1: no header row: the first record holds NUL bytes (binary data, not CSV)");
  // UTF-8 ("\xC3\xAF" is a UTF-8 character) with a bad byte: damaged, not another charset.
  CHECK(header_error("t\xC3\xAFti\xFFtle,body\n") ==
        "dump.csv:1: no header row: the first record is not valid UTF-8 (CSV is read as UTF-8)");
  CHECK(header_error("\n\n\"id,body\nmore\n") ==
        "dump.csv:3: no header row: the first record opens a quote that is never closed (the input ends inside it)");
  CHECK(header_error(",,,\n1,2,3\n") == "dump.csv:1: no header row: the first record has no column names");
}

TEST_CASE("CSV: a refused header stays refused: the next record is not taken for one") {
  CsvReader reader = reader_of("\xC3\xA9,\xFF\nid,body\n1,a\n");
  CHECK_THROWS_WITH_AS(reader.header(), doctest::Contains("not valid UTF-8"), Error);
  CHECK_THROWS_WITH_AS(reader.header(), doctest::Contains("dump.csv:1: no header row"), Error);
  CHECK_THROWS_AS(reader.next(), Error);
}

TEST_CASE("CSV: a header wider than max_columns or larger than max_field_bytes is refused") {
  CsvOptions options;
  options.max_columns = 3;
  CHECK(header_error("a,b,c,d\n", options) == "dump.csv:1: no header row: the first record has more than 3 columns");
  CHECK(header_error("a,b,c,,,\n", options) == "(no error)");  // empty trailing names do not count
  options = {};
  options.max_field_bytes = 1024;
  CHECK(header_error("a," + std::string(2000, 'b') + "\n1,2\n", options) ==
        "dump.csv:1: no header row: the first record is larger than the limit of 1 KiB");
}

// ---- bad records

TEST_CASE("CSV: a record with too few fields is that record's error, naming the counts; the rest is read") {
  CsvReader reader = reader_of("id,title,body\n1,a,b\n2,c\n3,d,e\n");
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 3);
  CHECK(records[1].error == "2 fields, the header has 3");
  CHECK(records[1].values.empty());
  CHECK(records[1].line == 3);
  CHECK(records[1].number == 2);
  CHECK(records[2].error.empty());
  CHECK(records[2].values == Strings{"3", "d", "e"});
}

TEST_CASE("CSV: extra fields are accepted when empty (trailing delimiters), an error when not") {
  CsvReader reader = reader_of("id,title\n1,a,,\n2,b,x\n3,c,\"\"\n");
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 3);
  CHECK(records[0].error.empty());
  CHECK(records[0].values == Strings{"1", "a"});
  CHECK(records[1].error ==
        "3 fields, the header has 2, and field 3 is not empty (an unquoted delimiter or quote shifts the columns?)");
  CHECK(records[2].values == Strings{"3", "c"});
}

TEST_CASE("CSV: a quote never closed makes the last record an error, the records before it stay") {
  CsvReader reader = reader_of("id,body\n1,fine\n2,\"runs on\n3,to the end\n");
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 2);
  CHECK(records[0].values == Strings{"1", "fine"});
  CHECK(records[1].line == 3);
  CHECK(records[1].error == "a quote opened in this record is never closed: the input ends inside the quoted field");
}

TEST_CASE("CSV: invalid UTF-8 and NUL bytes are the record's error, naming the column") {
  // A UTF-8 file (row 0 holds "\xC3\xAF") in which a field is not UTF-8.
  CsvReader reader = reader_of(",title,body\n0,na\xC3\xAFve,ok\n1,caf\xE9,x\n2,ok,a\0b\n3,ok,fine\n"s);
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 4);
  CHECK(records[0].error.empty());
  CHECK(records[1].error == "invalid UTF-8 in column \"title\" at byte 4 of the field (CSV is read as UTF-8)");
  CHECK(records[2].error == "NUL byte in column \"body\" at byte 2 of the field (binary data?)");
  CHECK(records[3].error.empty());
  CsvReader unnamed = reader_of(",title\n\xC3\xA9,y\n\xFF,x\n");
  CHECK(all_records(unnamed).at(1).error == "invalid UTF-8 in column 1 at byte 1 of the field (CSV is read as UTF-8)");
}

TEST_CASE("CSV in another charset is converted as it is read: Windows-1252, ISO-8859-2, UTF-16") {
  // Excel on Windows saves CSV in Windows-1252; 0x93/0x94 are its curly quotes.
  std::string latin = "id;title;body\n";
  for (int i = 0; i < 3000; ++i) {  // past the 64 KiB head and several reads
    latin += std::to_string(i) + ";Caf\xE9 " + std::to_string(i) + ";\x93Owners of the caf\xE9s\x94 protested again.\n";
  }
  CsvReader reader = reader_of(latin);
  CHECK(reader.header() == Strings{"id", "title", "body"});
  std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 3000);
  CHECK(records[0].values ==
        Strings{"0", "Caf\xC3\xA9 0", "\xE2\x80\x9COwners of the caf\xC3\xA9s\xE2\x80\x9D protested again."});
  CHECK(records[2999].values[1] == "Caf\xC3\xA9 2999");
  for (const CsvRecord& r : records) CHECK(r.error.empty());

  // UTF-16 with its byte-order mark, as "Unicode text" exports write it.
  const std::string text = "id\ttitle\n1\tZpr\xC3\xA1va\n";
  std::string utf16 = "\xFF\xFE";
  for (std::size_t i = 0; i < text.size();) {  // UTF-8 -> UTF-16LE, for the characters used here
    unsigned c = static_cast<unsigned char>(text[i]);
    if (c >= 0xC0) {
      c = ((c & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
      i += 2;
    } else {
      ++i;
    }
    utf16 += static_cast<char>(c & 0xFF);
    utf16 += static_cast<char>(c >> 8);
  }
  CsvReader wide = reader_of(utf16);
  CHECK(wide.header() == Strings{"id", "title"});
  records = all_records(wide);
  REQUIRE(records.size() == 1);
  CHECK(records[0].values == Strings{"1", "Zpr\xC3\xA1va"});
  // Read three bytes at a time: characters cut between reads are completed.
  CsvReader trickle = reader_of(utf16, {}, 3);
  records = all_records(trickle);
  REQUIRE(records.size() == 1);
  CHECK(records[0].values == Strings{"1", "Zpr\xC3\xA1va"});
}

TEST_CASE("CSV: after an ASCII start, a record in a legacy charset converts it and the rest of the file") {
  // An export whose first 64 KiB are plain ASCII, Windows-1252 after.
  std::string late = "id,title,body\n";
  for (int i = 0; i < 5000; ++i) late += std::to_string(i) + ",plain ascii title number " + std::to_string(i) + ",x\n";
  for (int i = 5000; i < 5300; ++i) {
    late += std::to_string(i) + ",Caf\xE9 " + std::to_string(i) + ",\x93Prices rose by 5 \x80\x94 the owners said.\n";
  }
  for (const std::size_t chunk : {std::size_t{1} << 16, std::size_t{7}}) {  // the stream's read sizes
    CAPTURE(chunk);
    CsvReader reader = reader_of(late, {}, chunk);
    const std::vector<CsvRecord> records = all_records(reader);
    REQUIRE(records.size() == 5300);
    for (const CsvRecord& r : records) CHECK(r.error.empty());
    CHECK(records[4999].values == Strings{"4999", "plain ascii title number 4999", "x"});
    CHECK(records[5000].values == Strings{"5000", "Caf\xC3\xA9 5000",
                                          "\xE2\x80\x9CPrices rose by 5 \xE2\x82\xAC\xE2\x80\x9D the owners said."});
    CHECK(records[5000].line == 5002);
    CHECK(records[5299].values[1] == "Caf\xC3\xA9 5299");
    CHECK(records[5299].line == 5301);
  }
}

TEST_CASE("CSV: a late charset conversion in a file of lone CR line ends converts every record") {
  // Lone CRs (old Mac exports) end no piece at a line feed: the record
  // after the one that decides the charset is half parsed when it does.
  std::string late = "id,title\r";
  for (int i = 0; i < 5000; ++i) late += std::to_string(i) + ",plain ascii title number " + std::to_string(i) + "\r";
  for (int i = 5000; i < 5300; ++i)
    late += std::to_string(i) +
            ",Caf\xE9 cr\xE8me br\xFBl\xE9"
            "e \xE0 " +
            std::to_string(i) + "\r";
  for (const std::size_t chunk : {std::size_t{1} << 16, std::size_t{7}, std::size_t{4099}}) {
    CAPTURE(chunk);
    CsvReader reader = reader_of(late, {}, chunk);
    const std::vector<CsvRecord> records = all_records(reader);
    REQUIRE(records.size() == 5300);
    for (const CsvRecord& r : records) {
      CAPTURE(r.number);
      CHECK(r.error.empty());
    }
    for (std::size_t i = 5000; i < 5300; ++i) {
      CHECK(records[i].values == Strings{std::to_string(i),
                                         "Caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"
                                         "e \xC3\xA0 " +
                                             std::to_string(i)});
    }
  }
}

TEST_CASE("CSV: a record that a late charset conversion makes larger than the limit is an error") {
  CsvOptions options;
  options.max_field_bytes = 1024;
  std::string late = "id,body\n";
  for (int i = 0; i < 5000; ++i) late += std::to_string(i) + ",plain ascii body number " + std::to_string(i) + "\n";
  std::string french;  // 30 bytes, 5 of them two bytes long in UTF-8
  while (french.size() < 900)
    french +=
        "Caf\xE9 cr\xE8me \xE0 la fran\xE7"
        "aise \xE9t\xE9 ";
  REQUIRE(french.size() + 4 <= options.max_field_bytes);
  late += "5000," + french + "\n5001,Caf\xE9 cr\xE8me\n";
  CsvReader reader = reader_of(late, options);
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 5002);
  CHECK(records[5000].error == "the record is larger than the limit of 1 KiB (read past, not kept)");
  CHECK(records[5001].values == Strings{"5001", "Caf\xC3\xA9 cr\xC3\xA8me"});
}

TEST_CASE("CSV: a bad byte in a UTF-8 file is its row's error, not taken for another charset") {
  std::string head = "id,title\n";
  for (int i = 0; i < 5000; ++i) head += std::to_string(i) + ",plain ascii title number " + std::to_string(i) + "\n";
  // A damaged UTF-8 character, with UTF-8 text after it.
  CsvReader damaged = reader_of(head + "5000,caf\xC3\n5001,caf\xC3\xA9\n");
  std::vector<CsvRecord> records = all_records(damaged);
  REQUIRE(records.size() == 5002);
  CHECK(records[5000].error == "invalid UTF-8 in column \"title\" at byte 4 of the field (CSV is read as UTF-8)");
  CHECK(records[5001].values == Strings{"5001", "caf\xC3\xA9"});
  // UTF-8 earlier in the file: a later bad byte is damage too.
  CsvReader utf8_first = reader_of(head + "5000,na\xC3\xAFve\n5001,caf\xE9\n5002,caf\xE9s\n");
  records = all_records(utf8_first);
  REQUIRE(records.size() == 5003);
  CHECK(records[5000].values[1] == "na\xC3\xAFve");
  CHECK(records[5001].error == "invalid UTF-8 in column \"title\" at byte 4 of the field (CSV is read as UTF-8)");
  CHECK(records[5002].error == "invalid UTF-8 in column \"title\" at byte 4 of the field (CSV is read as UTF-8)");
}

TEST_CASE("CSV: a record larger than max_field_bytes is an error and the next record is read") {
  CsvOptions options;
  options.max_field_bytes = 1 << 20;
  const std::string big(3 << 20, 'x');
  CsvReader reader = reader_of("id,body\n1,\"" + big + "\nmore\"\n2,small\n3," + big + "\n4,end\n", options);
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 4);
  CHECK(records[0].error == "the record is larger than the limit of 1 MiB (read past, not kept)");
  CHECK(records[0].values.empty());
  CHECK(records[1].values == Strings{"2", "small"});
  CHECK(records[1].line == 4);
  CHECK(records[2].error == records[0].error);
  CHECK(records[3].values == Strings{"4", "end"});
  CHECK(records[3].number == 4);
}

TEST_CASE("CSV: the fields of a record count together against max_field_bytes") {
  CsvOptions options;
  options.max_field_bytes = 100;
  CsvReader reader = reader_of(
      "a,b,c\n" + std::string(40, 'x') + "," + std::string(40, 'y') + "," + std::string(40, 'z') + "\n1,2,3\n",
      options);
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 2);
  CHECK(contains(records[0].error, "larger than the limit of 100 bytes"));
  CHECK(records[1].values == Strings{"1", "2", "3"});
}

TEST_CASE("CSV: a 256 MiB quoted field is read past without being held, and the record after it is read") {
  CsvOptions options;
  options.max_field_bytes = 1 << 20;
  // Spaces after the closing quote exercise libcsv's trailing-space
  // bookkeeping on the cut field.
  CsvReader reader(
      std::make_unique<GeneratedStream>("id,body\n1,\"", std::uint64_t{256} << 20, 'q', "\"   \n2,after\n"), "huge.csv",
      options);
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 2);
  CHECK(contains(records[0].error, "larger than the limit of 1 MiB"));
  CHECK(records[1].values == Strings{"2", "after"});
  CHECK(records[1].line == 3);
}

TEST_CASE("CSV: an endless unquoted line of spaces after a character is cut and ends as one bad record") {
  CsvOptions options;
  options.max_field_bytes = 4096;
  CsvReader reader(std::make_unique<GeneratedStream>("id,body\n1,a", std::uint64_t{8} << 20, ' ', "b\n2,c\n"),
                   "spaces.csv", options);
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 2);
  CHECK(contains(records[0].error, "larger than the limit of 4 KiB"));
  CHECK(records[1].values == Strings{"2", "c"});
}

TEST_CASE("CSV: a record with millions of empty fields keeps only the header's width") {
  CsvReader reader(std::make_unique<GeneratedStream>("id,body\n1,a", std::uint64_t{4} << 20, ',', "\n2,b\n"),
                   "commas.csv");
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 2);
  CHECK(records[0].error.empty());
  CHECK(records[0].values == Strings{"1", "a"});
  CHECK(records[1].values == Strings{"2", "b"});
}

TEST_CASE("CSV: a failing stream ends reading with its error, after the complete records before it") {
  CsvReader reader(std::make_unique<StringStream>("id,body\n1,a\n2,\"cut", 1 << 16, "stream: truncated gzip member"),
                   "dump.csv.gz");
  std::optional<CsvRecord> first = reader.next();
  REQUIRE(first);
  CHECK(first->values == Strings{"1", "a"});
  CHECK_THROWS_AS(reader.next(), index::DamagedInputError);
  CHECK_FALSE(reader.next());
}

// ---- delimiters

TEST_CASE("CSV: the delimiter is sniffed from the header and the records after it") {
  struct Case {
    std::string input;
    char delimiter;
  };
  const std::vector<Case> cases = {
      {"id,title,body\n1,a,b\n", ','},
      {"id;title;body\n1;Yes, and no;b, c\n", ';'},              // commas in the text
      {"id\ttitle\tbody\n1\tRates, up\tHe said; then\n", '\t'},  // commas and semicolons in the text
      {"id|title|body\n1|a, b|c; d\n", '|'},
      {"\xEF\xBB\xBFtitle;body\nx;y\n", ';'},
      {"\"a,b\";c\n1;2\n", ';'},                       // a quoted delimiter in a name
      {"body\nJust one column, with a comma\n", ','},  // one column: the default
  };
  for (const Case& c : cases) {
    INFO(c.input);
    CHECK(guess_delimiter(c.input) == c.delimiter);
    CsvReader reader = reader_of(c.input);
    reader.header();
    CHECK(reader.delimiter() == c.delimiter);
  }
}

TEST_CASE("CSV: a given delimiter is used as it is") {
  CsvOptions options;
  options.delimiter = '\t';
  CsvReader reader = reader_of("id,x\tbody\n1,2\tb\n", options);
  CHECK(reader.header() == Strings{"id,x", "body"});
  CHECK(reader.delimiter() == '\t');
  CHECK(all_records(reader).at(0).values == Strings{"1,2", "b"});
}

TEST_CASE("CSV: a tab delimiter splits fields even though libcsv trims tabs around fields") {
  CsvOptions options;
  options.delimiter = '\t';
  CsvReader reader = reader_of("id\ttitle\tbody\n1\t\tb\n", options);
  CHECK(all_records(reader).at(0).values == Strings{"1", "", "b"});
}

TEST_CASE("sniff_csv recognises CSV and TSV with a header row, and its delimiter") {
  CHECK(sniff_csv("id,title,body\n1,a,b\n") == ',');
  CHECK(sniff_csv("\xEF\xBB\xBFid\ttitle\tbody\n1\ta\tb\n") == '\t');
  CHECK(sniff_csv("Date;Headline;Article Text\n2020-01-01;a, b;c\n") == ';');
  CHECK(sniff_csv("title,body\nRates rise,The bank raised rates\n") == ',');
  // A header with a pandas index column, and a first record cut by the end of the head.
  CHECK(sniff_csv(",id,title,content\n0,1,A title,\"A long body, cut here") == ',');
}

TEST_CASE("sniff_csv leaves JSON, markup, prose, binary data and header-only input alone") {
  CHECK_FALSE(sniff_csv(""));
  CHECK_FALSE(sniff_csv("{\"id\":\"1\",\"title\":\"a\"}\n{\"id\":\"2\",\"title\":\"b\"}\n"));
  CHECK_FALSE(sniff_csv("<!DOCTYPE html>\n<html><head><title>a, b</title>\n"));
  CHECK_FALSE(sniff_csv("<?xml version=\"1.0\"?>\n<rss>\n"));
  // A plain-text article: a title, then paragraphs.
  CHECK_FALSE(
      sniff_csv("Council backs the ferry plan, at last\n\nThe council voted on Monday, after a long debate, "
                "to fund the ferry.\n"));
  CHECK_FALSE(sniff_csv("Rates rise, again\nThe central bank raised rates, as expected by most economists.\n"));
  CHECK_FALSE(sniff_csv("id,title\0,body\n1,a,b\n"s));
  CHECK_FALSE(sniff_csv("id,title,body\n"));                // no record after the header
  CHECK_FALSE(sniff_csv("id,title,body\n1,a\n2,b,c,d\n"));  // widths disagree
  CHECK_FALSE(sniff_csv("body\nonly one column\n"));        // one column
  CHECK_FALSE(sniff_csv("id,id,body\n1,2,3\n"));            // repeated names
}

// ---- the shared corpus

std::filesystem::path formats_dir() {
  std::filesystem::path dir = std::filesystem::path(NEWSDEX_SHARED_DIR) / "corpora" / "formats";
  REQUIRE_MESSAGE(std::filesystem::exists(dir / "README.md"),
                  "../shared/corpora/formats is missing: this test needs the shared corpora");
  return dir;
}

TEST_CASE("CSV: FakeNewsCorpus's news_sample.csv gives its 250 rows, 232 with line breaks in content") {
  const std::filesystem::path path = formats_dir() / "csv" / "several27__FakeNewsCorpus" / "news_sample.csv";
  REQUIRE_MESSAGE(std::filesystem::exists(path), path.string());
  std::string head(kCsvSniffBytes, '\0');
  {
    std::ifstream in(path, std::ios::binary);
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
  }
  CHECK(sniff_csv(head) == ',');
  CsvReader reader(index::open_input_file(path.string()), "news_sample.csv");
  const Strings expected = {
      "",           "id",    "domain",  "type",     "url",           "content",          "scraped_at", "inserted_at",
      "updated_at", "title", "authors", "keywords", "meta_keywords", "meta_description", "tags",       "summary"};
  CHECK(reader.header() == expected);
  CHECK(reader.delimiter() == ',');
  const std::vector<CsvRecord> records = all_records(reader);
  REQUIRE(records.size() == 250);
  std::set<std::string> bodies;
  std::size_t multiline = 0;
  std::uint64_t last_line = 0;
  for (const CsvRecord& r : records) {
    INFO("record ", r.number, " at line ", r.line);
    REQUIRE(r.error.empty());
    REQUIRE(r.values.size() == expected.size());
    CHECK(r.values[0] == std::to_string(r.number - 1));  // the pandas index
    CHECK(r.values[4].starts_with("http"));
    CHECK(r.values[11].empty());  // keywords: always empty
    CHECK(r.line > last_line);
    last_line = r.line;
    bodies.insert(r.values[5]);
    if (r.values[5].find('\n') != std::string::npos) ++multiline;
  }
  CHECK(multiline == 232);
  CHECK(bodies.size() == 239);
  CHECK(records[0].line == 2);
  CHECK(records[1].line == 15);
  CHECK(records[1].values[2] == "beforeitsnews.com");
  CHECK(records[249].line == 9329);
  CHECK(reader.bytes_consumed() == std::filesystem::file_size(path));
}

}  // namespace
}  // namespace newsdex::readers
