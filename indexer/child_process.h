// Work run in a forked child process: what libxapian may crash or hang on
// (the consistency check of a damaged database), or what must stop at once
// on SIGINT/SIGTERM although Xapian cannot cancel it (a compaction). The
// child tells the parent what it found through a pipe; the parent reports how
// it ended. admin_check.cpp and admin_compact.cpp use it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace newsdex::index {

struct ChildOptions {
  // "Xapian's check", "the compaction": named in the errors of starting and
  // waiting for the child.
  std::string what;
  // SIGINT and SIGTERM (the flag of indexer/interrupt.h, set by the caller's
  // InterruptGuard) kill and reap the child and throw
  // Interrupted(interrupted_message). They are held blocked in this thread
  // except while waiting for the child's output, so none is lost in between;
  // the child dies of them, and with the parent (PR_SET_PDEATHSIG).
  bool interruptible = false;
  std::string interrupted_message;
  // The child's output beyond this is read and dropped: memory stays bounded
  // whatever the child prints.
  std::size_t max_output = std::size_t{1} << 20;
};

struct ChildExit {
  std::string output;  // what the child wrote to its end of the pipe (at most max_output bytes)
  int status = 0;      // as waitpid() gives it: WIFEXITED, WIFSIGNALED, ...
};

// Forks. The child runs `work(fd)`, fd the write end of the pipe to the
// parent, with the default action for the crash signals (SIGSEGV, SIGBUS,
// SIGABRT, SIGFPE, SIGILL: a crash ends the child with its signal, for the
// caller to report, instead of the tools' fatal-signal message); `work` must
// not return (it ends with ::_exit). The parent reads the pipe until the child
// closes it, reaps the child and returns what it wrote and how it ended.
// Throws Error when the pipe, the fork or the waiting fails; Interrupted (see
// ChildOptions::interruptible) when a signal stopped it.
// Requires: no other thread of this process holds a lock the child could need
// (the child runs Xapian and allocates).
ChildExit run_in_child(const std::function<void(int fd)>& work, const ChildOptions& options);

// Writes all of `bytes` to `fd`, retrying on EINTR; stops quietly when the
// reader has gone (the child's parent died: there is no one left to tell).
void write_to_parent(int fd, std::string_view bytes);

}  // namespace newsdex::index
