// Countries: the gazetteer (common/entities/data/countries.tsv, written for
// this project: ISO 3166-1 codes, English names and short forms, demonyms,
// capitals and major cities, government metonyms; names in other languages
// from ICU's CLDR data) and finding countries in an article.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/entities/entities.h"

namespace newsdex::entities {

// Countries of `article`, each with its mentions and salience (dateline,
// title, lead, mention count), most salient first. `persons` and
// `organizations` (already found) keep their spans from being read as places:
// "Jordan Henderson", "George Washington", "Bank of England" is not England
// in every sense... Traps handled: Georgia (US state), Jordan/Chad/Niger as
// names, Turkey the bird, "U.N." not a country, sentence-initial capitals.
std::vector<Entity> find_countries(const Article& article, const std::vector<Entity>& persons,
                                   const std::vector<Entity>& organizations);

// The ISO 3166-1 alpha-2 code a user means by `value`: a code ("RU", "ru"), a
// name or short form ("Russia", "russian federation", "UK"), a demonym
// ("Russian"), in any case and with or without accents. nullopt if unknown.
std::optional<std::string> country_code_for(std::string_view value);

// What the gazetteer says about a word or phrase, for the person rules.
struct PlaceInfo {
  std::optional<std::string> code;  // country_code_for(value): a name or demonym
  bool place = false;               // a country name, alias, demonym or city (any language)
  bool person_name = false;         // also a person's name (Jordan, Washington, Chad)
};
PlaceInfo place_info(std::string_view value);

// English short name for an ISO code ("SY" -> "Syria"); "" if unknown.
std::string country_name(std::string_view code);

}  // namespace newsdex::entities
