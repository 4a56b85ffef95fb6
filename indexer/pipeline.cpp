#include "indexer/pipeline.h"

#include <algorithm>

namespace newsdex::index {

unsigned worker_threads(unsigned requested) {
  if (requested > 0) return requested;
  return std::max(1U, std::thread::hardware_concurrency());
}

PipelineOptions pipeline_options(unsigned workers, std::uint64_t memory_bytes) {
  PipelineOptions options;
  options.workers = std::max(1U, workers);
  // Enough records to keep every worker busy while the writer commits a batch
  // of a few hundred: the window is what a worker can run ahead of the writer.
  options.max_in_flight = 64 + 64 * static_cast<std::size_t>(options.workers);
  options.max_bytes_in_flight = std::max<std::uint64_t>(memory_bytes / 4, std::uint64_t{1} << 20);
  return options;
}

namespace pipeline_detail {

void unblock_interrupt_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

}  // namespace pipeline_detail
}  // namespace newsdex::index
