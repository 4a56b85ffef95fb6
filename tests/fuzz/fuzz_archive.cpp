// libFuzzer target: indexer/readers/archive_reader.h ArchiveReader, any input, with small limits.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh archive.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::archive(data, size);
  return 0;
}
