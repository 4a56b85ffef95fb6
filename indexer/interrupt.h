// Ctrl-C and SIGTERM for newsdex-index: the first signal asks the indexer to stop
// reading, commit what it has and print its summary; a second one kills it
// (the database stays consistent at its last commit either way).
// Thread safety: the flag is a lock-free atomic; install one guard at a time.
#pragma once

namespace newsdex::index {

// Installs SIGINT and SIGTERM handlers that set the interrupt flag, for the
// guard's lifetime; restores the previous handlers and clears the flag after.
// The handlers are one-shot (SA_RESETHAND) and do not restart system calls, so
// a read() blocked on standard input returns at once with EINTR.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
};

// True once SIGINT or SIGTERM arrived (or request_interrupt() was called).
bool interrupt_requested();

// Sets the flag as a signal would; for tests and for callers that stop early.
void request_interrupt();

}  // namespace newsdex::index
