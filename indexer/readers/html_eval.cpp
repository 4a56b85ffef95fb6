#include "indexer/readers/html_eval.h"

#include <map>
#include <string>

#include "indexer/readers/html_text.h"

namespace newsdex::readers {
namespace {

std::map<std::string, std::size_t> shingles(std::string_view text) {
  const std::vector<std::string_view> tokens = word_tokens(text);
  std::map<std::string, std::size_t> out;
  auto key = [&tokens](std::size_t from, std::size_t to) {
    std::string k;
    for (std::size_t i = from; i < to; ++i) {
      k += tokens[i];
      k += '\x1F';
    }
    return k;
  };
  if (tokens.empty()) return out;
  if (tokens.size() < 4) {
    ++out[key(0, tokens.size())];
    return out;
  }
  for (std::size_t i = 0; i + 4 <= tokens.size(); ++i) ++out[key(i, i + 4)];
  return out;
}

}  // namespace

ShingleCounts compare_shingles(std::string_view truth, std::string_view predicted) {
  const auto t = shingles(truth);
  const auto p = shingles(predicted);
  ShingleCounts c;
  std::size_t n_true = 0;
  std::size_t n_pred = 0;
  for (const auto& [k, n] : t) n_true += n;
  for (const auto& [k, n] : p) {
    n_pred += n;
    const auto it = t.find(k);
    if (it != t.end()) c.tp += std::min(n, it->second);
  }
  c.fp = n_pred - c.tp;
  c.fn = n_true - c.tp;
  return c;
}

ExtractionScore summarize_pages(const std::vector<ShingleCounts>& pages) {
  double p_sum = 0;
  double r_sum = 0;
  std::size_t p_n = 0;
  std::size_t r_n = 0;
  for (const ShingleCounts& c : pages) {
    if (c.tp + c.fp > 0) {
      p_sum += static_cast<double>(c.tp) / static_cast<double>(c.tp + c.fp);
      ++p_n;
    }
    if (c.tp + c.fn > 0) {
      r_sum += static_cast<double>(c.tp) / static_cast<double>(c.tp + c.fn);
      ++r_n;
    }
  }
  ExtractionScore s;
  s.precision = p_n > 0 ? p_sum / static_cast<double>(p_n) : 0.0;
  s.recall = r_n > 0 ? r_sum / static_cast<double>(r_n) : 0.0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
  return s;
}

}  // namespace newsdex::readers
