// eval_speakers: quote attribution and speaker sets of EntityExtractor against
// the hand annotation bench/gold/speakers.jsonl over sample_corpus/.
// Usage: eval_speakers [SAMPLE_CORPUS_DIR [GOLD_JSONL]] [--verbose]
// A predicted quote is correct when its span overlaps a gold quote (its first
// 60 characters, located in the body) with the same speaker; unattributed
// predictions count in neither precision nor recall.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/entities/entities.h"

namespace {

using nlohmann::json;
namespace ent = newsdex::entities;

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string read_zstd(const std::filesystem::path& p) {
  const std::string cmd = "zstd -dc '" + p.string() + "'";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string out;
  char buf[65536];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

void add_jsonl(const std::string& data, const std::string& file, std::map<std::string, newsdex::Article>& out) {
  std::istringstream in(data);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const json j = json::parse(line);
    newsdex::Article a;
    a.id = j.contains("id") ? j["id"].get<std::string>() : file + ":" + std::to_string(line_no);
    a.title = j.value("title", "");
    a.body = j.contains("body") ? j["body"].get<std::string>() : j.value("text", "");
    out[a.id] = a;
  }
}

struct Span {
  std::size_t start;
  std::size_t end;
};

bool overlaps(Span a, Span b) { return a.start < b.end && b.start < a.end; }

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path corpus = "sample_corpus";
  std::filesystem::path gold_path = "bench/gold/speakers.jsonl";
  bool verbose = false;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--verbose") {
      verbose = true;
    } else {
      positional.push_back(a);
    }
  }
  if (!positional.empty()) corpus = positional[0];
  if (positional.size() > 1) gold_path = positional[1];

  std::map<std::string, newsdex::Article> articles;
  add_jsonl(read_file(corpus / "articles.jsonl"), "articles.jsonl", articles);
  add_jsonl(read_file(corpus / "wire.jsonl"), "wire.jsonl", articles);
  add_jsonl(read_zstd(corpus / "archive-2015.jsonl.zst"), "archive-2015.jsonl", articles);
  for (const auto& entry : std::filesystem::directory_iterator(corpus / "txt")) {
    const std::string text = read_file(entry.path());
    newsdex::Article a;
    a.id = "txt/" + entry.path().filename().string();
    const auto blank = text.find("\n\n");
    a.title = text.substr(0, text.find('\n'));
    a.body = blank == std::string::npos ? "" : text.substr(blank + 2);
    articles[a.id] = a;
  }

  ent::EntityExtractor extractor;
  std::size_t pred_attr = 0, pred_correct = 0, gold_attr = 0, gold_found = 0;
  std::size_t set_pred = 0, set_gold = 0, set_hit = 0, missing = 0, docs = 0;
  std::ifstream gold_in(gold_path);
  std::string line;
  while (std::getline(gold_in, line)) {
    if (line.empty()) continue;
    const json g = json::parse(line);
    const std::string id = g["id"];
    auto it = articles.find(id);
    if (it == articles.end()) {
      ++missing;
      continue;
    }
    ++docs;
    const auto& body = it->second.body;
    struct GoldQuote {
      std::string speaker;
      Span span;
    };
    std::vector<GoldQuote> gold;
    std::size_t from = 0;
    for (const auto& q : g["quotes"]) {
      const std::string text = q["text"];
      auto pos = body.find(text, from);
      if (pos == std::string::npos) pos = body.find(text);
      if (pos == std::string::npos) continue;
      from = pos + 1;
      gold.push_back({q["speaker"].is_null() ? "" : q["speaker"].get<std::string>(), {pos, pos + text.size()}});
    }
    const ent::Extraction x = extractor.extract(it->second);
    for (const auto& q : x.quotes) {
      if (q.speaker.empty()) continue;
      ++pred_attr;
      const Span s{q.text.start, q.text.end};
      bool ok = false;
      for (const auto& gq : gold) ok = ok || (gq.speaker == q.speaker && overlaps(s, gq.span));
      if (ok) ++pred_correct;
      if (!ok && verbose) {
        std::cout << id << "  WRONG  " << q.speaker << " (" << q.verb
                  << "): " << body.substr(q.text.start, std::min<std::size_t>(70, q.text.end - q.text.start)) << "\n";
      }
    }
    for (const auto& gq : gold) {
      if (gq.speaker.empty()) continue;
      ++gold_attr;
      bool found = false;
      for (const auto& q : x.quotes) {
        found = found || (q.speaker == gq.speaker && overlaps({q.text.start, q.text.end}, gq.span));
      }
      if (found) ++gold_found;
      if (!found && verbose) {
        std::cout << id << "  MISSED " << gq.speaker << ": " << body.substr(gq.span.start, 60) << "\n";
      }
    }
    std::set<std::string> gs;
    for (const auto& s : g["speakers"]) gs.insert(s.get<std::string>());
    const std::set<std::string> ps(x.speakers.begin(), x.speakers.end());
    set_pred += ps.size();
    set_gold += gs.size();
    for (const auto& s : ps) set_hit += gs.count(s);
    if (verbose && ps != gs) {
      std::cout << id << "  speakers predicted:";
      for (const auto& s : ps) std::cout << " [" << s << "]";
      std::cout << "  gold:";
      for (const auto& s : gs) std::cout << " [" << s << "]";
      std::cout << "\n";
    }
  }
  const auto ratio = [](std::size_t a, std::size_t b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
  };
  std::printf("articles %zu (missing %zu)\n", docs, missing);
  std::printf("%-22s %9s %9s %9s\n", "", "precision", "recall", "F1");
  const auto row = [&](const char* name, std::size_t hit_p, std::size_t p, std::size_t hit_r, std::size_t r) {
    const double pr = ratio(hit_p, p), rc = ratio(hit_r, r);
    std::printf("%-22s %9.3f %9.3f %9.3f   (%zu/%zu, %zu/%zu)\n", name, pr, rc,
                pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0.0, hit_p, p, hit_r, r);
  };
  row("quote attribution", pred_correct, pred_attr, gold_found, gold_attr);
  row("article speaker sets", set_hit, set_pred, set_hit, set_gold);
  return 0;
}
