// newsdex-bench-queries: the peer-harness adapter of ../shared/peers (see its
// README, "Adding our own engine"). Reads a query TSV (first column), runs
// every query once as warm-up and once measured, in process, with the same
// calls newsdex-search makes (query building, then Matcher::search: ranking,
// near-duplicate collapsing with "+N similar", snippets, the stored entity
// summary, facet counts when asked, "did you mean" when there are few hits),
// and writes
//   OUTPREFIX.results.tsv  qidx rank docid score snippet
//   OUTPREFIX.latency.tsv  qidx total_ms search_ms matches
// plus "PHASE name value" lines on stdout. Not included: opening the database
// per query and printing (bench/latency.py times whole newsdex-search runs).
//
//   newsdex-bench-queries DB QUERIES.tsv OUTPREFIX [--mode auto|and|or] [--limit N]
//                         [--facets LIST] [--snippet-chars N] [--threads N]
//                         [--no-facet-columns] [--no-overlap-count]
//   auto = newsdex's default (complete matches first, partial ones fill the page)
//   --facets speaker,country = what newsdex-search counts by default on a terminal
//   (default here: none, as newsdex-search when its output is not a terminal)
//   --threads N = newsdex-search --threads (facet counting threads on large
//   databases; default 0, one per core)
//   --no-facet-columns, --no-overlap-count = count from the value slots even
//   when the facet columns are current; count after ranking rather than
//   during it (MatchOptions::facet_columns, overlap_count; for A/B runs)
#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/database.h"
#include "common/schema.h"
#include "searcher/matcher.h"
#include "searcher/query_builder.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

constexpr const char* kUsage =
    "usage: newsdex-bench-queries DB QUERIES.tsv OUTPREFIX [--mode auto|and|or] [--limit N]\n"
    "                             [--facets LIST] [--snippet-chars N] [--threads N]\n"
    "                             [--no-facet-columns] [--no-overlap-count]\n";

// "speaker,country" -> {kSpeaker, kCountry}; names as newsdex-search --facets.
std::vector<newsdex::schema::FacetKind> split_facets(const std::string& list) {
  std::vector<newsdex::schema::FacetKind> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string name = list.substr(start, comma - start);
    if (!name.empty()) {
      std::optional<newsdex::schema::FacetKind> kind = newsdex::schema::facet_named(name);
      if (!kind) throw std::invalid_argument("--facets: unknown facet '" + name + "'");
      out.push_back(*kind);
    }
    start = comma + 1;
  }
  return out;
}

std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << kUsage;
    return 2;
  }
  std::string db_path = argv[1], queries_path = argv[2], prefix = argv[3], mode = "auto";
  newsdex::search::MatchOptions options{.offset = 0, .limit = 10};
  try {
    for (int i = 4; i < argc; i += 2) {
      std::string opt = argv[i];
      if (opt == "--no-facet-columns" || opt == "--no-overlap-count") {  // flags: no value
        (opt == "--no-facet-columns" ? options.facet_columns : options.overlap_count) = false;
        --i;
        continue;
      }
      if (i + 1 >= argc) throw std::invalid_argument(opt + " needs a value");
      std::string value = argv[i + 1];
      if (opt == "--mode") {
        if (value != "auto" && value != "and" && value != "or") throw std::invalid_argument("--mode: " + value);
        mode = value;
      } else if (opt == "--limit") {
        options.limit = static_cast<std::uint32_t>(std::stoul(value));
      } else if (opt == "--snippet-chars") {
        options.snippet_chars = std::stoul(value);
      } else if (opt == "--facets") {
        options.facets = split_facets(value);
      } else if (opt == "--threads") {
        options.count_threads = static_cast<unsigned>(std::stoul(value));
      } else {
        throw std::invalid_argument("unknown option " + opt);
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "newsdex-bench-queries: " << e.what() << "\n" << kUsage;
    return 2;
  }
  std::vector<std::string> queries;
  std::ifstream in(queries_path);
  for (std::string line; std::getline(in, line);) queries.push_back(line.substr(0, line.find('\t')));

  try {
    auto t_open = Clock::now();
    Xapian::Database db = newsdex::open_database_for_reading(db_path);
    newsdex::search::QueryBuilder builder(newsdex::database_languages(db));
    // As newsdex-search on a database directory: the path lets facet counts
    // run in parallel on large databases (--threads).
    newsdex::search::Matcher matcher(db, newsdex::is_stub_database(db_path) ? std::string() : db_path);
    options.stock_spies = newsdex::is_stub_database(db_path);
    std::cout << "PHASE open_ms " << ms_since(t_open) << "\n";
    std::cout << "PHASE facets " << options.facets.size() << "\n";

    std::ofstream results(prefix + ".results.tsv"), latency(prefix + ".latency.tsv");
    for (int pass = 0; pass < 2; ++pass) {
      auto t_pass = Clock::now();
      for (std::size_t qi = 0; qi < queries.size(); ++qi) {
        auto t0 = Clock::now();
        newsdex::search::SearchResults r;
        try {
          newsdex::search::BuiltQuery q = builder.build(queries[qi]);
          if (mode == "and") q.partial = Xapian::Query();
          if (mode == "or" && !q.partial.empty()) {
            q.complete = q.partial;
            q.partial = Xapian::Query();
          }
          r = matcher.search(q, options);
        } catch (const newsdex::Error& e) {
          std::cerr << "query " << qi << " (" << queries[qi] << "): " << e.what() << "\n";
        }
        // Matching and snippets are one call, so search_ms = total_ms (as the
        // harness does for peers that do not split them).
        double total_ms = ms_since(t0);
        double search_ms = total_ms;
        if (pass == 1) {
          for (const auto& m : r.matches) {
            results << qi << '\t' << m.rank << '\t' << m.id << '\t' << m.score << '\t' << one_line(m.snippet.text)
                    << '\n';
          }
          latency << qi << '\t' << total_ms << '\t' << search_ms << '\t' << r.matches_estimated << '\n';
        }
      }
      std::cout << "PHASE " << (pass == 0 ? "warmup_s " : "queries_s ") << ms_since(t_pass) / 1000.0 << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "newsdex-bench-queries: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
