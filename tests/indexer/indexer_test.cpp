#include "indexer/indexer.h"

#include <doctest/doctest.h>

#include <sstream>

#include <xapian.h>

#include "common/error.h"
#include "common/schema.h"
#include "tests/indexer/test_support.h"

namespace newsdex::index {
namespace {

IndexerOptions options_for(const testing::TempDir& dir, std::vector<std::string> paths) {
  IndexerOptions options;
  options.paths = std::move(paths);
  options.db_path = (dir.path() / "db").string();
  return options;
}

std::string mixed_jsonl() { return (testing::source_dir() / "tests/data/mixed.jsonl").string(); }

TEST_CASE("run indexes every good line of mixed.jsonl and reports every broken one") {
  testing::TempDir dir;
  IndexerOptions options = options_for(dir, {mixed_jsonl()});
  std::ostringstream diagnostics;
  IndexSummary summary = run(options, diagnostics);

  CHECK(summary.added == 7);
  CHECK(summary.replaced == 0);
  CHECK(summary.skipped == std::map<SkipReason, std::uint64_t>{{SkipReason::kMalformedJson, 1},
                                                               {SkipReason::kNotAnObject, 1},
                                                               {SkipReason::kInvalidUtf8, 1},
                                                               {SkipReason::kNoText, 1}});
  CHECK(summary.warnings == 1);
  CHECK(exit_code(summary) == kExitSkipped);

  std::string out = diagnostics.str();
  std::string file = mixed_jsonl();
  CHECK(out.find("newsdex-index: " + file + ":3: skipped: malformed JSON (syntax error at byte") != std::string::npos);
  CHECK(out.find("newsdex-index: " + file + ":5: skipped: not a JSON object (found a string)\n") != std::string::npos);
  CHECK(out.find("newsdex-index: " + file + ":7: skipped: invalid UTF-8 (0xFF at byte") != std::string::npos);
  CHECK(out.find("newsdex-index: " + file + ":9: skipped: no text\n") != std::string::npos);
  CHECK(out.find("newsdex-index: " + file + ":10: unparseable date \"sometime last spring\"; indexed as undated\n") !=
        std::string::npos);
  CHECK(out.find("indexed 7 articles into " + options.db_path +
                 " (7 added, 0 replaced); skipped 4: 1 malformed JSON, 1 not a JSON object, 1 invalid UTF-8, "
                 "1 no text; 1 warning\n") != std::string::npos);

  Xapian::Database db(options.db_path);
  CHECK(db.get_doccount() == 7);
  for (const char* word : {"glimmerwick", "quorvathian", "brindlemoss", "skellingrove", "tarnwhistle",
                           "wolkenfingerzeig", "plumcrestory"}) {
    CAPTURE(word);
    CHECK(db.get_termfreq(word) == 1);
  }
  CHECK(db.get_metadata(std::string(schema::kMetaLanguages)) == "de,en");

  SUBCASE("indexing again replaces every article") {
    std::ostringstream again;
    IndexSummary second = run(options, again);
    CHECK(second.added == 0);
    CHECK(second.replaced == 7);
    CHECK(Xapian::Database(options.db_path).get_doccount() == 7);
  }
}

TEST_CASE("run with quiet prints warnings but no summary, and exits 0 when nothing is skipped") {
  testing::TempDir dir;
  std::string good = dir.write("good.jsonl", "{\"id\":\"g1\",\"title\":\"Good\",\"date\":\"someday\"}\n").string();
  IndexerOptions options = options_for(dir, {good});
  options.quiet = true;
  std::ostringstream diagnostics;
  IndexSummary summary = run(options, diagnostics);
  CHECK(exit_code(summary) == kExitOk);
  CHECK(diagnostics.str() == "newsdex-index: " + good + ":1: unparseable date \"someday\"; indexed as undated\n");
}

TEST_CASE("run fails without paths, with an unknown language or an unusable database") {
  testing::TempDir dir;
  std::ostringstream diagnostics;
  CHECK_THROWS_WITH_AS(run(options_for(dir, {}), diagnostics), doctest::Contains("no input"), Error);

  IndexerOptions bad_lang = options_for(dir, {mixed_jsonl()});
  bad_lang.default_lang = "not a language";
  CHECK_THROWS_WITH_AS(run(bad_lang, diagnostics), doctest::Contains("--lang"), Error);

  IndexerOptions not_a_db = options_for(dir, {mixed_jsonl()});
  not_a_db.db_path = dir.write("file", "not a database").string();
  CHECK_THROWS_AS(run(not_a_db, diagnostics), Error);
}

TEST_CASE("format_summary and exit_code describe the outcome") {
  IndexSummary summary;
  summary.db_path = "DB";
  summary.added = 1;
  CHECK(format_summary(summary) == "indexed 1 article into DB (1 added, 0 replaced)");
  CHECK(exit_code(summary) == kExitOk);

  summary.skipped[SkipReason::kUnreadableFile] = 2;
  summary.skipped[SkipReason::kMalformedJson] = 1;
  summary.warnings = 3;
  summary.files_ignored = 1;
  CHECK(format_summary(summary) ==
        "indexed 1 article into DB (1 added, 0 replaced); skipped 3: 1 malformed JSON, 2 unreadable files; "
        "3 warnings; ignored 1 file of other types");
  CHECK(exit_code(summary) == kExitSkipped);

  summary.interrupted = true;
  CHECK(format_summary(summary).starts_with("interrupted: indexed 1 article"));
  CHECK(exit_code(summary) == kExitInterrupted);
}

}  // namespace
}  // namespace newsdex::index
