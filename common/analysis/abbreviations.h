// Sentence breaks that are not sentence ends: "Mr. Kerry", "Ph.D. student".
//
// ICU's sentence iterator breaks after every "Mr." unless it is built for the
// locale keyword "ss=standard", which wraps it in a filter over ICU's English
// abbreviation list. Building that filter (its O(n^2) set of ~150 strings and
// two UCharsTries) cost a sixth of the instructions of a whole
// `newsdex-search` process. AbbreviationFilter reads the same list from the
// same ICU data and answers the same question with hash sets, so a plain ICU
// sentence iterator plus this filter gives exactly ICU's filtered breaks
// (tests/common/analysis/abbreviations_test.cpp checks that on the sample
// corpus and, when present, on the shared corpora).
//
// Thread safety: english() builds the filter once; after that it is read-only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex::analysis {

class AbbreviationFilter {
 public:
  // ICU's SentenceBreak exceptions for English ("Mr.", "U.S.", "Ph.D.").
  // Throws std::runtime_error if ICU's data lacks them.
  static const AbbreviationFilter& english();

  // Whether a sentence break the plain ICU iterator reported at byte `n` of
  // `text` (UTF-8) follows an abbreviation, so ICU's filtered iterator would
  // not break there. Only breaks strictly inside the text are ever
  // suppressed; the caller checks n < text.size().
  bool suppresses(std::string_view text, std::size_t n) const;

  // Number of exception strings read from ICU.
  std::size_t size() const { return count_; }

 private:
  AbbreviationFilter() = default;
  void build(std::vector<std::string> exceptions);

  // Strings (not reversed) whose backwards match decides: kind 1 = the whole
  // exception ("Mr."), 2 = the part up to the first inner dot of one with
  // more dots ("Ph." of "Ph.D."), which must then match forwards.
  std::unordered_map<std::string, int> backward_;
  std::size_t longest_backward_ = 0;
  // The exceptions matched forwards from a partial match, and every prefix of
  // them (value: bit 1 = is an exception, bit 2 = a longer exception extends
  // it), to walk them the way ICU's trie is walked.
  std::unordered_map<std::string, int> forward_prefixes_;
  std::size_t count_ = 0;
};

}  // namespace newsdex::analysis
