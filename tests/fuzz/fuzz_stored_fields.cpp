// libFuzzer target: common/compression/stored_fields.h decode_article, directly and in a search.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh stored_fields.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::stored_fields(data, size);
  return 0;
}
