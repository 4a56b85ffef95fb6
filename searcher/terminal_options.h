// What both newsdex-search outputs (search results, --show) decide about the
// terminal they write to, and the one wording of "this database is damaged".
// Reads the environment and standard output; thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "searcher/search.h"

namespace newsdex::search {

// Whether to colour the output: kAlways/kNever as said; kAuto = standard
// output is a terminal, NO_COLOR is unset or empty and TERM is not "dumb".
bool use_color(ColorMode mode);

// Columns to lay the output out in: $COLUMNS when a positive number, else
// the terminal's width when standard output is one, else 80.
std::size_t terminal_width();

// "the database at DB is damaged (DETAIL); run `newsdex-index check --db DB`
// for a full report, and re-index into a new database (...)": the advice
// newsdex-index gives too (indexer/admin_common.h damaged_database_message;
// the tools share no code there).
std::string damaged(const std::string& db_path, const std::string& detail);

}  // namespace newsdex::search
