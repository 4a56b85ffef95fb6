// common/fatal_signal.h: the one message both tools print on a fatal signal.
#include "common/fatal_signal.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <string>

namespace newsdex {
namespace {

TEST_CASE("fatal_signal_name names each handled signal and its usual cause") {
  CHECK(std::string(fatal_signal_name(SIGSEGV)) == "SIGSEGV (invalid memory access)");
  CHECK(std::string(fatal_signal_name(SIGBUS)) == "SIGBUS (bad memory access)");
  CHECK(std::string(fatal_signal_name(SIGABRT)) == "SIGABRT (abort, e.g. on a corrupted heap)");
  CHECK(std::string(fatal_signal_name(SIGFPE)) == "SIGFPE (arithmetic error)");
  CHECK(std::string(fatal_signal_name(SIGILL)) == "SIGILL (illegal instruction)");
}

#if !defined(__SANITIZE_ADDRESS__)
// A child process installs the handler, replaces its message once, and
// raises `signo`: what it writes to standard error and its exit status.
struct Outcome {
  std::string err;
  int status = -1;  // exit status, or -1 when it died on a signal
};

Outcome crash_child(int signo) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(fds[1], STDERR_FILENO);
    ::close(fds[0]);
    print_on_fatal_signal("first: ", "\n", 5);
    print_on_fatal_signal("tool: stopped by ", " while reading DB\n", 7);  // replaces the first
    ::raise(signo);
    ::_exit(0);  // not reached: the handler exits
  }
  ::close(fds[1]);
  Outcome outcome;
  char buf[512];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) outcome.err.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  if (WIFEXITED(status)) outcome.status = WEXITSTATUS(status);
  return outcome;
}

TEST_CASE("print_on_fatal_signal: one line with the signal's name, then exit with the status given") {
  for (int signo : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL}) {
    CAPTURE(signo);
    const Outcome outcome = crash_child(signo);
    CHECK(outcome.status == 7);
    CHECK(outcome.err == std::string("tool: stopped by ") + fatal_signal_name(signo) + " while reading DB\n");
  }
}
#endif

}  // namespace
}  // namespace newsdex
