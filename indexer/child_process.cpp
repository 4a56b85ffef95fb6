#include "indexer/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <optional>

#include "common/error.h"
#include "indexer/interrupt.h"

namespace newsdex::index {
namespace {

// Blocks SIGINT and SIGTERM in this thread for the object's lifetime: a
// signal then stays pending until ppoll() lets it in, so none is lost between
// checking the interrupt flag and starting to wait.
class SignalsHeld {
 public:
  SignalsHeld() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &previous_);
  }
  ~SignalsHeld() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;
  // The mask to wait with: the one before, so the signals get in.
  const sigset_t& previous() const { return previous_; }

 private:
  sigset_t previous_;
};

int reap(pid_t child, bool kill_first) {
  if (kill_first) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

void write_to_parent(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

ChildExit run_in_child(const std::function<void(int fd)>& work, const ChildOptions& options) {
  std::optional<SignalsHeld> held;
  if (options.interruptible) {
    held.emplace();
    if (interrupt_requested()) throw Interrupted(options.interrupted_message);
  }
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw Error("cannot start " + options.what + ": pipe: " + std::strerror(errno));
  }
  // What is buffered would be written twice, by the child too.
  std::cout.flush();
  std::cerr.flush();
  const pid_t parent = ::getpid();
  const pid_t child = ::fork();
  if (child < 0) {
    const int err = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw Error("cannot start " + options.what + ": fork: " + std::strerror(err));
  }
  if (child == 0) {
    // Only async-signal-safe calls until the work: default signal actions,
    // unblocked, and death with the parent.
    ::close(fds[0]);
    for (int signo : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL}) ::signal(signo, SIG_DFL);
    if (options.interruptible) {
      ::signal(SIGINT, SIG_DFL);
      ::signal(SIGTERM, SIG_DFL);
      sigset_t none;
      sigemptyset(&none);
      pthread_sigmask(SIG_SETMASK, &none, nullptr);
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(3);  // the parent died before prctl
    }
    work(fds[1]);
    ::_exit(0);
  }
  ::close(fds[1]);
  ChildExit result;
  char buf[65536];
  for (;;) {
    if (held) {
      struct pollfd fd {
        fds[0], POLLIN, 0
      };
      if (::ppoll(&fd, 1, nullptr, &held->previous()) < 0) {
        if (errno == EINTR && !interrupt_requested()) continue;
        const int err = errno;
        ::close(fds[0]);
        reap(child, /*kill_first=*/true);
        if (err == EINTR) throw Interrupted(options.interrupted_message);
        throw Error("cannot wait for " + options.what + ": " + std::strerror(err));
      }
    }
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (result.output.size() < options.max_output) result.output.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  result.status = reap(child, /*kill_first=*/false);
  return result;
}

}  // namespace newsdex::index
