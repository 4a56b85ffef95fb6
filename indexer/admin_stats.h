// `newsdex-index stats`: what a database holds (articles, stories, dates,
// languages, outlets, files), read while an indexer may be writing. The model
// only; its text and --json forms are in indexer/stats_format.h.
// Thread safety: collect_stats shares no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex::index {

struct DatabaseFile {
  std::string name;         // file name inside the database directory ("postlist.glass")
  std::uint64_t bytes = 0;  // its size (apparent size, as ls -l shows it)
};

struct SourceCount {
  std::string name;               // the outlet as one of its articles shows it (value slot kSlotSource)
  std::string term;               // the normalised filter value (the XSRC term without its prefix)
  Xapian::doccount articles = 0;  // exact: the term's frequency
};

struct LanguageCount {
  std::string code;               // "en"
  Xapian::doccount articles = 0;  // exact: frequency of the L<code> term
};

struct DatabaseStats {
  std::string path;                   // absolute path of the database directory
  std::optional<int> schema_version;  // metadata; nullopt only for an empty, never-written database
  Xapian::rev revision = 0;           // Xapian's revision: one more per commit
  Xapian::doccount articles = 0;
  std::uint64_t stories = 0;  // distinct near-duplicate clusters (XCLU terms in use)
  std::uint64_t total_bytes = 0;
  std::vector<DatabaseFile> files;  // every file in the directory, largest first (ties by name)
  Xapian::doccount dated_articles = 0;
  // Earliest and latest publication time (unix seconds, UTC) over the
  // articles in the database; nullopt when no article has a date.
  std::optional<std::int64_t> first_published;
  std::optional<std::int64_t> last_published;
  // The languages listed in the metadata, in their order, with article counts;
  // a language with articles but missing from the list (never expected) is appended.
  std::vector<LanguageCount> languages;
  std::vector<SourceCount> sources;  // every outlet, most articles first (ties by term)
  Xapian::doccount articles_without_source = 0;
  // The facet columns (common/facet_columns.h): "current" (built from this
  // revision, searches use them), "stale" (of another revision, or damaged)
  // or "missing".
  std::string facet_columns;
  // Shard writers of the database's last sharded bulk load (metadata
  // schema::kMetaBulkLoad, common/schema.h); 1 when every load had one writer.
  unsigned bulk_load_shards = 1;
};

// Reads the statistics of the database at `db_path` (open for reading: works
// while an indexer writes). Throws DatabaseMissingError when there is no
// database there and Error for one of another schema version or a read error.
// The date range is exact even after deletions: Xapian's value-slot bounds
// are checked against the documents and, when stale, recomputed.
DatabaseStats collect_stats(const std::string& db_path);

}  // namespace newsdex::index
