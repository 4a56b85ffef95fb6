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
  for (const auto& [text, name] : table) {
    CAPTURE(text);
    CHECK(has_person(find("", text), name));
  }
}

TEST_CASE("Persons are not organizations or bare capitalised words") {
  const auto f = find("", "The Bank of England and the High Negotiations Committee met in Geneva on Monday.");
  CHECK(f.persons.persons.empty());
}

TEST_CASE("Persons handle accents and curly apostrophes") {
  const auto f = find("", "Élodie Martin and Stephen O\xE2\x80\x99" "Brien spoke. O\xE2\x80\x99" "Brien left.");
  CHECK(has_person(f, "Élodie Martin"));
  CHECK(mentions_of(f, "Stephen O\xE2\x80\x99" "Brien") == 2);
}
