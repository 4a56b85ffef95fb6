// Entity extraction: persons, organizations, countries and speakers (persons
// the article quotes), by rules, gazetteers and document-level coreference.
// Used by newsdex-index (facets, filters, --dry-run) and by bench/ evaluations.
// Thread safety: an EntityExtractor holds analyzers; one per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/article.h"

namespace newsdex::entities {

enum class EntityType { kPerson, kOrganization, kCountry };

enum class Field { kTitle, kBody };

// A byte range [start, end) of the article's title or body.
struct Mention {
  Field field = Field::kBody;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

struct Entity {
  EntityType type = EntityType::kPerson;
  // Canonical name: persons the fullest form in the article without titles
  // ("John Kerry"); organizations as written in their fullest form
  // ("U.N. Security Council"); countries the English short name ("Syria").
  std::string name;
  std::string code;               // countries: ISO 3166-1 alpha-2 ("SY"); else ""
  std::vector<Mention> mentions;  // every mention found, in text order (title first)
  double salience = 0.0;          // higher = more central (title, lead, dateline, mentions)
};

// One statement the article attributes (or fails to attribute) to a person.
struct Quote {
  std::string speaker;  // canonical person name; "" = unattributed
  std::string verb;     // speech verb as written ("said", "told", "according to")
  Mention text;         // the quoted or reported text
  bool direct = true;   // true: in quotation marks; false: reported speech
};

struct Extraction {
  // Each list sorted by salience, highest first.
  std::vector<Entity> persons;
  std::vector<Entity> organizations;
  std::vector<Entity> countries;
  std::vector<Quote> quotes;          // in text order
  std::vector<std::string> speakers;  // canonical names of persons with an attributed quote, most quotes first
};

class EntityExtractor {
 public:
  EntityExtractor();
  ~EntityExtractor();
  EntityExtractor(EntityExtractor&&) noexcept;
  EntityExtractor& operator=(EntityExtractor&&) noexcept;

  // Everything found in `article` (title and body; a wire dateline opening the
  // body counts as strong country evidence). Time grows in proportion to the
  // size of title and body, however long (no rule searches everything found so
  // far; nothing is truncated), and so does memory: about 20 bytes per byte of
  // text at the peak, for the words and tokens of the whole body.
  Extraction extract(const Article& article);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex::entities
