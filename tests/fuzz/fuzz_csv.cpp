// libFuzzer target: indexer/readers/csv_reader.h (CsvReader, sniff_csv,
// guess_delimiter), one CSV/TSV file an input. Input layout and checks:
// fuzz_entries.h. Run it with scripts/fuzz.sh csv.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::csv(data, size);
  return 0;
}
