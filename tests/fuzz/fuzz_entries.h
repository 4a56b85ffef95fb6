// The entry functions of the fuzz targets: each takes one input's bytes, runs
// them through newsdex the way the tools do, and checks what the contracts
// promise where that is cheap. The libFuzzer targets (fuzz_NAME.cpp, built
// with NEWSDEX_FUZZ=ON by scripts/fuzz.sh) call them, and unit_tests runs them
// on every file of tests/fuzz/regressions/ and tests/fuzz/seeds/
// (regressions_test.cpp), so a crash once found and fixed stays fixed.
//
// A broken contract throws InvariantViolation. Anything an entry function
// lets escape is a finding: under libFuzzer the uncaught exception aborts
// (a crash, with the message), under doctest the test case fails. Expected
// refusals (newsdex::Error from a decoder, QuerySyntaxError) are caught here.
//
// Input layouts (fuzz.sh's seed maker writes the same):
//   json_record    a JSON Lines file: every non-blank line one record; then
//                  the same bytes as a JSON document (json_values.h)
//   text_article   a plain-text article file
//   dates          a date as found in data (also read as a --since/date: value)
//   query          a query as typed after newsdex-search
//   analyzer       byte 0 picks the language (kLanguages), the rest is the text
//   snippet        byte 0 picks the language (low 3 bits) and the snippet
//                  length (kSnippetChars, bits 3-5); then the query, '\n', the body
//   entities       a plain-text article (title line, body), extracted and built
//   stored_fields  byte 0 bit 0: 0 = the rest is document data (a zstd frame),
//                  1 = the rest is the payload inside the frame (compressed here)
//   facet_columns  byte 0 bit 0: 1 = the identity fields of the header are set
//                  to the tiny database's, so the rest of the file gets parsed;
//                  (byte 0 >> 1) % 5 the timeline granularity, bit 4 its best
//                  headlines; the rest is the file
//   html           byte 0: bits 0-2 the HTTP charset hint (kCharsetHints),
//                  bits 3-4 the page URL hint (kUrlHints); the rest is the page;
//                  also parsed as it is, with and without script text cut
//   feed           byte 0: bits 0-2 the file name (kFeedNames, for sniffing);
//                  the rest is the XML document
//   warc           byte 0: bit 3 set = the rest is one HTTP response (head and
//                  body: parse_http_response, media type, decode_http_body);
//                  else the rest is a WARC file (uncompressed) read by a
//                  WarcReader: bits 0-1 the stream's read size (kChunks),
//                  bit 2 small record limits (kSmallWarcOptions), bits 4-6 the
//                  injected damage (fault_offset), bit 7 each HTML payload
//                  also extracted (extract_warc_payload)
//   archive        byte 0: bits 0-1 the stream's read size (kChunks), bits 2-3
//                  the limits (kArchiveLimits: all small, so bombs stay
//                  cheap), bit 4 entries read with read_all instead of read,
//                  bits 5-7 the injected damage (fault_offset); the rest is
//                  the input (any container, or none)
//
// Injected damage (warc, archive): the input stream throws DamagedInputError
// once, when it reaches the offset, then skips a few bytes and goes on, as a
// damaged gzip member does.
//   csv            byte 0 bits 0-2 the delimiter option (0, 5-7 sniffed, 1 ',',
//                  2 ';', 3 tab, 4 '|'), bits 3-4 max_field_bytes (16 MiB, 64,
//                  1000, 5), bit 5 max_columns 4 instead of 1024; the rest is
//                  a CSV/TSV file
//
// Shared state: the databases are made once per process, in a temporary
// directory removed at exit. Thread safety: one thread.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/analysis/analyzer.h"
#include "common/article.h"
#include "common/compression/stored_fields.h"
#include "common/database.h"
#include "common/dates.h"
#include "common/entities/entities.h"
#include "common/error.h"
#include "common/facet_columns.h"
#include "common/schema.h"
#include "indexer/corpus_reader.h"
#include "indexer/document_builder.h"
#include "indexer/indexer.h"
#include "indexer/input_stream.h"
#include "indexer/json_values.h"
#include "indexer/line_reader.h"
#include "indexer/readers/archive_reader.h"
#include "indexer/readers/csv_reader.h"
#include "indexer/readers/feed_reader.h"
#include "indexer/readers/feed_text.h"
#include "indexer/readers/html_dom.h"
#include "indexer/readers/html_extractor.h"
#include "indexer/readers/http_response.h"
#include "indexer/readers/warc_article.h"
#include "indexer/readers/warc_reader.h"
#include "searcher/date_range.h"
#include "searcher/matcher.h"
#include "searcher/printers/json_printer.h"
#include "searcher/printers/terminal_printer.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"
#include "searcher/search.h"
#include "searcher/snippet_generator.h"
#include "tests/indexer/test_support.h"

namespace newsdex::fuzz {

// A contract the fuzzed code broke. Not a newsdex::Error, so that no handler
// for expected refusals swallows it.
class InvariantViolation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] inline void fail(const std::string& what, const char* file, int line) {
  throw InvariantViolation(std::string(file) + ":" + std::to_string(line) + ": broken: " + what);
}

#define NEWSDEX_FUZZ_CHECK(condition)                                        \
  do {                                                                       \
    if (!(condition)) ::newsdex::fuzz::fail(#condition, __FILE__, __LINE__); \
  } while (false)

// The targets, by name (the NAME of fuzz_NAME.cpp and regressions/NAME/).
inline constexpr std::array<std::string_view, 14> kTargets = {
    "json_record",   "text_article",  "dates", "query", "analyzer", "snippet", "entities",
    "stored_fields", "facet_columns", "html",  "feed",  "warc",     "archive", "csv"};

// Languages an input byte chooses from: stemmed ones, unsegmented scripts,
// one without a stemmer and one unknown.
inline constexpr std::array<std::string_view, 8> kLanguages = {"en", "de", "fr", "ru", "ar", "zh", "tr", "xx"};

// Snippet lengths an input byte chooses from: the default and the bounds of
// --snippet-chars (40..10000), and lengths in between.
inline constexpr std::array<std::size_t, 8> kSnippetChars = {240, 40, 41, 60, 100, 300, 1000, 10000};

namespace detail {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
}

inline bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u; }

// Whether `offset` is where a UTF-8 sequence starts (or the end) of valid `text`.
inline bool on_boundary(std::string_view text, std::size_t offset) {
  return offset == text.size() || (offset < text.size() && !is_continuation_byte(text[offset]));
}

inline std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation_byte(c); }));
}

inline bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

inline std::string xapian_failure(const Xapian::Error& e) { return "Xapian::Error escaped: " + e.get_description(); }

// An in-memory InputStream handing out at most `chunk` bytes a read, so that
// records straddle the LineReader's buffer fills.
class MemoryStream : public index::InputStream {
 public:
  MemoryStream(std::string_view bytes, std::size_t chunk) : bytes_(bytes), chunk_(chunk) {}
  std::size_t read(std::span<char> buffer) override {
    const std::size_t n = std::min({buffer.size(), chunk_, bytes_.size() - at_});
    std::copy_n(bytes_.data() + at_, n, buffer.data());
    at_ += n;
    return n;
  }
  std::uint64_t bytes_consumed() const override { return at_; }

 private:
  std::string_view bytes_;
  std::size_t chunk_;
  std::size_t at_ = 0;
};

inline index::LineReader line_reader(std::string_view bytes) {
  // 61 bytes a read: odd, so a "\r\n" or a UTF-8 sequence is now and then cut
  // between two reads.
  return index::LineReader(std::make_unique<MemoryStream>(bytes, 61));
}

// The scratch directory of this process (databases), removed at exit.
inline const std::filesystem::path& scratch_dir() {
  static const index::testing::TempDir dir;
  return dir.path();
}

// A database indexed by the real indexer (entities, dates, facet columns),
// opened for searching, with one Matcher kept over it.
struct Database {
  std::string path;
  Xapian::Database db;
  std::vector<std::string> languages;
};

inline Database open_indexed(const std::string& path) {
  Database d{path, Xapian::Database(path), {}};
  d.languages = database_languages(d.db);
  return d;
}

// sample_corpus/ (47 articles), indexed once per process.
inline const Database& sample_database() {
  static const Database db = [] {
    const std::string path = (scratch_dir() / "sample-db").string();
    const index::IndexSummary summary = index::testing::index_sample_corpus(path);
    if (summary.added < 40) throw std::runtime_error("fuzz: indexing sample_corpus/ failed");
    return open_indexed(path);
  }();
  return db;
}

// Three short articles written for this file (dates, outlets, quoted people,
// countries), so the facet columns file has every group and stays small.
inline constexpr std::string_view kTinyCorpus =
    R"({"id":"t1","title":"Harbor council backs ferry plan","body":"OSLO (Kestrel Wire) - Mayor Ingrid )"
    R"(Halvorsen said on Monday that Norway would fund the new ferry. \"We start in May,\" Halvorsen said.",)"
    R"("date":"2016-02-08T10:00:00Z","source":"Kestrel Wire","author":"Ana Ruiz"})"
    "\n"
    R"({"id":"t2","title":"Ferry plan wins support in Sweden","body":"Swedish minister Lars Berglund told )"
    R"(reporters in Stockholm that the United Nations would observe the talks. \"It is a good day,\" Berglund )"
    R"(said.","date":"2016-03-01","source":"Granite Herald"})"
    "\n"
    R"({"id":"t3","title":"Undated note","body":"A short note without a date, a person or a place.",)"
    R"("source":"Kestrel Wire"})"
    "\n";
inline const Database& tiny_database() {
  static const Database db = [] {
    const std::filesystem::path dir = scratch_dir() / "tiny";
    std::filesystem::create_directories(dir);
    const std::string corpus = (dir / "tiny.jsonl").string();
    std::ofstream(corpus, std::ios::binary) << kTinyCorpus;
    std::ostringstream diagnostics;
    index::IndexerOptions options;
    options.paths = {corpus};
    options.db_path = (dir / "db").string();
    options.quiet = true;
    options.threads = 1;
    if (index::run(options, diagnostics).added != 3) throw std::runtime_error("fuzz: indexing the tiny corpus failed");
    return open_indexed(options.db_path);
  }();
  return db;
}

// The Snippet contract (results.h, snippet_generator.h): valid UTF-8, white
// space collapsed, highlights sorted, non-empty, not overlapping, inside the
// text and on UTF-8 boundaries; no longer than max_chars code points but for
// a single match longer than that, which is shown whole.
inline void check_snippet(const search::Snippet& s, std::size_t max_chars) {
  NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(s.text));
  NEWSDEX_FUZZ_CHECK(std::none_of(s.text.begin(), s.text.end(), [](char c) { return is_ascii_space(c) && c != ' '; }));
  NEWSDEX_FUZZ_CHECK(s.text.find("  ") == std::string::npos);
  std::uint32_t previous_end = 0;
  std::size_t longest = 0;
  for (const search::Highlight& h : s.highlights) {
    NEWSDEX_FUZZ_CHECK(h.start < h.end);
    NEWSDEX_FUZZ_CHECK(h.end <= s.text.size());
    NEWSDEX_FUZZ_CHECK(h.start >= previous_end);
    NEWSDEX_FUZZ_CHECK(on_boundary(s.text, h.start));
    NEWSDEX_FUZZ_CHECK(on_boundary(s.text, h.end));
    longest = std::max(longest, code_points(std::string_view(s.text).substr(h.start, h.end - h.start)));
    previous_end = h.end;
  }
  if (max_chars > 0) {
    // "…" on either side of an over-long single match.
    NEWSDEX_FUZZ_CHECK(code_points(s.text) <= std::max(max_chars, longest + 2));
  }
}

inline void check_search_results(const search::SearchResults& results, const search::MatchOptions& options) {
  NEWSDEX_FUZZ_CHECK(results.matches.size() <= options.limit);
  bool partial_seen = false;
  for (const search::Match& m : results.matches) {
    // Complete matches come before partial ones.
    NEWSDEX_FUZZ_CHECK(!(partial_seen && m.matched_all));
    partial_seen = partial_seen || !m.matched_all;
    check_snippet(m.snippet, options.snippet_chars);
    check_snippet(m.title_highlighted, 0);
  }
  // The printers take any results.
  std::ostringstream out;
  search::JsonPrinter().print(results, out);
  search::TerminalPrinter(search::TerminalStyle{.color = true, .width = 60}).print(results, out);
}

inline std::int64_t unix_now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// dates::parse_date's promise: from 1800 to two days from now.
inline bool plausible_date(std::int64_t unix_s) {
  constexpr std::int64_t kEarliest = -5'364'662'400;  // 1800-01-01T00:00:00Z
  return unix_s >= kEarliest && unix_s <= unix_now() + std::int64_t{2} * 86'400 + 60;
}

inline void check_article_fields(const Article& a) {
  for (const std::string* field : {&a.id, &a.title, &a.body, &a.source, &a.url, &a.author, &a.lang}) {
    NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(*field));
  }
}

inline bool same_article(const Article& a, const Article& b) {
  return a.id == b.id && a.title == b.title && a.body == b.body && a.published_unix_s == b.published_unix_s &&
         a.source == b.source && a.url == b.url && a.author == b.author && a.lang == b.lang &&
         a.entities_json == b.entities_json;
}

// What the indexer promises of an entry it hands on: a skip with a reason of
// a record, or an article with an id, some text and a language.
inline void check_entry(const index::CorpusEntry& entry) {
  for (const std::string& w : entry.warnings) NEWSDEX_FUZZ_CHECK(!w.empty());
  if (entry.skip) {
    const index::SkipReason r = entry.skip->reason;
    NEWSDEX_FUZZ_CHECK(r == index::SkipReason::kMalformedJson || r == index::SkipReason::kNotAnObject ||
                       r == index::SkipReason::kInvalidUtf8 || r == index::SkipReason::kBinaryData ||
                       r == index::SkipReason::kNoText || r == index::SkipReason::kIdTooLong);
    if (r != index::SkipReason::kNoText) NEWSDEX_FUZZ_CHECK(!entry.skip->detail.empty());
    return;
  }
  const Article& a = entry.article;
  check_article_fields(a);
  NEWSDEX_FUZZ_CHECK(!a.id.empty());
  NEWSDEX_FUZZ_CHECK(a.id.size() + schema::kPrefixId.size() <= 245);
  NEWSDEX_FUZZ_CHECK(!a.title.empty() || !a.body.empty());
  NEWSDEX_FUZZ_CHECK(!a.lang.empty());
  if (a.published_unix_s) NEWSDEX_FUZZ_CHECK(plausible_date(*a.published_unix_s));
  // The indexer stores what it read: the stored form gives it back.
  NEWSDEX_FUZZ_CHECK(same_article(compression::decode_article(compression::encode_article(a)), a));
}

inline analysis::Analyzer& analyzer_for(std::string_view lang) {
  static std::map<std::string, analysis::Analyzer, std::less<>> analyzers;
  auto it = analyzers.find(lang);
  if (it == analyzers.end()) it = analyzers.emplace(std::string(lang), analysis::Analyzer(lang)).first;
  return it->second;
}

}  // namespace detail

// ---- json_record: indexer/corpus_reader parse_json_line, on the lines a
// LineReader cuts, as CorpusReader::next does.
inline void json_record(const std::uint8_t* data, std::size_t size) {
  // The default keys (paths of two keys among them) and a deeper path.
  static const index::CorpusReaderOptions options{.field_keys =
                                                      index::FieldKeys({{index::Field::kBody, "story.body.text"}})};
  index::LineReader reader = detail::line_reader(detail::as_text(data, size));
  while (std::optional<index::Line> next = reader.next_line()) {
    if (next->oversize) continue;  // reported by CorpusReader as too long, never parsed
    const std::string_view* line = &next->text;
    NEWSDEX_FUZZ_CHECK(line->find('\n') == std::string_view::npos);
    if (std::all_of(line->begin(), line->end(), detail::is_ascii_space)) continue;
    const std::string origin = "fuzz.jsonl:" + std::to_string(reader.line_number());
    const index::CorpusEntry entry = index::parse_json_line(*line, origin, options);
    NEWSDEX_FUZZ_CHECK(entry.origin == origin);
    detail::check_entry(entry);
  }
  // The same bytes as a JSON document (a .json array or indented objects):
  // each record found by JsonValueReader, parsed as a line is. A small
  // limit, so that records past it come up too.
  const std::string_view bytes = detail::as_text(data, size);
  constexpr std::size_t kMaxRecordBytes = 4096;
  index::JsonValueReader values(std::make_unique<detail::MemoryStream>(bytes, 61), kMaxRecordBytes);
  const auto lines = static_cast<std::uint64_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1;
  std::uint64_t last_line = 1;
  while (std::optional<index::JsonValue> value = values.next()) {
    NEWSDEX_FUZZ_CHECK(value->line >= last_line && value->line <= lines);
    last_line = value->line;
    if (value->oversize) {
      NEWSDEX_FUZZ_CHECK(value->text.empty());
      continue;
    }
    NEWSDEX_FUZZ_CHECK(!value->text.empty() && value->text.size() <= kMaxRecordBytes);
    NEWSDEX_FUZZ_CHECK(std::string_view(" \t\n\r").find(value->text.front()) == std::string_view::npos);
    NEWSDEX_FUZZ_CHECK(bytes.find(value->text) != std::string_view::npos);  // as written
    const std::string origin = "fuzz.json:" + std::to_string(value->line);
    const index::CorpusEntry entry = index::parse_json_line(value->text, origin, options);
    detail::check_entry(entry);
  }
}

// ---- text_article: parse_text_article on LineReader::read_rest, as
// CorpusReader::next does for a .txt file.
inline void text_article(const std::uint8_t* data, std::size_t size) {
  static const index::CorpusReaderOptions options;
  index::LineReader reader = detail::line_reader(detail::as_text(data, size));
  const std::optional<index::Line> text = reader.read_rest();
  if (!text || text->oversize) return;  // nothing to parse: CorpusReader skips or reports it
  const index::CorpusEntry entry = index::parse_text_article(text->text, "fuzz.txt", options);
  detail::check_entry(entry);
  if (entry.skip) {
    if (entry.skip->reason == index::SkipReason::kInvalidUtf8) {
      NEWSDEX_FUZZ_CHECK(entry.origin.starts_with("fuzz.txt:"));
    }
    return;
  }
  NEWSDEX_FUZZ_CHECK(entry.origin == "fuzz.txt");
  NEWSDEX_FUZZ_CHECK(!entry.article.title.empty());
  NEWSDEX_FUZZ_CHECK(entry.article.title.find('\n') == std::string::npos);
  NEWSDEX_FUZZ_CHECK(!detail::is_ascii_space(entry.article.title.front()));
  NEWSDEX_FUZZ_CHECK(!detail::is_ascii_space(entry.article.title.back()));
  NEWSDEX_FUZZ_CHECK(entry.article.lang == options.default_lang);
}

// ---- dates: common/dates parse_date (every date of the input), and the
// searcher's date filters (date:, --since, --until) on the same text.
inline void dates(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = detail::as_text(data, size);
  if (const std::optional<std::int64_t> t = dates::parse_date(text)) {
    NEWSDEX_FUZZ_CHECK(detail::plausible_date(*t));
    const std::int64_t day = *t - (((*t % 86'400) + 86'400) % 86'400);
    NEWSDEX_FUZZ_CHECK(dates::parse_date(dates::format_datetime(*t)) == *t);
    NEWSDEX_FUZZ_CHECK(dates::parse_date(dates::format_date(*t)) == day);
    const dates::CivilDate civil = dates::civil_from_unix(*t);
    NEWSDEX_FUZZ_CHECK(civil.month >= 1 && civil.month <= 12 && civil.day >= 1 && civil.day <= 31);
    NEWSDEX_FUZZ_CHECK(dates::unix_from_civil(civil.year, civil.month, civil.day) == day);
  }
  if (const std::optional<search::DateRange> r = search::parse_date_range(text)) {
    NEWSDEX_FUZZ_CHECK(r->from || r->to);
    if (r->from && r->to) NEWSDEX_FUZZ_CHECK(*r->from < *r->to);
  }
  if (const std::optional<search::DateRange> p = search::parse_date_period(text)) {
    NEWSDEX_FUZZ_CHECK(p->from && p->to && *p->from < *p->to);
  }
}

// ---- query: searcher/query_parser + query_builder, then the built query
// searched (ranking, snippets, facets, printing) on sample_corpus/.
namespace detail {

inline void check_query_tree(const search::QueryNode& node, std::size_t text_size, int depth) {
  NEWSDEX_FUZZ_CHECK(depth <= 200);
  NEWSDEX_FUZZ_CHECK(node.position <= text_size);
  switch (node.kind) {
    case search::NodeKind::kWord:
    case search::NodeKind::kWildcard:
      NEWSDEX_FUZZ_CHECK(node.terms.size() == 1);
      NEWSDEX_FUZZ_CHECK(node.children.empty());
      break;
    case search::NodeKind::kFilter:
      // date: holds {from, to}; the other filters one value.
      NEWSDEX_FUZZ_CHECK(node.terms.size() ==
                         (node.field != nullptr && node.field->kind == schema::FieldKind::kDate ? 2u : 1u));
      NEWSDEX_FUZZ_CHECK(node.children.empty());
      break;
    case search::NodeKind::kPhrase:
      NEWSDEX_FUZZ_CHECK(!node.terms.empty());
      NEWSDEX_FUZZ_CHECK(node.children.empty());
      break;
    case search::NodeKind::kNear:
      NEWSDEX_FUZZ_CHECK(node.window >= node.children.size() && node.window <= search::kMaxNearWindow);
      [[fallthrough]];
    case search::NodeKind::kGroup:
    case search::NodeKind::kOr:
      NEWSDEX_FUZZ_CHECK(!node.children.empty());
      break;
  }
  for (const std::string& term : node.terms) NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(term));
  for (const search::QueryNode& child : node.children) check_query_tree(child, text_size, depth + 1);
}

}  // namespace detail

inline void query(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = detail::as_text(data, size);
  const detail::Database& sample = detail::sample_database();
  try {
    search::QueryNode tree = search::parse_query(text, detail::analyzer_for("en"));
    NEWSDEX_FUZZ_CHECK(tree.kind == search::NodeKind::kGroup || tree.kind == search::NodeKind::kOr);
    detail::check_query_tree(tree, text.size(), 0);
  } catch (const search::QuerySyntaxError& e) {
    NEWSDEX_FUZZ_CHECK(e.position() <= text.size());
    NEWSDEX_FUZZ_CHECK(std::strlen(e.what()) > 0);
  }
  search::BuiltQuery built;
  try {
    built = search::QueryBuilder(sample.languages).build(text);
  } catch (const search::QuerySyntaxError& e) {
    NEWSDEX_FUZZ_CHECK(e.position() <= text.size());
    return;
  }
  // Options vary with the input, deterministically.
  search::MatchOptions options;
  options.limit = 3;
  options.sort = static_cast<search::SortOrder>(size % 3);
  options.collapse = size % 2 == 0;
  if (size % 5 == 0) {
    options.timeline = search::TimelineGranularity::kAuto;
    options.facets = {schema::FacetKind::kSpeaker, schema::FacetKind::kCountry, schema::FacetKind::kSource};
  }
  static search::Matcher matcher(sample.db, sample.path);
  try {
    const search::SearchResults results = matcher.search(built, options);
    detail::check_search_results(results, options);
  } catch (const Xapian::Error& e) {
    fail(detail::xapian_failure(e), __FILE__, __LINE__);
  }
  if (size % 4 != 0) return;
  // One input in four also goes through all of newsdex-search (run_search):
  // options, "did you mean", a timeline with its best headlines, printing.
  search::SearchOptions whole;
  whole.db_path = sample.path;
  whole.query = std::string(text);
  whole.limit = 2;
  whole.format = size % 8 == 0 ? search::OutputFormat::kJsonl : search::OutputFormat::kText;
  whole.color = search::ColorMode::kAlways;
  whole.snippet_chars = kSnippetChars[size % kSnippetChars.size()];
  whole.timeline = search::TimelineGranularity::kAuto;
  whole.timeline_top = true;
  whole.facets = {schema::FacetKind::kPerson, schema::FacetKind::kOrg};
  std::ostringstream out;
  std::ostringstream err;
  const int status = search::run_search(whole, out, err);
  // The query built, so the search cannot fail.
  NEWSDEX_FUZZ_CHECK(status == search::kExitHits || status == search::kExitNoHits);
  NEWSDEX_FUZZ_CHECK(err.str().empty());
  if (whole.format == search::OutputFormat::kJsonl) {
    // JSON Lines: every line one JSON object.
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);) {
      NEWSDEX_FUZZ_CHECK(nlohmann::json::parse(line, nullptr, false).is_object());
    }
  }
}

// ---- analyzer: common/analysis tokenize, sentences, fold and stem.
inline void analyzer(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  analysis::Analyzer& a = detail::analyzer_for(kLanguages[data[0] % kLanguages.size()]);
  const std::string_view text = detail::as_text(data + 1, size - 1);
  std::size_t bad = 0;
  const bool valid = analysis::is_valid_utf8(text, &bad);
  if (!valid) {
    NEWSDEX_FUZZ_CHECK(bad < text.size());
    NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(text.substr(0, bad)));
  }
  // Invalid bytes are skipped (the documented fallback): offsets still hold.
  std::uint32_t previous_end = 0;
  for (const analysis::Token& t : a.tokenize(text)) {
    NEWSDEX_FUZZ_CHECK(t.start < t.end);
    NEWSDEX_FUZZ_CHECK(t.end <= text.size());
    NEWSDEX_FUZZ_CHECK(t.start >= previous_end);
    previous_end = t.end;
    if (!valid) continue;
    NEWSDEX_FUZZ_CHECK(detail::on_boundary(text, t.start));
    NEWSDEX_FUZZ_CHECK(detail::on_boundary(text, t.end));
    NEWSDEX_FUZZ_CHECK(!t.term.empty());
    NEWSDEX_FUZZ_CHECK(t.term.size() <= schema::kMaxTermBytes);
    NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(t.term));
    // A token's term is its text folded: the query side folds the same way.
    NEWSDEX_FUZZ_CHECK(analysis::fold(text.substr(t.start, t.end - t.start)) == t.term);
    NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(a.stem(t.term)));
  }
  if (!valid) return;
  previous_end = 0;
  for (const analysis::Span& s : a.sentences(text)) {
    NEWSDEX_FUZZ_CHECK(s.start < s.end);
    NEWSDEX_FUZZ_CHECK(s.end <= text.size());
    NEWSDEX_FUZZ_CHECK(s.start >= previous_end);
    NEWSDEX_FUZZ_CHECK(detail::on_boundary(text, s.start));
    NEWSDEX_FUZZ_CHECK(detail::on_boundary(text, s.end));
    NEWSDEX_FUZZ_CHECK(!detail::is_ascii_space(text[s.start]));
    NEWSDEX_FUZZ_CHECK(!detail::is_ascii_space(text[s.end - 1]));
    previous_end = s.end;
  }
  NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(analysis::fold(text)));
}

// ---- snippet: searcher/snippet_generator on a query's highlight spec (as
// the query builder makes it) and a body.
inline void snippet(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const std::string_view lang = kLanguages[data[0] % kLanguages.size()];
  const std::size_t max_chars = kSnippetChars[(data[0] >> 3) % kSnippetChars.size()];
  std::string_view rest = detail::as_text(data + 1, size - 1);
  const std::size_t newline = rest.find('\n');
  const std::string_view query_text = rest.substr(0, newline);
  const std::string_view body = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
  // Stored articles are valid UTF-8 (the indexer refuses anything else).
  if (!analysis::is_valid_utf8(body)) return;
  search::HighlightSpec spec;
  try {
    spec = search::QueryBuilder({std::string(lang)}).build(query_text).highlight;
  } catch (const search::QuerySyntaxError&) {
    // Still highlight the query's words: the generator takes any spec.
    const std::string_view words = analysis::is_valid_utf8(query_text) ? query_text : std::string_view();
    for (const analysis::Token& t : detail::analyzer_for(lang).tokenize(words)) {
      spec.terms.push_back(search::HighlightTerm{
          .term = t.term, .stemmed = t.term.size() % 2 == 0, .prefix = t.term.size() % 3 == 0, .weight = 1.0});
    }
  }
  // The matcher weighs words by rarity; any weight >= 0 is allowed.
  for (search::HighlightTerm& t : spec.terms) t.weight = static_cast<double>(t.term.size() % 5) * 0.75;
  const search::SnippetGenerator generator(spec, max_chars);
  analysis::Analyzer& a = detail::analyzer_for(lang);
  detail::check_snippet(generator.make_snippet(body, a), max_chars);
  const search::Snippet title = generator.highlight_all(body, a);
  detail::check_snippet(title, 0);
  if (!title.text.empty()) {
    NEWSDEX_FUZZ_CHECK(title.text.front() != ' ' && title.text.back() != ' ');
  }
}

// ---- entities: common/entities on a plain-text article, then the document
// the indexer builds from it (entity terms, facet slots, stored summary).
inline void entities(const std::uint8_t* data, std::size_t size) {
  static const index::CorpusReaderOptions options;
  index::CorpusEntry entry = index::parse_text_article(detail::as_text(data, size), "fuzz.txt", options);
  if (entry.skip) return;
  const Article& article = entry.article;
  static entities::EntityExtractor extractor;
  const entities::Extraction x = extractor.extract(article);
  auto check_mention = [&](const entities::Mention& m) {
    const std::string& field = m.field == entities::Field::kTitle ? article.title : article.body;
    NEWSDEX_FUZZ_CHECK(m.start < m.end);
    NEWSDEX_FUZZ_CHECK(m.end <= field.size());
    NEWSDEX_FUZZ_CHECK(detail::on_boundary(field, m.start));
    NEWSDEX_FUZZ_CHECK(detail::on_boundary(field, m.end));
  };
  auto check_entities = [&](const std::vector<entities::Entity>& list, entities::EntityType type) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const entities::Entity& e = list[i];
      NEWSDEX_FUZZ_CHECK(e.type == type);
      NEWSDEX_FUZZ_CHECK(!e.name.empty());
      NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(e.name));
      NEWSDEX_FUZZ_CHECK(std::isfinite(e.salience));
      if (i > 0) NEWSDEX_FUZZ_CHECK(list[i - 1].salience >= e.salience);
      if (type == entities::EntityType::kCountry) {
        NEWSDEX_FUZZ_CHECK(e.code.size() == 2 &&
                           std::all_of(e.code.begin(), e.code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
      }
      for (const entities::Mention& m : e.mentions) check_mention(m);
    }
  };
  check_entities(x.persons, entities::EntityType::kPerson);
  check_entities(x.organizations, entities::EntityType::kOrganization);
  check_entities(x.countries, entities::EntityType::kCountry);
  auto is_person = [&](const std::string& name) {
    return std::any_of(x.persons.begin(), x.persons.end(), [&](const entities::Entity& p) { return p.name == name; });
  };
  for (const entities::Quote& q : x.quotes) {
    check_mention(q.text);
    NEWSDEX_FUZZ_CHECK(q.speaker.empty() || is_person(q.speaker));
  }
  for (const std::string& speaker : x.speakers) {
    NEWSDEX_FUZZ_CHECK(is_person(speaker));
    NEWSDEX_FUZZ_CHECK(std::count(x.speakers.begin(), x.speakers.end(), speaker) == 1);
  }
  // The document the indexer writes: its stored article holds the text and
  // a summary the searcher can read.
  static index::DocumentBuilder builder(true);
  const Xapian::Document doc = builder.build(article);
  const Article stored = compression::decode_article(doc.get_data());
  NEWSDEX_FUZZ_CHECK(stored.title == article.title && stored.body == article.body);
  NEWSDEX_FUZZ_CHECK(nlohmann::json::parse(stored.entities_json, nullptr, false).is_object());
}

// ---- stored_fields: common/compression decode_article on document data,
// directly and as the searcher reads a hit.
inline void stored_fields(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  std::string document_data(detail::as_text(data + 1, size - 1));
  if ((data[0] & 1) != 0) document_data = compression::zstd_compress(document_data);
  try {
    const Article a = compression::decode_article(document_data);
    NEWSDEX_FUZZ_CHECK(detail::same_article(compression::decode_article(compression::encode_article(a)), a));
  } catch (const Error&) {
    // Corrupt data: refused with newsdex::Error, as promised.
  }
  // A hit whose document holds this data: searching either shows it or fails
  // with newsdex::Error, or with the DatabaseCorruptError the matcher turns an
  // undecodable stored article into ("document N: ..."), which the tool
  // reports as a damaged database (exit 2).
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  doc.add_posting("harbor", 1);
  doc.set_data(document_data);
  db.add_document(doc);
  search::MatchOptions options;
  options.limit = 1;
  try {
    search::Matcher matcher(db);
    const search::BuiltQuery built = search::QueryBuilder({"en"}).build("harbor");
    detail::check_search_results(matcher.search(built, options), options);
  } catch (const Error&) {
  } catch (const Xapian::DatabaseCorruptError& e) {
    if (!e.get_msg().starts_with("document 1: ")) fail(detail::xapian_failure(e), __FILE__, __LINE__);
  } catch (const Xapian::Error& e) {
    fail(detail::xapian_failure(e), __FILE__, __LINE__);
  }
}

// ---- facet_columns: common/facet_columns open() on the bytes as the
// DB/newsdex-facets of a tiny database, then a search counting a timeline
// and every facet from them. A damaged file is never an error: it is
// refused, or the search works.
namespace detail {

// Where the header of common/facet_columns.cpp keeps the database identity
// (revision u64 at 16, doccount u64 at 24, last_docid u32 at 32, uuid_len
// u32 at 36, uuid at 40, 64 bytes); facet_columns_seed() checks it.
inline constexpr std::size_t kIdentityEnd = 104;

inline void set_identity(std::string& file, const Xapian::Database& db) {
  if (file.size() < kIdentityEnd) return;
  auto put = [&](std::size_t at, auto value) { std::memcpy(file.data() + at, &value, sizeof value); };
  const std::string uuid = db.get_uuid();
  put(16, static_cast<std::uint64_t>(db.get_revision()));
  put(24, static_cast<std::uint64_t>(db.get_doccount()));
  put(32, static_cast<std::uint32_t>(db.get_lastdocid()));
  put(36, static_cast<std::uint32_t>(uuid.size()));
  std::memcpy(file.data() + 40, uuid.data(), std::min<std::size_t>(uuid.size(), 64));
}

}  // namespace detail

// The facet columns file the indexer wrote for the tiny database, as an
// input (identity bit set). fuzz.sh writes it as a seed.
inline std::string facet_columns_seed() {
  const detail::Database& tiny = detail::tiny_database();
  std::ifstream in(FacetColumns::path_for(tiny.path), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string file = bytes.str();
  std::string patched = file;
  detail::set_identity(patched, tiny.db);
  if (file.size() < detail::kIdentityEnd || patched != file) {
    throw std::runtime_error("fuzz: the facet columns header moved; update detail::set_identity");
  }
  return "\x01" + file;
}

inline void facet_columns(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const detail::Database& tiny = detail::tiny_database();
  std::string file(detail::as_text(data + 1, size - 1));
  if ((data[0] & 1) != 0) detail::set_identity(file, tiny.db);
  const std::string path = FacetColumns::path_for(tiny.path);
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(file.data(), static_cast<std::streamsize>(file.size()));
  if (std::unique_ptr<FacetColumns> columns = FacetColumns::open(tiny.path, tiny.db)) {
    NEWSDEX_FUZZ_CHECK(columns->last_docid() == tiny.db.get_lastdocid());
    for (std::size_t g = 0; g < FacetColumns::groups().size(); ++g) {
      for (std::size_t r = 0; r < FacetColumns::groups()[g].slots.size(); ++r) {
        const std::uint32_t* ids = columns->ids(g, r);
        for (Xapian::docid did = 0; did <= columns->last_docid(); ++did) {
          NEWSDEX_FUZZ_CHECK(columns->value(g, ids[did]).size() <= file.size());
        }
      }
      for (std::uint32_t id = 0; id <= columns->table_size(g); ++id) {
        NEWSDEX_FUZZ_CHECK(columns->value(g, id).size() <= file.size());
      }
    }
  }
  // Every article, counted by day and facet, as `newsdex-search --timeline
  // --facets ...` with only --since does.
  search::MatchOptions options;
  options.limit = 1;
  options.timeline = static_cast<search::TimelineGranularity>(1 + (data[0] >> 1) % 5);
  options.timeline_top = (data[0] & 0x10) != 0;
  for (const schema::FacetSpec& f : schema::kFacetSpecs) options.facets.push_back(f.kind);
  const search::BuiltQuery all{Xapian::Query(std::string()), Xapian::Query(), {}};
  try {
    search::Matcher matcher(tiny.db, tiny.path);
    detail::check_search_results(matcher.search(all, options), options);
  } catch (const Xapian::Error& e) {
    fail(detail::xapian_failure(e), __FILE__, __LINE__);
  }
}

// ---- The readers of the input formats (indexer/readers/): HTML pages, XML
// feeds and agency formats, WARC files and the HTTP responses in them,
// containers.
namespace detail {

// Read sizes of the input streams: odd ones cut records, lines and UTF-8
// sequences between two reads.
inline constexpr std::array<std::size_t, 4> kChunks = {61, 509, 4096, 65536};

// An InputStream over bytes that hands out at most `chunk` bytes a read and,
// when `fail_at` is set, throws DamagedInputError once on reaching that offset,
// then skips kDamageSkip bytes (what a damaged gzip member costs) and goes on.
class DamagingStream : public index::InputStream {
 public:
  static constexpr std::size_t kDamageSkip = 7;
  DamagingStream(std::string_view bytes, std::size_t chunk, std::optional<std::size_t> fail_at)
      : bytes_(bytes), chunk_(chunk), fail_at_(fail_at) {}
  std::size_t read(std::span<char> buffer) override {
    std::size_t end = bytes_.size();
    if (fail_at_) {
      if (at_ >= *fail_at_) {
        fail_at_.reset();
        at_ = std::min(bytes_.size(), at_ + kDamageSkip);
        throw index::DamagedInputError("injected damage at byte " + std::to_string(at_ - kDamageSkip));
      }
      end = *fail_at_;
    }
    const std::size_t n = std::min({buffer.size(), chunk_, end - at_});
    std::copy_n(bytes_.data() + at_, n, buffer.data());
    at_ += n;
    return n;
  }
  std::uint64_t bytes_consumed() const override { return at_; }

 private:
  std::string_view bytes_;
  std::size_t chunk_;
  std::optional<std::size_t> fail_at_;
  std::size_t at_ = 0;
};

// Where a mode's 3 damage bits (0: none) put the damage in `size` bytes:
// at the start, or after 1/7 .. 6/7 of them.
inline std::optional<std::size_t> fault_offset(unsigned bits, std::size_t size) {
  if (bits == 0) return std::nullopt;
  return size * (bits - 1) / 7;
}

inline bool has_nul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

// Text a reader hands on: valid UTF-8, no NUL byte.
inline void check_text(std::string_view s) {
  NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(s));
  NEWSDEX_FUZZ_CHECK(!has_nul(s));
}

// White space collapsed to single spaces, none at the edges.
inline void check_collapsed(std::string_view s) {
  NEWSDEX_FUZZ_CHECK(std::none_of(s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }));
  NEWSDEX_FUZZ_CHECK(s.find("  ") == std::string_view::npos);
  if (!s.empty()) NEWSDEX_FUZZ_CHECK(s.front() != ' ' && s.back() != ' ');
}

// Article text: paragraphs separated by one blank line, lines by "\n"; no
// line break at the start, no white space at the end (preformatted text may
// start with spaces).
inline void check_article_text(std::string_view s) {
  check_text(s);
  NEWSDEX_FUZZ_CHECK(s.find("\n\n\n") == std::string_view::npos);
  if (!s.empty()) NEWSDEX_FUZZ_CHECK(s.front() != '\n' && !is_ascii_space(s.back()));
}

// A field and its *_from: both empty or both set.
inline void check_sourced(std::string_view field, std::string_view from) {
  check_text(field);
  NEWSDEX_FUZZ_CHECK(field.empty() == from.empty());
}

// A primary language subtag: lower case, no region.
inline void check_lang(std::string_view lang) {
  NEWSDEX_FUZZ_CHECK(std::none_of(lang.begin(), lang.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || is_ascii_space(c);
  }));
}

inline bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// What html_extractor.h promises of an extraction.
inline void check_html_extraction(const readers::HtmlExtraction& x) {
  const readers::ExtractedArticle& a = x.article;
  check_sourced(a.title, a.title_from);
  check_collapsed(a.title);
  check_article_text(a.body);
  NEWSDEX_FUZZ_CHECK(a.body.empty() == a.body_from.empty());
  NEWSDEX_FUZZ_CHECK(one_of(a.body_from, {"", "json-ld", "scoring"}));
  check_sourced(a.date, a.date_from);
  check_sourced(a.date_modified, a.date_modified_from);
  check_sourced(a.author, a.author_from);
  check_sourced(a.source, a.source_from);
  check_sourced(a.url, a.url_from);
  check_sourced(a.lang, a.lang_from);
  check_lang(a.lang);
  NEWSDEX_FUZZ_CHECK(!a.charset.empty());
  NEWSDEX_FUZZ_CHECK(one_of(a.charset_from, {"bom", "http", "meta", "xml", "utf-8", "detected"}));
  if (x.not_article) {
    NEWSDEX_FUZZ_CHECK(!x.not_article->reason.empty());
    NEWSDEX_FUZZ_CHECK(!readers::describe(x.not_article->kind).empty());
  }
}

}  // namespace detail

// ---- html: readers::extract_html_article on a page, with hints as a WARC
// record or a crawl gives them.
inline constexpr std::array<std::string_view, 8> kCharsetHints = {
    "", "utf-8", "windows-1252", "ISO-8859-1", "EUC-JP", "utf-16le", "x-no-such-charset", "\"GBK\""};
inline constexpr std::array<std::string_view, 4> kUrlHints = {
    "", "https://news.example.com/2024/05/harbor-talks.html?page=2#top", "http://[::1]:8080/a/../b/", "not a url"};

inline void html(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const readers::HtmlHints hints{.charset = kCharsetHints[data[0] & 7u], .url = kUrlHints[(data[0] >> 3) & 3u]};
  readers::HtmlExtraction x;
  try {
    x = readers::extract_html_article(detail::as_text(data + 1, size - 1), hints);
  } catch (const Error& e) {
    NEWSDEX_FUZZ_CHECK(std::strlen(e.what()) > 0);  // a page no charset decodes
    return;
  }
  detail::check_html_extraction(x);
  // Cutting script and style text before parsing changes nothing in the tree,
  // whatever the bytes (they reach the parser undecoded here), and the tree
  // has the shape the walks rely on, however the markup nests.
  const std::string_view page = detail::as_text(data + 1, size - 1);
  const readers::Dom cut = readers::Dom::parse(page, readers::RawText::kCut);
  NEWSDEX_FUZZ_CHECK(cut.shape_error().empty());
  NEWSDEX_FUZZ_CHECK(cut == readers::Dom::parse(page, readers::RawText::kParse));
}

// ---- feed: readers::sniff_feed_format and read_feed on one XML document.
inline constexpr std::array<std::string_view, 8> kFeedNames = {"",       "a.xml", "a.rss",  "a.atom",
                                                               "a.nitf", "a.rdf", "a.html", "a.newsml"};

inline void feed(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const std::string_view name = kFeedNames[data[0] & 7u];
  const std::string_view bytes = detail::as_text(data + 1, size - 1);
  // Sniffing reads a head of any length; more bytes never unmake a decision
  // taken on a start tag that was complete already.
  const readers::FeedFormat head_format = readers::sniff_feed_format(bytes.substr(0, 4096), name);
  const readers::FeedFormat whole_format = readers::sniff_feed_format(bytes, name);
  if (bytes.size() <= 4096) NEWSDEX_FUZZ_CHECK(head_format == whole_format);
  readers::FeedDocument doc;
  try {
    doc = readers::read_feed(bytes, "fuzz.xml");
  } catch (const Error& e) {
    NEWSDEX_FUZZ_CHECK(std::string_view(e.what()).starts_with("fuzz.xml: "));
    return;
  }
  NEWSDEX_FUZZ_CHECK(doc.format != readers::FeedFormat::kUnknown);
  NEWSDEX_FUZZ_CHECK(!doc.charset.empty());
  NEWSDEX_FUZZ_CHECK(detail::one_of(doc.charset_from, {"bom", "xml", "utf-8", "detected"}));
  NEWSDEX_FUZZ_CHECK(doc.problems.size() <= readers::kMaxFeedProblems + 1);
  for (const std::string& p : doc.problems) {
    NEWSDEX_FUZZ_CHECK(p.starts_with("fuzz.xml"));
    NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(p));
  }
  if (!doc.complete) NEWSDEX_FUZZ_CHECK(!doc.problems.empty());
  std::uint32_t previous_line = 0;
  for (std::size_t i = 0; i < doc.records.size(); ++i) {
    const readers::FeedRecord& r = doc.records[i];
    NEWSDEX_FUZZ_CHECK(r.number == i + 1);
    NEWSDEX_FUZZ_CHECK(!r.where.empty());
    // In document order.
    if (r.line != 0) {
      NEWSDEX_FUZZ_CHECK(r.line >= previous_line);
      previous_line = r.line;
    }
    NEWSDEX_FUZZ_CHECK(r.article.has_value() == r.skip_reason.empty());
    NEWSDEX_FUZZ_CHECK(readers::record_message("fuzz.xml", r).starts_with("fuzz.xml:"));
    if (!r.article) continue;
    const readers::FeedArticle& a = *r.article;
    NEWSDEX_FUZZ_CHECK(!a.title.empty() || !a.body.empty());
    detail::check_sourced(a.id, a.id_from);
    detail::check_sourced(a.title, a.title_from);
    detail::check_collapsed(a.title);
    detail::check_article_text(a.body);
    NEWSDEX_FUZZ_CHECK(a.body.empty() == a.body_from.empty());
    detail::check_sourced(a.date, a.date_from);
    detail::check_sourced(a.author, a.author_from);
    detail::check_sourced(a.source, a.source_from);
    detail::check_sourced(a.url, a.url_from);
    detail::check_sourced(a.lang, a.lang_from);
    detail::check_lang(a.lang);
    if (a.published_unix_s) {
      NEWSDEX_FUZZ_CHECK(detail::plausible_date(*a.published_unix_s));
      NEWSDEX_FUZZ_CHECK(readers::parse_feed_date(a.date) == a.published_unix_s);
    }
  }
}

// ---- warc: readers::WarcReader on a WARC file (and extract_warc_payload on
// its pages), or the HTTP response functions on one response.
namespace detail {

// Record limits small enough for inputs of a few KB to pass them.
inline readers::WarcReaderOptions small_warc_options() {
  readers::WarcReaderOptions o;
  o.max_block_bytes = 4096;
  o.max_payload_bytes = 8192;
  return o;
}

inline void http_response(std::string_view bytes) {
  readers::HttpResponse response;
  try {
    response = readers::parse_http_response(bytes);
  } catch (const Error& e) {
    NEWSDEX_FUZZ_CHECK(std::strlen(e.what()) > 0);
    return;
  }
  NEWSDEX_FUZZ_CHECK(response.version.starts_with("HTTP/"));
  NEWSDEX_FUZZ_CHECK(response.body_offset <= bytes.size());
  for (const readers::HttpHeader& h : response.headers) {
    if (!h.value.empty()) {
      NEWSDEX_FUZZ_CHECK(h.value.front() != ' ' && h.value.front() != '\t');
      NEWSDEX_FUZZ_CHECK(h.value.back() != ' ' && h.value.back() != '\t');
    }
  }
  const readers::MediaType media = readers::response_media_type(response);
  NEWSDEX_FUZZ_CHECK(std::none_of(media.essence.begin(), media.essence.end(),
                                  [](char c) { return (c >= 'A' && c <= 'Z') || is_ascii_space(c); }));
  constexpr std::size_t kMax = 64u << 10;
  try {
    const readers::DecodedBody body = readers::decode_http_body(response, bytes.substr(response.body_offset), kMax);
    NEWSDEX_FUZZ_CHECK(body.bytes.size() <= kMax);
    for (const std::string& w : body.warnings) NEWSDEX_FUZZ_CHECK(!w.empty());
  } catch (const Error& e) {
    NEWSDEX_FUZZ_CHECK(std::strlen(e.what()) > 0);
  }
}

}  // namespace detail

inline void warc(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const std::uint8_t mode = data[0];
  const std::string_view bytes = detail::as_text(data + 1, size - 1);
  if ((mode & 0x08u) != 0) return detail::http_response(bytes);
  const readers::WarcReaderOptions options =
      (mode & 0x04u) != 0 ? detail::small_warc_options() : readers::WarcReaderOptions{};
  const std::optional<std::size_t> fault = detail::fault_offset((mode >> 4) & 7u, bytes.size());
  readers::WarcReader reader(std::make_unique<detail::DamagingStream>(bytes, detail::kChunks[mode & 3u], fault),
                             "fuzz.warc", options);
  readers::WarcCounts seen;
  while (std::optional<readers::WarcRecord> r = reader.next()) {
    ++seen.records;
    // Every record takes at least one byte, or is the one injected damage.
    NEWSDEX_FUZZ_CHECK(seen.records <= bytes.size() + 2);
    NEWSDEX_FUZZ_CHECK(r->record_number == seen.records);
    NEWSDEX_FUZZ_CHECK(r->origin == "fuzz.warc:record " + std::to_string(seen.records));
    NEWSDEX_FUZZ_CHECK(int{r->html.has_value()} + int{r->skip.has_value()} + int{r->error} == 1);
    NEWSDEX_FUZZ_CHECK(std::none_of(r->type.begin(), r->type.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
    for (const std::string& w : r->warnings) NEWSDEX_FUZZ_CHECK(!w.empty());
    NEWSDEX_FUZZ_CHECK(reader.bytes_consumed() <= bytes.size());
    if (r->error) {
      ++seen.errors;
      NEWSDEX_FUZZ_CHECK(!r->detail.empty());
    } else if (r->skip) {
      ++seen.skipped[static_cast<std::size_t>(*r->skip)];
      NEWSDEX_FUZZ_CHECK(!readers::describe(*r->skip).empty());
    } else {
      ++seen.html;
      const readers::WarcPayload& page = *r->html;
      NEWSDEX_FUZZ_CHECK(!page.body.empty());
      NEWSDEX_FUZZ_CHECK(page.body.size() <= options.max_payload_bytes);
      NEWSDEX_FUZZ_CHECK(page.http_status == 0 || (page.http_status >= 200 && page.http_status < 300));
      NEWSDEX_FUZZ_CHECK(readers::is_html_media_type(page.media_type));
      NEWSDEX_FUZZ_CHECK(page.origin == r->origin && page.target_uri == r->target_uri);
      if ((mode & 0x80u) != 0) {
        try {
          detail::check_html_extraction(readers::extract_warc_payload(page));
        } catch (const Error& e) {
          NEWSDEX_FUZZ_CHECK(std::strlen(e.what()) > 0);
        }
      }
    }
  }
  const readers::WarcCounts& counts = reader.counts();
  NEWSDEX_FUZZ_CHECK(counts.records == seen.records && counts.html == seen.html && counts.errors == seen.errors);
  NEWSDEX_FUZZ_CHECK(counts.skipped == seen.skipped);
  NEWSDEX_FUZZ_CHECK(!reader.next());
}

// ---- archive: readers::ArchiveReader on any input, every entry read to its
// end (or its error), with small limits.
inline const std::array<readers::ArchiveLimits, 4> kArchiveLimits = {
    readers::ArchiveLimits{.max_entry_bytes = 64u << 10, .max_ratio = 20, .ratio_slack_bytes = 1u << 10},
    readers::ArchiveLimits{.max_entry_bytes = 1u << 20, .max_ratio = 100, .ratio_slack_bytes = 4u << 10},
    readers::ArchiveLimits{.max_entry_bytes = 16u << 10, .max_ratio = 1000, .ratio_slack_bytes = 64u << 10},
    readers::ArchiveLimits{.max_entry_bytes = 256u << 10, .max_ratio = 2, .ratio_slack_bytes = 512},
};

inline void archive(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const std::uint8_t mode = data[0];
  const std::string_view bytes = detail::as_text(data + 1, size - 1);
  const readers::ArchiveLimits limits = kArchiveLimits[(mode >> 2) & 3u];
  const bool whole = (mode & 0x10u) != 0;
  const std::optional<std::size_t> fault = detail::fault_offset((mode >> 5) & 7u, bytes.size());
  readers::ArchiveReader reader(std::make_unique<detail::DamagingStream>(bytes, detail::kChunks[mode & 3u], fault),
                                "fuzz.bin", limits);
  constexpr std::size_t kBuffer = 3000;    // not a power of two: entries end mid-buffer
  constexpr std::size_t kReadAll = 20000;  // read_all's limit
  const std::uint64_t input = bytes.size();
  // What any entry may hand out: an expanding one up to max_entry_bytes, a
  // stored one what it takes of the input (plus the slack).
  const std::uint64_t entry_cap = std::max(limits.max_entry_bytes, input + limits.ratio_slack_bytes);
  // The ratio is checked after each read: one read past it at most.
  const std::uint64_t ratio_cap = limits.max_ratio * (input + limits.ratio_slack_bytes) + kBuffer;
  const std::uint64_t total_cap = limits.max_ratio * (input + 16 * limits.ratio_slack_bytes) + kBuffer;
  std::uint64_t total = 0;
  std::vector<char> buffer(kBuffer);
  while (std::optional<readers::ArchiveEntry> entry = reader.next()) {
    NEWSDEX_FUZZ_CHECK(entry->origin.starts_with("fuzz.bin"));
    NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(entry->origin));
    NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(entry->name));
    NEWSDEX_FUZZ_CHECK(entry->head.size() <= readers::kArchiveHeadBytes);
    NEWSDEX_FUZZ_CHECK(reader.bytes_consumed() <= input);
    if (entry->error) {
      NEWSDEX_FUZZ_CHECK(!entry->error->empty());
      continue;
    }
    std::string start;  // the first bytes read, to compare with the head
    std::uint64_t bytes_read = 0;
    std::size_t failures = 0;
    auto take = [&](std::string_view got) {
      bytes_read += got.size();
      total += got.size();
      if (start.size() < readers::kArchiveHeadBytes) {
        start.append(got.substr(0, readers::kArchiveHeadBytes - start.size()));
      }
      NEWSDEX_FUZZ_CHECK(bytes_read <= entry_cap);
      NEWSDEX_FUZZ_CHECK(bytes_read <= ratio_cap);
      NEWSDEX_FUZZ_CHECK(total <= total_cap);
    };
    if (whole) {
      try {
        const std::string all = reader.read_all(kReadAll);
        NEWSDEX_FUZZ_CHECK(all.size() <= kReadAll);
        take(all);
      } catch (const readers::ArchiveError& e) {
        ++failures;
        NEWSDEX_FUZZ_CHECK(e.origin().starts_with("fuzz.bin") && !e.detail().empty());
      }
    } else {
      for (;;) {
        try {
          const std::size_t n = reader.read(buffer);
          NEWSDEX_FUZZ_CHECK(n <= buffer.size());
          if (n == 0) break;
          take(std::string_view(buffer.data(), n));
        } catch (const readers::ArchiveError& e) {
          NEWSDEX_FUZZ_CHECK(e.origin().starts_with("fuzz.bin") && !e.detail().empty());
          // A failure that repeats without the input moving on ends the entry.
          NEWSDEX_FUZZ_CHECK(++failures <= input + 2);
        }
      }
    }
    // read() returns the head first.
    const std::size_t common = std::min(start.size(), entry->head.size());
    NEWSDEX_FUZZ_CHECK(start.compare(0, common, entry->head, 0, common) == 0);
    if (failures == 0 && !whole) {
      if (entry->size_bytes) NEWSDEX_FUZZ_CHECK(bytes_read == *entry->size_bytes);
      NEWSDEX_FUZZ_CHECK(start.size() >= entry->head.size());
    }
  }
  NEWSDEX_FUZZ_CHECK(reader.bytes_consumed() <= input);
}

namespace detail {

struct CsvRun {
  bool refused = false;  // header() threw
  std::vector<std::string> header{};
  std::vector<readers::CsvRecord> records{};
};

inline CsvRun read_csv(std::string_view file, const readers::CsvOptions& options, std::size_t chunk) {
  CsvRun run;
  readers::CsvReader reader(std::make_unique<MemoryStream>(file, chunk), "fuzz.csv", options);
  try {
    run.header = reader.header();
  } catch (const Error& e) {
    NEWSDEX_FUZZ_CHECK(std::string_view(e.what()).starts_with("fuzz.csv:"));
    run.refused = true;
    return run;
  }
  NEWSDEX_FUZZ_CHECK(!run.header.empty() && run.header.size() <= options.max_columns);
  NEWSDEX_FUZZ_CHECK(!run.header.back().empty());
  for (const std::string& name : run.header) {
    NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(name));
    NEWSDEX_FUZZ_CHECK(name.empty() || (!is_ascii_space(name.front()) && !is_ascii_space(name.back())));
  }
  NEWSDEX_FUZZ_CHECK(reader.header_line() >= 1);
  std::uint64_t line = reader.header_line();
  while (std::optional<readers::CsvRecord> r = reader.next()) {
    NEWSDEX_FUZZ_CHECK(r->number == run.records.size() + 1);
    NEWSDEX_FUZZ_CHECK(r->line >= line);
    line = r->line;
    if (!r->error.empty()) {
      NEWSDEX_FUZZ_CHECK(r->values.empty());
    } else {
      NEWSDEX_FUZZ_CHECK(r->values.size() == run.header.size());
      std::size_t bytes = 0;
      for (const std::string& v : r->values) {
        NEWSDEX_FUZZ_CHECK(analysis::is_valid_utf8(v));
        NEWSDEX_FUZZ_CHECK(v.find('\0') == std::string::npos);
        bytes += v.size();
      }
      NEWSDEX_FUZZ_CHECK(bytes <= options.max_field_bytes);
    }
    run.records.push_back(std::move(*r));
  }
  return run;
}

}  // namespace detail

// ---- csv: indexer/readers/csv_reader.h on one file: CsvReader read in
// 61-byte and (up to 4 KiB) 1-byte reads, which must agree; sniff_csv and
// guess_delimiter, which must agree with each other and with the reader.
inline void csv(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const std::string_view file = detail::as_text(data + 1, size - 1);
  static constexpr char kDelimiterOption[8] = {0, ',', ';', '\t', '|', 0, 0, 0};
  static constexpr std::size_t kMaxFieldBytes[4] = {readers::CsvOptions::kDefaultMaxFieldBytes, 64, 1000, 5};
  readers::CsvOptions options;
  options.delimiter = kDelimiterOption[data[0] & 7];
  options.max_field_bytes = kMaxFieldBytes[(data[0] >> 3) & 3];
  options.max_columns = (data[0] & 0x20) != 0 ? 4 : readers::CsvOptions::kDefaultMaxColumns;

  const char guessed = readers::guess_delimiter(file);
  NEWSDEX_FUZZ_CHECK(std::string_view(",;\t|").find(guessed) != std::string_view::npos);
  const std::optional<char> sniffed = readers::sniff_csv(file);

  const detail::CsvRun run = detail::read_csv(file, options, 61);
  if (file.size() <= 4096) {
    const detail::CsvRun bytewise = detail::read_csv(file, options, 1);
    NEWSDEX_FUZZ_CHECK(bytewise.refused == run.refused && bytewise.header == run.header);
    NEWSDEX_FUZZ_CHECK(bytewise.records.size() == run.records.size());
    for (std::size_t i = 0; i < run.records.size() && i < bytewise.records.size(); ++i) {
      NEWSDEX_FUZZ_CHECK(bytewise.records[i].line == run.records[i].line);
      NEWSDEX_FUZZ_CHECK(bytewise.records[i].values == run.records[i].values);
      NEWSDEX_FUZZ_CHECK(bytewise.records[i].error == run.records[i].error);
    }
  }
  if (sniffed && file.size() <= readers::kCsvSniffBytes) {
    NEWSDEX_FUZZ_CHECK(guessed == *sniffed);
    readers::CsvOptions as_sniffed;
    as_sniffed.delimiter = *sniffed;
    const detail::CsvRun again = detail::read_csv(file, as_sniffed, 61);
    NEWSDEX_FUZZ_CHECK(!again.refused && again.header.size() >= 2);
  }
}

// The entry function of target `name` (one of kTargets), or nullptr.
using Entry = void (*)(const std::uint8_t*, std::size_t);
inline Entry entry_for(std::string_view name) {
  static const std::map<std::string_view, Entry> entries = {{"json_record", json_record},
                                                            {"text_article", text_article},
                                                            {"dates", dates},
                                                            {"query", query},
                                                            {"analyzer", analyzer},
                                                            {"snippet", snippet},
                                                            {"entities", entities},
                                                            {"stored_fields", stored_fields},
                                                            {"facet_columns", facet_columns},
                                                            {"html", html},
                                                            {"feed", feed},
                                                            {"warc", warc},
                                                            {"archive", archive},
                                                            {"csv", csv}};
  auto it = entries.find(name);
  return it == entries.end() ? nullptr : it->second;
}

}  // namespace newsdex::fuzz
