// newsdex::Error: the one exception type of the project. ICU status codes, zstd
// return codes and I/O failures are turned into it at the call site; each main()
// catches it and maps it to an exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace newsdex {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database does not exist (yet); the message says how to create it.
class DatabaseMissingError : public Error {
 public:
  using Error::Error;
};

}  // namespace newsdex
