// End-to-end for newsdex-search --show: the real binaries on a database of
// sample_corpus/, whose worked example bt-2016-0001 (Kerry in Bogotá; Lavrov
// only mentioned; Kerry, Santos and Al-Meslet quoted) is read back in full.
// The pager tests need a terminal: they run newsdex-search under script(1)
// (util-linux), which gives it a pseudo-terminal, with PAGER set to a shell
// script that records what it was given.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/terminal_text.h"
#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::parse_json_lines;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::sample_database;
using newsdex::test::TempDir;

namespace {

const std::string kSearch = NEWSDEX_SEARCH_BIN;
const std::string kSample = std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus";
const std::string kWorked = "bt-2016-0001";

// newsdex-search --db sample_db ARGS, never on a terminal here (a pipe).
ProcessResult show(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  std::vector<std::string> argv = {kSearch, "--db", sample_database()};
  argv.insert(argv.end(), args.begin(), args.end());
  if (!env.contains("COLUMNS")) env["COLUMNS"] = "80";
  return run_process(argv, "", env);
}

// The input record of `id` in sample_corpus/articles.jsonl, read at run time.
nlohmann::json input_article(const std::string& id) {
  std::ifstream in(kSample + "/articles.jsonl");
  REQUIRE(in);
  for (std::string line; std::getline(in, line);) {
    nlohmann::json j = nlohmann::json::parse(line);
    if (j["id"] == id) return j;
  }
  FAIL("no " << id << " in sample_corpus/articles.jsonl");
  return {};
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// `text` without the quote markers "[[Speaker: " and "]]".
std::string without_markers(std::string text) {
  for (std::size_t at; (at = text.find("[[")) != std::string::npos;) {
    std::size_t colon = text.find(": ", at);
    REQUIRE(colon != std::string::npos);
    text.erase(at, colon + 2 - at);
  }
  for (std::size_t at; (at = text.find("]]")) != std::string::npos;) text.erase(at, 2);
  return text;
}

// The text without ANSI colour sequences.
std::string strip_ansi(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      i = s.find('m', i);
      if (i == std::string::npos) break;
      continue;
    }
    out += s[i];
  }
  return out;
}

// The words shown in bold red (the matches) in colour output.
std::vector<std::string> red_words(const std::string& out) {
  std::vector<std::string> words;
  const std::string red = "\x1b[1;31m";
  for (std::size_t at = out.find(red); at != std::string::npos; at = out.find(red, at + 1)) {
    std::size_t start = at + red.size();
    std::size_t end = out.find('\x1b', start);
    words.push_back(out.substr(start, end - start));
  }
  return words;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs newsdex-search with `args` on a pseudo-terminal (script -qec), so its
// standard output and error are a terminal; returns what the terminal showed
// (stdout and stderr together) and the exit status.
ProcessResult on_terminal(const std::vector<std::string>& args, std::map<std::string, std::string> env) {
  INFO("the pager tests run newsdex-search under script(1) (util-linux) for a terminal");
  REQUIRE(std::filesystem::exists("/usr/bin/script"));
  std::string command = shell_quote(kSearch) + " --db " + shell_quote(sample_database());
  for (const std::string& a : args) command += " " + shell_quote(a);
  env["COLUMNS"] = "80";
  env["TERM"] = "xterm";
  env.erase("NO_COLOR");
  ProcessResult r = run_process({"/usr/bin/script", "-qec", command, "/dev/null"}, "", env);
  return r;
}

// A pager that records its standard input and $LESS in `dir`.
std::string recording_pager(const std::string& dir) {
  std::string path = dir + "/pager.sh";
  std::ofstream(path) << "#!/bin/sh\ncat > " << shell_quote(dir + "/paged") << "\nprintf '%s' \"$LESS\" > "
                      << shell_quote(dir + "/less") << "\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("--show prints the worked example in full: header, entities, and every word of the body") {
  ProcessResult r = show({"--show", kWorked});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const nlohmann::json input = input_article(kWorked);
  std::istringstream in(r.out);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() > 10);
  // Header: the title (wrapped at 80 columns), date · source · author · id, URL, entities.
  std::string header = r.out.substr(0, r.out.find("\n\n"));
  CHECK(words_of(header).size() > words_of(input["title"].get<std::string>()).size());
  CHECK(header.starts_with(input["title"].get<std::string>().substr(0, 40)));
  CHECK(header.find("2016-02-08 ") != std::string::npos);
  CHECK(header.find(" · Bellwether Times · by " + input["author"].get<std::string>() + " · " + kWorked + "\n") !=
        std::string::npos);
  CHECK(header.find("\n" + input["url"].get<std::string>() + "\n") != std::string::npos);
  CHECK(header.find("\nspeakers:      John Kerry, Juan Manuel Santos, Salem Al-Meslet\n") != std::string::npos);
  CHECK(header.find("\ncountries:     Colombia (CO), Russia (RU), Syria (SY)") != std::string::npos);
  CHECK(header.find("\npersons:       John Kerry, Juan Manuel Santos, Sergey Lavrov") != std::string::npos);
  CHECK(header.find("\norganizations: ") != std::string::npos);
  // Body: every word of the stored article, in order, paragraphs kept apart.
  std::string body = without_markers(r.out.substr(r.out.find("\n\n") + 2));
  CHECK(words_of(body) == words_of(input["body"].get<std::string>()));
  std::size_t input_paragraphs = 0;
  const std::string input_body = input["body"].get<std::string>();
  for (std::size_t at = input_body.find("\n\n"); at != std::string::npos; at = input_body.find("\n\n", at + 2)) {
    ++input_paragraphs;
  }
  std::size_t shown_paragraphs = 0;
  for (std::size_t at = body.find("\n\n"); at != std::string::npos; at = body.find("\n\n", at + 2)) ++shown_paragraphs;
  CHECK(shown_paragraphs == input_paragraphs);
  for (const std::string& line : lines) {
    if (line == input["url"]) continue;  // never broken, so that it stays one link
    CHECK(newsdex::display_width(line) <= 80);
  }
}

TEST_CASE("--show marks quotes with their speaker: inline markers in a pipe") {
  ProcessResult r = show({"--show", kWorked});
  REQUIRE(r.status == 0);
  // Kerry's direct quote, his reported speech, Al-Meslet's and Santos's quotes.
  std::string flat;
  for (const std::string& w : words_of(r.out)) flat += w + " ";
  CHECK(flat.find("[[John Kerry: \"Nobody should mistake patience for weakness.") != std::string::npos);
  CHECK(flat.find("Kerry said [[John Kerry: he would press Lavrov in Munich on Thursday") != std::string::npos);
  CHECK(flat.find("[[Salem Al-Meslet: \"We came to the talks in good faith") != std::string::npos);
  CHECK(flat.find("[[Juan Manuel Santos: ") != std::string::npos);
  CHECK(flat.find("[[Sergey Lavrov:") == std::string::npos);  // mentioned, never quoted
  std::size_t open = 0, close = 0;
  for (std::size_t at = r.out.find("[["); at != std::string::npos; at = r.out.find("[[", at + 2)) ++open;
  for (std::size_t at = r.out.find("]]"); at != std::string::npos; at = r.out.find("]]", at + 2)) ++close;
  CHECK(open == close);
  CHECK(r.out.find('\x1b') == std::string::npos);  // a pipe gets no colour
}

TEST_CASE("--show with --color always: quotes in colour with a margin note, no inline markers") {
  ProcessResult r = show({"--show", "--color", "always", kWorked});
  REQUIRE(r.status == 0);
  CHECK(r.out.find("[[") == std::string::npos);
  std::string plain = strip_ansi(r.out);
  bool note = false;
  std::istringstream in(plain);
  for (std::string line; std::getline(in, line);) {
    // The note is right-aligned in the margin, before the bar.
    const std::string trimmed = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    if (trimmed.starts_with("John Kerry ▌ ")) note = true;
    if (line.find("Nobody should mistake") != std::string::npos) CHECK(trimmed.starts_with("John Kerry ▌ "));
    if (!line.starts_with("https://")) CHECK(newsdex::display_width(line) <= 80);
  }
  CHECK(note);
  CHECK(plain.find("Salem Al-Meslet ▌") != std::string::npos);
}

TEST_CASE("--show ID -- QUERY marks the query's words as snippets do (stems too), in colour only") {
  ProcessResult r = show({"--show", "--color", "always", kWorked, "--", "Kerry", "Munich", "pressing"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::vector<std::string> red = red_words(r.out);
  REQUIRE_FALSE(red.empty());
  std::size_t kerry = 0, munich = 0, press = 0;
  for (const std::string& w : red) {
    CAPTURE(w);
    CHECK((w == "Kerry" || w == "Munich" || w == "press"));
    kerry += w == "Kerry";
    munich += w == "Munich";
    press += w == "press";  // "pressing" and "press" share a stem
  }
  CHECK(kerry >= 8);
  CHECK(munich >= 3);  // title and body
  CHECK(press == 1);
  // The same words as the --json highlights.
  ProcessResult j = show({"--show", "--json", kWorked, "--", "Kerry", "Munich", "pressing"});
  REQUIRE(j.status == 0);
  nlohmann::json a = parse_json_lines(j.out).at(0);
  std::size_t ranges = a["body_highlights"].size() + a["title_highlights"].size();
  CHECK(ranges == red.size());
  // Without colour the words are not marked, as in snippets.
  ProcessResult plain = show({"--show", kWorked, "--", "Kerry", "Munich"});
  CHECK(plain.out.find('\x1b') == std::string::npos);
  CHECK(words_of(without_markers(plain.out)) == words_of(without_markers(show({"--show", kWorked}).out)));
}

TEST_CASE("--show --json gives the whole article object, its quotes located in the body") {
  ProcessResult r = show({"--show", "--json", kWorked, "--", "Lavrov"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::vector<nlohmann::json> lines = parse_json_lines(r.out);
  REQUIRE(lines.size() == 1);
  const nlohmann::json& a = lines[0];
  const nlohmann::json input = input_article(kWorked);
  CHECK(a["type"] == "article");
  CHECK(a["format_version"] == 1);
  CHECK(a["id"] == kWorked);
  CHECK(a["title"] == input["title"]);
  CHECK(a["body"] == input["body"]);
  CHECK(a["source"] == "Bellwether Times");
  CHECK(a["url"] == input["url"]);
  CHECK(a["author"] == input["author"]);
  CHECK(a["lang"] == "en");
  CHECK(a["date"].get<std::string>().starts_with("2016-02-08T"));
  CHECK(a["entities"] == "extracted");
  CHECK(a["speakers"] == nlohmann::json::parse(R"(["John Kerry","Juan Manuel Santos","Salem Al-Meslet"])"));
  std::set<std::string> codes;
  for (const auto& c : a["countries"]) codes.insert(c["code"].get<std::string>());
  for (const char* code : {"SY", "RU", "US", "CO"}) CHECK(codes.contains(code));
  const std::string body = a["body"].get<std::string>();
  REQUIRE(a["quotes"].size() >= 10);
  for (const auto& q : a["quotes"]) {
    REQUIRE(q["start"].is_number());
    auto start = q["start"].get<std::size_t>(), end = q["end"].get<std::size_t>();
    CHECK(body.substr(start, end - start) == q["text"].get<std::string>());
    CHECK(q["verb"].is_string());
  }
  REQUIRE_FALSE(a["body_highlights"].empty());
  for (const auto& h : a["body_highlights"]) {
    auto start = h[0].get<std::size_t>(), end = h[1].get<std::size_t>();
    CHECK(body.substr(start, end - start) == "Lavrov");
  }
}

TEST_CASE("--show takes several ids, in order, separated by a rule; --json one line each") {
  ProcessResult r = show({"--show", kWorked, "gh-2016-0001"});
  REQUIRE(r.status == 0);
  std::size_t first = r.out.find(input_article(kWorked)["title"].get<std::string>().substr(0, 30));
  std::size_t rule = r.out.find("\n────");
  std::size_t second = r.out.find(input_article("gh-2016-0001")["title"].get<std::string>().substr(0, 30));
  CHECK(first == 0);
  CHECK(rule != std::string::npos);
  CHECK(second != std::string::npos);
  CHECK(first < rule);
  CHECK(rule < second);
  ProcessResult j = show({"--show", "--json", kWorked, "gh-2016-0001"});
  std::vector<nlohmann::json> lines = parse_json_lines(j.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["id"] == kWorked);
  CHECK(lines[1]["id"] == "gh-2016-0001");
}

TEST_CASE("--show of an unknown id: exit 1 with a message naming it; the known ones still printed") {
  ProcessResult r = show({"--show", "no-such-article"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "newsdex-search: no article with id 'no-such-article' in the database at " + sample_database() + "\n");
  ProcessResult mixed = show({"--show", "--json", "no-such-article", kWorked});
  CHECK(mixed.status == 1);
  CHECK(mixed.err.find("'no-such-article'") != std::string::npos);
  std::vector<nlohmann::json> lines = parse_json_lines(mixed.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["id"] == kWorked);
  ProcessResult long_id = show({"--show", std::string(300, 'x')});  // longer than any id term
  CHECK(long_id.status == 1);
}

TEST_CASE("--show usage errors: no id, search-only options, no database, a bad query (exit 2)") {
  ProcessResult none = show({"--show"});
  CHECK(none.status == 2);
  CHECK(none.err.find("--show: give the ids") != std::string::npos);
  ProcessResult limit = show({"--show", kWorked, "--limit", "3"});
  CHECK(limit.status == 2);
  CHECK(limit.err.find("--limit does not apply to --show") != std::string::npos);
  ProcessResult missing = run_process({kSearch, "--db", "/nonexistent/newsdex-db", "--show", kWorked});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("no database at /nonexistent/newsdex-db") != std::string::npos);
  ProcessResult bad = show({"--show", kWorked, "--", "Kerry", "AND"});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("query syntax error") != std::string::npos);
  CHECK(bad.out.empty());
}

TEST_CASE("--show on a terminal goes through $PAGER with LESS=FRX, in colour; --no-pager prints directly") {
  TempDir dir;
  const std::string pager = recording_pager(dir.path());
  ProcessResult r = on_terminal({"--show", kWorked}, {{"PAGER", pager}});
  INFO(r.out);
  REQUIRE(r.status == 0);
  REQUIRE(std::filesystem::exists(dir.path() + "/paged"));
  const std::string paged = read_file(dir.path() + "/paged");
  // What the pager got is what --color always prints at the same width.
  ProcessResult expected = show({"--show", "--color", "always", kWorked});
  CHECK(paged == expected.out);
  CHECK(read_file(dir.path() + "/less") == "FRX");
  CHECK(r.out.find("Kerry") == std::string::npos);  // nothing went past the pager
  // LESS of the user's own is left alone.
  std::filesystem::remove(dir.path() + "/paged");
  ProcessResult own = on_terminal({"--show", kWorked}, {{"PAGER", pager}, {"LESS", "-S"}});
  REQUIRE(own.status == 0);
  CHECK(read_file(dir.path() + "/less") == "-S");
  // NEWSDEX_PAGER before PAGER.
  std::filesystem::remove(dir.path() + "/paged");
  ProcessResult ours = on_terminal({"--show", kWorked}, {{"PAGER", "/nonexistent/pager"}, {"NEWSDEX_PAGER", pager}});
  REQUIRE(ours.status == 0);
  CHECK(std::filesystem::exists(dir.path() + "/paged"));
  // --no-pager: straight to the terminal.
  std::filesystem::remove(dir.path() + "/paged");
  ProcessResult direct = on_terminal({"--show", "--no-pager", kWorked}, {{"PAGER", pager}});
  REQUIRE(direct.status == 0);
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/paged"));
  CHECK(direct.out.find("Bogot") != std::string::npos);
  // PAGER=cat means no pager, as with git.
  ProcessResult cat = on_terminal({"--show", kWorked}, {{"PAGER", "cat"}});
  CHECK(cat.status == 0);
  CHECK(cat.out.find("Bogot") != std::string::npos);
}

TEST_CASE("--show in a pipe never pages, even with PAGER set") {
  TempDir dir;
  const std::string pager = recording_pager(dir.path());
  ProcessResult r = show({"--show", kWorked}, {{"PAGER", pager}});
  REQUIRE(r.status == 0);
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/paged"));
  CHECK(r.out.find("Bogot") != std::string::npos);
}

TEST_CASE("--show with a pager that cannot run or fails: reported; the text is printed when it never ran") {
  ProcessResult missing = on_terminal({"--show", kWorked}, {{"PAGER", "/nonexistent/pager"}});
  CHECK(missing.status == 0);
  CHECK(missing.out.find("newsdex-search: cannot run the pager '/nonexistent/pager' (command not found); printing "
                         "without it") != std::string::npos);
  CHECK(missing.out.find("Bogot") != std::string::npos);  // shown anyway
  ProcessResult failing = on_terminal({"--show", kWorked}, {{"PAGER", "cat >/dev/null; exit 3"}});
  CHECK(failing.status == 2);
  CHECK(failing.out.find("the pager 'cat >/dev/null; exit 3' exited with status 3") != std::string::npos);
}

TEST_CASE("--show: a pager that quits before reading everything (q in less) is a clean exit") {
  // Far more than a pipe holds, to a pager that reads nothing: the write
  // fails with EPIPE, which must neither kill newsdex-search nor be reported.
  std::vector<std::string> args = {"--show"};
  for (int i = 0; i < 40; ++i) args.push_back(kWorked);
  ProcessResult quits = on_terminal(args, {{"PAGER", "true"}});
  CHECK(quits.status == 0);
  CHECK(quits.out.empty());
  ProcessResult head = on_terminal(args, {{"PAGER", "head -c 100 >/dev/null"}});
  CHECK(head.status == 0);
  CHECK(head.out.empty());
}
