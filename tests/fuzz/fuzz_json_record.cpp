// libFuzzer target: indexer/corpus_reader.h parse_json_line, one JSON Lines file an input.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh json_record.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::json_record(data, size);
  return 0;
}
