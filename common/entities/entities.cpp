// EntityExtractor: organizations first (their spans are never persons), then
// persons, then countries (which need both to skip "Bank of England" and
// "Jordan Mills"), then quotes over the persons found.
#include "common/entities/entities.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "common/entities/countries.h"
#include "common/entities/lexicon.h"
#include "common/entities/organizations.h"
#include "common/entities/persons.h"
#include "common/entities/quotes.h"
#include "common/entities/search_steps.h"

namespace newsdex::entities {

struct EntityExtractor::Impl {
  const Lexicon& lexicon = entities::lexicon();
};

EntityExtractor::EntityExtractor() : impl_(std::make_unique<Impl>()) {}
EntityExtractor::~EntityExtractor() = default;
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;
EntityExtractor& EntityExtractor::operator=(EntityExtractor&&) noexcept = default;

namespace {

// A name as one line: a name that runs over a line break of hard-wrapped
// wire copy ("Thomas\nBrandtner") is the same name as on one line, and a
// facet value or a hit's speaker list must not break the output's lines.
std::string one_line(const std::string& name) {
  std::string out;
  out.reserve(name.size());
  bool space = false;
  for (char c : name) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void sort_by_salience(std::vector<Entity>& entities) {
  std::stable_sort(entities.begin(), entities.end(),
                   [](const Entity& a, const Entity& b) { return a.salience > b.salience; });
}

}  // namespace

Extraction EntityExtractor::extract(const Article& article) {
  const FieldText title{Field::kTitle, article.title, scan_words(article.title)};
  const FieldText body{Field::kBody, article.body, scan_words(article.body)};
  Extraction out;
  OrganizationFinding orgs = find_organizations(title, body);
  PersonFinding persons = find_persons(title, body, orgs.spans);
  out.quotes = find_quotes(body, persons);

  std::map<std::string, std::size_t> quote_counts;
  std::vector<std::string> order;
  for (const auto& q : out.quotes) {
    if (q.speaker.empty()) continue;
    if (quote_counts[q.speaker]++ == 0) order.push_back(q.speaker);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](const std::string& a, const std::string& b) { return quote_counts[a] > quote_counts[b]; });
  out.speakers = order;

  out.persons = std::move(persons.persons);
  // A speaker is central to the article: weigh each quote like a mention.
  for (auto& p : out.persons) {
    if (auto it = quote_counts.find(p.name); it != quote_counts.end()) p.salience += static_cast<double>(it->second);
  }
  out.organizations = std::move(orgs.organizations);
  sort_by_salience(out.persons);
  sort_by_salience(out.organizations);
  out.countries = find_countries(article, out.persons, out.organizations);
  for (auto& e : out.persons) e.name = one_line(e.name);
  for (auto& e : out.organizations) e.name = one_line(e.name);
  for (auto& q : out.quotes) q.speaker = one_line(q.speaker);
  std::vector<std::string> speakers;
  std::unordered_set<std::string> listed;
  for (auto& s : out.speakers) {
    std::string name = one_line(s);
    add_search_steps(1);
    if (listed.insert(name).second) speakers.push_back(std::move(name));
  }
  out.speakers = std::move(speakers);
  return out;
}

}  // namespace newsdex::entities
