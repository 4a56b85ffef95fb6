// Helpers for end-to-end tests that run newsdex-search --json and look at its
// JSON Lines.
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/process.h"

namespace newsdex::test {

inline std::vector<nlohmann::json> parse_json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

// newsdex-search --db DB --json --limit 100 ARGS...; requires exit status 0 or 1.
inline std::vector<nlohmann::json> search_json(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", db, "--json", "--limit", "100"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult r = run_process(argv);
  INFO(r.err);
  REQUIRE(r.status < 2);
  return parse_json_lines(r.out);
}

// The ids of the "hit" lines.
inline std::set<std::string> hit_ids(const std::vector<nlohmann::json>& lines) {
  std::set<std::string> ids;
  for (const auto& l : lines) {
    if (l["type"] == "hit") ids.insert(l["id"].get<std::string>());
  }
  return ids;
}

// The first line of the given "type", or nullptr.
inline const nlohmann::json* find_type(const std::vector<nlohmann::json>& lines, const std::string& type) {
  for (const auto& l : lines) {
    if (l["type"] == type) return &l;
  }
  return nullptr;
}

}  // namespace newsdex::test
