// newsdex-eval-dedup: measures near-duplicate clustering (indexer/near_duplicates.h)
// on a JSON Lines corpus, running ClusterAssigner over a temporary glass
// database exactly as the indexer does (documents in file order, one
// WritableDatabase, a commit every 10,000 documents by default, as IndexWriter).
//
//   newsdex-eval-dedup CORPUS.jsonl [--copies N] [--seed S] [--threshold T] [--show N]
//                      [--max-days D] [--commit-every N]
//
// Gold clusters: articles whose normalised bodies (analyzer terms) are equal.
// With --copies N (default 300; 0 for none), N articles with at least five
// sentences are drawn (seeded) and each gets four edited copies, indexed after
// the corpus, whose gold cluster is their original's:
//   light      one edit: a dateline/outlet line, a dropped sentence, three
//              replaced words, or the last sentence cut
//   medium     dateline + two dropped sentences + eight replaced words
//   heavy      dateline + the last paragraph cut (BBC paragraphs are long: a
//              third of the text, typically) + 15% of the remaining sentences
//              dropped + 5% of the words replaced
//   lead-only  the first 40% of the sentences, 10% of their words replaced
//              (a rewrite that keeps the lead; beyond what we aim to catch)
// Prints pairwise precision / recall / F1 (pairs of documents in one predicted
// cluster versus one gold cluster), per group, the false-merge rate among the
// corpus's distinct articles, recall by true 5-shingle Jaccard, the similarity
// of the closest distinct pairs, the clusters of size > 1 that gold does not
// explain (--show N of them, with titles), and microseconds per article.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/article.h"
#include "common/dates.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "indexer/near_duplicates.h"

namespace {

using newsdex::Article;
using newsdex::analysis::Analyzer;
using namespace newsdex::index;
using Clock = std::chrono::steady_clock;

double us_since(Clock::time_point t) { return std::chrono::duration<double, std::micro>(Clock::now() - t).count(); }

// Portable seeded randomness (std:: distributions differ between libraries).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_;
};

enum class Group { kCorpus, kLight, kMedium, kHeavy, kLeadOnly };
constexpr std::array kCopyGroups = {Group::kLight, Group::kMedium, Group::kHeavy, Group::kLeadOnly};

const char* name_of(Group group) {
  switch (group) {
    case Group::kCorpus:
      return "corpus";
    case Group::kLight:
      return "light edits";
    case Group::kMedium:
      return "medium edits";
    case Group::kHeavy:
      return "heavy edits";
    case Group::kLeadOnly:
      return "lead only (rewrite)";
  }
  return "?";
}

struct Item {
  Article article;
  Group group = Group::kCorpus;
  std::size_t original = 0;  // index of the corpus article a copy was made from
  std::size_t gold = 0;      // gold cluster number
  std::vector<std::string> terms;
  std::optional<Fingerprint> fp;
  std::string cluster;
};

// ---- edits, on the raw text so that the analyzer runs on them as on real copy

constexpr std::array kDatelines = {"LONDON (Reuters) - ", "NEW YORK, March 3 (AP) -- ", "PARIS (AFP) - ",
                                   "By Staff Reporter\n\n", "WASHINGTON (Wire Service) -- "};
constexpr std::array kTrailers = {"\n\nReporting by Jane Doe; editing by John Smith.",
                                  "\n\n(c) 2005 Wire Service. All rights reserved.",
                                  "\n\nAdditional reporting by Staff."};
constexpr std::array kReplacementWords = {"reportedly", "officials", "major",  "local",   "several", "critics",
                                          "sources",    "recently",  "firm",   "company", "group",   "big",
                                          "large",      "new",       "nearly", "around",  "about",   "government"};

std::string add_dateline(const std::string& body, Random& random) {
  if (random.below(2) == 0) return kDatelines[random.below(kDatelines.size())] + body;
  return body + kTrailers[random.below(kTrailers.size())];
}

std::string drop_sentences(const std::string& body, Analyzer& analyzer, std::size_t count, Random& random) {
  std::vector<newsdex::analysis::Span> spans = analyzer.sentences(body);
  if (spans.size() <= count) return body;
  std::set<std::size_t> dropped;
  while (dropped.size() < count) dropped.insert(random.below(spans.size()));
  std::string out = body;
  for (auto it = dropped.rbegin(); it != dropped.rend(); ++it)
    out.erase(spans[*it].start, spans[*it].end - spans[*it].start);
  return out;
}

std::string replace_words(const std::string& body, Analyzer& analyzer, std::size_t count, Random& random) {
  std::vector<newsdex::analysis::Token> tokens = analyzer.tokenize(body);
  if (tokens.empty()) return body;
  std::set<std::size_t> chosen;
  count = std::min(count, tokens.size());
  while (chosen.size() < count) chosen.insert(random.below(tokens.size()));
  std::string out = body;
  for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) {
    const newsdex::analysis::Token& t = tokens[*it];
    out.replace(t.start, t.end - t.start, kReplacementWords[random.below(kReplacementWords.size())]);
  }
  return out;
}

std::vector<std::string> paragraphs_of(const std::string& body) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    if (end > start) out.push_back(body.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

std::string cut_last_paragraph(const std::string& body, Analyzer& analyzer, Random& random) {
  std::vector<std::string> paragraphs = paragraphs_of(body);
  if (paragraphs.size() < 2) return drop_sentences(body, analyzer, 1, random);
  paragraphs.pop_back();
  return join_paragraphs(paragraphs);
}

std::string cut_last_sentence(const std::string& body, Analyzer& analyzer) {
  std::vector<newsdex::analysis::Span> spans = analyzer.sentences(body);
  if (spans.size() < 2) return body;
  return body.substr(0, spans[spans.size() - 2].end);
}

std::string edited(const std::string& body, Group group, Analyzer& analyzer, Random& random) {
  auto count_words = [&analyzer](const std::string& text) { return analyzer.tokenize(text).size(); };
  auto count_sentences = [&analyzer](const std::string& text) { return analyzer.sentences(text).size(); };
  switch (group) {
    case Group::kLight:
      switch (random.below(4)) {
        case 0:
          return add_dateline(body, random);
        case 1:
          return drop_sentences(body, analyzer, 1, random);
        case 2:
          return replace_words(body, analyzer, 3, random);
        default:
          return cut_last_sentence(body, analyzer);
      }
    case Group::kMedium:
      return replace_words(drop_sentences(add_dateline(body, random), analyzer, 2, random), analyzer, 8, random);
    case Group::kHeavy: {
      std::string text = cut_last_paragraph(add_dateline(body, random), analyzer, random);
      text = drop_sentences(text, analyzer, count_sentences(text) * 15 / 100, random);
      return replace_words(text, analyzer, count_words(text) * 5 / 100, random);
    }
    case Group::kLeadOnly: {
      std::vector<newsdex::analysis::Span> spans = analyzer.sentences(body);
      std::size_t keep = std::max<std::size_t>(1, spans.size() * 40 / 100);
      std::string text = body.substr(0, spans[keep - 1].end);
      return replace_words(text, analyzer, count_words(text) * 10 / 100, random);
    }
    case Group::kCorpus:
      break;
  }
  return body;
}

// ---- measures

std::vector<std::string> shingles_of(const std::vector<std::string>& terms) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i + kShingleTerms <= terms.size(); ++i) {
    std::string s;
    for (std::size_t j = 0; j < kShingleTerms; ++j) (s += terms[i + j]) += '\x1f';
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double true_jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> sa = shingles_of(a), sb = shingles_of(b), common;
  std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(common));
  std::size_t united = sa.size() + sb.size() - common.size();
  return united == 0 ? 1.0 : static_cast<double>(common.size()) / static_cast<double>(united);
}

struct PairCounts {
  std::uint64_t tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fn); }
  double f1() const {
    double p = precision(), r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

std::uint64_t pairs_in(std::uint64_t n) { return n * (n - 1) / 2; }

// Pairwise counts over all documents, from cluster sizes (O(n)).
PairCounts count_all_pairs(const std::vector<Item>& items) {
  std::map<std::string, std::uint64_t> predicted;
  std::map<std::size_t, std::uint64_t> gold;
  std::map<std::pair<std::string, std::size_t>, std::uint64_t> both;
  for (const Item& item : items) {
    ++predicted[item.cluster];
    ++gold[item.gold];
    ++both[{item.cluster, item.gold}];
  }
  std::uint64_t same_both = 0, same_predicted = 0, same_gold = 0;
  for (const auto& [key, n] : both) same_both += pairs_in(n);
  for (const auto& [key, n] : predicted) same_predicted += pairs_in(n);
  for (const auto& [key, n] : gold) same_gold += pairs_in(n);
  return {.tp = same_both, .fp = same_predicted - same_both, .fn = same_gold - same_both};
}

// Pairs (copy in `group`, corpus article).
PairCounts count_copy_pairs(const std::vector<Item>& items, Group group) {
  std::map<std::string, std::uint64_t> corpus_by_cluster;
  std::map<std::size_t, std::uint64_t> corpus_by_gold;
  std::map<std::pair<std::string, std::size_t>, std::uint64_t> corpus_by_both;
  for (const Item& item : items) {
    if (item.group != Group::kCorpus) continue;
    ++corpus_by_cluster[item.cluster];
    ++corpus_by_gold[item.gold];
    ++corpus_by_both[{item.cluster, item.gold}];
  }
  PairCounts counts;
  for (const Item& item : items) {
    if (item.group != group) continue;
    std::uint64_t same_both = corpus_by_both[{item.cluster, item.gold}];
    counts.tp += same_both;
    counts.fp += corpus_by_cluster[item.cluster] - same_both;
    counts.fn += corpus_by_gold[item.gold] - same_both;
  }
  return counts;
}

void print_row(const char* name, const PairCounts& c) {
  std::printf("| %-22s | %9.4f | %9.4f | %6.4f | %8llu | %6llu | %6llu |\n", name, c.precision(), c.recall(), c.f1(),
              static_cast<unsigned long long>(c.tp), static_cast<unsigned long long>(c.fp),
              static_cast<unsigned long long>(c.fn));
}

std::string excerpt(const Article& a, std::size_t bytes) {
  std::string text = a.body.substr(0, bytes);
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return text;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr
        << "usage: newsdex-eval-dedup CORPUS.jsonl [--copies N] [--seed S] [--threshold T] [--show N] [--max-days D]"
           " [--commit-every N]\n";
    return 2;
  }
  std::string corpus_path = argv[1];
  std::size_t copies = 300, show = 10, commit_every = 10'000;
  std::uint64_t seed = 20050101;
  ClusterAssignerOptions options;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--copies") copies = std::stoul(value);
    else if (flag == "--seed") seed = std::stoull(value);
    else if (flag == "--threshold") options.threshold = std::stod(value);
    else if (flag == "--max-days") options.max_days_apart = std::stoll(value);
    else if (flag == "--show") show = std::stoul(value);
    else if (flag == "--commit-every") commit_every = std::stoul(value);
    else {
      std::cerr << "unknown option " << flag << "\n";
      return 2;
    }
  }

  Analyzer analyzer("en");
  std::vector<Item> items;
  {
    std::ifstream in(corpus_path);
    if (!in) {
      std::cerr << "cannot read " << corpus_path << "\n";
      return 2;
    }
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      nlohmann::json j = nlohmann::json::parse(line);
      Item item;
      item.article.id = j.value("id", "");
      item.article.title = j["title"].is_string() ? j["title"].get<std::string>() : "";
      item.article.body = j["body"].is_string() ? j["body"].get<std::string>() : "";
      item.article.source = j["source"].is_string() ? j["source"].get<std::string>() : "";
      if (j.contains("date") && j["date"].is_string())
        item.article.published_unix_s = newsdex::dates::parse_date(j["date"].get<std::string>());
      items.push_back(std::move(item));
    }
  }
  const std::size_t corpus_size = items.size();

  // Synthetic copies, drawn from articles with at least five sentences.
  Random random(seed);
  if (copies > 0) {
    std::vector<std::size_t> eligible;
    for (std::size_t i = 0; i < corpus_size; ++i) {
      if (analyzer.sentences(items[i].article.body).size() >= 5) eligible.push_back(i);
    }
    for (std::size_t i = eligible.size(); i > 1; --i) std::swap(eligible[i - 1], eligible[random.below(i)]);
    eligible.resize(std::min(copies, eligible.size()));
    for (std::size_t original : eligible) {
      for (Group group : kCopyGroups) {
        Item copy;
        copy.article = items[original].article;
        copy.article.id += std::string("~") + name_of(group);
        copy.article.source = "Copy Desk";
        copy.article.body = edited(items[original].article.body, group, analyzer, random);
        copy.group = group;
        copy.original = original;
        items.push_back(std::move(copy));
      }
    }
  }

  // Terms as the document builder has them.
  for (Item& item : items) {
    for (newsdex::analysis::Token& t : analyzer.tokenize(item.article.body)) item.terms.push_back(std::move(t.term));
  }
  std::vector<std::vector<std::string>> title_terms(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (newsdex::analysis::Token& t : analyzer.tokenize(items[i].article.title))
      title_terms[i].push_back(std::move(t.term));
  }

  // Gold: equal normalised bodies (corpus); a copy takes its original's.
  {
    std::unordered_map<std::string, std::size_t> by_body;
    for (std::size_t i = 0; i < corpus_size; ++i) {
      std::string key;
      for (const std::string& t : items[i].terms) (key += t) += ' ';
      if (key.empty()) key = "\x01" + std::to_string(i);  // empty bodies are not duplicates of each other
      items[i].gold = by_body.emplace(key, by_body.size()).first->second;
    }
    for (std::size_t i = corpus_size; i < items.size(); ++i) items[i].gold = items[items[i].original].gold;
  }

  // Index: fingerprint, assign, store, exactly as the indexer will.
  std::filesystem::path db_path = std::filesystem::temp_directory_path() /
                                  ("newsdex-eval-dedup-" + std::to_string(Clock::now().time_since_epoch().count()));
  double fingerprint_us = 0, assign_us = 0, build_us = 0, write_us = 0;
  std::vector<double> per_article_us;
  std::size_t fingerprinted = 0;
  {
    Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    DocumentBuilder builder;
    ClusterAssigner assigner(db, options);
    std::size_t uncommitted = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      Item& item = items[i];
      Clock::time_point build_start = Clock::now();
      Xapian::Document doc = builder.build(item.article);
      Clock::time_point t0 = Clock::now();
      build_us += std::chrono::duration<double, std::micro>(t0 - build_start).count();
      item.fp = compute_fingerprint(item.terms, title_terms[i]);
      double f_us = us_since(t0);
      Clock::time_point t1 = Clock::now();
      item.cluster =
          item.fp ? assigner.assign(item.article.id, *item.fp, item.article.published_unix_s) : item.article.id;
      double a_us = us_since(t1);
      fingerprint_us += f_us;
      assign_us += a_us;
      per_article_us.push_back(f_us + a_us);
      if (item.fp) {
        ++fingerprinted;
        for (const std::string& key : lsh_keys(*item.fp))
          doc.add_boolean_term(std::string(newsdex::schema::kPrefixLsh) + key);
        doc.add_value(newsdex::schema::kSlotFingerprint, serialise_fingerprint(*item.fp));
      }
      doc.add_value(newsdex::schema::kSlotCluster, item.cluster);
      doc.add_boolean_term(std::string(newsdex::schema::kPrefixCluster) + item.cluster);
      Clock::time_point write_start = Clock::now();
      db.replace_document(std::string(newsdex::schema::kPrefixId) + item.article.id, doc);
      if (++uncommitted == commit_every) {
        db.commit();
        uncommitted = 0;
      }
      write_us += us_since(write_start);
    }
    Clock::time_point write_start = Clock::now();
    db.commit();
    write_us += us_since(write_start);
  }
  std::uintmax_t db_bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(db_path)) {
    if (entry.is_regular_file()) db_bytes += entry.file_size();
  }
  std::filesystem::remove_all(db_path);

  std::vector<Item> corpus(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(corpus_size));
  std::map<std::size_t, std::size_t> gold_sizes;
  for (const Item& item : corpus) ++gold_sizes[item.gold];
  std::size_t duplicate_articles = 0, duplicate_groups = 0;
  for (const auto& [gold, n] : gold_sizes) {
    if (n > 1) {
      duplicate_articles += n - 1;
      ++duplicate_groups;
    }
  }

  std::printf(
      "corpus %s: %zu articles, %zu fingerprinted (of all %zu documents), %zu exact-duplicate articles in %zu groups\n",
      corpus_path.c_str(), corpus_size, fingerprinted, items.size(), duplicate_articles, duplicate_groups);
  std::printf(
      "threshold %.2f (exact below %u shingles), max %lld days apart, K=%zu, %zu-term shingles, %zux%zu bands; %zu "
      "synthetic copies of %zu articles (seed %llu)\n\n",
      options.threshold, kMinShinglesForNearMatch, static_cast<long long>(options.max_days_apart), kMinHashFunctions,
      kShingleTerms, kLshBands, kLshRowsPerBand, items.size() - corpus_size,
      (items.size() - corpus_size) / kCopyGroups.size(), static_cast<unsigned long long>(seed));

  std::printf("| pairs                  | precision |    recall |     F1 |       TP |     FP |     FN |\n");
  std::printf("|------------------------|-----------|-----------|--------|----------|--------|--------|\n");
  PairCounts corpus_counts = count_all_pairs(corpus);
  print_row("corpus (exact dups)", corpus_counts);
  if (items.size() > corpus_size) {
    for (Group group : kCopyGroups) print_row(name_of(group), count_copy_pairs(items, group));
    print_row("all documents", count_all_pairs(items));
  }
  std::uint64_t distinct_pairs = pairs_in(corpus_size) - (corpus_counts.tp + corpus_counts.fn);
  std::printf("\nfalse merges among distinct corpus articles: %llu of %llu pairs (%.2e)\n",
              static_cast<unsigned long long>(corpus_counts.fp), static_cast<unsigned long long>(distinct_pairs),
              distinct_pairs == 0 ? 0.0 : static_cast<double>(corpus_counts.fp) / static_cast<double>(distinct_pairs));

  // Copies: true Jaccard with the original, and how often they joined it.
  if (items.size() > corpus_size) {
    std::printf("\n| copies              | n   | true J min | median | estimate err (mean abs) | joined original |\n");
    std::printf("|---------------------|-----|------------|--------|-------------------------|-----------------|\n");
    std::map<int, std::pair<std::size_t, std::size_t>> by_bucket;  // J decile -> (n, joined)
    for (Group group : kCopyGroups) {
      std::vector<double> js;
      double error = 0;
      std::size_t joined = 0, n = 0;
      for (std::size_t i = corpus_size; i < items.size(); ++i) {
        const Item& copy = items[i];
        if (copy.group != group || !copy.fp) continue;
        const Item& original = items[copy.original];
        double j = true_jaccard(copy.terms, original.terms);
        js.push_back(j);
        error += std::abs(estimate_similarity(*copy.fp, *original.fp) - j);
        bool together = copy.cluster == original.cluster;
        joined += together ? 1 : 0;
        ++n;
        auto& bucket = by_bucket[std::min(9, static_cast<int>(j * 10))];
        ++bucket.first;
        bucket.second += together ? 1 : 0;
      }
      std::printf("| %-19s | %3zu | %10.3f | %6.3f | %23.3f | %9zu (%3.0f%%) |\n", name_of(group), n, percentile(js, 0),
                  percentile(js, 0.5), n ? error / static_cast<double>(n) : 0.0, joined,
                  n ? 100.0 * static_cast<double>(joined) / static_cast<double>(n) : 0.0);
    }
    std::printf("\n| true J of copy | copies | joined original |\n|---|---|---|\n");
    for (const auto& [decile, counts] : by_bucket) {
      std::printf("| %.1f-%.1f | %zu | %zu (%.0f%%) |\n", decile / 10.0, (decile + 1) / 10.0, counts.first,
                  counts.second, 100.0 * static_cast<double>(counts.second) / static_cast<double>(counts.first));
    }
  }

  // The closest distinct corpus pairs (all pairs, by MinHash estimate).
  {
    std::array<std::uint64_t, 6> at_least{};  // >= 0.1, 0.2, ... 0.6
    double closest = 0;
    std::vector<std::tuple<double, std::size_t, std::size_t>> top;
    for (std::size_t a = 0; a < corpus_size; ++a) {
      if (!corpus[a].fp) continue;
      for (std::size_t b = a + 1; b < corpus_size; ++b) {
        if (!corpus[b].fp || corpus[a].gold == corpus[b].gold) continue;
        double s = estimate_similarity(*corpus[a].fp, *corpus[b].fp);
        if (s < 0.1) continue;
        for (std::size_t k = 0; k < at_least.size(); ++k)
          at_least[k] += s >= 0.1 * static_cast<double>(k + 1) - 1e-9 ? 1 : 0;
        closest = std::max(closest, s);
        top.emplace_back(s, a, b);
      }
    }
    std::printf(
        "\ndistinct corpus pairs by estimated similarity: >=0.1: %llu, >=0.2: %llu, >=0.3: %llu, >=0.4: %llu, "
        ">=0.5: %llu, >=0.6: %llu; max %.3f\n",
        static_cast<unsigned long long>(at_least[0]), static_cast<unsigned long long>(at_least[1]),
        static_cast<unsigned long long>(at_least[2]), static_cast<unsigned long long>(at_least[3]),
        static_cast<unsigned long long>(at_least[4]), static_cast<unsigned long long>(at_least[5]), closest);
    std::sort(top.rbegin(), top.rend());
    for (std::size_t k = 0; k < std::min(show, top.size()); ++k) {
      const auto& [s, a, b] = top[k];
      std::printf("  %.3f (true J %.3f)  %s \"%s\"  |  %s \"%s\"\n", s, true_jaccard(corpus[a].terms, corpus[b].terms),
                  corpus[a].article.id.c_str(), corpus[a].article.title.c_str(), corpus[b].article.id.c_str(),
                  corpus[b].article.title.c_str());
    }
  }

  // Predicted clusters of size > 1 among corpus articles, and those gold does not explain.
  {
    std::map<std::string, std::vector<std::size_t>> clusters;
    for (std::size_t i = 0; i < corpus_size; ++i) clusters[corpus[i].cluster].push_back(i);
    std::map<std::size_t, std::size_t> size_histogram;
    std::vector<const std::vector<std::size_t>*> unexplained;
    std::size_t multi = 0, in_multi = 0;
    for (const auto& [id, members] : clusters) {
      if (members.size() < 2) continue;
      ++multi;
      in_multi += members.size();
      ++size_histogram[members.size()];
      std::set<std::size_t> golds;
      for (std::size_t m : members) golds.insert(corpus[m].gold);
      if (golds.size() > 1) unexplained.push_back(&members);
    }
    std::printf("\npredicted clusters of size > 1 among corpus articles: %zu (%zu articles); sizes:", multi, in_multi);
    for (const auto& [size, n] : size_histogram) std::printf(" %zux%zu", n, size);
    std::printf("\nof which not all exact duplicates (gold): %zu\n", unexplained.size());
    std::sort(unexplained.begin(), unexplained.end(), [](auto* a, auto* b) { return a->size() > b->size(); });
    for (std::size_t k = 0; k < std::min(show, unexplained.size()); ++k) {
      std::printf("  cluster of %zu:\n", unexplained[k]->size());
      std::size_t first = unexplained[k]->front();
      for (std::size_t m : *unexplained[k]) {
        double s = estimate_similarity(*corpus[m].fp, *corpus[first].fp);
        std::printf("    %-22s est %.2f \"%s\" %s...\n", corpus[m].article.id.c_str(), s,
                    corpus[m].article.title.c_str(), excerpt(corpus[m].article, 90).c_str());
      }
    }
  }

  std::printf(
      "\ntime per document (fingerprint + assign; not the document builder): mean %.1f us (fingerprint %.1f, assign "
      "%.1f), "
      "p50 %.1f us, p99 %.1f us\n",
      (fingerprint_us + assign_us) / static_cast<double>(items.size()),
      fingerprint_us / static_cast<double>(items.size()), assign_us / static_cast<double>(items.size()),
      percentile(per_article_us, 0.5), percentile(per_article_us, 0.99));
  std::printf(
      "for comparison, the rest of indexing: DocumentBuilder::build %.1f us, replace_document + commits %.1f us per "
      "document\n",
      build_us / static_cast<double>(items.size()), write_us / static_cast<double>(items.size()));
  std::printf("database: %.1f MB for %zu documents\n", static_cast<double>(db_bytes) / 1e6, items.size());
  return 0;
}
