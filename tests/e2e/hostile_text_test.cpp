// End-to-end (issue 11): what a user or a file can throw at the tools. An
// article whose fields hold terminal escape sequences (clear screen, OSC 52
// clipboard write), C1 controls, bidi overrides and raw line breaks, indexed
// and shown by the real binaries: what they print in text mode must hold none
// of it raw, yet show it escaped. Option values out of range get a message
// that names the option and its range.
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/e2e/process.h"

using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::TempDir;

namespace {

const std::string kIndex = NEWSDEX_INDEX_BIN;
const std::string kSearch = NEWSDEX_SEARCH_BIN;

// As JSON string content: ESC [2J ESC [H (clear the screen), OSC 52 (write
// "rm -rf ~" to the clipboard) ended by BEL, a C1 CSI, the right-to-left
// override and an isolate, a C1 NEL, CR LF, TAB and DEL.
const std::string kEvilJson =
    R"(\u001b[2J\u001b[H\u001b]52;c;cm0gLXJmIH4=\u0007\u009b31m\u202eevil\u2066\u0085\r\n\ttail\u007f)";

// A corpus of two articles (two sources, so facets have rows) full of it.
std::string write_corpus(const std::string& dir) {
  std::string path = dir + "/hostile.jsonl";
  std::ofstream out(path);
  for (int i = 1; i <= 2; ++i) {
    std::string n = std::to_string(i);
    out << R"({"id":"hostile-)" << n << kEvilJson << R"(",)"
        << R"("title":"Kerry meets Lavrov )" << kEvilJson << R"(",)"
        << R"("body":"Kerry met Lavrov in Geneva on Monday. )" << kEvilJson
        << R"( Secretary of State John Kerry said: \"We will talk again.\" Talks on Syria went on.",)"
        << R"("source":"Wire )" << n << kEvilJson << R"(",)"
        << R"("author":")" << kEvilJson << R"(",)"
        << R"("url":"https://example.test/)" << kEvilJson << R"(",)"
        << R"("date":"2016-02-0)" << n << R"("})"
        << "\n";
  }
  return path;
}

// Where `s` holds a byte or code point a terminal would act on: C0 controls
// other than the newlines we print, DEL, C1 controls (U+0080-U+009F in UTF-8),
// bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069). npos if none.
std::size_t find_unsafe(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return i;
    if (c == 0xE2 && i + 2 < s.size()) {
      auto c1 = static_cast<unsigned char>(s[i + 1]), c2 = static_cast<unsigned char>(s[i + 2]);
      if ((c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE) || (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9)) return i;
    }
  }
  return std::string_view::npos;
}

// `s` without the colour codes newsdex-search writes itself.
std::string without_our_colours(std::string s) {
  for (std::string_view code : {"\x1b[0m", "\x1b[1;31m", "\x1b[1m", "\x1b[32m"}) {
    for (std::size_t at; (at = s.find(code)) != std::string::npos;) s.erase(at, code.size());
  }
  return s;
}

// The hostile corpus indexed once for the tests of this file.
struct HostileDatabase {
  std::string corpus;
  std::string db;
};

const HostileDatabase& hostile() {
  static TempDir dir;
  static HostileDatabase h = [] {
    HostileDatabase out{write_corpus(dir.path()), dir.path() + "/db"};
    ProcessResult r = run_process({kIndex, "--db", out.db, out.corpus});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return out;
  }();
  return h;
}

}  // namespace

TEST_CASE("issue_11 newsdex-search text output shows a hostile article's controls and bidi overrides escaped") {
  for (const char* color : {"--color=never", "--color=always"}) {
    CAPTURE(color);
    // Wide enough that no line wraps: the escapes are checked, not the layout.
    ProcessResult r = run_process(
        {kSearch, "--db", hostile().db, color, "--facets", "source,speaker,country", "--timeline-top", "Kerry"}, "",
        {{"COLUMNS", "1000"}});
    CAPTURE(r.err);
    REQUIRE(r.status == 0);
    std::string out = without_our_colours(r.out);
    CAPTURE(out);
    CHECK(find_unsafe(out) == std::string::npos);
    CHECK(find_unsafe(r.err) == std::string::npos);
    // Shown, not dropped: title, snippet, source, id and url say what was there.
    CHECK(out.find("Kerry meets Lavrov \\x1b[2J\\x1b[H\\x1b]52;c;cm0gLXJmIH4=\\x07"
                   "\\u009b31m\\u202eevil\\u2066\\u0085") != std::string::npos);
    CHECK(out.find("Wire 1\\x1b[2J") != std::string::npos);
    CHECK(out.find("hostile-1\\x1b[2J") != std::string::npos);
    CHECK(out.find("\\u0085\\r\\n\\ttail\\x7f") != std::string::npos);  // id and url keep line breaks, escaped
    CHECK(out.find("https://example.test/\\x1b[2J") != std::string::npos);
  }
}

TEST_CASE("issue_11 newsdex-index --dry-run text output shows a hostile article's escapes escaped") {
  ProcessResult r = run_process({kIndex, "--dry-run", hostile().corpus});
  CAPTURE(r.err);
  REQUIRE(r.status == 0);
  CAPTURE(r.out);
  CHECK(find_unsafe(r.out) == std::string::npos);
  CHECK(find_unsafe(r.err) == std::string::npos);
  CHECK(r.out.find("hostile-1\\x1b[2J\\x1b[H\\x1b]52;c;cm0gLXJmIH4=\\x07\\u009b31m\\u202eevil\\u2066\\u0085"
                   "\\r\\n\\ttail\\x7f  Kerry meets Lavrov \\x1b[2J") != std::string::npos);
}

TEST_CASE("issue_11 newsdex-index --dry-run quotes an unknown --lang cut and escaped") {
  ProcessResult r =
      run_process({kIndex, "--dry-run", "--lang", "\x1b]52;c;eA==\x07" + std::string(1000, 'x'), hostile().corpus});
  CHECK(r.status == 2);
  CAPTURE(r.err);
  CHECK(find_unsafe(r.err) == std::string::npos);
  CHECK(r.err.find("\\x1b]52;c;eA==\\x07xxx") != std::string::npos);
  CHECK(r.err.size() < 200);
}

TEST_CASE("issue_11 newsdex-index stats text output shows a hostile source name escaped") {
  ProcessResult r = run_process({kIndex, "--db", hostile().db, "stats"});
  CAPTURE(r.err);
  REQUIRE(r.status == 0);
  CAPTURE(r.out);
  CHECK(find_unsafe(r.out) == std::string::npos);
  CHECK(
      r.out.find("Wire 1\\x1b[2J\\x1b[H\\x1b]52;c;cm0gLXJmIH4=\\x07\\u009b31m\\u202eevil\\u2066\\u0085   tail\\x7f") !=
      std::string::npos);
}

TEST_CASE("issue_11 newsdex-search names --offset or --limit and its range for a value out of range") {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--offset", "4294967296"}, "--offset: expected a whole number from 0 to 4,294,957,295, not '4294967296'"},
      {{"--offset", "-1"}, "--offset: expected a whole number from 0 to 4,294,957,295, not '-1'"},
      {{"--offset", "99999999999999999999999"},
       "--offset: expected a whole number from 0 to 4,294,957,295, not '99999999999999999999999'"},
      {{"--offset", "ten"}, "--offset: expected a whole number from 0 to 4,294,957,295, not 'ten'"},
      {{"--limit", "4294967296"}, "--limit: expected all or a whole number from 0 to 10,000, not '4294967296'"},
      {{"-n", "10001"}, "--limit: expected all or a whole number from 0 to 10,000, not '10001'"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> argv = {kSearch, "--db", hostile().db};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    argv.push_back("Kerry");
    ProcessResult r = run_process(argv);
    CAPTURE(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(c.message + "\n") != std::string::npos);
  }
  // The largest values still search.
  ProcessResult last = run_process({kSearch, "--db", hostile().db, "--offset", "4294957295", "-n", "10000", "Kerry"});
  CAPTURE(last.err);
  CHECK(last.status == 0);
  CHECK(last.out.find("No results past 4,294,957,295") != std::string::npos);
}

TEST_CASE("issue_11 newsdex-search places the query error caret by characters, not bytes") {
  ProcessResult r = run_process({kSearch, "--db", hostile().db, "München", "(Kerry"});
  CHECK(r.status == 2);
  CHECK(r.err ==
        "newsdex-search: query syntax error at column 9: missing ')' for '(' at column 9\n"
        "  München (Kerry\n"
        "          ^\n");
}

TEST_CASE("issue_11 newsdex-search shows a hostile or huge query in an error escaped and cut") {
  ProcessResult hostile_query =
      run_process({kSearch, "--db", hostile().db, "Kerry\x1b]52;c;eA==\x07\xC2\x9B\xE2\x80\xAE AND"});
  CHECK(hostile_query.status == 2);
  CAPTURE(hostile_query.err);
  CHECK(find_unsafe(hostile_query.err) == std::string::npos);
  CHECK(hostile_query.err.find("y\\x1b]52;c;eA==\\x07\\u009b\\u202e AND\n") != std::string::npos);

  // A 100,000-character word was echoed whole, twice.
  ProcessResult huge = run_process({kSearch, "--db", hostile().db, std::string(100000, 'x')});
  CHECK(huge.status == 2);
  CAPTURE(huge.err);
  CHECK(huge.err.size() < 400);
  CHECK(huge.err.find("the query is too long: 100,000 bytes, the limit is 32,768") != std::string::npos);

  ProcessResult date =
      run_process({kSearch, "--db", hostile().db, "--since", "\x1b[2J" + std::string(10000, '9'), "x"});
  CHECK(date.status == 2);
  CAPTURE(date.err);
  CHECK(find_unsafe(date.err) == std::string::npos);
  CHECK(date.err.size() < 200);
}
