#include "common/analysis/abbreviations.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <unicode/udata.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

namespace newsdex::analysis {
namespace {

constexpr int kWhole = 1;    // backward_: the whole exception matched backwards
constexpr int kPartial = 2;  // backward_: its part up to the first inner dot
constexpr int kIsKey = 1;    // forward_prefixes_: an exception itself
constexpr int kExtends = 2;  // forward_prefixes_: a longer exception starts with it

struct BundleCloser {
  void operator()(UResourceBundle* b) const { ures_close(b); }
};
using Bundle = std::unique_ptr<UResourceBundle, BundleCloser>;

void check(UErrorCode status, const char* what) {
  // ICU's own builder refuses fallback data too (U_USING_DEFAULT_WARNING).
  if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING) {
    throw std::runtime_error(std::string("ICU sentence-break exceptions: ") + what + ": " + u_errorName(status));
  }
}

// The "exceptions/SentenceBreak" strings of ICU's English break-iterator
// data, the list "en@ss=standard" loads.
std::vector<std::string> icu_english_exceptions() {
  UErrorCode status = U_ZERO_ERROR;
  Bundle root(ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "en", &status));
  check(status, "open brkitr/en");
  Bundle exceptions(ures_getByKey(root.get(), "exceptions", nullptr, &status));
  check(status, "exceptions");
  Bundle breaks(ures_getByKey(exceptions.get(), "SentenceBreak", nullptr, &status));
  check(status, "SentenceBreak");
  std::vector<std::string> out;
  const int32_t n = ures_getSize(breaks.get());
  for (int32_t i = 0; i < n; ++i) {
    int32_t len = 0;
    const UChar* s = ures_getStringByIndex(breaks.get(), i, &len, &status);
    check(status, "SentenceBreak string");
    std::string utf8;
    icu::UnicodeString(false, s, len).toUTF8String(utf8);
    out.push_back(std::move(utf8));
  }
  return out;
}

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

const AbbreviationFilter& AbbreviationFilter::english() {
  static const AbbreviationFilter filter = [] {
    AbbreviationFilter f;
    f.build(icu_english_exceptions());
    return f;
  }();
  return filter;
}

// The same partition as ICU's SimpleFilteredBreakIteratorBuilder::build: an
// exception with a dot before its last character ("Ph.D.") is matched
// backwards by its part up to the first dot ("Ph.") and then forwards whole;
// every exception sharing that part goes forwards too; the rest are matched
// backwards whole. ICU walks its exceptions in UTF-16 order, so this does.
void AbbreviationFilter::build(std::vector<std::string> exceptions) {
  {
    std::vector<std::pair<std::u16string, std::string>> keyed;
    for (std::string& e : exceptions) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(e);
      keyed.emplace_back(std::u16string(u.getBuffer(), static_cast<std::size_t>(u.length())), std::move(e));
    }
    std::sort(keyed.begin(), keyed.end());
    exceptions.clear();
    for (auto& k : keyed) {
      if (exceptions.empty() || exceptions.back() != k.second) exceptions.push_back(std::move(k.second));
    }
  }
  count_ = exceptions.size();
  enum : int { kInReverse = 1, kToForward = 2 };
  std::vector<int> marks(exceptions.size(), 0);
  for (std::size_t i = 0; i < exceptions.size(); ++i) {
    const std::string& e = exceptions[i];
    const std::size_t dot = e.find('.');
    if (dot == std::string::npos || dot + 1 == e.size()) continue;
    const std::string_view head(e.data(), dot + 1);
    bool head_added = false;
    for (std::size_t j = 0; j < exceptions.size(); ++j) {
      const std::string& other = exceptions[j];
      if (j == i || other.size() < head.size() || other[0] != head[0] || other.compare(0, head.size(), head) != 0)
        continue;
      if (marks[j] == 0) {
        marks[j] = kInReverse | kToForward;
      } else if (marks[j] & kInReverse) {
        head_added = true;  // another exception already put this head in
      }
    }
    if (!head_added && marks[i] == 0) {
      backward_.emplace(std::string(head), kPartial);
      longest_backward_ = std::max(longest_backward_, head.size());
      marks[i] = kInReverse | kToForward;
    }
  }
  for (std::size_t i = 0; i < exceptions.size(); ++i) {
    const std::string& e = exceptions[i];
    if (marks[i] == 0) {
      backward_.emplace(e, kWhole);
      longest_backward_ = std::max(longest_backward_, e.size());
      continue;
    }
    forward_prefixes_[e] |= kIsKey;
    for (std::size_t k = 0; k < e.size(); k += utf8_length(static_cast<unsigned char>(e[k]))) {
      if (k > 0) forward_prefixes_[e.substr(0, k)] |= kExtends;
    }
  }
}

// ICU's SimpleFilteredSentenceBreakIterator::breakExceptionAt over UTF-8:
// skip one space before the break, take the longest exception (or partial
// head) ending there, and for a head walk the forward exceptions from it as
// ICU walks its trie (a walk that reaches an exception which a longer one
// extends goes on, and fails if the text then leaves every exception).
bool AbbreviationFilter::suppresses(std::string_view text, std::size_t n) const {
  if (n == 0 || n > text.size()) return false;
  const std::size_t end = text[n - 1] == ' ' ? n - 1 : n;
  int kind = 0;
  std::size_t start = 0;
  for (std::size_t len = std::min(longest_backward_, end); len > 0 && kind == 0; --len) {
    auto it = backward_.find(std::string(text.substr(end - len, len)));
    if (it != backward_.end()) {
      kind = it->second;
      start = end - len;
    }
  }
  if (kind == kWhole) return true;
  if (kind != kPartial) return false;
  std::string walked;
  bool matches = true;
  for (std::size_t i = start; i < text.size();) {
    const std::size_t len = std::min(utf8_length(static_cast<unsigned char>(text[i])), text.size() - i);
    walked.append(text.substr(i, len));
    i += len;
    auto it = forward_prefixes_.find(walked);
    if (it == forward_prefixes_.end()) return false;
    matches = (it->second & kIsKey) != 0;
    if ((it->second & kExtends) == 0) break;
  }
  return matches;
}

}  // namespace newsdex::analysis
