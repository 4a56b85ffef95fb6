// Plain result types passed from matching to printing: no Xapian, no ICU.
// Printers see only this header (ripgrep: the searcher never prints).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsdex::search {

// A highlighted byte range [start, end) of Snippet::text.
struct Highlight {
  std::uint32_t start;
  std::uint32_t end;
};

// A passage of an article with the query's words marked. `text` is what is
// shown, including "…" where the passage was cut out of a longer text.
struct Snippet {
  std::string text;
  std::vector<Highlight> highlights;  // sorted, non-overlapping
};

struct CountryRef {
  std::string code;  // ISO 3166-1 alpha-2
  std::string name;  // English short name
};

struct QuoteRef {
  std::string speaker;  // "" = unattributed
  std::string text;
};

struct Match {
  std::uint32_t rank = 0;   // 1-based, counting from the first result of the page
  double score = 0.0;       // BM25 weight
  bool matched_all = true;  // false: a partial match (not every query word)
  std::string id;
  std::string title;
  Snippet title_highlighted;  // the whole title with its matched words marked
  std::optional<std::int64_t> published_unix_s;
  std::string source;
  std::string url;
  std::string author;
  Snippet snippet;
  // Entities the indexer extracted, most salient first.
  std::vector<std::string> persons;
  std::vector<std::string> organizations;
  std::vector<CountryRef> countries;
  std::vector<std::string> speakers;
  std::vector<QuoteRef> quotes;
  // Near-duplicate copies of this article that also match and were collapsed
  // into it (same story republished); empty with --all.
  std::uint64_t similar_count = 0;
  std::vector<std::string> similar_sources;  // their outlets, most frequent first
};

// One bar of the timeline: articles (or stories) per day/week/month/year.
struct TimelineBucket {
  std::string label;  // "2016-02-08" (day, week = its Monday), "2016-02", "2016"
  std::uint64_t count = 0;
  std::string top_title;  // best-ranked headline in the bucket (--timeline-top)
  std::string top_id;
};

struct Timeline {
  std::string granularity;              // "day", "week", "month" or "year"
  std::vector<TimelineBucket> buckets;  // in time order, empty buckets included
  std::uint64_t undated = 0;            // matching articles without a date
};

struct FacetValue {
  std::string value;  // as shown: a name ("John Kerry", "Syria", "Harbor Ledger")
  std::string code;   // countries: the ISO code ("SY"); else
  std::uint64_t count = 0;
};

struct Facet {
  std::string name;                // "speaker", "country", "person", "org" or "source"
  std::vector<FacetValue> values;  // most frequent first, at most the facet limit
  std::uint64_t distinct = 0;      // values in all
};

// "Did you mean": one query word the index does not know, and its suggestion.
struct SpellingCorrection {
  std::string word;
  std::string suggestion;
};

struct SearchResults {
  std::string query;
  std::vector<Match> matches;
  std::uint64_t matches_estimated = 0;  // all matches, complete and partial
  std::uint64_t matches_lower_bound = 0;
  std::uint64_t matches_upper_bound = 0;
  std::uint64_t complete_matches_estimated = 0;  // matches holding every query word
  std::uint64_t offset = 0;
  double elapsed_ms = 0.0;
  std::string sort = "relevance";    // "relevance", "newest" or "oldest"
  bool collapsed = true;             // copies of one story shown once
  std::string count_by = "article";  // what timeline and facet counts count: "article" or "story"
  bool counts_exact = true;          // timeline and facet counts cover every match
  std::optional<Timeline> timeline;
  std::vector<Facet> facets;
  std::vector<SpellingCorrection> corrections;
  std::string did_you_mean;  // the query with the corrections applied; "" if none
};

}  // namespace newsdex::search
