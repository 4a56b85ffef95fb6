// issue 11, end to end with the real binaries: newsdex-index never deletes or
// overwrites what it did not create (a --db that is someone's directory or
// file, the parent of a database, the input directory itself), a signal in
// the end phase (compaction, facet columns) stops it cleanly with the summary
// and status 130, what a SIGKILL leaves behind is removed by the next run,
// and a read-only database or a full disk is reported as what it is.
//
// The end-phase moments come from the indexer's test hooks (common/test_hook.h):
// it stops at a named point, writes "POINT K" to a socket and waits for a byte,
// so the tests act at exactly that moment, never after a delay. The hooked
// indexer is started by HookedIndexer below (one end of a socketpair as its
// fd 3). Tests that mount a tmpfs need root; they say so and skip otherwise.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/facet_columns.h"
#include "tests/e2e/process.h"

extern char** environ;

using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::TempDir;

namespace {

namespace fs = std::filesystem;

const std::string kIndex = NEWSDEX_INDEX_BIN;
const std::string kSearch = NEWSDEX_SEARCH_BIN;
const std::string kSample = std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus";
const std::string kWire = kSample + "/wire.jsonl";
constexpr std::uint64_t kSampleArticles = 47;
constexpr std::uint64_t kWireArticles = 7;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int exit_status(int wstatus) { return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus); }

// An unlinked temp file for the child's output (close-on-exec here).
int output_file() {
  std::string path = (fs::temp_directory_path() / "newsdex-safety-out-XXXXXX").string();
  const int fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(std::string("mkostemp: ") + std::strerror(errno));
  ::unlink(path.c_str());
  return fd;
}

std::string read_fd(int fd) {
  std::string out;
  ::lseek(fd, 0, SEEK_SET);
  char buf[65536];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

// newsdex-index started with NEWSDEX_TEST_HOOK_FD=3 (our socketpair's other
// end) and NEWSDEX_TEST_PAUSE=`pause`; stdout and stderr to unlinked files,
// stdin /dev/null. The destructor kills and reaps it if nobody waited.
class HookedIndexer {
 public:
  HookedIndexer(const std::vector<std::string>& args, const std::string& pause) {
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) throw std::runtime_error("socketpair");
    // Above 3, so that the dup2 to 3 below really duplicates (and drops close-on-exec).
    sock_ = ::fcntl(pair[0], F_DUPFD_CLOEXEC, 10);
    const int theirs = ::fcntl(pair[1], F_DUPFD_CLOEXEC, 10);
    ::close(pair[0]);
    ::close(pair[1]);
    out_ = output_file();
    err_ = output_file();

    std::vector<std::string> argv = {kIndex};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
      if (!std::string_view(*e).starts_with("NEWSDEX_TEST_")) env.emplace_back(*e);
    }
    env.push_back("NEWSDEX_TEST_HOOK_FD=3");
    env.push_back("NEWSDEX_TEST_PAUSE=" + pause);
    std::vector<char*> argv_ptrs, env_ptrs;
    for (std::string& a : argv) argv_ptrs.push_back(a.data());
    argv_ptrs.push_back(nullptr);
    for (std::string& e : env) env_ptrs.push_back(e.data());
    env_ptrs.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_, 1);
    posix_spawn_file_actions_adddup2(&actions, err_, 2);
    posix_spawn_file_actions_adddup2(&actions, theirs, 3);
    const int rc = ::posix_spawn(&pid_, kIndex.c_str(), &actions, nullptr, argv_ptrs.data(), env_ptrs.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(theirs);  // only the indexer (and its compaction process) hold that end now
    if (rc != 0) throw std::runtime_error(std::string("posix_spawn: ") + std::strerror(rc));
  }
  ~HookedIndexer() {
    if (!status_) {
      ::kill(pid_, SIGKILL);
      int ws = 0;
      ::waitpid(pid_, &ws, 0);
    }
    ::close(sock_);
    ::close(out_);
    ::close(err_);
  }
  HookedIndexer(const HookedIndexer&) = delete;
  HookedIndexer& operator=(const HookedIndexer&) = delete;

  // The next "POINT K" line the indexer wrote (it is now waiting there), or
  // "" when every holder of its end of the socket has gone.
  std::string next_point() {
    std::string line;
    for (char c;;) {
      const ssize_t n = ::read(sock_, &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return "";
      if (c == '\n') return line;
      line += c;
    }
  }
  // Lets the indexer go on from the point it waits at.
  void resume() {
    const char byte = 'x';
    REQUIRE(::send(sock_, &byte, 1, MSG_NOSIGNAL) == 1);
  }
  void signal(int signo) { REQUIRE(::kill(pid_, signo) == 0); }
  // Reads until the socket's other end is closed everywhere: the indexer and
  // any process it started have exited. Returns the points seen meanwhile.
  std::vector<std::string> points_until_gone() {
    std::vector<std::string> seen;
    for (std::string p; !(p = next_point()).empty();) seen.push_back(p);
    return seen;
  }
  ProcessResult wait() {
    if (!status_) {
      int ws = 0;
      while (::waitpid(pid_, &ws, 0) < 0 && errno == EINTR) {
      }
      status_ = exit_status(ws);
    }
    return ProcessResult{*status_, read_fd(out_), read_fd(err_)};
  }

 private:
  pid_t pid_ = -1;
  int sock_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::optional<int> status_;
};

// A tmpfs of `size` mounted at `dir` for the scope (root only), or not
// mounted() with the reason in skip_reason.
class Tmpfs {
 public:
  Tmpfs(const std::string& dir, const std::string& size) : dir_(dir) {
    if (::geteuid() != 0) {
      skip_reason_ = "needs root to mount a tmpfs";
      return;
    }
    fs::create_directories(dir);
    if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, ("size=" + size).c_str()) != 0) {
      skip_reason_ = std::string("cannot mount a tmpfs: ") + std::strerror(errno);
      return;
    }
    mounted_ = true;
  }
  ~Tmpfs() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;
  bool mounted() const { return mounted_; }
  const std::string& skip_reason() const { return skip_reason_; }
  bool remount_read_only() { return ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0; }

 private:
  std::string dir_;
  bool mounted_ = false;
  std::string skip_reason_;
};

Xapian::doccount articles_in(const std::string& db) { return Xapian::Database(db).get_doccount(); }

}  // namespace

TEST_CASE("issue 11: --db at a directory of someone's files exits 2 naming them, and loses nothing") {
  TempDir dir;
  const std::string d = dir.path() + "/d";
  write_text(d + "/notes.txt", "precious\n");
  ProcessResult r = run_process({kIndex, "--db", d, kWire});
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(contains(r.err, d + " is not a newsdex database"));
  CHECK(contains(r.err, "it holds notes.txt"));
  CHECK(read_text(d + "/notes.txt") == "precious\n");
  CHECK(names_in(d) == std::vector<std::string>{"notes.txt"});
  // The searcher and the administration say the same, and create nothing either.
  ProcessResult search = run_process({kSearch, "--db", d, "kerry"});
  CHECK(search.status == 2);
  CHECK(contains(search.err, "it holds notes.txt"));
  for (const char* sub : {"compact", "delete"}) {
    std::vector<std::string> argv = {kIndex, sub, "--db", d};
    if (std::string(sub) == "delete") argv.push_back("some-id");
    ProcessResult admin = run_process(argv);
    CAPTURE(sub);
    CHECK(admin.status == 2);
    CHECK(contains(admin.err, "it holds notes.txt"));
  }
  CHECK(names_in(d) == std::vector<std::string>{"notes.txt"});
}

TEST_CASE("issue 11: --db PARENT of a database exits 2 with a hint, and the database keeps every article") {
  TempDir dir;
  const std::string db = dir.path() + "/news/db";
  REQUIRE(run_process({kIndex, "--db", db, kWire}).status == 0);
  ProcessResult r = run_process({kIndex, "--db", dir.path() + "/news", kWire});
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(contains(r.err, "Did you mean --db " + db + "?"));
  CHECK(names_in(dir.path() + "/news") == std::vector<std::string>{"db"});
  CHECK(articles_in(db) == kWireArticles);
}

TEST_CASE("issue 11: --db set to the input directory, or inside it, exits 2 and the input files stay") {
  TempDir dir;
  const std::string news = dir.path() + "/news";
  write_text(news + "/wire.jsonl", read_text(kWire));
  for (const std::string& db : {news, news + "/db"}) {
    CAPTURE(db);
    ProcessResult r = run_process({kIndex, "--db", db, news});
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "(nothing was written)"));
    CHECK(names_in(news) == std::vector<std::string>{"wire.jsonl"});
    CHECK((read_text(news + "/wire.jsonl") == read_text(kWire)));
  }
}

TEST_CASE("issue 11: --db at a file: both tools say it is a file; a stub database file is searched, not written") {
  TempDir dir;
  const std::string file = dir.path() + "/notes.txt";
  write_text(file, "precious\n");
  ProcessResult index = run_process({kIndex, "--db", file, kWire});
  CHECK(index.status == 2);
  CHECK(contains(index.err, file + " is a file, not a database directory"));
  ProcessResult search = run_process({kSearch, "--db", file, "kerry"});
  CHECK(search.status == 2);
  CHECK(contains(search.err, file + " is a file, not a database directory"));
  CHECK_FALSE(contains(search.err, "create one"));
  CHECK(read_text(file) == "precious\n");

  const std::string db = dir.path() + "/db";
  REQUIRE(run_process({kIndex, "--db", db, kWire}).status == 0);
  const std::string stub = dir.path() + "/stub";
  write_text(stub, "glass " + db + "\n");
  ProcessResult stub_search = run_process({kSearch, "--db", stub, "--json", "Aleppo"});
  INFO(stub_search.err);
  CHECK(stub_search.status == 0);
  ProcessResult stub_index = run_process({kIndex, "--db", stub, kWire});
  CHECK(stub_index.status == 2);
  CHECK(contains(stub_index.err, "is a stub database file"));
  CHECK(read_text(stub) == "glass " + db + "\n");
}

// What crashtests may pin further: the same per phase under SIGKILL of a
// process group, and with a search running across the compaction's swap.
TEST_CASE("issue 11: SIGINT/SIGTERM in the end phase stop it cleanly: summary, status 130, no temp files") {
  struct Case {
    const char* point;  // where the signal comes
    int signo;
    bool compacted;  // the compaction was complete before the signal
    bool columns;    // the facet columns were written before the signal
  };
  for (const Case& c : {Case{"compact-running", SIGTERM, false, false}, Case{"compact-copied", SIGINT, false, false},
                        Case{"compact-swapped", SIGTERM, true, false}, Case{"facet-columns", SIGINT, true, false},
                        Case{"end", SIGTERM, true, true}}) {
    CAPTURE(c.point);
    TempDir dir;
    const std::string db = dir.path() + "/db";
    HookedIndexer indexer({"--db", db, kSample}, c.point);
    REQUIRE(indexer.next_point() == std::string(c.point) + " 1");
    const std::string uuid_at_pause = Xapian::Database(db).get_uuid();
    indexer.signal(c.signo);
    // compact-running is a point in the compaction's own process: the
    // indexer must stop it without our byte (the point waits for ever).
    if (std::string(c.point) != "compact-running") indexer.resume();
    CHECK(indexer.points_until_gone().empty());
    ProcessResult r = indexer.wait();
    INFO(r.err);
    CHECK(r.status == 130);
    CHECK(contains(r.err, "interrupted: indexed 47 articles into " + db));
    CHECK(contains(r.err, c.compacted ? "; compacted " : "; not compacted (interrupted)"));
    CHECK_FALSE(contains(r.err, "warning"));
    CHECK(names_in(dir.path()) == std::vector<std::string>{"db"});  // no .db.compact-tmp
    CHECK_FALSE(fs::exists(db + "/newsdex-facets.tmp"));
    CHECK(fs::exists(db + "/newsdex-facets") == c.columns);
    if (!c.compacted) CHECK(Xapian::Database(db).get_uuid() == uuid_at_pause);  // not swapped
    CHECK(articles_in(db) == kSampleArticles);

    // Running the same command again finds nothing to clean up, and finishes.
    ProcessResult again = run_process({kIndex, "--db", db, kSample});
    INFO(again.err);
    CHECK(again.status == 0);
    CHECK_FALSE(contains(again.err, "removed"));
    CHECK(contains(again.err, "47 unchanged"));
    CHECK(newsdex::FacetColumns::open(db, Xapian::Database(db)) != nullptr);
  }
}

TEST_CASE("issue 11: what a SIGKILL in the end phase leaves behind, the next run removes and mentions") {
  struct Case {
    const char* point;
    const char* leftover;  // relative to the temp dir, "" for none
  };
  for (const Case& c : {Case{"compact-running", ""}, Case{"compact-copied", ".db.compact-tmp"},
                        Case{"compact-swapped", ".db.compact-tmp"}, Case{"facet-columns", "db/newsdex-facets.tmp"}}) {
    CAPTURE(c.point);
    TempDir dir;
    const std::string db = dir.path() + "/db";
    HookedIndexer indexer({"--db", db, kSample}, c.point);
    REQUIRE(indexer.next_point() == std::string(c.point) + " 1");
    indexer.signal(SIGKILL);
    // Also the compaction's process, which dies with the indexer.
    CHECK(indexer.points_until_gone().empty());
    CHECK(indexer.wait().status == 128 + SIGKILL);
    const std::string leftover = dir.path() + "/" + c.leftover;
    if (*c.leftover != '\0') REQUIRE(fs::exists(leftover));
    CHECK(articles_in(db) == kSampleArticles);

    ProcessResult next = run_process({kIndex, "--db", db, kWire});
    INFO(next.err);
    CHECK(next.status == 0);
    if (*c.leftover != '\0') {
      CHECK(contains(next.err, "newsdex-index: removed " + fs::canonical(dir.path()).string() + "/" + c.leftover +
                                   ", left behind by an interrupted"));
    }
    CHECK(names_in(dir.path()) == std::vector<std::string>{"db"});
    CHECK_FALSE(fs::exists(db + "/newsdex-facets.tmp"));
    CHECK(articles_in(db) == kSampleArticles);
  }
}

TEST_CASE("issue 11: a disk full during the final compaction: articles committed, the truth said, summary, status 1") {
  TempDir dir;
  const std::string mnt = dir.path() + "/mnt";
  Tmpfs tmpfs(mnt, "8m");
  if (!tmpfs.mounted()) {
    MESSAGE("skipped: " << tmpfs.skip_reason());
    return;
  }
  const std::string db = mnt + "/db";
  // Stopped after the run's last (here: only) commit, the disk is filled.
  HookedIndexer indexer({"--db", db, kWire}, "commit@1");
  REQUIRE(indexer.next_point() == "commit 1");
  {
    std::ofstream filler(mnt + "/filler", std::ios::binary);
    const std::string block(std::size_t{64} * 1024, 'x');
    while (filler.write(block.data(), static_cast<std::streamsize>(block.size()))) filler.flush();
  }
  indexer.resume();
  CHECK(indexer.points_until_gone().empty());
  ProcessResult r = indexer.wait();
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(contains(r.err, "newsdex-index: warning: cannot compact the database at "));
  CHECK(contains(r.err, "No space left on device"));
  CHECK(contains(r.err, "The 7 articles of this run are committed and searchable"));
  CHECK_FALSE(contains(r.err, "the database is unchanged"));
  CHECK(contains(r.err,
                 "indexed 7 articles into " + db + " (7 added, 0 replaced); not compacted (failed, see the warning)"));
  CHECK(names_in(mnt) == (std::vector<std::string>{"db", "filler"}));  // no compaction directory left
  CHECK(articles_in(db) == kWireArticles);

  fs::remove(mnt + "/filler");
  ProcessResult compact = run_process({kIndex, "compact", "--db", db});
  INFO(compact.err);
  CHECK(compact.status == 0);
  CHECK(articles_in(db) == kWireArticles);
}

TEST_CASE("issue 11: a database on a read-only filesystem is reported as read-only, not as locked") {
  TempDir dir;
  const std::string mnt = dir.path() + "/mnt";
  Tmpfs tmpfs(mnt, "8m");
  if (!tmpfs.mounted()) {
    MESSAGE("skipped: " << tmpfs.skip_reason());
    return;
  }
  const std::string db = mnt + "/db";
  REQUIRE(run_process({kIndex, "--db", db, kWire}).status == 0);
  REQUIRE(tmpfs.remount_read_only());
  ProcessResult r = run_process({kIndex, "--db", db, kWire});
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(contains(r.err, db + ": cannot write to the database: Read-only file system (it can still be searched)"));
  CHECK_FALSE(contains(r.err, "locked"));
  ProcessResult compact = run_process({kIndex, "compact", "--db", db});
  CHECK(compact.status == 2);
  CHECK(contains(compact.err, "Read-only file system"));
  ProcessResult search = run_process({kSearch, "--db", db, "Aleppo"});
  CHECK(search.status == 0);
}
