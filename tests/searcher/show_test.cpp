// shown_article(): a stored Article + the query's HighlightSpec -> what --show
// prints: matches found as the snippets find them, the entity summary
// decoded, quotes placed in the body.
#include "searcher/show.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/entity_summary.h"
#include "searcher/query_builder.h"
#include "searcher/snippet_generator.h"

using newsdex::Article;
using newsdex::EntitySummary;
using newsdex::search::EntitiesState;
using newsdex::search::Highlight;
using newsdex::search::HighlightSpec;
using newsdex::search::QueryBuilder;
using newsdex::search::shown_article;
using newsdex::search::ShownArticle;
using newsdex::search::SnippetGenerator;

namespace {

Article kerry() {
  Article a;
  a.id = "bt-1";
  a.title = "Kerry presses Russia before Munich talks";
  a.body =
      "Kerry said he would press Lavrov in Munich on Thursday. \"We need a date,\" Kerry said. The U.S. "
      "pressed for access.";
  a.lang = "en";
  EntitySummary s;
  s.persons = {"John Kerry", "Sergey Lavrov"};
  s.countries = {{"DE", "Germany"}};
  s.speakers = {"John Kerry"};
  s.quotes = {{"John Kerry", "he would press Lavrov in Munich on Thursday.", "said"},
              {"John Kerry", "We need a date,", "said"}};
  a.entities_json = newsdex::encode_entity_summary(s);
  return a;
}

HighlightSpec spec(const std::string& query) { return QueryBuilder({"en"}).build(query).highlight; }

std::vector<std::string> texts(const std::string& text, const std::vector<Highlight>& ranges) {
  std::vector<std::string> out;
  out.reserve(ranges.size());
  for (const Highlight& h : ranges) out.push_back(text.substr(h.start, h.end - h.start));
  return out;
}

}  // namespace

TEST_CASE("shown_article marks the words a snippet marks: the same matcher, stems and phrases included") {
  Article a = kerry();
  for (const char* query : {"Kerry Munich", "pressing", "\"in Munich\"", "U.S. access", "Mun*"}) {
    CAPTURE(query);
    ShownArticle shown = shown_article(a, spec(query));
    newsdex::analysis::Analyzer analyzer("en");
    SnippetGenerator snippets(spec(query));
    // The body has single spaces only, so highlight_all's offsets are the body's.
    CHECK(texts(a.body, shown.body_highlights) == texts(a.body, snippets.highlight_all(a.body, analyzer).highlights));
    CHECK(texts(a.title, shown.title_highlights) ==
          texts(a.title, snippets.highlight_all(a.title, analyzer).highlights));
  }
  ShownArticle press = shown_article(a, spec("pressing"));
  CHECK(texts(a.body, press.body_highlights) == std::vector<std::string>{"press", "pressed"});
  CHECK(texts(a.title, press.title_highlights) == std::vector<std::string>{"presses"});
  ShownArticle acronym = shown_article(a, spec("U.S."));
  CHECK(texts(a.body, acronym.body_highlights) == std::vector<std::string>{"U.S."});
}

TEST_CASE("shown_article without a query marks nothing") {
  ShownArticle shown = shown_article(kerry(), HighlightSpec{});
  CHECK(shown.body_highlights.empty());
  CHECK(shown.title_highlights.empty());
}

TEST_CASE("shown_article decodes the entity summary and places each quote in the body") {
  Article a = kerry();
  ShownArticle shown = shown_article(a, HighlightSpec{});
  CHECK(shown.entities == EntitiesState::kExtracted);
  CHECK(shown.persons == std::vector<std::string>{"John Kerry", "Sergey Lavrov"});
  CHECK(shown.speakers == std::vector<std::string>{"John Kerry"});
  REQUIRE(shown.countries.size() == 1);
  CHECK(shown.countries[0].code == "DE");
  REQUIRE(shown.quotes.size() == 2);
  for (const auto& q : shown.quotes) {
    REQUIRE(q.start.has_value());
    CHECK(a.body.substr(*q.start, *q.end - *q.start) == q.text);
    CHECK(q.verb == "said");
  }
}

TEST_CASE("shown_article: no summary is 'not extracted', a damaged one says why and shows no entities") {
  Article a = kerry();
  a.entities_json.clear();
  CHECK(shown_article(a, HighlightSpec{}).entities == EntitiesState::kNotExtracted);
  a.entities_json = R"({"persons":"John Kerry"})";
  ShownArticle damaged = shown_article(a, HighlightSpec{});
  CHECK(damaged.entities == EntitiesState::kDamaged);
  CHECK(damaged.entities_error == "\"persons\" is not a list");
  CHECK(damaged.persons.empty());
  CHECK(damaged.body == a.body);  // the article itself is still there
}
