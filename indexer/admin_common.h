// What the database administration commands (stats, delete, compact, check)
// and the indexer share: the message for a damaged database, refreshing the
// facet columns after a write, and sizes on disk and for people.
// Thread safety: none of these share state.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace newsdex::index {

// The one message for a database Xapian cannot read: "the database at DB is
// damaged (DETAIL); run `newsdex-index check --db DB` for a full report, and
// re-index into a new database (newsdex-index --db NEWDIR PATH...)".
std::string damaged_database_message(const std::string& db_path, const std::string& detail);

// Brings the database's facet columns (common/facet_columns.h) up to its
// committed revision, after indexing, delete and compact. They are a cache
// that only speeds up counting, so a failure (a read-only directory, a full
// disk) is a warning on `diagnostics` and searches count from the slots.
// Returns true when it wrote the file.
bool refresh_facet_columns(const std::string& db_path, std::ostream& diagnostics);

// The absolute, normalised form of a database path as reports show it, without
// a trailing slash ("db/" -> "/home/me/db"); symbolic links are kept.
std::string absolute_database_path(const std::string& path);

// "1 article", "2,345 articles": a count (format_count) and its noun.
std::string format_counted(std::uint64_t n, std::string_view singular, std::string_view plural);

// Bytes of all regular files directly in directory `dir` (a glass database is
// flat), 0 when it does not exist.
std::uint64_t directory_bytes(const std::string& dir);

// "27.1 MiB", "512 bytes": a size for people (binary units, 3 significant digits).
std::string format_bytes(std::uint64_t bytes);

}  // namespace newsdex::index
