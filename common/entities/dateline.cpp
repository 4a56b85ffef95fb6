#include "common/entities/dateline.h"

#include <algorithm>

namespace newsdex::entities {

std::optional<DatelineShape> dateline_shape(std::string_view body) {
  constexpr std::size_t kMaxDatelineBytes = 100;
  std::string_view head = body.substr(0, std::min(body.size(), kMaxDatelineBytes));
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  // The dash ends the dateline: " -", " —", " –" followed by a space or end.
  for (std::size_t i = 1; i < head.size(); ++i) {
    std::size_t len = 0;
    if (head[i] == '-') len = 1;
    else if (head.substr(i).starts_with("\u2014") || head.substr(i).starts_with("\u2013")) len = 3;
    if (len == 0) continue;
    // "April 1-" also occurs on the wire: a digit may touch the dash.
    bool before = head[i - 1] == ' ' || head[i - 1] == ')' || (head[i - 1] >= '0' && head[i - 1] <= '9');
    bool after = i + len >= head.size() || is_space(head[i + len]);
    if (!before || !after) continue;
    DatelineShape d;
    d.end = static_cast<std::uint32_t>(i + len);
    d.header = head.substr(0, i);
    std::size_t open = d.header.find('(');
    std::size_t close = open == std::string_view::npos ? std::string_view::npos : d.header.find(')', open);
    if (close != std::string_view::npos) {
      d.source_start = static_cast<std::uint32_t>(open + 1);
      d.source_end = static_cast<std::uint32_t>(close);
    }
    return d;
  }
  return std::nullopt;
}

}  // namespace newsdex::entities
