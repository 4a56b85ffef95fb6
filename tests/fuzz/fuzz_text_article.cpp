// libFuzzer target: indexer/corpus_reader.h parse_text_article, one plain-text article file an input.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh text_article.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::text_article(data, size);
  return 0;
}
