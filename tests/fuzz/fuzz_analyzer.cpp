// libFuzzer target: common/analysis/analyzer.h tokenize, sentences, fold and stem.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh analyzer.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::analyzer(data, size);
  return 0;
}
