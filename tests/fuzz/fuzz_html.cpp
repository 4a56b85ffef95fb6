// libFuzzer target: indexer/readers/html_extractor.h extract_html_article, one web page an input.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh html.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::html(data, size);
  return 0;
}
