// Runs a real binary for end-to-end tests: arguments, optional stdin bytes and
// extra environment in; stdout, stderr and exit status out.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace newsdex::test {

struct ProcessResult {
  int status = -1;  // exit status; 128 + signal number if killed by a signal
  std::string out;
  std::string err;
};

// Runs `argv[0]` (a path) with `argv`, feeding `input` on stdin, with `env`
// added to (or overriding) the current environment. Blocks until it exits.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = "",
                          const std::map<std::string, std::string>& env = {});

// A fresh empty directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace newsdex::test
