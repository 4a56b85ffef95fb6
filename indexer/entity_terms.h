// Entities -> index: the filter terms and facet slots of common/schema.h for
// one article's Extraction, and the summary stored as Article::entities_json
// (encoded by common/entity_summary.h). Used by DocumentBuilder only.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

#include "common/analysis/analyzer.h"
#include "common/article.h"
#include "common/entities/entities.h"
#include "common/entity_summary.h"

namespace newsdex::index {

// The text of `mention` in `article` (its title or body); "" when the span
// lies outside the field (it never should).
std::string_view mention_text(const Article& article, const entities::Mention& mention);

// Adds the XPER/XPERW, XSPK/XSPKW, XORG/XORGW and XCTRY boolean terms for
// every entity of `extraction`, and the top kFacetRanks of each kind to the
// facet slots. Names are normalised with `analyzer` (the article's language);
// terms too long for Xapian are left out, slot values never are.
void add_entity_terms(Xapian::Document& doc, analysis::Analyzer& analyzer, const entities::Extraction& extraction);

// Adds the XQ (positional) and ZXQ terms of schema.h for the text of every
// quote of `summary` (summarize_entities() of the article), analysed with
// `analyzer`: quote k's words at positions after quote k-1's last one plus
// schema::kFieldPositionGap, so no phrase spans two quotes; all with wdf 0,
// so the document length (article search's BM25) does not change. Words too
// long for a term are left out (as in the body).
void add_quote_terms(Xapian::Document& doc, analysis::Analyzer& analyzer, const EntitySummary& summary);

// The summary of `extraction` (found in `article`) as stored with the article:
// names, countries, speakers, and each quote with its text copied out of the
// body (mention_text).
EntitySummary summarize_entities(const Article& article, const entities::Extraction& extraction);

// summarize_entities() encoded as Article::entities_json
// (common/entity_summary.h).
std::string entities_summary_json(const Article& article, const entities::Extraction& extraction);

}  // namespace newsdex::index
