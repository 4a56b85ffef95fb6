// libFuzzer target: searcher/snippet_generator.h on a query and a body.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh snippet.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::snippet(data, size);
  return 0;
}
