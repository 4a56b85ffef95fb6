#include "common/entities/entities.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <string>

namespace ent = newsdex::entities;

namespace {

newsdex::Article sample_article(const std::string& id) {
  std::ifstream in(std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus/articles.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    if (j["id"] == id) {
      newsdex::Article a;
      a.id = id;
      a.title = j["title"];
      a.body = j["body"];
      return a;
    }
  }
  FAIL("no sample article " << id);
  return {};
}

}  // namespace

TEST_CASE("Worked example: Kerry in Bogota has exactly its real speakers") {
  ent::EntityExtractor extractor;
  const auto x = extractor.extract(sample_article("bt-2016-0001"));
  std::vector<std::string> speakers = x.speakers;
  std::sort(speakers.begin(), speakers.end());
  // The gold annotation also credits Santos ("...," Santos said); Lavrov is
  // only mentioned and must not speak.
  CHECK(speakers == std::vector<std::string>{"John Kerry", "Juan Manuel Santos", "Salem Al-Meslet"});
  REQUIRE(!x.speakers.empty());
  CHECK(x.speakers.front() == "John Kerry");
  bool lavrov = false;
  for (const auto& p : x.persons) lavrov = lavrov || p.name == "Sergey Lavrov";
  CHECK(lavrov);
  for (const auto& q : x.quotes) CHECK(q.speaker != "Sergey Lavrov");
  REQUIRE(!x.persons.empty());
  CHECK(x.persons.front().name == "John Kerry");
}

TEST_CASE("EntityExtractor handles empty and punctuation-only articles") {
  ent::EntityExtractor extractor;
  CHECK(extractor.extract(newsdex::Article{}).persons.empty());
  newsdex::Article a;
  a.body = "\"\xE2\x80\x9C\xE2\x80\x9D\" , . --";
  const auto x = extractor.extract(a);
  CHECK(x.speakers.empty());
}

TEST_CASE("EntityExtractor fills countries through find_countries") {
  ent::EntityExtractor extractor;
  newsdex::Article a;
  a.body = "DAMASCUS — Officials in Syria said the talks were over.";
  const auto x = extractor.extract(a);
  CHECK(x.countries.size() >= 1);
}

TEST_CASE("EntityExtractor: a name that runs over a line break of hard-wrapped copy is output on one line") {
  newsdex::Article a;
  a.id = "wrapped";
  a.title = "Chief executive to retire";
  a.body =
      "The company said on Monday that its chief executive officer, Thomas\n"
      "Brandtner, would retire at the end of the year after twenty years in\n"
      "the job. \"It is time for someone new,\" said Thomas\n"
      "Brandtner, who joined the company from a rival bank in the nineties.\n";
  ent::EntityExtractor extractor;
  const ent::Extraction x = extractor.extract(a);
  auto named = [&](const std::string& name) {
    return std::any_of(x.persons.begin(), x.persons.end(), [&](const ent::Entity& e) { return e.name == name; });
  };
  CHECK(named("Thomas Brandtner"));
  for (const ent::Entity& e : x.persons) CHECK(e.name.find('\n') == std::string::npos);
  REQUIRE(x.speakers.size() == 1);
  CHECK(x.speakers[0] == "Thomas Brandtner");
  for (const ent::Quote& q : x.quotes) CHECK(q.speaker.find('\n') == std::string::npos);
}
