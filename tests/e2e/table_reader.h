// Reading newsdex-search's --format csv|tsv output back the way its users
// read it: with Python's csv module (python3 -c), for the export tests
// (tests/e2e/export_test.cpp, quotes_test.cpp).
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/process.h"

namespace newsdex::test {

// Reads a CSV (argv[2] = "csv") or TSV ("tsv", backslash escapes undone)
// file argv[1] with the csv module and prints {"header": [...], "rows":
// [[...], ...]} as JSON. Fails on a byte order mark.
inline const char* const kReadTable = R"(
import csv, json, re, sys
path, kind = sys.argv[1], sys.argv[2]
with open(path, newline='', encoding='utf-8') as f:
    data = f.read()
assert not data.startswith('\ufeff'), 'byte order mark'
if kind == 'csv':
    rows = list(csv.reader(data.splitlines(keepends=True), strict=True))
else:
    unescape = {'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}
    rows = [[re.sub(r'\\(.)', lambda m: unescape[m.group(1)], v) for v in r]
            for r in csv.reader(data.splitlines(keepends=True), delimiter='\t', quoting=csv.QUOTE_NONE)]
print(json.dumps({'header': rows[0] if rows else [], 'rows': rows[1:]}))
)";

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// The table newsdex-search wrote to `out`, as Python's csv module reads it.
inline Table read_table(const std::string& out, const std::string& kind) {
  TempDir dir;
  const std::string path = dir.path() + "/out." + kind;
  std::ofstream(path, std::ios::binary) << out;
  ProcessResult r = run_process({"/usr/bin/python3", "-c", kReadTable, path, kind});
  INFO("python3 csv reader: " << r.err);
  REQUIRE(r.status == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  return Table{j["header"].get<std::vector<std::string>>(), j["rows"].get<std::vector<std::vector<std::string>>>()};
}

}  // namespace newsdex::test
