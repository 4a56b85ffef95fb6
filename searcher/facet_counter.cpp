// Xapian choices recorded here:
// - Counts come from match spies with checkatleast = the document count, so
//   every match is seen (spies only see the documents the matcher examines)
//   and counts are exact.
// - Spies see documents before collapsing, so stories are counted from the
//   MSet collapsed on the cluster slot instead (one document per story).
// - Xapian handles, and queries, whose reference counts are not atomic, are
//   never shared between threads: each counting thread opens its own handle
//   and rebuilds the query from its serialisation.
#include "searcher/facet_counter.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <system_error>
#include <thread>
#include <utility>

#include "common/entities/countries.h"
#include "common/facet_columns.h"
#include "common/schema.h"

namespace newsdex::search {
namespace {

// Counts the values of several slots over every document the matcher sees:
// the counts of one Xapian::ValueCountMatchSpy per slot, with one virtual call
// per document and a hash table instead of ValueCountMatchSpy's std::map
// (whose string compares were half the counting time on a 1M-article
// database). It cannot be serialised, so remote shards use the stock spies
// (StockSpyCounting).
class SlotCounter : public Xapian::MatchSpy {
 public:
  explicit SlotCounter(std::vector<Xapian::valueno> slots) : slots_(std::move(slots)), counts_(slots_.size()) {}

  void operator()(const Xapian::Document& doc, double /*wt*/) override {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      std::string value = doc.get_value(slots_[i]);
      if (!value.empty()) ++counts_[i][std::move(value)];
    }
  }
  std::string name() const override { return "newsdex.SlotCounter"; }

  // Value -> documents, for the i-th slot given to the constructor.
  const std::unordered_map<std::string, Xapian::doccount>& counts(std::size_t i) const { return counts_[i]; }

 private:
  std::vector<Xapian::valueno> slots_;
  std::vector<std::unordered_map<std::string, Xapian::doccount>> counts_;
};

// Counts groups of facet columns (common/facet_columns.h) over every
// document the matcher sees: per match and slot one array read, and the
// counts are arrays indexed by value id. Local only, like SlotCounter.
class ColumnCounter : public Xapian::MatchSpy {
 public:
  ColumnCounter(const FacetColumns& columns, std::vector<std::size_t> groups)
      : columns_(columns), groups_(std::move(groups)) {
    for (std::size_t g : groups_) {
      counts_.emplace_back(static_cast<std::size_t>(columns_.table_size(g)) + 1, 0);
      std::vector<const std::uint32_t*> ids;
      for (std::size_t r = 0; r < FacetColumns::groups()[g].slots.size(); ++r) ids.push_back(columns_.ids(g, r));
      ids_.push_back(std::move(ids));
    }
  }

  void operator()(const Xapian::Document& doc, double /*wt*/) override {
    const Xapian::docid did = doc.get_docid();
    if (did > columns_.last_docid()) return;  // not in the columns' revision (cannot happen when they match)
    for (std::size_t i = 0; i < groups_.size(); ++i) {
      std::vector<Xapian::doccount>& counts = counts_[i];
      for (const std::uint32_t* ids : ids_[i]) {
        const std::uint32_t id = ids[did];
        if (id != 0 && id < counts.size()) ++counts[id];
      }
    }
  }
  std::string name() const override { return "newsdex.ColumnCounter"; }

  // Documents per value id of the i-th group given to the constructor.
  const std::vector<Xapian::doccount>& counts(std::size_t i) const { return counts_[i]; }

 private:
  const FacetColumns& columns_;
  std::vector<std::size_t> groups_;
  std::vector<std::vector<const std::uint32_t*>> ids_;
  std::vector<std::vector<Xapian::doccount>> counts_;
};

// The document ids lo..hi: one counting thread's slice of the database. Local
// only, like SlotCounter. Ids of deleted documents are returned too; the
// query it filters never matches them.
class DocidRange : public Xapian::PostingSource {
 public:
  DocidRange(Xapian::docid lo, Xapian::docid hi) : lo_(lo), hi_(hi) {}

  void init(const Xapian::Database& db) override {
    current_ = 0;
    last_ = std::min<Xapian::docid>(hi_, db.get_lastdocid());
    ids_ = last_ >= lo_ ? last_ - lo_ + 1 : 0;
    documents_ = std::min<Xapian::doccount>(ids_, db.get_doccount());
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return documents_; }
  Xapian::doccount get_termfreq_max() const override { return ids_; }
  void next(double /*min_wt*/) override { current_ = current_ == 0 ? lo_ : current_ + 1; }
  void skip_to(Xapian::docid did, double /*min_wt*/) override {
    if (current_ == 0 || did > current_) current_ = std::max(did, lo_);
  }
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  Xapian::PostingSource* clone() const override { return new DocidRange(lo_, hi_); }
  std::string name() const override { return "newsdex.DocidRange"; }

 private:
  Xapian::docid lo_, hi_;
  Xapian::docid current_ = 0, last_ = 0;
  Xapian::doccount ids_ = 0, documents_ = 0;
};

constexpr unsigned kMaxAutoCountThreads = 8;

// Each requested facet and its slots (schema::kFacetSpecs: the entity facets
// have one per salience rank; a value sits in at most one slot of a document,
// so the sum over the slots counts documents).
using FacetSlots = std::vector<std::pair<schema::FacetKind, std::vector<Xapian::valueno>>>;

FacetSlots facet_slots_of(const std::vector<schema::FacetKind>& facets) {
  FacetSlots facet_slots;
  for (const schema::FacetKind kind : facets) {
    const schema::FacetSpec& f = schema::facet(kind);
    std::vector<Xapian::valueno> slots;
    slots.reserve(static_cast<std::size_t>(f.ranks));
    for (int r = 0; r < f.ranks; ++r) slots.push_back(f.first_slot + static_cast<Xapian::valueno>(r));
    facet_slots.emplace_back(kind, std::move(slots));
  }
  return facet_slots;
}

// RawCounts with one empty FacetCounts per facet of `facet_slots`.
RawCounts empty_counts(const FacetSlots& facet_slots) {
  RawCounts raw;
  for (const auto& [kind, slots] : facet_slots) raw.facets.push_back(FacetCounts{kind, {}});
  return raw;
}

// Passes every match of `query` in `db` through `spy`; returns the number of
// matches.
std::uint64_t count_matches_through(const Xapian::Database& db, const Xapian::Query& query, Xapian::MatchSpy& spy) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.add_matchspy(&spy);
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

// Passes the matches of `query` through spies made by `make` (a SlotCounter
// or a ColumnCounter), appending one per thread to `spies` (their sums are
// the counts); returns the number of matches. On a large database opened
// from `db_path`, each of `request.threads` threads counts a slice of the
// document ids through its own handle. When a handle opens at another
// revision than `db` (an indexer committed meanwhile), one thread counts on
// `db` instead.
template <class Spy, class Make>
std::uint64_t count_matches_in_slices(const Xapian::Database& db, const std::string& db_path,
                                      const Xapian::Query& query, const CountRequest& request, Make make,
                                      std::vector<std::unique_ptr<Spy>>& spies) {
  // One per core by default, at most kMaxAutoCountThreads (each opens the
  // database; beyond that the slices are too thin to pay for it).
  const unsigned cores = std::clamp(std::thread::hardware_concurrency(), 1U, kMaxAutoCountThreads);
  const unsigned threads = request.threads != 0 ? request.threads : cores;
  const Xapian::docid last = db.get_lastdocid();
  if (db_path.empty() || threads < 2 || db.get_doccount() < request.parallel_min_docs || last < threads) {
    spies.push_back(make());
    return count_matches_through(db, query, *spies.back());
  }
  const std::string serialised = query.serialise();
  const Xapian::rev revision = db.get_revision();
  const Xapian::docid per_thread = (last + threads - 1) / threads;
  std::vector<std::unique_ptr<Spy>> slices;
  for (unsigned t = 0; t < threads; ++t) slices.push_back(make());
  std::vector<std::uint64_t> matched(threads, 0);
  std::vector<std::exception_ptr> errors(threads);
  std::atomic<bool> moved{false};
  auto count_slice_matches = [&](unsigned t, const Xapian::Database& handle, const Xapian::Query& whole) {
    try {
      if (handle.get_revision() != revision) {
        moved = true;
        return;
      }
      Xapian::docid lo = 1 + t * per_thread;
      Xapian::docid hi = std::min(last, lo + per_thread - 1);
      Xapian::Query slice(Xapian::Query::OP_FILTER, whole, Xapian::Query((new DocidRange(lo, hi))->release()));
      matched[t] = count_matches_through(handle, slice, *slices[t]);
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  std::vector<std::thread> workers;
  bool started = true;
  try {
    for (unsigned t = 1; t < threads; ++t) {
      workers.emplace_back([&, t] {
        try {
          Xapian::Database own(db_path);
          count_slice_matches(t, own, Xapian::Query::unserialise(serialised));
        } catch (...) {
          errors[t] = std::current_exception();
        }
      });
    }
  } catch (const std::system_error&) {  // no more threads: count in this one
    started = false;
  }
  if (started) count_slice_matches(0, db, query);
  for (std::thread& w : workers) w.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  if (moved || !started) {
    spies.push_back(make());
    return count_matches_through(db, query, *spies.back());
  }
  std::uint64_t total = 0;
  for (unsigned t = 0; t < threads; ++t) {
    total += matched[t];
    spies.push_back(std::move(slices[t]));
  }
  return total;
}

// Stories: the documents of a match collapsed on the cluster slot, one per
// near-duplicate cluster, each read for its day and facet values.
class StoryCounting : public FacetCounter {
 public:
  explicit StoryCounting(const CountRequest& request)
      : days_(request.days), facet_slots_(facet_slots_of(request.facets)) {}

  RawCounts count_values(const Xapian::Database& db, const Xapian::Query& query) const override {
    RawCounts raw = empty_counts(facet_slots_);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_collapse_key(schema::kSlotCluster);
    const Xapian::doccount all = db.get_doccount();
    Xapian::MSet mset = enquire.get_mset(0, all, all);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document doc = it.get_document();
      if (days_) {
        std::string day = doc.get_value(schema::kSlotDay);
        if (!day.empty()) ++raw.days[day];
      }
      for (std::size_t f = 0; f < facet_slots_.size(); ++f) {
        for (Xapian::valueno slot : facet_slots_[f].second) {
          std::string v = doc.get_value(slot);
          if (!v.empty()) ++raw.facets[f].values[v];
        }
      }
      ++raw.matched;
    }
    return raw;
  }

 private:
  bool days_;
  FacetSlots facet_slots_;
};

// Articles, stub database (maybe remote shards): one
// Xapian::ValueCountMatchSpy per slot. Each spy reads its slot for every
// match: the day spy is only added when a timeline was asked for.
class StockSpyCounting : public FacetCounter {
 public:
  explicit StockSpyCounting(const CountRequest& request)
      : days_(request.days), facet_slots_(facet_slots_of(request.facets)) {}

  RawCounts count_values(const Xapian::Database& db, const Xapian::Query& query) const override {
    RawCounts raw = empty_counts(facet_slots_);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy days(schema::kSlotDay);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    if (days_) enquire.add_matchspy(&days);
    for (const auto& [kind, slots] : facet_slots_) {
      for (Xapian::valueno slot : slots) {
        spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        enquire.add_matchspy(spies.back().get());
      }
    }
    Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
    raw.matched = mset.get_matches_estimated();
    for (auto it = days.values_begin(); it != days.values_end(); ++it) raw.days[*it] = it.get_termfreq();
    std::size_t spy = 0;
    for (std::size_t f = 0; f < facet_slots_.size(); ++f) {
      for (std::size_t k = 0; k < facet_slots_[f].second.size(); ++k, ++spy) {
        for (auto it = spies[spy]->values_begin(); it != spies[spy]->values_end(); ++it) {
          raw.facets[f].values[*it] += it.get_termfreq();
        }
      }
    }
    return raw;
  }

 private:
  bool days_;
  FacetSlots facet_slots_;
};

// Articles, local database with facet columns of the revision open:
// ColumnCounters over the day group (for a timeline) and each facet's group,
// one per counting thread.
class ColumnCounting : public FacetCounter {
 public:
  ColumnCounting(const CountRequest& request, std::string db_path, const FacetColumns& columns)
      : request_(request),
        db_path_(std::move(db_path)),
        columns_(columns),
        facet_slots_(facet_slots_of(request.facets)) {
    if (request_.days) groups_.push_back(FacetColumns::kDayGroup);
    for (const auto& [kind, slots] : facet_slots_) groups_.push_back(FacetColumns::group_index(kind));
  }

  RawCounts count_values(const Xapian::Database& db, const Xapian::Query& query) const override {
    RawCounts raw = empty_counts(facet_slots_);
    std::vector<std::unique_ptr<ColumnCounter>> spies;
    raw.matched = count_matches_in_slices(
        db, db_path_, query, request_, [&] { return std::make_unique<ColumnCounter>(columns_, groups_); }, spies);
    for (std::size_t i = 0; i < groups_.size(); ++i) {
      std::vector<std::uint64_t> total(static_cast<std::size_t>(columns_.table_size(groups_[i])) + 1, 0);
      for (const std::unique_ptr<ColumnCounter>& spy : spies) {
        const std::vector<Xapian::doccount>& counts = spy->counts(i);
        for (std::size_t id = 1; id < counts.size(); ++id) total[id] += counts[id];
      }
      const bool is_day = request_.days && i == 0;
      for (std::uint32_t id = 1; id < total.size(); ++id) {
        if (total[id] == 0) continue;
        std::string value(columns_.value(groups_[i], id));
        if (is_day) {
          raw.days[std::move(value)] += total[id];
        } else {
          raw.facets[i - (request_.days ? 1 : 0)].values[std::move(value)] += total[id];
        }
      }
    }
    return raw;
  }

  bool can_count_early() const override { return !db_path_.empty(); }

 private:
  CountRequest request_;
  std::string db_path_;
  const FacetColumns& columns_;
  FacetSlots facet_slots_;
  std::vector<std::size_t> groups_;  // the day group first when counting days, then one per facet
};

// Articles, local database without usable facet columns: SlotCounters over
// the day slot (for a timeline) and every facet slot, one per counting
// thread.
class SlotCounting : public FacetCounter {
 public:
  SlotCounting(const CountRequest& request, std::string db_path)
      : request_(request), db_path_(std::move(db_path)), facet_slots_(facet_slots_of(request.facets)) {
    if (request_.days) slots_.push_back(schema::kSlotDay);
    for (const auto& [kind, facet] : facet_slots_) {
      for (Xapian::valueno slot : facet) slots_.push_back(slot);
    }
  }

  RawCounts count_values(const Xapian::Database& db, const Xapian::Query& query) const override {
    RawCounts raw = empty_counts(facet_slots_);
    std::vector<std::unique_ptr<SlotCounter>> spies;
    raw.matched = count_matches_in_slices(
        db, db_path_, query, request_, [&] { return std::make_unique<SlotCounter>(slots_); }, spies);
    for (const std::unique_ptr<SlotCounter>& spy : spies) {
      std::size_t i = 0;
      if (request_.days) {
        for (const auto& [day, n] : spy->counts(i++)) raw.days[day] += n;
      }
      for (std::size_t f = 0; f < facet_slots_.size(); ++f) {
        for (std::size_t k = 0; k < facet_slots_[f].second.size(); ++k) {
          for (const auto& [value, n] : spy->counts(i++)) raw.facets[f].values[value] += n;
        }
      }
    }
    return raw;
  }

  bool can_count_early() const override { return !db_path_.empty(); }

 private:
  CountRequest request_;
  std::string db_path_;
  FacetSlots facet_slots_;
  std::vector<Xapian::valueno> slots_;  // the day slot first when counting days, then every facet's slots
};

}  // namespace

std::unique_ptr<FacetCounter> choose_facet_counter(const CountRequest& request, const std::string& db_path,
                                                   const FacetColumns* columns) {
  if (request.stories) return std::make_unique<StoryCounting>(request);
  if (request.stock_spies) return std::make_unique<StockSpyCounting>(request);
  if (columns != nullptr) return std::make_unique<ColumnCounting>(request, db_path, *columns);
  return std::make_unique<SlotCounting>(request, db_path);
}

std::future<std::optional<RawCounts>> count_values_early(std::shared_ptr<const FacetCounter> counter,
                                                         const std::string& db_path, Xapian::rev revision,
                                                         const Xapian::Query& query) {
  // Everything the task uses is its own (a handle, the query rebuilt from its
  // serialisation) or read-only (the counter, shared; the facet columns it
  // points to belong to the caller, who waits for the task).
  return std::async(
      std::launch::async,
      [counter = std::move(counter), db_path, revision, serialised = query.serialise()]() -> std::optional<RawCounts> {
        Xapian::Database own(db_path);
        // An indexer committed since the caller opened the
        // database: count later, on its handle.
        if (own.get_revision() != revision) return std::nullopt;
        return counter->count_values(own, Xapian::Query::unserialise(serialised));
      });
}

std::vector<Facet> top_facet_values(const RawCounts& counts, std::size_t limit) {
  std::vector<Facet> facets;
  for (const FacetCounts& counted : counts.facets) {
    Facet facet{.name = std::string(schema::facet(counted.kind).name), .values = {}, .distinct = counted.values.size()};
    // The top `limit` values, most documents first, ties by value (a person
    // facet of a large match set has tens of thousands of values).
    std::vector<std::pair<std::string, std::uint64_t>> ranked;
    ranked.reserve(counted.values.size());
    for (const auto& [value, n] : counted.values) ranked.emplace_back(value, n);
    auto before = [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    std::size_t top = std::min(ranked.size(), limit);
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(top), ranked.end(), before);
    ranked.resize(top);
    for (auto& [value, n] : ranked) {
      if (counted.kind == schema::FacetKind::kCountry) {
        std::string country = entities::country_name(value);
        facet.values.push_back(FacetValue{country.empty() ? value : country, value, n});
      } else {
        facet.values.push_back(FacetValue{value, "", n});
      }
    }
    facets.push_back(std::move(facet));
  }
  return facets;
}

}  // namespace newsdex::search
