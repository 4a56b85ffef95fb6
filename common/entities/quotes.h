// Quotes and speakers: direct quotes (in quotation marks, continued over
// paragraphs) and reported speech ("Kerry insisted that ..."), each attributed
// to a person of the article or left unattributed. Precision first: a quote
// whose speaker is unclear stays unattributed. Internal to common/entities/.
#pragma once

#include <vector>

#include "common/entities/entities.h"
#include "common/entities/lexicon.h"
#include "common/entities/persons.h"

namespace newsdex::entities {

// Quotes of `body`, in text order. `persons` from find_persons() on the same
// scanned fields.
std::vector<Quote> find_quotes(const FieldText& body, const PersonFinding& persons);

}  // namespace newsdex::entities
