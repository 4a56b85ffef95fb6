// newsdex-profile-index: where indexing time goes, phase by phase, in one
// process over the same articles (docs/performance.md, "Where the time goes").
//
//   newsdex-profile-index CORPUS... [--limit N] [--passes P]
//
// Reads up to N articles (default all) with the real CorpusReader, then times
// each phase of newsdex-index separately, single-threaded, over all of them:
//   read + parse       CorpusReader: file reading, JSON parsing, UTF-8 checks, dates
//   tokenize           Analyzer::tokenize of title and body (ICU word breaks, folding)
//   stem               Analyzer::stem of every token (Snowball)
//   fingerprint        MinHash fingerprint of the tokens (near-duplicates)
//   entities           EntityExtractor::extract (persons, orgs, countries, quotes)
//   compress           zstd of the stored fields (encode_article)
//   build (all)        DocumentBuilder::build: all of the above but reading, plus
//                      Xapian::Document assembly
//   write              IndexWriter::write into a fresh database: cluster
//                      assignment, Xapian's add_document, spelling counts
//   commit             the commits (one every 10,000 articles and the last)
// Each phase is run P times (default 3) and the fastest pass is reported, so
// a busy machine disturbs the numbers less. Prints microseconds per article and
// each phase's share of read + build + write + commit (what one article costs
// a single thread end to end). The sub-phases of build overlap it: they are
// there to show what build is made of.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include <xapian.h>

#include "common/analysis/analyzer.h"
#include "common/compression/stored_fields.h"
#include "common/entities/entities.h"
#include "indexer/corpus_reader.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "indexer/near_duplicates.h"

namespace {

using Clock = std::chrono::steady_clock;
using newsdex::Article;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Fastest of `passes` runs of `pass`, in seconds.
double fastest(int passes, const std::function<void()>& pass) {
  double best = 1e300;
  for (int i = 0; i < passes; ++i) {
    Clock::time_point start = Clock::now();
    pass();
    best = std::min(best, seconds_since(start));
  }
  return best;
}

int usage() {
  std::fprintf(stderr, "usage: newsdex-profile-index CORPUS... [--limit N] [--passes P]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  std::size_t limit = SIZE_MAX;
  int passes = 3;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--limit" && i + 1 < argc) {
      limit = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--passes" && i + 1 < argc) {
      passes = std::max(1, std::atoi(argv[++i]));
    } else if (arg.starts_with("--")) {
      return usage();
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) return usage();

  // read + parse (timed once more below with the same reader settings)
  std::vector<Article> articles;
  std::uint64_t text_bytes = 0;
  double read_s = fastest(passes, [&] {
    articles.clear();
    text_bytes = 0;
    newsdex::index::CorpusReader reader(paths);
    while (articles.size() < limit) {
      std::optional<newsdex::index::CorpusEntry> entry = reader.next();
      if (!entry) break;
      if (entry->skip) continue;
      text_bytes += entry->article.title.size() + entry->article.body.size();
      articles.push_back(std::move(entry->article));
    }
  });
  if (articles.empty()) {
    std::fprintf(stderr, "newsdex-profile-index: no articles read\n");
    return 1;
  }

  newsdex::analysis::Analyzer analyzer("en");
  std::vector<std::vector<newsdex::analysis::Token>> titles(articles.size());
  std::vector<std::vector<newsdex::analysis::Token>> bodies(articles.size());
  double tokenize_s = fastest(passes, [&] {
    for (std::size_t i = 0; i < articles.size(); ++i) {
      titles[i] = analyzer.tokenize(articles[i].title);
      bodies[i] = analyzer.tokenize(articles[i].body);
    }
  });
  std::size_t sink = 0;  // keeps results alive so nothing is optimised away
  double stem_s = fastest(passes, [&] {
    for (std::size_t i = 0; i < articles.size(); ++i) {
      for (const auto& t : titles[i]) sink += analyzer.stem(t.term).size();
      for (const auto& t : bodies[i]) sink += analyzer.stem(t.term).size();
    }
  });
  double fingerprint_s = fastest(passes, [&] {
    for (std::size_t i = 0; i < articles.size(); ++i) {
      sink += newsdex::index::compute_fingerprint(bodies[i], titles[i]).has_value();
    }
  });
  newsdex::entities::EntityExtractor extractor;
  double entities_s = fastest(passes, [&] {
    for (const Article& a : articles) sink += extractor.extract(a).persons.size();
  });
  double compress_s = fastest(passes, [&] {
    for (const Article& a : articles) sink += newsdex::compression::encode_article(a).size();
  });
  newsdex::index::DocumentBuilder builder(true);
  std::vector<Xapian::Document> docs(articles.size());
  double build_s = fastest(passes, [&] {
    for (std::size_t i = 0; i < articles.size(); ++i) docs[i] = builder.build(articles[i]);
  });

  // write + commit into fresh databases (removed afterwards)
  std::filesystem::path tmp = std::filesystem::temp_directory_path() /
                              ("newsdex-profile-" + std::to_string(static_cast<long long>(::getpid())));
  double write_s = 1e300;
  double commit_s = 1e300;
  std::uintmax_t db_bytes = 0;
  for (int pass = 0; pass < passes; ++pass) {
    std::filesystem::remove_all(tmp);
    double commits = 0;
    Clock::time_point start = Clock::now();
    {
      newsdex::index::IndexWriter writer(tmp.string(),
                                         newsdex::index::IndexWriterOptions{.documents_per_commit = UINT64_MAX,
                                                                            .uncommitted_bytes_limit = UINT64_MAX});
      for (std::size_t i = 0; i < articles.size(); ++i) {
        // Copies: write() takes the document, and the next pass needs it again.
        writer.write(articles[i], docs[i], newsdex::index::IndexWriter::Existing::kNo);
        if ((i + 1) % 10'000 == 0) {
          Clock::time_point c = Clock::now();
          writer.commit();
          commits += seconds_since(c);
        }
      }
      Clock::time_point c = Clock::now();
      writer.commit();
      commits += seconds_since(c);
    }
    double total = seconds_since(start);
    write_s = std::min(write_s, total - commits);
    commit_s = std::min(commit_s, commits);
  }
  for (const auto& f : std::filesystem::directory_iterator(tmp)) db_bytes += f.file_size();
  std::filesystem::remove_all(tmp);

  double n = static_cast<double>(articles.size());
  double end_to_end = read_s + build_s + write_s + commit_s;
  auto row = [&](const char* phase, double s, bool part_of_total) {
    std::printf("%-16s %10.1f %8.1f%%%s\n", phase, s / n * 1e6, s / end_to_end * 100.0,
                part_of_total ? "" : "  (inside build)");
  };
  std::printf("articles %zu, text %.1f MB, passes %d (fastest kept), database %.1f MB uncompacted\n", articles.size(),
              static_cast<double>(text_bytes) / 1e6, passes, static_cast<double>(db_bytes) / 1e6);
  std::printf("%-16s %10s %9s\n", "phase", "us/article", "share");
  row("read + parse", read_s, true);
  row("tokenize", tokenize_s, false);
  row("stem", stem_s, false);
  row("fingerprint", fingerprint_s, false);
  row("entities", entities_s, false);
  row("compress", compress_s, false);
  row("build (all)", build_s, true);
  row("write", write_s, true);
  row("commit", commit_s, true);
  row("end to end", end_to_end, true);
  std::printf(
      "single-thread articles/s %.0f; build share %.0f%% runs on the workers, write + commit %.0f%% on the writer\n",
      n / end_to_end, build_s / end_to_end * 100.0, (write_s + commit_s) / end_to_end * 100.0);
  return sink == 42 ? 3 : 0;
}
