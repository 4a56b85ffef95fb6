// bench_entities: speed of EntityExtractor::extract() over a corpus, against
// the analyzer's tokenization of the same text measured in the same process
// (the indexer tokenizes every article anyway, so the ratio says what entity
// extraction adds to indexing).
//
// Usage: newsdex-bench-entities PATH... [--passes N] [--limit N] [--dump FILE] [--big MB,MB...]
//   PATH      corpus files or directories, read with the indexer's CorpusReader
//   --passes  timed passes over the whole corpus (default 3); each pass times
//             tokenization, then extraction; the fastest pass of each is kept.
//             Times are this thread's CPU time (the machine is shared).
//   --limit   use only the first N articles
//   --dump    write every extraction (all fields, salience to 17 digits) to
//             FILE, one block per article, to diff outputs before/after a change
//   --big     instead, one article per size in the list (MB = 10^6 bytes): the
//             bodies of the corpus, in order and again from the start, joined
//             by blank lines until the size is reached, under the first title;
//             prints each one's extraction speed in MB/s and the ratio to the
//             smallest size's speed (1.00 = linear), and the rules' search steps
//             per MB (common/entities/search_steps.h: deterministic, constant
//             when extraction is linear)
// Exit status: 0 ok, 2 bad usage or no articles.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "common/analysis/analyzer.h"
#include "common/article.h"
#include "common/entities/entities.h"
#include "common/entities/search_steps.h"
#include "indexer/corpus_reader.h"

namespace {

namespace ent = newsdex::entities;
// CPU time of this thread: the machine is shared, so wall time would count
// other processes' work too.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

const char* field_name(ent::Field f) { return f == ent::Field::kTitle ? "title" : "body"; }

void dump_entities(std::ostream& out, const char* kind, const std::vector<ent::Entity>& list) {
  for (const auto& e : list) {
    char sal[64];
    std::snprintf(sal, sizeof sal, "%.17g", e.salience);
    out << kind << '\t' << e.name << '\t' << e.code << '\t' << sal;
    for (const auto& m : e.mentions) out << '\t' << field_name(m.field) << ':' << m.start << '-' << m.end;
    out << '\n';
  }
}

void dump(std::ostream& out, const newsdex::Article& a, const ent::Extraction& x) {
  out << "# " << a.id << '\n';
  dump_entities(out, "PER", x.persons);
  dump_entities(out, "ORG", x.organizations);
  dump_entities(out, "CTRY", x.countries);
  for (const auto& q : x.quotes) {
    out << "QUOTE\t" << q.speaker << '\t' << q.verb << '\t' << (q.direct ? "direct" : "reported") << '\t'
        << field_name(q.text.field) << ':' << q.text.start << '-' << q.text.end << '\n';
  }
  out << "SPEAKERS";
  for (const auto& s : x.speakers) out << '\t' << s;
  out << '\n';
}

// One body of at least `bytes` bytes: the corpus bodies in order, cycled,
// separated by blank lines.
newsdex::Article big_article(const std::vector<newsdex::Article>& articles, std::size_t bytes) {
  newsdex::Article big;
  big.id = "big-" + std::to_string(bytes);
  big.title = articles.front().title;
  big.body.reserve(bytes + 100000);
  for (std::size_t i = 0; big.body.size() < bytes; i = (i + 1) % articles.size()) {
    if (articles[i].body.empty()) continue;
    if (!big.body.empty()) big.body += "\n\n";
    big.body += articles[i].body;
  }
  return big;
}

// --big: MB/s of one extraction per size, and the ratio to the first size.
int run_big(const std::vector<newsdex::Article>& articles, const std::vector<double>& sizes_mb, int passes) {
  ent::EntityExtractor extractor;
  (void)extractor.extract(articles.front());  // warm-up: word lists, gazetteer, ICU data
  double first_rate = 0.0;
  std::printf("%9s %9s %9s %9s %11s %9s %9s %9s %s\n", "MB", "cpu_s", "MB/s", "vs_first", "steps/MB", "persons", "orgs",
              "countries", "quotes");
  for (double mb : sizes_mb) {
    const newsdex::Article a = big_article(articles, static_cast<std::size_t>(mb * 1e6));
    double best = 1e300;
    ent::Extraction x;
    std::uint64_t steps = 0;
    for (int p = 0; p < passes; ++p) {
      const std::uint64_t steps_before = ent::search_steps();
      const double t0 = thread_cpu_seconds();
      x = extractor.extract(a);
      best = std::min(best, thread_cpu_seconds() - t0);
      steps = ent::search_steps() - steps_before;
    }
    const double size_mb = static_cast<double>(a.title.size() + a.body.size()) / 1e6;
    const double rate = size_mb / best;
    if (first_rate == 0.0) first_rate = rate;
    std::printf("%9.2f %9.3f %9.2f %9.2f %11.0f %9zu %9zu %9zu %zu\n", size_mb, best, rate, rate / first_rate,
                static_cast<double>(steps) / size_mb, x.persons.size(), x.organizations.size(), x.countries.size(),
                x.quotes.size());
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  int passes = 3;
  std::size_t limit = 0;
  std::string dump_path;
  std::vector<double> big_mb;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--passes" && has_value) {
      passes = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--limit" && has_value) {
      limit = static_cast<std::size_t>(std::strtoull(argv[++i], nullptr, 10));
    } else if (arg == "--dump" && has_value) {
      dump_path = argv[++i];
    } else if (arg == "--big" && has_value) {
      const std::string list = argv[++i];
      for (std::size_t pos = 0; pos < list.size();) {
        std::size_t comma = list.find(',', pos);
        if (comma == std::string::npos) comma = list.size();
        const double mb = std::atof(list.substr(pos, comma - pos).c_str());
        if (mb <= 0.0) {
          std::cerr << "newsdex-bench-entities: --big wants sizes in MB, as 1,8,16,50\n";
          return 2;
        }
        big_mb.push_back(mb);
        pos = comma + 1;
      }
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      std::cerr << "usage: newsdex-bench-entities PATH... [--passes N] [--limit N] [--dump FILE] [--big MB,MB...]\n";
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: newsdex-bench-entities PATH... [--passes N] [--limit N] [--dump FILE] [--big MB,MB...]\n";
    return 2;
  }

  std::vector<newsdex::Article> articles;
  std::size_t bytes = 0;
  newsdex::index::CorpusReader reader(paths);
  while (auto entry = reader.next()) {
    if (entry->skip) continue;
    bytes += entry->article.title.size() + entry->article.body.size();
    articles.push_back(std::move(entry->article));
    if (limit != 0 && articles.size() >= limit) break;
  }
  if (articles.empty()) {
    std::cerr << "newsdex-bench-entities: no articles in the given paths\n";
    return 2;
  }
  if (!big_mb.empty()) return run_big(articles, big_mb, passes);

  newsdex::analysis::Analyzer analyzer("en");
  ent::EntityExtractor extractor;
  // Warm-up: word lists, gazetteer and ICU data are built on first use.
  const double t_init = thread_cpu_seconds();
  (void)extractor.extract(articles.front());
  const double init_s = thread_cpu_seconds() - t_init;
  (void)analyzer.tokenize(articles.front().body);

  if (!dump_path.empty()) {
    std::ofstream out(dump_path, std::ios::binary);
    if (!out) {
      std::cerr << "newsdex-bench-entities: cannot write " << dump_path << "\n";
      return 2;
    }
    for (const auto& a : articles) dump(out, a, extractor.extract(a));
  }

  double best_tok = 1e300;
  double best_ext = 1e300;
  std::size_t sink = 0;  // keeps the work observable
  for (int p = 0; p < passes; ++p) {
    double t0 = thread_cpu_seconds();
    for (const auto& a : articles) {
      sink += analyzer.tokenize(a.title).size();
      sink += analyzer.tokenize(a.body).size();
    }
    best_tok = std::min(best_tok, thread_cpu_seconds() - t0);
    t0 = thread_cpu_seconds();
    for (const auto& a : articles) sink += extractor.extract(a).persons.size();
    best_ext = std::min(best_ext, thread_cpu_seconds() - t0);
  }
  const double n = static_cast<double>(articles.size());
  std::printf("articles                 %zu (%.1f MB of title+body), %d passes, fastest pass kept, thread CPU time\n",
              articles.size(), static_cast<double>(bytes) / 1e6, passes);
  std::printf("first extraction (init)  %.3f s\n", init_s);
  std::printf("tokenize (baseline)      %9.0f articles/s  %7.1f us/article\n", n / best_tok, 1e6 * best_tok / n);
  std::printf("extract                  %9.0f articles/s  %7.1f us/article\n", n / best_ext, 1e6 * best_ext / n);
  std::printf("extract / tokenize time  %.2f\n", best_ext / best_tok);
  std::printf("tokenize alone vs tokenize+extract: %.0f vs %.0f articles/s (x%.2f slower with extraction)\n",
              n / best_tok, n / (best_tok + best_ext), (best_tok + best_ext) / best_tok);
  if (sink == 0) std::printf("(no tokens)\n");
  return 0;
}
