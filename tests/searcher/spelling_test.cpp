// "Did you mean" (searcher/spelling.h): which words are corrected, which are
// spared (words the index holds, their stems, known names, negated words),
// the edit limits, the check that the corrected query matches more, and how
// corrected_query() rewrites the typed text. A real glass database in a temp
// dir, its spelling table filled by the real IndexWriter.
#include "searcher/spelling.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "searcher/query_builder.h"
#include "tests/indexer/test_support.h"

namespace newsdex::search {
namespace {

struct Corpus {
  index::testing::TempDir dir;
  std::string path = (dir.path() / "db").string();
  Corpus() {
    index::DocumentBuilder builder;
    index::IndexWriter writer(path);
    int n = 0;
    auto add = [&](const std::string& title, const std::string& body) {
      Article a{.id = "a" + std::to_string(++n), .title = title, .body = body, .lang = "en"};
      writer.write(a, builder.build(a));
    };
    add("Dockers draw on strike fund", "The union's strike fund pays members during the strike.");
    add("Strike fund running low", "The strike fund will run dry within ten days.");
    for (int i = 0; i < 5; ++i) add("Pension fund results", "The pension fund reported strong returns.");
    add("Ferry fund appeal", "A ferry fund was set up to keep the island ferry running.");
    add("Harbour reopens", "The harbour reopened on Monday after repairs.");
    add("Zanzibarian ferry", "The zanzibarian ferry sailed at dawn.");
    add("Lavrov in port talks", "Sergei Lavrov held talks at the harbour.");
    writer.commit();
  }
};

const Corpus& corpus() {
  static const Corpus c;
  return c;
}

const QueryBuilder& builder() {
  static const QueryBuilder b({"en"});
  return b;
}

// Articles holding every word of `text` (what the search reports as complete
// matches), counted exactly.
std::uint64_t complete_matches(const Xapian::Database& db, const std::string& text) {
  Xapian::Enquire enquire(db);
  enquire.set_query(builder().build(text).complete);
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

std::vector<SpellingCorrection> suggest(
    const std::string& text,
    const CompleteQueryOf& complete = [](std::string_view q) { return builder().build(q).complete; }) {
  Xapian::Database db(corpus().path);
  return suggest_spelling(db, text, {"en"}, complete_matches(db, text), complete);
}

std::string corrected(const std::string& text) { return corrected_query(text, suggest(text)); }

TEST_CASE("a word no article holds is corrected next to words that match many articles") {
  const Xapian::Database db(corpus().path);
  REQUIRE(complete_matches(db, "fund") == 8);
  REQUIRE(complete_matches(db, "strikke fund") == 0);
  const std::vector<SpellingCorrection> c = suggest("strikke fund");
  REQUIRE(c.size() == 1);
  CHECK(c[0].word == "strikke");
  CHECK(c[0].suggestion == "strike");
  CHECK(corrected("strikke fund") == "strike fund");
  CHECK(corrected("fund strikke") == "fund strike");
  // Two misspellings at once.
  CHECK(corrected("strikke fnud") == "strike fund");
}

TEST_CASE("a query the index holds every word of gets no suggestion") {
  CHECK(suggest("strike fund").empty());
  CHECK(suggest("pension").empty());
  CHECK(corrected_query("strike fund", {}).empty());
}

TEST_CASE("a word the index holds is never corrected, however rare") {
  // "zanzibarian" is in one article, never beside "fund": no complete match,
  // and "zanzibarian" is not a misspelling.
  CHECK(suggest("zanzibarian fund").empty());
  // A word the index holds only in another form matches through its stem.
  CHECK(suggest("strikes fund").empty());
  CHECK(suggest("funds").empty());
}

TEST_CASE("a capitalised known name is spared, the same word in lower case is not") {
  // Kerry is a given name of the entity gazetteer: no "ferry fund", though
  // it is one edit away and would match.
  CHECK(suggest("Kerry fund").empty());
  CHECK(suggest("KERRY fund").empty());
  const std::vector<SpellingCorrection> lower = suggest("kerry fund");
  REQUIRE(lower.size() == 1);
  CHECK(lower[0].suggestion == "ferry");
}

TEST_CASE("any other capitalised word is taken for a name, corrected only to a name") {
  // "Lavrov" is a surname (gazetteer) and in the index: "Lavorv" is a typo.
  CHECK(corrected("Lavorv harbour") == "lavrov harbour");
  // "Lavrova" is one edit from "lavrov" too, but a surname (its ending).
  CHECK(suggest("Lavrova harbour").empty());
  // "Pensoin" might be a name the index does not hold: not turned into a
  // common word, while the same word in lower case is.
  CHECK(suggest("Pensoin fund").empty());
  CHECK(suggest("PENSOIN fund").empty());
  CHECK(corrected("pensoin fund") == "pension fund");
}

TEST_CASE("no suggestion unless the corrected query matches more articles than the typed one") {
  // "strike harbour" matches nothing either.
  CHECK(suggest("strikke harbour").empty());
  // The caller's filters apply: with a filter that excludes everything, the
  // corrected query matches nothing more.
  CHECK(suggest("strikke fund", [](std::string_view q) {
          return Xapian::Query(Xapian::Query::OP_FILTER, builder().build(q).complete, Xapian::Query("Qnone"));
        }).empty());
}

TEST_CASE("short words get one edit, longer ones two") {
  CHECK(corrected("fudn strike") == "fund strike");  // 4 letters, one transposition
  CHECK(suggest("fxnx strike").empty());             // 4 letters, two edits from "fund"
  CHECK(corrected("strkie fund") == "strike fund");  // 6 letters, two edits
}

TEST_CASE("a stopword is never suggested: the query would drop it") {
  // "thw" is one edit from "the" (in every article) and from nothing else.
  CHECK(suggest("thw fund").empty());
}

TEST_CASE("negated words, wildcards and non-text fields are not corrected") {
  CHECK(suggest("fund -strikke").empty());
  CHECK(suggest("fund NOT strikke").empty());
  CHECK(suggest("strikk* fund").empty());
  CHECK(suggest("author:strikke fund").empty());
}

TEST_CASE("corrected_query replaces the typed word and keeps the rest of the query byte for byte") {
  CHECK(corrected("\"strikke fund\"") == "\"strike fund\"");
  CHECK(corrected("(strikke OR pension) AND fund") == "(strike OR pension) AND fund");
  CHECK(corrected("+strikke   fund") == "+strike   fund");
  CHECK(corrected("title:strikke fund") == "title:strike fund");
  CHECK(corrected("fund  strikke") == "fund  strike");
  // Only the free-text occurrence is replaced, not the negated one.
  CHECK(corrected_query("strikke fund -strikke", {{"strikke", "strike"}}) == "strike fund -strikke");
  // A query that does not parse yields no corrected query.
  CHECK(corrected_query("strikke AND", {{"strikke", "strike"}}).empty());
}

}  // namespace
}  // namespace newsdex::search
