// Evaluates find_countries() against Reuters-21578 `places` (document-level
// country sets). Standalone: eval_countries <reuters21578.jsonl> [--errors N]
//
// Gold: each record's `places`, mapped from Reuters codes to ISO 3166-1
// (kReutersToIso below); codes that are not a country today and have no
// single successor are dropped from the gold. `ussr` -> RU, `west-germany` and
// `east-germany` -> DE, `yugoslavia` -> RS, `czechoslovakia` -> CZ: the
// gazetteer maps the old names the same way, so a 1987 story and a 2024
// story filter alike.
// Input: title and body. The Reuters body does not contain the wire dateline
// (it is in the `dateline` field), so `dateline + " "` is prepended to the
// body when the body does not already start with it; in most news text the
// dateline opens the body, which is what find_countries() reads.
// Scores: micro-averaged P/R/F1 over documents with at least one gold country
// ("gold docs"), and over all documents (where a prediction for a document
// with an empty gold set is a false positive).
//   all      every country find_countries() returns
//   salient  countries with salience >= kSalientThreshold, plus the top one
//   naive    a baseline: English names and demonyms only, no rules
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/entities/countries.h"
#include "common/entities/embedded_data.h"

namespace {

using newsdex::Article;
using newsdex::entities::Entity;

// Salience needed for the "salient" set: a dateline (3.0), a title mention
// (2.0 + 0.5), a lead mention seen again (1.0 + 2*0.5)... one body mention
// outside the lead (0.5) or a lone demonym is not enough. Tuned on the shared
// data (see docs/quality.md).
constexpr double kSalientThreshold = 2.0;  // --threshold overrides

const std::unordered_map<std::string, std::string> kReutersToIso = {{"usa", "US"},
                                                                    {"uk", "GB"},
                                                                    {"japan", "JP"},
                                                                    {"canada", "CA"},
                                                                    {"west-germany", "DE"},
                                                                    {"east-germany", "DE"},
                                                                    {"france", "FR"},
                                                                    {"brazil", "BR"},
                                                                    {"australia", "AU"},
                                                                    {"china", "CN"},
                                                                    {"ussr", "RU"},
                                                                    {"switzerland", "CH"},
                                                                    {"belgium", "BE"},
                                                                    {"netherlands", "NL"},
                                                                    {"italy", "IT"},
                                                                    {"hong-kong", "HK"},
                                                                    {"philippines", "PH"},
                                                                    {"iran", "IR"},
                                                                    {"taiwan", "TW"},
                                                                    {"south-africa", "ZA"},
                                                                    {"sweden", "SE"},
                                                                    {"south-korea", "KR"},
                                                                    {"spain", "ES"},
                                                                    {"new-zealand", "NZ"},
                                                                    {"argentina", "AR"},
                                                                    {"indonesia", "ID"},
                                                                    {"iraq", "IQ"},
                                                                    {"saudi-arabia", "SA"},
                                                                    {"india", "IN"},
                                                                    {"thailand", "TH"},
                                                                    {"malaysia", "MY"},
                                                                    {"mexico", "MX"},
                                                                    {"ecuador", "EC"},
                                                                    {"venezuela", "VE"},
                                                                    {"singapore", "SG"},
                                                                    {"turkey", "TR"},
                                                                    {"denmark", "DK"},
                                                                    {"colombia", "CO"},
                                                                    {"yugoslavia", "RS"},
                                                                    {"peru", "PE"},
                                                                    {"egypt", "EG"},
                                                                    {"kuwait", "KW"},
                                                                    {"finland", "FI"},
                                                                    {"greece", "GR"},
                                                                    {"bahrain", "BH"},
                                                                    {"uae", "AE"},
                                                                    {"pakistan", "PK"},
                                                                    {"portugal", "PT"},
                                                                    {"algeria", "DZ"},
                                                                    {"nigeria", "NG"},
                                                                    {"bangladesh", "BD"},
                                                                    {"luxembourg", "LU"},
                                                                    {"sri-lanka", "LK"},
                                                                    {"norway", "NO"},
                                                                    {"nicaragua", "NI"},
                                                                    {"israel", "IL"},
                                                                    {"bolivia", "BO"},
                                                                    {"austria", "AT"},
                                                                    {"zambia", "ZM"},
                                                                    {"hungary", "HU"},
                                                                    {"ireland", "IE"},
                                                                    {"costa-rica", "CR"},
                                                                    {"lebanon", "LB"},
                                                                    {"morocco", "MA"},
                                                                    {"jordan", "JO"},
                                                                    {"kenya", "KE"},
                                                                    {"chile", "CL"},
                                                                    {"cuba", "CU"},
                                                                    {"libya", "LY"},
                                                                    {"zimbabwe", "ZW"},
                                                                    {"ivory-coast", "CI"},
                                                                    {"poland", "PL"},
                                                                    {"honduras", "HN"},
                                                                    {"qatar", "QA"},
                                                                    {"ghana", "GH"},
                                                                    {"panama", "PA"},
                                                                    {"jamaica", "JM"},
                                                                    {"tanzania", "TZ"},
                                                                    {"cyprus", "CY"},
                                                                    {"syria", "SY"},
                                                                    {"guatemala", "GT"},
                                                                    {"tunisia", "TN"},
                                                                    {"el-salvador", "SV"},
                                                                    {"yemen-arab-republic", "YE"},
                                                                    {"yemen-demo-republic", "YE"},
                                                                    {"uganda", "UG"},
                                                                    {"chad", "TD"},
                                                                    {"zaire", "CD"},
                                                                    {"dominican-republic", "DO"},
                                                                    {"sudan", "SD"},
                                                                    {"haiti", "HT"},
                                                                    {"vietnam", "VN"},
                                                                    {"north-korea", "KP"},
                                                                    {"oman", "OM"},
                                                                    {"papua-new-guinea", "PG"},
                                                                    {"madagascar", "MG"},
                                                                    {"brunei", "BN"},
                                                                    {"czechoslovakia", "CZ"},
                                                                    {"romania", "RO"},
                                                                    {"suriname", "SR"},
                                                                    {"gabon", "GA"},
                                                                    {"ethiopia", "ET"},
                                                                    {"trinidad-tobago", "TT"},
                                                                    {"bermuda", "BM"},
                                                                    {"senegal", "SN"},
                                                                    {"mauritius", "MU"},
                                                                    {"uruguay", "UY"},
                                                                    {"nepal", "NP"},
                                                                    {"afghanistan", "AF"},
                                                                    {"bulgaria", "BG"},
                                                                    {"sierra-leone", "SL"},
                                                                    {"barbados", "BB"},
                                                                    {"botswana", "BW"},
                                                                    {"cameroon", "CM"},
                                                                    {"mozambique", "MZ"},
                                                                    {"congo", "CG"},
                                                                    {"us-virgin-islands", "VI"},
                                                                    {"guam", "GU"},
                                                                    {"liberia", "LR"},
                                                                    {"cayman-islands", "KY"},
                                                                    {"somalia", "SO"},
                                                                    {"paraguay", "PY"},
                                                                    {"angola", "AO"},
                                                                    {"kampuchea", "KH"},
                                                                    {"burma", "MM"},
                                                                    {"iceland", "IS"},
                                                                    {"guyana", "GY"},
                                                                    {"malawi", "MW"},
                                                                    {"togo", "TG"},
                                                                    {"namibia", "NA"},
                                                                    {"bhutan", "BT"},
                                                                    {"liechtenstein", "LI"},
                                                                    {"aruba", "AW"},
                                                                    {"djibouti", "DJ"},
                                                                    {"guinea", "GN"},
                                                                    {"mauritania", "MR"},
                                                                    {"vanuatu", "VU"},
                                                                    {"malta", "MT"},
                                                                    {"antigua", "AG"},
                                                                    {"rwanda", "RW"},
                                                                    {"fiji", "FJ"},
                                                                    {"netherlands-antilles", "CW"},
                                                                    {"grenada", "GD"},
                                                                    {"belize", "BZ"},
                                                                    {"benin", "BJ"},
                                                                    {"burkina-faso", "BF"},
                                                                    {"mali", "ML"},
                                                                    {"niger", "NE"},
                                                                    {"seychelles", "SC"},
                                                                    {"tonga", "TO"},
                                                                    {"western-samoa", "WS"},
                                                                    {"solomon-islands", "SB"},
                                                                    {"mongolia", "MN"},
                                                                    {"laos", "LA"},
                                                                    {"macau", "MO"},
                                                                    {"monaco", "MC"},
                                                                    {"andorra", "AD"},
                                                                    {"albania", "AL"},
                                                                    {"gibraltar", "GI"},
                                                                    {"greenland", "GL"},
                                                                    {"faroe-islands", "FO"},
                                                                    {"bahamas", "BS"},
                                                                    {"dominica", "DM"},
                                                                    {"st-lucia", "LC"},
                                                                    {"st-vincent", "VC"},
                                                                    {"st-kitts-nevis", "KN"},
                                                                    {"montserrat", "MS"},
                                                                    {"anguilla", "AI"},
                                                                    {"british-virgin-islands", "VG"},
                                                                    {"french-guiana", "GF"},
                                                                    {"guadeloupe", "GP"},
                                                                    {"martinique", "MQ"},
                                                                    {"reunion", "RE"},
                                                                    {"new-caledonia", "NC"},
                                                                    {"french-polynesia", "PF"},
                                                                    {"cape-verde", "CV"},
                                                                    {"gambia", "GM"},
                                                                    {"guinea-bissau", "GW"},
                                                                    {"equatorial-guinea", "GQ"},
                                                                    {"central-african-republic", "CF"},
                                                                    {"burundi", "BI"},
                                                                    {"lesotho", "LS"},
                                                                    {"swaziland", "SZ"},
                                                                    {"comoros", "KM"},
                                                                    {"maldives", "MV"},
                                                                    {"sao-tome", "ST"},
                                                                    {"kiribati", "KI"},
                                                                    {"tuvalu", "TV"},
                                                                    {"nauru", "NR"},
                                                                    {"vatican", "VA"},
                                                                    {"san-marino", "SM"},
                                                                    {"east-timor", "TL"},
                                                                    {"puerto-rico", "PR"},
                                                                    {"falkland", "FK"}};

struct Counts {
  long tp = 0, fp = 0, fn = 0;
  void add(const std::set<std::string>& pred, const std::set<std::string>& gold) {
    for (const auto& p : pred) (gold.contains(p) ? tp : fp)++;
    for (const auto& g : gold) fn += pred.contains(g) ? 0 : 1;
  }
  double p() const { return tp + fp == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fp); }
  double r() const { return tp + fn == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fn); }
  double f() const { return p() + r() == 0.0 ? 0.0 : 2 * p() * r() / (p() + r()); }
};

// The naive baseline: English short names, aliases and demonyms from the
// gazetteer file, matched case-insensitively with no rules (no cities, no
// metonyms, no dateline, no CLDR).
class NaiveMatcher {
 public:
  explicit NaiveMatcher(newsdex::analysis::Analyzer& analyzer) : analyzer_(analyzer) {
    std::string_view data = newsdex::entities::embedded_data("countries.tsv");
    std::size_t pos = 0;
    while (pos < data.size()) {
      std::size_t nl = data.find('\n', pos);
      std::string_view line = data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      pos = nl == std::string_view::npos ? data.size() : nl + 1;
      if (line.empty() || line[0] == '#' || line[0] == '-') continue;
      std::vector<std::string_view> cols;
      std::size_t c = 0;
      while (true) {
        std::size_t t = line.find('\t', c);
        cols.push_back(line.substr(c, t == std::string_view::npos ? std::string_view::npos : t - c));
        if (t == std::string_view::npos) break;
        c = t + 1;
      }
      std::string code(cols[0]);
      add(cols[1], code);
      for (std::size_t k : {2u, 3u}) {
        if (k >= cols.size()) continue;
        std::size_t e = 0;
        while (e <= cols[k].size() && !cols[k].empty()) {
          std::size_t bar = cols[k].find('|', e);
          std::string_view entry = cols[k].substr(e, bar == std::string_view::npos ? std::string_view::npos : bar - e);
          while (!entry.empty() && (entry[0] == '^' || entry[0] == '~' || entry[0] == '?' || entry[0] == '@'))
            entry.remove_prefix(1);
          add(entry, code);
          if (bar == std::string_view::npos) break;
          e = bar + 1;
        }
      }
    }
  }
  std::set<std::string> find(const Article& a) {
    std::set<std::string> out;
    for (const std::string* text : {&a.title, &a.body}) {
      auto toks = analyzer_.tokenize(*text);
      for (std::size_t i = 0; i < toks.size(); ++i) {
        std::string key;
        for (std::size_t n = 1; n <= 4 && i + n <= toks.size(); ++n) {
          if (n > 1) key += ' ';
          key += toks[i + n - 1].term;
          if (auto it = phrases_.find(key); it != phrases_.end()) out.insert(it->second);
        }
      }
    }
    return out;
  }

 private:
  void add(std::string_view entry, const std::string& code) {
    auto toks = analyzer_.tokenize(entry);
    std::string key;
    for (const auto& t : toks) key += (key.empty() ? "" : " ") + t.term;
    if (!key.empty()) phrases_.emplace(key, code);
  }
  newsdex::analysis::Analyzer& analyzer_;
  std::unordered_map<std::string, std::string> phrases_;
};

void print_row(const char* name, const Counts& gold_docs, const Counts& all_docs) {
  std::printf("| %-8s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", name, gold_docs.p(), gold_docs.r(), gold_docs.f(),
              all_docs.p(), all_docs.r(), all_docs.f());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr
        << "usage: eval_countries <reuters21578.jsonl> [--errors N] [--seed S] [--threshold T] [--split TRAIN|TEST]\n";
    return 2;
  }
  int show_errors = 0;
  unsigned seed = 1;
  double threshold = kSalientThreshold;
  std::string split;  // --split TRAIN|TEST: only records of that lewissplit
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string opt = argv[i];
    if (opt == "--errors") show_errors = std::stoi(argv[i + 1]);
    else if (opt == "--seed") seed = static_cast<unsigned>(std::stoul(argv[i + 1]));
    else if (opt == "--threshold") threshold = std::stod(argv[i + 1]);
    else if (opt == "--split") split = argv[i + 1];
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "cannot open " << argv[1] << "\n";
    return 2;
  }
  newsdex::analysis::Analyzer analyzer("en");
  NaiveMatcher naive(analyzer);
  Counts all_g, all_a, sal_g, sal_a, nai_g, nai_a;
  long docs = 0, gold_docs = 0, dropped_codes = 0;
  double extract_s = 0.0;
  struct Error {
    std::string id, dateline, title, gold, pred, all;
  };
  std::vector<Error> errors;
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    if (!split.empty() && j.value("lewissplit", "") != split) continue;
    Article a;
    a.id = j.value("id", "");
    a.title = j["title"].is_string() ? j["title"].get<std::string>() : "";
    a.body = j["body"].is_string() ? j["body"].get<std::string>() : "";
    std::string dateline = j.contains("dateline") && j["dateline"].is_string() ? j["dateline"].get<std::string>() : "";
    if (!dateline.empty() && !a.body.starts_with(dateline)) a.body = dateline + " " + a.body;
    std::set<std::string> gold;
    if (j.contains("places") && j["places"].is_array()) {
      for (const auto& p : j["places"]) {
        auto it = kReutersToIso.find(p.get<std::string>());
        if (it != kReutersToIso.end()) gold.insert(it->second);
        else ++dropped_codes;
      }
    }
    auto t0 = std::chrono::steady_clock::now();
    std::vector<Entity> found = newsdex::entities::find_countries(a, {}, {});
    extract_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::set<std::string> all, salient;
    for (std::size_t i = 0; i < found.size(); ++i) {
      all.insert(found[i].code);
      if (i == 0 || found[i].salience >= threshold) salient.insert(found[i].code);
    }
    std::set<std::string> base = naive.find(a);
    ++docs;
    all_a.add(all, gold);
    sal_a.add(salient, gold);
    nai_a.add(base, gold);
    if (!gold.empty()) {
      ++gold_docs;
      all_g.add(all, gold);
      sal_g.add(salient, gold);
      nai_g.add(base, gold);
      if (salient != gold) {
        auto join = [](const std::set<std::string>& s) {
          std::string out;
          for (const auto& c : s) out += (out.empty() ? "" : ",") + c;
          return out;
        };
        std::string all_s;
        for (const auto& e : found) {
          char buf[64];
          std::snprintf(buf, sizeof buf, "%s:%.1f ", e.code.c_str(), e.salience);
          all_s += buf;
        }
        errors.push_back({a.id, dateline, a.title, join(gold), join(salient), all_s});
      }
    }
  }
  std::printf("documents: %ld (with a gold country: %ld); non-country gold codes dropped: %ld\n", docs, gold_docs,
              dropped_codes);
  std::printf("salient = salience >= %.1f, or the top country\n\n", threshold);
  std::printf("| set      | P (gold docs) | R | F1 | P (all docs) | R | F1 |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  print_row("naive", nai_g, nai_a);
  print_row("all", all_g, all_a);
  print_row("salient", sal_g, sal_a);
  std::printf("\nfind_countries: %.0f articles/s (%.2f s for %ld articles, one thread)\n",
              static_cast<double>(docs) / extract_s, extract_s, docs);
  if (show_errors > 0) {
    std::mt19937 rng(seed);
    std::shuffle(errors.begin(), errors.end(), rng);
    std::printf("\n%zu documents with salient != gold; %d random ones:\n", errors.size(), show_errors);
    for (int i = 0; i < show_errors && i < static_cast<int>(errors.size()); ++i) {
      const Error& e = errors[static_cast<std::size_t>(i)];
      std::printf("%s | %s | %s\n  gold=%s salient=%s all=%s\n", e.id.c_str(), e.dateline.c_str(), e.title.c_str(),
                  e.gold.c_str(), e.pred.c_str(), e.all.c_str());
    }
  }
  return 0;
}
