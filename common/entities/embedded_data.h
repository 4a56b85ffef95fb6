// The data files of common/entities/data/ (gazetteers, word lists), compiled
// into the binaries so they need no installed data directory. CMake generates
// the table from every file in that folder (cmake/embed_data.cmake).
#pragma once

#include <string_view>

namespace newsdex::entities {

// Contents of common/entities/data/<file_name>. Throws newsdex::Error for a
// name that is not there.
std::string_view embedded_data(std::string_view file_name);

}  // namespace newsdex::entities
