// Persons: capitalised-name candidates confirmed by titles and roles, given
// names, name particles, appositions and speech verbs; within one article a
// surname or partial name joins its full form ("Kerry" -> John Kerry), which
// also finds it in headlines, at sentence starts and in capitals.
// Internal to common/entities/.
#pragma once

#include <vector>

#include "common/entities/entities.h"
#include "common/entities/lexicon.h"

namespace newsdex::entities {

struct PersonFinding {
  std::vector<Entity> persons;  // unsorted; NameSpan::entity indexes this
  std::vector<NameSpan> spans;  // every mention, title first, in text order
};

// `organizations`: spans already taken by organizations (never persons).
// Requires: `title` and `body` scanned with scan_words().
PersonFinding find_persons(const FieldText& title, const FieldText& body, const std::vector<NameSpan>& organizations);

}  // namespace newsdex::entities
