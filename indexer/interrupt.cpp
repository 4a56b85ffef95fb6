#include "indexer/interrupt.h"

#include <signal.h>

#include <atomic>

namespace newsdex::index {
namespace {

// A lock-free atomic is async-signal-safe to store to; std::sig_atomic_t
// would also do, but could not be read safely from other threads later.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

struct sigaction g_previous_int;
struct sigaction g_previous_term;

extern "C" void on_signal(int /*signo*/) { g_interrupted.store(true, std::memory_order_relaxed); }

}  // namespace

InterruptGuard::InterruptGuard() {
  g_interrupted.store(false);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: a blocking read of stdin must return so we can stop.
  // SA_RESETHAND: a second Ctrl-C kills us if committing takes too long.
  action.sa_flags = static_cast<int>(SA_RESETHAND);  // glibc defines it as an unsigned 0x80000000
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
  g_interrupted.store(false);
}

bool interrupt_requested() { return g_interrupted.load(std::memory_order_relaxed); }

void request_interrupt() { g_interrupted.store(true); }

}  // namespace newsdex::index
