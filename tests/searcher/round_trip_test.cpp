// The analyzer round trip: a word indexed by the document builder, typed by a
// user the way people type it, must find its article and be highlighted in
// the snippet or title. Indexer, query builder, matcher and snippet generator
// all run for real, on a real on-disk glass database.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "common/article.h"
#include "indexer/document_builder.h"
#include "searcher/matcher.h"
#include "searcher/query_builder.h"

namespace {

struct Case {
  const char* title;
  const char* body;
  const char* typed;        // what the user types
  const char* highlighted;  // a highlighted substring expected in title or snippet
};

const std::vector<Case> kCases = {
    {"Talks resume", "Lavrov's deputy arrived late on Tuesday.", "Lavrov", "Lavrov's"},
    {"Envoy speaks", "The envoy quoted Shoigu\xE2\x80\x99s aide at length.", "shoigu's", "Shoigu\xE2\x80\x99s"},
    {"Visa rules", "New visa rules for U.S. citizens take effect.", "US", "U.S"},
    {"Trade deal", "The U.K. signed the accord in Geneva.", "u.k.", "U.K"},
    {"Bank moves", "Z\xC3\xBCrich bankers were cautious.", "Zurich", "Z\xC3\xBCrich"},
    {"Lake town", "Geneva and Lausanne outpaced Winterthur.", "Winterth\xC3\xBCr", "Winterthur"},
    {"Opposition view", "said Salem Al-Meslet, the spokesman for the committee.", "Al-Meslet", "Al-Meslet"},
    {"Opposition view two", "according to Yusra Al-Haddad, who leads the bloc.", "al haddad", "Haddad"},
    {"Opposition view three", "a statement from Karim Al-Tamimi was read aloud.", "Tamimi", "Tamimi"},
    {"Resolution text", "Resolution 2254 calls for a transition.", "2254", "2254"},
    {"Growth slows", "The economy grew 3.5 percent last year.", "3.5", "3.5"},
    {"Vaccine drive", "The COVID-19 vaccine campaign began in March.", "COVID-19", "COVID-19"},
    {"Grain prices", "Grain prices rose for 1,200 farms.", "1,200", "1,200"},
    {"KERRY WARNS OF SETBACK", "The secretary spoke briefly.", "kerry", "KERRY"},
    {"Minister speaks", "Minister Okonjo-Iweala spoke of reform.", "OKONJO", "Okonjo"},
    {"Air raids", "The bombing of the bridge was condemned.", "bombs", "bombing"},
    {"Festival", "S\xC3\xA3o Paulo hosted the festival.", "Sao Paulo", "S\xC3\xA3o"},
    {"Dockers",
     "Patrick O\xE2\x80\x99"
     "Brien led the dockers.",
     "O'Brien",
     "O\xE2\x80\x99"
     "Brien"},
    // 北京是中国的首都。 / query 首都
    {"Capital",
     "\xE5\x8C\x97\xE4\xBA\xAC\xE6\x98\xAF\xE4\xB8\xAD\xE5\x9B\xBD\xE7\x9A\x84\xE9\xA6\x96\xE9\x83\xBD\xE3\x80\x82",
     "\xE9\xA6\x96\xE9\x83\xBD", "\xE9\xA6\x96\xE9\x83\xBD"},
    // 東京で会議が開かれた。 / query 東京
    {"Meeting",
     "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA7\xE4\xBC\x9A\xE8\xAD\xB0\xE3\x81\x8C\xE9\x96\x8B\xE3\x81\x8B\xE3\x82\x8C\xE3"
     "\x81\x9F\xE3\x80\x82",
     "\xE6\x9D\xB1\xE4\xBA\xAC", "\xE6\x9D\xB1\xE4\xBA\xAC"},
};

struct ScratchDb {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("newsdex-roundtrip-" + std::to_string(std::random_device{}()));
  ~ScratchDb() { std::filesystem::remove_all(path); }
};

bool has_highlight(const newsdex::search::Snippet& s, const std::string& expected) {
  for (const auto& h : s.highlights) {
    if (s.text.substr(h.start, h.end - h.start).find(expected) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("Round trip: every tricky word typed as a user types it finds its article, highlighted") {
  ScratchDb scratch;
  {
    Xapian::WritableDatabase db(scratch.path.string(), Xapian::DB_CREATE);
    newsdex::index::DocumentBuilder builder;
    for (std::size_t i = 0; i < kCases.size(); ++i) {
      newsdex::Article a;
      a.id = "case-" + std::to_string(i);
      a.title = kCases[i].title;
      a.body = kCases[i].body;
      a.lang = "en";
      db.replace_document("Q" + a.id, builder.build(a));
    }
    // Decoys that share common words with the cases.
    for (int i = 0; i < 20; ++i) {
      newsdex::Article a;
      a.id = "decoy-" + std::to_string(i);
      a.title = "Minister speaks on prices";
      a.body = "The secretary said the talks on the economy and the campaign would resume.";
      a.lang = "en";
      db.replace_document("Q" + a.id, builder.build(a));
    }
    db.commit();
  }
  Xapian::Database db(scratch.path.string());
  newsdex::search::QueryBuilder query_builder({"en"});
  newsdex::search::Matcher matcher(db);
  for (std::size_t i = 0; i < kCases.size(); ++i) {
    const Case& c = kCases[i];
    CAPTURE(c.typed);
    auto results = matcher.search(query_builder.build(c.typed), newsdex::search::MatchOptions{});
    REQUIRE_FALSE(results.matches.empty());
    const auto& top = results.matches.front();
    CHECK(top.id == "case-" + std::to_string(i));
    CHECK((has_highlight(top.snippet, c.highlighted) || has_highlight(top.title_highlighted, c.highlighted)));
  }
}
