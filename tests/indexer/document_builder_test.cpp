#include "indexer/document_builder.h"
#include "indexer/near_duplicates.h"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/compression/stored_fields.h"
#include "common/dates.h"
#include "common/schema.h"
#include "indexer/article_hash.h"
#include "indexer/index_writer.h"
#include "tests/indexer/test_support.h"

namespace newsdex::index {
namespace {

struct TermInfo {
  Xapian::termcount wdf;
  std::vector<Xapian::termpos> positions;
  bool operator==(const TermInfo&) const = default;
};

std::map<std::string, TermInfo> terms_of(const Xapian::Document& doc) {
  std::map<std::string, TermInfo> terms;
  for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    TermInfo info{t.get_wdf(), {}};
    for (Xapian::PositionIterator p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
      info.positions.push_back(*p);
    terms.emplace(*t, info);
  }
  return terms;
}

Article ferry_article() {
  return Article{.id = "t1",
                 .title = "Ferry plans approved",
                 .body = "The council approved new ferries.",
                 .published_unix_s = dates::unix_from_civil(2021, 3, 4) + std::int64_t{10} * 3600,
                 .source = "Harbor  Ledger",
                 .url = "https://example.org/t1",
                 .author = "Ada Quill",
                 .lang = "en"};
}

TEST_CASE("DocumentBuilder writes exactly the schema's terms") {
  DocumentBuilder builder;
  const Article article = ferry_article();
  Xapian::Document doc = builder.build(article);
  // Title at 1..3; body from 3 + kFieldPositionGap = 103.
  static_assert(schema::kFieldPositionGap == 100 && schema::kTitleWdfBoost == 2);
  std::map<std::string, TermInfo> expected = {
      // Unprefixed words: title (wdf 2 each, boosted) and body, positional.
      {"ferry", {2, {1}}},
      {"plans", {2, {2}}},
      {"approved", {3, {3, 105}}},
      {"the", {1, {103}}},
      {"council", {1, {104}}},
      {"new", {1, {106}}},
      {"ferries", {1, {107}}},
      // Title words, positional.
      {"Sferry", {1, {1}}},
      {"Splans", {1, {2}}},
      {"Sapproved", {1, {3}}},
      // Stems of every word (title ones boosted), no positions.
      {"Zferri", {3, {}}},
      {"Zplan", {2, {}}},
      {"Zapprov", {3, {}}},
      {"Zthe", {1, {}}},
      {"Zcouncil", {1, {}}},
      {"Znew", {1, {}}},
      // Stems of the title words.
      {"ZSferri", {1, {}}},
      {"ZSplan", {1, {}}},
      {"ZSapprov", {1, {}}},
      // Author words.
      {"Aada", {1, {}}},
      {"Aquill", {1, {}}},
      // Boolean terms.
      {"Qt1", {0, {}}},
      {"Len", {0, {}}},
      {"XSRCharbor ledger", {0, {}}},
      {"Y2021", {0, {}}},
      {"M202103", {0, {}}},
      {"D20210304", {0, {}}},
  };
  // Near-duplicate band keys of the article's fingerprint (title + body).
  analysis::Analyzer analyzer("en");
  std::optional<Fingerprint> fp =
      compute_fingerprint(analyzer.tokenize(article.body), analyzer.tokenize(article.title));
  REQUIRE(fp.has_value());
  for (const std::string& key : lsh_keys(*fp)) expected.emplace(std::string(schema::kPrefixLsh) + key, TermInfo{0, {}});
  CHECK(deserialise_fingerprint(doc.get_value(schema::kSlotFingerprint)).has_value());
  std::map<std::string, TermInfo> actual = terms_of(doc);
  // Not structured bindings: CAPTURE captures the term in a lambda.
  for (const auto& entry : expected) {
    const std::string& term = entry.first;
    CAPTURE(term);
    REQUIRE(actual.contains(term));
    CHECK(actual.at(term).wdf == entry.second.wdf);
    CHECK(actual.at(term).positions == entry.second.positions);
  }
  for (const auto& entry : actual) {
    const std::string& term = entry.first;
    CAPTURE(term);
    CHECK(expected.contains(term));
  }
}

TEST_CASE("DocumentBuilder stores the values and the article data") {
  DocumentBuilder builder;
  Article article = ferry_article();
  Xapian::Document doc = builder.build(article);
  CHECK(doc.get_value(schema::kSlotPublished) ==
        Xapian::sortable_serialise(static_cast<double>(*article.published_unix_s)));
  CHECK(Xapian::sortable_unserialise(doc.get_value(schema::kSlotPublished)) == 1614852000.0);
  CHECK(doc.get_value(schema::kSlotSource) == "Harbor  Ledger");
  CHECK(doc.get_value(schema::kSlotContentHash) == content_hash(article));
  // 2021-03-04 (a Thursday): timeline buckets by day, week (its Monday), month, year.
  CHECK(doc.get_value(schema::kSlotDay) == "20210304");
  CHECK(doc.get_value(schema::kSlotWeek) == "20210301");
  CHECK(doc.get_value(schema::kSlotMonth) == "202103");
  CHECK(doc.get_value(schema::kSlotYear) == "2021");
  CHECK(doc.values_count() == 8);  // + the fingerprint; the cluster is the writer's

  Article stored = compression::decode_article(doc.get_data());
  CHECK(stored.id == article.id);
  CHECK(stored.title == article.title);
  CHECK(stored.body == article.body);
  CHECK(stored.published_unix_s == article.published_unix_s);
  CHECK(stored.source == article.source);
  CHECK(stored.url == article.url);
  CHECK(stored.author == article.author);
  CHECK(stored.lang == article.lang);
}

TEST_CASE("DocumentBuilder leaves out date, source and author terms an article lacks") {
  DocumentBuilder builder;
  Xapian::Document doc = builder.build(Article{.id = "bare", .title = "", .body = "Body only.", .lang = ""});
  std::map<std::string, TermInfo> terms = terms_of(doc);
  // No title: body positions start at kFieldPositionGap.
  CHECK(terms.at("body").positions == std::vector<Xapian::termpos>{100});
  CHECK(terms.at("only").positions == std::vector<Xapian::termpos>{101});
  CHECK(terms.contains("Len"));      // "" is English
  for (const auto& entry : terms) {  // not a structured binding: CAPTURE captures it
    const std::string& term = entry.first;
    CAPTURE(term);
    CHECK_FALSE(term.starts_with("A"));
    CHECK_FALSE(term.starts_with("S"));
    CHECK_FALSE(term.starts_with("XSRC"));
    CHECK_FALSE(term.starts_with("Y"));
    CHECK_FALSE(term.starts_with("M"));
    CHECK_FALSE(term.starts_with("D"));
  }
  CHECK(doc.get_value(schema::kSlotPublished).empty());
  CHECK(doc.get_value(schema::kSlotSource).empty());
  CHECK(doc.get_value(schema::kSlotContentHash).size() == 16);
}

TEST_CASE("DocumentBuilder stems each article in its own language") {
  DocumentBuilder builder;
  Xapian::Document german = builder.build(Article{.id = "de1", .title = "Neue Radwege", .body = "", .lang = "de"});
  Xapian::Document english = builder.build(Article{.id = "en1", .title = "running ferries", .body = "", .lang = "en"});
  Xapian::Document unstemmed = builder.build(Article{.id = "zh1", .title = "running", .body = "", .lang = "zh"});
  std::map<std::string, TermInfo> de = terms_of(german);
  CHECK(de.contains("Zradweg"));
  CHECK(de.contains("ZSneu"));
  CHECK(de.contains("Lde"));
  std::map<std::string, TermInfo> en = terms_of(english);
  CHECK(en.contains("Zrun"));
  CHECK(en.contains("Zferri"));
  // No stemmer: the Z terms exist anyway, holding the word itself.
  std::map<std::string, TermInfo> zh = terms_of(unstemmed);
  CHECK(zh.contains("Zrunning"));
  CHECK(zh.contains("ZSrunning"));
  CHECK(zh.contains("Lzh"));
}

TEST_CASE("DocumentBuilder writes dates as UTC day terms") {
  DocumentBuilder builder;
  // 23:30 on New Year's Eve in New York is already the 1st in UTC.
  std::int64_t published = dates::unix_from_civil(2022, 1, 1) + std::int64_t{4} * 3600 + std::int64_t{30} * 60;
  std::map<std::string, TermInfo> terms = terms_of(
      builder.build(Article{.id = "d", .title = "T", .body = "", .published_unix_s = published, .lang = "en"}));
  CHECK(terms.contains("Y2022"));
  CHECK(terms.contains("M202201"));
  CHECK(terms.contains("D20220101"));
}

TEST_CASE("issue 11: schema::cluster_term keeps ids that fit and hashes longer ones within Xapian's limit") {
  const std::size_t fits = schema::kMaxXapianTermBytes - schema::kPrefixCluster.size();
  CHECK(schema::cluster_term("bt-2016-0001") == "XCLUbt-2016-0001");
  CHECK(schema::cluster_term(std::string(fits, 'a')) == "XCLU" + std::string(fits, 'a'));
  std::set<std::string> terms;
  for (std::size_t size = fits + 1; size <= schema::kMaxIdBytes; ++size) {
    for (char last : {'a', 'b'}) {
      std::string id = std::string(size - 1, 'x') + last;
      std::string term = schema::cluster_term(id);
      CAPTURE(size);
      CHECK(term.size() <= schema::kMaxXapianTermBytes);
      CHECK(term.starts_with("XCLUxxxx"));
      CHECK(term.find('#') != std::string::npos);
      terms.insert(term);
    }
  }
  // Ids differing in their last byte (cut off in the term) still differ.
  CHECK(terms.size() == 2 * (schema::kMaxIdBytes - fits));
  // Cut on a character boundary: "é" is two bytes, so the kept prefix
  // never ends inside one.
  std::string accented;
  while (accented.size() < schema::kMaxIdBytes) accented += "\xC3\xA9";
  std::string term = schema::cluster_term(accented);
  std::string prefix = term.substr(schema::kPrefixCluster.size(), term.find('#') - schema::kPrefixCluster.size());
  CHECK(prefix.size() % 2 == 0);
  CHECK(accented.starts_with(prefix));
}

TEST_CASE("issue 11: articles with ids up to schema::kMaxIdBytes are written, their own clusters included") {
  testing::TempDir dir;
  DocumentBuilder builder;
  IndexWriter writer((dir.path() / "db").string());
  // 241 bytes fit "XCLU" + id; 242 to 244 once failed as "term too long".
  for (std::size_t size = 240; size <= schema::kMaxIdBytes; ++size) {
    CAPTURE(size);
    Article article{.id = std::string(size, 'i'),
                    .title = "Title " + std::to_string(size),
                    .body = "A body of words number " + std::to_string(size),
                    .lang = "en"};
    CHECK_NOTHROW(writer.write(article, builder.build(article)));
  }
  writer.close();
  Xapian::Database db((dir.path() / "db").string());
  CHECK(db.get_doccount() == 5);
  CHECK(db.term_exists("Q" + std::string(schema::kMaxIdBytes, 'i')));
  CHECK(db.get_termfreq(schema::cluster_term(std::string(schema::kMaxIdBytes, 'i'))) == 1);
}

}  // namespace
}  // namespace newsdex::index
