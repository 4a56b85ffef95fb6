// End-to-end golden files: newsdex-search's output for a fixed set of
// queries over sample_corpus/, compared byte for byte with tests/golden/.
// The JSON Lines output (--json, docs/json-output.md) is what scripts parse;
// the terminal layout (--color never, 100 columns) is what people read. Any
// change to either shows here as a diff, to be accepted on purpose by
// regenerating the files (tests/golden/README.md):
//   NEWSDEX_UPDATE_GOLDEN=1 build/tests/e2e_tests -tc='Golden*'
// The one number that differs from run to run, the elapsed time, is replaced
// by 0 before comparing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::sample_database;

namespace {

const std::string kSource = NEWSDEX_SOURCE_DIR;
const std::string kGoldenDir = kSource + "/tests/golden";

// One golden file: newsdex-search ARGS over the sample database, its exit
// status, and the file its output is compared with.
struct GoldenCase {
  std::string file;  // under tests/golden/: NAME.jsonl (--json) or NAME.txt (terminal)
  std::vector<std::string> args;
  int status;  // expected exit status (0 hits, 1 none)
};

const std::vector<GoldenCase>& json_cases() {
  static const std::vector<GoldenCase> cases = {
      // The README example: hits with snippets, entities and highlights.
      {"hits_kerry_lavrov_munich.jsonl", {"Kerry Lavrov Munich"}, 0},
      // Complete matches, then partial ones filling the page.
      {"hits_partial_fill.jsonl", {"--limit", "6", "Kerry ferry"}, 0},
      // Every facet, counted by article.
      {"facets_all.jsonl", {"--facets", "speaker,country,person,org,source", "--facet-limit", "5", "Syria"}, 0},
      // Timeline with its bucket size chosen from the span, best headline per bucket.
      {"timeline_auto_top.jsonl", {"--timeline", "--timeline-top", "--limit", "3", "Syria"}, 0},
      // Weekly timeline and facets counting stories (near-duplicate clusters).
      {"timeline_week_stories.jsonl",
       {"--timeline=week", "--count-by", "story", "--facets", "speaker,source", "--limit", "3", "talks"},
       0},
      // Only counts: no hits, a yearly timeline and one facet.
      {"counts_only_year.jsonl", {"--limit", "0", "--timeline=year", "--facets", "country", "minister"}, 0},
      // Newest first, second page, every copy of a story.
      {"sort_newest_offset_all.jsonl", {"--sort", "newest", "--offset", "2", "--limit", "4", "--all", "minister"}, 0},
      // Filter options without query words, with a date range.
      {"filters_only.jsonl",
       {"--speaker", "Kerry", "--since", "2016", "--until", "2016-12", "--timeline=day", "--facets", "country"},
       0},
      // Field filters and a date range in the query text.
      {"query_fields_date.jsonl", {"--facets", "source", "country:SY date:2016-02..2016-03 talks"}, 0},
      // "Did you mean" for a misspelt word.
      {"did_you_mean.jsonl", {"Lavorv"}, 1},
      // Nothing matches: only the summary line.
      {"no_hits.jsonl", {"--timeline", "--facets", "speaker", "zzyzx"}, 1},
  };
  return cases;
}

const std::vector<GoldenCase>& terminal_cases() {
  static const std::vector<GoldenCase> cases = {
      {"terminal_hits.txt", {"--limit", "4", "Kerry Lavrov Munich"}, 0},
      {"terminal_facets.txt", {"--limit", "1", "--facets", "speaker,country,source", "Syria"}, 0},
      {"terminal_timeline.txt", {"--limit", "0", "--timeline", "--timeline-top", "Syria"}, 0},
  };
  return cases;
}

// `out` with the elapsed time, the one value that differs between runs,
// replaced by 0: "elapsed_ms":12.5 in JSON, "12.5 ms" at the end of the
// terminal summary.
std::string without_elapsed_time(const std::string& out) {
  static const std::regex json_elapsed(R"("elapsed_ms":[-+0-9.eE]+)");
  static const std::regex terminal_elapsed(R"( [0-9]+\.[0-9] ms\n)");
  std::string s = std::regex_replace(out, json_elapsed, R"("elapsed_ms":0)");
  return std::regex_replace(s, terminal_elapsed, " 0 ms\n");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool updating() {
  const char* v = std::getenv("NEWSDEX_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// The first line where `actual` and `expected` differ, both versions, for
// the failure message.
std::string first_difference(const std::string& actual, const std::string& expected) {
  std::istringstream a(actual), e(expected);
  std::string la, le;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, la));
    const bool more_e = static_cast<bool>(std::getline(e, le));
    if (!more_a && !more_e) return "they differ only in line endings";
    if (!more_a) la = "(end of output)";
    if (!more_e) le = "(end of file)";
    if (la != le || !more_a || !more_e) {
      return "line " + std::to_string(line) + "\n  expected: " + le + "\n  actual:   " + la;
    }
  }
}

// Runs one case and compares (or, with NEWSDEX_UPDATE_GOLDEN=1, rewrites) its file.
void check_golden(const GoldenCase& c, std::vector<std::string> argv_head) {
  std::vector<std::string> argv = std::move(argv_head);
  argv.insert(argv.end(), c.args.begin(), c.args.end());
  ProcessResult r = run_process(argv, "", {{"COLUMNS", "100"}});
  INFO("golden file tests/golden/" << c.file);
  INFO("stderr: " << r.err);
  CHECK(r.status == c.status);
  CHECK(r.err.empty());
  const std::string actual = without_elapsed_time(r.out);
  const std::string path = kGoldenDir + "/" + c.file;
  if (updating()) {
    std::ofstream(path, std::ios::binary) << actual;
    MESSAGE("rewrote tests/golden/" << c.file);
    return;
  }
  INFO("regenerate on purpose: NEWSDEX_UPDATE_GOLDEN=1 build/tests/e2e_tests -tc='Golden*' (tests/golden/README.md)");
  REQUIRE_MESSAGE(std::filesystem::exists(path), "missing golden file " << path);
  const std::string expected = read_file(path);
  if (actual != expected)
    FAIL_CHECK("output differs from tests/golden/" << c.file << " at " << first_difference(actual, expected));
}

}  // namespace

TEST_CASE("Golden --json: the JSON Lines of a fixed query set over sample_corpus are byte-identical to tests/golden") {
  const std::string& db = sample_database();
  for (const GoldenCase& c : json_cases()) {
    SUBCASE(c.file.c_str()) { check_golden(c, {NEWSDEX_SEARCH_BIN, "--db", db, "--json"}); }
  }
}

TEST_CASE(
    "Golden terminal: hits, facets and timeline as printed with --color never on 100 columns match tests/golden") {
  const std::string& db = sample_database();
  for (const GoldenCase& c : terminal_cases()) {
    SUBCASE(c.file.c_str()) { check_golden(c, {NEWSDEX_SEARCH_BIN, "--db", db, "--color", "never"}); }
  }
}

TEST_CASE("Golden: every file in tests/golden belongs to a case (none left behind by a renamed case)") {
  std::vector<std::string> known;
  for (const auto* cases : {&json_cases(), &terminal_cases()}) {
    for (const GoldenCase& c : *cases) known.push_back(c.file);
  }
  REQUIRE_MESSAGE(std::filesystem::is_directory(kGoldenDir), "missing " << kGoldenDir);
  for (const auto& entry : std::filesystem::directory_iterator(kGoldenDir)) {
    const std::string name = entry.path().filename().string();
    if (name == "README.md") continue;
    CHECK_MESSAGE(std::find(known.begin(), known.end(), name) != known.end(),
                  "tests/golden/" << name << " is not a golden case of tests/e2e/golden_test.cpp");
  }
}
