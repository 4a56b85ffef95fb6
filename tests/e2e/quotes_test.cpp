// End-to-end for newsdex-search --quotes: the real binaries on a database of
// sample_corpus/. The worked example bt-2016-0001 (Kerry in Bogotá) quotes
// John Kerry, Juan Manuel Santos and the opposition's Salem Al-Meslet; "barrel
// bombs" is only in Al-Meslet's quote (and in Lina Khoury's, bt-2015-0002),
// "weakness" only in Kerry's, "ceasefire" in Santos's and in Kerry's reported
// "nationwide ceasefire", "Assad" in Al-Meslet's and not in Kerry's,
// "terrorists" in Kerry's, "humanitarian access" in Al-Meslet's and in Kerry's
// reported speech. The export (--format csv|tsv|jsonl, --limit all) is read
// back with Python's csv module and compared with the --json quote hits.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/schema.h"
#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"
#include "tests/e2e/table_reader.h"

using newsdex::test::find_type;
using newsdex::test::parse_json_lines;
using newsdex::test::ProcessResult;
using newsdex::test::read_table;
using newsdex::test::run_process;
using newsdex::test::sample_database;
using newsdex::test::Table;
using newsdex::test::TempDir;

namespace {

const std::string kSample = std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus";
const std::string kWorked = "bt-2016-0001";

ProcessResult quotes(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {NEWSDEX_SEARCH_BIN, "--db", sample_database(), "--quotes", "--color", "never"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

// --quotes --json --limit 100 ARGS: the JSON lines; exit status 0 or 1.
std::vector<nlohmann::json> quotes_json(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"--json", "--limit", "100"};
  all.insert(all.end(), args.begin(), args.end());
  ProcessResult r = quotes(all);
  INFO(r.err);
  REQUIRE(r.status < 2);
  CHECK(r.err.empty());
  return parse_json_lines(r.out);
}

std::vector<nlohmann::json> quote_lines(const std::vector<nlohmann::json>& lines) {
  std::vector<nlohmann::json> out;
  for (const auto& l : lines) {
    if (l["type"] == "quote") out.push_back(l);
  }
  return out;
}

std::string highlighted(const nlohmann::json& quote, std::size_t i) {
  const std::string text = quote["text"];
  auto start = quote["highlights"][i][0].get<std::size_t>();
  auto end = quote["highlights"][i][1].get<std::size_t>();
  return text.substr(start, end - start);
}

}  // namespace

TEST_CASE("--quotes speaker:kerry weakness finds Kerry's quote holding the word, highlighted") {
  auto lines = quote_lines(quotes_json({"speaker:kerry", "weakness"}));
  REQUIRE(lines.size() == 1);
  const nlohmann::json& q = lines.front();
  CHECK(q["speaker"] == "John Kerry");
  CHECK(q["verb"] == "said");
  CHECK(q["id"] == kWorked);
  CHECK(q["source"] == "Bellwether Times");
  CHECK(q["date"] == "2016-02-08T22:10:00Z");
  CHECK(q["text"].get<std::string>().starts_with("Nobody should mistake patience for weakness."));
  REQUIRE(q["highlights"].size() == 1);
  CHECK(highlighted(q, 0) == "weakness");
}

TEST_CASE("--quotes speaker:kerry finds nothing for words only another speaker of the article said") {
  // Al-Meslet's quote in the same article holds "barrel bombs": the article
  // matches speaker:kerry and the words, no quote of Kerry's does.
  ProcessResult r = quotes({"speaker:kerry", "barrel", "bombs"});
  CHECK(r.status == 1);
  CHECK(r.out.find("No quotes match.") != std::string::npos);
  ProcessResult option = quotes({"--speaker", "kerry", "barrel", "bombs"});
  CHECK(option.status == 1);
  // Without the speaker filter the spokesman's quote is found.
  auto lines = quote_lines(quotes_json({"barrel", "bombs"}));
  std::set<std::string> speakers;
  for (const auto& q : lines) speakers.insert(q["speaker"].get<std::string>());
  CHECK(speakers == std::set<std::string>{"Salem Al-Meslet", "Lina Khoury"});
}

TEST_CASE("--quotes: every query word must be inside the one quote") {
  // "weakness" (Kerry) and "verification" (Santos) are both in bt-2016-0001,
  // never in one quote.
  CHECK(quotes({"weakness", "verification"}).status == 1);
  CHECK(quotes({"patience", "verification"}).status == 0);  // Santos's quote holds both
}

TEST_CASE("--quotes ceasefire finds Santos's quote and Kerry's reported nationwide ceasefire") {
  auto lines = quote_lines(quotes_json({"ceasefire"}));
  bool santos = false;
  bool kerry = false;
  for (const auto& q : lines) {
    const std::string text = q["text"];
    CHECK(text.find("ceasefire") != std::string::npos);
    if (q["id"] == kWorked && q["speaker"] == "Juan Manuel Santos") santos = true;
    if (q["id"] == kWorked && q["speaker"] == "John Kerry") {
      kerry = true;
      CHECK(text.find("nationwide ceasefire") != std::string::npos);
    }
  }
  CHECK(santos);
  CHECK(kerry);
}

TEST_CASE("--quotes phrases must be in one quote, in order") {
  auto lines = quote_lines(quotes_json({"\"nationwide ceasefire\""}));
  REQUIRE(lines.size() == 1);
  CHECK(lines.front()["speaker"] == "John Kerry");
  CHECK(highlighted(lines.front(), 0) == "nationwide ceasefire");
  CHECK(quotes({"\"ceasefire nationwide\""}).status == 1);
}

TEST_CASE("--quotes -word excludes quotes, not articles; OR and NEAR are checked per quote") {
  auto without = quote_lines(quotes_json({"speaker:kerry", "munich", "-conversation"}));
  REQUIRE(!without.empty());
  for (const auto& q : without) CHECK(q["text"].get<std::string>().find("conversation") == std::string::npos);
  auto either = quote_lines(quotes_json({"weakness OR verification"}));
  CHECK(either.size() == 2);
  CHECK(quotes({"nationwide NEAR/2 ceasefire"}).status == 0);
  CHECK(quotes({"lavrov NEAR/3 ceasefire"}).status == 1);  // 12 words apart in Kerry's quote
}

TEST_CASE("--quotes: a nested quote holding the words is the hit, not the statement around it") {
  // Kerry's reported statement holds the direct quote "as a cover for a
  // military offensive." (three nested quotes in the summary).
  auto lines = quote_lines(quotes_json({"speaker:kerry", "military", "offensive"}));
  REQUIRE(lines.size() == 1);
  CHECK(lines.front()["text"] == "as a cover for a military offensive.");
}

TEST_CASE("--quotes --sort newest orders quotes by their article's date") {
  auto lines = quote_lines(quotes_json({"--sort", "newest", "ceasefire"}));
  REQUIRE(lines.size() >= 3);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    CHECK(lines[i - 1]["date"].get<std::string>() >= lines[i]["date"].get<std::string>());
  }
  auto oldest = quote_lines(quotes_json({"--sort", "oldest", "ceasefire"}));
  REQUIRE(oldest.size() == lines.size());
  CHECK(oldest.front()["date"] == lines.back()["date"]);
}

TEST_CASE("--quotes --facets speaker counts quotes per speaker") {
  auto all = quotes_json({"--facets", "speaker", "speaker:kerry"});
  auto hits = quote_lines(all);
  const nlohmann::json* facets = find_type(all, "facets");
  REQUIRE(facets != nullptr);
  CHECK((*facets)["count_by"] == "quote");
  const auto& values = (*facets)["facets"]["speaker"]["values"];
  REQUIRE(values.size() == 1);
  CHECK(values[0]["value"] == "John Kerry");
  CHECK(values[0]["count"].get<std::size_t>() == hits.size());
  const nlohmann::json* summary = find_type(all, "summary");
  REQUIRE(summary != nullptr);
  CHECK((*summary)["quotes_matched"].get<std::size_t>() == hits.size());

  auto ceasefire = quotes_json({"--facets", "speaker", "ceasefire"});
  std::size_t total = 0;
  for (const auto& v : (*find_type(ceasefire, "facets"))["facets"]["speaker"]["values"])
    total += v["count"].get<std::size_t>();
  std::size_t attributed = 0;
  for (const auto& q : quote_lines(ceasefire))
    if (q["speaker"].is_string()) ++attributed;
  CHECK(total == attributed);
}

TEST_CASE("--quotes --timeline counts quotes over time") {
  auto all = quotes_json({"--timeline=month", "ceasefire"});
  const nlohmann::json* timeline = find_type(all, "timeline");
  REQUIRE(timeline != nullptr);
  CHECK((*timeline)["granularity"] == "month");
  CHECK((*timeline)["count_by"] == "quote");
  std::size_t counted = (*timeline)["undated"].get<std::size_t>();
  std::size_t feb2016 = 0;
  for (const auto& b : (*timeline)["buckets"]) {
    counted += b["count"].get<std::size_t>();
    if (b["label"] == "2016-02") feb2016 = b["count"].get<std::size_t>();
  }
  auto hits = quote_lines(all);
  CHECK(counted == hits.size());
  std::size_t expected_feb = 0;
  for (const auto& q : hits)
    if (q["date"].get<std::string>().starts_with("2016-02")) ++expected_feb;
  CHECK(feb2016 == expected_feb);
  CHECK(feb2016 >= 1);
}

TEST_CASE("--quotes text output: speaker and verb, the quote, date · source · id") {
  ProcessResult r = quotes({"speaker:kerry", "weakness"});
  REQUIRE(r.status == 0);
  CHECK(r.out.starts_with("1. John Kerry said:\n   Nobody should mistake patience for weakness."));
  CHECK(r.out.find("2016-02-08 · Bellwether Times · bt-2016-0001") != std::string::npos);
  CHECK(r.out.find("1 matching quote in 1 article") != std::string::npos);
  ProcessResult color = run_process(
      {NEWSDEX_SEARCH_BIN, "--db", sample_database(), "--quotes", "--color", "always", "speaker:kerry", "weakness"});
  CHECK(color.out.find("\x1b[1;31mweakness\x1b[0m") != std::string::npos);
}

TEST_CASE("--quotes refuses what it cannot check per quote, and options of article search") {
  ProcessResult r = quotes({"(title:kerry OR munich)"});
  CHECK(r.status == 2);
  CHECK(r.err.find("'title:' can only stand at the top level") != std::string::npos);
  CHECK(quotes({"title:kerry", "munich"}).status == 0);  // a condition on the article
  CHECK(quotes({"--all", "munich"}).status == 2);
  CHECK(quotes({"--count-by", "story", "munich"}).status == 2);
  ProcessResult show = run_process({NEWSDEX_SEARCH_BIN, "--db", sample_database(), "--show", "--quotes", kWorked});
  CHECK(show.status == 2);
  CHECK(show.err.find("--quotes does not apply to --show") != std::string::npos);
}

TEST_CASE("--quotes on a database of an older schema: the version message") {
  TempDir dir;
  std::string db = dir.path() + "/db";
  REQUIRE(run_process({NEWSDEX_INDEX_BIN, "--db", db, kSample + "/wire.jsonl"}).status == 0);
  {
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    w.set_metadata(std::string(newsdex::schema::kMetaSchemaVersion), "1");
    w.commit();
  }
  ProcessResult r = run_process({NEWSDEX_SEARCH_BIN, "--db", db, "--quotes", "kerry"});
  CHECK(r.status == 2);
  CHECK(r.err.find("schema version 1, this newsdex uses version " + std::to_string(newsdex::schema::kVersion)) !=
        std::string::npos);
  CHECK(r.err.find("re-index") != std::string::npos);
}

TEST_CASE("--quotes: two speaker: filters mean either speaker, as in article search") {
  auto both = quote_lines(quotes_json({"speaker:kerry", "speaker:santos", "patience"}));
  std::set<std::string> speakers;
  for (const auto& q : both) speakers.insert(q["speaker"].get<std::string>());
  CHECK(speakers == std::set<std::string>{"John Kerry", "Juan Manuel Santos"});
}

// --- The three examples of issue 14 on the worked example --------------------

TEST_CASE("--quotes speaker:kerry terrorists finds Kerry's quote about more terrorists being created") {
  auto lines = quote_lines(quotes_json({"speaker:kerry", "terrorists"}));
  REQUIRE(lines.size() == 1);
  const nlohmann::json& q = lines.front();
  CHECK(q["speaker"] == "John Kerry");
  CHECK(q["id"] == kWorked);
  CHECK(q["text"].get<std::string>().find("More terrorists are being created") != std::string::npos);
  REQUIRE(q["highlights"].size() == 1);
  CHECK(highlighted(q, 0) == "terrorists");
}

TEST_CASE("--quotes speaker:kerry Assad finds nothing: Assad is only in the opposition spokesman's quote") {
  ProcessResult r = quotes({"speaker:kerry", "Assad"});
  CHECK(r.status == 1);
  CHECK(r.out.find("No quotes match.") != std::string::npos);
  // The article matches both (Kerry is quoted, Assad named): the quote does not.
  std::vector<std::string> article_search = {NEWSDEX_SEARCH_BIN, "--db",          sample_database(),
                                             "--json",           "speaker:kerry", "Assad"};
  CHECK(newsdex::test::hit_ids(parse_json_lines(run_process(article_search).out)).contains(kWorked));
  // Without the speaker filter, the spokesman's quote in the worked example.
  bool meslet = false;
  for (const auto& q : quote_lines(quotes_json({"Assad"}))) {
    CHECK(q["speaker"] != "John Kerry");
    if (q["id"] == kWorked && q["speaker"] == "Salem Al-Meslet") meslet = true;
  }
  CHECK(meslet);
}

TEST_CASE("--quotes humanitarian access finds the spokesman's quote and Kerry's reported humanitarian access") {
  bool meslet = false;
  bool kerry = false;
  for (const auto& q : quote_lines(quotes_json({"humanitarian", "access"}))) {
    const std::string text = q["text"];
    CAPTURE(text);
    CHECK(q["highlights"].size() >= 2);
    if (q["id"] != kWorked) continue;
    if (q["speaker"] == "Salem Al-Meslet") {
      meslet = true;
      CHECK(text.find("blocks humanitarian access") != std::string::npos);
    }
    if (q["speaker"] == "John Kerry") {
      kerry = true;
      CHECK(q["verb"] == "said");
      CHECK(text.starts_with("humanitarian access to those towns"));
    }
  }
  CHECK(meslet);
  CHECK(kerry);
}

// --- Export: --format csv|tsv|jsonl, --fields, --limit all --------------------

namespace {

// The quote hits of --quotes --json --limit 10000 ARGS (every one: the
// sample corpus has fewer candidates than a page reads).
std::vector<nlohmann::json> every_quote_json(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"--json", "--limit", "10000"};
  all.insert(all.end(), args.begin(), args.end());
  ProcessResult r = quotes(all);
  INFO(r.err);
  REQUIRE(r.status < 2);
  return quote_lines(parse_json_lines(r.out));
}

std::string or_empty(const nlohmann::json& value) { return value.is_null() ? std::string() : value.get<std::string>(); }

// The row of `header` columns that `q` (a "quote" object) should be.
std::map<std::string, std::string> expected_row(const nlohmann::json& q) {
  return {{"rank", std::to_string(q["rank"].get<std::size_t>())},
          {"id", q["id"]},
          {"quote_index", std::to_string(q["quote_index"].get<std::size_t>())},
          {"date", or_empty(q["date"])},
          {"source", or_empty(q["source"])},
          {"title", q["title"]},
          {"url", or_empty(q["url"])},
          {"speaker", or_empty(q["speaker"])},
          {"verb", or_empty(q["verb"])},
          {"text", q["text"]}};
}

// Checks that `t` has one row per quote of `hits`, in order, equal to them.
void check_rows_are(const Table& t, const std::vector<nlohmann::json>& hits) {
  REQUIRE(t.rows.size() == hits.size());
  for (std::size_t i = 0; i < hits.size(); ++i) {
    CAPTURE(i);
    const std::vector<std::string>& row = t.rows[i];
    REQUIRE(row.size() == t.header.size());
    const std::map<std::string, std::string> expected = expected_row(hits[i]);
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      CAPTURE(t.header[c]);
      if (t.header[c] == "score") {
        CHECK(std::stod(row[c]) == hits[i]["score"].get<double>());
      } else {
        CHECK(row[c] == expected.at(t.header[c]));
      }
    }
  }
}

}  // namespace

TEST_CASE("--quotes --format csv --limit all: the header, one row per quote, the rows equal the --json hits") {
  const std::vector<std::string> kDefault = {"id",  "quote_index", "date", "source", "title",
                                             "url", "speaker",     "verb", "text",   "score"};
  for (const std::vector<std::string>& query :
       std::vector<std::vector<std::string>>{{"ceasefire"},
                                             {"--sort", "newest", "speaker:kerry"},
                                             {"--sort", "oldest", "humanitarian", "OR", "ceasefire"},
                                             {"--since", "1900"}}) {
    CAPTURE(query.back());
    const std::vector<nlohmann::json> hits = every_quote_json(query);
    REQUIRE(!hits.empty());
    std::vector<std::string> args = {"--format", "csv", "--limit", "all"};
    args.insert(args.end(), query.begin(), query.end());
    ProcessResult r = quotes(args);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.starts_with("id,quote_index,date,source,title,url,speaker,verb,text,score\r\n"));
    const Table t = read_table(r.out, "csv");
    CHECK(t.header == kDefault);
    check_rows_are(t, hits);
  }
  // Every quote of the sample corpus: some run over two paragraphs, so a
  // field holds a line break, quoted.
  ProcessResult every = quotes({"--format", "csv", "--limit", "all", "--fields", "text", "--since", "1900"});
  REQUIRE(every.status == 0);
  bool line_break = false;
  for (const auto& row : read_table(every.out, "csv").rows)
    line_break = line_break || row[0].find('\n') != std::string::npos;
  CHECK(line_break);
}

TEST_CASE("--quotes --format tsv --fields: the columns asked for, in that order; --limit N and --offset") {
  const std::vector<nlohmann::json> hits = every_quote_json({"speaker:kerry"});
  REQUIRE(hits.size() > 6);
  ProcessResult r = quotes(
      {"--format", "tsv", "--fields", "rank,speaker,text,id", "--limit", "all", "--offset", "2", "speaker:kerry"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find('\r') == std::string::npos);
  const Table t = read_table(r.out, "tsv");
  CHECK(t.header == std::vector<std::string>{"rank", "speaker", "text", "id"});
  check_rows_are(t, std::vector<nlohmann::json>(hits.begin() + 2, hits.end()));
  CHECK(t.rows.front()[0] == "3");
  // A page as a table: --limit 3 --offset 1 is rows 2-4.
  ProcessResult page =
      quotes({"--format", "csv", "--fields", "rank,id,quote_index", "--limit", "3", "--offset", "1", "speaker:kerry"});
  REQUIRE(page.status == 0);
  check_rows_are(read_table(page.out, "csv"), std::vector<nlohmann::json>(hits.begin() + 1, hits.begin() + 4));
  // No quote matches: the header alone, exit 1.
  ProcessResult none = quotes({"--format", "csv", "--limit", "all", "--fields", "id,text", "zzyzxq"});
  CHECK(none.status == 1);
  CHECK(none.out == "id,text\r\n");
}

TEST_CASE("--quotes --format jsonl --limit all is the --json output of a page holding every quote") {
  auto without_elapsed = [](const std::string& out) {
    std::vector<nlohmann::json> lines = parse_json_lines(out);
    for (auto& l : lines) l.erase("elapsed_ms");
    return lines;
  };
  const std::vector<std::string> query = {"--facets", "speaker,country", "--timeline=year", "ceasefire",
                                          "OR",       "access"};
  std::vector<std::string> page = {"--json", "--limit", "10000"};
  page.insert(page.end(), query.begin(), query.end());
  std::vector<std::string> all = {"--format", "jsonl", "--limit", "all"};
  all.insert(all.end(), query.begin(), query.end());
  ProcessResult p = quotes(page);
  ProcessResult a = quotes(all);
  INFO(a.err);
  REQUIRE(p.status == 0);
  REQUIRE(a.status == 0);
  const std::vector<nlohmann::json> streamed = without_elapsed(a.out);
  CHECK(streamed == without_elapsed(p.out));
  REQUIRE(!streamed.empty());
  CHECK(streamed.back()["type"] == "summary");
  CHECK(streamed.back()["returned"] == streamed.back()["quotes_matched"]);
  CHECK(streamed.back()["exact"] == true);
}

TEST_CASE("--quotes export errors: an unknown field is named with the valid ones; a full disk is exit 2") {
  ProcessResult r = quotes({"--format", "csv", "--fields", "id,author", "kerry"});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("unknown quote field 'author'") != std::string::npos);
  CHECK(r.err.find("rank, id, quote_index, date, source, title, url, speaker, verb, text, score") != std::string::npos);
  CHECK(quotes({"--limit", "all", "kerry"}).status == 2);  // text output has no --limit all
  CHECK(quotes({"--format", "csv", "--facets", "speaker", "kerry"}).status == 2);
  ProcessResult full =
      run_process({"/bin/bash", "-c", "\"$0\" --db \"$1\" --quotes --format csv --limit all --since 1900 > /dev/full",
                   NEWSDEX_SEARCH_BIN, sample_database()});
  CHECK(full.status == 2);
  CHECK(full.err.find("cannot write the results: No space left on device") != std::string::npos);
}

TEST_CASE("--quotes --timeline --facets with no matching quote prints no headings over no bars") {
  ProcessResult r = quotes({"--timeline", "--facets", "speaker", "zzyzx"});
  CHECK(r.status == 1);
  CHECK(r.out.rfind("No quotes match.", 0) == 0);
}
