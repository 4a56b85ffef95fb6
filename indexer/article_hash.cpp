#include "indexer/article_hash.h"

#include <array>

namespace newsdex::index {
namespace {

constexpr std::uint64_t kFnv1aPrime = 1099511628211ULL;

}  // namespace

std::uint64_t fnv1a_64(std::string_view bytes, std::uint64_t state) {
  for (char c : bytes) {
    state ^= static_cast<unsigned char>(c);
    state *= kFnv1aPrime;
  }
  return state;
}

std::string to_hex16(std::uint64_t value) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out(16, '0');
  for (std::size_t i = 16; i-- > 0; value >>= 4) out[i] = kDigits[value & 0xF];
  return out;
}

std::string id_from_content(std::string_view title, std::string_view body) {
  std::uint64_t h = fnv1a_64(title);
  h = fnv1a_64("\n", h);
  h = fnv1a_64(body, h);
  // Appended rather than "h" + to_hex16(h): g++ 12 -O2 warns falsely about
  // operator+(const char*, string&&) (-Wrestrict, GCC bug 105329).
  std::string id = "h";
  id += to_hex16(h);
  return id;
}

std::string content_hash(const Article& article) {
  std::string published = article.published_unix_s ? std::to_string(*article.published_unix_s) : "";
  const std::array<std::string_view, 7> fields = {article.title, article.body,   published,   article.source,
                                                  article.url,   article.author, article.lang};
  std::uint64_t h = kFnv1aOffsetBasis;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) h = fnv1a_64("\n", h);
    h = fnv1a_64(fields[i], h);
  }
  return to_hex16(h);
}

}  // namespace newsdex::index
