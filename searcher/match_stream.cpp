#include "searcher/match_stream.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "common/error.h"

namespace newsdex::search {

bool stream_before(StreamOrder order, const StreamKey& a, const StreamKey& b) {
  if (order != StreamOrder::kRelevance && a.date != b.date) {
    return order == StreamOrder::kNewest ? a.date > b.date : a.date < b.date;
  }
  if (a.weight != b.weight) return a.weight > b.weight;
  if (a.docid != b.docid) return a.docid < b.docid;
  return a.sub < b.sub;
}

SortedKeys::SortedKeys(StreamOrder order, std::size_t run_keys, std::size_t merge_buffer_keys)
    : order_(order),
      run_keys_(std::max<std::size_t>(run_keys, 1)),
      merge_buffer_keys_(std::max<std::size_t>(merge_buffer_keys, 1)) {}

SortedKeys::~SortedKeys() {
  if (file_ != nullptr) std::fclose(file_);
}

void SortedKeys::add(const StreamKey& key) {
  current_.push_back(key);
  ++added_;
  if (current_.size() >= run_keys_) spill();
}

void SortedKeys::spill() {
  if (current_.empty()) return;
  std::sort(current_.begin(), current_.end(),
            [this](const StreamKey& a, const StreamKey& b) { return stream_before(order_, a, b); });
  if (file_ == nullptr) {
    file_ = std::tmpfile();  // in $TMPDIR or /tmp, unlinked: nothing is left behind
    if (file_ == nullptr)
      throw Error(std::string("cannot make a temporary file to sort the matches: ") + std::strerror(errno));
  }
  if (std::fwrite(current_.data(), sizeof(StreamKey), current_.size(), file_) != current_.size()) {
    throw Error(std::string("cannot write the temporary file that sorts the matches: ") + std::strerror(errno));
  }
  runs_.push_back(Run{.first = written_, .count = current_.size(), .read = 0, .buffer = {}, .pos = 0});
  written_ += current_.size();
  current_.clear();
}

bool SortedKeys::refill(Run& run) {
  run.buffer.clear();
  run.pos = 0;
  const std::uint64_t n = std::min<std::uint64_t>(merge_buffer_keys_, run.count - run.read);
  if (n == 0) return false;
  run.buffer.resize(static_cast<std::size_t>(n));
  const auto offset = static_cast<off_t>((run.first + run.read) * sizeof(StreamKey));
  const std::size_t bytes = static_cast<std::size_t>(n) * sizeof(StreamKey);
  std::size_t done = 0;
  auto* data = reinterpret_cast<char*>(run.buffer.data());
  while (done < bytes) {
    const ssize_t got = ::pread(fileno(file_), data + done, bytes - done, offset + static_cast<off_t>(done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      throw Error(std::string("cannot read the temporary file that sorts the matches: ") +
                  (got < 0 ? std::strerror(errno) : "it is shorter than written"));
    }
    done += static_cast<std::size_t>(got);
  }
  run.read += n;
  return true;
}

void SortedKeys::start_merge() {
  merging_ = true;
  if (runs_.empty()) {
    // Everything fit in one run: sorted in memory, no file.
    std::sort(current_.begin(), current_.end(),
              [this](const StreamKey& a, const StreamKey& b) { return stream_before(order_, a, b); });
    return;
  }
  spill();
  current_.shrink_to_fit();
  if (std::fflush(file_) != 0) {
    throw Error(std::string("cannot write the temporary file that sorts the matches: ") + std::strerror(errno));
  }
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    if (refill(runs_[i])) heap_.push_back(i);
  }
  // std::*_heap keep the largest on top: "larger" = comes later.
  auto later = [this](std::size_t a, std::size_t b) {
    return stream_before(order_, runs_[b].buffer[runs_[b].pos], runs_[a].buffer[runs_[a].pos]);
  };
  std::make_heap(heap_.begin(), heap_.end(), later);
}

bool SortedKeys::next(StreamKey& key) {
  if (!merging_) start_merge();
  if (runs_.empty()) {
    if (current_pos_ >= current_.size()) return false;
    key = current_[current_pos_++];
    return true;
  }
  if (heap_.empty()) return false;
  auto later = [this](std::size_t a, std::size_t b) {
    return stream_before(order_, runs_[b].buffer[runs_[b].pos], runs_[a].buffer[runs_[a].pos]);
  };
  std::pop_heap(heap_.begin(), heap_.end(), later);
  Run& run = runs_[heap_.back()];
  key = run.buffer[run.pos++];
  if (run.pos < run.buffer.size() || refill(run)) {
    std::push_heap(heap_.begin(), heap_.end(), later);
  } else {
    heap_.pop_back();
  }
  return true;
}

}  // namespace newsdex::search
