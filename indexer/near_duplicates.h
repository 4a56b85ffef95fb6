// Near-duplicate detection ("wire copies"): a MinHash fingerprint of an
// article's normalised body, its LSH band keys (boolean terms XLSH<key>), its
// value-slot encoding (kSlotFingerprint), and ClusterAssigner, which gives each
// new article the cluster id (kSlotCluster, XCLU<id>) of its nearest earlier copy.
// Thread safety: the free functions are pure; a ClusterAssigner is used by the
// thread that owns its WritableDatabase.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.h"

namespace newsdex::index {

// Words per shingle. 5 consecutive terms (stopwords kept, as the analyzer
// emits them) rarely recur across distinct news articles (on BBC, all but 109
// of 2.5 million pairs of distinct articles estimate below 0.1), while one
// replaced word costs only 5 of an article's ~400 shingles. Shorter shingles
// let stock phrases ("said in a statement on") count as shared text; longer
// ones make light copy-editing look like rewriting. Stored data depends on it.
inline constexpr std::size_t kShingleTerms = 5;

// MinHash functions per fingerprint. The estimate's standard error is
// sqrt(J(1 - J) / K), 0.046 at J = 0.5 for K = 120: enough to separate copies
// (J >= 0.7 for light edits) from distinct articles (J < 0.1).
// The first 32 also make the LSH band keys (see kLshBands). Costs 2 bytes a
// function in kSlotFingerprint (16-bit minima).
inline constexpr std::size_t kMinHashFunctions = 120;

// LSH banding: the first b * r minima are cut into b = kLshBands bands of
// r = kLshRowsPerBand rows; each band hashes to one key (an XLSH term), and two
// articles become candidates when any band agrees. With Jaccard s, one band
// agrees with probability s^r, so
//     P(candidate | s) = 1 - (1 - s^r)^b          (the S-curve)
// With b = 16, r = 2:
//     s:  0.1    0.2    0.3    0.4    0.5    0.6    0.7    0.8
//     P:  0.15   0.48   0.78   0.94   0.990  1.000  1.000  1.000
// so pairs at the threshold (0.5) are found 99% of the time; candidates below
// the threshold cost one value read and are rejected by estimate_similarity.
// Distinct news articles share almost no 5-shingles (s near 0), so the extra
// low-s candidates are rare. Every band is one unique-ish term per document,
// the most expensive kind for Xapian to write and store: 40 x 3 (the first
// design, P = 0.995 at 0.5) made XLSH terms a quarter of the index and of the
// writer's time; 16 x 2 keeps the recall (docs/quality.md, dedup) with 16
// terms. Stored terms depend on both numbers.
inline constexpr std::size_t kLshBands = 16;
inline constexpr std::size_t kLshRowsPerBand = 2;
static_assert(kLshBands * kLshRowsPerBand <= kMinHashFunctions);

// Two articles are copies of one story when the estimated Jaccard similarity of
// their 5-shingle sets is at least this. On the BBC evaluation
// (docs/quality.md) copies with a new dateline, a dropped or changed
// sentence or a few replaced words score >= 0.7 and all join their original;
// the most similar pair of distinct BBC stories scores 0.46. 0.5 means "two
// thirds of each article's shingles are shared" for articles of equal length.
// Precision first: a missed copy shows as one more hit, a false merge hides an
// article behind another.
inline constexpr double kSimilarityThreshold = 0.5;

// Texts with fewer shingles than this are near-duplicates only when their
// shingle sets are (estimated) equal. One changed word in a 15-term dividend
// notice or a one-line headline is a different company or a different rate
// (Reuters: "Qtly div 10 cts vs 10 cts prior Pay April 15 ..." under many
// company names), not an edited copy.
inline constexpr std::uint32_t kMinShinglesForNearMatch = 30;

// The MinHash signature of an article's shingle set: minima[i] is the least
// value of hash function i over the shingles.
struct Fingerprint {
  std::array<std::uint32_t, kMinHashFunctions> minima{};
  std::uint32_t shingles = 0;  // shingles hashed (title + body terms - kShingleTerms + 1)

  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

// Computes the fingerprint of an article from its normalised terms (the
// analyzer's Token::term, in order; the document builder has them already),
// shingling the title terms followed by the body terms. The body dominates a
// normal article (a new headline on a 400-word copy costs ~2% similarity),
// while the title tells apart short template stories whose bodies are equal
// and covers headline-only briefs. Fewer than kShingleTerms terms in all:
// nullopt, the article is its own cluster (see ClusterAssigner::assign).
std::optional<Fingerprint> compute_fingerprint(std::span<const std::string> body_terms,
                                               std::span<const std::string> title_terms = {});
std::optional<Fingerprint> compute_fingerprint(std::span<const analysis::Token> body_tokens,
                                               std::span<const analysis::Token> title_tokens = {});

// Estimated Jaccard similarity of the two shingle sets, in [0, 1]: the fraction
// of hash functions whose minima agree.
double estimate_similarity(const Fingerprint& a, const Fingerprint& b);

// The verdict ClusterAssigner applies: estimate_similarity >= threshold, or,
// when either text has fewer than kMinShinglesForNearMatch shingles, an
// estimate of 1 (all minima equal: the sets are equal but for a ~1e-5 chance).
bool is_near_duplicate(const Fingerprint& a, const Fingerprint& b, double threshold = kSimilarityThreshold);

// The kLshBands band keys of `fp` (14 lower-case hex digits each: band number
// and a 48-bit hash of the band's minima). The document builder stores each as
// the boolean term schema::kPrefixLsh + key. Stored data: never change the
// format without changing kFingerprintFormatVersion.
std::vector<std::string> lsh_keys(const Fingerprint& fp);

// Version byte of serialise_fingerprint's output. Bump it whenever the
// shingling, the hash functions or the band keys change: fingerprints of
// another version then fail to deserialise and old documents are no longer
// matched (re-index to recluster).
inline constexpr std::uint8_t kFingerprintFormatVersion = 2;  // 2: 16-bit minima, 16 x 2 bands

// Value of slot schema::kSlotFingerprint. Grammar (7 + 2K bytes):
//   fingerprint := version:u8  shingle_terms:u8  k:u8  shingles:u32le  minimum:u16le{k}
// with version = kFingerprintFormatVersion, shingle_terms = kShingleTerms,
// k = kMinHashFunctions.
std::string serialise_fingerprint(const Fingerprint& fp);

// The inverse of serialise_fingerprint. Returns nullopt for anything else
// (empty, truncated, another version or parameters, trailing bytes); never throws.
std::optional<Fingerprint> deserialise_fingerprint(std::string_view bytes);

struct ClusterAssignerOptions {
  // Least estimated similarity to join a candidate's cluster (default
  // kSimilarityThreshold). Lower merges more heavily edited copies and, below
  // ~0.3, starts merging follow-up stories that quote the same paragraphs.
  double threshold = kSimilarityThreshold;
  // Candidates verified per article, those sharing the most band keys first
  // (default 50). Copies share most of their 40 keys, so the best match is
  // near the top; a larger value only costs time on heavily copied stories.
  Xapian::doccount max_candidates = 50;
  // Copies of a story appear within days; templated wire items (the Fed's
  // daily repo notice, "X raises prime rate") recur with near-identical text
  // for different events. When both articles are dated (kSlotPublished), they
  // join only if published at most this many days apart (default 3; 0 = no
  // limit). Undated articles are compared regardless.
  std::int64_t max_days_apart = 3;
};

// Assigns cluster ids while indexing, against the documents already in the
// database, including those added but not yet committed through the same
// WritableDatabase handle. Requires: documents carry the XLSH terms of their
// fingerprint, its serialisation in kSlotFingerprint, their cluster id in
// kSlotCluster and their id as term Q<id> (schema.h). Holds a reference to
// `db`, which must outlive it.
class ClusterAssigner {
 public:
  explicit ClusterAssigner(Xapian::WritableDatabase& db, ClusterAssignerOptions options = {});

  // The cluster id for article `doc_id` with fingerprint `fp`, published at
  // `published_unix_s` (nullopt: undated): the kSlotCluster value of the most
  // similar document that is_near_duplicate at options.threshold and within
  // options.max_days_apart (ties: the one sharing more band keys, then the
  // earlier one), or `doc_id` itself when none qualifies (a new cluster). The document
  // already stored under Q<doc_id>, if any, is ignored, so re-indexing an
  // article never matches its old version. An article without a fingerprint
  // should not be assigned: its cluster is its own id. Throws Xapian::Error
  // when the database cannot be read.
  std::string assign(const std::string& doc_id, const Fingerprint& fp,
                     std::optional<std::int64_t> published_unix_s = std::nullopt);

 private:
  Xapian::WritableDatabase& db_;
  ClusterAssignerOptions options_;
  // (docid, shared band keys) of the current article's candidates; a member
  // so its capacity is reused from article to article.
  std::vector<std::pair<Xapian::docid, std::size_t>> candidates_;
};

}  // namespace newsdex::index
