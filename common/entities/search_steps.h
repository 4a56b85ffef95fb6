// Work accounting of the entity rules, so that tests can pin that extraction
// stays linear in the text without timing anything. Internal to
// common/entities/ (and its tests and bench). Thread safety: per thread.
#pragma once

#include <cstdint>

namespace newsdex::entities {

// Every rule that looks for items related to the one at hand (the clusters a
// name may join, the person and organization mentions a country match may
// overlap, the longer organization names that end with another one, the
// speech events around a quote, the words back to a subject or on to the end
// of a clause, the speakers already listed) adds the number of items it
// examines here. When each search examines a bounded number of items, the
// total grows in proportion to the text; a search over everything found so
// far makes it grow with the square. Wraps at 2^64 (never in practice).
namespace detail {
inline thread_local std::uint64_t search_steps_counter = 0;
}  // namespace detail

// Steps counted on this thread since it started (never reset).
inline std::uint64_t search_steps() { return detail::search_steps_counter; }

inline void add_search_steps(std::uint64_t n) { detail::search_steps_counter += n; }

}  // namespace newsdex::entities
