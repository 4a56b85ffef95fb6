// The two forms of `newsdex-index stats`: the aligned terminal report and the
// --json object (its keys are documented in docs/newsdex-index.md).
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "indexer/admin_stats.h"

namespace newsdex::index {

// Version of the `stats --json` object; bumped when a key is removed or
// changes meaning (new keys may be added without a bump).
inline constexpr int kStatsFormatVersion = 1;

// The terminal report: one "label  value" line per statistic, aligned, the
// files and the top `top_sources` outlets (0 = all) indented below.
std::string format_stats(const DatabaseStats& stats, std::size_t top_sources = 10);

// The --json object (every outlet, every file); keys in docs/newsdex-index.md.
nlohmann::ordered_json stats_json(const DatabaseStats& stats);

}  // namespace newsdex::index
