// Ctrl-C and SIGTERM for newsdex-index: the first signal asks the indexer to
// stop what it is doing — reading, building the facet columns, compacting —
// keep what is committed and print its summary; a second one kills it (the
// database stays consistent at its last commit either way, and the next run
// removes what a killed run left behind).
// Thread safety: the flag is a lock-free atomic that any thread may read;
// guards are created and destroyed on one thread (the main one).
#pragma once

#include "common/error.h"

namespace newsdex::index {

// Installs SIGINT and SIGTERM handlers that set the interrupt flag, for the
// guard's lifetime; restores the previous handlers and clears the flag after.
// Guards nest: only the outermost one installs, clears and restores, so a
// whole indexing run (reading, facet columns, compaction) is covered by one,
// and the steps that install their own (the reading pipeline, compaction)
// work the same when called alone.
// The handlers are one-shot: the first signal sets the flag and puts the
// default action of both signals back, so a second SIGINT or SIGTERM kills the
// process. They do not restart system calls, so a read() blocked on standard
// input, or a wait for a lock or a child process, returns at once with EINTR.
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

// Thrown by a step that a signal stopped before it changed anything
// (compact_database before its swap): the database is as it was before the step.
class Interrupted : public Error {
 public:
  using Error::Error;
};

}  // namespace newsdex::index
