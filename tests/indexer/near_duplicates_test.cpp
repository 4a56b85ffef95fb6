#include "indexer/near_duplicates.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/schema.h"
#include "tests/indexer/test_support.h"

namespace newsdex::index {
namespace {

// A wire story (invented) and the edits newsrooms make when they republish it.
constexpr std::string_view kStory =
    "The harbour authority in Port Elsen approved a plan on Tuesday to replace its three ageing ferries "
    "with electric vessels by 2027, ending a decade of argument over the cost of the crossing.\n\n"
    "The board voted five to two for the scheme, which will cost an estimated 84 million euros. "
    "Two members said the money would be better spent on repairing the northern quay, "
    "which was damaged in last winter's storms and has been closed to heavy lorries since January.\n\n"
    "Chair Mila Hartog said the old boats had become too expensive to run and too unreliable for "
    "the island's 12,000 residents, who depend on the crossing for work, school and hospital visits. "
    "\"Every cancelled sailing is a missed appointment for someone,\" she told reporters after the vote.\n\n"
    "The new ferries will be built at the Verhoef yard, which won the contract against bids from "
    "Norway and Poland. Each will carry up to 40 cars and 350 passengers and recharge during the "
    "twelve-minute stop at either end of the route.\n\n"
    "Fares will rise by four percent next year to help pay for the vessels, the authority said, "
    "but residents' season tickets will be frozen until the first electric ferry enters service.";

// A different article on the same event: same names, numbers and topic,
// written independently.
constexpr std::string_view kOtherStoryOnSameEvent =
    "Port Elsen will get electric ferries. After ten years of debate, the harbour authority backed "
    "the purchase of three battery-powered boats on Tuesday, despite objections from two board "
    "members who wanted the funds spent on the storm-damaged northern quay instead.\n\n"
    "The vessels, to be built by the Verhoef shipyard, are due in 2027 and will cost about 84 "
    "million euros in total. Authority chair Mila Hartog argued that the current fleet breaks down "
    "too often for an island whose 12,000 inhabitants rely on it daily.\n\n"
    "Islanders interviewed at the terminal were divided. A shop owner welcomed quieter, cleaner "
    "boats; a retired teacher worried about the four percent fare increase planned for next year, "
    "although season tickets for residents are to stay at their current price.";

std::vector<std::string> terms_of(std::string_view text) {
  analysis::Analyzer analyzer("en");
  std::vector<std::string> terms;
  for (analysis::Token& token : analyzer.tokenize(text)) terms.push_back(std::move(token.term));
  return terms;
}

Fingerprint fingerprint_of(std::string_view body) {
  std::optional<Fingerprint> fp = compute_fingerprint(terms_of(body));
  REQUIRE(fp.has_value());
  return *fp;
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

double similarity(std::string_view a, std::string_view b) {
  return estimate_similarity(fingerprint_of(a), fingerprint_of(b));
}

TEST_CASE("Identical bodies have identical fingerprints and band keys") {
  Fingerprint a = fingerprint_of(kStory);
  Fingerprint b = fingerprint_of(std::string(kStory));
  CHECK(a == b);
  CHECK(estimate_similarity(a, b) == 1.0);
  CHECK(lsh_keys(a) == lsh_keys(b));
  // Normalisation happens in the analyzer: case and punctuation do not count.
  CHECK(similarity("The Board Voted five to two, for the scheme!", "the board voted FIVE to two for the scheme") ==
        1.0);
}

TEST_CASE("Edited wire copies stay above the threshold") {
  std::string story(kStory);
  struct Edit {
    const char* name;
    std::string copy;
  };
  const std::vector<Edit> edits = {
      {"a new dateline and outlet line", "PORT ELSEN, Netherlands (Harbor Ledger) - " + story},
      {"a byline and a closing credit",
       "By Ada Quill, Staff Reporter\n\n" + story + "\n\nReporting by Ada Quill; editing by Tom Vos."},
      {"a changed sentence", replaced(story, "Each will carry up to 40 cars and 350 passengers",
                                      "Each vessel is designed to take as many as 40 vehicles and 350 people")},
      {"a few replaced words",
       replaced(replaced(replaced(story, "ageing", "old"), "estimated", "expected"), "lorries", "trucks")},
      {"a dropped paragraph",
       replaced(story,
                "The new ferries will be built at the Verhoef yard, which won the contract against bids from "
                "Norway and Poland. Each will carry up to 40 cars and 350 passengers and recharge during the "
                "twelve-minute stop at either end of the route.\n\n",
                "")},
      {"a truncated last paragraph",
       replaced(story,
                "Fares will rise by four percent next year to help pay for the vessels, the authority said, "
                "but residents' season tickets will be frozen until the first electric ferry enters service.",
                "")},
  };
  for (const Edit& edit : edits) {
    CAPTURE(edit.name);
    double s = similarity(kStory, edit.copy);
    CAPTURE(s);
    CHECK(s >= kSimilarityThreshold);
    CHECK(s < 1.0);
    // At least one band key in common, so the assigner finds it.
    std::vector<std::string> a = lsh_keys(fingerprint_of(kStory));
    std::vector<std::string> b = lsh_keys(fingerprint_of(edit.copy));
    std::size_t shared = 0;
    for (std::size_t i = 0; i < a.size(); ++i) shared += a[i] == b[i] ? 1U : 0U;
    CHECK(shared > 0);
  }
}

TEST_CASE("Two different articles on the same event are not copies") {
  double s = similarity(kStory, kOtherStoryOnSameEvent);
  CHECK(s < 0.1);
  CHECK(s < kSimilarityThreshold);
}

TEST_CASE("Fingerprints shingle the title, then the body; fewer terms than a shingle: none") {
  using Terms = std::vector<std::string>;
  SUBCASE("title terms come first, as if one text") {
    std::optional<Fingerprint> with_title = compute_fingerprint(Terms{"d", "e", "f"}, Terms{"a", "b", "c"});
    std::optional<Fingerprint> joined = compute_fingerprint(Terms{"a", "b", "c", "d", "e", "f"});
    REQUIRE(with_title);
    CHECK(*with_title == *joined);
    CHECK(with_title->shingles == 2);
    // A headline-only brief.
    CHECK(compute_fingerprint(Terms{}, Terms{"a", "b", "c", "d", "e", "f"}).has_value());
  }
  SUBCASE("a new headline barely moves a full article") {
    std::optional<Fingerprint> a = compute_fingerprint(terms_of(kStory), terms_of("Port Elsen backs electric ferries"));
    std::optional<Fingerprint> b =
        compute_fingerprint(terms_of(kStory), terms_of("Island to get battery boats by 2027"));
    REQUIRE(a);
    REQUIRE(b);
    CHECK(estimate_similarity(*a, *b) > 0.9);
  }
  SUBCASE("fewer terms than one shingle in all: no fingerprint") {
    CHECK_FALSE(compute_fingerprint(Terms{}).has_value());
    CHECK_FALSE(compute_fingerprint(Terms{"a", "b"}, Terms{"c", "d"}).has_value());
  }
  SUBCASE("tokens and terms give the same fingerprint") {
    analysis::Analyzer analyzer("en");
    std::vector<analysis::Token> body = analyzer.tokenize(kStory);
    std::vector<analysis::Token> title = analyzer.tokenize("Ferries approved");
    CHECK(compute_fingerprint(body, title) == compute_fingerprint(terms_of(kStory), terms_of("Ferries approved")));
  }
  SUBCASE("word order matters") {
    CHECK(compute_fingerprint(Terms{"a", "b", "c", "d", "e"}) != compute_fingerprint(Terms{"e", "d", "c", "b", "a"}));
  }
}

TEST_CASE("Short texts are near-duplicates only when equal") {
  // Reuters-style dividend notices: one template, many companies.
  std::string notice = "Qtly div 10 cts vs 10 cts prior Pay April 15 Record April One Reuter";
  std::optional<Fingerprint> a =
      compute_fingerprint(terms_of(notice), terms_of("STATE STREET BOSTON CORP SETS QUARTERLY"));
  std::optional<Fingerprint> b =
      compute_fingerprint(terms_of(notice), terms_of("THOMPSON MEDICAL CO INC SETS QUARTERLY"));
  std::optional<Fingerprint> a_again =
      compute_fingerprint(terms_of(notice), terms_of("State Street Boston Corp sets quarterly"));
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(a->shingles < kMinShinglesForNearMatch);
  CHECK_FALSE(is_near_duplicate(*a, *b));
  CHECK(is_near_duplicate(*a, *a_again));
  // A short text that differs in one word is not a copy, whatever the threshold.
  std::optional<Fingerprint> other_date =
      compute_fingerprint(terms_of("Qtly div 10 cts vs 10 cts prior Pay April 15 Record April Two Reuter"),
                          terms_of("STATE STREET BOSTON CORP SETS QUARTERLY"));
  CHECK(estimate_similarity(*a, *other_date) > 0.5);
  CHECK_FALSE(is_near_duplicate(*a, *other_date, 0.1));
  // Long texts use the threshold.
  Fingerprint story = fingerprint_of(kStory);
  CHECK(story.shingles >= kMinShinglesForNearMatch);
  CHECK(is_near_duplicate(story, fingerprint_of("PORT ELSEN (Wire) - " + std::string(kStory))));
  CHECK_FALSE(is_near_duplicate(story, fingerprint_of(kOtherStoryOnSameEvent)));
}

TEST_CASE("Band keys: one per band, hex, fixed length, distinct per band") {
  std::vector<std::string> keys = lsh_keys(fingerprint_of(kStory));
  REQUIRE(keys.size() == kLshBands);
  for (std::size_t band = 0; band < keys.size(); ++band) {
    CAPTURE(keys[band]);
    CHECK(keys[band].size() == 14);
    CHECK(keys[band].find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(std::stoul(keys[band].substr(0, 2), nullptr, 16) == band);
  }
}

TEST_CASE("Fingerprints survive serialisation and reject garbage") {
  Fingerprint fp = fingerprint_of(kStory);
  std::string bytes = serialise_fingerprint(fp);
  CHECK(bytes.size() == 7 + 2 * kMinHashFunctions);
  // Minima are 16-bit (b-bit MinHash).
  for (std::uint32_t minimum : fp.minima) CHECK(minimum <= 0xffffU);
  CHECK(static_cast<unsigned char>(bytes[0]) == kFingerprintFormatVersion);
  CHECK(deserialise_fingerprint(bytes) == fp);

  // Three header bytes, then the shingle count and the minima, little-endian.
  Fingerprint known;
  known.shingles = 0x0a0b0c0dU;
  known.minima[0] = 0x0201U;
  known.minima[1] = 0x0403U;
  std::string known_bytes = serialise_fingerprint(known);
  CHECK(known_bytes.substr(0, 11) == std::string("\x02\x05\x78\x0d\x0c\x0b\x0a\x01\x02\x03\x04", 11));
  CHECK(deserialise_fingerprint(known_bytes) == known);

  CHECK_FALSE(deserialise_fingerprint("").has_value());
  CHECK_FALSE(deserialise_fingerprint("garbage").has_value());
  CHECK_FALSE(deserialise_fingerprint(bytes.substr(0, bytes.size() - 1)).has_value());
  CHECK_FALSE(deserialise_fingerprint(bytes + "x").has_value());
  std::string other_version = bytes;
  other_version[0] = static_cast<char>(kFingerprintFormatVersion + 1);
  CHECK_FALSE(deserialise_fingerprint(other_version).has_value());
  std::string other_shingles = bytes;
  other_shingles[1] = 4;
  CHECK_FALSE(deserialise_fingerprint(other_shingles).has_value());
  CHECK_FALSE(deserialise_fingerprint(std::string(bytes.size(), '\xff')).has_value());
}

// A document as the document builder and index writer will store it, with
// only the near-duplicate fields.
Xapian::Document stored_document(const std::string& id, const Fingerprint& fp, const std::string& cluster,
                                 std::optional<std::int64_t> published_unix_s = std::nullopt) {
  Xapian::Document doc;
  if (published_unix_s) {
    doc.add_value(schema::kSlotPublished, Xapian::sortable_serialise(static_cast<double>(*published_unix_s)));
  }
  doc.add_boolean_term(std::string(schema::kPrefixId) + id);
  for (const std::string& key : lsh_keys(fp)) doc.add_boolean_term(std::string(schema::kPrefixLsh) + key);
  doc.add_value(schema::kSlotFingerprint, serialise_fingerprint(fp));
  if (!cluster.empty()) {
    doc.add_value(schema::kSlotCluster, cluster);
    doc.add_boolean_term(std::string(schema::kPrefixCluster) + cluster);
  }
  return doc;
}

// What the index writer does per article: assign, then store.
std::string index(Xapian::WritableDatabase& db, ClusterAssigner& assigner, const std::string& id,
                  std::string_view body) {
  Fingerprint fp = fingerprint_of(body);
  std::string cluster = assigner.assign(id, fp);
  db.replace_document(std::string(schema::kPrefixId) + id, stored_document(id, fp, cluster));
  return cluster;
}

TEST_CASE("ClusterAssigner clusters copies on a glass database, committed or not") {
  testing::TempDir dir;
  std::string path = (dir.path() / "db").string();
  std::string story(kStory);
  std::string dropped = replaced(story, "Chair Mila Hartog said the old boats", "Mila Hartog said the boats");
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    ClusterAssigner assigner(db);
    CHECK(index(db, assigner, "original", story) == "original");
    CHECK(index(db, assigner, "other-event-story", kOtherStoryOnSameEvent) == "other-event-story");
    // Uncommitted documents are seen through the writer's own handle.
    CHECK(index(db, assigner, "dateline-copy", "PORT ELSEN (Wire) - " + story) == "original");
    db.commit();
    CHECK(index(db, assigner, "edited-copy", dropped) == "original");
    CHECK(index(db, assigner, "unrelated",
                "A completely different story about a football match in which the home side won "
                "three goals to nil after a late penalty.") == "unrelated");
    db.commit();
  }
  {
    // A later run over the same database.
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    ClusterAssigner assigner(db);
    CHECK(index(db, assigner, "late-copy", story + "\n\nThis story has been corrected.") == "original");
    // Re-indexing an article never matches its own old version ...
    CHECK(index(db, assigner, "unrelated",
                "A completely different story about a football match in which the home side won "
                "three goals to nil after a late penalty.") == "unrelated");
    // ... but a changed article joins the cluster it now resembles.
    CHECK(index(db, assigner, "other-event-story", story) == "original");
    db.commit();
    CHECK(db.get_termfreq(std::string(schema::kPrefixCluster) + "original") == 5);
  }
}

TEST_CASE("ClusterAssigner picks the most similar candidate and honours its options") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::string story(kStory);
  Fingerprint fp = fingerprint_of(story);
  // Two stored documents: a heavy rewrite (cluster "far") and an exact copy
  // (cluster "near"), added in that order.
  std::string heavy =
      replaced(replaced(story, "The board voted five to two for the scheme", "Five board members backed it"),
               "The new ferries will be built at the Verhoef yard", "Verhoef will build the boats");
  db.add_document(stored_document("far-doc", fingerprint_of(heavy), "far"));
  db.add_document(stored_document("near-doc", fp, "near"));
  // A document without a cluster value is its own cluster, named by its id.
  ClusterAssigner assigner(db);
  CHECK(assigner.assign("new", fp) == "near");

  ClusterAssigner strict(db, ClusterAssignerOptions{.threshold = 1.01});
  CHECK(strict.assign("new", fp) == "new");

  Xapian::WritableDatabase bare(std::string(), Xapian::DB_BACKEND_INMEMORY);
  bare.add_document(stored_document("lonely", fp, ""));
  ClusterAssigner from_bare(bare);
  CHECK(from_bare.assign("new", fp) == "lonely");

  // Candidates whose fingerprint slot is garbage are skipped, not fatal.
  // Dated articles join only within max_days_apart; undated ones always.
  Xapian::WritableDatabase dated(std::string(), Xapian::DB_BACKEND_INMEMORY);
  constexpr std::int64_t kDay = 86400;
  dated.add_document(stored_document("monday", fp, "monday", 10 * kDay));
  ClusterAssigner by_date(dated);
  CHECK(by_date.assign("wednesday", fp, 12 * kDay) == "monday");
  CHECK(by_date.assign("next-week", fp, 17 * kDay) == "next-week");
  CHECK(by_date.assign("last-week", fp, 3 * kDay) == "last-week");
  CHECK(by_date.assign("undated", fp) == "monday");
  ClusterAssigner any_date(dated, ClusterAssignerOptions{.max_days_apart = 0});
  CHECK(any_date.assign("next-year", fp, 375 * kDay) == "monday");

  Xapian::WritableDatabase broken(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc = stored_document("broken", fp, "broken");
  doc.add_value(schema::kSlotFingerprint, "junk");
  broken.add_document(doc);
  ClusterAssigner from_broken(broken);
  CHECK(from_broken.assign("new", fp) == "new");
}

}  // namespace
}  // namespace newsdex::index
