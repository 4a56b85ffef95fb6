#include "common/entities/quotes.h"

#include <doctest/doctest.h>

#include <string>

#include "common/entities/organizations.h"

namespace ent = newsdex::entities;

namespace {

std::vector<ent::Quote> quotes_of(const std::string& body) {
  const ent::FieldText t{ent::Field::kTitle, "", {}};
  const ent::FieldText b{ent::Field::kBody, body, ent::scan_words(body)};
  const auto orgs = ent::find_organizations(t, b);
  const auto persons = ent::find_persons(t, b, orgs.spans);
  return ent::find_quotes(b, persons);
}

std::string text_of(const std::string& body, const ent::Quote& q) {
  return body.substr(q.text.start, q.text.end - q.text.start);
}

}  // namespace

TEST_CASE("Quotes: direct quote attributed after the closing mark, and 'he said'") {
  const std::string body = "John Kerry arrived.\n\n\"We will act,\" Kerry said. \"Soon.\"\n\n\"Very soon,\" he said.";
  const auto q = quotes_of(body);
  REQUIRE(q.size() == 3);
  for (const auto& x : q) CHECK(x.speaker == "John Kerry");
  CHECK(text_of(body, q[0]) == "We will act,");
  CHECK(q[0].verb == "said");
}

TEST_CASE("Quotes: inverted attribution with apposition") {
  const std::string body = "\"We came in good faith,\" said Salem Al-Meslet, the spokesman for the committee.";
  const auto q = quotes_of(body);
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker == "Salem Al-Meslet");
}

TEST_CASE("Quotes: reported speech with and without 'that'") {
  const std::string body =
      "Mary Smith insisted on Friday that the deal was dead. Mary Smith said the talks would resume.";
  const auto q = quotes_of(body);
  REQUIRE(q.size() == 2);
  CHECK_FALSE(q[0].direct);
  CHECK(text_of(body, q[0]).rfind("the deal was dead", 0) == 0);
  CHECK(q[1].speaker == "Mary Smith");
}

TEST_CASE("Quotes: anonymous sources and mentions are not speakers") {
  const std::string body =
      "John Kerry met Sergey Lavrov.\n\n\"It is over,\" a Western diplomat said. \"Done,\" he said.";
  const auto q = quotes_of(body);
  REQUIRE(q.size() == 2);
  CHECK(q[0].speaker.empty());
  CHECK(q[1].speaker.empty());
}

TEST_CASE("Quotes: a quote running over paragraphs keeps its speaker") {
  const std::string body =
      "“First part,” Jane Doe said. “Second part.\n\n"
      "“Third part.”";
  const auto q = quotes_of(body);
  // News style: the unclosed paragraph and its continuation are one quote.
  REQUIRE(q.size() == 2);
  CHECK(q[1].speaker == "Jane Doe");
  CHECK(text_of(body, q[1]) == "Second part.\n\n“Third part.");
}

TEST_CASE("Quotes: a subject before its appositions speaks; the look-back stops at another speech verb") {
  const std::string body =
      "John Kerry, the top U.S. diplomat, who flew in on Sunday, said the talks would resume next week.\n\n"
      "Mary Smith, when asked about the deal, said it was dead.";
  const auto q = quotes_of(body);
  REQUIRE(q.size() == 1);
  CHECK_FALSE(q[0].direct);
  CHECK(q[0].speaker == "John Kerry");
  CHECK(text_of(body, q[0]) == "the talks would resume next week.");
}
