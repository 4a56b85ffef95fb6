#include "common/entities/organizations.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

namespace ent = newsdex::entities;

namespace {

ent::OrganizationFinding find_orgs(const std::string& body) {
  const ent::FieldText t{ent::Field::kTitle, "", {}};
  const ent::FieldText b{ent::Field::kBody, body, ent::scan_words(body)};
  return ent::find_organizations(t, b);
}

}  // namespace

TEST_CASE("Organizations: head words, acronyms and the fullest form") {
  const std::string body =
      "The U.N. Security Council met. The Security Council voted. NATO and the EU agreed, "
      "as did the Bank of England and the High Negotiations Committee.";
  const auto r = find_orgs(body);
  std::vector<std::string> names;
  for (const auto& o : r.organizations) names.push_back(o.name);
  CHECK(std::find(names.begin(), names.end(), "U.N. Security Council") != names.end());
  CHECK(std::find(names.begin(), names.end(), "NATO") != names.end());
  CHECK(std::find(names.begin(), names.end(), "EU") != names.end());
  CHECK(std::find(names.begin(), names.end(), "Bank of England") != names.end());
  CHECK(std::find(names.begin(), names.end(), "High Negotiations Committee") != names.end());
  for (const auto& o : r.organizations) {
    if (o.name == "U.N. Security Council") CHECK(o.mentions.size() == 2);
  }
}

TEST_CASE("Organizations never swallow a minister before them") {
  const auto r = find_orgs("Defence Minister Ehud Barak of the Labour Party spoke.");
  REQUIRE(r.organizations.size() == 1);
  CHECK(r.organizations[0].name == "Labour Party");
}

TEST_CASE("U.N. and UN are one organization") {
  const auto r = find_orgs("The U.N. said the UN would help.");
  REQUIRE(r.organizations.size() == 1);
  CHECK(r.organizations[0].mentions.size() == 2);
}

TEST_CASE("The outlet in a wire dateline is the source, not an organization; a later mention still counts") {
  const auto r = find_orgs("MUNICH, Feb 12 (Granite Herald) - The Bank of England said nothing.");
  REQUIRE(r.organizations.size() == 1);
  CHECK(r.organizations[0].name == "Bank of England");

  const auto later = find_orgs(
      "MUNICH, Feb 12 (Granite Herald) - The Bank of England spoke. A spokesman told the Granite Herald more.");
  REQUIRE(later.organizations.size() == 2);
  CHECK(later.organizations[1].name == "Granite Herald");
  CHECK(later.organizations[1].mentions.size() == 1);

  // Parentheses that do not follow a dateline place in capitals are text.
  const auto text = find_orgs("Officials (Granite Herald) - and others - met.");
  REQUIRE(text.organizations.size() == 1);
  CHECK(text.organizations[0].name == "Granite Herald");
}

TEST_CASE("A title with more words than the body keeps its organizations (title and body words are indexed apart)") {
  const std::string title =
      "After three long days of talks in the old city on Monday and Tuesday the officials of the European Central "
      "Bank agreed";
  const std::string body = "MUNICH (Granite Herald) - Talks.";
  const ent::FieldText t{ent::Field::kTitle, title, ent::scan_words(title)};
  const ent::FieldText b{ent::Field::kBody, body, ent::scan_words(body)};
  REQUIRE(t.words.size() > b.words.size());
  const auto r = ent::find_organizations(t, b);
  std::vector<std::string> names;
  for (const auto& o : r.organizations) names.push_back(o.name);
  CHECK(std::find(names.begin(), names.end(), "European Central Bank") != names.end());
  CHECK(std::find(names.begin(), names.end(), "Granite Herald") == names.end());
}

TEST_CASE("A head-word name joins the longer name it ends, whether that comes before or after it") {
  const auto r = find_orgs(
      "The Security Council met. The U.N. Security Council voted. The Security Council adjourned. "
      "The Central Bank said so, and the Reserve Bank agreed.");
  std::vector<std::string> names;
  for (const auto& o : r.organizations) names.push_back(o.name);
  CHECK(names == std::vector<std::string>{"U.N. Security Council", "Central Bank", "Reserve Bank"});
  CHECK(r.organizations[0].mentions.size() == 3);
}
