// MinHash over word shingles, LSH banding and cluster assignment. Every hash
// here is our own fixed arithmetic (FNV-1a, splitmix64, multiply-shift), not
// std::hash: fingerprints and band keys are stored in databases, so they must
// be the same on every platform, compiler and run.
#include "indexer/near_duplicates.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/schema.h"

namespace newsdex::index {
namespace {

// splitmix64's output function: a bijective 64-bit mixer with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr std::uint64_t hash_term(std::string_view term) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64
  for (char c : term) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return mix64(h);
}

// The K hash functions h_i(x) = (a_i * x + b_i) >> 32 over the (already mixed)
// 64-bit shingle hash x: multiply-shift, the high half of a random affine map,
// is close enough to min-wise independent for well-mixed input and costs one
// multiply-add per function, which matters because it runs K times per
// shingle. a_i is odd so each map is a bijection. The seed is fixed forever
// (stored fingerprints depend on it).
struct HashFamily {
  std::array<std::uint64_t, kMinHashFunctions> a{};
  std::array<std::uint64_t, kMinHashFunctions> b{};
};

constexpr HashFamily make_hash_family() {
  HashFamily family;
  std::uint64_t state = 0x6e65777364657831ULL;  // "newsdex1"
  auto next = [&state] {
    state += 0x9e3779b97f4a7c15ULL;
    return mix64(state);
  };
  for (std::size_t i = 0; i < kMinHashFunctions; ++i) {
    family.a[i] = next() | 1U;
    family.b[i] = next();
  }
  return family;
}

constexpr HashFamily kHashFamily = make_hash_family();

constexpr std::size_t kSerialisedBytes = 7 + 2 * kMinHashFunctions;

std::optional<Fingerprint> fingerprint_of_hashes(const std::vector<std::uint64_t>& term_hashes) {
  if (term_hashes.size() < kShingleTerms) return std::nullopt;
  std::array<std::uint64_t, kMinHashFunctions> minima;
  minima.fill(std::numeric_limits<std::uint64_t>::max());
  for (std::size_t start = 0; start + kShingleTerms <= term_hashes.size(); ++start) {
    // Order-sensitive combination of the shingle's term hashes.
    std::uint64_t x = 0;
    for (std::size_t j = 0; j < kShingleTerms; ++j) x = mix64(x ^ term_hashes[start + j]) + j;
    // Kept 64 bits wide in the loop (one compare per function, vectorisable);
    // only the high 16 bits are kept (b-bit MinHash): the minimum's high bits
    // are the high bits of the minimum, and two different minima agree on 16
    // bits by chance once in 65,536, well inside the estimate's error.
    for (std::size_t i = 0; i < kMinHashFunctions; ++i) {
      std::uint64_t h = kHashFamily.a[i] * x + kHashFamily.b[i];
      minima[i] = std::min(minima[i], h);
    }
  }
  Fingerprint fp;
  for (std::size_t i = 0; i < kMinHashFunctions; ++i) fp.minima[i] = static_cast<std::uint32_t>(minima[i] >> 48);
  std::size_t shingles = term_hashes.size() - kShingleTerms + 1;
  fp.shingles = static_cast<std::uint32_t>(std::min<std::size_t>(shingles, std::numeric_limits<std::uint32_t>::max()));
  return fp;
}

// Title terms, then body terms (see the header).
template <typename Item, typename TermOf>
std::optional<Fingerprint> fingerprint_of(std::span<const Item> body, std::span<const Item> title, TermOf term_of) {
  std::vector<std::uint64_t> hashes;
  hashes.reserve(title.size() + body.size());
  for (const Item& item : title) hashes.push_back(hash_term(term_of(item)));
  for (const Item& item : body) hashes.push_back(hash_term(term_of(item)));
  return fingerprint_of_hashes(hashes);
}

void put_hex(std::string& out, std::uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xfU];
}

}  // namespace

std::optional<Fingerprint> compute_fingerprint(std::span<const std::string> body_terms,
                                               std::span<const std::string> title_terms) {
  return fingerprint_of(body_terms, title_terms, [](const std::string& term) -> std::string_view { return term; });
}

std::optional<Fingerprint> compute_fingerprint(std::span<const analysis::Token> body_tokens,
                                               std::span<const analysis::Token> title_tokens) {
  return fingerprint_of(body_tokens, title_tokens,
                        [](const analysis::Token& token) -> std::string_view { return token.term; });
}

double estimate_similarity(const Fingerprint& a, const Fingerprint& b) {
  std::size_t equal = 0;
  for (std::size_t i = 0; i < kMinHashFunctions; ++i) equal += a.minima[i] == b.minima[i] ? 1U : 0U;
  return static_cast<double>(equal) / static_cast<double>(kMinHashFunctions);
}

bool is_near_duplicate(const Fingerprint& a, const Fingerprint& b, double threshold) {
  bool is_short = std::min(a.shingles, b.shingles) < kMinShinglesForNearMatch;
  return is_short ? a.minima == b.minima : estimate_similarity(a, b) >= threshold;
}

std::vector<std::string> lsh_keys(const Fingerprint& fp) {
  std::vector<std::string> keys;
  keys.reserve(kLshBands);
  for (std::size_t band = 0; band < kLshBands; ++band) {
    std::uint64_t h = mix64(band + 1);
    for (std::size_t row = 0; row < kLshRowsPerBand; ++row) h = mix64(h ^ fp.minima[band * kLshRowsPerBand + row]);
    // 48 bits: unrelated bands collide about once per band in 10^7 documents,
    // and a collision only costs one rejected candidate.
    std::string key;
    key.reserve(14);
    put_hex(key, band, 2);
    put_hex(key, h >> 16, 12);
    keys.push_back(std::move(key));
  }
  return keys;
}

std::string serialise_fingerprint(const Fingerprint& fp) {
  std::string out;
  auto put_u32 = [&out](std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((value >> shift) & 0xffU);
  };
  out.reserve(kSerialisedBytes);
  out += static_cast<char>(kFingerprintFormatVersion);
  out += static_cast<char>(kShingleTerms);
  out += static_cast<char>(kMinHashFunctions);
  put_u32(fp.shingles);
  for (std::uint32_t minimum : fp.minima) {
    out += static_cast<char>(minimum & 0xffU);
    out += static_cast<char>((minimum >> 8) & 0xffU);
  }
  return out;
}

std::optional<Fingerprint> deserialise_fingerprint(std::string_view bytes) {
  if (bytes.size() != kSerialisedBytes) return std::nullopt;
  auto byte = [&bytes](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
  auto u32_at = [&byte](std::size_t at) {
    return byte(at) | byte(at + 1) << 8 | byte(at + 2) << 16 | byte(at + 3) << 24;
  };
  if (byte(0) != kFingerprintFormatVersion || byte(1) != kShingleTerms || byte(2) != kMinHashFunctions) {
    return std::nullopt;
  }
  Fingerprint fp;
  fp.shingles = u32_at(3);
  for (std::size_t i = 0; i < kMinHashFunctions; ++i) fp.minima[i] = byte(7 + 2 * i) | byte(8 + 2 * i) << 8;
  return fp;
}

ClusterAssigner::ClusterAssigner(Xapian::WritableDatabase& db, ClusterAssignerOptions options)
    : db_(db), options_(options) {}

std::string ClusterAssigner::assign(const std::string& doc_id, const Fingerprint& fp,
                                    std::optional<std::int64_t> published_unix_s) {
  // The stored version of this very article (re-indexing), never a candidate.
  Xapian::docid self = 0;
  std::string id_term = std::string(schema::kPrefixId) + doc_id;
  if (Xapian::PostingIterator it = db_.postlist_begin(id_term); it != db_.postlist_end(id_term)) self = *it;

  // Candidates and the number of band keys each shares, by walking the keys'
  // posting lists. Cheaper than an Enquire with CoordWeight (which measured
  // ~10x slower: it builds a weighted query tree for 40 terms that mostly do
  // not exist), and as exact. Most keys have no or one posting; a key shared
  // by thousands of documents (a story copied everywhere, or boilerplate) is
  // walked only kMaxPostingsPerKey deep: its earliest documents stand for it.
  constexpr Xapian::doccount kMaxPostingsPerKey = 1000;
  candidates_.clear();
  std::string term(schema::kPrefixLsh);
  for (const std::string& key : lsh_keys(fp)) {
    term.resize(schema::kPrefixLsh.size());
    term += key;
    // get_termfreq is a lookup; opening a posting list on a WritableDatabase
    // also flushes the pending position lists, so only open existing ones.
    if (db_.get_termfreq(term) == 0) continue;
    Xapian::doccount walked = 0;
    for (Xapian::PostingIterator it = db_.postlist_begin(term);
         it != db_.postlist_end(term) && walked < kMaxPostingsPerKey; ++it, ++walked) {
      if (*it == self) continue;
      auto found = std::find_if(candidates_.begin(), candidates_.end(), [&](const auto& c) { return c.first == *it; });
      if (found == candidates_.end()) {
        candidates_.emplace_back(*it, 1);
      } else {
        ++found->second;
      }
    }
  }
  // Most shared keys first; ties to the earlier document.
  std::sort(candidates_.begin(), candidates_.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (candidates_.size() > options_.max_candidates) candidates_.resize(options_.max_candidates);

  double best_similarity = -1.0;
  std::string best_cluster;
  for (const auto& [docid, shared_keys] : candidates_) {
    Xapian::Document candidate = db_.get_document(docid);
    std::optional<Fingerprint> other = deserialise_fingerprint(candidate.get_value(schema::kSlotFingerprint));
    if (!other) continue;  // another fingerprint version: not comparable
    double similarity = estimate_similarity(fp, *other);
    if (similarity <= best_similarity || !is_near_duplicate(fp, *other, options_.threshold)) continue;
    if (published_unix_s && options_.max_days_apart > 0) {
      std::string published = candidate.get_value(schema::kSlotPublished);
      if (!published.empty()) {
        double apart_s = std::abs(Xapian::sortable_unserialise(published) - static_cast<double>(*published_unix_s));
        if (apart_s > static_cast<double>(options_.max_days_apart) * 86400.0) continue;
      }
    }
    std::string cluster = candidate.get_value(schema::kSlotCluster);
    if (cluster.empty()) {
      // A document written without a cluster value is a cluster of its own,
      // named by its id.
      Xapian::TermIterator t = candidate.termlist_begin();
      t.skip_to(std::string(schema::kPrefixId));
      if (t == candidate.termlist_end() || !(*t).starts_with(schema::kPrefixId)) continue;
      cluster = (*t).substr(schema::kPrefixId.size());
    }
    best_similarity = similarity;
    best_cluster = std::move(cluster);
  }
  return best_cluster.empty() ? doc_id : best_cluster;
}

}  // namespace newsdex::index
