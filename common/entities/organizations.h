// Organizations: capitalised names around a head word ("High Negotiations
// Committee", "Bank of England"), known names and acronyms ("U.N.", "NATO"),
// merged within one article ("Security Council" joins "U.N. Security Council").
// Internal to common/entities/.
#pragma once

#include <vector>

#include "common/entities/entities.h"
#include "common/entities/lexicon.h"

namespace newsdex::entities {

struct OrganizationFinding {
  std::vector<Entity> organizations;  // unsorted; NameSpan::entity indexes this
  std::vector<NameSpan> spans;        // every mention, title first, in text order
};

// Requires: `title` and `body` scanned with scan_words().
OrganizationFinding find_organizations(const FieldText& title, const FieldText& body);

}  // namespace newsdex::entities
