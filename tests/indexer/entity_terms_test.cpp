// Entities in the index: DocumentBuilder's filter terms, facet slots and
// stored summary, and newsdex-index --dry-run (dry_run()).
#include "indexer/entity_terms.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/compression/stored_fields.h"
#include "common/error.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "indexer/dry_run.h"
#include "tests/indexer/test_support.h"

namespace newsdex::index {
namespace {

Article kerry_article() {
  return Article{.id = "e1",
                 .title = "Kerry urges Russia to halt Syria strikes",
                 .body =
                     "WASHINGTON \xE2\x80\x94 U.S. Secretary of State John Kerry said on Tuesday that the bombing "
                     "must stop. \"We cannot accept this,\" Kerry told reporters after meeting officials of the "
                     "United Nations. Moscow did not respond.",
                 .lang = "en"};
}

std::set<std::string> terms_with_prefix(const Xapian::Document& doc, const std::string& prefix) {
  std::set<std::string> out;
  Xapian::TermIterator t = doc.termlist_begin();
  for (t.skip_to(prefix); t != doc.termlist_end(); ++t) {
    if ((*t).compare(0, prefix.size(), prefix) != 0) break;
    CHECK(t.get_wdf() == 0);  // filters never rank
    out.insert(*t);
  }
  return out;
}

TEST_CASE("DocumentBuilder writes entity filter terms, facet slots and the stored summary") {
  DocumentBuilder builder;
  CHECK(builder.extracts_entities());
  Xapian::Document doc = builder.build(kerry_article());

  // Person and speaker: full name and each word, normalised.
  std::set<std::string> per = terms_with_prefix(doc, "XPER");
  CHECK(per.contains("XPERjohn kerry"));
  CHECK(per.contains("XPERWjohn"));
  CHECK(per.contains("XPERWkerry"));
  std::set<std::string> spk = terms_with_prefix(doc, "XSPK");
  CHECK(spk == std::set<std::string>{"XSPKjohn kerry", "XSPKWjohn", "XSPKWkerry"});
  std::set<std::string> org = terms_with_prefix(doc, "XORG");
  CHECK(org.contains("XORGunited nations"));
  CHECK(org.contains("XORGWunited"));
  CHECK(org.contains("XORGWnations"));
  std::set<std::string> ctry = terms_with_prefix(doc, "XCTRY");
  CHECK(ctry.contains("XCTRYus"));
  CHECK(ctry.contains("XCTRYru"));
  CHECK(ctry.contains("XCTRYsy"));

  // Slots: rank 0 holds the display name / upper-case code.
  CHECK(doc.get_value(schema::kSlotPerson0) == "John Kerry");
  CHECK(doc.get_value(schema::kSlotSpeaker0) == "John Kerry");
  CHECK(doc.get_value(schema::kSlotSpeaker1).empty());
  CHECK(doc.get_value(schema::kSlotOrg0) == "United Nations");
  std::set<std::string> codes;
  for (Xapian::valueno s = schema::kSlotCountry0; s <= schema::kSlotCountry2; ++s) codes.insert(doc.get_value(s));
  CHECK(codes.contains("US"));
  CHECK(codes.contains("RU"));
  CHECK(codes.contains("SY"));

  // Stored summary.
  Article stored = compression::decode_article(doc.get_data());
  auto summary = nlohmann::json::parse(stored.entities_json);
  CHECK(summary["persons"][0] == "John Kerry");
  CHECK(summary["speakers"] == nlohmann::json::array({"John Kerry"}));
  CHECK(summary["organizations"][0] == "United Nations");
  bool has_syria = false;
  for (const auto& c : summary["countries"]) has_syria |= c["code"] == "SY" && c["name"] == "Syria";
  CHECK(has_syria);
  REQUIRE(!summary["quotes"].empty());
  bool has_quote = false;
  for (const auto& q : summary["quotes"]) {
    has_quote |=
        q["speaker"] == "John Kerry" && q["text"].get<std::string>().find("We cannot accept this") != std::string::npos;
  }
  CHECK(has_quote);
}

TEST_CASE("DocumentBuilder(false) writes no entity terms, slots or summary") {
  DocumentBuilder builder(false);
  CHECK_FALSE(builder.extracts_entities());
  Article article = kerry_article();
  article.entities_json = "{\"stale\":1}";  // input never reaches the database
  Xapian::Document doc = builder.build(article);
  for (const char* prefix : {"XPER", "XSPK", "XORG", "XCTRY"}) CHECK(terms_with_prefix(doc, prefix).empty());
  for (Xapian::valueno s = schema::kSlotPerson0; s <= schema::kSlotOrg2; ++s) CHECK(doc.get_value(s).empty());
  CHECK(compression::decode_article(doc.get_data()).entities_json.empty());
}

std::string sample_corpus() { return (testing::source_dir() / "sample_corpus/articles.jsonl").string(); }

TEST_CASE("dry_run --json reports bt-2016-0001's speakers and countries, and writes nothing") {
  testing::TempDir dir;
  IndexerOptions options;
  options.paths = {sample_corpus()};
  options.db_path = (dir.path() / "db").string();
  options.dry_run = true;
  options.json = true;
  std::ostringstream out;
  std::ostringstream diagnostics;
  IndexSummary summary = dry_run(options, out, diagnostics);
  CHECK(exit_code(summary) == kExitOk);
  CHECK(summary.indexed() == 30);
  CHECK(diagnostics.str() == "dry run: read 30 articles, nothing written\n");
  CHECK_FALSE(std::filesystem::exists(dir.path() / "db"));

  std::istringstream lines(out.str());
  std::string line;
  int n = 0;
  bool found = false;
  while (std::getline(lines, line)) {
    ++n;
    nlohmann::json article = nlohmann::json::parse(line);
    if (article["id"] != "bt-2016-0001") continue;
    found = true;
    CHECK(article["origin"] == sample_corpus() + ":1");
    std::set<std::string> speakers(article["speakers"].begin(), article["speakers"].end());
    CHECK(speakers.contains("John Kerry"));
    CHECK(speakers.contains("Salem Al-Meslet"));
    CHECK_FALSE(speakers.contains("Sergey Lavrov"));
    std::set<std::string> codes;
    for (const auto& c : article["countries"]) {
      codes.insert(c["code"].get<std::string>());
      CHECK(!c["mentions"].empty());
    }
    for (const char* code : {"SY", "RU", "US", "CO"}) CHECK(codes.contains(code));
    // Mentions and quotes point at their text.
    for (const auto& p : article["persons"]) {
      for (const auto& m : p["mentions"]) {
        CHECK(m["end"].get<unsigned>() - m["start"].get<unsigned>() == m["text"].get<std::string>().size());
      }
    }
    REQUIRE(!article["quotes"].empty());
    for (const auto& q : article["quotes"]) {
      CHECK((q["speaker"].is_null() || q["speaker"].is_string()));
      CHECK(q["direct"].is_boolean());
      CHECK(!q["text"].get<std::string>().empty());
    }
  }
  CHECK(n == 30);
  CHECK(found);
}

TEST_CASE("dry_run text output names the speakers and countries of each article") {
  IndexerOptions options;
  options.paths = {sample_corpus()};
  options.dry_run = true;
  options.quiet = true;
  std::ostringstream out;
  std::ostringstream diagnostics;
  dry_run(options, out, diagnostics);
  CHECK(diagnostics.str().empty());
  std::string text = out.str();
  CHECK(text.starts_with("bt-2016-0001  Kerry, in Bogot"));
  CHECK(text.find("\n  speakers: John Kerry") != std::string::npos);
  CHECK(text.find("SY Syria") != std::string::npos);
}

TEST_CASE("dry_run reports bad records like a real run") {
  testing::TempDir dir;
  IndexerOptions options;
  options.paths = {(testing::source_dir() / "tests/data/mixed.jsonl").string()};
  options.dry_run = true;
  options.extract_entities = false;
  std::ostringstream out;
  std::ostringstream diagnostics;
  IndexSummary summary = dry_run(options, out, diagnostics);
  CHECK(summary.indexed() == 7);
  CHECK(summary.skipped_total() == 4);
  CHECK(exit_code(summary) == kExitSkipped);
  CHECK(diagnostics.str().find("skipped: malformed JSON") != std::string::npos);
  CHECK(diagnostics.str().find("dry run: read 7 articles, nothing written; skipped 4:") != std::string::npos);
  options.paths.clear();
  CHECK_THROWS_AS(dry_run(options, out, diagnostics), Error);
}

}  // namespace
}  // namespace newsdex::index
