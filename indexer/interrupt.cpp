#include "indexer/interrupt.h"

#include <signal.h>

#include <atomic>

namespace newsdex::index {
namespace {

// A lock-free atomic is async-signal-safe to store to; std::sig_atomic_t
// would also do, but could not be read safely from other threads later.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

// Guards alive (created and destroyed on one thread, see interrupt.h).
int g_depth = 0;
struct sigaction g_previous_int;
struct sigaction g_previous_term;

extern "C" void on_signal(int /*signo*/) {
  g_interrupted.store(true, std::memory_order_relaxed);
  // One-shot for both signals (SA_RESETHAND resets only the one delivered):
  // whichever comes second kills us. sigaction() is async-signal-safe.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  sigaction(SIGINT, &default_action, nullptr);
  sigaction(SIGTERM, &default_action, nullptr);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  if (g_depth++ > 0) return;
  g_interrupted.store(false);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: a blocking read of stdin, flock() or a wait must return so
  // we can stop.
  action.sa_flags = 0;
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptGuard::~InterruptGuard() {
  if (--g_depth > 0) return;
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
  g_interrupted.store(false);
}

bool interrupt_requested() { return g_interrupted.load(std::memory_order_relaxed); }

void request_interrupt() { g_interrupted.store(true); }

}  // namespace newsdex::index
