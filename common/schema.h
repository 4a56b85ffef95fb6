// THE database layout shared by newsdex-index and newsdex-search: term prefixes,
// value slots, stored data and metadata keys. Change this file first, then bump
// kVersion; docs/architecture.md mirrors it.
//
// Database schema, version 1. Document = one article.
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
//   XCLU<cluster>   near-duplicate cluster ("story") id                  boolean
// Value slots (never renumber: existing databases depend on them):
//   0 kSlotPublished   sortable_serialise(unix seconds, UTC); absent if undated
//   1 kSlotSource      outlet as shown; single-valued facet (ValueCountMatchSpy)
//   2 kSlotContentHash 16 hex digits of the article's content hash (re-index check)
//   3 kSlotDay         "yyyymmdd" (UTC)          timeline buckets, absent if undated:
//   4 kSlotWeek        "yyyymmdd" of the Monday  ValueCountMatchSpy counts them, and
//   5 kSlotMonth       "yyyymm"                  collapsing on one gives the best
//   6 kSlotYear        "yyyy"                    headline per bucket
//   7 kSlotCluster     near-duplicate cluster id (collapse key: one hit per story)
//   8 kSlotFingerprint MinHash signature of the body (indexer/near_duplicates.h)
// Spelling: every unprefixed alphabetic word of 3-30 bytes (add_spelling), for
// "did you mean".
// Data: the stored article, a zstd frame (see compression/stored_fields.h).
// Metadata: "newsdex:schema_version" -> "1"; "newsdex:languages" -> comma-separated
// list of the languages whose stems are in the database ("en,de").
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include <xapian.h>

namespace newsdex::schema {

inline constexpr int kVersion = 1;

// Metadata keys.
inline constexpr std::string_view kMetaSchemaVersion = "newsdex:schema_version";
inline constexpr std::string_view kMetaLanguages = "newsdex:languages";

// Term prefixes.
inline constexpr std::string_view kPrefixBody = "";       // free text, positional
inline constexpr std::string_view kPrefixStem = "Z";      // stems of kPrefixBody words
inline constexpr std::string_view kPrefixTitle = "S";     // free text, positional
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

// Body positions start this far after the last title position, so that phrase
// and NEAR queries never match across the title/body seam.
inline constexpr Xapian::termpos kFieldPositionGap = 100;
// Each title occurrence counts this many times in the unprefixed field: BM25
// then ranks a word in the headline above the same word in the body. 2 matches
// the plain-Xapian and Lucene (title^2) peers; see docs/ranking.md.
inline constexpr Xapian::termcount kTitleWdfBoost = 2;
// Xapian's hard limit is 245 bytes per term; longer tokens are junk anyway.
inline constexpr std::size_t kMaxTermBytes = 120;

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
  bool positional;               // phrases/NEAR allowed
};

inline constexpr std::array kQueryFields = {
    QueryField{"title", kPrefixTitle, kPrefixTitleStem, FieldKind::kFreeText, true},
    QueryField{"author", kPrefixAuthor, "", FieldKind::kFreeText, false},
    QueryField{"source", kPrefixSource, "", FieldKind::kBoolean, false},
    QueryField{"lang", kPrefixLang, "", FieldKind::kBoolean, false},
    QueryField{"date", "", "", FieldKind::kDate, false},
};

}  // namespace newsdex::schema
