// The reading loop of newsdex-index, shared by real and dry runs: an ordered
// parallel map over the corpus.
//
//   reader thread ──records──▶ worker threads (extract_page for raw pages,
//                                  then work: analyze, extract, build)
//                                   │ results, any order
//                                   ▼
//   calling thread: consume() in input order (write to Xapian / print),
//                   warnings and skips reported, progress drawn
//
// Input order is kept on the consuming side, so commits hold a prefix of the
// input and diagnostics come out in the order of the records, whatever the
// number of workers. Memory is bounded: the reader stops when
// `max_in_flight` records (or `max_bytes_in_flight` bytes of their text and
// raw pages) are read and not yet consumed.
//
// Signals: SIGINT/SIGTERM are blocked in the workers and, while the reader
// runs, in the calling thread, so the reader thread receives them; a read
// blocked on standard input then returns (see interrupt.h). Once the reader
// has finished, the calling thread takes them again. The pipeline installs
// an InterruptGuard of its own; when the caller already holds one (the
// indexer does, for its whole run, so that a signal after the reading still
// stops the end phase cleanly), it nests and changes nothing.
#pragma once

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>
#include <utility>
#include <vector>

#include "common/test_hook.h"
#include "indexer/corpus_reader.h"
#include "indexer/extraction.h"
#include "indexer/indexer.h"
#include "indexer/interrupt.h"
#include "indexer/progress.h"

namespace newsdex::index {

struct PipelineOptions {
  // Threads running `work` (0 is taken as 1).
  unsigned workers = 1;
  // Records read and not yet consumed, at most (at least 1).
  std::size_t max_in_flight = 256;
  // Their title + body bytes and raw page bytes, at most (a single larger
  // record still passes).
  std::uint64_t max_bytes_in_flight = std::uint64_t{256} << 20;
  // Print one line per record left out (not an article: WARC requests,
  // listing pages...) on the diagnostics stream, as for skips (--verbose).
  bool report_left_out = false;
};

// --threads N: N, or one per core when 0.
unsigned worker_threads(unsigned requested);

// PipelineOptions for `workers` workers within a memory budget of `memory_bytes`
// (a quarter of it for records in flight).
PipelineOptions pipeline_options(unsigned workers, std::uint64_t memory_bytes);

// Reads every record of `reader` until the end or Ctrl-C/SIGTERM. A record
// holding a raw page is first extracted on a worker (extract_page(),
// extraction.h), which makes it an article, a skip or a left-out record. For
// each article, make_state() (once per worker thread, on it) and
//   work(State&, const CorpusEntry&) -> Result       on a worker thread
//   consume(const CorpusEntry&, Result&) -> optional<Skip>   on this thread,
//                                                    in input order
// Warnings and skips are reported as one "newsdex-index: ORIGIN: ..." line on
// `diagnostics` (clearing the progress line first) and counted in `summary`;
// left-out records are counted in summary.left_out (and reported only with
// options.report_left_out), articles per format in summary.formats;
// summary.interrupted is set. Returns the number of records consumed without a
// skip. An exception thrown by work() or make_state() is rethrown here when
// that record's turn comes; one thrown by consume() propagates at once. The
// threads are stopped and joined before returning or throwing.
template <class MakeState, class Work, class Consume>
std::uint64_t for_each_article(CorpusReader& reader, Progress& progress, std::ostream& diagnostics,
                               IndexSummary& summary, const PipelineOptions& options, MakeState make_state, Work work,
                               Consume consume);

// ---------------------------------------------------------------------------
// Implementation.

namespace pipeline_detail {

// Blocks SIGINT and SIGTERM in this thread for the object's lifetime (or until
// release()), restoring the previous mask.
class SignalBlock {
 public:
  SignalBlock() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &previous_);
  }
  ~SignalBlock() { release(); }
  SignalBlock(const SignalBlock&) = delete;
  SignalBlock& operator=(const SignalBlock&) = delete;
  void release() {
    if (active_) pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    active_ = false;
  }

 private:
  sigset_t previous_;
  bool active_ = true;
};

void unblock_interrupt_signals();

template <class Result>
struct Item {
  CorpusEntry entry;
  std::uint64_t bytes = 0;           // title + body + raw page, as read
  std::uint64_t bytes_consumed = 0;  // reader position after this record, for progress
  std::optional<Result> result;
  std::exception_ptr error;
  bool ready = false;
};

}  // namespace pipeline_detail

template <class MakeState, class Work, class Consume>
std::uint64_t for_each_article(CorpusReader& reader, Progress& progress, std::ostream& diagnostics,
                               IndexSummary& summary, const PipelineOptions& options, MakeState make_state, Work work,
                               Consume consume) {
  using State = decltype(make_state());
  using Result = decltype(work(std::declval<State&>(), std::declval<const CorpusEntry&>()));
  using Item = pipeline_detail::Item<Result>;

  struct Shared {
    std::mutex mutex;
    std::condition_variable space;             // reader: room in the window
    std::condition_variable work;              // workers: a record to process
    std::condition_variable ready;             // consumer: the oldest record is ready, or the reader finished
    std::deque<std::shared_ptr<Item>> window;  // read, not consumed, in input order
    std::deque<std::shared_ptr<Item>> todo;    // read, not claimed by a worker
    std::uint64_t bytes_in_flight = 0;
    bool reader_done = false;
    bool stop = false;
    std::exception_ptr reader_error;
  } shared;

  const std::size_t max_in_flight = std::max<std::size_t>(1, options.max_in_flight);
  const unsigned workers = std::max(1U, options.workers);

  InterruptGuard interrupt_guard;
  pipeline_detail::SignalBlock signal_block;  // inherited by the threads below

  auto read_loop = [&] {
    pipeline_detail::unblock_interrupt_signals();
    try {
      for (;;) {
        {
          std::unique_lock lock(shared.mutex);
          shared.space.wait(lock, [&] {
            return shared.stop || shared.window.empty() ||
                   (shared.window.size() < max_in_flight && shared.bytes_in_flight < options.max_bytes_in_flight);
          });
          if (shared.stop) break;
        }
        if (interrupt_requested()) break;
        std::optional<CorpusEntry> entry = reader.next();
        if (entry) test_hook("record");
        // A record read after the signal may be a line cut short by it.
        if (!entry || interrupt_requested()) break;
        auto item = std::make_shared<Item>();
        item->bytes =
            entry->article.title.size() + entry->article.body.size() + (entry->page ? entry->page->bytes.size() : 0);
        item->bytes_consumed = reader.bytes_consumed();
        bool needs_work = !entry->skip && !entry->left_out;
        item->entry = std::move(*entry);
        item->ready = !needs_work;
        std::lock_guard lock(shared.mutex);
        shared.window.push_back(item);
        shared.bytes_in_flight += item->bytes;
        if (needs_work) {
          shared.todo.push_back(std::move(item));
          shared.work.notify_one();
        } else {
          shared.ready.notify_one();
        }
      }
    } catch (...) {
      std::lock_guard lock(shared.mutex);
      shared.reader_error = std::current_exception();
    }
    std::lock_guard lock(shared.mutex);
    shared.reader_done = true;
    shared.work.notify_all();
    shared.ready.notify_all();
  };

  auto work_loop = [&] {
    std::optional<State> state;
    std::exception_ptr state_error;
    try {
      state.emplace(make_state());
    } catch (...) {
      state_error = std::current_exception();
    }
    for (;;) {
      std::shared_ptr<Item> item;
      {
        std::unique_lock lock(shared.mutex);
        shared.work.wait(lock, [&] { return shared.stop || !shared.todo.empty() || shared.reader_done; });
        if (shared.stop || shared.todo.empty()) break;
        item = std::move(shared.todo.front());
        shared.todo.pop_front();
      }
      // The item is this worker's until it is marked ready.
      if (item->entry.page) extract_page(item->entry, reader.options());
      if (item->entry.skip || item->entry.left_out) {
        // Extraction settled it: nothing to analyse.
      } else if (state_error) {
        item->error = state_error;
      } else {
        try {
          item->result.emplace(work(*state, item->entry));
        } catch (...) {
          item->error = std::current_exception();
        }
      }
      std::lock_guard lock(shared.mutex);
      item->ready = true;
      shared.ready.notify_one();
    }
  };

  std::vector<std::thread> threads;
  std::optional<std::thread> reader_thread;
  // Stops and joins every thread on every way out of this function.
  struct Joiner {
    Shared& shared;
    std::vector<std::thread>& threads;
    std::optional<std::thread>& reader_thread;
    ~Joiner() {
      bool reader_running = false;
      {
        std::lock_guard lock(shared.mutex);
        shared.stop = true;
        reader_running = !shared.reader_done;
        shared.space.notify_all();
        shared.work.notify_all();
      }
      // A reader blocked on standard input wakes up only for a signal.
      // (Not when Ctrl-C already reached it: the handler is one-shot, and
      // the reader is on its way out anyway.)
      if (reader_running && reader_thread && !interrupt_requested()) {
        request_interrupt();
        pthread_kill(reader_thread->native_handle(), SIGINT);
      }
      if (reader_thread) reader_thread->join();
      for (std::thread& t : threads) t.join();
    }
  } joiner{shared, threads, reader_thread};

  for (unsigned i = 0; i < workers; ++i) threads.emplace_back(work_loop);
  reader_thread.emplace(read_loop);

  auto warn = [&](const std::string& origin, const std::string& message) {
    progress.clear();
    diagnostics << kProgramName << ": " << origin << ": " << message << '\n';
  };
  std::uint64_t articles = 0;
  for (;;) {
    std::shared_ptr<Item> item;
    bool reader_done = false;
    {
      std::unique_lock lock(shared.mutex);
      shared.ready.wait(lock, [&] {
        return (!shared.window.empty() && shared.window.front()->ready) ||
               (shared.reader_done && shared.window.empty());
      });
      reader_done = shared.reader_done;
      if (!shared.window.empty()) {
        item = std::move(shared.window.front());
        shared.window.pop_front();
        shared.bytes_in_flight -= item->bytes;
        shared.space.notify_one();
      } else if (shared.reader_error) {
        std::rethrow_exception(shared.reader_error);
      }
    }
    // Nobody else will receive Ctrl-C now.
    if (reader_done) signal_block.release();
    if (!item || interrupt_requested()) break;
    CorpusEntry& entry = item->entry;
    for (const std::string& warning : entry.warnings) {
      warn(entry.origin, warning);
      ++summary.warnings;
    }
    if (entry.left_out) {
      ++summary.left_out[entry.left_out->category];
      if (options.report_left_out) {
        std::string message = "left out: " + entry.left_out->category;
        if (!entry.left_out->detail.empty()) message += " (" + entry.left_out->detail + ")";
        warn(entry.origin, message);
      }
      progress.update(articles, item->bytes_consumed);
      continue;
    }
    if (!entry.skip) {
      if (item->error) std::rethrow_exception(item->error);
      entry.skip = consume(entry, *item->result);
    }
    if (entry.skip) {
      std::string message = "skipped: " + std::string(describe(entry.skip->reason));
      if (!entry.skip->detail.empty()) message += " (" + entry.skip->detail + ")";
      warn(entry.origin, message);
      if (!entry.skip->again) ++summary.skipped[entry.skip->reason];
    } else {
      ++articles;
      ++summary.formats[entry.format.empty() ? std::string("jsonl") : entry.format];
    }
    progress.update(articles, item->bytes_consumed);
  }
  summary.interrupted = interrupt_requested();
  return articles;
}

}  // namespace newsdex::index
