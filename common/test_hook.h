// Test hooks: named points in the tools where an end-to-end test can stop a
// real process at a known moment (after the 3rd commit, before the
// compaction swap, ...) and act there — send a signal, kill it, fill the
// disk, run a search — instead of guessing the moment with timers.
//
// Off unless the environment asks for it, and then only at the named points:
//   NEWSDEX_TEST_HOOK_FD=N        a connected socket (tests/e2e/process.h
//                                 passes one end of a socketpair as fd N)
//   NEWSDEX_TEST_HOOK_SOCKET=PATH or a Unix stream socket to connect to, for
//                                 a process the test does not start itself
//                                 (a command in a tmux pane: the tmux server,
//                                 not the test, is its parent); connected at
//                                 the first call of either function below
//                                 (unreachable: no stops). When both are
//                                 set, the fd wins
//   NEWSDEX_TEST_PAUSE=P[@K],...  the points to stop at; P@K stops only the
//                                 K-th time P is reached (counting from 1)
// Stopping at a point writes "P K\n" to the socket and blocks until the test
// writes one byte back (or closes its end). Signals that arrive meanwhile are
// handled as usual (the interrupt flag is set) and seen when the process
// goes on. Without NEWSDEX_TEST_HOOK_FD the call costs one relaxed load.
//
// The points (grep test_hook for the call sites):
//   record           the reader thread read a record (before handing it on)
//   commit           a batch commit is durable (K = the commit's number)
//   compact-running  in compaction's child process (indexer/admin_compact.cpp),
//                    before Xapian starts the copy; K counts in the child, so it
//                    is 1 for the first compaction of a process. A test that
//                    signals the indexer here need not answer: the indexer
//                    kills the child
//   compact-checking in the child process of Xapian's check before a compaction
//                    (indexer/admin_check.cpp), before the check starts; K
//                    counts in the child, as for compact-running
//   compact-copied   compaction wrote and synced the compacted copy, before the swap
//   compact-swapped  the swap is done, before the old files are removed
//   cluster-index-commit a sharded load committed its cluster index to disk
//                    (indexer/shard_load.h), K = the commit's number
//   facet-columns    the facet columns' temp file is written, before the rename
//   end              all work done, before the summary is printed
//   progress         the indexer's progress line was drawn and flushed
//                    (K = the draw's number; indexer/progress.h)
//   hit              newsdex-search's terminal printer wrote and flushed its
//                    K-th result
//   row              newsdex-search's export wrote and flushed its K-th row
//                    (--format csv/tsv; with --quotes also a jsonl line)
// Thread safety: any thread may call test_hook(); each point counts atomically.
#pragma once

#include <string_view>

namespace newsdex {

void test_hook(std::string_view point);

// True when the environment turned the hooks on (NEWSDEX_TEST_HOOK_FD or
// NEWSDEX_TEST_HOOK_SOCKET set): for work only a stop needs, such as
// flushing output so that the test sees it while the process is stopped.
bool test_hooks_enabled();

}  // namespace newsdex
