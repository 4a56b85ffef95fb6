// dump_feed: the records the feed readers (indexer/readers/feed_reader.h) find
// in NITF, NewsML-G2, NewsML 1, RSS and Atom files, as JSON Lines on stdout,
// for eyeballing; problems and a one-line summary per file on stderr.
// Usage: newsdex-dump-feed [--sniff] [--body-chars N] FILE...
//   --sniff         print only the format sniffed from each file's first 4 KiB
//   --body-chars N  cut bodies to N bytes in the output (default 0: whole)
// Exit status: 0, or 2 when a file could not be read or was refused.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "indexer/readers/feed_reader.h"

namespace {

using nlohmann::json;
namespace rd = newsdex::readers;

constexpr std::size_t kSniffBytes = 4096;

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

// The string cut to at most `max` bytes on a UTF-8 character boundary.
std::string cut(const std::string& s, std::size_t max) {
  if (max == 0 || s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

json record_json(const std::string& file, const rd::FeedRecord& r, std::size_t body_chars) {
  json j = {{"file", file}, {"number", r.number}, {"where", r.where}, {"line", r.line}};
  if (!r.article) {
    j["skipped"] = r.skip_reason;
    return j;
  }
  const rd::FeedArticle& a = *r.article;
  j["id"] = a.id;
  j["title"] = a.title;
  j["date"] = a.date;
  j["published_unix_s"] = a.published_unix_s ? json(*a.published_unix_s) : json(nullptr);
  j["author"] = a.author;
  j["source"] = a.source;
  j["url"] = a.url;
  j["lang"] = a.lang;
  j["body"] = cut(a.body, body_chars);
  j["from"] = {{"id", a.id_from},         {"title", a.title_from},   {"body", a.body_from}, {"date", a.date_from},
               {"author", a.author_from}, {"source", a.source_from}, {"url", a.url_from},   {"lang", a.lang_from}};
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  bool sniff_only = false;
  std::size_t body_chars = 0;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--sniff") {
      sniff_only = true;
    } else if (arg == "--body-chars" && i + 1 < argc) {
      body_chars = static_cast<std::size_t>(std::stoul(argv[++i]));
    } else if (arg == "-h" || arg == "--help") {
      std::cout << "usage: newsdex-dump-feed [--sniff] [--body-chars N] FILE...\n";
      return 0;
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    std::cerr << "usage: newsdex-dump-feed [--sniff] [--body-chars N] FILE...\n";
    return 2;
  }
  int status = 0;
  for (const std::string& file : files) {
    std::string bytes;
    if (!read_file(file, bytes)) {
      std::cerr << file << ": cannot read\n";
      status = 2;
      continue;
    }
    if (sniff_only) {
      std::cout << file << "\t"
                << rd::describe(rd::sniff_feed_format(std::string_view(bytes).substr(0, kSniffBytes), file)) << "\n";
      continue;
    }
    try {
      const rd::FeedDocument doc = rd::read_feed(bytes, file);
      std::size_t articles = 0;
      for (const rd::FeedRecord& r : doc.records) {
        std::cout << record_json(file, r, body_chars).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
        if (r.article) {
          ++articles;
        } else {
          std::cerr << rd::record_message(file, r) << "\n";
        }
      }
      for (const std::string& p : doc.problems) std::cerr << p << "\n";
      std::cerr << file << ": " << rd::describe(doc.format) << ", " << doc.charset << " (" << doc.charset_from << "), "
                << doc.records.size() << " records, " << articles << " articles" << (doc.complete ? "" : ", incomplete")
                << "\n";
    } catch (const newsdex::Error& e) {
      std::cerr << e.what() << "\n";
      status = 2;
    }
  }
  return status;
}
