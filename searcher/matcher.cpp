// Xapian choices recorded here:
// - Counts for the timeline and facets come from match spies with checkatleast
//   = the document count, so every match is seen (spies only see the
//   documents the matcher examines) and counts are exact. A stub database,
//   which may list remote shards, uses Xapian::ValueCountMatchSpy, the one
//   spy a stock xapian-tcpsrv understands; a database directory uses
//   SlotCounter below, the same counts in about half the time.
// - Near-duplicate copies collapse on kSlotCluster (Enquire::set_collapse_key);
//   "+N similar" is then counted exactly with one small query per shown hit.
// - The best headline per timeline bucket is a second match collapsed on the
//   bucket's slot: the top document of each bucket is its best-ranked article.
#include "searcher/matcher.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <future>
#include <optional>
#include <map>
#include <memory>
#include <system_error>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "common/compression/stored_fields.h"
#include "common/dates.h"
#include "common/entities/countries.h"
#include "common/facet_columns.h"
#include "common/schema.h"
#include "searcher/snippet_generator.h"

namespace newsdex::search {
namespace {

// BM25 parameters. Xapian's defaults are k1=1, k2=0, k3=1, b=0.5,
// min_normlen=0.5; docs/ranking.md records what was measured on Reuters.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25B = 0.75;
constexpr double kBm25MinNormLen = 0.5;

// How often to reopen and retry when an indexer commits during a search.
constexpr int kModifiedRetries = 10;
// Copies of one story looked at for "+N similar" and its outlets.
constexpr Xapian::doccount kMaxSimilar = 1000;

std::string label_of(const std::string& slot_value, TimelineGranularity g) {
  // Slot values: yyyymmdd (day, week), yyyymm (month), yyyy (year).
  switch (g) {
    case TimelineGranularity::kDay:
    case TimelineGranularity::kWeek:
      return slot_value.substr(0, 4) + "-" + slot_value.substr(4, 2) + "-" + slot_value.substr(6, 2);
    case TimelineGranularity::kMonth:
      return slot_value.substr(0, 4) + "-" + slot_value.substr(4, 2);
    default:
      return slot_value;
  }
}

Xapian::valueno slot_of(TimelineGranularity g) {
  switch (g) {
    case TimelineGranularity::kDay: return schema::kSlotDay;
    case TimelineGranularity::kWeek: return schema::kSlotWeek;
    case TimelineGranularity::kMonth: return schema::kSlotMonth;
    default: return schema::kSlotYear;
  }
}

const char* name_of(TimelineGranularity g) {
  switch (g) {
    case TimelineGranularity::kDay: return "day";
    case TimelineGranularity::kWeek: return "week";
    case TimelineGranularity::kMonth: return "month";
    default: return "year";
  }
}

// yyyymmdd -> unix seconds of that day.
std::int64_t day_seconds(const std::string& yyyymmdd) {
  return dates::unix_from_civil(std::stoi(yyyymmdd.substr(0, 4)), static_cast<unsigned>(std::stoi(yyyymmdd.substr(4, 2))),
                                static_cast<unsigned>(std::stoi(yyyymmdd.substr(6, 2))));
}

// Every bucket key from the first to the last, so empty periods show as
// empty bars. Keys in the slot format of `g`.
std::vector<std::string> bucket_range(const std::string& first_day, const std::string& last_day,
                                      TimelineGranularity g) {
  std::vector<std::string> keys;
  constexpr std::int64_t kDay = 86'400;
  auto fmt = [](std::int64_t t, std::size_t len) {
    std::string iso = dates::format_date(t);  // yyyy-mm-dd
    std::string compact = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
    return compact.substr(0, len);
  };
  std::int64_t start = day_seconds(first_day), end = day_seconds(last_day);
  if (g == TimelineGranularity::kDay || g == TimelineGranularity::kWeek) {
    std::int64_t step = g == TimelineGranularity::kDay ? kDay : 7 * kDay;
    if (g == TimelineGranularity::kWeek) {
      std::int64_t days = start / kDay;
      start -= (((days % 7) + 7 + 3) % 7) * kDay;  // back to Monday
    }
    for (std::int64_t t = start; t <= end; t += step) keys.push_back(fmt(t, 8));
  } else if (g == TimelineGranularity::kMonth) {
    dates::CivilDate a = dates::civil_from_unix(start), b = dates::civil_from_unix(end);
    for (int y = a.year, m = static_cast<int>(a.month); y < b.year || (y == b.year && m <= static_cast<int>(b.month));) {
      keys.push_back(fmt(dates::unix_from_civil(y, static_cast<unsigned>(m), 1), 6));
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  } else {
    for (int y = dates::civil_from_unix(start).year; y <= dates::civil_from_unix(end).year; ++y) {
      keys.push_back(std::to_string(y));
    }
  }
  return keys;
}

// Picks a bucket size giving roughly 10-60 bars for the span of the matches.
TimelineGranularity auto_granularity(const std::string& first_day, const std::string& last_day) {
  double days = static_cast<double>(day_seconds(last_day) - day_seconds(first_day)) / 86'400.0;
  if (days <= 45) return TimelineGranularity::kDay;
  if (days <= 180) return TimelineGranularity::kWeek;
  if (days <= 6 * 366) return TimelineGranularity::kMonth;
  return TimelineGranularity::kYear;
}

// The stored article of a document. One that does not decode is damage to
// the database, reported as Xapian reports its own (run_search names the
// database and what to do).
Article stored_article(const Xapian::Document& doc) {
  try {
    return compression::decode_article(doc.get_data());
  } catch (const Error& e) {
    throw Xapian::DatabaseCorruptError("document " + std::to_string(doc.get_docid()) + ": " + e.what());
  }
}

// The indexer's stored extraction summary (schema.h) into the Match. An
// article indexed without entities has none; a damaged summary is ignored
// rather than failing the search.
void add_entities(const std::string& summary, Match& m) {
  if (summary.empty()) return;
  nlohmann::json j = nlohmann::json::parse(summary, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return;
  auto strings = [&](const char* key) {
    std::vector<std::string> out;
    if (j.contains(key) && j[key].is_array()) {
      for (const auto& v : j[key]) {
        if (v.is_string()) out.push_back(v.get<std::string>());
      }
    }
    return out;
  };
  m.persons = strings("persons");
  m.organizations = strings("organizations");
  m.speakers = strings("speakers");
  if (j.contains("countries") && j["countries"].is_array()) {
    for (const auto& c : j["countries"]) {
      if (c.is_object()) m.countries.push_back(CountryRef{c.value("code", ""), c.value("name", "")});
    }
  }
  if (j.contains("quotes") && j["quotes"].is_array()) {
    for (const auto& q : j["quotes"]) {
      if (!q.is_object()) continue;
      std::string speaker = q.contains("speaker") && q["speaker"].is_string() ? q["speaker"].get<std::string>() : "";
      m.quotes.push_back(QuoteRef{speaker, q.value("text", "")});
    }
  }
}

// Counts the values of several slots over every document the matcher sees:
// the counts of one Xapian::ValueCountMatchSpy per slot, with one virtual call
// per document and a hash table instead of ValueCountMatchSpy's std::map
// (whose string compares were half the counting time on a 1M-article
// database). It cannot be serialised, so remote shards use the stock spies
// (MatchOptions::stock_spies).
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
  ColumnCounter(const FacetColumns& columns, std::vector<std::size_t> groups) : columns_(columns), groups_(std::move(groups)) {
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

constexpr unsigned kMaxAutoCountThreads = 8;

// Each requested facet's name and slots (the entity facets have one per
// salience rank; a value sits in at most one slot of a document, so the sum
// over slots counts documents).
using FacetSlots = std::vector<std::pair<std::string, std::vector<Xapian::valueno>>>;

FacetSlots facet_slots_of(const MatchOptions& options) {
  FacetSlots facet_slots;
  for (const std::string& name : options.facets) {
    std::vector<Xapian::valueno> slots;
    if (name == "source") slots.push_back(schema::kSlotSource);
    for (const schema::Facet& f : schema::kFacets) {
      if (f.name != name) continue;
      for (int r = 0; r < schema::kFacetRanks; ++r) slots.push_back(f.first_slot + static_cast<Xapian::valueno>(r));
    }
    if (!slots.empty()) facet_slots.emplace_back(name, std::move(slots));
  }
  return facet_slots;
}


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

// Every match of `query` in `db` passes through `counter`; returns the matches.
std::uint64_t count_with(const Xapian::Database& db, const Xapian::Query& query, Xapian::MatchSpy& counter) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.add_matchspy(&counter);
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

// Passes the matches of `query` through counters made by `make` (a
// SlotCounter or a ColumnCounter), appending one per thread to `counters`
// (their sums are the counts); returns the matches. On a
// large database opened from `db_path`, each of MatchOptions::count_threads
// threads counts a slice of the document ids through its own handle (Xapian
// handles, and queries, whose reference counts are not atomic, are never
// shared between threads: each thread rebuilds the query from its
// serialisation). When a handle opens at another revision than `db` (an
// indexer committed meanwhile), one thread counts on `db` instead.
template <class Counter, class Make>
std::uint64_t count_matches(const Xapian::Database& db, const std::string& db_path, const Xapian::Query& query,
                            const MatchOptions& options, Make make, std::vector<std::unique_ptr<Counter>>& counters) {
  // One per core by default, at most kMaxAutoCountThreads (each opens the
  // database; beyond that the slices are too thin to pay for it).
  const unsigned cores = std::clamp(std::thread::hardware_concurrency(), 1U, kMaxAutoCountThreads);
  const unsigned threads = options.count_threads != 0 ? options.count_threads : cores;
  const Xapian::docid last = db.get_lastdocid();
  if (db_path.empty() || threads < 2 || db.get_doccount() < options.parallel_count_min_docs || last < threads) {
    counters.push_back(make());
    return count_with(db, query, *counters.back());
  }
  const std::string serialised = query.serialise();
  const Xapian::rev revision = db.get_revision();
  const Xapian::docid per_thread = (last + threads - 1) / threads;
  std::vector<std::unique_ptr<Counter>> slices;
  for (unsigned t = 0; t < threads; ++t) slices.push_back(make());
  std::vector<std::uint64_t> matched(threads, 0);
  std::vector<std::exception_ptr> errors(threads);
  std::atomic<bool> moved{false};
  auto count_slice = [&](unsigned t, const Xapian::Database& handle, const Xapian::Query& whole) {
    try {
      if (handle.get_revision() != revision) {
        moved = true;
        return;
      }
      Xapian::docid lo = 1 + t * per_thread;
      Xapian::docid hi = std::min(last, lo + per_thread - 1);
      Xapian::Query slice(Xapian::Query::OP_FILTER, whole, Xapian::Query((new DocidRange(lo, hi))->release()));
      matched[t] = count_with(handle, slice, *slices[t]);
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
          count_slice(t, own, Xapian::Query::unserialise(serialised));
        } catch (...) {
          errors[t] = std::current_exception();
        }
      });
    }
  } catch (const std::system_error&) {  // no more threads: count in this one
    started = false;
  }
  if (started) count_slice(0, db, query);
  for (std::thread& w : workers) w.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  if (moved || !started) {
    counters.push_back(make());
    return count_with(db, query, *counters.back());
  }
  std::uint64_t total = 0;
  for (unsigned t = 0; t < threads; ++t) {
    total += matched[t];
    counters.push_back(std::move(slices[t]));
  }
  return total;
}

// The counts of the two local counters (the facet columns when given, else
// the slots), through `db` and handles opened from `db_path`.
RawCounts count_local(const Xapian::Database& db, const std::string& db_path, const FacetColumns* columns,
                      const Xapian::Query& query, const MatchOptions& options, const FacetSlots& facet_slots) {
  RawCounts raw;
  raw.facets.resize(facet_slots.size());
  if (columns != nullptr) {
    // Articles, local database with facet columns of the revision open:
    // ColumnCounters over the day group (for a timeline) and each facet's
    // group, one per counting thread.
    std::vector<std::size_t> groups;
    const bool days = options.timeline != TimelineGranularity::kNone;
    if (days) groups.push_back(static_cast<std::size_t>(FacetColumns::group_index("day")));
    for (const auto& [name, slots] : facet_slots) groups.push_back(static_cast<std::size_t>(FacetColumns::group_index(name)));
    std::vector<std::unique_ptr<ColumnCounter>> counters;
    raw.matched = count_matches(db, db_path, query, options,
                                [&] { return std::make_unique<ColumnCounter>(*columns, groups); }, counters);
    for (std::size_t i = 0; i < groups.size(); ++i) {
      std::vector<std::uint64_t> total(static_cast<std::size_t>(columns->table_size(groups[i])) + 1, 0);
      for (const std::unique_ptr<ColumnCounter>& counter : counters) {
        const std::vector<Xapian::doccount>& counts = counter->counts(i);
        for (std::size_t id = 1; id < counts.size(); ++id) total[id] += counts[id];
      }
      const bool is_day = days && i == 0;
      for (std::uint32_t id = 1; id < total.size(); ++id) {
        if (total[id] == 0) continue;
        std::string value(columns->value(groups[i], id));
        if (is_day) {
          raw.days[std::move(value)] += total[id];
        } else {
          raw.facets[i - (days ? 1 : 0)][std::move(value)] += total[id];
        }
      }
    }
  } else {
    // Articles, local database: SlotCounters over the day slot (for a
    // timeline) and every facet slot, one per counting thread.
    std::vector<Xapian::valueno> slots;
    const bool days = options.timeline != TimelineGranularity::kNone;
    if (days) slots.push_back(schema::kSlotDay);
    for (const auto& [name, facet] : facet_slots) {
      for (Xapian::valueno slot : facet) slots.push_back(slot);
    }
    std::vector<std::unique_ptr<SlotCounter>> counters;
    raw.matched = count_matches(db, db_path, query, options, [&] { return std::make_unique<SlotCounter>(slots); }, counters);
    for (const std::unique_ptr<SlotCounter>& counter : counters) {
      std::size_t i = 0;
      if (days) {
        for (const auto& [day, n] : counter->counts(i++)) raw.days[day] += n;
      }
      for (std::size_t f = 0; f < facet_slots.size(); ++f) {
        for (std::size_t k = 0; k < facet_slots[f].second.size(); ++k) {
          for (const auto& [value, n] : counter->counts(i++)) raw.facets[f][value] += n;
        }
      }
    }
  }
  return raw;
}

}  // namespace

Matcher::Matcher(Xapian::Database db, std::string db_path) : db_(std::move(db)), db_path_(std::move(db_path)) {}

Matcher::~Matcher() = default;

const FacetColumns* Matcher::facet_columns(const MatchOptions& options) {
  if (db_path_.empty() || options.stock_spies || !options.facet_columns) return nullptr;
  // Opened once per revision: a retry after an indexer's commit reopens the
  // database, and the columns of the old revision no longer apply.
  if (!columns_checked_ || columns_revision_ != db_.get_revision()) {
    columns_ = FacetColumns::open(db_path_, db_);
    columns_revision_ = db_.get_revision();
    columns_checked_ = true;
  }
  return columns_.get();
}

analysis::Analyzer& Matcher::analyzer_for(const std::string& lang) {
  auto it = analyzers_.find(lang);
  if (it == analyzers_.end()) it = analyzers_.emplace(lang, analysis::Analyzer(lang)).first;
  return it->second;
}

Xapian::Enquire Matcher::make_enquire(const Xapian::Query& query, const MatchOptions& options) const {
  Xapian::Enquire enquire(db_);
  enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, kBm25K2, kBm25K3, kBm25B, kBm25MinNormLen));
  enquire.set_query(query);
  if (options.sort != SortOrder::kRelevance) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, options.sort == SortOrder::kNewest);
  }
  if (options.collapse) enquire.set_collapse_key(schema::kSlotCluster);
  return enquire;
}

// Rarity of each highlighted word: inverse document frequency of its exact
// term, so a snippet prefers the passage holding "Lavrov" over one repeating
// "said". The match's statistics answer for the query's own terms (no
// second read of their posting lists); others are looked up.
HighlightSpec Matcher::weigh(HighlightSpec spec, const Xapian::MSet& mset) const {
  double n = static_cast<double>(std::max<Xapian::doccount>(db_.get_doccount(), 1));
  for (HighlightTerm& t : spec.terms) {
    Xapian::doccount tf = t.prefix ? 0 : mset.get_termfreq(t.term);
    t.weight = t.prefix ? 1.0 : std::log((n + 1.0) / (static_cast<double>(tf) + 0.5)) + 0.1;
    t.weight = std::max(t.weight, 0.1);
  }
  return spec;
}

SearchResults Matcher::search(const BuiltQuery& query, const MatchOptions& options) {
  for (int attempt = 0;; ++attempt) {
    try {
      return search_once(query, options);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= kModifiedRetries) throw;
      db_.reopen();
    } catch (const Xapian::DatabaseCorruptError&) {
      // Glass can report a block the writer has just reused as corrupt
      // before it notices the revision moved on. Only a database that did
      // move on is retried; real damage stays an error.
      if (attempt >= kModifiedRetries || !db_.reopen()) throw;
    }
  }
}

SearchResults Matcher::search_once(const BuiltQuery& query, const MatchOptions& options) {
  SearchResults results;
  results.offset = options.offset;
  results.sort = options.sort == SortOrder::kNewest ? "newest" : options.sort == SortOrder::kOldest ? "oldest" : "relevance";
  results.collapsed = options.collapse;
  results.count_by = options.count_stories ? "story" : "article";
  const Xapian::doccount wanted = options.offset + options.limit;

  // On a large local database the counting of the complete matches (the
  // usual case) starts now, on its own handles, and runs while this thread
  // ranks the page and makes the snippets.
  const bool counting = options.timeline != TimelineGranularity::kNone || !options.facets.empty();
  std::future<std::optional<RawCounts>> early;
  if (counting && options.overlap_count && !options.count_stories && !options.stock_spies && !db_path_.empty() &&
      db_.get_doccount() >= options.parallel_count_min_docs) {
    early = count_early(query.complete, options);
  }

  Xapian::Enquire complete = make_enquire(query.complete, options);
  // checkatleast = wanted: below that, the count of complete matches is exact,
  // which decides whether partial matches must fill the page. At least 1, so
  // that with --limit 0 too an existing complete match is seen and the counts
  // below are over the complete matches, as with any other page size. At
  // least one item too: asked for none, Xapian 1.4 cannot prune by weight
  // and, collapsing, reads every match's cluster (1M articles, `natural
  // gas`: 75 ms instead of 21); the extra hit is dropped below.
  Xapian::MSet complete_mset = complete.get_mset(options.offset, std::max<Xapian::doccount>(options.limit, 1),
                                                 std::max<Xapian::doccount>(wanted, 1));
  results.complete_matches_estimated = complete_mset.get_matches_estimated();
  results.matches_estimated = complete_mset.get_matches_estimated();
  results.matches_lower_bound = complete_mset.get_matches_lower_bound();
  results.matches_upper_bound = complete_mset.get_matches_upper_bound();

  struct Hit {
    Xapian::Document doc;
    double score;
    bool matched_all;
    std::string cluster;  // the collapse key (near-duplicate cluster id), if collapsing
  };
  std::vector<Hit> hits;
  for (auto it = complete_mset.begin(); it != complete_mset.end() && hits.size() < options.limit; ++it) {
    hits.push_back(Hit{it.get_document(), it.get_weight(), true, options.collapse ? it.get_collapse_key() : std::string()});
  }

  // Partial matches (some query words, not all): they fill the page when the
  // complete ones run out, and are always counted, so the totals do not
  // depend on the page size.
  Xapian::Query only_partial;
  if (!query.partial.empty()) {
    const Xapian::doccount n_complete = complete_mset.get_matches_upper_bound();
    const bool fill = n_complete < wanted;
    only_partial = Xapian::Query(Xapian::Query::OP_AND_NOT, query.partial, query.complete);
    Xapian::Enquire partial = make_enquire(only_partial, options);
    Xapian::doccount first = fill && options.offset > n_complete ? options.offset - n_complete : 0;
    Xapian::doccount count_wanted = fill ? wanted - std::max<Xapian::doccount>(options.offset, n_complete) : 0;
    Xapian::MSet partial_mset = partial.get_mset(first, count_wanted);
    for (auto it = partial_mset.begin(); it != partial_mset.end(); ++it) {
      hits.push_back(Hit{it.get_document(), it.get_weight(), false, options.collapse ? it.get_collapse_key() : std::string()});
    }
    results.matches_estimated += partial_mset.get_matches_estimated();
    results.matches_lower_bound += partial_mset.get_matches_lower_bound();
    results.matches_upper_bound += partial_mset.get_matches_upper_bound();
  }

  SnippetGenerator snippets(weigh(query.highlight, complete_mset), options.snippet_chars);
  std::uint32_t rank = options.offset;
  for (const Hit& hit : hits) {
    Article article = stored_article(hit.doc);
    analysis::Analyzer& analyzer = analyzer_for(article.lang);
    Match m;
    m.rank = ++rank;
    m.score = hit.score;
    m.matched_all = hit.matched_all;
    m.title_highlighted = snippets.highlight_all(article.title, analyzer);
    m.snippet = snippets.make_snippet(article.body, analyzer);
    m.id = std::move(article.id);
    m.title = std::move(article.title);
    m.published_unix_s = article.published_unix_s;
    m.source = std::move(article.source);
    m.url = std::move(article.url);
    m.author = std::move(article.author);
    add_entities(article.entities_json, m);
    if (options.collapse) add_similar(hit.matched_all ? query.complete : only_partial, hit.cluster, m);
    results.matches.push_back(std::move(m));
  }

  // Timeline and facets count the complete matches, or the partial ones when
  // no article holds every word.
  if (counting) {
    bool use_complete = results.complete_matches_estimated > 0 || query.partial.empty();
    std::optional<RawCounts> precounted;
    if (early.valid()) {
      std::optional<RawCounts> counted = early.get();  // rethrows what the counting threw
      if (use_complete) precounted = std::move(counted);
    }
    std::uint64_t matched = count(use_complete ? query.complete : query.partial, options, results,
                                  precounted ? &*precounted : nullptr);
    // Counting saw every match, so the complete count is now exact.
    if (use_complete && !options.count_stories) {
      std::uint64_t partial = results.matches_estimated - results.complete_matches_estimated;
      results.complete_matches_estimated = matched;
      results.matches_estimated = matched + partial;
      if (query.partial.empty()) results.matches_lower_bound = results.matches_upper_bound = matched;
    }
  }
  if (results.matches_estimated < options.spelling_below) suggest_spelling(query, results);
  return results;
}

std::future<std::optional<RawCounts>> Matcher::count_early(const Xapian::Query& query, const MatchOptions& options) {
  // Everything the task uses is its own (a handle, the query rebuilt from its
  // serialisation: Xapian's objects are not thread-safe) or read-only (the
  // path, the columns, the options, which outlive the task: search_once
  // always waits for it).
  const FacetColumns* columns = facet_columns(options);
  const Xapian::rev revision = db_.get_revision();
  return std::async(std::launch::async,
                    [this, columns, revision, serialised = query.serialise(), &options]() -> std::optional<RawCounts> {
                      Xapian::Database own(db_path_);
                      // An indexer committed since this search opened the
                      // database: count later, on its handle.
                      if (own.get_revision() != revision) return std::nullopt;
                      return count_local(own, db_path_, columns, Xapian::Query::unserialise(serialised), options,
                                         facet_slots_of(options));
                    });
}

// "+N similar": the other matching articles of this one's cluster, and their
// outlets.
void Matcher::add_similar(const Xapian::Query& query, const std::string& cluster, Match& match) {
  if (cluster.empty()) return;
  // Long cluster ids are hashed in the term (schema.h): build it the same way.
  std::string cluster_term = schema::cluster_term(cluster);
  // Most articles are the only member of their cluster: one term lookup
  // answers those without running a match.
  if (db_.get_termfreq(cluster_term) <= 1) return;
  Xapian::Query members(Xapian::Query::OP_FILTER, query, Xapian::Query(cluster_term));
  Xapian::Enquire enquire(db_);
  enquire.set_query(members);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::ValueCountMatchSpy sources(schema::kSlotSource);
  enquire.add_matchspy(&sources);
  Xapian::MSet mset = enquire.get_mset(0, 0, kMaxSimilar);
  Xapian::doccount n = mset.get_matches_estimated();
  match.similar_count = n > 0 ? n - 1 : 0;
  if (match.similar_count == 0) return;
  for (auto it = sources.top_values_begin(10); it != sources.top_values_end(10); ++it) {
    // The shown article's own outlet counts once less.
    if (*it == match.source && it.get_termfreq() <= 1) continue;
    match.similar_sources.push_back(*it);
  }
}

std::uint64_t Matcher::count(const Xapian::Query& query, const MatchOptions& options, SearchResults& results,
                             RawCounts* precounted) {
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  // Articles: value-count spies over every match. Stories: spies see
  // documents before collapsing, so stories are counted from the MSet
  // collapsed on the cluster slot instead (one document per story).
  // Each facet counts over its slots (facet_slots_of).
  const FacetSlots facet_slots = facet_slots_of(options);
  const Xapian::doccount all = db_.get_doccount();
  std::map<std::string, std::uint64_t> day_counts;
  std::vector<std::unordered_map<std::string, std::uint64_t>> facet_counts(facet_slots.size());
  std::uint64_t matched = 0;
  if (options.count_stories) {
    enquire.set_collapse_key(schema::kSlotCluster);
    Xapian::MSet mset = enquire.get_mset(0, all, all);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document doc = it.get_document();
      if (options.timeline != TimelineGranularity::kNone) {
        std::string day = doc.get_value(schema::kSlotDay);
        if (!day.empty()) ++day_counts[day];
      }
      for (std::size_t f = 0; f < facet_slots.size(); ++f) {
        for (Xapian::valueno slot : facet_slots[f].second) {
          std::string v = doc.get_value(slot);
          if (!v.empty()) ++facet_counts[f][v];
        }
      }
      ++matched;
    }
  } else if (precounted != nullptr) {
    // Counted while the page was ranked (search_once).
    matched = precounted->matched;
    day_counts = std::move(precounted->days);
    facet_counts = std::move(precounted->facets);
  } else if (!options.stock_spies) {
    RawCounts raw = count_local(db_, db_path_, facet_columns(options), query, options, facet_slots);
    matched = raw.matched;
    day_counts = std::move(raw.days);
    facet_counts = std::move(raw.facets);
  } else {
    // Articles, stub database (maybe remote shards): value-count spies.
    // Each spy reads its slot for every match: the day spy is only added
    // when a timeline was asked for.
    Xapian::ValueCountMatchSpy days(schema::kSlotDay);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    if (options.timeline != TimelineGranularity::kNone) enquire.add_matchspy(&days);
    for (const auto& [name, slots] : facet_slots) {
      for (Xapian::valueno slot : slots) {
        spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        enquire.add_matchspy(spies.back().get());
      }
    }
    Xapian::MSet mset = enquire.get_mset(0, 0, all);
    matched = mset.get_matches_estimated();
    for (auto it = days.values_begin(); it != days.values_end(); ++it) day_counts[*it] = it.get_termfreq();
    std::size_t spy = 0;
    for (std::size_t f = 0; f < facet_slots.size(); ++f) {
      for (std::size_t k = 0; k < facet_slots[f].second.size(); ++k, ++spy) {
        for (auto it = spies[spy]->values_begin(); it != spies[spy]->values_end(); ++it) {
          facet_counts[f][*it] += it.get_termfreq();
        }
      }
    }
  }

  for (std::size_t f = 0; f < facet_slots.size(); ++f) {
    const std::string& name = facet_slots[f].first;
    Facet facet{.name = name, .values = {}, .distinct = facet_counts[f].size()};
    // The top facet_limit values, most documents first, ties by value (a
    // person facet of a large match set has tens of thousands of values).
    std::vector<std::pair<std::string, std::uint64_t>> ranked;
    ranked.reserve(facet_counts[f].size());
    for (auto& [value, n] : facet_counts[f]) ranked.emplace_back(value, n);
    auto before = [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    std::size_t top = std::min(ranked.size(), options.facet_limit);
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(top), ranked.end(), before);
    ranked.resize(top);
    for (auto& [value, n] : ranked) {
      if (name == "country") {
        std::string country = entities::country_name(value);
        facet.values.push_back(FacetValue{country.empty() ? value : country, value, n});
      } else {
        facet.values.push_back(FacetValue{value, "", n});
      }
    }
    results.facets.push_back(std::move(facet));
  }

  if (options.timeline == TimelineGranularity::kNone) return matched;
  Timeline timeline;
  std::uint64_t dated = 0;
  for (const auto& [day, n] : day_counts) dated += n;
  timeline.undated = matched > dated ? matched - dated : 0;
  if (day_counts.empty()) {
    timeline.granularity = name_of(options.timeline == TimelineGranularity::kAuto ? TimelineGranularity::kMonth
                                                                                  : options.timeline);
    results.timeline = std::move(timeline);
    return matched;
  }
  const std::string& first_day = day_counts.begin()->first;
  const std::string& last_day = day_counts.rbegin()->first;
  TimelineGranularity g =
      options.timeline == TimelineGranularity::kAuto ? auto_granularity(first_day, last_day) : options.timeline;
  timeline.granularity = name_of(g);
  std::map<std::string, std::uint64_t> bucket_counts;
  for (const std::string& key : bucket_range(first_day, last_day, g)) bucket_counts[key] = 0;
  for (const auto& [day, n] : day_counts) {
    std::string key;
    if (g == TimelineGranularity::kWeek) {
      key = bucket_range(day, day, g).front();
    } else {
      key = day.substr(0, g == TimelineGranularity::kDay ? 8 : g == TimelineGranularity::kMonth ? 6 : 4);
    }
    bucket_counts[key] += n;
  }
  std::map<std::string, std::pair<std::string, std::string>> tops;  // key -> (title, id)
  if (options.timeline_top) {
    Xapian::Enquire best = make_enquire(query, MatchOptions{});
    best.set_collapse_key(slot_of(g));
    Xapian::MSet mset = best.get_mset(0, static_cast<Xapian::doccount>(bucket_counts.size()) + 1);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::string key = it.get_collapse_key();
      if (key.empty()) continue;
      Article a = stored_article(it.get_document());
      tops[key] = {a.title, a.id};
    }
  }
  for (const auto& [key, n] : bucket_counts) {
    TimelineBucket bucket{.label = label_of(key, g), .count = n, .top_title = "", .top_id = ""};
    if (auto it = tops.find(key); it != tops.end()) {
      bucket.top_title = it->second.first;
      bucket.top_id = it->second.second;
    }
    timeline.buckets.push_back(std::move(bucket));
  }
  results.timeline = std::move(timeline);
  return matched;
}

// "Did you mean": for each query word the index does not hold (a word with
// hits, such as a rare but real surname, is never corrected), Xapian's
// spelling table (filled by the indexer from the same analyzer) proposes the
// most frequent indexed word within two edits.
void Matcher::suggest_spelling(const BuiltQuery& query, SearchResults& results) const {
  for (const HighlightTerm& t : query.highlight.terms) {
    if (t.prefix || db_.get_termfreq(t.term) > 0) continue;
    std::string suggestion = db_.get_spelling_suggestion(t.term, 2);
    if (!suggestion.empty() && suggestion != t.term) {
      results.corrections.push_back(SpellingCorrection{t.term, suggestion});
    }
  }
}

}  // namespace newsdex::search
