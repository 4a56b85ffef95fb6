// Small text formatting shared by both tools' human-readable output.
#pragma once

#include <cstdint>
#include <string>

namespace newsdex {

// "1234567" -> "1,234,567": counts stay readable as they grow.
inline std::string format_count(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace newsdex
