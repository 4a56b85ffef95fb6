// libFuzzer target: common/facet_columns.h open() on the bytes as DB/newsdex-facets, and a search counting from it.
// Input layout and checks: fuzz_entries.h. Run it with scripts/fuzz.sh facet_columns.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/fuzz/fuzz_entries.h"

// With NEWSDEX_FUZZ_SEED_DIR set, writes the facet columns file the indexer
// made for the tiny database into that directory first: fuzz.sh's seed (a
// real file cannot be written by hand, and is not kept in the repository).
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  if (const char* dir = std::getenv("NEWSDEX_FUZZ_SEED_DIR"); dir != nullptr && *dir != '\0') {
    const std::string seed = newsdex::fuzz::facet_columns_seed();
    std::filesystem::create_directories(dir);
    std::ofstream(std::filesystem::path(dir) / "indexer-written", std::ios::binary)
        .write(seed.data(), static_cast<std::streamsize>(seed.size()));
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::facet_columns(data, size);
  return 0;
}
