// The report and --json object of `newsdex-index check` (indexer/check_format.h).
#include "indexer/check_format.h"

#include "common/facet_columns.h"
#include "common/format.h"

namespace newsdex::index {
namespace {

std::string advice(const CheckResult& result) {
  bool only_columns = true;
  for (const CheckProblem& p : result.problems) only_columns = only_columns && p.where == "newsdex-facets";
  if (only_columns) {
    return "The facet columns (a cache) disagree with the database's value slots: one of them is damaged. Remove " +
           FacetColumns::path_for(result.path) +
           "; searches then count from the slots, and the next indexing run, delete or compact writes it anew. If "
           "counts still look wrong, the slots are damaged: re-index into a new database (newsdex-index --db NEWDIR "
           "PATH...).";
  }
  return "The database is damaged: searches on it may fail, miss articles or stop. Keep it, re-index your sources "
         "into a new database (newsdex-index --db NEWDIR PATH...), check that one, and use it instead.";
}

}  // namespace

std::string format_check_result(const CheckResult& result) {
  if (result.sound()) {
    std::string out = "ok: " + result.path + ": " + format_count(result.articles) +
                      (result.articles == 1 ? " article" : " articles") + ", schema version " +
                      (result.schema_version ? std::to_string(*result.schema_version) : "none (empty database)") +
                      ", revision " + std::to_string(result.revision) + "\n";
    out += "  Xapian's check: " + result.xapian_check + "\n";
    out += "  stored articles: " + format_count(result.articles_decoded) + " decode, with their id terms; " +
           format_count(result.entity_summaries) + " entity summaries\n";
    out += "  facet columns: " + result.facet_columns + "\n";
    return out;
  }
  const std::uint64_t total = result.problems.size() + result.more_problems;
  std::string out = result.path + ": " + format_count(total) + (total == 1 ? " problem" : " problems") + "\n";
  for (const CheckProblem& p : result.problems) out += "  " + p.where + ": " + p.what + "\n";
  if (result.more_problems > 0) out += "  (and " + format_count(result.more_problems) + " more)\n";
  out += advice(result) + "\n";
  return out;
}

nlohmann::ordered_json check_json(const CheckResult& result) {
  nlohmann::ordered_json j;
  j["format_version"] = kCheckFormatVersion;
  j["database"] = result.path;
  j["ok"] = result.sound();
  j["schema_version"] = result.schema_version ? nlohmann::ordered_json(*result.schema_version) : nullptr;
  j["revision"] = result.revision;
  j["articles"] = result.articles;
  j["xapian_check"] = result.xapian_check;
  j["content_checked"] = result.content_checked;
  j["articles_decoded"] = result.articles_decoded;
  j["entity_summaries"] = result.entity_summaries;
  j["facet_columns"] = result.facet_columns;
  j["problems"] = nlohmann::ordered_json::array();
  for (const CheckProblem& p : result.problems) j["problems"].push_back({{"where", p.where}, {"problem", p.what}});
  j["more_problems"] = result.more_problems;
  return j;
}

}  // namespace newsdex::index
