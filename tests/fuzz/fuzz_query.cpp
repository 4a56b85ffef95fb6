// libFuzzer target: searcher/query_parser.h + query_builder.h, the built query searched on sample_corpus/.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh query.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::query(data, size);
  return 0;
}
