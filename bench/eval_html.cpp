// eval_html: HTML article extraction (indexer/readers/html_extractor.h) over
// the pages of ../shared/corpora/html-articles: the benchmark's shingle
// precision, recall and F1 against the gold bodies, the worst pages, the
// verdicts, and the speed of extraction (pages/s, MB of HTML/s, one thread,
// pages already in memory), by the clock and in CPU time of the thread (which
// other processes on the machine disturb less); with --phases, the CPU time
// of each step of extract_html_article (decode, parse, metadata, body,
// verdict) per page.
// Usage: newsdex-eval-html [CORPUS_DIR] [--out RUN.jsonl] [--repeat N] [--worst N] [--dump ID_PREFIX]
//                          [--only ID_PREFIX] [--phases]
// RUN.jsonl holds one {"id", "body"} record per page: the input of
// CORPUS_DIR/eval_extraction.py.
#include <nlohmann/json.hpp>

#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "indexer/readers/html_body.h"
#include "indexer/readers/html_charset.h"
#include "indexer/readers/html_dom.h"
#include "indexer/readers/html_eval.h"
#include "indexer/readers/html_extractor.h"
#include "indexer/readers/html_metadata.h"
#include "indexer/readers/html_verdict.h"

namespace {

using nlohmann::json;
namespace rd = newsdex::readers;

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string read_gzip(const std::filesystem::path& p) {
  const std::string cmd = "gzip -dc '" + p.string() + "'";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string out;
  char buf[65536];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

// CPU time of this thread, in seconds.
double thread_cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// The steps of extract_html_article (html_extractor.cpp), each timed: the
// fastest CPU time of each over `repeat` passes, summed over the pages.
void print_phases(const std::vector<std::string>& htmls, const std::vector<std::string>& urls, int repeat) {
  const char* names[] = {"decode (charset)", "parse (libxml2 + tree)", "metadata", "body", "verdict"};
  constexpr int kPhases = 5;
  std::vector<std::array<double, kPhases>> best(htmls.size());
  for (auto& b : best) b.fill(1e300);
  for (int r = 0; r < repeat; ++r) {
    for (std::size_t i = 0; i < htmls.size(); ++i) {
      try {
        double t0 = thread_cpu_s();
        rd::DecodedHtml decoded = rd::decode_html(htmls[i]);
        double t1 = thread_cpu_s();
        const rd::Dom dom = rd::Dom::parse(decoded.utf8);
        double t2 = thread_cpu_s();
        const rd::PageMetadata meta = rd::extract_metadata(dom, urls[i]);
        double t3 = thread_cpu_s();
        const rd::ExtractedBody body =
            rd::extract_body(dom, rd::BodyEvidence{.json_ld_body = meta.json_ld_body, .title = meta.title});
        double t4 = thread_cpu_s();
        const auto verdict = rd::judge_page(dom, meta, body, urls[i]);
        double t5 = thread_cpu_s();
        const double spans[kPhases] = {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4};
        for (int k = 0; k < kPhases; ++k)
          best[i][static_cast<std::size_t>(k)] = std::min(best[i][static_cast<std::size_t>(k)], spans[k]);
      } catch (const newsdex::Error&) {
        // Reported by the main loop.
      }
    }
  }
  double total = 0;
  std::array<double, kPhases> sum{};
  for (const auto& b : best) {
    for (std::size_t k = 0; k < kPhases; ++k) {
      if (b[k] < 1e299) sum[k] += b[k];
    }
  }
  for (double v : sum) total += v;
  std::printf("phases (CPU, fastest of %d per page and step, per page):\n", repeat);
  for (std::size_t k = 0; k < kPhases; ++k) {
    std::printf("  %-24s %7.3f ms  %4.1f%%\n", names[k], 1000 * sum[k] / static_cast<double>(htmls.size()),
                100 * sum[k] / total);
  }
  std::printf("  %-24s %7.3f ms\n", "all", 1000 * total / static_cast<double>(htmls.size()));
}

struct Page {
  std::string id;
  std::string url;
  std::string gold;
  std::string html;
};

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir = "../shared/corpora/html-articles";
  std::string out_path;
  std::string dump;
  std::string only;  // run only the pages whose id starts with this
  int repeat = 3;
  std::size_t worst = 10;
  bool phases = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--out" && i + 1 < argc) {
      out_path = argv[++i];
    } else if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::stoi(argv[++i]));
    } else if (arg == "--worst" && i + 1 < argc) {
      worst = static_cast<std::size_t>(std::stoul(argv[++i]));
    } else if (arg == "--dump" && i + 1 < argc) {
      dump = argv[++i];
    } else if (arg == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else if (arg == "--phases") {
      phases = true;
    } else if (!arg.empty() && arg[0] != '-') {
      dir = arg;
    } else {
      std::cerr << "usage: newsdex-eval-html [CORPUS_DIR] [--out RUN.jsonl] [--repeat N] [--worst N] [--dump ID] "
                   "[--only ID] [--phases]\n";
      return 2;
    }
  }
  const std::filesystem::path truth_path = dir / "ground-truth.json";
  if (!std::filesystem::exists(truth_path)) {
    std::cerr << "newsdex-eval-html: " << truth_path.string() << " not found\n";
    return 2;
  }
  const json truth = json::parse(read_file(truth_path));
  std::vector<Page> pages;
  std::size_t html_bytes = 0;
  for (const auto& [id, entry] : truth.items()) {
    if (id.rfind(only, 0) != 0) continue;
    Page page{id, entry.value("url", ""), entry.value("articleBody", ""), read_gzip(dir / "html" / (id + ".html.gz"))};
    if (page.html.empty()) {
      std::cerr << "newsdex-eval-html: cannot read " << (dir / "html" / (id + ".html.gz")).string() << "\n";
      return 2;
    }
    html_bytes += page.html.size();
    pages.push_back(std::move(page));
  }
  std::sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) { return a.id < b.id; });

  std::vector<rd::HtmlExtraction> results(pages.size());
  std::vector<std::string> errors(pages.size());
  double best_s = 1e300;
  double best_cpu_s = 1e300;
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = thread_cpu_s();
    for (std::size_t i = 0; i < pages.size(); ++i) {
      try {
        results[i] = rd::extract_html_article(pages[i].html, rd::HtmlHints{.charset = {}, .url = pages[i].url});
      } catch (const newsdex::Error& e) {
        errors[i] = e.what();
      }
    }
    best_cpu_s = std::min(best_cpu_s, thread_cpu_s() - cpu0);
    best_s = std::min(best_s, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }

  std::vector<rd::ShingleCounts> counts;
  std::map<std::string, int> verdicts;
  std::ofstream out;
  if (!out_path.empty()) out.open(out_path);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const rd::HtmlExtraction& x = results[i];
    // A page judged no article contributes no body: the verdict is part of what is measured.
    const std::string body = x.not_article ? std::string() : x.article.body;
    counts.push_back(rd::compare_shingles(pages[i].gold, body));
    const std::string verdict = x.not_article ? std::string(rd::describe(x.not_article->kind)) : "article";
    verdicts[errors[i].empty() ? verdict : "error"]++;
    if (out.is_open()) out << json{{"id", pages[i].id}, {"body", body}}.dump() << "\n";
    if (!dump.empty() && pages[i].id.rfind(dump, 0) == 0) {
      std::cout << "== " << pages[i].id << " " << pages[i].url << "\n"
                << "title [" << x.article.title_from << "]: " << x.article.title << "\n"
                << "date [" << x.article.date_from << "]: " << x.article.date << "\n"
                << "author [" << x.article.author_from << "]: " << x.article.author << "\n"
                << "source [" << x.article.source_from << "]: " << x.article.source << "\n"
                << "url [" << x.article.url_from << "]: " << x.article.url << "\n"
                << "lang [" << x.article.lang_from << "]: " << x.article.lang << "\n"
                << "charset [" << x.article.charset_from << "]: " << x.article.charset << "\n"
                << "body [" << x.article.body_from << "]"
                << (x.not_article ? " NOT ARTICLE " + std::string(rd::describe(x.not_article->kind)) + ": " +
                                        x.not_article->reason
                                  : std::string())
                << ":\n"
                << x.article.body << "\n== gold:\n"
                << pages[i].gold << "\n";
    }
  }
  const rd::ExtractionScore score = rd::summarize_pages(counts);
  std::printf("pages %zu  P %.4f  R %.4f  F1 %.4f\n", pages.size(), score.precision, score.recall, score.f1);
  std::printf("verdicts:");
  for (const auto& [v, n] : verdicts) std::printf(" %s %d", v.c_str(), n);
  std::printf("\nspeed: %.1f pages/s, %.2f MB of HTML/s (best of %d runs, %.1f MB in %zu pages, one thread)\n",
              static_cast<double>(pages.size()) / best_s, static_cast<double>(html_bytes) / 1e6 / best_s, repeat,
              static_cast<double>(html_bytes) / 1e6, pages.size());
  std::printf("CPU time: %.3f ms per page, %.1f pages/s, %.2f MB of HTML/s (best of %d runs)\n",
              1000 * best_cpu_s / static_cast<double>(pages.size()), static_cast<double>(pages.size()) / best_cpu_s,
              static_cast<double>(html_bytes) / 1e6 / best_cpu_s, repeat);
  if (phases) {
    std::vector<std::string> htmls, urls;
    for (const Page& page : pages) {
      htmls.push_back(page.html);
      urls.push_back(page.url);
    }
    print_phases(htmls, urls, repeat);
  }
  std::vector<std::size_t> order(pages.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto page_f1 = [&counts](std::size_t i) {
    const auto& c = counts[i];
    const double p = c.tp + c.fp > 0 ? static_cast<double>(c.tp) / static_cast<double>(c.tp + c.fp) : 0.0;
    const double r = c.tp + c.fn > 0 ? static_cast<double>(c.tp) / static_cast<double>(c.tp + c.fn) : 0.0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return page_f1(a) < page_f1(b); });
  if (worst > 0) std::printf("worst pages (F1 P R id url):\n");
  for (std::size_t k = 0; k < std::min(worst, order.size()); ++k) {
    const std::size_t i = order[k];
    const auto& c = counts[i];
    std::printf("  %.3f %.3f %.3f %s %s%s%s\n", page_f1(i),
                c.tp + c.fp > 0 ? static_cast<double>(c.tp) / static_cast<double>(c.tp + c.fp) : 0.0,
                c.tp + c.fn > 0 ? static_cast<double>(c.tp) / static_cast<double>(c.tp + c.fn) : 0.0,
                pages[i].id.substr(0, 8).c_str(), pages[i].url.c_str(),
                results[i].not_article ? (" [" + std::string(rd::describe(results[i].not_article->kind)) + ": " +
                                          results[i].not_article->reason + "]")
                                             .c_str()
                                       : "",
                errors[i].empty() ? "" : (" [error: " + errors[i] + "]").c_str());
  }
  return 0;
}
