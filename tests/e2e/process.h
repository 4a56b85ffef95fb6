// Runs a real binary for end-to-end tests: arguments, optional stdin bytes and
// extra environment in; stdout, stderr and exit status out. Either to the end
// (run_process) or in the background, to signal it or work beside it
// (BackgroundProcess), optionally stopping it at the test hooks of
// common/test_hook.h.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace newsdex::test {

struct ProcessResult {
  int status = -1;  // exit status; 128 + signal number if killed by a signal
  std::string out;
  std::string err;
};

// Runs `argv[0]` (a path) with `argv`, feeding `input` on stdin, with `env`
// added to (or overriding) the current environment. Blocks until it exits.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = "",
                          const std::map<std::string, std::string>& env = {});

// How a BackgroundProcess is started.
struct BackgroundOptions {
  // Added to (or overriding) the current environment.
  std::map<std::string, std::string> env;
  // The test-hook points to stop at, as NEWSDEX_TEST_PAUSE takes them
  // ("commit@3,end"; see common/test_hook.h). Non-empty: the process gets one
  // end of a socketpair as NEWSDEX_TEST_HOOK_FD, and wait_for_hook() and
  // resume() talk to it through the other. Empty (default): no hooks.
  std::string pause_at;
};

// A process running in the background: started by the constructor with stdin
// from /dev/null and stdout and stderr going to unlinked temp files (so it can
// never block on a full pipe); signal() it, ask whether it is still running,
// wait() for it and read what it printed. With BackgroundOptions::pause_at it
// stops at those test hooks: wait_for_hook() says where, the test acts (kills
// it, signals it, fills the disk, runs a search), then resume() lets it go on.
// The destructor kills (SIGKILL) and reaps a process nobody waited for, so a
// failed REQUIRE never leaves one stopped at a hook.
class BackgroundProcess {
 public:
  explicit BackgroundProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});
  BackgroundProcess(const std::vector<std::string>& argv, const BackgroundOptions& options);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  // True until the process has exited (reaps it when it has).
  bool running();
  // Sends `signo`; returns false if the process had already exited (and been
  // reaped), so the signal did not reach it.
  bool signal(int signo);
  // Waits for the exit and returns status (128 + signal number if killed by
  // one), stdout and stderr. Idempotent. Closes the hook channel first
  // (close_hooks()), so a process stopped at a hook goes on to its end.
  ProcessResult wait();
  // As wait(), but gives up after `timeout`: nullopt if still running then.
  std::optional<ProcessResult> wait_for(std::chrono::milliseconds timeout);

  // Test hooks (requires BackgroundOptions::pause_at). Blocks until the
  // process stops at one of the points and returns its line without the
  // newline, "POINT K" ("commit 3": stopped after its 3rd commit); "" when
  // the process closed the channel first (it exited, or was killed). The
  // process stays stopped until resume(), close_hooks() or its death. While
  // one of its threads is stopped, its other threads wait at the next hook
  // point they reach (the hooks hold one lock while stopped), so one stop is
  // seen at a time. Throws std::runtime_error when nothing comes for minutes:
  // a guard against a hung process, never a measure of speed.
  std::string wait_for_hook();
  // Lets the stopped process go on (writes the one byte it waits for).
  void resume();
  // Closes the test's end of the channel: a stopped process goes on, and
  // every later stop goes on at once. wait_for_hook() may still return lines
  // already sent.
  void close_hooks();

 private:
  void start(const std::vector<std::string>& argv, const BackgroundOptions& options);
  bool try_reap(bool block);
  ProcessResult collect();

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  int hook_fd_ = -1;  // the test's end of the hook socketpair, or -1
  bool hooks_closed_ = false;
  std::string hook_input_;  // received from the hook channel, not yet returned
  std::optional<int> status_;
};

// The test's end of the hook channel (common/test_hook.h) for a process the
// test does not start itself, such as a command in a tmux pane (whose parent
// is the tmux server, so no socketpair end can be passed down): listens on a
// Unix socket at `path`; give the process NEWSDEX_TEST_HOOK_SOCKET=path and
// NEWSDEX_TEST_PAUSE, and it connects when it first reaches a hook point.
// One process per listener. wait_for_hook() and resume() work as
// BackgroundProcess's; the destructor closes the connection (a stopped
// process goes on) and removes the socket.
class HookListener {
 public:
  // Binds and listens at `path` (which must not exist; it is removed on
  // destruction). Throws std::runtime_error on failure.
  explicit HookListener(std::string path);
  ~HookListener();
  HookListener(const HookListener&) = delete;
  HookListener& operator=(const HookListener&) = delete;

  const std::string& path() const { return path_; }
  // As BackgroundProcess::wait_for_hook(): accepts the process's connection
  // first if need be. Throws std::runtime_error when nothing comes for
  // minutes (a guard against a hung process, never a measure of speed).
  std::string wait_for_hook();
  // Lets the stopped process go on.
  void resume();
  // Closes the connection and stops listening: a stopped process goes on,
  // and every later stop (or connection attempt) goes on at once.
  void close_connection();

 private:
  std::string path_;
  int listen_fd_ = -1;
  int fd_ = -1;  // the accepted connection, or -1
  bool closed_ = false;
  std::string input_;  // received, not yet returned
};

// A fresh empty directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace newsdex::test
