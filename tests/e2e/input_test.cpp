// End-to-end: what newsdex-index does with hostile input (issue 11), run as
// the real binary. Every bad record is its own skip, named FILE:LINE, and the
// run goes on; ids and dates are read as written; compression is recognised
// by content; lines and texts beyond --max-article-size are read past in
// bounded memory, so endless input (/dev/zero, `yes`) keeps being reported
// and stops on Ctrl-C.
//
// Memory is measured as the indexer's peak resident set size, from wait4()
// on that one process by a small waiter (MeasuredRun; never from a clock); the bounds are generous, several
// times what it takes, and far below what holding the input would.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/compression/stored_fields.h"
#include "tests/e2e/process.h"
#include "tests/e2e/search_helpers.h"

extern char** environ;

using newsdex::test::BackgroundProcess;
using newsdex::test::ProcessResult;
using newsdex::test::run_process;
using newsdex::test::TempDir;

namespace {

const std::string kIndex = NEWSDEX_INDEX_BIN;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Peak resident set sizes the tests allow. The indexer starts at about 40 MB
// (ICU data, gazetteers); AddressSanitizer adds its shadow memory on top.
constexpr long kMaxRssKiB = (kSanitized ? 600L : 200L) * 1024;

std::string write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

ProcessResult index(const std::string& db, std::vector<std::string> args) {
  std::vector<std::string> argv = {kIndex, "--db", db};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

std::uint64_t article_count(const std::string& db) {
  ProcessResult r = run_process({kIndex, "stats", "--db", db, "--json"});
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out)["articles"].get<std::uint64_t>();
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// A process spawned by this (large) test process starts with the test's own
// peak RSS as its ru_maxrss (Linux keeps a process's peak across exec), so
// newsdex-index runs as the child of a small waiter: it forwards SIGINT,
// SIGTERM and SIGHUP, reaps newsdex-index with wait4(), writes that peak to a
// file, and exits with newsdex-index's status (128 + N for signal N).
const char* const kRssWaiter = R"(
import ctypes, os, signal, sys
out, argv = sys.argv[1], sys.argv[2:]
child, pending = None, []
def forward(signo, frame):
    if child is None: pending.append(signo)
    else: os.kill(child, signo)
for signo in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP): signal.signal(signo, forward)
child = os.fork()
if child == 0:
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: never outlive the waiter
    os.execv(argv[0], argv)
for signo in pending: os.kill(child, signo)
_, wstatus, usage = os.wait4(child, 0)
with open(out, "w") as f: f.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(wstatus)
sys.exit(code if code >= 0 else 128 - code)
)";

// newsdex-index run with a pipe on stdin and on stderr (stdout discarded),
// under kRssWaiter so that its own peak RSS is known.
class MeasuredRun {
 public:
  explicit MeasuredRun(const std::vector<std::string>& args) {
    int in[2];
    int err[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    rss_file_ = rss_dir_.path() + "/maxrss";
    std::vector<std::string> argv = {"python3", "-c", kRssWaiter, rss_file_, kIndex};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> ptrs;
    ptrs.reserve(argv.size() + 1);
    for (std::string& a : argv) ptrs.push_back(a.data());
    ptrs.push_back(nullptr);
    int rc = posix_spawnp(&pid_, "python3", &actions, nullptr, ptrs.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(err[1]);
    in_ = in[1];
    err_ = err[0];
    if (rc != 0) throw std::runtime_error(std::string("posix_spawn: ") + std::strerror(rc));
    fcntl(in_, F_SETFL, O_NONBLOCK);
  }
  ~MeasuredRun() {
    if (in_ >= 0) close(in_);
    if (err_ >= 0) close(err_);
    if (!reaped_) {
      kill(pid_, SIGKILL);
      reap();
    }
  }
  MeasuredRun(const MeasuredRun&) = delete;
  MeasuredRun& operator=(const MeasuredRun&) = delete;

  // Writes `chunk` to its stdin again and again, reading its stderr as it
  // comes, until `enough(stderr so far)` holds (then returns true) or it
  // stops reading or `max_bytes` have been written (then false).
  bool feed_until(const std::string& chunk, std::uint64_t max_bytes,
                  const std::function<bool(const std::string&)>& enough) {
    std::uint64_t written = 0;
    std::size_t offset = 0;
    while (!enough(err_text_)) {
      if (in_ < 0 || written >= max_bytes) return false;
      pollfd fds[2] = {{in_, POLLOUT, 0}, {err_, POLLIN, 0}};
      if (poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        throw std::runtime_error("poll failed");
      }
      if (fds[1].revents != 0 && !read_err()) return enough(err_text_);
      if (fds[0].revents & (POLLERR | POLLHUP)) {
        close_stdin();
      } else if (fds[0].revents & POLLOUT) {
        ssize_t n = write(in_, chunk.data() + offset, chunk.size() - offset);
        if (n > 0) {
          written += static_cast<std::uint64_t>(n);
          offset = (offset + static_cast<std::size_t>(n)) % chunk.size();
        } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
          close_stdin();  // EPIPE: it exited
        }
      }
    }
    return true;
  }

  // Reads stderr until `enough` holds or it closes; true if it held.
  bool read_until(const std::function<bool(const std::string&)>& enough) {
    while (!enough(err_text_)) {
      if (!read_err()) return enough(err_text_);
    }
    return true;
  }

  void signal(int signo) { kill(pid_, signo); }
  void close_stdin() {
    if (in_ >= 0) close(in_);
    in_ = -1;
  }

  // Closes its stdin, reads the rest of its stderr and reaps it.
  void finish() {
    close_stdin();
    while (read_err()) {
    }
    reap();
  }

  int status() const { return status_; }
  long max_rss_kib() const { return max_rss_kib_; }
  const std::string& err() const { return err_text_; }

 private:
  // One read from stderr; false at its end.
  bool read_err() {
    char buffer[65536];
    for (;;) {
      ssize_t n = read(err_, buffer, sizeof buffer);
      if (n > 0) {
        err_text_.append(buffer, static_cast<std::size_t>(n));
        return true;
      }
      if (n == 0 || errno != EINTR) return false;
    }
  }
  void reap() {
    int wstatus = 0;
    rusage usage{};
    while (wait4(pid_, &wstatus, 0, &usage) < 0 && errno == EINTR) {
    }
    reaped_ = true;
    status_ = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    std::ifstream rss(rss_file_);
    if (!(rss >> max_rss_kib_)) throw std::runtime_error("the RSS waiter wrote no peak to " + rss_file_);
  }

  TempDir rss_dir_;
  std::string rss_file_;
  pid_t pid_ = -1;
  int in_ = -1;
  int err_ = -1;
  bool reaped_ = false;
  int status_ = -1;
  long max_rss_kib_ = 0;
  std::string err_text_;
};

// Writing to a child that has exited must be an EPIPE, not our death.
struct IgnoreSigpipe {
  IgnoreSigpipe() { previous = ::signal(SIGPIPE, SIG_IGN); }
  ~IgnoreSigpipe() { ::signal(SIGPIPE, previous); }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;
  void (*previous)(int);
};

}  // namespace

TEST_CASE("issue 11: a number beyond a double's range skips its own record, and the run goes on") {
  TempDir dir;
  std::string file = write_file(dir.path() + "/big.jsonl",
                                "{\"id\":\"a\",\"title\":\"first\"}\n"
                                "{\"id\":\"b\",\"title\":\"second\",\"ignored\":1e400}\n"
                                "{\"id\":\"c\",\"title\":\"third\"}\n");
  ProcessResult r = index(dir.path() + "/db", {file});
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find(file + ":2: skipped: malformed JSON (number at byte 38 is beyond the range of a double: 1e400)") !=
        std::string::npos);
  CHECK(r.err.find("internal error") == std::string::npos);
  CHECK(article_count(dir.path() + "/db") == 2);
}

TEST_CASE("issue 11: ids up to 244 bytes are indexed and found, as documented; 245 is refused") {
  TempDir dir;
  std::string lines;
  for (std::size_t size = 240; size <= 245; ++size) {
    lines += "{\"id\":\"" + std::string(size, 'k') + "\",\"title\":\"longid " + std::to_string(size) + "\"}\n";
  }
  std::string file = write_file(dir.path() + "/ids.jsonl", lines);
  ProcessResult r = index(dir.path() + "/db", {file});
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(count_of(r.err, "skipped") == 2);  // the line, and the summary
  CHECK(r.err.find(file + ":6: skipped: id too long (245 bytes, at most 244)") != std::string::npos);
  CHECK(article_count(dir.path() + "/db") == 5);
  std::set<std::string> ids = newsdex::test::hit_ids(newsdex::test::search_json(dir.path() + "/db", {"longid"}));
  CHECK(ids.size() == 5);
  CHECK(ids.contains(std::string(244, 'k')));
}

TEST_CASE("issue 11: numeric ids keep their digits: different numerals are different articles") {
  TempDir dir;
  std::string file = write_file(dir.path() + "/numbers.jsonl",
                                "{\"id\":123456789012345678901234,\"title\":\"numeral one\"}\n"
                                "{\"id\":123456789012345678901235,\"title\":\"numeral two\"}\n"
                                "{\"id\":1.5e3,\"title\":\"numeral three\"}\n"
                                "{\"id\":1500,\"title\":\"numeral four\"}\n");
  ProcessResult r = index(dir.path() + "/db", {file});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err.find("4 added, 0 replaced") != std::string::npos);
  std::set<std::string> ids = newsdex::test::hit_ids(newsdex::test::search_json(dir.path() + "/db", {"numeral"}));
  CHECK(ids == std::set<std::string>{"123456789012345678901234", "123456789012345678901235", "1.5e3", "1500"});
}

TEST_CASE("issue 11: a date outside 1800 to 2 days ahead is indexed undated, with the rule in the warning") {
  TempDir dir;
  std::string file = write_file(dir.path() + "/dates.jsonl",
                                "{\"id\":\"old\",\"title\":\"T\",\"date\":\"1650-01-01\"}\n"
                                "{\"id\":\"far\",\"title\":\"T\",\"date\":\"2999-01-01T00:00:00Z\"}\n"
                                "{\"id\":\"huge\",\"title\":\"T\",\"date\":1e300}\n");
  ProcessResult r = index(dir.path() + "/db", {file});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err.find(file + ":1: date \"1650-01-01\" is before 1800; indexed as undated") != std::string::npos);
  CHECK(r.err.find(file + ":2: date \"2999-01-01T00:00:00Z\" is more than 2 days in the future; indexed as undated") !=
        std::string::npos);
  CHECK(r.err.find(file + ":3: unparseable date 1e300 (a number is read as epoch seconds, 9 to 11 digits)") !=
        std::string::npos);
  CHECK(r.err.find("-9223372036854775808") == std::string::npos);
  CHECK(article_count(dir.path() + "/db") == 3);
}

TEST_CASE("issue 13: compression is recognised by content: gzip and zstd are read whatever the name") {
  TempDir dir;
  write_file(dir.path() + "/plain.jsonl", "{\"id\":\"g\",\"title\":\"gzipped\"}\n");
  REQUIRE(std::system(("gzip -c '" + dir.path() + "/plain.jsonl' > '" + dir.path() + "/feed.jsonl'").c_str()) == 0);
  std::string gzip = dir.path() + "/feed.jsonl";
  std::string zstd = write_file(dir.path() + "/other.jsonl",
                                newsdex::compression::zstd_compress("{\"id\":\"z\",\"title\":\"packed\"}\n"));
  // gzip's magic number, then bytes that are no deflate stream.
  std::string cut =
      write_file(dir.path() + "/cut.jsonl", std::string("\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03", 10) + "deflated");
  ProcessResult r = index(dir.path() + "/db", {gzip, zstd, cut});
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find(cut + ":1: skipped: damaged compressed data (") != std::string::npos);
  CHECK(r.err.find("invalid UTF-8") == std::string::npos);
  CHECK(article_count(dir.path() + "/db") == 2);
}

TEST_CASE("issue 11: a 300 MB line is skipped with its number, in bounded memory, and the next line is read") {
  TempDir dir;
  // Concatenated zstd frames are one stream: 300 copies of a frame of 1 MiB
  // make a 300 MiB line in a file of a few megabytes. The frame repeats a
  // 16 KiB block of varied letters, so it compresses about 100 to 1: less
  // than the 500 to 1 at which a compressed input counts as a zip bomb and
  // is cut (issue 13, archive_reader.h).
  std::string block;
  std::uint32_t state = 12345;
  while (block.size() < 16384) {
    state = state * 1103515245u + 12345u;
    block += static_cast<char>('a' + (state >> 16) % 26);
  }
  std::string frame;
  while (frame.size() < (std::size_t{1} << 20)) frame += block;
  std::string mib = newsdex::compression::zstd_compress(frame);
  REQUIRE(mib.size() > (std::size_t{1} << 20) / 250);
  std::string data = newsdex::compression::zstd_compress("{\"id\":\"huge\",\"title\":\"");
  for (int i = 0; i < 300; ++i) data += mib;
  data += newsdex::compression::zstd_compress("\"}\n{\"id\":\"after\",\"title\":\"after the long line\"}\n");
  std::string file = write_file(dir.path() + "/huge.jsonl.zst", data);

  // The default limit, 16 MiB: reported once past it, then for each further
  // 16 MiB, all as line 1.
  MeasuredRun run({"--db", dir.path() + "/db", file});
  run.finish();
  INFO(run.err().substr(0, 2000));
  CHECK(run.status() == 1);
  CHECK(run.err().find(file + ":1: skipped: too long (line longer than 16 MiB, the --max-article-size limit)") !=
        std::string::npos);
  CHECK(count_of(run.err(), file + ":1: skipped: too long (line still without an end after ") >= 15);
  CHECK(run.err().find(file + ":2:") == std::string::npos);
  // However often it is reported, the line is one skip in the summary.
  CHECK(run.err().find("skipped 1: 1 too long") != std::string::npos);
  CHECK(run.max_rss_kib() < kMaxRssKiB);
  CHECK(article_count(dir.path() + "/db") == 1);

  // With --memory 64M the limit is a 32nd of it, 2 MiB (a dry run reads the
  // input exactly as a real run does).
  MeasuredRun small({"--dry-run", "--memory", "64M", file});
  small.finish();
  CHECK(small.status() == 1);
  CHECK(small.err().find(file + ":1: skipped: too long (line longer than 2 MiB, the --max-article-size limit)") !=
        std::string::npos);
  CHECK(small.max_rss_kib() < kMaxRssKiB);
}

TEST_CASE("issue 11: `yes | newsdex-index -` makes progress in bounded memory and stops on Ctrl-C") {
  IgnoreSigpipe ignore_sigpipe;
  TempDir dir;
  MeasuredRun run({"--dry-run", "--no-entities", "--max-article-size", "1M", "-"});
  std::string yes;
  for (int i = 0; i < 32 * 1024; ++i) yes += "y\n";
  // Standard input is sniffed: not '{', so one text article, reported for
  // every further MiB of it. Twenty reports, then Ctrl-C.
  auto reports = [](const std::string& err) { return count_of(err, "<stdin>: skipped: too long (text"); };
  bool reported =
      run.feed_until(yes, std::uint64_t{512} << 20, [&](const std::string& err) { return reports(err) >= 20; });
  CHECK(reported);
  run.signal(SIGINT);
  // It may still be reading what we wrote: keep feeding until it stops.
  run.feed_until(yes, std::uint64_t{64} << 20,
                 [](const std::string& err) { return count_of(err, "interrupted: ") > 0; });
  run.finish();
  INFO(run.err());
  CHECK(run.status() == 130);
  CHECK(run.err().find("<stdin>: skipped: too long (text longer than 1 MiB, the --max-article-size limit)") !=
        std::string::npos);
  CHECK(run.max_rss_kib() < kMaxRssKiB);
}

TEST_CASE("issue 11: /dev/zero is reported per --max-article-size as NUL bytes, in bounded memory, until Ctrl-C") {
  MeasuredRun run({"--dry-run", "--no-entities", "--max-article-size", "1M", "/dev/zero"});
  bool reported =
      run.read_until([](const std::string& err) { return count_of(err, "/dev/zero: skipped: too long (text") >= 50; });
  CHECK(reported);
  run.signal(SIGINT);
  run.finish();
  INFO(run.err().substr(0, 2000));
  CHECK(run.status() == 130);
  CHECK(run.err().find("/dev/zero: skipped: too long (text longer than 1 MiB, the --max-article-size limit; "
                       "it holds NUL bytes: binary data, not text)") != std::string::npos);
  CHECK(run.max_rss_kib() < kMaxRssKiB);
}

// The bytes a process has read so far (rchar of /proc/PID/io).
std::uint64_t bytes_read_by(pid_t pid) {
  std::ifstream io("/proc/" + std::to_string(pid) + "/io");
  std::string key;
  std::uint64_t value = 0;
  while (io >> key >> value) {
    if (key == "rchar:") return value;
  }
  return 0;
}

TEST_CASE("issue 11: SIGTERM stops a WARC read of endless garbage (/dev/urandom): exit 130 and the summary") {
  // Random bytes hold no record start: the WARC reader reads on, looking for
  // one, and returns no record to the pipeline. It never waits for input,
  // so no read is interrupted (EINTR) either: the stream itself must stop.
  BackgroundProcess run({kIndex, "--dry-run", "--format", "warc", "/dev/urandom"});
  const auto guard = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (bytes_read_by(run.pid()) < (std::uint64_t{64} << 20)) {
    REQUIRE_MESSAGE(run.running(), "newsdex-index ended before it had read 64 MiB of /dev/urandom");
    REQUIRE_MESSAGE(std::chrono::steady_clock::now() < guard, "newsdex-index read no 64 MiB in 2 minutes");
    // Polling for a state (bytes read), not waiting for time to pass.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(run.signal(SIGTERM));
  const std::optional<ProcessResult> result = run.wait_for(std::chrono::minutes(2));
  REQUIRE_MESSAGE(result.has_value(), "newsdex-index still running 2 minutes after SIGTERM");
  INFO(result->err.substr(0, 2000));
  CHECK(result->status == 130);
  CHECK(result->err.find("interrupted: dry run: read 0 articles") != std::string::npos);
}
