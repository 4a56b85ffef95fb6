// The two forms of `newsdex-index check`: the report for people (one line
// when sound; the problems and what to do otherwise) and the --json object
// (keys in docs/newsdex-index.md).
// Thread safety: pure functions.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "indexer/admin_check.h"

namespace newsdex::index {

// Version of the `check --json` object (bumped as kStatsFormatVersion is).
inline constexpr int kCheckFormatVersion = 1;

// "ok: DB: 47 articles, ..." on one line, or "DB: N problems" and one
// "  where: what" line per problem, then what to do.
std::string format_check_result(const CheckResult& result);

// The --json object; keys in docs/newsdex-index.md.
nlohmann::ordered_json check_json(const CheckResult& result);

}  // namespace newsdex::index
