#include "common/entities/persons.h"

#include <doctest/doctest.h>

#include <string>

#include "common/entities/organizations.h"

namespace ent = newsdex::entities;

namespace {

struct Found {
  ent::PersonFinding persons;
  std::string body;
  std::string title;
};

Found find(std::string title, std::string body) {
  Found f{{}, std::move(body), std::move(title)};
  const ent::FieldText t{ent::Field::kTitle, f.title, ent::scan_words(f.title)};
  const ent::FieldText b{ent::Field::kBody, f.body, ent::scan_words(f.body)};
  const auto orgs = ent::find_organizations(t, b);
  f.persons = ent::find_persons(t, b, orgs.spans);
  return f;
}

bool has_person(const Found& f, const std::string& name) {
  for (const auto& p : f.persons.persons) {
    if (p.name == name) return true;
  }
  return false;
}

std::size_t mentions_of(const Found& f, const std::string& name) {
  for (const auto& p : f.persons.persons) {
    if (p.name == name) return p.mentions.size();
  }
  return 0;
}

}  // namespace

TEST_CASE("Persons drop titles and keep the full name as canonical") {
  const auto f = find("", "U.S. Secretary of State John Kerry met Colombian President Juan Manuel Santos.");
  CHECK(has_person(f, "John Kerry"));
  CHECK(has_person(f, "Juan Manuel Santos"));
  CHECK_FALSE(has_person(f, "Colombian"));
}

TEST_CASE("Persons join surnames to the full form, in headlines and capitals too") {
  const auto f = find("KERRY presses Moscow", "John Kerry spoke. Kerry said no. Later, Kerry's aide left.");
  CHECK(mentions_of(f, "John Kerry") == 4);
}

TEST_CASE("Persons keep name particles") {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"He met President Bashar al-Assad in Damascus.", "Bashar al-Assad"},
      {"The envoy Staffan de Mistura arrived.", "Staffan de Mistura"},
      {"Judge Anouk van der Veen ruled.", "Anouk van der Veen"},
      {"\"No,\" said Salem Al-Meslet, the spokesman for the committee.", "Salem Al-Meslet"},
  };
  for (const auto& row : table) {
    CAPTURE(row.first);
    CHECK(has_person(find("", row.first), row.second));
  }
}

TEST_CASE("Persons are not organizations or bare capitalised words") {
  const auto f = find("", "The Bank of England and the High Negotiations Committee met in Geneva on Monday.");
  CHECK(f.persons.persons.empty());
}

TEST_CASE("Persons handle accents and curly apostrophes") {
  const auto f = find("",
                      "Élodie Martin and Stephen O\xE2\x80\x99"
                      "Brien spoke. O\xE2\x80\x99"
                      "Brien left.");
  CHECK(has_person(f, "Élodie Martin"));
  CHECK(mentions_of(f,
                    "Stephen O\xE2\x80\x99"
                    "Brien") == 2);
}

TEST_CASE("Persons: a known surname or a family-name ending confirms an unknown given name") {
  CHECK(has_person(find("", "The coach picked Zoltek Brooke for the match."), "Zoltek Brooke"));
  CHECK(has_person(find("", "The visitors relied on Gheorghe Popescu in midfield."), "Gheorghe Popescu"));
  CHECK(has_person(find("", "Officials met Qarbek Nurlanov in the capital."), "Qarbek Nurlanov"));
  CHECK(has_person(find("", "Beijing said Li Peng would travel."), "Li Peng"));
  // A surname alone, with no other evidence, is not enough.
  CHECK_FALSE(has_person(find("", "The Sutherland estate was sold."), "Sutherland"));
}

TEST_CASE("Persons in sports copy: scorers, cricket dismissals, nationals, bowling figures") {
  const auto scorers = find("", "Guingamp 2 ( Wrehan 15th , 42nd ) Monaco 1 ( Scifol 35th ) .");
  CHECK(has_person(scorers, "Wrehan"));
  CHECK(has_person(scorers, "Scifol"));
  const auto cricket = find("", "M. Slaterton c Knightley b Mullin 12");
  CHECK(has_person(cricket, "Knightley"));
  CHECK(has_person(cricket, "Mullin"));
  CHECK(has_person(find("", "Belgian Brunot Thiryx dropped four minutes."), "Brunot Thiryx"));
  CHECK(has_person(find("", "Bowling : Deckerly 3-0-17-0 , Shahin 2-0-18-0"), "Deckerly"));
  // Clubs with a score between them are not persons.
  const auto clubs = find("", "Gloria Bistrita ( Romania ) 2 Valletta ( Malta ) 1");
  CHECK_FALSE(has_person(clubs, "Gloria Bistrita"));
  CHECK_FALSE(has_person(clubs, "Valletta"));
  // "The American Red Cross said": after "the", a nationality opens an organization.
  CHECK_FALSE(has_person(find("", "The American Red Cross said it was running shelters."), "Red Cross"));
}

TEST_CASE("Persons: a day ends a name; a place is not a person; lines end names unless hard-wrapped") {
  CHECK(has_person(find("", "Republican candidate Bob Dole Wednesday accused the administration."), "Bob Dole"));
  CHECK_FALSE(has_person(find("", "Officials in Valletta said on Monday the port was closed."), "Valletta"));
  // A table row per line: the name on one line does not run into the next.
  const auto table = find("", "65 Paul Broadwell , Derrick\nCooperton 66 , Ian Pymer\n");
  CHECK_FALSE(has_person(table, "Derrick\nCooperton"));
  // Hard-wrapped wire copy (long lines broken mid-sentence): it does.
  const std::string wrapped =
      "The company said on Monday that its chief executive officer, Thomas\n"
      "Brandtner, would retire at the end of the year after twenty years in\n"
      "the job, and that the board had started to look for a successor to him.\n";
  CHECK(has_person(find("", wrapped), "Thomas\nBrandtner"));
}
