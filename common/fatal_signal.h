// The last line of defence of both tools against a damaged database: libxapian
// 1.4 trusts the lengths and offsets inside its B-tree blocks, and some damage
// makes it read or write out of bounds. Instead of dying on the signal, the
// process prints one line saying what happened and what to do, and exits.
// Thread safety: call from one thread, before the work starts (the handler is
// process-wide); the handler itself runs in whichever thread faults.
#pragma once

#include <string>

namespace newsdex {

// From this call on, SIGSEGV, SIGBUS, SIGABRT, SIGFPE and SIGILL write
// `before` + the signal's name and cause ("SIGSEGV (invalid memory access)")
// + `after` to standard error and exit with `status` (_exit: nothing else
// runs, as the heap may be what is broken). The handler runs on an alternate
// stack, so a stack overflow is reported too, and is reset on entry, so a
// fault inside it ends the process. What was committed before is intact, as
// after any crash: Xapian writes its revision file last. A later call
// replaces the message and status. Sanitizer builds keep the sanitizer's own
// report (nothing is installed).
void print_on_fatal_signal(std::string before, std::string after, int status);

// The name and cause print_on_fatal_signal() writes for `signo`, one of the
// five signals above ("SIGBUS (bad memory access)").
const char* fatal_signal_name(int signo);

}  // namespace newsdex
