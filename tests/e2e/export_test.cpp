// End-to-end for newsdex-search --format csv|tsv|jsonl and --limit all: the
// real binaries, and the output read back the way its users read it, with
// Python's csv module (python3 -c), then compared with the --json output of
// the same search. A corpus written here holds the awkward cases (quotes and
// commas in titles, line breaks in quotes, non-ASCII, an escape sequence); the
// BBC corpus of ../shared gives a search with thousands of matches.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"
#include "tests/e2e/table_reader.h"

using newsdex::test::parse_json_lines;
using newsdex::test::ProcessResult;
using newsdex::test::read_table;
using newsdex::test::run_process;
using newsdex::test::Table;
using newsdex::test::TempDir;

namespace {

const std::string kSearch = NEWSDEX_SEARCH_BIN;
const std::string kBbc = std::string(NEWSDEX_SHARED_DIR) + "/corpora/bbc/bbc.jsonl";

ProcessResult search(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {kSearch, "--db", db});
  return run_process(args);
}

std::string joined(const nlohmann::json& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : "; ") + v.get<std::string>();
  return out;
}

// A corpus of awkward articles: a title with quotes and a comma, a quote
// holding a line break, non-ASCII text, and an escape sequence in a title.
const std::string& awkward_db() {
  static TempDir dir;
  static const std::string db = [] {
    const std::string corpus = dir.path() + "/awkward.jsonl";
    std::ofstream out(corpus);
    auto article = [&](const std::string& id, const std::string& title, const std::string& body,
                       const std::string& date) {
      out << nlohmann::json{{"id", id},
                            {"title", title},
                            {"body", body},
                            {"date", date},
                            {"source", "Harbor Ledger"},
                            {"author", "Ana Ruiz, Jr."},
                            {"url", "https://harbor-ledger.test/" + id + "?a=1,b=2"},
                            {"lang", "en"}}
                 .dump()
          << '\n';
    };
    article("q-1", "Minister says \"no deal\", talks go on",
            "The harbour strike entered its third week.\n\n\"We are not going back to work for promises,\" Lopez "
            "said. \"We need a signed offer, with a date and a number on it.\n\n\"If we cannot get that, then the "
            "cranes stay still.\"\n\nThe port authority, which runs the harbour, declined to comment.",
            "2016-02-08T22:10:00Z");
    article("q-2", "Harbour strike: a timeline", "The harbour strike began on a Monday; talks, offers, refusals.",
            "2016-02-09T08:00:00Z");
    article("q-3", "Escape \x1b[31mred\x1b[0m in a harbour title", "The harbour strike reached the north.",
            "2016-01-01T00:00:00Z");
    article("q-4", "Tokyo 東京 harbour strike, “typographic” quotes", "Harbour strike in Tokyo: dockers stopped work.",
            "2015-12-31T23:59:59Z");
    out.close();
    std::string path = dir.path() + "/db";
    ProcessResult r = run_process({NEWSDEX_INDEX_BIN, "--db", path, corpus});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return path;
  }();
  return db;
}

// The hits of `--json --all --limit 100 QUERY`, by id.
std::map<std::string, nlohmann::json> json_hits(const std::string& db, const std::string& query) {
  std::map<std::string, nlohmann::json> hits;
  for (const auto& line : newsdex::test::search_json(db, {"--all", query})) {
    if (line["type"] == "hit") hits[line["id"].get<std::string>()] = line;
  }
  return hits;
}

}  // namespace

TEST_CASE("--format csv: a header row, one row per match, quotes, commas and line breaks survive Python's csv") {
  const std::string& db = awkward_db();
  ProcessResult r = search(db, {"--format", "csv", "--all", "--limit", "all", "--fields",
                                "id,title,date,author,url,quotes,speakers,snippet,score", "harbour"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find("\r\n") != std::string::npos);  // RFC 4180 line ends
  const Table t = read_table(r.out, "csv");
  CHECK(t.header ==
        std::vector<std::string>{"id", "title", "date", "author", "url", "quotes", "speakers", "snippet", "score"});
  const std::map<std::string, nlohmann::json> hits = json_hits(db, "harbour");
  REQUIRE(hits.size() == 4);
  REQUIRE(t.rows.size() == hits.size());
  bool saw_line_break = false;
  for (const std::vector<std::string>& row : t.rows) {
    REQUIRE(row.size() == t.header.size());
    REQUIRE(hits.contains(row[0]));
    const nlohmann::json& hit = hits.at(row[0]);
    CAPTURE(row[0]);
    if (row[0] != "q-3") CHECK(row[1] == hit["title"].get<std::string>());
    CHECK(row[2] == hit["date"].get<std::string>());
    CHECK(row[3] == "Ana Ruiz, Jr.");
    CHECK(row[4] == hit["url"].get<std::string>());
    std::string quotes;
    for (const auto& q : hit["quotes"]) {
      if (!quotes.empty()) quotes += "; ";
      quotes += q["speaker"].is_null() ? q["text"].get<std::string>()
                                       : q["speaker"].get<std::string>() + ": " + q["text"].get<std::string>();
    }
    CHECK(row[5] == quotes);
    saw_line_break = saw_line_break || row[5].find('\n') != std::string::npos;
    CHECK(row[6] == joined(hit["speakers"]));
    CHECK(row[7] == hit["snippet"]["text"].get<std::string>());
    CHECK(std::stod(row[8]) == hit["score"].get<double>());
  }
  CHECK(saw_line_break);  // the quote with "\n\n" came through inside its field
  CHECK(hits.at("q-1")["title"] == "Minister says \"no deal\", talks go on");
}

TEST_CASE("--format tsv: escaped tabs and line breaks read back; the escape sequence of a title is defused") {
  const std::string& db = awkward_db();
  ProcessResult r = search(db, {"--format", "tsv", "--limit", "all", "--fields", "id,title,quotes", "harbour"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find('\r') == std::string::npos);
  const Table t = read_table(r.out, "tsv");
  CHECK(t.header == std::vector<std::string>{"id", "title", "quotes"});
  REQUIRE(t.rows.size() == 4);
  for (const auto& row : t.rows) {
    REQUIRE(row.size() == 3);
    if (row[0] == "q-1") CHECK(row[2].find("a number on it.\n\n") != std::string::npos);
    if (row[0] == "q-4") CHECK(row[1] == "Tokyo 東京 harbour strike, “typographic” quotes");
    if (row[0] == "q-3") CHECK(row[1].find("\xEF\xBF\xBD[31mred") != std::string::npos);
  }
}

TEST_CASE("--format csv without --fields has the default columns; --sort newest orders the rows by date") {
  const std::string& db = awkward_db();
  ProcessResult r = search(db, {"--format", "csv", "--sort", "newest", "harbour"});
  REQUIRE(r.status == 0);
  const Table t = read_table(r.out, "csv");
  CHECK(t.header == std::vector<std::string>{"id", "date", "source", "title", "url", "author", "score", "speakers",
                                             "countries", "persons", "orgs", "snippet"});
  REQUIRE(t.rows.size() == 4);
  CHECK(t.rows[0][0] == "q-2");
  CHECK(t.rows[1][0] == "q-1");
  CHECK(t.rows[2][0] == "q-3");
  CHECK(t.rows[3][0] == "q-4");
}

TEST_CASE("--json is --format jsonl, byte for byte; --limit all adds no line types") {
  const std::string& db = awkward_db();
  ProcessResult json = search(db, {"--json", "--all", "harbour"});
  ProcessResult jsonl = search(db, {"--format", "jsonl", "--all", "harbour"});
  REQUIRE(json.status == 0);
  auto without_elapsed = [](const std::string& out) {
    std::vector<nlohmann::json> lines = parse_json_lines(out);
    for (auto& l : lines) l.erase("elapsed_ms");
    return lines;
  };
  CHECK(without_elapsed(json.out) == without_elapsed(jsonl.out));
  ProcessResult all = search(db, {"--format", "jsonl", "--all", "--limit", "all", "harbour"});
  CHECK(without_elapsed(all.out) == without_elapsed(json.out));
}

TEST_CASE("Export options that do not fit are errors naming the option") {
  const std::string& db = awkward_db();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"--limit", "all", "harbour"}, "--limit all needs --format csv, tsv or jsonl"},
           {{"--format", "csv", "--fields", "id,nope", "harbour"}, "--fields: unknown field 'nope'"},
           {{"--format", "jsonl", "--fields", "id", "harbour"}, "--fields applies to --format csv and tsv"},
           {{"--format", "csv", "--facets", "speaker", "harbour"}, "--facets does not apply to --format csv"},
           {{"--format", "tsv", "--timeline", "harbour"}, "--timeline does not apply to --format tsv"},
           {{"--json", "--format", "csv", "harbour"}, "--json is --format jsonl"},
           {{"--format", "xml", "harbour"}, "--format"},
           {{"--limit", "lots", "harbour"}, "expected all or a whole number"},
       }) {
    ProcessResult r = search(db, c.args);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(c.message) != std::string::npos);
    CHECK(r.out.empty());
  }
}

TEST_CASE("--format csv --limit all of a search with thousands of matches (BBC corpus) reads back row by row") {
  INFO("this test reads " << kBbc << " (../shared beside the repository)");
  REQUIRE(std::filesystem::exists(kBbc));
  TempDir dir;
  const std::string db = dir.path() + "/db";
  ProcessResult indexed = run_process({NEWSDEX_INDEX_BIN, "--db", db, kBbc});
  INFO(indexed.err);
  REQUIRE(indexed.status == 0);

  // The exact count of the matches: counting facets sees every one.
  ProcessResult counted = search(db, {"--json", "--all", "--limit", "0", "--facets", "source", "said"});
  REQUIRE(counted.status == 0);
  const std::vector<nlohmann::json> counted_lines = parse_json_lines(counted.out);
  const nlohmann::json* summary = newsdex::test::find_type(counted_lines, "summary");
  REQUIRE(summary != nullptr);
  REQUIRE(summary->at("matches_lower_bound") == summary->at("matches_upper_bound"));
  const auto matches = summary->at("matches_estimated").get<std::size_t>();
  REQUIRE(matches > 1000);

  ProcessResult r = search(db, {"--format", "csv", "--all", "--limit", "all", "said"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const Table t = read_table(r.out, "csv");
  REQUIRE(t.rows.size() == matches);
  std::set<std::string> ids;
  for (const auto& row : t.rows) {
    CHECK(row.size() == t.header.size());
    ids.insert(row[0]);
  }
  CHECK(ids.size() == matches);  // no match twice

  // The stream starts with the page search shows.
  std::vector<std::string> page;
  for (const auto& line : newsdex::test::search_json(db, {"--all", "said"})) {
    if (line["type"] == "hit") page.push_back(line["id"].get<std::string>());
  }
  REQUIRE(page.size() == 100);
  for (std::size_t i = 0; i < page.size(); ++i) CHECK(t.rows[i][0] == page[i]);

  // jsonl --limit all: as many hits, and a summary with the exact count.
  ProcessResult jsonl = search(db, {"--format", "jsonl", "--all", "--limit", "all", "said"});
  REQUIRE(jsonl.status == 0);
  const std::vector<nlohmann::json> lines = parse_json_lines(jsonl.out);
  REQUIRE(lines.size() == matches + 1);
  CHECK(lines.back()["returned"] == matches);
  CHECK(lines.back()["matches_estimated"] == matches);

  // --sort newest: dates never increase down the rows.
  ProcessResult newest =
      search(db, {"--format", "tsv", "--limit", "all", "--sort", "newest", "--fields", "date,id", "said"});
  REQUIRE(newest.status == 0);
  const Table by_date = read_table(newest.out, "tsv");
  CHECK(!by_date.rows.empty());
  bool ordered = true;
  for (std::size_t i = 1; i < by_date.rows.size(); ++i) {
    const std::string& prev = by_date.rows[i - 1][0];
    const std::string& cur = by_date.rows[i][0];
    ordered = ordered && (cur.empty() || (!prev.empty() && prev >= cur));
  }
  CHECK(ordered);

  // A reader that stops early: the export ends quietly (no message, exit 0).
  // The rows (with snippets) are far more than a pipe buffer holds, so the
  // writes after head has gone do fail.
  REQUIRE(r.out.size() > 256 * 1024);
  ProcessResult piped =
      run_process({"/bin/bash", "-c",
                   "set -o pipefail; \"$0\" --db \"$1\" --format csv --limit all --all said | head -n 1", kSearch, db});
  INFO(piped.err);
  CHECK(piped.status == 0);
  CHECK(piped.err.empty());
  CHECK(piped.out == r.out.substr(0, r.out.find('\n') + 1));

  // --quotes: every quote holding "the" (thousands), read in full; the
  // first rows are the page, the count the page's exact count.
  std::vector<nlohmann::json> quote_page;
  const nlohmann::json* quote_summary = nullptr;
  const std::vector<nlohmann::json> quote_lines = newsdex::test::search_json(db, {"--quotes", "the"});
  for (const auto& line : quote_lines) {
    if (line["type"] == "quote") quote_page.push_back(line);
    if (line["type"] == "summary") quote_summary = &line;
  }
  REQUIRE(quote_summary != nullptr);
  REQUIRE(quote_summary->at("exact") == true);
  const auto quote_count = quote_summary->at("quotes_matched").get<std::size_t>();
  REQUIRE(quote_count > 1000);
  ProcessResult q =
      search(db, {"--quotes", "--format", "csv", "--limit", "all", "--fields", "rank,id,quote_index,text", "the"});
  INFO(q.err);
  REQUIRE(q.status == 0);
  CHECK(q.err.empty());
  const Table qt = read_table(q.out, "csv");
  REQUIRE(qt.rows.size() == quote_count);
  std::set<std::pair<std::string, std::string>> quotes_seen;
  for (std::size_t i = 0; i < qt.rows.size(); ++i) {
    REQUIRE(qt.rows[i].size() == 4);
    CHECK(qt.rows[i][0] == std::to_string(i + 1));
    quotes_seen.insert({qt.rows[i][1], qt.rows[i][2]});
  }
  CHECK(quotes_seen.size() == quote_count);  // no quote twice
  REQUIRE(quote_page.size() == 100);
  for (std::size_t i = 0; i < quote_page.size(); ++i) {
    CHECK(qt.rows[i][1] == quote_page[i]["id"].get<std::string>());
    CHECK(qt.rows[i][2] == std::to_string(quote_page[i]["quote_index"].get<std::size_t>()));
    CHECK(qt.rows[i][3] == quote_page[i]["text"].get<std::string>());
  }
  REQUIRE(q.out.size() > 256 * 1024);
  ProcessResult quotes_piped = run_process(
      {"/bin/bash", "-c", "set -o pipefail; \"$0\" --db \"$1\" --quotes --format csv --limit all the | head -n 1",
       kSearch, db});
  INFO(quotes_piped.err);
  CHECK(quotes_piped.status == 0);
  CHECK(quotes_piped.err.empty());
  CHECK(quotes_piped.out == "id,quote_index,date,source,title,url,speaker,verb,text,score\r\n");
}
