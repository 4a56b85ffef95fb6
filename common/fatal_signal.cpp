#include "common/fatal_signal.h"

#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <utility>

namespace newsdex {
namespace {

// The one line a fatal signal prints (set before the work starts): the
// handler may only write it and exit, as the heap may be what is broken.
struct FatalMessage {
  std::string before;  // up to the signal's name
  std::string after;
  int status = 2;
};
FatalMessage* fatal_message = nullptr;

[[maybe_unused]] void on_fatal_signal(int signo) {
  const char* name = fatal_signal_name(signo);
  if (fatal_message != nullptr) {
    (void)!::write(STDERR_FILENO, fatal_message->before.data(), fatal_message->before.size());
    (void)!::write(STDERR_FILENO, name, std::strlen(name));
    (void)!::write(STDERR_FILENO, fatal_message->after.data(), fatal_message->after.size());
    ::_exit(fatal_message->status);
  }
  ::_exit(2);  // never installed without a message
}

}  // namespace

const char* fatal_signal_name(int signo) {
  return signo == SIGSEGV   ? "SIGSEGV (invalid memory access)"
         : signo == SIGBUS  ? "SIGBUS (bad memory access)"
         : signo == SIGABRT ? "SIGABRT (abort, e.g. on a corrupted heap)"
         : signo == SIGFPE  ? "SIGFPE (arithmetic error)"
                            : "SIGILL (illegal instruction)";
}

void print_on_fatal_signal(std::string before, std::string after, int status) {
#if defined(__SANITIZE_ADDRESS__)
  // Sanitizer builds: the sanitizer's own report says more.
  (void)before, (void)after, (void)status;
#else
  delete fatal_message;
  fatal_message = new FatalMessage{std::move(before), std::move(after), status};
  static char alternate_stack[1 << 16];  // a stack overflow must not stop the message
  stack_t ss{};
  ss.ss_sp = alternate_stack;
  ss.ss_size = sizeof alternate_stack;
  ::sigaltstack(&ss, nullptr);
  struct sigaction action {};
  action.sa_handler = on_fatal_signal;
  action.sa_flags = static_cast<int>(SA_ONSTACK | SA_RESETHAND);
  sigemptyset(&action.sa_mask);
  for (int signo : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL}) ::sigaction(signo, &action, nullptr);
#endif
}

}  // namespace newsdex
