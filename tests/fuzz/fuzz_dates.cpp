// libFuzzer target: common/dates.h parse_date and the searcher's date filters (searcher/date_range.h).
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh dates.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::dates(data, size);
  return 0;
}
