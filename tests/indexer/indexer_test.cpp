#include "indexer/indexer.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/error.h"
#include "common/facet_columns.h"
#include "common/schema.h"
#include "indexer/admin.h"
#include "indexer/interrupt.h"
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
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
      all += std::to_string(v.get_valueno()) + "=" + *v + ' ';
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
  for (const auto& entry : a) {  // not a structured binding: CAPTURE captures it
    const std::string& id = entry.first;
    CAPTURE(id);
    CHECK(b[id] == entry.second);
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

// ---- issue 11: never lose a user's data, never crash

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string wire_jsonl() { return (testing::source_dir() / "sample_corpus/wire.jsonl").string(); }

std::string error_of(const auto& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST_CASE("issue 11: run refuses an input inside the database directory and a database inside an input directory") {
  testing::TempDir dir;
  fs::path news = dir.path() / "news";
  dir.write("news/wire.jsonl", read_text(wire_jsonl()));
  IndexerOptions options = options_for(dir, {news.string()});
  std::ostringstream diagnostics;

  SUBCASE("--db ~/news ~/news: the input directory is the database directory") {
    options.db_path = news.string();
    CHECK(error_of([&] { run(options, diagnostics); }).find(news.string() + " is the database directory") !=
          std::string::npos);
  }
  SUBCASE("--db ~/news/db ~/news: the database would be read as input") {
    options.db_path = (news / "db").string();
    CHECK(error_of([&] {
            run(options, diagnostics);
          }).find("the database directory " + options.db_path + " is inside the input directory") != std::string::npos);
    CHECK_FALSE(fs::exists(news / "db"));
  }
  SUBCASE("an input file inside the database directory, through a symbolic link to it") {
    options.paths = {wire_jsonl()};
    run(options, diagnostics);
    fs::create_directory_symlink(options.db_path, dir.path() / "link");
    options.paths = {(dir.path() / "link" / "iamglass").string()};
    CHECK(error_of([&] { run(options, diagnostics); }).find("is inside the database directory") != std::string::npos);
  }
  CHECK(read_text(news / "wire.jsonl") == read_text(wire_jsonl()));
  // Standard input and unrelated paths are fine, and so is a database beside the input.
  CHECK_NOTHROW(check_inputs_outside_database((dir.path() / "db2").string(), {"-", news.string(), wire_jsonl()}));
  CHECK_NOTHROW(check_inputs_outside_database((dir.path() / "news-db").string(), {news.string()}));
}

TEST_CASE("issue 11: a compaction that cannot run leaves the run's articles committed, says why, exits 1") {
  testing::TempDir dir;
  IndexerOptions options = options_for(dir, {wire_jsonl()});
  options.compact = true;
  std::ostringstream first;
  run(options, first);
  // Someone keeps a note in the database directory: compaction swaps the
  // whole directory, so it must refuse rather than lose the note.
  dir.write("db/notes.txt", "precious\n");
  options.extract_entities = false;  // every article rebuilt: a bulk load again
  std::ostringstream second;
  IndexSummary summary = run(options, second);
  INFO(second.str());
  CHECK(summary.replaced == 7);
  CHECK_FALSE(summary.compacted_bytes.has_value());
  CHECK(summary.not_compacted == "failed, see the warning");
  CHECK(exit_code(summary) == kExitSkipped);
  CHECK(second.str().find("newsdex-index: warning: cannot compact the database at ") != std::string::npos);
  CHECK(second.str().find("holds notes.txt") != std::string::npos);
  CHECK(second.str().find("The 7 articles of this run are committed") != std::string::npos);
  CHECK(second.str().find("indexed 7 articles into " + options.db_path +
                          " (0 added, 7 replaced); not compacted (failed, see the warning)\n") != std::string::npos);
  CHECK(read_text(dir.path() / "db" / "notes.txt") == "precious\n");
  Xapian::Database db(options.db_path);
  CHECK(db.get_doccount() == 7);
  CHECK(db.get_document(1).get_value(schema::kSlotContentHash).ends_with("/no-entities"));
  CHECK_FALSE(fs::exists(compaction_temp_path(fs::canonical(options.db_path).string())));
}

TEST_CASE("issue 11: run removes what a killed run left behind and says so; a directory of someone else's stays") {
  testing::TempDir dir;
  IndexerOptions options = options_for(dir, {wire_jsonl()});
  std::ostringstream first;
  run(options, first);
  const fs::path temp = compaction_temp_path(fs::canonical(options.db_path).string());
  const std::string facets_temp = FacetColumns::path_for(options.db_path) + ".tmp";

  SUBCASE("a compaction's copy and a facet build's temp file are removed and mentioned") {
    fs::copy(options.db_path, temp);  // the old database, as a kill after the swap leaves it
    std::ofstream(facets_temp) << "half";
    std::ostringstream second;
    run(options, second);
    CHECK(second.str().find("newsdex-index: removed " + temp.string() +
                            ", left behind by an interrupted compaction\n") != std::string::npos);
    CHECK(second.str().find("newsdex-index: removed " + facets_temp + ", left behind by an interrupted run\n") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(temp));
    CHECK_FALSE(fs::exists(facets_temp));
  }
  SUBCASE("a directory by that name holding a file newsdex did not make is kept, with a warning") {
    dir.write(temp.lexically_relative(dir.path()).string() + "/notes.txt", "precious\n");
    std::ostringstream second;
    IndexSummary summary = run(options, second);
    CHECK(second.str().find("newsdex-index: warning: not removing " + temp.string() + ": it holds notes.txt") !=
          std::string::npos);
    CHECK(read_text(temp / "notes.txt") == "precious\n");
    CHECK(exit_code(summary) == kExitOk);  // nothing was due
  }
}

TEST_CASE("issue 11: compact_database refuses a database directory holding other files, and keeps them") {
  testing::TempDir dir;
  IndexerOptions options = options_for(dir, {wire_jsonl()});
  std::ostringstream out;
  run(options, out);
  fs::create_directories(dir.path() / "db" / "my-notes");
  dir.write("db/my-notes/a.txt", "precious\n");
  const std::string uuid = Xapian::Database(options.db_path).get_uuid();
  CHECK(error_of([&] { compact_database(options.db_path); }).find("the directory also holds my-notes") !=
        std::string::npos);
  CHECK(read_text(dir.path() / "db" / "my-notes" / "a.txt") == "precious\n");
  CHECK(Xapian::Database(options.db_path).get_uuid() == uuid);
  CHECK_FALSE(fs::exists(compaction_temp_path(fs::canonical(options.db_path).string())));
}

TEST_CASE("issue 11: compact_database removes only a leftover that is all database files; never follows a link") {
  testing::TempDir dir;
  IndexerOptions options = options_for(dir, {wire_jsonl()});
  std::ostringstream out;
  run(options, out);
  const fs::path temp = compaction_temp_path(fs::canonical(options.db_path).string());
  SUBCASE("a file of someone else's in it") {
    dir.write(temp.lexically_relative(dir.path()).string() + "/postlist.glass", "x");
    dir.write(temp.lexically_relative(dir.path()).string() + "/notes.txt", "precious\n");
    CHECK(error_of([&] { compact_database(options.db_path); }).find("it holds notes.txt") != std::string::npos);
    CHECK(read_text(temp / "notes.txt") == "precious\n");
    CHECK(fs::exists(temp / "postlist.glass"));  // nothing removed
  }
  SUBCASE("a symbolic link to someone's directory") {
    dir.write("mine/postlist.glass", "mine");
    fs::create_directory_symlink(dir.path() / "mine", temp);
    CHECK(error_of([&] { compact_database(options.db_path); }).find("symbolic link") != std::string::npos);
    CHECK(read_text(dir.path() / "mine" / "postlist.glass") == "mine");
  }
  CHECK(Xapian::Database(options.db_path).get_doccount() == 7);
}

TEST_CASE("issue 11: InterruptGuard nests; a compaction asked to stop gives up before its swap and cleans up") {
  testing::TempDir dir;
  IndexerOptions options = options_for(dir, {wire_jsonl()});
  std::ostringstream out;
  run(options, out);
  const std::string uuid = Xapian::Database(options.db_path).get_uuid();
  {
    InterruptGuard outer;
    request_interrupt();
    {
      InterruptGuard inner;  // the compaction's own: must not clear the flag
      CHECK(interrupt_requested());
    }
    CHECK(interrupt_requested());
    CHECK_THROWS_AS(compact_database(options.db_path), Interrupted);
    CHECK(interrupt_requested());
  }
  CHECK_FALSE(interrupt_requested());  // the outermost guard clears it
  CHECK(Xapian::Database(options.db_path).get_uuid() == uuid);
  CHECK_FALSE(fs::exists(compaction_temp_path(fs::canonical(options.db_path).string())));
  CHECK(compact_database(options.db_path).articles == 7);  // and it works again
}

}  // namespace
}  // namespace newsdex::index
