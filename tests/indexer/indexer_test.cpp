#include "indexer/indexer.h"

#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

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
  options.compact = false;  // the compaction test below turns it on
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

  SUBCASE("indexing the same input again changes nothing") {
    Xapian::Database before(options.db_path);
    auto revision = before.get_revision();
    std::ostringstream again;
    IndexSummary second = run(options, again);
    CHECK(second.added == 0);
    CHECK(second.replaced == 0);
    CHECK(second.unchanged == 7);
    CHECK(again.str().find("(0 added, 0 replaced); 7 unchanged; skipped 4") != std::string::npos);
    Xapian::Database after(options.db_path);
    CHECK(after.get_doccount() == 7);
    // Only the commit that records nothing new: no document was rewritten.
    CHECK(after.get_revision() <= revision + 1);
  }
  SUBCASE("indexing without entities rebuilds every article (the stored stamp differs)") {
    options.extract_entities = false;
    std::ostringstream again;
    IndexSummary second = run(options, again);
    CHECK(second.replaced == 7);
    CHECK(second.unchanged == 0);
  }
}

// Two runs over small JSONL files: what the second run's summary says and
// what the database then holds.
struct RerunFixture {
  testing::TempDir dir;
  IndexerOptions options;
  std::ostringstream diagnostics;

  IndexSummary index(const std::string& name, const std::string& jsonl) {
    options = options_for(dir, {dir.write(name, jsonl).string()});
    options.quiet = true;
    return run(options, diagnostics);
  }
  Xapian::doccount docs_with(const std::string& term) const {
    return Xapian::Database(options.db_path).get_termfreq(term);
  }
};

TEST_CASE("a re-run replaces changed articles, skips unchanged ones and adds new ones") {
  RerunFixture f;
  f.index("one.jsonl",
          "{\"id\":\"a\",\"title\":\"Alpha\",\"body\":\"ravenstock\"}\n"
          "{\"id\":\"b\",\"title\":\"Beta\",\"body\":\"brindlefoot\"}\n");
  IndexSummary second = f.index("two.jsonl",
                                "{\"id\":\"a\",\"title\":\"Alpha\",\"body\":\"ravenstock\"}\n"
                                "{\"id\":\"b\",\"title\":\"Beta\",\"body\":\"quillmarsh\"}\n"
                                "{\"id\":\"c\",\"title\":\"Gamma\",\"body\":\"tallowmere\"}\n");
  CHECK(second.unchanged == 1);
  CHECK(second.replaced == 1);
  CHECK(second.added == 1);
  CHECK(f.docs_with("ravenstock") == 1);
  CHECK(f.docs_with("brindlefoot") == 0);
  CHECK(f.docs_with("quillmarsh") == 1);
  CHECK(f.docs_with("tallowmere") == 1);
  CHECK(Xapian::Database(f.options.db_path).get_doccount() == 3);
}

TEST_CASE("an id given twice in a re-run ends with its last version, even when that is the stored one") {
  RerunFixture f;
  f.index("one.jsonl", "{\"id\":\"a\",\"title\":\"Alpha\",\"body\":\"ravenstock\"}\n");
  // The first line changes the article; the second restores exactly what
  // the database held when the run began, which must not count as unchanged.
  IndexSummary second = f.index("two.jsonl",
                                "{\"id\":\"a\",\"title\":\"Alpha\",\"body\":\"quillmarsh\"}\n"
                                "{\"id\":\"a\",\"title\":\"Alpha\",\"body\":\"ravenstock\"}\n");
  CHECK(second.unchanged == 0);
  CHECK(second.replaced == 2);
  CHECK(f.docs_with("ravenstock") == 1);
  CHECK(f.docs_with("quillmarsh") == 0);
  CHECK(Xapian::Database(f.options.db_path).get_doccount() == 1);
}

// Every id's terms, values and stored data, in id order: what a database holds.
std::map<std::string, std::string> dump_by_id(const std::string& db_path) {
  Xapian::Database db(db_path);
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    std::string id;
    std::string all;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if ((*t).starts_with(schema::kPrefixId)) id = *t;
      all += *t + ":" + std::to_string(t.get_wdf()) + ":";
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) all += std::to_string(*p) + ",";
      all += ' ';
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) all += std::to_string(v.get_valueno()) + "=" + *v + ' ';
    all += doc.get_data();
    out[id] = all;
  }
  return out;
}

TEST_CASE("several worker threads build the same database as one, in input order") {
  testing::TempDir dir;
  std::vector<std::string> paths = {(testing::source_dir() / "sample_corpus").string(), mixed_jsonl(),
                                    (testing::source_dir() / "tests/data/wire_copies.jsonl").string()};
  IndexerOptions one = options_for(dir, paths);
  one.db_path = (dir.path() / "one").string();
  one.threads = 1;
  IndexerOptions four = one;
  four.db_path = (dir.path() / "four").string();
  four.threads = 4;
  four.documents_per_commit = 7;  // many commits on the way
  std::ostringstream d1;
  std::ostringstream d4;
  IndexSummary s1 = run(one, d1);
  IndexSummary s4 = run(four, d4);
  CHECK(s1.added == s4.added);
  CHECK(s1.added > 50);
  // Same warnings and skips, in the same (input) order.
  CHECK(d1.str().substr(0, d1.str().rfind("indexed ")) == d4.str().substr(0, d4.str().rfind("indexed ")));
  std::map<std::string, std::string> a = dump_by_id(one.db_path);
  std::map<std::string, std::string> b = dump_by_id(four.db_path);
  CHECK(a.size() == b.size());
  for (const auto& [id, content] : a) {
    CAPTURE(id);
    CHECK(b[id] == content);
  }
  // Documents are numbered in input order whatever the number of threads.
  Xapian::Database db1(one.db_path);
  Xapian::Database db4(four.db_path);
  for (Xapian::docid id = 1; id <= db1.get_lastdocid(); ++id) {
    CAPTURE(id);
    CHECK(db1.get_document(id).get_value(schema::kSlotContentHash) ==
          db4.get_document(id).get_value(schema::kSlotContentHash));
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

namespace newsdex::index {
namespace {

TEST_CASE("a bulk load is compacted at the end; a small top-up is not") {
  testing::TempDir dir;
  IndexerOptions options = options_for(dir, {(testing::source_dir() / "sample_corpus").string()});
  options.compact = true;
  std::ostringstream first;
  IndexSummary bulk = run(options, first);
  REQUIRE(bulk.compacted_bytes.has_value());
  CHECK(bulk.compacted_bytes->second < bulk.compacted_bytes->first);
  CHECK(first.str().find("; compacted ") != std::string::npos);
  CHECK(Xapian::Database(options.db_path).get_doccount() == bulk.added);

  // One new article on top of ~50: under kCompactAfterShare, left as it is.
  options.paths = {dir.write("one.jsonl", "{\"id\":\"new-1\",\"title\":\"Fresh\",\"body\":\"quillmarsh\"}\n").string()};
  std::ostringstream second;
  IndexSummary topup = run(options, second);
  CHECK(topup.added == 1);
  CHECK_FALSE(topup.compacted_bytes.has_value());
  CHECK(second.str().find("compacted") == std::string::npos);
  CHECK(Xapian::Database(options.db_path).get_termfreq("quillmarsh") == 1);
}

}  // namespace
}  // namespace newsdex::index
