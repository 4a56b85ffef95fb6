// The helpers the administration commands share (indexer/admin_common.h).
#include "indexer/admin_common.h"

#include <cstdio>
#include <filesystem>
#include <iterator>

#include <xapian.h>

#include "common/error.h"
#include "common/facet_columns.h"
#include "common/format.h"

namespace newsdex::index {

namespace fs = std::filesystem;

std::string absolute_database_path(const std::string& path) {
  fs::path p = fs::absolute(fs::path(path)).lexically_normal();
  if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();  // "db/" -> "db"
  return p.string();
}

std::string format_counted(std::uint64_t n, std::string_view singular, std::string_view plural) {
  return format_count(n) + " " + std::string(n == 1 ? singular : plural);
}

std::uint64_t directory_bytes(const std::string& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    std::error_code size_ec;
    if (entry.is_regular_file(size_ec)) {
      std::uintmax_t size = entry.file_size(size_ec);
      if (!size_ec) total += size;
    }
  }
  return total;
}

std::string format_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(kUnits)) {
    value /= 1024.0;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s", value, kUnits[unit]);
  return buf;
}

bool refresh_facet_columns(const std::string& db_path, std::ostream& diagnostics) {
  try {
    return FacetColumns::refresh(db_path);
  } catch (const Error& e) {
    diagnostics << "newsdex-index: warning: " << e.what() << " (facet counts read the slots instead)\n";
  } catch (const Xapian::Error& e) {
    diagnostics << "newsdex-index: warning: facet columns of " << db_path << ": " << e.get_description()
                << " (facet counts read the slots instead)\n";
  } catch (const std::exception& e) {  // std::bad_alloc for the columns of a damaged last document id
    diagnostics << "newsdex-index: warning: facet columns of " << db_path << ": " << e.what()
                << " (facet counts read the slots instead)\n";
  }
  return false;
}

std::string damaged_database_message(const std::string& db_path, const std::string& detail) {
  return "the database at " + db_path + " is damaged (" + detail + "); run `newsdex-index check --db " + db_path +
         "` for a full report, and re-index into a new database (newsdex-index --db NEWDIR PATH...)";
}

}  // namespace newsdex::index
