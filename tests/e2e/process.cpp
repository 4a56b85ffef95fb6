#include "tests/e2e/process.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <thread>
#include <utility>

extern char** environ;

namespace newsdex::test {
namespace {

// The current environment with `env` added or overriding, as KEY=VALUE.
std::vector<std::string> merged_environment(const std::map<std::string, std::string>& env) {
  std::map<std::string, std::string> merged;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string::npos) merged[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : env) merged[k] = v;
  std::vector<std::string> out;
  out.reserve(merged.size());
  for (const auto& [k, v] : merged) out.push_back(k + "=" + v);
  return out;
}

// A null-terminated char* array over owned strings, for posix_spawn.
class CStrings {
 public:
  explicit CStrings(std::vector<std::string> strings) : strings_(std::move(strings)) {
    for (std::string& s : strings_) ptrs_.push_back(s.data());
    ptrs_.push_back(nullptr);
  }
  CStrings(const CStrings&) = delete;  // ptrs_ point into strings_
  CStrings& operator=(const CStrings&) = delete;
  char* const* ptrs() { return ptrs_.data(); }

 private:
  std::vector<std::string> strings_;
  std::vector<char*> ptrs_;
};

int exit_status(int wstatus) { return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus); }

// An unlinked temp file open for reading and writing (close-on-exec).
int anonymous_temp_file() {
  std::string path = (std::filesystem::temp_directory_path() / "newsdex-test-out-XXXXXX").string();
  int fd = mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("mkostemp failed: " + std::string(std::strerror(errno)));
  unlink(path.c_str());
  return fd;
}

std::string read_all(int fd) {
  std::string out;
  char buf[65536];
  if (lseek(fd, 0, SEEK_SET) < 0) return out;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  return out;
}

// Blocks SIGPIPE in this thread for the object's life, so that writing to a
// child that exited without reading all of its input fails with EPIPE
// instead of killing the test binary; a SIGPIPE raised meanwhile is consumed
// before the mask is restored. (Blocked, not ignored: an ignored signal would
// stay ignored in the children, whose own writes must still die of it.)
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set_, &previous_);
  }
  ~SigpipeBlock() {
    timespec zero{0, 0};
    while (sigtimedwait(&set_, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t set_;
  sigset_t previous_;
};

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                          const std::map<std::string, std::string>& env) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }

  CStrings env_strings(merged_environment(env));
  CStrings args(argv);

  pid_t pid = 0;
  int rc = posix_spawn(&pid, args.ptrs()[0], &actions, nullptr, args.ptrs(), env_strings.ptrs());
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    close(err_pipe[0]);
    throw std::runtime_error(std::string("posix_spawn ") + argv[0] + ": " + std::strerror(rc));
  }

  ProcessResult result;
  SigpipeBlock sigpipe_block;  // after the spawn: the child gets our usual mask
  std::size_t written = 0;
  int in_fd = in_pipe[1];
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  } else {
    fcntl(in_fd, F_SETFL, O_NONBLOCK);
  }
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open || in_fd >= 0) {
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out_pipe[0], POLLIN, 0});
    if (err_open) fds.push_back({err_pipe[0], POLLIN, 0});
    if (in_fd >= 0) fds.push_back({in_fd, POLLOUT, 0});
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (const pollfd& p : fds) {
      if (p.revents == 0) continue;
      if (p.fd == in_fd) {
        ssize_t n = write(in_fd, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 && errno != EAGAIN) written = input.size();
        if (written >= input.size()) {
          close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      ssize_t n = read(p.fd, buf, sizeof buf);
      std::string& target = p.fd == out_pipe[0] ? result.out : result.err;
      if (n > 0) {
        target.append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        (p.fd == out_pipe[0] ? out_open : err_open) = false;
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  result.status = exit_status(wstatus);
  return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::map<std::string, std::string>& env) {
  start(argv, BackgroundOptions{.env = env, .pause_at = {}});
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv, const BackgroundOptions& options) {
  start(argv, options);
}

void BackgroundProcess::start(const std::vector<std::string>& argv, const BackgroundOptions& options) {
  out_fd_ = anonymous_temp_file();
  err_fd_ = anonymous_temp_file();
  std::map<std::string, std::string> env = options.env;
  int child_hook_fd = -1;
  if (!options.pause_at.empty()) {
    int ends[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
      close(out_fd_);
      close(err_fd_);
      throw std::runtime_error("socketpair failed: " + std::string(std::strerror(errno)));
    }
    hook_fd_ = ends[0];
    child_hook_fd = ends[1];
    // The child's end is inherited as it is numbered here (the tests spawn
    // from one thread, so no other child can inherit it meanwhile); ours
    // stays close-on-exec, so the child sees end of file when we close it.
    fcntl(child_hook_fd, F_SETFD, 0);
    env["NEWSDEX_TEST_HOOK_FD"] = std::to_string(child_hook_fd);
    env["NEWSDEX_TEST_PAUSE"] = options.pause_at;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd_, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd_, 2);
  CStrings env_strings(merged_environment(env));
  CStrings args(argv);
  int rc = posix_spawn(&pid_, args.ptrs()[0], &actions, nullptr, args.ptrs(), env_strings.ptrs());
  posix_spawn_file_actions_destroy(&actions);
  if (child_hook_fd >= 0) close(child_hook_fd);
  if (rc != 0) {
    close(out_fd_);
    close(err_fd_);
    if (hook_fd_ >= 0) close(hook_fd_);
    throw std::runtime_error(std::string("posix_spawn ") + argv[0] + ": " + std::strerror(rc));
  }
}

BackgroundProcess::~BackgroundProcess() {
  if (!status_) {
    kill(pid_, SIGKILL);
    try_reap(true);
  }
  close_hooks();
  close(out_fd_);
  close(err_fd_);
}

std::string BackgroundProcess::wait_for_hook() {
  if (hook_fd_ < 0) throw std::runtime_error("wait_for_hook: the process was started without pause_at");
  // A guard against a hung process only (a deadlock would otherwise hang the
  // whole suite); a process that works reaches its points long before.
  constexpr int kHangGuardMs = 5 * 60 * 1000;
  for (;;) {
    if (auto newline = hook_input_.find('\n'); newline != std::string::npos) {
      std::string line = hook_input_.substr(0, newline);
      hook_input_.erase(0, newline + 1);
      return line;
    }
    if (hooks_closed_) return "";
    pollfd p{hook_fd_, POLLIN, 0};
    int ready = poll(&p, 1, kHangGuardMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) throw std::runtime_error("wait_for_hook: the process did not reach a test hook in 5 minutes");
    char buf[256];
    ssize_t n = read(hook_fd_, buf, sizeof buf);
    if (n > 0) {
      hook_input_.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return "";  // closed: the process is gone (a partial line is no stop)
    }
  }
}

void BackgroundProcess::resume() {
  if (hook_fd_ < 0 || hooks_closed_) throw std::runtime_error("resume: no hook channel");
  const char byte = 'r';
  for (;;) {
    ssize_t n = send(hook_fd_, &byte, 1, MSG_NOSIGNAL);
    if (n == 1) return;
    // EPIPE: the process is gone; nothing is stopped any more.
    if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) return;
    if (n < 0 && errno != EINTR) throw std::runtime_error("resume: " + std::string(std::strerror(errno)));
  }
}

void BackgroundProcess::close_hooks() {
  if (hook_fd_ < 0 || hooks_closed_) return;
  close(hook_fd_);
  hooks_closed_ = true;
}

bool BackgroundProcess::try_reap(bool block) {
  if (status_) return true;
  int wstatus = 0;
  for (;;) {
    pid_t r = waitpid(pid_, &wstatus, block ? 0 : WNOHANG);
    if (r == pid_) {
      status_ = exit_status(wstatus);
      return true;
    }
    if (r == 0) return false;
    if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  }
}

bool BackgroundProcess::running() { return !try_reap(false); }

bool BackgroundProcess::signal(int signo) {
  // Not yet reaped means the pid is still ours (a zombie at worst), so the
  // signal cannot hit another process.
  if (try_reap(false)) return false;
  return kill(pid_, signo) == 0;
}

ProcessResult BackgroundProcess::collect() {
  ProcessResult result;
  result.status = *status_;
  result.out = read_all(out_fd_);
  result.err = read_all(err_fd_);
  return result;
}

ProcessResult BackgroundProcess::wait() {
  close_hooks();
  try_reap(true);
  return collect();
}

std::optional<ProcessResult> BackgroundProcess::wait_for(std::chrono::milliseconds timeout) {
  close_hooks();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!try_reap(false)) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return collect();
}

HookListener::HookListener(std::string path) : path_(std::move(path)) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path_.size() >= sizeof address.sun_path) throw std::runtime_error("HookListener: path too long: " + path_);
  std::memcpy(address.sun_path, path_.c_str(), path_.size() + 1);
  listen_fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("HookListener: socket: " + std::string(std::strerror(errno)));
  if (bind(listen_fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      listen(listen_fd_, 1) != 0) {
    std::string error = std::strerror(errno);
    close(listen_fd_);
    throw std::runtime_error("HookListener: bind/listen " + path_ + ": " + error);
  }
}

HookListener::~HookListener() {
  close_connection();
  unlink(path_.c_str());
}

std::string HookListener::wait_for_hook() {
  // A guard against a hung process only, as in BackgroundProcess.
  constexpr int kHangGuardMs = 5 * 60 * 1000;
  for (;;) {
    if (auto newline = input_.find('\n'); newline != std::string::npos) {
      std::string line = input_.substr(0, newline);
      input_.erase(0, newline + 1);
      return line;
    }
    if (closed_) return "";
    const int wait_fd = fd_ >= 0 ? fd_ : listen_fd_;
    pollfd p{wait_fd, POLLIN, 0};
    int ready = poll(&p, 1, kHangGuardMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      throw std::runtime_error(fd_ >= 0 ? "wait_for_hook: the process did not reach a test hook in 5 minutes"
                                        : "wait_for_hook: no process connected to " + path_ + " in 5 minutes");
    }
    if (fd_ < 0) {
      fd_ = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd_ < 0 && errno != EINTR)
        throw std::runtime_error("HookListener: accept: " + std::string(std::strerror(errno)));
      continue;
    }
    char buf[256];
    ssize_t n = read(fd_, buf, sizeof buf);
    if (n > 0) {
      input_.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return "";  // closed: the process is gone
    }
  }
}

void HookListener::resume() {
  if (fd_ < 0 || closed_) throw std::runtime_error("resume: no process is connected");
  const char byte = 'r';
  for (;;) {
    ssize_t n = send(fd_, &byte, 1, MSG_NOSIGNAL);
    if (n == 1) return;
    if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) return;  // the process is gone
    if (n < 0 && errno != EINTR) throw std::runtime_error("resume: " + std::string(std::strerror(errno)));
  }
}

void HookListener::close_connection() {
  if (closed_) return;
  closed_ = true;
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  // A process that has not connected yet finds nobody and never stops.
  close(listen_fd_);
  listen_fd_ = -1;
}

TempDir::TempDir() {
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (int i = 0; i < 100; ++i) {
    auto candidate = base / ("newsdex-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate.string();
      return;
    }
  }
  throw std::runtime_error("cannot create a temp dir");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace newsdex::test
