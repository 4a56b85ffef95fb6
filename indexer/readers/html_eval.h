// The article-extraction benchmark's metric (scrapinghub's
// article-extraction-benchmark, as ../shared/corpora/html-articles/
// eval_extraction.py computes it): texts as multisets of 4-word shingles,
// words as Python's `\w+`. Used by bench/eval_html.cpp and the tests.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace newsdex::readers {

struct ShingleCounts {
  std::size_t tp = 0;  // shingles both texts have (with multiplicity)
  std::size_t fp = 0;  // predicted shingles beyond those
  std::size_t fn = 0;  // true shingles beyond those
};

// Shingles of 4 word tokens; a text of 1-3 tokens is one shingle, an empty one none.
ShingleCounts compare_shingles(std::string_view truth, std::string_view predicted);

struct ExtractionScore {
  double precision = 0;  // mean over pages with a non-empty prediction
  double recall = 0;     // mean over pages with a non-empty truth
  double f1 = 0;         // of the two means
};

// The benchmark's averages over pages.
ExtractionScore summarize_pages(const std::vector<ShingleCounts>& pages);

}  // namespace newsdex::readers
