// Facet columns: for each facet slot, the value of every document as a small
// integer indexed by document id, in one file beside the database
// (DB/newsdex-facets), so that counting facets and the timeline over a
// query's matches costs one array read per match and slot.
//
// Why: Xapian 1.4 keeps a slot's values in chunks holding every document's
// value in id order, so reading the values of matches spread over a large
// database decodes nearly the whole slot (measured on 1M articles: ~10-30 ms
// per slot whatever the number of matches; docs/performance.md). This is the
// "doc values" layout of Lucene, derived from the database.
//
// The file is a cache: the indexer writes it after each run that changed the
// database (newsdex-index, delete, compact), from the committed revision; a
// search uses it only when it was built from exactly the revision it has
// open (UUID, revision, document count and last document id all equal), and
// otherwise counts from the slots as before. A missing, stale, truncated or
// foreign file is never an error. Written to a temporary file and renamed,
// so a crash leaves the old file or the new one (and the temporary file,
// which remove_leftover() or the next build removes); builders take turns
// through an flock on DB/newsdex-facets.lock.
//
// Layout (native byte order, checked by the magic): a header; per group
// (day, source, person, speaker, country, org: the slots counted together)
// its value table; per slot an array of uint32 ids, one per document id
// 0..last docid (0 = no value, k = the group's k-th value).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/error.h"
#include "common/schema.h"

namespace newsdex {

// Thrown by FacetColumns::build() and refresh() when their `stop` callback
// asked them to stop: the temporary file is removed, the columns file is as
// it was before.
class FacetColumnsStopped : public Error {
 public:
  using Error::Error;
};

class FacetColumns {
 public:
  // A group of slots whose values share one table: the day slot (group
  // kDayGroup, for the timeline), then each facet of schema::kFacetSpecs
  // (group_index()): the source slot and each entity facet's rank slots.
  struct Group {
    std::string name;                    // "day", or the facet's name ("source", "person", ...)
    std::vector<Xapian::valueno> slots;  // its slots, rank order
  };
  // In file order: "day", "source", "speaker", "country", "person", "org".
  static const std::vector<Group>& groups();
  // The group of schema::kSlotDay.
  static constexpr std::size_t kDayGroup = 0;
  // The group of facet `kind`'s slots: every facet has one.
  static std::size_t group_index(schema::FacetKind kind);

  static std::string path_for(const std::string& db_path);

  // Asked while building, between pieces of work (each slot, every 64K
  // documents, while waiting for the build lock, before the rename): true
  // stops the build (FacetColumnsStopped). The indexer passes its interrupt
  // flag, so Ctrl-C during the build stops it at once.
  using StopRequested = std::function<bool()>;

  // Writes the columns of the database at `db_path` as committed now, to
  // newsdex-facets.tmp, synced, then renamed over newsdex-facets. Returns the
  // bytes written. Throws Error (naming the file) on I/O errors and
  // FacetColumnsStopped when `stop` returns true; either way the temporary
  // file is removed and the columns file is as it was.
  static std::uint64_t build(const std::string& db_path, const StopRequested& stop = {});

  // Builds them unless the file already matches the committed revision.
  // Returns true when it wrote a file. Throws as build().
  static bool refresh(const std::string& db_path, const StopRequested& stop = {});

  // Removes DB/newsdex-facets.tmp when a builder was killed before its rename
  // left it there (no builder holds the build lock). Returns true when it
  // removed one. Never blocks: while another builder works, does nothing.
  // Throws Error when the file cannot be removed.
  static bool remove_leftover(const std::string& db_path);

  // The columns for `db` (a handle on the database directory `db_path`), or
  // nullptr when there is no file built from exactly the revision `db` has
  // open, or the file is damaged.
  static std::unique_ptr<FacetColumns> open(const std::string& db_path, const Xapian::Database& db);

  ~FacetColumns();
  FacetColumns(const FacetColumns&) = delete;
  FacetColumns& operator=(const FacetColumns&) = delete;

  // Number of values in group g's table (ids are 1..size).
  std::uint32_t table_size(std::size_t g) const;
  // The value of id `id` (1..table_size) of group g.
  std::string_view value(std::size_t g, std::uint32_t id) const;
  // The ids of slot `rank` of group g, indexed by document id (0..last_docid).
  const std::uint32_t* ids(std::size_t g, std::size_t rank) const;
  Xapian::docid last_docid() const { return last_docid_; }

 private:
  FacetColumns() = default;
  struct Table {
    const std::uint32_t* offsets = nullptr;  // size+1 offsets into bytes
    const char* bytes = nullptr;
    std::uint32_t size = 0;
  };
  void* map_ = nullptr;
  std::size_t map_bytes_ = 0;
  Xapian::docid last_docid_ = 0;
  std::vector<Table> tables_;
  std::vector<std::vector<const std::uint32_t*>> ids_;
};

}  // namespace newsdex
