// Faults around newsdex-index, end to end with the real binaries on the first
// 320 Reuters-21578 articles (../shared/corpora): the disk filling up at each
// phase of a run (reading and committing, compaction, facet columns), a
// read-only database, a database the user may not write, SIGKILL at each
// phase, and other writers during compaction. What every case expects: never
// a crash, never a lost committed article, no temp file left after the next
// run, a message naming the cause, and the exit statuses of
// docs/newsdex-index.md (0, 1, 2, 130).
//
// The disk is a small tmpfs the test mounts (so these cases need root, as CI
// has; without it they say so and skip). The test hooks of common/test_hook.h
// stop the indexer at an exact point, where the test fills that tmpfs with a
// filler file and lets the indexer go on: the disk is full from that point
// on, whatever the machine's speed. SIGINT and SIGTERM at each point are in
// crash_test.cpp.
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <xapian.h>

#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

using newsdex::test::BackgroundOptions;
using newsdex::test::BackgroundProcess;
using newsdex::test::check_committed_prefix;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::searched_articles;
using newsdex::test::Slice;
using newsdex::test::TempDir;
using newsdex::test::write_reuters_slice;

namespace fs = std::filesystem;

namespace {

// 320 articles committed every 50: six batch commits while reading, and a
// seventh, of the last 20, when the reading is done.
constexpr std::uint64_t kArticles = 320;
constexpr std::uint64_t kCommitEvery = 50;
constexpr std::uint64_t kLastCommit = kArticles / kCommitEvery + 1;
// Room for the database, its compacted copy and the facet columns, many
// times over: the filler, not the size, decides when the disk is full.
constexpr const char* kTmpfsSize = "size=32m";

// Commits exactly every kCommitEvery (see crash_test.cpp).
std::map<std::string, std::string> test_env() { return {{"NEWSDEX_TEST_MIN_COMMIT_INTERVAL_MS", "0"}}; }

// newsdex-index --db DB --commit-every 50 EXTRA... SLICE (EXTRA may give
// another --commit-every).
std::vector<std::string> index_command(const std::string& db, const Slice& slice,
                                       const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {NEWSDEX_INDEX_BIN, "--db", db};
  if (std::find(extra.begin(), extra.end(), "--commit-every") == extra.end()) {
    argv.insert(argv.end(), {"--commit-every", std::to_string(kCommitEvery)});
  }
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back(slice.path);
  return argv;
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

bool contains_ignoring_case(std::string text, std::string what) {
  for (std::string* s : {&text, &what}) {
    for (char& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return contains(text, what);
}

// The names in a directory.
std::set<std::string> entries(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// A filesystem mounted for the life of the object, unmounted (lazily if
// still busy) on destruction. Declare it after the TempDir it lives in and
// before the processes that use it.
class Mount {
 public:
  // Mounts a tmpfs (`options` as for mount -o) on the directory `dir`,
  // creating it. Returns nullptr, with the reason in *why, when this process
  // may not mount (not root, or no CAP_SYS_ADMIN); fails the test otherwise.
  static std::unique_ptr<Mount> tmpfs(const std::string& dir, const std::string& options, std::string* why) {
    if (::geteuid() != 0) {
      *why = "not running as root";
      return nullptr;
    }
    fs::create_directories(dir);
    if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      if (errno == EPERM) {
        *why = "mount(tmpfs) refused: " + std::string(std::strerror(errno));
        return nullptr;
      }
      FAIL("mount -t tmpfs -o " << options << " tmpfs " << dir << ": " << std::strerror(errno));
    }
    return std::unique_ptr<Mount>(new Mount(dir));
  }

  // Binds `dir` onto itself, so that it can be made read-only alone.
  static std::unique_ptr<Mount> bind(const std::string& dir, std::string* why) {
    if (::geteuid() != 0) {
      *why = "not running as root";
      return nullptr;
    }
    if (::mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0) {
      if (errno == EPERM) {
        *why = "mount --bind refused: " + std::string(std::strerror(errno));
        return nullptr;
      }
      FAIL("mount --bind " << dir << " " << dir << ": " << std::strerror(errno));
    }
    return std::unique_ptr<Mount>(new Mount(dir));
  }

  ~Mount() {
    if (::umount2(dir_.c_str(), 0) != 0) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  Mount(const Mount&) = delete;
  Mount& operator=(const Mount&) = delete;

  // mount -o remount,ro (or rw); `is_bind` for a bind mount, which stays one.
  void remount(bool is_bind, bool read_only) {
    unsigned long flags = MS_REMOUNT | (read_only ? MS_RDONLY : 0) | (is_bind ? MS_BIND : 0);
    REQUIRE_MESSAGE(::mount(nullptr, dir_.c_str(), nullptr, flags, nullptr) == 0,
                    "remount," << (read_only ? "ro " : "rw ") << dir_ << ": " << std::strerror(errno));
  }

 private:
  explicit Mount(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

// Writes `path` until its filesystem is full (ENOSPC): from then on nothing
// more fits. Returns the bytes written.
std::uint64_t fill_filesystem(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  REQUIRE_MESSAGE(fd >= 0, "open " << path << ": " << std::strerror(errno));
  std::vector<char> block(1 << 20, 'x');
  std::uint64_t written = 0;
  // Whole megabytes first, then pages, until not one more page fits.
  for (std::size_t chunk : {block.size(), std::size_t{4096}}) {
    for (;;) {
      ssize_t n = ::write(fd, block.data(), chunk);
      if (n > 0) {
        written += static_cast<std::uint64_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      REQUIRE_MESSAGE(errno == ENOSPC, "write " << path << ": " << std::strerror(errno));
      break;
    }
  }
  ::close(fd);
  struct statvfs st {};
  REQUIRE(::statvfs(path.c_str(), &st) == 0);
  CHECK(st.f_bavail == 0);
  return written;
}

// True, with a message saying why, when the test could not mount (`mount`
// is null): the caller then returns, skipping the rest of the test case.
bool skipped_without(const std::unique_ptr<Mount>& mount, const std::string& why) {
  if (mount) return false;
  MESSAGE("skipped: this test mounts a tmpfs or a read-only bind and needs root (CI runs as root): " << why);
  return true;
}

// The command line as one string, for messages.
std::string joined(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& a : argv) out += (out.empty() ? "" : " ") + a;
  return out;
}

// What a clean run leaves in its database directory (names only): the
// reference for "no temp files left".
std::set<std::string> clean_database_entries(const std::string& scratch, const Slice& slice,
                                             const std::vector<std::string>& extra = {}) {
  const std::string db = scratch + "/clean-db";
  ProcessResult r = run_process(index_command(db, slice, extra), "", test_env());
  INFO(r.err);
  REQUIRE(r.status == 0);
  return entries(db);
}

// `newsdex-index stats --json` of `db`: the facet columns' state.
std::string facet_columns_state(const std::string& db) {
  ProcessResult r = run_process({NEWSDEX_INDEX_BIN, "stats", "--db", db, "--json"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out).at("facet_columns").get<std::string>();
}

// Runs the same command again on `db` (in `parent`, which holds nothing else)
// and checks that it completes the job: exit 0, every article, the facet
// columns current, and no file in the database directory or beside it that a
// clean run would not leave.
void check_next_run_completes(const std::string& parent, const std::string& db, const Slice& slice,
                              const std::set<std::string>& clean_entries, const std::vector<std::string>& extra = {}) {
  ProcessResult again = run_process(index_command(db, slice, extra), "", test_env());
  INFO("the next run: " << again.err);
  CHECK(again.status == 0);
  CHECK(check_committed_prefix(db, slice) == kArticles);
  CHECK(entries(db) == clean_entries);
  CHECK(entries(parent) == std::set<std::string>{fs::path(db).filename().string()});
  CHECK(facet_columns_state(db) == "current");
}

// Everything a search can see of each document, for before/after
// comparisons: its data, values, and terms with wdf and positions.
struct DocumentImage {
  std::string data;
  std::map<Xapian::valueno, std::string> values;
  std::vector<std::tuple<std::string, Xapian::termcount, std::vector<Xapian::termpos>>> terms;
  bool operator==(const DocumentImage&) const = default;
};

std::map<Xapian::docid, DocumentImage> image_of(const std::string& db_path) {
  Xapian::Database db(db_path);
  std::map<Xapian::docid, DocumentImage> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    DocumentImage& image = out[*it];
    image.data = doc.get_data();
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) image.values[v.get_valueno()] = *v;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      std::vector<Xapian::termpos> positions(t.positionlist_begin(), t.positionlist_end());
      image.terms.emplace_back(*t, t.get_wdf(), positions);
    }
  }
  return out;
}

bool xapian_check_clean(const std::string& db_path) {
  ProcessResult check = run_process({"/usr/bin/xapian-check", db_path});
  INFO("xapian-check " << db_path << ":\n" << check.out << check.err);
  return check.status == 0;
}

}  // namespace

TEST_CASE("run_process survives a child that exits without reading its input (EPIPE, not SIGPIPE)") {
  // More than a pipe holds, so the write is still going when the child
  // exits: it must fail with EPIPE, not kill the test binary with SIGPIPE
  // (as it did when newsdex-index refused a database given input on stdin).
  ProcessResult r = run_process({"/bin/sh", "-c", "exit 3"}, std::string(std::size_t{1} << 20, 'x'));
  CHECK(r.status == 3);
}

TEST_CASE("Disk full while indexing: exit 2 naming the cause, the committed articles kept, the next run completes") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  const std::set<std::string> clean = clean_database_entries(dir.path(), slice);
  struct Phase {
    std::string name;
    std::string pause;                       // NEWSDEX_TEST_PAUSE, a commit
    std::map<std::string, std::string> env;  // besides test_env()
    std::uint64_t committed;                 // when the disk fills
  };
  const std::vector<Phase> phases = {
      // Right after the second commit (100); with a flush threshold of 10,
      // Xapian's next write to its tables is a flush inside the open
      // transaction, in the middle of the third batch, and it fails.
      {"flush", "commit@2", {{"XAPIAN_FLUSH_THRESHOLD", "10"}}, 100},
      // Right after the third commit (150): the fourth commit fails.
      {"commit", "commit@3", {}, 150},
  };
  for (const Phase& phase : phases) {
    CAPTURE(phase.name);
    const std::string mount_dir = dir.path() + "/disk-" + phase.name;
    std::string why;
    auto disk = Mount::tmpfs(mount_dir, kTmpfsSize, &why);
    if (skipped_without(disk, why)) return;
    const std::string parent = mount_dir + "/data";
    const std::string db = parent + "/db";
    fs::create_directories(parent);
    const std::string filler = mount_dir + "/filler";
    {
      std::map<std::string, std::string> env = test_env();
      env.insert(phase.env.begin(), phase.env.end());
      BackgroundProcess indexer(index_command(db, slice), BackgroundOptions{.env = env, .pause_at = phase.pause});
      REQUIRE(indexer.wait_for_hook() == "commit " + phase.pause.substr(phase.pause.find('@') + 1));
      CHECK(Xapian::Database(db).get_doccount() == phase.committed);
      fill_filesystem(filler);
      indexer.resume();
      ProcessResult r = indexer.wait();
      INFO(r.err);
      CHECK(r.status == 2);
      CHECK(contains(r.err, "No space left on device"));
      CHECK(!contains(r.err, "internal error"));
    }
    // Not one committed article lost.
    CHECK(check_committed_prefix(db, slice) == phase.committed);
    CHECK(searched_articles(db) == phase.committed);
    fs::remove(filler);
    check_next_run_completes(parent, db, slice, clean);
  }
}

TEST_CASE("Disk full during the compaction after a bulk load: every article kept, the cause named, no copy left") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  const std::set<std::string> clean = clean_database_entries(dir.path(), slice);
  const std::string mount_dir = dir.path() + "/disk";
  std::string why;
  auto disk = Mount::tmpfs(mount_dir, kTmpfsSize, &why);
  if (skipped_without(disk, why)) return;
  const std::string parent = mount_dir + "/data";
  const std::string db = parent + "/db";
  fs::create_directories(parent);
  const std::string filler = mount_dir + "/filler";
  // Xapian 1.4's compaction leaks the tables it was writing when a write
  // fails (every leaked block is allocated inside Xapian::Database::compact_),
  // which LeakSanitizer turns into exit status 1 under AddressSanitizer. Not
  // newsdex's memory, and the process is about to exit: suppressed for this
  // one run (its stacks end in libxapian, hence the module).
  const std::string suppressions = dir.path() + "/lsan-xapian-compact.supp";
  std::ofstream(suppressions) << "leak:libxapian.so\n";
  std::map<std::string, std::string> env = test_env();
  env["LSAN_OPTIONS"] = "suppressions=" + suppressions;
  {
    // Stopped after the last commit, before the compaction starts copying.
    BackgroundProcess indexer(index_command(db, slice),
                              BackgroundOptions{.env = env, .pause_at = "commit@" + std::to_string(kLastCommit)});
    REQUIRE(indexer.wait_for_hook() == "commit " + std::to_string(kLastCommit));
    fill_filesystem(filler);
    indexer.resume();
    ProcessResult r = indexer.wait();
    INFO(r.err);
    // Every article was indexed and committed; the compaction is what failed:
    // exit 1, "finished, but something was skipped" (docs/newsdex-index.md).
    CHECK(r.status == 1);
    CHECK(contains(r.err, "No space left on device"));
    CHECK(!contains(r.err, "internal error"));
    // The partial copy is gone at once.
    CHECK(entries(parent) == std::set<std::string>{"db"});
  }
  CHECK(check_committed_prefix(db, slice) == kArticles);
  CHECK(searched_articles(db) == kArticles);
  fs::remove(filler);
  check_next_run_completes(parent, db, slice, clean);
}

TEST_CASE("Disk full while writing the facet columns: a warning naming the cause, exit 0, no temp file left") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  // Without compaction the facet columns come right after the last commit.
  const std::vector<std::string> no_compact = {"--no-compact"};
  const std::set<std::string> clean = clean_database_entries(dir.path(), slice, no_compact);
  const std::string mount_dir = dir.path() + "/disk";
  std::string why;
  auto disk = Mount::tmpfs(mount_dir, kTmpfsSize, &why);
  if (skipped_without(disk, why)) return;
  const std::string parent = mount_dir + "/data";
  const std::string db = parent + "/db";
  fs::create_directories(parent);
  const std::string filler = mount_dir + "/filler";
  {
    BackgroundProcess indexer(
        index_command(db, slice, no_compact),
        BackgroundOptions{.env = test_env(), .pause_at = "commit@" + std::to_string(kLastCommit)});
    REQUIRE(indexer.wait_for_hook() == "commit " + std::to_string(kLastCommit));
    fill_filesystem(filler);
    indexer.resume();
    ProcessResult r = indexer.wait();
    INFO(r.err);
    // docs/newsdex-index.md: the facet columns are only a cache; when they
    // cannot be written the indexer warns and its exit status is unchanged.
    CHECK(r.status == 0);
    CHECK(contains(r.err, "newsdex-index: warning: "));
    CHECK(contains(r.err, "No space left on device"));
    CHECK(contains(r.err, "indexed " + std::to_string(kArticles) + " articles"));
    std::set<std::string> left = entries(db);
    CHECK(left.count("newsdex-facets.tmp") == 0);
  }
  CHECK(check_committed_prefix(db, slice) == kArticles);
  // Searches count facets from the value slots meanwhile.
  CHECK(facet_columns_state(db) == "missing");
  CHECK(searched_articles(db) == kArticles);
  auto lines = newsdex::test::search_json(db, {"oil", "--facets", "country,org"});
  CHECK(newsdex::test::find_type(lines, "facets") != nullptr);
  fs::remove(filler);
  check_next_run_completes(parent, db, slice, clean, no_compact);
}

TEST_CASE("A read-only database is refused with exit 2 and a message that says read-only, not locked") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  for (const bool bind : {false, true}) {
    CAPTURE(bind);
    // A tmpfs remounted read-only, or a directory of the ordinary disk bound
    // onto itself and made read-only.
    const std::string mount_dir = dir.path() + (bind ? "/bound" : "/disk");
    fs::create_directories(mount_dir);
    const std::string db = mount_dir + "/db";
    std::unique_ptr<Mount> mount;
    std::string why;
    if (bind) {
      ProcessResult built = run_process(index_command(db, slice), "", test_env());
      REQUIRE(built.status == 0);
      mount = Mount::bind(mount_dir, &why);
    } else {
      mount = Mount::tmpfs(mount_dir, kTmpfsSize, &why);
      if (mount) {
        ProcessResult built = run_process(index_command(db, slice), "", test_env());
        REQUIRE(built.status == 0);
      }
    }
    if (skipped_without(mount, why)) return;
    mount->remount(bind, /*read_only=*/true);

    const std::vector<std::vector<std::string>> writers = {
        index_command(db, slice),                                      // index into it
        index_command(mount_dir + "/new-db", slice),                   // create one there
        {NEWSDEX_INDEX_BIN, "delete", "--db", db, slice.ids.front()},  // delete from it
        {NEWSDEX_INDEX_BIN, "compact", "--db", db},                    // compact it
    };
    for (const auto& argv : writers) {
      INFO(joined(argv));
      ProcessResult r = run_process(argv, "", test_env());
      INFO(r.err);
      CHECK(r.status == 2);
      CHECK(contains_ignoring_case(r.err, "read-only"));
      CHECK(!contains(r.err, "locked"));
    }
    // Reading it works as before.
    CHECK(searched_articles(db) == kArticles);
    ProcessResult stats = run_process({NEWSDEX_INDEX_BIN, "stats", "--db", db});
    INFO(stats.err);
    CHECK(stats.status == 0);
    // Nothing changed (xapian-check opens the tables for writing, so it runs
    // once the filesystem is writable again).
    mount->remount(bind, /*read_only=*/false);
    CHECK(check_committed_prefix(db, slice) == kArticles);
  }
}

TEST_CASE("A database the user may not write is refused with exit 2 and \"Permission denied\", not locked") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  const std::string db = dir.path() + "/db";
  ProcessResult built = run_process(index_command(db, slice), "", test_env());
  REQUIRE(built.status == 0);
  // Root may write anywhere: as root, the indexer runs as nobody (65534),
  // who may read the test's files but not write them; otherwise the test
  // takes the write permission away.
  std::vector<std::string> as_user;
  if (::geteuid() == 0) {
    as_user = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
    // Readable by all, writable by root only, whatever the umask.
    const auto dir_mode = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                          fs::perms::others_read | fs::perms::others_exec;
    const auto file_mode =
        fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;
    fs::permissions(dir.path(), dir_mode);
    fs::permissions(slice.path, file_mode);
    fs::permissions(db, dir_mode);
    for (const auto& e : fs::directory_iterator(db)) fs::permissions(e.path(), file_mode);
    ProcessResult probe = [&] {
      std::vector<std::string> argv = as_user;
      argv.push_back(NEWSDEX_INDEX_BIN);
      argv.push_back("--version");
      return fs::exists(as_user.front()) ? run_process(argv) : ProcessResult{};
    }();
    if (probe.status != 0) {
      MESSAGE("skipped: cannot run " << NEWSDEX_INDEX_BIN << " as nobody with setpriv (exit " << probe.status
                                     << "): " << probe.err);
      return;
    }
  } else {
    for (const auto& e : fs::directory_iterator(db)) {
      fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::remove);
    }
    fs::permissions(db, fs::perms::owner_write, fs::perm_options::remove);
  }
  auto run_as_user = [&](std::vector<std::string> argv) {
    argv.insert(argv.begin(), as_user.begin(), as_user.end());
    return run_process(argv, "", test_env());
  };
  const std::vector<std::vector<std::string>> writers = {
      index_command(db, slice),
      {NEWSDEX_INDEX_BIN, "delete", "--db", db, slice.ids.front()},
      {NEWSDEX_INDEX_BIN, "compact", "--db", db},
  };
  for (const auto& argv : writers) {
    INFO(joined(argv));
    ProcessResult r = run_as_user(argv);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "Permission denied"));
    CHECK(!contains(r.err, "locked"));
  }
  // The same user can still search it.
  ProcessResult search = run_as_user({NEWSDEX_SEARCH_BIN, "--db", db, "--json", "oil"});
  INFO(search.err);
  CHECK(search.status == 0);
  CHECK(check_committed_prefix(db, slice) == kArticles);
  if (::geteuid() != 0) fs::permissions(db, fs::perms::owner_write, fs::perm_options::add);
}

TEST_CASE("SIGKILL at every phase keeps every committed article; the next run completes and leaves no temp file") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  const std::set<std::string> clean = clean_database_entries(dir.path(), slice);
  struct Point {
    std::string pause;
    std::string stop;                // the line of the stopped thread
    std::vector<std::string> extra;  // indexer options besides index_command's
    std::uint64_t committed;
  };
  const std::vector<Point> points = {
      // The reader stopped at record 300, in the middle of the second batch
      // of 150. With one worker at most 128 records wait between the reader
      // and the writer (docs/newsdex-index.md, "Parallel indexing"), so the
      // writer had taken record 172 (past the first commit, 150) before the
      // reader could read record 300, and cannot reach the second commit
      // (300) while the reader is stopped.
      {"record@300", "record 300", {"--commit-every", "150", "--threads", "1"}, 150},
      {"commit@3", "commit 3", {}, 150},
      {"commit@" + std::to_string(kLastCommit), "commit " + std::to_string(kLastCommit), {}, kArticles},
      // Xapian's check before the compaction (in a child process, which
      // dies with the indexer): nothing copied yet.
      {"compact-checking", "compact-checking 1", {}, kArticles},
      // The compacted copy written and locked, not yet swapped in: it is left
      // beside the database as .db.compact-tmp.
      {"compact-copied", "compact-copied 1", {}, kArticles},
      // Swapped: the old database is left as .db.compact-tmp.
      {"compact-swapped", "compact-swapped 1", {}, kArticles},
      // The facet columns' temp file written, not yet renamed.
      {"facet-columns", "facet-columns 1", {}, kArticles},
      {"end", "end 1", {}, kArticles},
  };
  std::string log;
  for (const Point& point : points) {
    CAPTURE(point.pause);
    const std::string parent = dir.path() + "/" + point.pause;
    const std::string db = parent + "/db";
    fs::create_directories(parent);
    BackgroundProcess indexer(index_command(db, slice, point.extra),
                              BackgroundOptions{.env = test_env(), .pause_at = point.pause});
    REQUIRE(indexer.wait_for_hook() == point.stop);
    REQUIRE(indexer.signal(SIGKILL));
    CHECK(indexer.wait().status == 128 + SIGKILL);
    std::set<std::string> left = entries(parent);
    for (const std::string& name : entries(db)) left.insert("db/" + name);
    log += "SIGKILL at " + point.pause + " left:";
    for (const std::string& name : left) log += " " + name;
    log += "\n";
    CHECK(check_committed_prefix(db, slice) == point.committed);
    // Searches work on whatever the kill left.
    CHECK(searched_articles(db) == point.committed);
    check_next_run_completes(parent, db, slice, clean);
  }
  MESSAGE(log);
}

TEST_CASE(
    "newsdex-index compact killed at each of its points leaves a complete database; the next compaction cleans up") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  // A database of seven commits, not compacted: compaction has work to do.
  const std::string fragmented = dir.path() + "/fragmented";
  ProcessResult made = run_process(index_command(fragmented, slice, {"--no-compact"}), "", test_env());
  INFO(made.err);
  REQUIRE(made.status == 0);
  const std::map<Xapian::docid, DocumentImage> expected = image_of(fragmented);
  REQUIRE(expected.size() == kArticles);
  struct Point {
    std::string pause;
    // The killed run leaves .db.compact-tmp beside the database; nullopt:
    // it may. The copy runs in a child that dies with the killed process
    // (PR_SET_PDEATHSIG), but closing the hook channel lets it go on, and it
    // can start Xapian's copy before its death signal comes.
    std::optional<bool> leaves_temp;
  };
  // Every point compaction passes, in order: the check before it and the copy
  // (both in child processes that die with it: PR_SET_PDEATHSIG), the copy
  // written and locked, the swap done. A kill inside Xapian's copy leaves a
  // partial temp directory, as at compact-copied (a partial one is
  // tests/indexer/admin_test.cpp "compact_database removes the temp
  // directory a crashed compaction left behind").
  const std::vector<Point> points = {{"compact-checking", false},
                                     {"compact-running", std::nullopt},
                                     {"compact-copied", true},
                                     {"compact-swapped", true}};
  for (const Point& point : points) {
    CAPTURE(point.pause);
    const std::string parent = dir.path() + "/" + point.pause;
    const std::string db = parent + "/db";
    fs::create_directories(parent);
    fs::copy(fragmented, db);
    BackgroundProcess compact({NEWSDEX_INDEX_BIN, "compact", "--db", db},
                              BackgroundOptions{.env = test_env(), .pause_at = point.pause});
    REQUIRE(compact.wait_for_hook() == point.pause + " 1");
    REQUIRE(compact.signal(SIGKILL));
    CHECK(compact.wait().status == 128 + SIGKILL);
    if (point.leaves_temp) CHECK(fs::exists(parent + "/.db.compact-tmp") == *point.leaves_temp);
    // Before the swap the old database, after it the compacted one: either
    // way complete, sound, and the same documents, terms and positions.
    CHECK(xapian_check_clean(db));
    CHECK(image_of(db) == expected);
    CHECK(check_committed_prefix(db, slice) == kArticles);
    // The next compaction removes the leftover and completes.
    ProcessResult again = run_process({NEWSDEX_INDEX_BIN, "compact", "--db", db}, "", test_env());
    INFO("the next compaction: " << again.err);
    CHECK(again.status == 0);
    CHECK(contains(again.out, "compacted"));
    CHECK(entries(parent) == std::set<std::string>{"db"});
    CHECK(xapian_check_clean(db));
    CHECK(image_of(db) == expected);
  }
}

TEST_CASE("During compaction a second indexer, delete and compact are refused as locked; the compaction completes") {
  TempDir dir;
  Slice slice = write_reuters_slice(dir.path(), kArticles);
  const std::string db = dir.path() + "/db";
  BackgroundProcess first(index_command(db, slice),
                          BackgroundOptions{.env = test_env(), .pause_at = "compact-copied,compact-swapped"});
  for (const char* stop : {"compact-copied 1", "compact-swapped 1"}) {
    CAPTURE(stop);
    REQUIRE(first.wait_for_hook() == stop);
    const std::vector<std::vector<std::string>> writers = {
        index_command(db, slice),
        {NEWSDEX_INDEX_BIN, "delete", "--db", db, slice.ids.front()},
        {NEWSDEX_INDEX_BIN, "compact", "--db", db},
    };
    for (const auto& argv : writers) {
      INFO(joined(argv));
      ProcessResult r = run_process(argv, "", test_env());
      INFO(r.err);
      CHECK(r.status == 2);
      CHECK(contains(r.err, "database is locked by another indexer"));
    }
    CHECK(searched_articles(db) == kArticles);
    REQUIRE(first.running());
    first.resume();
  }
  ProcessResult r = first.wait();
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(contains(r.err, "compacted"));
  CHECK(check_committed_prefix(db, slice) == kArticles);
  CHECK(entries(dir.path()) == std::set<std::string>{"db", "slice.jsonl"});
}
