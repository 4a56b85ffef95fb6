// The shape of a wire dateline, shared by the country finder (which resolves
// its place) and the organization finder (which leaves its outlet out).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace newsdex::entities {

// A wire dateline opening a body, "CITY[, Region][, Date] [(Source)] -", as
// far as its shape goes (countries.cpp resolves the place): `end` is the byte
// after the dash, `header` the text before the dash, and [source_start,
// source_end) the text inside the parentheses (empty when there are none).
// nullopt when the first 100 bytes hold no dateline dash.
struct DatelineShape {
  std::uint32_t end = 0;
  std::string_view header;
  std::uint32_t source_start = 0;
  std::uint32_t source_end = 0;
};
std::optional<DatelineShape> dateline_shape(std::string_view body);

}  // namespace newsdex::entities
