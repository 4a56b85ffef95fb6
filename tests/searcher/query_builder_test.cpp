#include "searcher/query_builder.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/schema.h"

namespace newsdex::search {
namespace {

using analysis::Analyzer;
using analysis::Token;

struct Article {
  std::string id;
  std::string title;
  std::string body;
  std::string source = "Harbor Ledger";
  std::string lang = "en";
  std::string author = "";
};

std::string prefixed(std::string_view prefix, const std::string& term) { return std::string(prefix) + term; }

// An in-memory database holding the terms schema.h describes, written by hand
// with the shared Analyzer (the indexer's DocumentBuilder is tested on its own).
class TestIndex {
 public:
  explicit TestIndex(const std::vector<std::string>& languages = {"en"})
      : db_(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    for (const std::string& lang : languages) stemmers_.emplace_back(lang);
  }

  TestIndex& add(const Article& article) {
    Xapian::Document doc;
    std::vector<Token> title = tokenizer_.tokenize(article.title);
    auto title_length = static_cast<Xapian::termpos>(title.size());
    for (std::size_t i = 0; i < title.size(); ++i) {
      auto pos = static_cast<Xapian::termpos>(i + 1);
      doc.add_posting(title[i].term, pos, schema::kTitleWdfBoost);
      doc.add_posting(prefixed(schema::kPrefixTitle, title[i].term), pos);
      for (const Analyzer& stemmer : stemmers_) {
        doc.add_term(prefixed(schema::kPrefixStem, stemmer.stem(title[i].term)));
        doc.add_term(prefixed(schema::kPrefixTitleStem, stemmer.stem(title[i].term)));
      }
    }
    std::vector<Token> body = tokenizer_.tokenize(article.body);
    for (std::size_t i = 0; i < body.size(); ++i) {
      doc.add_posting(body[i].term, title_length + schema::kFieldPositionGap + static_cast<Xapian::termpos>(i));
      for (const Analyzer& stemmer : stemmers_) {
        doc.add_term(prefixed(schema::kPrefixStem, stemmer.stem(body[i].term)));
      }
    }
    for (const Token& token : tokenizer_.tokenize(article.author)) {
      doc.add_term(prefixed(schema::kPrefixAuthor, token.term));
    }
    doc.add_boolean_term(prefixed(schema::kPrefixSource, analysis::normalize_value(tokenizer_, article.source)));
    doc.add_boolean_term(prefixed(schema::kPrefixLang, article.lang));
    doc.add_boolean_term(prefixed(schema::kPrefixId, article.id));
    doc.set_data(article.id);
    db_.add_document(doc);
    return *this;
  }

  // Ids of the matching articles, best first, space-separated (so that a
  // failing CHECK prints them).
  std::string ranked(const Xapian::Query& query) const { return join(matches(query)); }

  // Ids of the matching articles, sorted, space-separated.
  std::string ids(const Xapian::Query& query) const {
    std::vector<std::string> out = matches(query);
    std::sort(out.begin(), out.end());
    return join(out);
  }

 private:
  std::vector<std::string> matches(const Xapian::Query& query) const {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    Xapian::MSet mset = enquire.get_mset(0, 1000);
    std::vector<std::string> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_data());
    return ids;
  }

  static std::string join(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
    return out;
  }

  Xapian::WritableDatabase db_;
  Analyzer tokenizer_{"en"};
  std::vector<Analyzer> stemmers_;
};

std::string complete_of(std::string_view query, const std::vector<std::string>& languages = {"en"}) {
  return QueryBuilder(languages).build(query).complete.get_description();
}

// A few one-line articles for the boolean-logic tests.
TestIndex people_index() {
  TestIndex index;
  index.add({.id = "kerry+lavrov", .title = "", .body = "Kerry and Lavrov met"})
      .add({.id = "kerry", .title = "", .body = "Kerry spoke"})
      .add({.id = "lavrov", .title = "", .body = "Lavrov spoke"})
      .add({.id = "putin", .title = "", .body = "Putin spoke"})
      .add({.id = "kerry+putin", .title = "", .body = "Kerry phoned Putin"});
  return index;
}

}  // namespace

TEST_CASE("QueryBuilder turns a word into its exact term OR its stem") {
  CHECK(complete_of("talks") == "Query((talks OR Ztalk))");
  CHECK(complete_of("Kerry") == "Query((kerry OR Zkerri))");
  CHECK(complete_of("MÜNCHEN") == "Query((munchen OR Zmunchen))");
}

TEST_CASE("QueryBuilder ranks an exact form above a stem-only match") {
  TestIndex index;
  index.add({.id = "stem-only", .title = "", .body = "the talking went on"})
      .add({.id = "exact", .title = "", .body = "the talks went on"});
  QueryBuilder builder({"en"});
  CHECK(index.ranked(builder.build("talks").complete) == "exact stem-only");
  CHECK(index.ranked(builder.build("talking").complete) == "stem-only exact");
}

TEST_CASE("QueryBuilder adds one stem term per database language, without duplicates") {
  CHECK(complete_of("Kerry", {"en", "de"}) == "Query((kerry OR Zkerri OR Zkerry))");
  CHECK(complete_of("talks", {"en", "de"}) == "Query((talks OR Ztalk))");  // both stem to "talk"
  CHECK(complete_of("talks", {"en", "english"}) == "Query((talks OR Ztalk))");
}

TEST_CASE("QueryBuilder finds inflections of every database language") {
  TestIndex index({"en", "de"});
  index.add({.id = "de", .title = "Verhandlungen in Genf", .body = "Die Gespräche gehen weiter.", .lang = "de"})
      .add({.id = "en", .title = "Elections in Geneva", .body = "The talks go on."});
  CHECK(index.ids(QueryBuilder({"en", "de"}).build("Verhandlung").complete) == "de");
  CHECK(index.ids(QueryBuilder({"en"}).build("Verhandlung").complete).empty());
  CHECK(index.ids(QueryBuilder({"en", "de"}).build("election").complete) == "en");
}

TEST_CASE("QueryBuilder without languages matches exact terms only") {
  CHECK(complete_of("talks", {}) == "Query(talks)");
  CHECK(complete_of("title:talks", {}) == "Query(Stalks)");
}

TEST_CASE("QueryBuilder finds an indexed word typed with other case, accents and possessive") {
  TestIndex index;
  index.add({.id = "a", .title = "Kerry's visit to Genève", .body = "The U.S. envoy arrived."});
  QueryBuilder builder({"en"});
  for (std::string_view query : {"kerry", "KERRY'S", "geneve", "Genève", "U.S.", "us envoy"}) {
    CAPTURE(query);
    CHECK(index.ids(builder.build(query).complete) == "a");
  }
}

TEST_CASE("QueryBuilder treats Al-Meslet as a phrase of al and meslet") {
  BuiltQuery built = QueryBuilder({"en"}).build("Al-Meslet");
  CHECK(built.complete.get_description() == "Query((al PHRASE 2 meslet))");
  CHECK(built.highlight.phrases == std::vector<std::vector<std::string>>{{"al", "meslet"}});
  CHECK(built.highlight.terms.empty());

  TestIndex index;
  index.add({.id = "name", .title = "", .body = "Ahmad Al-Meslet won the vote"})
      .add({.id = "apart", .title = "", .body = "In Meslet, al fresco dining returned"});
  CHECK(index.ids(built.complete) == "name");
}

TEST_CASE("QueryBuilder treats COVID-19 and U.S.-led as phrases") {
  CHECK(complete_of("COVID-19") == "Query((covid PHRASE 2 19))");
  CHECK(complete_of("U.S.-led") == "Query((us PHRASE 2 led))");
}

TEST_CASE("QueryBuilder matches quoted phrases on exact positional terms") {
  TestIndex index;
  index.add({.id = "phrase", .title = "", .body = "the peace talks resumed"})
      .add({.id = "reversed", .title = "", .body = "talks about peace resumed"})
      .add({.id = "singular", .title = "", .body = "a peace talk resumed"});
  BuiltQuery built = QueryBuilder({"en"}).build("\"peace talks\"");
  CHECK(built.complete.get_description() == "Query((peace PHRASE 2 talks))");
  CHECK(index.ids(built.complete) == "phrase");
}

TEST_CASE("QueryBuilder matches a quoted single word exactly, without stems") {
  CHECK(complete_of("\"talks\"") == "Query(talks)");
  TestIndex index;
  index.add({.id = "exact", .title = "", .body = "the talks"}).add({.id = "other", .title = "", .body = "the talking"});
  CHECK(index.ids(QueryBuilder({"en"}).build("\"talks\"").complete) == "exact");
}

TEST_CASE("QueryBuilder does not match a phrase or NEAR across the title/body seam") {
  TestIndex index;
  index.add({.id = "seam", .title = "Leaders discuss peace", .body = "talks resume today"});
  QueryBuilder builder({"en"});
  CHECK(index.ids(builder.build("\"peace talks\"").complete).empty());
  CHECK(index.ids(builder.build("peace NEAR talks").complete).empty());
  CHECK(index.ids(builder.build("peace talks").complete) == "seam");
}

TEST_CASE("QueryBuilder ANDs juxtaposed words in complete and ORs them in partial") {
  BuiltQuery built = QueryBuilder({"en"}).build("Kerry Lavrov");
  CHECK(built.complete.get_description() == "Query(((kerry OR Zkerri) AND (lavrov OR Zlavrov)))");
  CHECK(built.partial.get_description() == "Query(((kerry OR Zkerri) OR (lavrov OR Zlavrov)))");
  TestIndex index = people_index();
  CHECK(index.ids(built.complete) == "kerry+lavrov");
  CHECK(index.ids(built.partial) == "kerry kerry+lavrov kerry+putin lavrov");
  CHECK(index.ranked(built.partial).starts_with("kerry+lavrov "));
}

TEST_CASE("QueryBuilder leaves partial empty without two optional items at the top level") {
  for (std::string_view query : {"Kerry", "Kerry OR Lavrov", "Kerry AND Lavrov", "+Kerry Lavrov", "the Kerry",
                                 "Kerry -Lavrov", "Kerry NEAR Lavrov", "Kerry Putin AND Lavrov", "source:Wire"}) {
    CAPTURE(query);
    CHECK(QueryBuilder({"en"}).build(query).partial.empty());
  }
  CHECK_FALSE(QueryBuilder({"en"}).build("(Kerry Lavrov)").partial.empty());
}

TEST_CASE("QueryBuilder requires +words in the partial query too") {
  BuiltQuery built = QueryBuilder({"en"}).build("+Kerry Lavrov Putin");
  CHECK(built.partial.get_description() == "Query(((kerry OR Zkerri) AND ((lavrov OR Zlavrov) OR (putin OR Zputin))))");
  TestIndex index = people_index();
  CHECK(index.ids(built.complete).empty());
  CHECK(index.ids(built.partial) == "kerry+lavrov kerry+putin");
}

TEST_CASE("QueryBuilder keeps exclusions and filters in the partial query") {
  BuiltQuery built = QueryBuilder({"en"}).build("Kerry Lavrov -Putin source:Wire");
  CHECK(built.partial.get_description() ==
        "Query(((((kerry OR Zkerri) OR (lavrov OR Zlavrov)) AND_NOT (putin OR Zputin)) FILTER XSRCwire))");
  TestIndex index = people_index();
  CHECK(index.ids(QueryBuilder({"en"}).build("Kerry Lavrov -Putin").partial) == "kerry kerry+lavrov lavrov");
}

TEST_CASE("QueryBuilder drops stopwords from implicit groups") {
  CHECK(complete_of("the talks") == complete_of("talks"));
  CHECK(complete_of("the who") == "Query(((the OR Zthe) AND (who OR Zwho)))");
  CHECK(complete_of("+the talks") == "Query(((the OR Zthe) AND (talks OR Ztalk)))");
  CHECK(complete_of("\"the talks\"") == "Query((the PHRASE 2 talks))");
  CHECK(QueryBuilder({"en"}).build("the talks").highlight.terms.size() == 1);
}

TEST_CASE("QueryBuilder excludes -words, -phrases and -groups") {
  CHECK(complete_of("Kerry -Lavrov") == "Query(((kerry OR Zkerri) AND_NOT (lavrov OR Zlavrov)))");
  CHECK(complete_of("Kerry -\"peace talks\"") == "Query(((kerry OR Zkerri) AND_NOT (peace PHRASE 2 talks)))");
  CHECK(complete_of("Kerry -(Lavrov Putin)") ==
        "Query(((kerry OR Zkerri) AND_NOT ((lavrov OR Zlavrov) AND (putin OR Zputin))))");
  TestIndex index = people_index();
  QueryBuilder builder({"en"});
  CHECK(index.ids(builder.build("Kerry -Lavrov").complete) == "kerry kerry+putin");
  CHECK(index.ids(builder.build("Kerry -(Lavrov OR Putin)").complete) == "kerry");
}

TEST_CASE("QueryBuilder turns a query of only exclusions into everything except them") {
  BuiltQuery built = QueryBuilder({"en"}).build("-Kerry");
  CHECK(built.complete.get_description() == "Query((<alldocuments> AND_NOT (kerry OR Zkerri)))");
  CHECK(people_index().ids(built.complete) == "lavrov putin");
  CHECK(people_index().ids(QueryBuilder({"en"}).build("NOT Kerry").complete) == "lavrov putin");
}

TEST_CASE("QueryBuilder reads a NOT b and a AND NOT b as a AND_NOT b") {
  std::string expected = "Query(((kerry OR Zkerri) AND_NOT (lavrov OR Zlavrov)))";
  CHECK(complete_of("Kerry NOT Lavrov") == expected);
  CHECK(complete_of("Kerry AND NOT Lavrov") == expected);
  CHECK(people_index().ids(QueryBuilder({"en"}).build("Kerry NOT Lavrov").complete) == "kerry kerry+putin");
}

TEST_CASE("QueryBuilder binds OR looser than AND and juxtaposition") {
  TestIndex index = people_index();
  QueryBuilder builder({"en"});
  CHECK(complete_of("Kerry Lavrov OR Putin") ==
        "Query((((kerry OR Zkerri) AND (lavrov OR Zlavrov)) OR (putin OR Zputin)))");
  CHECK(index.ids(builder.build("Kerry Lavrov OR Putin").complete) == "kerry+lavrov kerry+putin putin");
  CHECK(index.ids(builder.build("Kerry OR Lavrov AND Putin").complete) == "kerry kerry+lavrov kerry+putin");
  CHECK(index.ids(builder.build("(Kerry OR Lavrov) Putin").complete) == "kerry+putin");
}

TEST_CASE("QueryBuilder treats lower-case and, or, not as ordinary words") {
  CHECK(complete_of("war or peace") == complete_of("war peace"));
  CHECK(complete_of("+or") == "Query((or OR Zor))");
  CHECK(people_index().ids(QueryBuilder({"en"}).build("Kerry or Putin").complete) == "kerry+putin");
}

TEST_CASE("QueryBuilder builds NEAR as OP_NEAR with window 10 over exact terms") {
  CHECK(complete_of("Kerry NEAR Lavrov") == "Query((kerry NEAR 10 lavrov))");
  CHECK(complete_of("Kerry NEAR/5 Lavrov") == "Query((kerry NEAR 5 lavrov))");
  CHECK(complete_of("Kerry NEAR Lavrov NEAR Putin") == "Query((kerry NEAR 10 lavrov NEAR 10 putin))");
  CHECK(complete_of("title:Kerry NEAR title:Lavrov") == "Query((Skerry NEAR 10 Slavrov))");

  TestIndex index;
  index.add({.id = "span7", .title = "", .body = "Kerry one two three four five Lavrov"})
      .add({.id = "span3", .title = "", .body = "Lavrov and Kerry"})
      .add({.id = "span14", .title = "", .body = "Kerry a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 Lavrov"})
      .add({.id = "inflected", .title = "", .body = "Kerry's Lavrovs"});
  QueryBuilder builder({"en"});
  CHECK(index.ids(builder.build("Kerry NEAR Lavrov").complete) == "span3 span7");
  CHECK(index.ids(builder.build("Kerry NEAR/3 Lavrov").complete) == "span3");
  CHECK(index.ids(builder.build("Kerry NEAR/14 Lavrov").complete) == "span14 span3 span7");
}

TEST_CASE("QueryBuilder binds NEAR tighter than juxtaposition and OR") {
  CHECK(complete_of("Kerry NEAR Lavrov Geneva") == "Query(((kerry NEAR 10 lavrov) AND (geneva OR Zgeneva)))");
  CHECK(complete_of("Kerry NEAR Lavrov OR Putin") == "Query(((kerry NEAR 10 lavrov) OR (putin OR Zputin)))");
  CHECK(complete_of("Geneva -(Kerry NEAR Lavrov)") == "Query(((geneva OR Zgeneva) AND_NOT (kerry NEAR 10 lavrov)))");
}

// The fact the NEAR design rests on: Xapian 1.4 accepts only terms, or OR of
// terms, under OP_NEAR and OP_PHRASE, and refuses anything else when the
// Query is constructed.
TEST_CASE("Xapian 1.4 OP_NEAR and OP_PHRASE take terms or OR of terms, not phrases or wildcards") {
  using Q = Xapian::Query;
  std::vector<Q> with_or{Q(Q::OP_OR, Q("kerry"), Q("lavrov")), Q("putin")};
  CHECK_NOTHROW(Q(Q::OP_NEAR, with_or.begin(), with_or.end(), 10));
  CHECK_NOTHROW(Q(Q::OP_PHRASE, with_or.begin(), with_or.end(), 2));
  std::vector<Q> with_phrase{Q(Q::OP_PHRASE, Q("peace"), Q("talks")), Q("kerry")};
  CHECK_THROWS_AS(Q(Q::OP_NEAR, with_phrase.begin(), with_phrase.end(), 10), Xapian::UnimplementedError);
  CHECK_THROWS_AS(Q(Q::OP_PHRASE, with_phrase.begin(), with_phrase.end(), 3), Xapian::UnimplementedError);
  std::vector<Q> with_wildcard{Q(Q::OP_WILDCARD, "syri", 100, Q::WILDCARD_LIMIT_MOST_FREQUENT), Q("war")};
  CHECK_THROWS_AS(Q(Q::OP_NEAR, with_wildcard.begin(), with_wildcard.end(), 10), Xapian::UnimplementedError);
}

TEST_CASE("QueryBuilder approximates a phrase NEAR a word with its terms in the NEAR and the phrase as a filter") {
  BuiltQuery built = QueryBuilder({"en"}).build("\"peace talks\" NEAR Kerry");
  CHECK(built.complete.get_description() ==
        "Query(((peace NEAR 11 talks NEAR 11 kerry) FILTER (peace PHRASE 2 talks)))");
  CHECK(complete_of("Al-Meslet NEAR/3 election") ==
        "Query(((al NEAR 4 meslet NEAR 4 election) FILTER (al PHRASE 2 meslet)))");

  TestIndex index;
  index.add({.id = "near", .title = "", .body = "Kerry said the peace talks would go on"})
      .add({.id = "far", .title = "", .body = "Kerry a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 the peace talks"})
      .add({.id = "no-phrase", .title = "", .body = "Kerry said talks on peace would go on"});
  CHECK(index.ids(built.complete) == "near");
}

TEST_CASE("QueryBuilder searches title: with S and ZS terms") {
  CHECK(complete_of("title:talks") == "Query((Stalks OR ZStalk))");
  CHECK(complete_of("title:\"peace talks\"") == "Query((Speace PHRASE 2 Stalks))");
  TestIndex index;
  index.add({.id = "title", .title = "Syria talks", .body = "Nothing else."})
      .add({.id = "body", .title = "Other news", .body = "Syria was mentioned."})
      .add({.id = "inflected", .title = "Talking to Syria", .body = "Nothing."});
  QueryBuilder builder({"en"});
  CHECK(index.ids(builder.build("title:talks").complete) == "inflected title");
  CHECK(index.ids(builder.build("title:\"Syria talks\"").complete) == "title");
  CHECK(index.ranked(builder.build("Syria").complete).ends_with(" body"));  // title words weigh more
  CHECK(index.ids(builder.build("TiTle:syria -title:\"talking\"").complete) == "title");
}

TEST_CASE("QueryBuilder matches author: words without stems, and author phrases as AND") {
  CHECK(complete_of("author:Smith") == "Query(Asmith)");
  CHECK(complete_of("author:\"Jane Smith\"") == "Query((Ajane AND Asmith))");
  TestIndex index;
  index.add({.id = "jane", .title = "", .body = "x", .author = "Jane Smith"})
      .add({.id = "john", .title = "", .body = "x", .author = "John Smith"});
  QueryBuilder builder({"en"});
  CHECK(index.ids(builder.build("author:smith").complete) == "jane john");
  CHECK(index.ids(builder.build("author:\"Jane Smith\"").complete) == "jane");
}

TEST_CASE("QueryBuilder ORs filters on the same field and ANDs filters on different fields") {
  CHECK(complete_of("Kerry source:\"Harbor Ledger\" source:Wire lang:en") ==
        "Query(((kerry OR Zkerri) FILTER ((XSRCharbor ledger OR XSRCwire) AND Len)))");

  TestIndex index;
  index.add({.id = "ledger-en", .title = "", .body = "Kerry spoke", .source = "Harbor Ledger"})
      .add({.id = "wire-en", .title = "", .body = "Kerry spoke", .source = "Wire"})
      .add({.id = "blatt-de", .title = "", .body = "Kerry sprach", .source = "Berliner Blatt", .lang = "de"})
      .add({.id = "wire-de", .title = "", .body = "Kerry sprach", .source = "Wire", .lang = "de"});
  QueryBuilder builder({"en"});
  CHECK(index.ids(builder.build("Kerry source:\"Harbor Ledger\" source:Wire").complete) == "ledger-en wire-de wire-en");
  CHECK(index.ids(builder.build("Kerry source:Wire lang:de").complete) == "wire-de");
  CHECK(index.ids(builder.build("Kerry source:\"Harbor Ledger\" lang:de").complete).empty());
  CHECK(index.ids(builder.build("Kerry (source:Wire OR lang:de)").complete) == "blatt-de wire-de wire-en");
  CHECK(index.ids(builder.build("Kerry -source:Wire").complete) == "blatt-de ledger-en");
  CHECK(index.ids(builder.build("Kerry lang:German").complete) == "blatt-de wire-de");
}

TEST_CASE("QueryBuilder applies a query of filters only to every document") {
  BuiltQuery built = QueryBuilder({"en"}).build("source:\"harbor   LEDGER\"");
  CHECK(built.complete.get_description() == "Query((<alldocuments> FILTER XSRCharbor ledger))");
  CHECK(built.highlight.terms.empty());
  CHECK(complete_of("source:Wire -Kerry") == "Query(((<alldocuments> AND_NOT (kerry OR Zkerri)) FILTER XSRCwire))");
  TestIndex index;
  index.add({.id = "ledger", .title = "", .body = "a b", .source = "Harbor Ledger"})
      .add({.id = "wire", .title = "", .body = "a b", .source = "Wire"});
  CHECK(index.ids(built.complete) == "ledger");
}

TEST_CASE("QueryBuilder keeps an unknown name: as ordinary text") {
  CHECK(complete_of("xyz:foo") == "Query((xyz PHRASE 2 foo))");
  TestIndex index;
  index.add({.id = "clock", .title = "", .body = "The vote closes at 10:30 tonight"})
      .add({.id = "url", .title = "", .body = "Read more at http://example.com today"});
  QueryBuilder builder({"en"});
  CHECK(index.ids(builder.build("10:30").complete) == "clock");
  CHECK(index.ids(builder.build("http://example.com").complete) == "url");
}

TEST_CASE("QueryBuilder expands a trailing wildcard over exact terms") {
  CHECK(complete_of("Syri*") == "Query(WILDCARD SYNONYM syri)");
  CHECK(complete_of("title:Syri*") == "Query(WILDCARD SYNONYM Ssyri)");
  CHECK(complete_of("Kerry -Syri*") == "Query(((kerry OR Zkerri) AND_NOT WILDCARD SYNONYM syri))");
  TestIndex index;
  index.add({.id = "syria", .title = "Talks on Syria", .body = "Geneva"})
      .add({.id = "syrian", .title = "Geneva", .body = "Syrian refugees"})
      .add({.id = "syracuse", .title = "Geneva", .body = "Syracuse won"});
  QueryBuilder builder({"en"});
  CHECK(index.ids(builder.build("Syri*").complete) == "syria syrian");
  CHECK(index.ids(builder.build("title:Syri*").complete) == "syria");
  CHECK(index.ids(builder.build("Geneva -Syri*").complete) == "syracuse");
}

TEST_CASE("QueryBuilder keeps the 100 most frequent terms of a wildcard expansion") {
  std::string common;
  for (int i = 0; i < 100; ++i) common += "zq" + std::to_string(1000 + i) + " ";
  TestIndex index;
  index.add({.id = "common1", .title = "", .body = common})
      .add({.id = "common2", .title = "", .body = common})
      .add({.id = "rare", .title = "", .body = "zqrare"});
  // 101 candidate terms: the rare one is left out, and nothing throws.
  CHECK(index.ids(QueryBuilder({"en"}).build("zq*").complete) == "common1 common2");
  CHECK(index.ids(QueryBuilder({"en"}).build("zqr*").complete) == "rare");
}

TEST_CASE("QueryBuilder highlights positive words, phrases and wildcards, de-duplicated") {
  HighlightSpec spec = QueryBuilder({"en"})
                           .build(
                               "Kerry \"peace talks\" Al-Meslet Syri* -Lavrov title:Geneva kerry source:Wire NOT "
                               "(Putin \"Moscow talks\")")
                           .highlight;
  REQUIRE(spec.terms.size() == 3);
  CHECK(spec.terms[0].term == "kerry");
  CHECK(spec.terms[0].stemmed);
  CHECK_FALSE(spec.terms[0].prefix);
  CHECK(spec.terms[0].weight == 1.0);
  CHECK(spec.terms[1].term == "syri");
  CHECK_FALSE(spec.terms[1].stemmed);
  CHECK(spec.terms[1].prefix);
  CHECK(spec.terms[2].term == "geneva");
  CHECK(spec.terms[2].stemmed);
  CHECK(spec.phrases == std::vector<std::vector<std::string>>{{"peace", "talks"}, {"al", "meslet"}});
}

TEST_CASE("QueryBuilder highlights NEAR operands and quoted words as exact words") {
  HighlightSpec spec = QueryBuilder({"en"}).build("Kerry NEAR Lavrov \"talks\"").highlight;
  REQUIRE(spec.terms.size() == 3);
  for (const HighlightTerm& term : spec.terms) {
    CAPTURE(term.term);
    CHECK_FALSE(term.stemmed);
  }
  // The same word also written plainly is highlighted with its stem.
  spec = QueryBuilder({"en"}).build("Kerry NEAR Lavrov Kerry").highlight;
  REQUIRE(spec.terms.size() == 2);
  CHECK(spec.terms[0].term == "kerry");
  CHECK(spec.terms[0].stemmed);
}

TEST_CASE("QueryBuilder highlights a query word as the analyzer tokenises the article") {
  Analyzer analyzer("en");
  std::vector<Token> tokens = analyzer.tokenize("Kerry’s visit to Genève");
  HighlightSpec spec = QueryBuilder({"en"}).build("KERRY'S geneve").highlight;
  REQUIRE(spec.terms.size() == 2);
  CHECK(spec.terms[0].term == tokens[0].term);
  CHECK(spec.terms[1].term == tokens[3].term);
}

TEST_CASE("QueryBuilder throws QuerySyntaxError with the position of the problem") {
  QueryBuilder builder({"en"});
  for (std::string_view query : {"", "...", "Kerry AND", "OR Kerry", "(Kerry", "Kerry)", "\"Kerry", "*",
                                 "(Kerry Lavrov) NEAR Putin", "\"peace talks\" NEAR Syri*"}) {
    CAPTURE(query);
    CHECK_THROWS_AS(builder.build(query), QuerySyntaxError);
  }
  try {
    builder.build("Kerry AND (Lavrov");
    FAIL("no QuerySyntaxError");
  } catch (const QuerySyntaxError& e) {
    CHECK(e.position() == 10);
    CHECK(std::string_view(e.what()) == "missing ')' for '(' at column 11");
  }
}

namespace {

// format_query_error for what building `query` throws.
std::string error_display(const std::string& query) {
  try {
    QueryBuilder({"en"}).build(query);
  } catch (const QuerySyntaxError& e) {
    return format_query_error(e, query);
  }
  return "no error";
}

}  // namespace

TEST_CASE("format_query_error shows the message, the query and a caret under the error") {
  CHECK(error_display("Kerry AND") ==
        "query syntax error at column 7: expected a word, phrase or '(' after AND\n"
        "  Kerry AND\n"
        "        ^\n");
  CHECK(error_display("(Kerry") ==
        "query syntax error at column 1: missing ')' for '(' at column 1\n"
        "  (Kerry\n"
        "  ^\n");
}

TEST_CASE("issue_11 format_query_error places the caret by characters and display columns, not bytes") {
  // "München " is 9 bytes, 8 characters, 8 columns; "東京 " is 7 bytes, 3
  // characters, 5 columns.
  CHECK(error_display("München (Kerry") ==
        "query syntax error at column 9: missing ')' for '(' at column 9\n"
        "  München (Kerry\n"
        "          ^\n");
  CHECK(error_display("東京 (Kerry") ==
        "query syntax error at column 4: missing ')' for '(' at column 4\n"
        "  東京 (Kerry\n"
        "       ^\n");
}

TEST_CASE("issue_11 format_query_error shows control characters in the query as escapes, the caret under them") {
  CHECK(error_display("a\x1b[2Jb\u202e\tc AND") ==
        "query syntax error at column 11: expected a word, phrase or '(' after AND\n"
        "  a\\x1b[2Jb\\u202e\\tc AND\n"
        "                     ^\n");
}

TEST_CASE("issue_11 format_query_error shows a long query as a window around the error") {
  std::string before(50000, 'a');
  std::string after(50000, 'b');
  std::string query = "x" + before.substr(0, 5000) + " (Kerry " + after.substr(0, 5000);
  std::string shown = error_display(query);
  CHECK(shown ==
        "query syntax error at column 5003: missing ')' for '(' at column 5003\n"
        "  …" +
            std::string(31, 'a') + " (Kerry " + std::string(33, 'b') + "…\n" + std::string(2 + 1 + 31 + 1, ' ') +
            "^\n");
  // Too long for the limit: the window starts at the limit, where the error is.
  shown = error_display(before + after);
  CHECK(shown.size() < 300);
  CHECK(shown.starts_with(
      "query syntax error at column 32769: the query is too long: 100,000 bytes, the limit is 32,768\n"));
  CHECK(shown.find("  …" + std::string(32, 'a') + std::string(40, 'a') + "…\n") != std::string::npos);
}

}  // namespace newsdex::search

namespace newsdex::search {
namespace {

TEST_CASE("FieldFilter values are taken whole: quotes, typographic quotes and operator words do not break them") {
  TestIndex index;
  index.add({.id = "a", .title = "Ferry", .body = "The ferry sailed at dawn.", .source = "The “Daily” Star"})
      .add({.id = "b", .title = "Ferry", .body = "A ferry and a barge.", .source = "Harbor \"Ledger\" AND News"})
      .add({.id = "c", .title = "Ferry", .body = "No ferry today.", .source = "Harbor Ledger"})
      .add({.id = "d", .title = "Bridge", .body = "The bridge opened.", .source = "The “Daily” Star"});
  QueryBuilder qb({"en"});
  CHECK(index.ids(qb.build("ferry", {{"source", {"The “Daily” Star"}}}).complete) == "a");
  CHECK(index.ids(qb.build("ferry", {{"source", {"Harbor \"Ledger\" AND News"}}}).complete) == "b");
  CHECK(index.ids(qb.build("", {{"source", {"The “Daily” Star"}}}).complete) == "a d");
  // Several values of one filter are OR'd; several filters AND'd.
  CHECK(index.ids(qb.build("ferry", {{"source", {"Harbor Ledger", "The “Daily” Star"}}}).complete) == "a c");
  CHECK(index.ids(qb.build("", {{"source", {"Harbor Ledger"}}, {"lang", {"en"}}}).complete) == "c");
  CHECK(index.ids(qb.build("", {{"source", {"Harbor Ledger"}}, {"lang", {"de"}}}).complete).empty());
}

TEST_CASE("A FieldFilter filters like field:\"value\" in the query: same matches, same order, same partial query") {
  TestIndex index;
  index.add({.id = "a", .title = "Ferry strike", .body = "The ferry strike ended.", .source = "Harbor Ledger"})
      .add({.id = "b", .title = "Ferry", .body = "A ferry and a barge, a ferry.", .source = "Harbor Ledger"})
      .add({.id = "c", .title = "Strike", .body = "A strike.", .source = "Harbor Ledger"})
      .add({.id = "e", .title = "Ferry strike", .body = "Ferry strike.", .source = "Other"});
  QueryBuilder qb({"en"});
  const BuiltQuery structured = qb.build("ferry strike", {{"source", {"Harbor Ledger"}}});
  const BuiltQuery spliced = qb.build("ferry strike source:\"Harbor Ledger\"");
  CHECK(index.ranked(structured.complete) == index.ranked(spliced.complete));
  CHECK(index.ranked(structured.partial) == index.ranked(spliced.partial));
  CHECK(index.ranked(structured.complete) == "a");
  CHECK(index.ids(structured.partial) == "a b c");
}

TEST_CASE("A bad FieldFilter value is an error naming the option, not a query syntax error") {
  QueryBuilder qb({"en"});
  auto message = [&](const FieldFilter& filter) {
    try {
      qb.build("ferry", {filter});
    } catch (const QuerySyntaxError&) {
      return std::string("QuerySyntaxError");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(message({"country", {"Narnia"}}).starts_with("--country: unknown country 'Narnia'"));
  CHECK(message({"lang", {"klingonese"}}).starts_with("--lang: unknown language"));
  CHECK(message({"speaker", {"\"…\""}}) == "--speaker: nothing to search for in '\"…\"'");
  CHECK(message({"title", {"x"}}) == "--title: not a filter field");
  CHECK(message({"speaker", {"bad \xFF"}}).starts_with("--speaker: the value is not valid UTF-8"));
  CHECK_THROWS_AS(qb.build("", {}), QuerySyntaxError);  // nothing at all: "empty query", as build("")
}

}  // namespace
}  // namespace newsdex::search
