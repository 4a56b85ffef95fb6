// eval_conll: mention-level PER/ORG/LOC precision, recall and F1 (exact token
// span) of EntityExtractor on CoNLL-2003 as converted in
// shared/corpora/conll2003/conll2003.jsonl.
// Usage: eval_conll PATH [--split train|testa] [--errors PER|ORG|LOC]
// Each document is extracted from title + body as given (tokens joined by
// single spaces, one sentence per line); byte-offset mentions are mapped back
// onto token spans. LOC is the countries' mentions.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "common/article.h"
#include "common/entities/entities.h"

namespace {

using nlohmann::json;
namespace ent = newsdex::entities;

// (sentence, first token, end token)
using TokenSpan = std::tuple<int, int, int>;

std::string as_text(const json& j) { return j.is_string() ? j.get<std::string>() : j.is_null() ? "" : j.dump(); }

struct TokenPos {
  int sent;
  int tok;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: eval_conll PATH [--split train|testa] [--errors TYPE]\n";
    return 2;
  }
  std::string split = "testa";
  std::string errors_for;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--split") split = argv[i + 1];
    if (std::string(argv[i]) == "--errors") errors_for = argv[i + 1];
  }
  std::ifstream in(argv[1]);
  ent::EntityExtractor extractor;
  const std::vector<std::string> types = {"PER", "ORG", "LOC"};
  std::map<std::string, std::size_t> tp, npred, ngold;
  std::string line;
  std::size_t docs = 0;
  while (std::getline(in, line)) {
    const json d = json::parse(line);
    if (d["split"] != split) continue;
    ++docs;
    newsdex::Article a;
    a.id = as_text(d["id"]);
    a.title = as_text(d["title"]);
    a.body = as_text(d["body"]);
    // Byte offset -> token position, per field (title = sentence 0).
    std::map<std::size_t, TokenPos> title_starts, title_ends, body_starts, body_ends;
    const auto& sents = d["sentences"];
    std::size_t off = 0;
    for (std::size_t s = 0; s < sents.size(); ++s) {
      auto& starts = s == 0 ? title_starts : body_starts;
      auto& ends = s == 0 ? title_ends : body_ends;
      if (s == 1) off = 0;
      const auto& toks = sents[s]["tokens"];
      for (std::size_t t = 0; t < toks.size(); ++t) {
        const std::string tok = as_text(toks[t]);
        starts[off] = {static_cast<int>(s), static_cast<int>(t)};
        ends[off + tok.size()] = {static_cast<int>(s), static_cast<int>(t)};
        off += tok.size() + 1;
      }
    }
    const ent::Extraction x = extractor.extract(a);
    std::map<std::string, std::set<TokenSpan>> pred, gold;
    const auto add = [&](const std::string& type, const std::vector<ent::Entity>& list) {
      for (const auto& e : list) {
        for (const auto& m : e.mentions) {
          const bool title = m.field == ent::Field::kTitle;
          auto& starts = title ? title_starts : body_starts;
          auto& ends = title ? title_ends : body_ends;
          auto s = starts.find(m.start);
          auto t = ends.find(m.end);
          if (s == starts.end() || t == ends.end()) {
            pred[type].insert({-1, static_cast<int>(m.start), static_cast<int>(m.end)});  // never matches
            continue;
          }
          pred[type].insert({s->second.sent, s->second.tok, t->second.tok + 1});
        }
      }
    };
    add("PER", x.persons);
    add("ORG", x.organizations);
    add("LOC", x.countries);
    for (const auto& e : d["entities"]) {
      gold[e["type"].get<std::string>()].insert({e["sent"].get<int>(), e["start"].get<int>(), e["end"].get<int>()});
    }
    for (const auto& type : types) {
      npred[type] += pred[type].size();
      ngold[type] += gold[type].size();
      for (const auto& p : pred[type]) tp[type] += gold[type].count(p);
      if (type == errors_for) {
        const auto text = [&](const TokenSpan& sp) {
          const auto [s, b, e] = sp;
          if (s < 0) return std::string("<unaligned>");
          std::string out;
          const auto& toks = sents[static_cast<std::size_t>(s)]["tokens"];
          for (int k = b; k < e && static_cast<std::size_t>(k) < toks.size(); ++k)
            out += (k > b ? " " : "") + as_text(toks[static_cast<std::size_t>(k)]);
          return out;
        };
        for (const auto& p : pred[type]) {
          if (gold[type].count(p) == 0) std::cout << "FP " << a.id << "  " << text(p) << "\n";
        }
        for (const auto& g : gold[type]) {
          if (pred[type].count(g) == 0) std::cout << "FN " << a.id << "  " << text(g) << "\n";
        }
      }
    }
  }
  std::printf("CoNLL-2003 %s: %zu documents\n%-4s %9s %9s %9s %7s %7s\n", split.c_str(), docs, "", "precision",
              "recall", "F1", "pred", "gold");
  for (const auto& type : types) {
    const double p = npred[type] ? static_cast<double>(tp[type]) / static_cast<double>(npred[type]) : 0.0;
    const double r = ngold[type] ? static_cast<double>(tp[type]) / static_cast<double>(ngold[type]) : 0.0;
    std::printf("%-4s %9.3f %9.3f %9.3f %7zu %7zu\n", type.c_str(), p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0,
                npred[type], ngold[type]);
  }
  return 0;
}
