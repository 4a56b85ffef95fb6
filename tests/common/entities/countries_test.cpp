// Country finding: the gazetteer, the trap rules, datelines and salience.
// Sentences are written for these tests.
#include "common/entities/countries.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using newsdex::Article;
using newsdex::entities::country_code_for;
using newsdex::entities::country_name;
using newsdex::entities::Entity;
using newsdex::entities::EntityType;
using newsdex::entities::Field;
using newsdex::entities::find_countries;
using newsdex::entities::Mention;

namespace {

Article body_only(std::string body) {
  Article a;
  a.body = std::move(body);
  return a;
}

// Codes found in `body`, most salient first, joined by ','.
std::string codes(std::string body, std::string title = "") {
  Article a = body_only(std::move(body));
  a.title = std::move(title);
  std::string out;
  for (const Entity& e : find_countries(a, {}, {})) {
    if (!out.empty()) out += ",";
    out += e.code;
  }
  return out;
}

// Codes found, sorted, for tests that do not care about order.
std::string code_set(std::string body) {
  Article a = body_only(std::move(body));
  std::vector<std::string> found;
  for (const Entity& e : find_countries(a, {}, {})) found.push_back(e.code);
  std::sort(found.begin(), found.end());
  std::string out;
  for (const auto& c : found) out += (out.empty() ? "" : ",") + c;
  return out;
}

struct Case {
  const char* text;
  const char* expected;  // sorted codes
};

void check_table(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    std::string text = c.text;
    CAPTURE(text);
    CHECK(code_set(text) == std::string(c.expected));
  }
}

}  // namespace

TEST_CASE("Countries are found from names, short forms, demonyms, cities and metonyms") {
  check_table({
      {"Talks resumed in Syria on Monday.", "SY"},
      {"Trade with Britain slowed.", "GB"},
      {"The U.S. economy grew.", "US"},
      {"The US economy grew.", "US"},
      {"Exports to the UK fell.", "GB"},
      {"Russian officials declined to comment.", "RU"},
      {"Hundreds of Syrians crossed the border.", "SY"},
      {"Fighting continued near Aleppo.", "SY"},
      {"The carmaker is based in Munich.", "DE"},
      {"The Kremlin rejected the proposal.", "RU"},
      {"A spokesman for Downing Street said nothing.", "GB"},
      {"The White House and the Pentagon disagreed.", "US"},
      {"The Elysee Palace issued a statement.", "FR"},
      {"Prices in Cleveland and Houston rose.", "US"},
      {"São Paulo and Bogotá were hit by storms.", "BR,CO"},
  });
}

TEST_CASE("Multi-word names win over their parts (longest match)") {
  check_table({
      {"New Zealand and South Korea signed a deal.", "KR,NZ"},
      {"Officials from the United States arrived.", "US"},
      {"The Netherlands voted against it.", "NL"},
      {"A South African court ruled.", "ZA"},
      {"The governor of New Mexico spoke.", "US"},
      {"Papua New Guinea held elections.", "PG"},
      {"Ships crossed the Indian Ocean.", ""},
      {"Growth in Latin America slowed.", ""},
  });
}

TEST_CASE("Upper-case acronyms count, the pronoun us does not") {
  check_table({
      {"Let us know what you think.", ""},
      {"He told us about it.", ""},
      {"Most of us agreed.", ""},
      {"U.S. officials met us in Geneva.", "CH,US"},
      {"The U.N. Security Council met.", ""},
      {"The UN envoy arrived.", ""},
  });
}

TEST_CASE("Country names must be capitalised in running text") {
  check_table({
      {"She bought fine china and a chile pepper.", ""},
      {"They ate turkey with stuffing.", ""},
      {"He wore a jersey.", ""},
  });
}

TEST_CASE("Georgia: the country or the US state") {
  check_table({
      {"Police in Atlanta, Georgia, arrested two men.", "US"},
      {"Georgia's governor signed the bill.", "US"},
      {"The state of Georgia will vote in November.", "US"},
      {"Georgia's president met officials in Tbilisi.", "GE"},
      {"Georgian troops left South Ossetia.", "GE"},
      {"Georgia O'Keeffe painted flowers.", ""},
  });
}

TEST_CASE("Jordan, Chad, Niger and Washington as persons' names") {
  check_table({
      {"Jordan Henderson scored twice.", ""},
      {"Michael Jordan retired again.", ""},
      {"Jordan reopened its border with Syria.", "JO,SY"},
      {"King Abdullah of Jordan visited Amman.", "JO"},
      {"Chad Smith played drums.", ""},
      {"Chad and Niger signed a border pact.", "NE,TD"},
      {"George Washington crossed the river.", ""},
      {"Washington Irving wrote stories.", ""},
      {"Mr. Washington said he would appeal.", ""},
      {"Washington imposed new sanctions.", "US"},
      {"Talks in Washington ended.", "US"},
      {"Denzel Washington starred. Washington said the film was hard.", ""},
      {"Denzel Washington flew to Washington on Monday.", "US"},
      {"The Washington Post reported it.", ""},
  });
}

TEST_CASE("Turkey the country and turkey the bird") {
  check_table({
      {"Turkey raised interest rates.", "TR"},
      {"Ankara said Turkey would respond.", "TR"},
      {"Turkey is best roasted slowly for Thanksgiving dinner.", ""},
      {"The Turkey Thanksgiving sale began.", ""},
      {"Inflation in Turkey rose again.", "TR"},
  });
}

TEST_CASE("Names in other languages come from CLDR") {
  check_table({
      {"Deutschland exportiert mehr.", "DE"},
      {"Россия и Франция.", "FR,RU"},
      {"Les exportations vers l'Allemagne.", ""},  // elided article: not matched
      {"La economía de España crece.", "ES"},
      {"日本の経済", "JP"},
  });
}

TEST_CASE("Spans of known persons and organizations are not places") {
  Article a = body_only("Jordan Henderson joined Bank of England officials in London.");
  Entity person{.type = EntityType::kPerson,
                .name = "Jordan Henderson",
                .code = "",
                .mentions = {Mention{Field::kBody, 0, 16}},
                .salience = 1.0};
  Entity org{.type = EntityType::kOrganization,
             .name = "Bank of England",
             .code = "",
             .mentions = {Mention{Field::kBody, 24, 39}},
             .salience = 1.0};
  std::vector<Entity> found = find_countries(a, {person}, {org});
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "GB");
  // "London" and, at half weight, "England" inside the bank's name.
  CHECK(found[0].mentions.size() == 2);

  Article b = body_only("Georgia Brown thanked the crowd.");
  Entity georgia{.type = EntityType::kPerson,
                 .name = "Georgia Brown",
                 .code = "",
                 .mentions = {Mention{Field::kBody, 0, 13}},
                 .salience = 1.0};
  CHECK(find_countries(b, {georgia}, {}).empty());
}

TEST_CASE("Datelines are recognised and decide the most salient country") {
  struct DatelineCase {
    const char* body;
    const char* first;
  };
  const std::vector<DatelineCase> cases = {
      {"CLEVELAND, Feb 26 - The company said profits rose in Japan and Japan.", "US"},
      {"MUNICH, Feb 12 (Harbor Ledger) - Sales in France grew.", "DE"},
      {"GENEVA \u2014 Delegates from Iran and Iraq met.", "CH"},
      {"BEIRUT, Sept 20 (Kestrel Wire) - Syrian troops moved.", "LB"},
      {"OMAHA, Neb., Feb 26 - The fund paid a dividend.", "US"},
      {"LONDON, Ont., March 3 - The plant will close.", "CA"},
      {"WASHINGTON, March 2 - Treasury officials met.", "US"},
      {"ROTTERDAM, April 1- The Canadian unit was sold.", "NL"},
  };
  for (const DatelineCase& c : cases) {
    std::string text = c.body;
    CAPTURE(text);
    std::vector<Entity> found = find_countries(body_only(c.body), {}, {});
    REQUIRE(!found.empty());
    CHECK(found[0].code == c.first);
  }
}

TEST_CASE("Dateline mention offsets point at the place") {
  std::string body = "OMAHA, Neb., Feb 26 - The fund paid a dividend.";
  std::vector<Entity> found = find_countries(body_only(body), {}, {});
  REQUIRE(found.size() == 1);
  const Mention& m = found[0].mentions.at(0);
  CHECK(m.field == Field::kBody);
  CHECK(body.substr(m.start, m.end - m.start) == "Neb.");
}

TEST_CASE("A body that does not open with a dateline has none") {
  CHECK(codes("Shares rose - in Tokyo trading.") == "JP");
  CHECK(codes("The firm said - and PARIS agreed.") == "FR");
}

TEST_CASE("Salience: dateline > title > lead > mention count") {
  std::string body =
      "TOKYO, May 1 - Officials met on Monday. Nothing was agreed. "
      "Later, France and France and France were mentioned, and Brazil once. "
      "Canada came up too.";
  std::vector<Entity> found = find_countries(
      [&] {
        Article a = body_only(body);
        a.title = "Talks with Canada stall";
        return a;
      }(),
      {}, {});
  REQUIRE(found.size() == 4);
  CHECK(found[0].code == "JP");  // dateline
  CHECK(found[1].code == "CA");  // title
  CHECK(found[2].code == "FR");  // three mentions
  CHECK(found[3].code == "BR");  // one mention
  CHECK(found[0].salience > found[1].salience);
  CHECK(found[2].salience > found[3].salience);
  CHECK(found[1].mentions.at(0).field == Field::kTitle);

  // A country in the lead outranks one mentioned once later.
  CHECK(codes("Chile cut rates. Markets rose. Much later, Peru was mentioned.") == "CL,PE");
}

TEST_CASE("Mentions carry byte offsets into the original text, accents included") {
  std::string body = "Après la réunion à Genève, Côte d'Ivoire a signé.";
  std::vector<Entity> found = find_countries(body_only(body), {}, {});
  REQUIRE(found.size() == 2);
  for (const Entity& e : found) {
    const Mention& m = e.mentions.at(0);
    std::string surface = body.substr(m.start, m.end - m.start);
    if (e.code == "CH") CHECK(surface == "Genève");
    if (e.code == "CI") CHECK(surface == "Côte d'Ivoire");
  }
}

TEST_CASE("Entities carry type, English name and code") {
  std::vector<Entity> found = find_countries(body_only("Damascus was quiet."), {}, {});
  REQUIRE(found.size() == 1);
  CHECK(found[0].type == EntityType::kCountry);
  CHECK(found[0].name == "Syria");
  CHECK(found[0].code == "SY");
}

TEST_CASE("country_code_for accepts codes, names, short forms and demonyms") {
  struct CodeCase {
    const char* value;
    const char* code;  // "" = nullopt
  };
  const std::vector<CodeCase> cases = {
      {"RU", "RU"},
      {"ru", "RU"},
      {"Russia", "RU"},
      {"russia", "RU"},
      {"russian", "RU"},
      {"Russian Federation", "RU"},
      {"UK", "GB"},
      {"u.k.", "GB"},
      {"us", "US"},
      {"United States", "US"},
      {"Côte d'Ivoire", "CI"},
      {"cote divoire", "CI"},
      {"Deutschland", "DE"},
      {"Georgia", "GE"},
      {"  syria ", "SY"},
      {"Moscow", ""},
      {"Atlantis", ""},
      {"", ""},
      {"XX", ""},
      {"Indian Ocean", ""},
  };
  for (const CodeCase& c : cases) {
    std::string value = c.value;
    CAPTURE(value);
    std::optional<std::string> got = country_code_for(c.value);
    if (*c.code == '\0') CHECK(!got.has_value());
    else CHECK(got.value_or("") == c.code);
  }
}

TEST_CASE("country_name gives the English short name") {
  CHECK(country_name("SY") == "Syria");
  CHECK(country_name("gb") == "United Kingdom");
  CHECK(country_name("ZZ") == "");
  CHECK(country_name("") == "");
}

TEST_CASE("A common-word city opening a sentence needs other evidence") {
  check_table({
      {"Nice work by the team.", ""},
      {"The festival in Nice drew crowds.", "FR"},
      {"Cork is a port. Shannon and Dublin are too.", "IE"},
  });
}
