// libFuzzer target: common/entities/entities.h on a plain-text article, and the document built from it.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh entities.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::entities(data, size);
  return 0;
}
