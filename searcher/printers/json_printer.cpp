#include "searcher/printers/json_printer.h"

#include <nlohmann/json.hpp>

#include "common/dates.h"

namespace newsdex::search {

namespace json_lines {

void write_line(const nlohmann::ordered_json& j, std::ostream& out) {
  out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

nlohmann::ordered_json ranges(const std::vector<Highlight>& highlights) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Highlight& h : highlights) out.push_back({h.start, h.end});
  return out;
}

void write_facets(const std::vector<Facet>& facets, std::string_view count_by, bool exact, std::ostream& out) {
  nlohmann::ordered_json by_name = nlohmann::ordered_json::object();
  for (const Facet& f : facets) {
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const FacetValue& v : f.values) {
      nlohmann::ordered_json value = {{"value", v.value}};
      if (!v.code.empty()) value["code"] = v.code;
      value["count"] = v.count;
      values.push_back(value);
    }
    by_name[f.name] = {{"distinct", f.distinct}, {"values", values}};
  }
  write_line({{"type", "facets"},
              {"format_version", kJsonFormatVersion},
              {"count_by", count_by},
              {"exact", exact},
              {"facets", by_name}},
             out);
}

void write_timeline(const Timeline& timeline, std::string_view count_by, bool exact, std::ostream& out) {
  nlohmann::ordered_json buckets = nlohmann::ordered_json::array();
  for (const TimelineBucket& b : timeline.buckets) {
    nlohmann::ordered_json bucket = {{"label", b.label}, {"count", b.count}};
    if (!b.top_id.empty()) bucket["top"] = {{"id", b.top_id}, {"title", b.top_title}};
    buckets.push_back(bucket);
  }
  write_line({{"type", "timeline"},
              {"format_version", kJsonFormatVersion},
              {"granularity", timeline.granularity},
              {"count_by", count_by},
              {"exact", exact},
              {"undated", timeline.undated},
              {"buckets", buckets}},
             out);
}

}  // namespace json_lines

namespace {

using json_lines::or_null;
using json_lines::ranges;
using json_lines::write_line;

nlohmann::ordered_json corrections(const std::vector<SpellingCorrection>& list) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const SpellingCorrection& c : list) out.push_back({{"word", c.word}, {"suggestion", c.suggestion}});
  return out;
}

nlohmann::ordered_json countries(const std::vector<CountryRef>& list) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const CountryRef& c : list) out.push_back({{"code", c.code}, {"name", c.name}});
  return out;
}

nlohmann::ordered_json quotes(const std::vector<QuoteRef>& list) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const QuoteRef& q : list) {
    out.push_back({{"speaker", q.speaker.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(q.speaker)},
                   {"text", q.text}});
  }
  return out;
}

}  // namespace

void JsonPrinter::begin(std::ostream&) {}

void JsonPrinter::hit(const Match& m, std::ostream& out) {
  {
    nlohmann::ordered_json hit = {
        {"type", "hit"},
        {"format_version", kJsonFormatVersion},
        {"rank", m.rank},
        {"id", m.id},
        {"title", m.title},
        {"title_highlights", ranges(m.title_highlighted.highlights)},
        {"date", m.published_unix_s ? nlohmann::ordered_json(dates::format_datetime(*m.published_unix_s))
                                    : nlohmann::ordered_json(nullptr)},
        {"source", or_null(m.source)},
        {"url", or_null(m.url)},
        {"author", or_null(m.author)},
        {"score", m.score},
        {"matched_all", m.matched_all},
        {"snippet", {{"text", m.snippet.text}, {"highlights", ranges(m.snippet.highlights)}}},
        {"persons", m.persons},
        {"organizations", m.organizations},
        {"countries", countries(m.countries)},
        {"speakers", m.speakers},
        {"quotes", quotes(m.quotes)},
        {"similar_count", m.similar_count},
        {"similar_sources", m.similar_sources},
    };
    write_line(hit, out);
  }
}

void JsonPrinter::end(const SearchResults& results, std::uint64_t returned, std::ostream& out) {
  if (!results.facets.empty()) json_lines::write_facets(results.facets, results.count_by, results.counts_exact, out);
  if (results.timeline) json_lines::write_timeline(*results.timeline, results.count_by, results.counts_exact, out);
  nlohmann::ordered_json summary = {
      {"type", "summary"},
      {"format_version", kJsonFormatVersion},
      {"query", results.query},
      {"offset", results.offset},
      {"returned", returned},
      {"matches_estimated", results.matches_estimated},
      {"matches_lower_bound", results.matches_lower_bound},
      {"matches_upper_bound", results.matches_upper_bound},
      {"complete_matches_estimated", results.complete_matches_estimated},
      {"sort", results.sort},
      {"collapsed", results.collapsed},
      {"corrections", corrections(results.corrections)},
      {"did_you_mean", or_null(results.did_you_mean)},
      {"elapsed_ms", results.elapsed_ms},
  };
  write_line(summary, out);
}

}  // namespace newsdex::search
