// Database administration behind `newsdex-index stats`, `delete`, `compact`
// and `check`, for indexer/main.cpp, which runs them all: this header only
// gathers the parts. Code that needs one part includes its header:
//   indexer/admin_common.h   shared: the damaged-database message, facet
//                            column refresh, sizes on disk and for people
//   indexer/admin_stats.h    what a database holds (the model)
//   indexer/stats_format.h   its terminal report and --json object
//   indexer/admin_delete.h   removing articles by id
//   indexer/admin_compact.h  compacting a database in place
//   indexer/admin_check.h    checking that a database is sound, and the checks
//                            run before writing
//   indexer/check_format.h   the check's report and --json object
//   common/fatal_signal.h    the message on a fatal signal (both tools)
// Only the two *_format.h headers include nlohmann/json. Everything works on
// a database path and returns values, so tests and the indexer (compaction
// after a bulk load) call it directly; main.cpp parses options and prints.
#pragma once

#include "common/fatal_signal.h"
#include "indexer/admin_check.h"
#include "indexer/admin_common.h"
#include "indexer/admin_compact.h"
#include "indexer/admin_delete.h"
#include "indexer/admin_stats.h"
#include "indexer/check_format.h"
#include "indexer/stats_format.h"

namespace newsdex::index {

// newsdex-index's calls name it index::print_on_fatal_signal.
using newsdex::print_on_fatal_signal;

}  // namespace newsdex::index
