// Runs a real binary for end-to-end tests: arguments, optional stdin bytes and
// extra environment in; stdout, stderr and exit status out. Either to the end
// (run_process) or in the background, to signal it or work beside it
// (BackgroundProcess).
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

// A process running in the background: started by the constructor with stdin
// from /dev/null and stdout and stderr going to unlinked temp files (so it can
// never block on a full pipe); signal() it, ask whether it is still running,
// wait() for it and read what it printed. The destructor kills (SIGKILL) and
// reaps a process nobody waited for.
class BackgroundProcess {
 public:
  explicit BackgroundProcess(const std::vector<std::string>& argv,
                             const std::map<std::string, std::string>& env = {});
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
  // one), stdout and stderr. Idempotent.
  ProcessResult wait();
  // As wait(), but gives up after `timeout`: nullopt if still running then.
  std::optional<ProcessResult> wait_for(std::chrono::milliseconds timeout);

 private:
  bool try_reap(bool block);
  ProcessResult collect();

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::optional<int> status_;
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
