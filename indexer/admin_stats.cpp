// `newsdex-index stats`: reading what a database holds (indexer/admin_stats.h).
#include "indexer/admin_stats.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <new>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "common/database.h"
#include "common/error.h"
#include "common/facet_columns.h"
#include "common/schema.h"
#include "indexer/admin_check.h"
#include "indexer/admin_common.h"
#include "indexer/shard_load.h"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

// The value in `slot` of the first document (by `reverse`: last) in value
// order among those that have one; "" when none has.
std::string extreme_value(const Xapian::Database& db, Xapian::valueno slot, bool last) {
  Xapian::Enquire enquire(db);
  // Every document with a value in the slot: all values are >= the lower bound.
  enquire.set_query(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, db.get_value_lower_bound(slot)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(slot, last);
  Xapian::MSet mset = enquire.get_mset(0, 1);
  return mset.empty() ? std::string() : mset.begin().get_document().get_value(slot);
}

// True when some document has exactly `value` in `slot`.
bool value_present(const Xapian::Database& db, Xapian::valueno slot, const std::string& value) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, value, value));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

// The least (or greatest) value of `slot` over the documents. Xapian's slot
// bounds are exact after additions but not after deletions (a deleted
// article's date stays the bound), so a bound no document has is recomputed
// by sorting on the slot.
std::string exact_bound(const Xapian::Database& db, Xapian::valueno slot, bool upper) {
  std::string bound = upper ? db.get_value_upper_bound(slot) : db.get_value_lower_bound(slot);
  if (bound.empty() || value_present(db, slot, bound)) return bound;
  return extreme_value(db, slot, upper);
}

std::int64_t unix_seconds(const std::string& sortable) {
  return static_cast<std::int64_t>(Xapian::sortable_unserialise(sortable));
}

// Calls visit(value, termfreq) for every term prefix + value in use (a term
// no document holds any more is left out).
template <typename Visit>
void for_each_prefixed_term(const Xapian::Database& db, std::string_view prefix, Visit visit) {
  const std::string p(prefix);
  for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
    if (it.get_termfreq() > 0) visit((*it).substr(p.size()), it.get_termfreq());
  }
}

// Attempts at reading the statistics when the database moves on under the
// reader: Xapian throws DatabaseModifiedError once an indexer has committed
// twice since it opened, and a reopen reads the new revision. The same error
// every time means a block claims a revision newer than the database's.
constexpr int kStatsAttempts = 5;

// "shards=N" (schema::kMetaBulkLoad) -> N; 1 for anything else (no sharded load).
unsigned bulk_load_shards(const std::string& metadata) {
  constexpr std::string_view kKey = "shards=";
  if (!metadata.starts_with(kKey)) return 1;
  unsigned n = 0;
  for (char c : metadata.substr(kKey.size())) {
    if (c < '0' || c > '9' || n > kMaxShards) return 1;
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  return n >= 1 && n <= kMaxShards ? n : 1;
}

DatabaseStats collect_stats_once(const std::string& db_path) {
  Xapian::Database db = open_database_for_reading(db_path);
  DatabaseStats stats;
  stats.path = absolute_database_path(db_path);
  {
    std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
    if (!version.empty()) stats.schema_version = std::stoi(version);  // checked by open_database_for_reading
    stats.revision = db.get_revision();
    stats.articles = db.get_doccount();
    if (FacetColumns::open(db_path, db)) {
      stats.facet_columns = "current";
    } else {
      std::error_code exists_ec;
      stats.facet_columns = fs::exists(FacetColumns::path_for(db_path), exists_ec) ? "stale" : "missing";
    }

    for_each_prefixed_term(db, schema::kPrefixCluster, [&](const std::string&, Xapian::doccount) { ++stats.stories; });

    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(stats.path, ec)) {
      std::error_code size_ec;
      if (!entry.is_regular_file(size_ec)) continue;
      std::uintmax_t size = entry.file_size(size_ec);
      if (size_ec) continue;
      stats.files.push_back({entry.path().filename().string(), size});
      stats.total_bytes += size;
    }
    std::sort(stats.files.begin(), stats.files.end(), [](const DatabaseFile& a, const DatabaseFile& b) {
      return a.bytes != b.bytes ? a.bytes > b.bytes : a.name < b.name;
    });

    stats.dated_articles = db.get_value_freq(schema::kSlotPublished);
    if (stats.dated_articles > 0) {
      std::string first = exact_bound(db, schema::kSlotPublished, false);
      std::string last = exact_bound(db, schema::kSlotPublished, true);
      if (!first.empty()) stats.first_published = unix_seconds(first);
      if (!last.empty()) stats.last_published = unix_seconds(last);
    }

    std::map<std::string, Xapian::doccount> language_counts;
    for_each_prefixed_term(db, schema::kPrefixLang,
                           [&](const std::string& code, Xapian::doccount n) { language_counts[code] = n; });
    std::set<std::string> listed;
    std::stringstream metadata(db.get_metadata(std::string(schema::kMetaLanguages)));
    for (std::string code; std::getline(metadata, code, ',');) {
      if (code.empty() || !listed.insert(code).second) continue;
      auto it = language_counts.find(code);
      stats.languages.push_back({code, it == language_counts.end() ? 0 : it->second});
    }
    for (const auto& [code, n] : language_counts) {
      if (!listed.contains(code)) stats.languages.push_back({code, n});
    }
    // Last of the metadata: a lookup that lands in a damaged postlist block can
    // crash libxapian, and the reads above meet such damage first and throw.
    stats.bulk_load_shards = bulk_load_shards(db.get_metadata(std::string(schema::kMetaBulkLoad)));

    Xapian::doccount with_source = 0;
    for_each_prefixed_term(db, schema::kPrefixSource, [&](const std::string& value, Xapian::doccount n) {
      std::string term = std::string(schema::kPrefixSource) + value;
      Xapian::PostingIterator first = db.postlist_begin(term);
      std::string name =
          first == db.postlist_end(term) ? value : db.get_document(*first).get_value(schema::kSlotSource);
      stats.sources.push_back({name.empty() ? value : name, value, n});
      with_source += n;
    });
    std::stable_sort(stats.sources.begin(), stats.sources.end(),
                     [](const SourceCount& a, const SourceCount& b) { return a.articles > b.articles; });
    stats.articles_without_source = stats.articles > with_source ? stats.articles - with_source : 0;
  }
  return stats;
}

}  // namespace

DatabaseStats collect_stats(const std::string& db_path) {
  refuse_damaged_database(db_path);
  for (int attempt = 1;; ++attempt) {
    try {
      return collect_stats_once(db_path);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= kStatsAttempts) {
        throw Error(damaged_database_message(db_path, e.get_description() + " (" + std::to_string(attempt) +
                                                          " times in a row, so not an indexer's commit)"));
      }
    } catch (const Xapian::Error& e) {
      throw Error(damaged_database_message(db_path, e.get_description()));
    } catch (const std::bad_alloc&) {
      throw Error(damaged_database_message(db_path, "reading it asked for more memory than there is"));
    } catch (const std::length_error& e) {
      throw Error(damaged_database_message(db_path, std::string("a length in it is impossible: ") + e.what()));
    }
  }
}

}  // namespace newsdex::index
