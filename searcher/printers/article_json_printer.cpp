#include "searcher/printers/article_json_printer.h"

#include <nlohmann/json.hpp>

#include "common/dates.h"
#include "searcher/printers/json_printer.h"

namespace newsdex::search {
namespace {

using Json = nlohmann::ordered_json;

Json ranges(const std::vector<Highlight>& highlights) {
  Json out = Json::array();
  for (const Highlight& h : highlights) out.push_back({h.start, h.end});
  return out;
}

Json or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json or_null(const std::optional<std::size_t>& n) { return n ? Json(*n) : Json(nullptr); }

const char* state_name(EntitiesState state) {
  switch (state) {
    case EntitiesState::kExtracted:
      return "extracted";
    case EntitiesState::kNotExtracted:
      return "not_extracted";
    case EntitiesState::kDamaged:
      return "damaged";
  }
  return "damaged";
}

}  // namespace

void ArticleJsonPrinter::print(const ShownArticle& a, bool /*first*/, std::ostream& out) {
  Json countries = Json::array();
  for (const CountryRef& c : a.countries) countries.push_back({{"code", c.code}, {"name", c.name}});
  Json quotes = Json::array();
  for (const ShownQuote& q : a.quotes) {
    quotes.push_back({{"speaker", or_null(q.speaker)},
                      {"verb", or_null(q.verb)},
                      {"text", q.text},
                      {"start", or_null(q.start)},
                      {"end", or_null(q.end)}});
  }
  Json article = {
      {"type", "article"},
      {"format_version", kJsonFormatVersion},
      {"id", a.id},
      {"title", a.title},
      {"title_highlights", ranges(a.title_highlights)},
      {"date", a.published_unix_s ? Json(dates::format_datetime(*a.published_unix_s)) : Json(nullptr)},
      {"source", or_null(a.source)},
      {"url", or_null(a.url)},
      {"author", or_null(a.author)},
      {"lang", a.lang.empty() ? "en" : a.lang},
      {"body", a.body},
      {"body_highlights", ranges(a.body_highlights)},
      {"entities", state_name(a.entities)},
      {"persons", a.persons},
      {"organizations", a.organizations},
      {"countries", std::move(countries)},
      {"speakers", a.speakers},
      {"quotes", std::move(quotes)},
  };
  if (a.entities == EntitiesState::kDamaged) article["entities_error"] = a.entities_error;
  // Stored text was validated at index time; replace rather than throw should
  // a bad byte ever reach us (as json_printer.cpp).
  out << article.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace newsdex::search
