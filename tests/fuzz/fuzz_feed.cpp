// libFuzzer target: indexer/readers/feed_reader.h sniff_feed_format and read_feed, one XML document an input.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh feed.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::feed(data, size);
  return 0;
}
