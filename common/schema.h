// THE database layout shared by newsdex-index and newsdex-search: term prefixes,
// value slots, stored data and metadata keys. Change this file first, then bump
// kVersion; docs/architecture.md mirrors it.
//
// Database schema, version 2. Document = one article.
// Version history (the schema check names the change to users of an older
// database, common/database.cpp):
//   1  the first
//   2  quote words (XQ, ZXQ) for newsdex-search --quotes
//
// Terms (all term text is produced by analysis::Analyzer, so lower-case,
// NFKC case-folded and accent-folded):
//   <term>          title + body words, with positions: title words at 1..n,
//                   body words from n + kFieldPositionGap; title words get
//                   wdf kTitleWdfBoost per occurrence (title weighted above body)
//   Z<stem>         Snowball stem of every title + body word (no positions)
//   S<term>         title words, with positions (the `title:` field)
//   ZS<stem>        stems of the title words
//   A<term>         author words (the `author:` field), no positions
//   Q<id>           unique article id: replace_document() key           boolean
//   L<lang>         article language ("en")                             boolean
//   XSRC<source>    outlet, normalised as one entity value              boolean
//   Y<yyyy>, M<yyyymm>, D<yyyymmdd>  publication date (UTC)             boolean
//   XLSH<band key>  near-duplicate candidate keys (MinHash LSH bands)    boolean
//   XCLU<cluster>   near-duplicate cluster ("story") id, made by cluster_term():
//                   the cluster id as it is, or when that would not fit a term,
//                   its first bytes + "#" + 16 hex digits of its hash   boolean
//   Entities (common/entities/entities.h, found by indexer/entity_terms.cpp);
//   <name> is analysis::normalize_value() of the canonical name ("john kerry"),
//   <word> each of its tokens ("kerry"), so a surname filter matches too:
//   XPER<name>, XPERW<word>    every person mentioned                  boolean
//   XSPK<name>, XSPKW<word>    every speaker (person with an attributed quote)
//   XORG<name>, XORGW<word>    every organization                      boolean
//   XCTRY<code>     every country, ISO 3166-1 alpha-2 in lower case ("XCTRYsy")
//   Quotes (the quotes of the stored summary below, in its order, nested and
//   overlapping ones each on their own), for newsdex-search --quotes:
//   XQ<term>        the words of every quote's text, with positions: quote k's
//                   words follow quote k-1's after kFieldPositionGap, so a
//                   phrase never matches across two quotes; wdf 0, so they
//                   leave the document length (article BM25) as it was. They
//                   find the candidate articles; searcher/quote_search.cpp
//                   checks each quote of the summary on its own
//   ZXQ<stem>       Snowball stem of every quote word (no positions, wdf 0)
// Value slots (never renumber: existing databases depend on them):
//   0 kSlotPublished   sortable_serialise(unix seconds, UTC); absent if undated
//   1 kSlotSource      outlet as shown; single-valued facet (ValueCountMatchSpy)
//   2 kSlotContentHash the article's content stamp: 16 hex digits of its content hash, + "/no-entities" when built without extraction (re-index check)
//   3 kSlotDay         "yyyymmdd" (UTC)          timeline buckets, absent if undated:
//   4 kSlotWeek        "yyyymmdd" of the Monday  ValueCountMatchSpy counts them, and
//   5 kSlotMonth       "yyyymm"                  collapsing on one gives the best
//   6 kSlotYear        "yyyy"                    headline per bucket
//   7 kSlotCluster     near-duplicate cluster id (collapse key: one hit per story)
//   8 kSlotFingerprint MinHash signature of the body (indexer/near_duplicates.h)
//   Entity facets: one slot per rank, so each slot is single-valued and
//   ValueCountMatchSpy (all a remote xapian-tcpsrv or a sharded search knows)
//   counts them; a facet's count is the sum over its kFacetRanks slots.
//   Absent when the article has fewer entities of that kind.
//  10-12 kSlotPerson0..2  top 3 persons by salience, canonical name ("John Kerry")
//  13-15 kSlotSpeaker0..2 top 3 speakers by number of quotes, canonical name
//  16-18 kSlotCountry0..2 top 3 countries by salience, ISO code ("SY")
//  19-21 kSlotOrg0..2     top 3 organizations by salience, canonical name
// Spelling: every unprefixed alphabetic word of 3-30 bytes, once per article
// (is_spelling_word below), for "did you mean".
// Data: the stored article, a zstd frame (see compression/stored_fields.h),
// including Article::entities_json, the extraction summary, encoded and
// decoded only by common/entity_summary.h (compact JSON):
//   {"persons":[name...],"organizations":[name...],
//    "countries":[{"code":"SY","name":"Syria"}...],"speakers":[name...],
//    "quotes":[{"speaker":name or "","text":quoted span,"verb":"said"}...]}
// (lists in salience order, speakers most quotes first, quotes in text order;
// every key present even when its list is empty; "" when indexed with
// extraction off).
// Metadata: "newsdex:schema_version" -> "2"; "newsdex:languages" -> comma-separated
// list of the languages whose stems are in the database ("en,de").
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace newsdex::schema {

inline constexpr int kVersion = 2;
// What changed in kVersion, for the message refusing an older database.
inline constexpr std::string_view kVersionChange = "version 2 indexes the words of quotes, for newsdex-search --quotes";

// Metadata keys.
inline constexpr std::string_view kMetaSchemaVersion = "newsdex:schema_version";
inline constexpr std::string_view kMetaLanguages = "newsdex:languages";
// "shards=N" when the last bulk load was sharded (indexer/shard_load.h; read
// by `newsdex-index stats`). Absent: every load went through one writer.
inline constexpr std::string_view kMetaBulkLoad = "newsdex:bulk_load";

// Term prefixes.
inline constexpr std::string_view kPrefixBody = "";    // free text, positional
inline constexpr std::string_view kPrefixStem = "Z";   // stems of kPrefixBody words
inline constexpr std::string_view kPrefixTitle = "S";  // free text, positional
inline constexpr std::string_view kPrefixTitleStem = "ZS";
inline constexpr std::string_view kPrefixAuthor = "A";
inline constexpr std::string_view kPrefixId = "Q";
inline constexpr std::string_view kPrefixLang = "L";
inline constexpr std::string_view kPrefixSource = "XSRC";
inline constexpr std::string_view kPrefixYear = "Y";
inline constexpr std::string_view kPrefixMonth = "M";
inline constexpr std::string_view kPrefixDay = "D";
inline constexpr std::string_view kPrefixLsh = "XLSH";
inline constexpr std::string_view kPrefixCluster = "XCLU";
inline constexpr std::string_view kPrefixPerson = "XPER";       // + normalised full name
inline constexpr std::string_view kPrefixPersonWord = "XPERW";  // + each word of it
inline constexpr std::string_view kPrefixSpeaker = "XSPK";
inline constexpr std::string_view kPrefixSpeakerWord = "XSPKW";
inline constexpr std::string_view kPrefixOrg = "XORG";
inline constexpr std::string_view kPrefixOrgWord = "XORGW";
inline constexpr std::string_view kPrefixCountry = "XCTRY";  // + lower-case ISO code
inline constexpr std::string_view kPrefixQuote = "XQ";       // quote words, positional
inline constexpr std::string_view kPrefixQuoteStem = "ZXQ";  // stems of kPrefixQuote words

// Value slots. Never renumber.
inline constexpr Xapian::valueno kSlotPublished = 0;
inline constexpr Xapian::valueno kSlotSource = 1;
inline constexpr Xapian::valueno kSlotContentHash = 2;
inline constexpr Xapian::valueno kSlotDay = 3;
inline constexpr Xapian::valueno kSlotWeek = 4;
inline constexpr Xapian::valueno kSlotMonth = 5;
inline constexpr Xapian::valueno kSlotYear = 6;
inline constexpr Xapian::valueno kSlotCluster = 7;
inline constexpr Xapian::valueno kSlotFingerprint = 8;
// Entity facets: kFacetRanks consecutive slots each, rank 0 the most salient.
inline constexpr int kFacetRanks = 3;
inline constexpr Xapian::valueno kSlotPerson0 = 10;
inline constexpr Xapian::valueno kSlotPerson1 = 11;
inline constexpr Xapian::valueno kSlotPerson2 = 12;
inline constexpr Xapian::valueno kSlotSpeaker0 = 13;
inline constexpr Xapian::valueno kSlotSpeaker1 = 14;
inline constexpr Xapian::valueno kSlotSpeaker2 = 15;
inline constexpr Xapian::valueno kSlotCountry0 = 16;
inline constexpr Xapian::valueno kSlotCountry1 = 17;
inline constexpr Xapian::valueno kSlotCountry2 = 18;
inline constexpr Xapian::valueno kSlotOrg0 = 19;
inline constexpr Xapian::valueno kSlotOrg1 = 20;
inline constexpr Xapian::valueno kSlotOrg2 = 21;

// The facets newsdex counts over a query's matches (newsdex-search --facets)
// and stores in the facet columns (common/facet_columns.h): the outlet and the
// entity facets. Each reads `ranks` consecutive value slots from first_slot; a
// document has a value at most once among them, so the sum over the slots
// counts documents. The one list of facet names: the searcher parses --facets
// with facet_named() and names each facet with facet(kind).name.
enum class FacetKind : std::uint8_t { kSpeaker, kCountry, kPerson, kOrg, kSource };

struct FacetSpec {
  FacetKind kind;
  std::string_view name;       // as users and the --json output name it ("speaker")
  Xapian::valueno first_slot;  // rank 0
  int ranks;                   // slots first_slot .. first_slot + ranks - 1
};

// In the order newsdex-search lists them (its --help and error messages);
// kFacetSpecs[k].kind is FacetKind k.
inline constexpr std::array kFacetSpecs = {
    FacetSpec{FacetKind::kSpeaker, "speaker", kSlotSpeaker0, kFacetRanks},
    FacetSpec{FacetKind::kCountry, "country", kSlotCountry0, kFacetRanks},
    FacetSpec{FacetKind::kPerson, "person", kSlotPerson0, kFacetRanks},
    FacetSpec{FacetKind::kOrg, "org", kSlotOrg0, kFacetRanks},
    FacetSpec{FacetKind::kSource, "source", kSlotSource, 1},
};

// The spec of facet `kind`.
constexpr const FacetSpec& facet(FacetKind kind) { return kFacetSpecs[static_cast<std::size_t>(kind)]; }

// The facet called `name` (exactly, as in kFacetSpecs), or nullopt.
constexpr std::optional<FacetKind> facet_named(std::string_view name) {
  for (const FacetSpec& f : kFacetSpecs) {
    if (f.name == name) return f.kind;
  }
  return std::nullopt;
}

static_assert(
    [] {
      for (std::size_t k = 0; k < kFacetSpecs.size(); ++k) {
        if (static_cast<std::size_t>(kFacetSpecs[k].kind) != k) return false;
      }
      return true;
    }(),
    "kFacetSpecs must list the facets in FacetKind order");

// Body positions start this far after the last title position, so that phrase
// and NEAR queries never match across the title/body seam.
inline constexpr Xapian::termpos kFieldPositionGap = 100;
// Each title occurrence counts this many times in the unprefixed field: BM25
// then ranks a word in the headline above the same word in the body. 2 matches
// the plain-Xapian and Lucene (title^2) peers; see docs/ranking.md.
inline constexpr Xapian::termcount kTitleWdfBoost = 2;
// Xapian's glass backend refuses a term longer than this, prefix included
// (and cancels the whole uncommitted transaction when it meets one). The one
// statement of the limit: whatever makes or looks up a term checks it here.
inline constexpr std::size_t kMaxXapianTermBytes = 245;
// The longest word the analyzer emits as a term, well under
// kMaxXapianTermBytes with any prefix; longer tokens are junk anyway.
inline constexpr std::size_t kMaxTermBytes = 120;
static_assert(kMaxTermBytes + kPrefixTitleStem.size() <= kMaxXapianTermBytes);
static_assert(kMaxTermBytes + kPrefixQuoteStem.size() <= kMaxXapianTermBytes);
// The longest article id: the id term is kPrefixId + id. The only other term
// made from an id, the cluster term, fits whatever the id (cluster_term()).
inline constexpr std::size_t kMaxIdBytes = kMaxXapianTermBytes - kPrefixId.size();

// The XCLU term of near-duplicate cluster `cluster` (an article id, as stored
// in kSlotCluster): kPrefixCluster + cluster when that fits a term; else
// kPrefixCluster + the cluster's first bytes (cut on a UTF-8 character
// boundary) + "#" + 16 lower-case hex digits of its 64-bit FNV-1a hash, 245
// bytes at most. Stored in databases: must not change.
inline std::string cluster_term(std::string_view cluster) {
  std::string term(kPrefixCluster);
  if (term.size() + cluster.size() <= kMaxXapianTermBytes) return term.append(cluster);
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a 64, as indexer/article_hash.h
  for (char c : cluster) {
    hash ^= static_cast<std::uint64_t>(static_cast<unsigned char>(c));
    hash *= 1099511628211ULL;
  }
  constexpr std::size_t kHashBytes = 1 + 16;  // "#" + hex digits
  std::size_t keep = kMaxXapianTermBytes - term.size() - kHashBytes;
  while (keep > 0 && (static_cast<unsigned char>(cluster[keep]) & 0xC0U) == 0x80U) --keep;
  term.append(cluster.substr(0, keep)).push_back('#');
  constexpr std::string_view kHex = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4) term.push_back(kHex[(hash >> shift) & 0xFU]);
  return term;
}

// Spelling: the words the indexer feeds to Xapian's spelling table ("did you
// mean"), once per article that holds them, and delete takes back out: the
// unprefixed terms (first byte not an upper-case ASCII letter: prefixes are
// upper-case) of kMinSpellingBytes..kMaxSpellingBytes bytes whose ASCII bytes
// are all lower-case letters (so no digits, no punctuation; other bytes are
// letters of other scripts: the analyzer folds case). Databases depend on it:
// a word the rule no longer accepts would stay in the spelling table of
// articles indexed before.
inline constexpr std::size_t kMinSpellingBytes = 3;
inline constexpr std::size_t kMaxSpellingBytes = 30;
constexpr bool is_spelling_word(std::string_view term) {
  if (term.size() < kMinSpellingBytes || term.size() > kMaxSpellingBytes) return false;
  if (term.front() >= 'A' && term.front() <= 'Z') return false;
  for (char c : term) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !(u >= 'a' && u <= 'z')) return false;
  }
  return true;
}

enum class FieldKind {
  kFreeText,  // analysed words, positional where the schema says so
  kBoolean,   // exact filter values (normalised as one token sequence)
  kDate,      // a date or date range over kSlotPublished (searcher/date_range.h)
};

// Query-syntax fields ("title:word"). QueryParser registers exactly these;
// docs/query-syntax.md mirrors this table.
struct QueryField {
  std::string_view name;         // as typed by users
  std::string_view prefix;       // term prefix
  std::string_view stem_prefix;  // prefix of stemmed terms ("" = no stems)
  FieldKind kind;
  bool positional;  // phrases/NEAR allowed
};

inline constexpr std::array kQueryFields = {
    QueryField{"title", kPrefixTitle, kPrefixTitleStem, FieldKind::kFreeText, true},
    QueryField{"author", kPrefixAuthor, "", FieldKind::kFreeText, false},
    QueryField{"source", kPrefixSource, "", FieldKind::kBoolean, false},
    QueryField{"lang", kPrefixLang, "", FieldKind::kBoolean, false},
    QueryField{"date", "", "", FieldKind::kDate, false},
    QueryField{"speaker", kPrefixSpeaker, "", FieldKind::kBoolean, false},
    QueryField{"person", kPrefixPerson, "", FieldKind::kBoolean, false},
    QueryField{"org", kPrefixOrg, "", FieldKind::kBoolean, false},
    QueryField{"country", kPrefixCountry, "", FieldKind::kBoolean, false},
};

}  // namespace newsdex::schema
