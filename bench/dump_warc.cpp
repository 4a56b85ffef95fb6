// dump_warc: every record of WARC files, with its verdict, as JSON Lines; for
// the HTML pages, what the extractor makes of them. Reads .warc, .warc.gz (one
// member per record or one stream) and WARCs inside archives (a .tar of
// .warc.gz files) through the indexer's ArchiveReader and WarcReader, as the
// indexer will. Other entries of an archive are read through and listed, so
// the tool also measures how fast containers are read.
//
// Usage: newsdex-dump-warc [--no-extract] [--summary-only] PATH...
//   --no-extract    do not run the HTML extractor (measures reading alone)
//   --summary-only  print only the summary line of each input
// Output, one JSON object per line:
//   {"type":"record","origin":"f.warc.gz:record 3","warc_type":"response",
//    "verdict":"html"|"skip"|"error","reason":"not HTML","detail":"image/png",
//    "target_uri":..., "record_id":..., "warnings":[...]}
//   an HTML record adds "capture_date", "http_status", "charset", "bytes" and,
//   unless --no-extract, "article" (true/false), "not_article" ("listing"...),
//   "not_article_reason" (what the extractor saw),
//   "title", "url", "date", "date_from", "decoded_from" (charset and where it
//   came from), "extraction_error";
//   {"type":"entry","origin":"a.tar.gz:b.html","bytes":N} for an entry that
//   is no WARC, {"type":"entry_error","origin":...,"detail":...} for damage;
//   {"type":"summary","input":PATH,"entries":N,"records":N,"html":N,
//    "articles":N,"errors":N,"skipped":{"request":N,...},"input_bytes":N,
//    "entry_bytes":N,"warc_bytes":N,"seconds":S,"mb_per_s":X,"peak_rss_kib":N}
//   (entry_bytes: decompressed bytes of all entries, WARCs included;
//   mb_per_s: entry_bytes per second of this thread's CPU time; peak RSS: the
//   whole process so far).
// Exit status: 0 ok, 1 some record or entry was damaged, 2 bad usage or an
// input that cannot be opened.
#include <sys/resource.h>

#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "indexer/readers/archive_reader.h"
#include "indexer/readers/warc_article.h"
#include "indexer/readers/warc_reader.h"

namespace {

using namespace newsdex::readers;
using json = nlohmann::ordered_json;  // keys in the order written

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Counts the decompressed WARC bytes read.
class CountingStream : public newsdex::index::InputStream {
 public:
  CountingStream(std::unique_ptr<InputStream> inner, std::uint64_t* count) : inner_(std::move(inner)), count_(count) {}
  std::size_t read(std::span<char> buffer) override {
    std::size_t n = inner_->read(buffer);
    *count_ += n;
    return n;
  }
  std::uint64_t bytes_consumed() const override { return inner_->bytes_consumed(); }

 private:
  std::unique_ptr<InputStream> inner_;
  std::uint64_t* count_;
};

bool is_warc(const ArchiveEntry& entry) {
  const std::string& name = entry.name;
  return entry.head.starts_with("WARC/") || name.ends_with(".warc") || name.ends_with(".WARC");
}

struct Totals {
  std::uint64_t entries = 0, records = 0, html = 0, articles = 0, errors = 0, entry_bytes = 0, warc_bytes = 0;
  std::map<std::string, std::uint64_t> skipped;
};

void dump_warc(ArchiveReader& archive, const ArchiveEntry& entry, bool extract, bool print, Totals& totals) {
  WarcReader reader(std::make_unique<CountingStream>(archive.entry_stream(), &totals.warc_bytes), entry.origin);
  while (std::optional<WarcRecord> record = reader.next()) {
    json line = {{"type", "record"}, {"origin", record->origin}, {"warc_type", record->type}};
    if (record->error) {
      line["verdict"] = "error";
      line["detail"] = record->detail;
    } else if (record->skip) {
      line["verdict"] = "skip";
      line["reason"] = describe(*record->skip);
      if (!record->detail.empty()) line["detail"] = record->detail;
    } else {
      line["verdict"] = "html";
    }
    line["target_uri"] = record->target_uri;
    line["record_id"] = record->record_id;
    if (!record->warnings.empty()) line["warnings"] = record->warnings;
    if (record->html) {
      const WarcPayload& page = *record->html;
      line["capture_date"] = page.capture_date;
      line["http_status"] = page.http_status;
      line["charset"] = page.charset;
      line["bytes"] = page.body.size();
      if (extract) {
        try {
          HtmlExtraction x = extract_warc_payload(page);
          line["article"] = !x.not_article.has_value();
          if (x.not_article) {
            line["not_article"] = describe(x.not_article->kind);
            line["not_article_reason"] = x.not_article->reason;
          }
          line["title"] = x.article.title;
          line["url"] = x.article.url;
          line["date"] = x.article.date;
          line["date_from"] = x.article.date_from;
          line["decoded_from"] = x.article.charset + " (" + x.article.charset_from + ")";
          if (!x.not_article) ++totals.articles;
        } catch (const newsdex::Error& e) {
          line["extraction_error"] = e.what();
        }
      }
    }
    if (print) std::cout << line.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }
  const WarcCounts& counts = reader.counts();
  totals.records += counts.records;
  totals.html += counts.html;
  totals.errors += counts.errors;
  for (std::size_t i = 0; i < kWarcSkipReasons; ++i) {
    if (counts.skipped[i] != 0)
      totals.skipped[std::string(describe(static_cast<WarcSkipReason>(i)))] += counts.skipped[i];
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool extract = true;
  bool print = true;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--no-extract") {
      extract = false;
    } else if (arg == "--summary-only") {
      print = false;
    } else if (arg.starts_with("--")) {
      std::cerr << "usage: newsdex-dump-warc [--no-extract] [--summary-only] PATH...\n";
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: newsdex-dump-warc [--no-extract] [--summary-only] PATH...\n";
    return 2;
  }
  int status = 0;
  for (const std::string& path : paths) {
    std::unique_ptr<ArchiveReader> archive;
    try {
      archive = ArchiveReader::open_file(path);
    } catch (const newsdex::Error& e) {
      std::cerr << "newsdex-dump-warc: " << e.what() << '\n';
      return 2;
    }
    Totals totals;
    double start = thread_cpu_seconds();
    while (std::optional<ArchiveEntry> entry = archive->next()) {
      ++totals.entries;
      if (entry->error) {
        ++totals.errors;
        std::cout << json{{"type", "entry_error"}, {"origin", entry->origin}, {"detail", *entry->error}}.dump(
                         -1, ' ', false, json::error_handler_t::replace)
                  << '\n';
        continue;
      }
      if (is_warc(*entry)) {
        dump_warc(*archive, *entry, extract, print, totals);
        continue;
      }
      std::vector<char> buffer(1 << 16);
      std::uint64_t bytes = 0;
      for (;;) {
        try {
          std::size_t n = archive->read(buffer);
          if (n == 0) break;
          bytes += n;
        } catch (const ArchiveError& e) {
          ++totals.errors;
          std::cout << json{{"type", "entry_error"}, {"origin", e.origin()}, {"detail", e.detail()}}.dump(
                           -1, ' ', false, json::error_handler_t::replace)
                    << '\n';
        }
      }
      totals.entry_bytes += bytes;
      if (print) {
        std::cout << json{{"type", "entry"}, {"origin", entry->origin}, {"bytes", bytes}}.dump(
                         -1, ' ', false, json::error_handler_t::replace)
                  << '\n';
      }
    }
    totals.entry_bytes += totals.warc_bytes;
    double seconds = thread_cpu_seconds() - start;
    json summary = {{"type", "summary"},
                    {"input", path},
                    {"entries", totals.entries},
                    {"records", totals.records},
                    {"html", totals.html},
                    {"articles", totals.articles},
                    {"errors", totals.errors},
                    {"skipped", totals.skipped},
                    {"input_bytes", archive->bytes_consumed()},
                    {"entry_bytes", totals.entry_bytes},
                    {"warc_bytes", totals.warc_bytes},
                    {"seconds", seconds},
                    {"mb_per_s", seconds > 0 ? static_cast<double>(totals.entry_bytes) / 1e6 / seconds : 0.0},
                    {"peak_rss_kib", peak_rss_kib()}};
    if (!extract) summary.erase("articles");
    std::cout << summary.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    if (totals.errors != 0) status = 1;
  }
  return status;
}
