// newsdex-index-bytes DB [--only NAME]: where the bytes of a newsdex database
// go. For each part of the schema (a group of term prefixes, the positions of
// a group, a group of value slots, the stored articles) it copies the database
// without that part into a temp directory, compacts the copy as
// `newsdex-index compact` does, and prints how many bytes the part costs: the
// compacted size of the full copy minus that of the copy without it. Also
// prints the full copy's size per Xapian table. The copies carry no spelling
// table (Database::compact copies only what the copy holds), so "all" is the
// database without its spelling table. A measurement tool
// (docs/performance.md, "Where the bytes go"), not a test; on Reuters-21578
// each copy took ~40 s (10 minutes for all 15) beside a running build.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <xapian.h>

#include "common/schema.h"

namespace fs = std::filesystem;
using namespace newsdex;

namespace {

// Term groups, by prefix (longest prefix wins; "" = unprefixed body words).
struct Group {
  std::string name;
  std::vector<std::string_view> prefixes;
};

const std::vector<Group>& groups() {
  static const std::vector<Group> g = {
      {"body words", {schema::kPrefixBody}},
      {"stems (Z, ZS)", {schema::kPrefixStem, schema::kPrefixTitleStem}},
      {"title words (S)", {schema::kPrefixTitle}},
      {"near-duplicate band keys (XLSH)", {schema::kPrefixLsh}},
      {"cluster ids (XCLU)", {schema::kPrefixCluster}},
      {"article ids (Q)", {schema::kPrefixId}},
      {"entity terms (XPER*, XSPK*, XORG*, XCTRY)",
       {schema::kPrefixPerson, schema::kPrefixPersonWord, schema::kPrefixSpeaker, schema::kPrefixSpeakerWord,
        schema::kPrefixOrg, schema::kPrefixOrgWord, schema::kPrefixCountry}},
      {"date, language, source, author terms",
       {schema::kPrefixYear, schema::kPrefixMonth, schema::kPrefixDay, schema::kPrefixLang, schema::kPrefixSource,
        schema::kPrefixAuthor}},
  };
  return g;
}

// The group called `name`; a misspelt name is a programming error.
const Group* group_named(std::string_view name) {
  for (const Group& g : groups()) {
    if (g.name == name) return &g;
  }
  std::fprintf(stderr, "newsdex-index-bytes: no group named '%s'\n", std::string(name).c_str());
  std::abort();
}

// The group a term belongs to: the one with the longest prefix it starts
// with. Unprefixed terms are lower case (the analyzer folds case), so a term
// starting with an upper-case letter never counts as a body word.
const Group* group_of(const std::string& term) {
  const Group* best = nullptr;
  std::size_t best_len = 0;
  for (const Group& g : groups()) {
    for (std::string_view p : g.prefixes) {
      if (p.empty()) {
        if (best == nullptr && !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) best = &g;
        continue;
      }
      if (term.starts_with(p) && p.size() >= best_len) {
        best = &g;
        best_len = p.size();
      }
    }
  }
  return best;
}

struct Variant {
  std::string name;
  std::function<bool(const Group*)> drop_terms = [](const Group*) { return false; };
  std::function<bool(const Group*)> drop_positions = [](const Group*) { return false; };
  std::function<bool(Xapian::valueno)> drop_value = [](Xapian::valueno) { return false; };
  bool drop_data = false;
};

std::uintmax_t dir_bytes(const fs::path& dir) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) n += e.file_size();
  }
  return n;
}

// Copies `src` without what `v` drops, compacts the copy; returns its bytes.
std::uintmax_t compacted_copy(const Xapian::Database& src, const Variant& v, const fs::path& work, bool print_tables) {
  fs::remove_all(work);
  fs::create_directories(work);
  const fs::path copy = work / "copy", compacted = work / "compacted";
  {
    Xapian::WritableDatabase out(copy.string(), Xapian::DB_CREATE);
    Xapian::doccount done = 0;
    for (auto d = src.postlist_begin(""); d != src.postlist_end(""); ++d) {
      Xapian::Document in = src.get_document(*d);
      Xapian::Document doc;
      if (!v.drop_data) doc.set_data(in.get_data());
      for (auto it = in.values_begin(); it != in.values_end(); ++it) {
        if (!v.drop_value(it.get_valueno())) doc.add_value(it.get_valueno(), *it);
      }
      for (auto t = in.termlist_begin(); t != in.termlist_end(); ++t) {
        const Group* g = group_of(*t);
        if (v.drop_terms(g)) continue;
        if (t.positionlist_count() > 0 && !v.drop_positions(g)) {
          for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) doc.add_posting(*t, *p, 0);
        }
        // add_posting(…, 0) left the wdf alone; set it as stored.
        doc.add_term(*t, t.get_wdf());
      }
      out.replace_document(*d, doc);
      if (++done % 1000 == 0) out.commit();
    }
    out.commit();
  }
  Xapian::Database(copy.string()).compact(compacted.string());
  if (print_tables) {
    std::vector<std::pair<std::string, std::uintmax_t>> tables;
    for (const auto& e : fs::directory_iterator(compacted)) {
      if (e.path().extension() == ".glass") tables.emplace_back(e.path().stem().string(), e.file_size());
    }
    std::sort(tables.begin(), tables.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::cout << "table\tbytes\n";
    for (const auto& [name, bytes] : tables) std::cout << name << '\t' << bytes << '\n';
    std::cout << '\n';
  }
  std::uintmax_t bytes = dir_bytes(compacted);
  fs::remove_all(work);
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string_view(argv[1]) == "--help") {
    std::cerr << "usage: newsdex-index-bytes DB [--only PART-SUBSTRING] [--corpus-bytes N]\n";
    return argc < 2 ? 2 : 0;
  }
  std::string only;
  double corpus_bytes = 0;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string_view opt = argv[i];
    if (opt == "--only") {
      only = argv[i + 1];
    } else if (opt == "--corpus-bytes") {
      corpus_bytes = std::stod(argv[i + 1]);
    } else {
      std::cerr << "newsdex-index-bytes: unknown option " << opt << '\n';
      return 2;
    }
  }
  try {
    Xapian::Database src(argv[1]);
    std::vector<Variant> variants;
    for (const Group& g : groups()) {
      const Group* gp = &g;
      Variant terms{g.name};
      terms.drop_terms = [gp](const Group* x) { return x == gp; };
      variants.push_back(terms);
    }
    Variant body_positions{"positions of body words"};
    body_positions.drop_positions = [](const Group* x) { return x == group_named("body words"); };
    variants.push_back(body_positions);
    Variant title_positions{"positions of title words (S)"};
    title_positions.drop_positions = [](const Group* x) { return x == group_named("title words (S)"); };
    variants.push_back(title_positions);
    Variant fingerprint{"value: near-duplicate fingerprint (slot 8)"};
    fingerprint.drop_value = [](Xapian::valueno s) { return s == schema::kSlotFingerprint; };
    variants.push_back(fingerprint);
    Variant timeline{"values: date, timeline, source, stamp, cluster (0-7)"};
    timeline.drop_value = [](Xapian::valueno s) { return s <= schema::kSlotCluster; };
    variants.push_back(timeline);
    Variant facets{"values: entity facets (10-21)"};
    facets.drop_value = [](Xapian::valueno s) { return s >= schema::kSlotPerson0 && s <= schema::kSlotOrg2; };
    variants.push_back(facets);
    Variant data{"stored articles (document data)"};
    data.drop_data = true;
    variants.push_back(data);

    const fs::path work = fs::temp_directory_path() / ("newsdex-index-bytes-" + std::to_string(::getpid()));
    std::uintmax_t full = compacted_copy(src, Variant{"full"}, work, /*print_tables=*/true);
    if (corpus_bytes <= 0) corpus_bytes = 1;
    std::cout << "part\tbytes\tshare\tper_corpus_byte\n";
    std::printf("all (compacted)\t%ju\t1.000\t%.3f\n", full, static_cast<double>(full) / corpus_bytes);
    for (const Variant& v : variants) {
      if (!only.empty() && v.name.find(only) == std::string::npos) continue;
      std::uintmax_t without = compacted_copy(src, v, work, false);
      double part = static_cast<double>(full) - static_cast<double>(without);
      std::printf("%s\t%.0f\t%.3f\t%.3f\n", v.name.c_str(), part, part / static_cast<double>(full),
                  part / corpus_bytes);
      std::fflush(stdout);
    }
  } catch (const Xapian::Error& e) {
    std::cerr << "newsdex-index-bytes: " << e.get_description() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "newsdex-index-bytes: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
