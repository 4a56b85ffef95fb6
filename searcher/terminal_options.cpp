#include "searcher/terminal_options.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <string_view>

namespace newsdex::search {

bool use_color(ColorMode mode) {
  switch (mode) {
    case ColorMode::kAlways:
      return true;
    case ColorMode::kNever:
      return false;
    case ColorMode::kAuto:
      break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(STDOUT_FILENO) == 1;
}

std::size_t terminal_width() {
  if (const char* cols = std::getenv("COLUMNS"); cols && *cols) {
    long n = std::strtol(cols, nullptr, 10);
    if (n > 0) return static_cast<std::size_t>(n);
  }
  winsize ws{};
  if (isatty(STDOUT_FILENO) == 1 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::string damaged(const std::string& db_path, const std::string& detail) {
  return "the database at " + db_path + " is damaged (" + detail + "); run `newsdex-index check --db " + db_path +
         "` for a full report, and re-index into a new database (newsdex-index --db NEWDIR PATH...)";
}

}  // namespace newsdex::search
