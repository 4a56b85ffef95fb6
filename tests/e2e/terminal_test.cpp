// End-to-end tests "as a person would" use the tools: the real binaries run on
// a real pseudo-terminal inside tmux, sized like a terminal window, and the
// test reads what the terminal shows (tmux capture-pane; -e keeps the
// colours, -J joins the rows the terminal itself wrapped) and types keys
// (send-keys: q for the pager, C-c).
//
// Nothing waits on the clock. A command signals the tmux channel "done" when
// it ends (tmux wait-for); a process is held at a known point by the test hooks
// of common/test_hook.h, reached through a Unix socket (HookListener: the tmux
// server, not the test, is the process's parent); what the screen shows is
// polled until it holds the expected text, under an overall bound that only
// ever fails a test. Each test gets its own tmux server (-S socket in its own
// temp dir), killed at the end. The articles are made up here (no shared
// corpus text), CJK ones included.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "tests/e2e/process.h"

using newsdex::test::BackgroundProcess;
using newsdex::test::HookListener;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::TempDir;

namespace {

const std::string kIndex = NEWSDEX_INDEX_BIN;
const std::string kSearch = NEWSDEX_SEARCH_BIN;

// How long a test waits for a screen or a command before it fails: a guard
// against a hang, far beyond what a working run needs even under ASan on a
// loaded machine. Never a reason to pass.
constexpr auto kHangGuard = std::chrono::minutes(3);

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The tmux binary on PATH; fails the test loudly without it.
const std::string& tmux_binary() {
  static const std::string path = [] {
    const char* env_path = std::getenv("PATH");
    std::istringstream dirs(env_path ? env_path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
      std::string candidate = dir + "/tmux";
      if (!dir.empty() && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::string();
  }();
  INFO("the terminal tests need tmux (scripts/setup.sh installs it)");
  REQUIRE(!path.empty());
  return path;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string rtrim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// Terminal columns of `text` (UTF-8, no escape sequences), counted here
// independently of common/terminal_text: 2 for the East Asian wide ranges the
// test articles use (Han, kana, Hangul, full-width forms), 1 otherwise.
std::size_t columns(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < len && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    }
    i += len;
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

// One tmux server with one session (its own socket in its own temp dir) in
// which run() starts one command, as sh runs it, in a window `cols` x `rows`.
// The command's environment is a person's at a terminal: TERM from tmux,
// LANG=C.UTF-8, no NO_COLOR, LESS, PAGER or COLUMNS from the test's own
// environment; `env` adds to it. The pane's shell catches SIGINT (as an
// interactive shell does), so after a Ctrl-C it still prints "[exit N]"; then
// it signals the channel "done" and waits, keeping the screen as it is.
class Terminal {
 public:
  Terminal(int cols, int rows) : cols_(cols), rows_(rows), socket_(dir_.path() + "/tmux.sock") {}
  ~Terminal() {
    if (started_) run_process({tmux_binary(), "-S", socket_, "kill-server"}, "", tmux_env());
  }
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  const std::string& dir() const { return dir_.path(); }

  // Starts `command` (a shell command line). Once per Terminal.
  void run(const std::string& command, const std::map<std::string, std::string>& env = {}) {
    REQUIRE(!started_);
    const std::string script = dir_.path() + "/run.sh";
    std::ofstream out(script);
    out << "trap : INT\n"
        << "unset NO_COLOR LESS PAGER NEWSDEX_PAGER COLUMNS LINES LC_ALL LC_CTYPE NEWSDEX_DB "
           "NEWSDEX_TEST_HOOK_FD NEWSDEX_TEST_PAUSE\n"
        << "export LANG=C.UTF-8\n";
    for (const auto& [k, v] : env) out << "export " << k << "=" << shell_quote(v) << "\n";
    out << command << "\n"
        << "printf '\\n[exit %d]\\n' $?\n"
        << shell_quote(tmux_binary()) << " -S " << shell_quote(socket_) << " wait-for -S done\n"
        << "read _\n";
    out.close();
    REQUIRE(out);
    ProcessResult r = tmux({"new-session", "-d", "-s", "t", "-x", std::to_string(cols_), "-y", std::to_string(rows_),
                            "sh " + shell_quote(script)});
    INFO("tmux new-session: " << r.err);
    REQUIRE(r.status == 0);
    started_ = true;
  }

  // Waits for the command to end; returns its exit status, from the screen.
  int wait_done() {
    BackgroundProcess waiter({tmux_binary(), "-S", socket_, "wait-for", "done"}, tmux_env());
    auto r = waiter.wait_for(std::chrono::duration_cast<std::chrono::milliseconds>(kHangGuard));
    INFO("the screen:\n" << capture());
    REQUIRE_MESSAGE(r.has_value(), "the command did not end within the hang guard");
    REQUIRE(r->status == 0);
    std::smatch m;
    const std::string all = capture();
    REQUIRE(std::regex_search(all, m, std::regex(R"(\[exit (\d+)\])")));
    return std::stoi(m[1]);
  }

  // What the terminal shows: the rows scrolled off (history) and the screen
  // (`history` true), or only the screen; with `escapes`, the colours and
  // attributes as escape sequences; with `join`, the rows the terminal wrapped
  // joined into the line that was written. Trailing blank rows dropped.
  std::string capture(bool escapes = false, bool join = false, bool history = true) {
    std::vector<std::string> args = {"capture-pane", "-p", "-t", "t"};
    if (escapes) args.push_back("-e");
    if (join) args.push_back("-J");
    if (history) {
      args.push_back("-S");
      args.push_back("-");
    }
    ProcessResult r = tmux(args);
    REQUIRE(r.status == 0);
    std::string text = r.out;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
  }

  // Polls the screen (with history) until `ready` holds; fails the test after
  // the hang guard. The pause between polls only paces them.
  std::string wait_for_screen(const std::function<bool(const std::string&)>& ready, const std::string& what,
                              bool escapes = false) {
    const auto deadline = std::chrono::steady_clock::now() + kHangGuard;
    for (;;) {
      std::string screen = capture(escapes);
      if (ready(screen)) return screen;
      if (std::chrono::steady_clock::now() > deadline) {
        FAIL("waited in vain for " << what << "; the screen:\n" << screen);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  // Types `keys` (tmux key names: "q", "C-c", "Enter").
  void send_keys(const std::string& keys) {
    ProcessResult r = tmux({"send-keys", "-t", "t", keys});
    REQUIRE(r.status == 0);
  }

 private:
  static std::map<std::string, std::string> tmux_env() { return {{"LANG", "C.UTF-8"}, {"TMUX", ""}}; }

  ProcessResult tmux(std::vector<std::string> args) {
    std::vector<std::string> argv = {tmux_binary(), "-u", "-f", "/dev/null", "-S", socket_};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, "", tmux_env());
  }

  int cols_;
  int rows_;
  TempDir dir_;
  std::string socket_;
  bool started_ = false;
};

// --- The test articles, made up here --------------------------------------

constexpr int kFillers = 12;  // articles about the lighthouse, for many hits

// A long English article: a title longer than 80 columns and nine
// paragraphs, the last one ending in "coda".
nlohmann::json long_article() {
  std::string body;
  for (int p = 1; p <= 9; ++p) {
    if (!body.empty()) body += "\n\n";
    body += "Paragraph " + std::to_string(p) +
            ": the harbour council of Westmere met again on Tuesday to weigh the quillfeather levy, which "
            "fishermen say would fall hardest on the small boats that still land their catch at the old "
            "stone quay, while the ferry operators argue that the money is needed to dredge the channel "
            "before the winter storms arrive and the pilots refuse to bring larger vessels in at night.";
  }
  // Quoted people and countries, for a speakers and countries line wider
  // than 80 columns.
  body +=
      "\n\n\"We cannot carry this alone,\" said Morwenna Trelawney, who chairs the fishermen's association. "
      "\"The channel silts up every winter,\" said Bartholomew Pengelly, the harbour master. "
      "\"Our timetable depends on it,\" said Genevieve Carrow-Hastings of the ferry company. "
      "Boats from France, Norway, Portugal, Spain, Ireland and Denmark also use the quay.";
  body += " The last word of the article is coda";
  return {{"id", "tt-long"},
          {"title",
           "Westmere harbour council weighs the quillfeather levy as fishermen and ferry operators "
           "argue over who should pay to dredge the channel"},
          {"body", body},
          {"date", "2021-03-02T09:00:00Z"},
          {"source", "Westmere Gazette"},
          {"url", "https://westmere-gazette.test/2021/03/levy"},
          {"author", "Ada Rowntree"},
          {"lang", "en"}};
}

// Chinese title of 44 wide characters (88 columns) and a body of wide
// characters with one Latin word, "zorblax", to search for.
nlohmann::json cjk_article() {
  std::string sentence = "市政府今天宣布新的城市交通规划方案，计划在未来五年内扩建地铁线路并改善公共汽车服务质量，";
  std::string body;
  for (int i = 0; i < 4; ++i) body += sentence;
  body += "专家称这项 zorblax 计划将缓解高峰时段的道路拥堵问题。";
  for (int i = 0; i < 4; ++i) body += sentence;
  body += "\n\n東京の専門家もこの計画に注目しており、交通政策の参考になると述べた。";
  return {{"id", "tt-cjk"},
          {"title", "北京市政府宣布新的城市交通规划方案以缓解高峰时段的道路拥堵问题并改善公共交通服务质量"},
          {"body", body},
          {"date", "2021-04-05T08:00:00Z"},
          {"source", "城市日报"},
          {"lang", "zh"}};
}

// Twelve short articles about a lighthouse, each in words of its own (so the
// searcher does not fold them together as near-duplicates).
nlohmann::json filler_article(int n) {
  static const char* const kBodies[kFillers] = {
      "The lighthouse on Gannet Point was lit at dusk; two trawlers sheltered in the lee of the headland.",
      "A storm cracked the lighthouse lantern glass, and the keeper fitted a spare pane by candlelight.",
      "Schoolchildren toured the lighthouse, counting one hundred and twelve iron steps to the gallery.",
      "Fog horns sounded from the lighthouse for nine hours while the ferry waited outside the bar.",
      "Painters renewed the red and white bands of the lighthouse tower before the summer visitors came.",
      "The lighthouse generator failed at midnight; paraffin lamps kept the light burning until morning.",
      "Seals hauled out on the rocks below the lighthouse, and a warden fenced off the slipway.",
      "An inspector from the board praised the lighthouse logbook, kept in the same hand for decades.",
      "Gulls nested on the lighthouse balcony, so the cleaning of the lens was put off until August.",
      "The lighthouse cottage roof leaked after heavy rain, soaking charts stored in the attic.",
      "Radio engineers mounted a new aerial on the lighthouse, improving reception for coastal shipping.",
      "A retired captain donated his brass telescope to the lighthouse museum on the harbour road.",
  };
  return {{"id", "tt-filler-" + std::to_string(n)},
          {"title", "Lighthouse keeper's log, entry " + std::to_string(n)},
          {"body", kBodies[n - 1]},
          {"date", "2021-01-" + std::string(n < 10 ? "0" : "") + std::to_string(n) + "T18:00:00Z"},
          {"source", "Keeper's Log"},
          {"lang", "en"}};
}

// The corpus file (JSON Lines) in `dir`: the long, CJK and filler articles.
std::string write_corpus(const std::string& dir) {
  std::string path = dir + "/articles.jsonl";
  std::ofstream out(path);
  out << long_article().dump() << "\n" << cjk_article().dump() << "\n";
  for (int n = 1; n <= kFillers; ++n) out << filler_article(n).dump() << "\n";
  out.close();
  REQUIRE(out);
  return path;
}

constexpr int kCorpusArticles = 2 + kFillers;

// A database of the test articles, indexed once (outside a terminal).
const std::string& test_db() {
  static TempDir dir;
  static const std::string db = [] {
    std::string path = dir.path() + "/db";
    ProcessResult r = run_process({kIndex, "--db", path, write_corpus(dir.path())});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return path;
  }();
  return db;
}

std::string search_command(const std::string& args) {
  return shell_quote(kSearch) + " --db " + shell_quote(test_db()) + " " + args;
}

// The lines of `text` whose terminal columns exceed `cols`.
std::vector<std::string> too_wide(const std::string& text, std::size_t cols) {
  std::vector<std::string> out;
  for (const std::string& line : split_lines(text)) {
    if (columns(rtrim(line)) > cols) out.push_back(line);
  }
  return out;
}

std::size_t widest(const std::string& text) {
  std::size_t most = 0;
  for (const std::string& line : split_lines(text)) most = std::max(most, columns(rtrim(line)));
  return most;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const std::regex kProgressLine(R"(^(\d+) articles?  \d+/s  \d+\.\d MB/s  \d+%  ETA \d+:\d\d$)");

// The progress lines on the screen.
std::vector<std::string> progress_lines(const std::string& screen) {
  std::vector<std::string> out;
  for (const std::string& line : split_lines(screen)) {
    if (std::regex_match(rtrim(line), kProgressLine)) out.push_back(rtrim(line));
  }
  return out;
}

}  // namespace

TEST_CASE("terminal: the indexer draws one progress line in place while it works and erases it at the end") {
  Terminal term(80, 24);
  TempDir data;
  const std::string corpus = write_corpus(data.path());
  HookListener hooks(term.dir() + "/hooks.sock");
  term.run(shell_quote(kIndex) + " --db " + shell_quote(data.path() + "/db") + " " + shell_quote(corpus),
           {{"NEWSDEX_TEST_PROGRESS_INTERVAL_MS", "0"},
            {"NEWSDEX_TEST_HOOK_SOCKET", hooks.path()},
            {"NEWSDEX_TEST_PAUSE", "progress@3"}});
  // Held right after its third draw: that line is on the terminal, and the
  // first two were drawn over, not scrolled.
  REQUIRE(hooks.wait_for_hook() == "progress 3");
  std::string screen = term.wait_for_screen([](const std::string& s) { return contains(s, "3 articles  "); },
                                            "the progress line of the 3rd article");
  INFO("the screen:\n" << screen);
  const std::vector<std::string> lines = progress_lines(screen);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("3 articles  ", 0) == 0);
  CHECK(!contains(screen, "1 article "));
  CHECK(!contains(screen, "2 articles"));
  CHECK(columns(lines[0]) <= 80);
  hooks.close_connection();
  REQUIRE(term.wait_done() == 0);
  const std::string end = term.capture();
  INFO("the screen at the end:\n" << end);
  CHECK(progress_lines(end).empty());
  CHECK(!contains(end, "/s  "));
  CHECK(contains(end, std::to_string(kCorpusArticles)));  // the summary counts them all
}

TEST_CASE("terminal: no progress line with --quiet or when standard error is not a terminal") {
  for (const std::string mode : {"--quiet", "2>log"}) {
    CAPTURE(mode);
    Terminal term(80, 24);
    TempDir data;
    const std::string corpus = write_corpus(data.path());
    term.run(shell_quote(kIndex) + " --db " + shell_quote(data.path() + "/db") + " " + shell_quote(corpus) + " " +
                 (mode == "--quiet" ? mode : "2>" + shell_quote(term.dir() + "/log")),
             {{"NEWSDEX_TEST_PROGRESS_INTERVAL_MS", "0"}});
    REQUIRE(term.wait_done() == 0);
    const std::string end = term.capture();
    INFO("the screen:\n" << end);
    CHECK(!contains(end, "/s  "));
    if (mode != "--quiet") {
      std::ifstream in(term.dir() + "/log");
      std::ostringstream text;
      text << in.rdbuf();
      const std::string log = text.str();
      INFO("stderr:\n" << log);
      CHECK(!log.empty());  // the summary went there
      CHECK(!contains(log, "\r"));
      CHECK(!contains(log, "/s  "));
    }
  }
}

TEST_CASE("terminal: --color auto colours results on a terminal; NO_COLOR, --color never and a pipe turn it off") {
  SUBCASE("auto on a terminal: the title bold, the matched word bold red") {
    Terminal term(80, 24);
    term.run(search_command("lighthouse"));
    REQUIRE(term.wait_done() == 0);
    const std::string shown = term.capture(true);
    INFO("the screen with escapes:\n" << shown);
    CHECK(contains(shown, "\x1b["));
    // tmux writes each cell's attributes as SGR codes; the matched word's
    // include bold (1) and red (31).
    std::smatch m;
    REQUIRE(std::regex_search(shown, m, std::regex("\x1b\\[([0-9;]*)m((\x1b\\[[0-9;]*m)*)[Ll]ighthouse")));
    const std::string codes = m[1].str() + ";" + m[2].str();
    CHECK(std::regex_search(codes, std::regex("(^|[;\\[])31(m|;|$)")));
    CHECK(std::regex_search(codes, std::regex("(^|[;\\[])1(m|;|$)")));
  }
  struct Case {
    const char* name;
    std::string command;
    std::map<std::string, std::string> env;
  };
  for (const Case& c : {Case{"NO_COLOR=1", search_command("lighthouse"), {{"NO_COLOR", "1"}}},
                        Case{"--color never", search_command("--color never lighthouse"), {}},
                        Case{"a pipe", search_command("lighthouse") + " | cat", {}},
                        Case{"TERM=dumb", search_command("lighthouse"), {{"TERM", "dumb"}}}}) {
    CAPTURE(c.name);
    Terminal term(80, 24);
    term.run(c.command, c.env);
    REQUIRE(term.wait_done() == 0);
    const std::string shown = term.capture(true);
    INFO("the screen with escapes:\n" << shown);
    CHECK(contains(shown, "ighthouse"));
    CHECK(!contains(shown, "\x1b["));
  }
}

TEST_CASE("terminal: --show pages the article through $PAGER until q; --no-pager prints it all") {
  SUBCASE("PAGER='less -R': the first page, held until q, then exit 0") {
    Terminal term(80, 24);
    term.run(search_command("--show tt-long"), {{"PAGER", "less -R"}});
    // less waits at its prompt (":" on the last row) with the article's
    // first page on the screen.
    const std::string page = term.wait_for_screen(
        [](const std::string& s) {
          std::vector<std::string> rows = split_lines(s);
          return !rows.empty() && rtrim(rows.back()) == ":";
        },
        "less's prompt");
    INFO("the screen:\n" << page);
    CHECK(contains(page, "Westmere harbour council"));
    CHECK(contains(page, "Paragraph 1"));
    CHECK(!contains(page, "coda"));
    CHECK(!contains(page, "[exit"));
    term.send_keys("q");
    CHECK(term.wait_done() == 0);
  }
  SUBCASE("--no-pager: the whole article, no key needed") {
    Terminal term(80, 24);
    term.run(search_command("--show tt-long --no-pager"), {{"PAGER", "less -R"}});
    REQUIRE(term.wait_done() == 0);
    const std::string all = term.capture();
    INFO("the screen and history:\n" << all);
    CHECK(contains(all, "Paragraph 1"));
    CHECK(contains(all, "Paragraph 9"));
    CHECK(contains(all, "coda"));
  }
}

TEST_CASE("terminal: results and --show are wrapped to the terminal's width, 80 and 200 columns") {
  for (int cols : {80, 200}) {
    CAPTURE(cols);
    for (const std::string args : {"--snippet-chars 600 quillfeather", "--show tt-long --no-pager"}) {
      CAPTURE(args);
      Terminal term(cols, 24);
      term.run(search_command(args));
      REQUIRE(term.wait_done() == 0);
      // -J joins what the terminal wrapped: a line the program did not wrap
      // itself shows up longer than the window.
      const std::string joined = term.capture(false, true);
      INFO("the lines as written:\n" << joined);
      CHECK(too_wide(joined, static_cast<std::size_t>(cols)).empty());
      // The width is the terminal's: the 200-column window gets long lines.
      if (cols == 200) CHECK(widest(joined) > 120);
      // The long title is there in full (over two lines at 80 columns).
      const std::string flat = std::regex_replace(joined, std::regex("\\s+"), " ");
      CHECK(contains(flat, "fishermen and ferry operators argue over who should pay to dredge the channel"));
    }
  }
}

TEST_CASE("terminal: CJK titles and text take two columns a character and are wrapped by columns") {
  for (const std::string args : {"zorblax", "--show tt-cjk --no-pager -- zorblax"}) {
    CAPTURE(args);
    Terminal term(80, 24);
    term.run(search_command(args));
    REQUIRE(term.wait_done() == 0);
    const std::string joined = term.capture(false, true);
    INFO("the lines as written:\n" << joined);
    CHECK(too_wide(joined, 80).empty());
    // Wrapped by columns, not by bytes (3 a character) or characters (2
    // columns each): the lines of wide text come close to the edge.
    std::size_t widest_cjk = 0;
    for (const std::string& line : split_lines(joined)) {
      if (contains(line, "市政府")) widest_cjk = std::max(widest_cjk, columns(rtrim(line)));
    }
    CHECK(widest_cjk > 70);
    // The title (88 columns) is there in full, over two lines.
    std::string flat;
    for (const std::string& line : split_lines(joined)) {
      std::string t = rtrim(line);
      std::size_t first = t.find_first_not_of(' ');
      if (first != std::string::npos) flat += t.substr(first);
    }
    CHECK(contains(flat, "北京市政府宣布新的城市交通规划方案以缓解高峰时段的道路拥堵问题并改善公共交通服务质量"));
  }
}

TEST_CASE("terminal: Ctrl-C stops a search in the middle of its results, exit 130, terminal left clean") {
  Terminal term(80, 24);
  HookListener hooks(term.dir() + "/hooks.sock");
  term.run(search_command("--limit 20 lighthouse"),
           {{"NEWSDEX_TEST_HOOK_SOCKET", hooks.path()}, {"NEWSDEX_TEST_PAUSE", "hit@3"}});
  // Held after its third result, which is on the screen: the search is
  // running when the key comes.
  REQUIRE(hooks.wait_for_hook() == "hit 3");
  term.wait_for_screen([](const std::string& s) { return std::regex_search(s, std::regex("(^|\n)3\\. ")); },
                       "the third result");
  term.send_keys("C-c");
  // Not resumed: Ctrl-C alone must end it.
  CHECK(term.wait_done() == 130);
  const std::string all = term.capture();
  INFO("the screen:\n" << all);
  CHECK(!std::regex_search(all, std::regex("(^|\n)4\\. ")));
  CHECK(!contains(all, "Results "));
  // No colour left switched on: the shell's line after it is plain.
  const std::string coloured = term.capture(true);
  std::smatch m;
  REQUIRE(std::regex_search(coloured, m, std::regex("(\x1b\\[[0-9;]*m)*\\[exit 130\\]")));
  CHECK(m[1].str().empty());
}

TEST_CASE("terminal: Ctrl-C stops a --limit all export to a file: exit 130, no message, the rows before it intact") {
  // Articles (--format csv) and quotes (--quotes --format csv): held at the
  // hook "row" after the 3rd row (2nd quote), written and flushed; Ctrl-C
  // there ends it (docs/newsdex-search.md: what a Ctrl-C elsewhere leaves).
  struct Case {
    std::string args;
    int rows;
  };
  for (const Case& c : {Case{"--format csv --limit all --all lighthouse", 3},
                        Case{"--quotes --format csv --limit all --fields id,speaker,text --since 2000", 2}}) {
    CAPTURE(c.args);
    Terminal term(80, 24);
    HookListener hooks(term.dir() + "/hooks.sock");
    const std::string out = term.dir() + "/out.csv";
    term.run(search_command(c.args) + " > " + shell_quote(out),
             {{"NEWSDEX_TEST_HOOK_SOCKET", hooks.path()}, {"NEWSDEX_TEST_PAUSE", "row@" + std::to_string(c.rows)}});
    REQUIRE(hooks.wait_for_hook() == "row " + std::to_string(c.rows));
    term.send_keys("C-c");
    // Not resumed: Ctrl-C alone must end it.
    CHECK(term.wait_done() == 130);
    const std::string screen = term.capture();
    INFO("the screen:\n" << screen);
    CHECK(!contains(screen, "newsdex-search"));  // no message, no partial summary
    CHECK(!contains(screen, "lighthouse"));
    std::ifstream in(out, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string written = bytes.str();
    INFO("out.csv:\n" << written);
    CHECK(written.ends_with("\r\n"));  // a whole row last
    // Read back with Python's csv module: the header and the rows written.
    ProcessResult r = run_process(
        {"/usr/bin/python3", "-c",
         "import csv,sys\nrows=list(csv.reader(open(sys.argv[1],newline='',encoding='utf-8'),strict=True))\n"
         "assert all(len(r)==len(rows[0]) for r in rows), rows\nprint(len(rows)-1)",
         out});
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out == std::to_string(c.rows) + "\n");
  }
}

TEST_CASE("terminal: the indexer's progress line fits a 30-column terminal, without wrapping") {
  Terminal term(30, 24);
  TempDir data;
  const std::string corpus = write_corpus(data.path());
  HookListener hooks(term.dir() + "/hooks.sock");
  term.run(shell_quote(kIndex) + " --db " + shell_quote(data.path() + "/db") + " " + shell_quote(corpus),
           {{"NEWSDEX_TEST_PROGRESS_INTERVAL_MS", "0"},
            {"NEWSDEX_TEST_HOOK_SOCKET", hooks.path()},
            {"NEWSDEX_TEST_PAUSE", "progress@3"}});
  REQUIRE(hooks.wait_for_hook() == "progress 3");
  term.wait_for_screen([](const std::string& s) { return contains(s, "3 articles"); },
                       "the progress line of the 3rd article");
  // -J joins the rows the terminal wrapped: a line wider than the window
  // would show up longer than 30 columns, and the first two draws as rows
  // left behind.
  const std::string joined = term.capture(false, true);
  INFO("the lines as written:\n" << joined);
  std::vector<std::string> lines;
  for (const std::string& line : split_lines(joined)) {
    if (contains(line, "article")) lines.push_back(rtrim(line));
  }
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("3 articles  ", 0) == 0);
  CHECK(contains(lines[0], "/s"));  // the rate still fits; percent and ETA do not
  CHECK(columns(lines[0]) < 30);
  CHECK(too_wide(joined, 30).empty());
  hooks.close_connection();
  REQUIRE(term.wait_done() == 0);
}
