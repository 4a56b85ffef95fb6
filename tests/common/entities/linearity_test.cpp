// Issue 11: entity extraction must stay linear in the size of one body. Work
// is counted (search_steps.h), never timed.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "common/entities/entities.h"
#include "common/entities/search_steps.h"

namespace ent = newsdex::entities;

namespace {

// The bodies of sample_corpus/articles.jsonl (invented news: datelines,
// quotes, persons, organizations, countries), joined by blank lines.
std::string sample_bodies() {
  const std::string path = std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus/articles.jsonl";
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::string joined;
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    if (!joined.empty()) joined += "\n\n";
    joined += j["body"].get<std::string>();
  }
  REQUIRE(joined.size() > 50000);
  return joined;
}

std::string repeat(const std::string& block, int copies) {
  std::string out;
  for (int c = 0; c < copies; ++c) {
    if (c > 0) out += "\n\n";
    out += block;
  }
  return out;
}

struct Run {
  ent::Extraction x;
  std::uint64_t steps = 0;
};

Run extract(const std::string& body) {
  newsdex::Article a;
  a.id = "big";
  a.title = "Kerry presses Lavrov on Syria ceasefire";
  a.body = body;
  ent::EntityExtractor extractor;
  const std::uint64_t before = ent::search_steps();
  Run r;
  r.x = extractor.extract(a);
  r.steps = ent::search_steps() - before;
  return r;
}

using Named = std::set<std::tuple<int, std::string>>;

Named names_of(const ent::Extraction& x) {
  Named out;
  for (const auto& e : x.persons) out.emplace(0, e.name);
  for (const auto& e : x.organizations) out.emplace(1, e.name);
  for (const auto& e : x.countries) out.emplace(2, e.name);
  return out;
}

// What the extraction found in copy `c` of the block (0-based), with offsets
// relative to the copy: entity mentions and quotes.
std::vector<std::string> in_copy(const ent::Extraction& x, std::size_t block_size, int c) {
  const std::uint32_t from = static_cast<std::uint32_t>(static_cast<std::size_t>(c) * (block_size + 2));
  const std::uint32_t to = static_cast<std::uint32_t>(from + block_size);
  std::vector<std::string> out;
  const auto mentions = [&](const char* kind, const std::vector<ent::Entity>& list) {
    for (const auto& e : list) {
      for (const auto& m : e.mentions) {
        if (m.field != ent::Field::kBody || m.start < from || m.end > to) continue;
        out.push_back(std::string(kind) + " " + e.name + " " + std::to_string(m.start - from) + "-" +
                      std::to_string(m.end - from));
      }
    }
  };
  mentions("PER", x.persons);
  mentions("ORG", x.organizations);
  mentions("CTRY", x.countries);
  for (const auto& q : x.quotes) {
    if (q.text.start < from || q.text.end > to) continue;
    out.push_back("QUOTE " + q.speaker + "|" + q.verb + "|" + (q.direct ? "direct" : "reported") + " " +
                  std::to_string(q.text.start - from) + "-" + std::to_string(q.text.end - from));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("issue_11: extraction work grows in proportion to the body, and repeated text gives repeated results") {
  const std::string block = sample_bodies();
  const Run one = extract(block);
  const Run two = extract(repeat(block, 2));
  const Run eight = extract(repeat(block, 8));
  INFO("search steps: 1 copy " << one.steps << ", 2 copies " << two.steps << ", 8 copies " << eight.steps);
  INFO("quotes: " << one.x.quotes.size() << " " << two.x.quotes.size() << " " << eight.x.quotes.size());

  // The same entities, whatever the number of copies.
  CHECK(names_of(two.x) == names_of(one.x));
  CHECK(names_of(eight.x) == names_of(one.x));
  // Every copy after the first reads exactly like the second one, so the
  // quotes and mentions grow by the same amount with each copy.
  const std::vector<std::string> second = in_copy(eight.x, block.size(), 1);
  CHECK(second.size() > 500);
  for (int c = 2; c < 8; ++c) CHECK(in_copy(eight.x, block.size(), c) == second);
  CHECK(eight.x.quotes.size() - two.x.quotes.size() == 6 * (two.x.quotes.size() - one.x.quotes.size()));

  // Linear: 6 more copies cost 6 times what one more copy cost, give or take
  // a tenth; a search over everything found so far would make it ~20 times.
  REQUIRE(two.steps > one.steps);
  const std::uint64_t per_copy = two.steps - one.steps;
  CHECK(eight.steps - two.steps <= 6 * per_copy + per_copy / 10 * 6);
}
