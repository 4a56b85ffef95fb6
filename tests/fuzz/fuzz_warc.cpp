// libFuzzer target: indexer/readers/warc_reader.h WarcReader (one WARC file an input) and http_response.h.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh warc.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::warc(data, size);
  return 0;
}
