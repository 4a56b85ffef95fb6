// The terminal report and --json object of `newsdex-index stats`
// (indexer/stats_format.h).
#include "indexer/stats_format.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "common/dates.h"
#include "common/format.h"
#include "common/terminal_text.h"
#include "indexer/admin_common.h"

namespace newsdex::index {
namespace {

std::string pad_right(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string pad_left(const std::string& text, std::size_t width) {
  return text.size() < width ? std::string(width - text.size(), ' ') + text : text;
}

}  // namespace

std::string format_stats(const DatabaseStats& stats, std::size_t top_sources) {
  constexpr std::size_t kLabel = 16;
  // Names come from articles (sources) and the user (the path): made safe to
  // print (common/terminal_text.h), so a hostile source cannot drive the terminal.
  auto safe = [](const std::string& text) { return sanitize_terminal_text(text, LineBreaks::kSpace); };
  auto exact = [](const std::string& text) { return sanitize_terminal_text(text, LineBreaks::kEscape); };
  std::string out;
  auto line = [&](std::string_view label, const std::string& value) {
    out += pad_right(std::string(label), kLabel) + value + "\n";
  };
  line("database", exact(stats.path));
  line("schema version", stats.schema_version ? std::to_string(*stats.schema_version) : "none (empty database)");
  line("revision", std::to_string(stats.revision));
  line("articles", format_count(stats.articles));
  line("stories", format_count(stats.stories) + " (near-duplicate clusters)");
  if (stats.first_published && stats.last_published) {
    line("published", dates::format_date(*stats.first_published) + " to " + dates::format_date(*stats.last_published) +
                          " (" + format_count(stats.dated_articles) + " dated, " +
                          format_count(stats.articles - stats.dated_articles) + " undated)");
  } else {
    line("published", "none (no article has a date)");
  }
  std::string languages;
  for (const LanguageCount& lang : stats.languages) {
    if (!languages.empty()) languages += ", ";
    languages += exact(lang.code) + " " + format_count(lang.articles);
  }
  line("languages", languages.empty() ? "none recorded" : languages);

  line("bulk load", stats.bulk_load_shards > 1
                        ? std::to_string(stats.bulk_load_shards) + " shard writers, merged (the last sharded load)"
                        : std::string("one writer"));
  line("facet columns",
       stats.facet_columns == "current"
           ? std::string("current")
           : stats.facet_columns + " (facet counts read the slots; the next indexing run or `compact` writes them)");
  line("size", format_count(stats.total_bytes) + " bytes (" + format_bytes(stats.total_bytes) + ")");
  // Indented rows: name column as wide as the longest name, counts right-aligned.
  auto rows = [&](const std::vector<std::pair<std::string, std::string>>& items) {
    std::size_t name_width = 0, value_width = 0;
    for (const auto& [name, value] : items) {
      name_width = std::max(name_width, name.size());
      value_width = std::max(value_width, value.size());
    }
    for (const auto& [name, value] : items)
      out += "  " + pad_right(name, name_width) + "  " + pad_left(value, value_width) + "\n";
  };
  std::vector<std::pair<std::string, std::string>> file_rows;
  for (const DatabaseFile& file : stats.files) file_rows.emplace_back(exact(file.name), format_count(file.bytes));
  rows(file_rows);

  std::size_t shown = top_sources == 0 ? stats.sources.size() : std::min(top_sources, stats.sources.size());
  std::string heading = format_counted(stats.sources.size(), "outlet", "outlets");
  if (shown < stats.sources.size()) heading += ", top " + std::to_string(shown);
  line("sources", heading);
  std::vector<std::pair<std::string, std::string>> source_rows;
  for (std::size_t i = 0; i < shown; ++i) {
    source_rows.emplace_back(safe(stats.sources[i].name), format_count(stats.sources[i].articles));
  }
  if (stats.articles_without_source > 0) {
    source_rows.emplace_back("(no source)", format_count(stats.articles_without_source));
  }
  rows(source_rows);
  return out;
}

nlohmann::ordered_json stats_json(const DatabaseStats& stats) {
  nlohmann::ordered_json j;
  j["format_version"] = kStatsFormatVersion;
  j["database"] = stats.path;
  j["schema_version"] = stats.schema_version ? nlohmann::ordered_json(*stats.schema_version) : nullptr;
  j["revision"] = stats.revision;
  j["articles"] = stats.articles;
  j["stories"] = stats.stories;
  j["bulk_load_shards"] = stats.bulk_load_shards;
  nlohmann::ordered_json published;
  published["dated_articles"] = stats.dated_articles;
  published["first"] =
      stats.first_published ? nlohmann::ordered_json(dates::format_datetime(*stats.first_published)) : nullptr;
  published["last"] =
      stats.last_published ? nlohmann::ordered_json(dates::format_datetime(*stats.last_published)) : nullptr;
  j["published"] = published;
  j["languages"] = nlohmann::ordered_json::array();
  for (const LanguageCount& lang : stats.languages)
    j["languages"].push_back({{"code", lang.code}, {"articles", lang.articles}});
  j["facet_columns"] = stats.facet_columns;
  nlohmann::ordered_json size;
  size["total_bytes"] = stats.total_bytes;
  size["files"] = nlohmann::ordered_json::array();
  for (const DatabaseFile& file : stats.files) size["files"].push_back({{"name", file.name}, {"bytes", file.bytes}});
  j["size"] = size;
  j["sources"] = nlohmann::ordered_json::array();
  for (const SourceCount& source : stats.sources) {
    j["sources"].push_back({{"name", source.name}, {"term", source.term}, {"articles", source.articles}});
  }
  j["articles_without_source"] = stats.articles_without_source;
  return j;
}

}  // namespace newsdex::index
