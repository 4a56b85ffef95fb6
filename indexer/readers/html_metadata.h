// The metadata of an article page: JSON-LD (schema.org articles, also inside
// @graph), OpenGraph, article:*, Twitter and Dublin Core <meta> tags, <meta
// name=author|date|...>, <title>, <html lang>, <link rel=canonical>.
// Thread safety: no shared state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/readers/html_dom.h"

namespace newsdex::readers {

// Each field with where it came from ("json-ld", "og", "article", "twitter",
// "dc", "meta", "itemprop", "rdfa", "title", "h1", "time", "link", "html", "canonical", "hint",
// "host"), as in ExtractedArticle (html_extractor.h).
struct PageMetadata {
  std::string title, title_from;
  std::string date, date_from;
  std::string date_modified, date_modified_from;
  std::string author, author_from;
  std::string source, source_from;
  std::string url, url_from;
  std::string lang, lang_from;
  // Evidence for the body and the verdict.
  std::string json_ld_body;                // articleBody of the JSON-LD article, markup stripped; "" if none
  std::string json_ld_body_raw;            // the same as written (plain text with line breaks, or HTML)
  std::vector<std::string> json_ld_types;  // every schema.org @type seen ("NewsArticle", "CollectionPage")
  bool json_ld_article = false;            // a JSON-LD object of an article type was found
  std::string og_type;                     // og:type, lower case ("article", "website")
};

// Reads the metadata of a page. `page_url` (may be empty) resolves relative
// URLs and is the fallback url and, by its host, source.
PageMetadata extract_metadata(const Dom& dom, std::string_view page_url);

// The headline without a site-name suffix or prefix: "Storm hits coast | Daily
// Planet" -> "Storm hits coast" when the part split off names the site (equal
// to `site_name`, or matching the host of `page_url`), or when `headline` (an
// h1 or og:title, may be empty) equals the remaining part; otherwise unchanged.
std::string strip_site_name(std::string_view title, std::string_view site_name, std::string_view page_url,
                            std::string_view headline);

// "en-US", "EN_gb", "en" -> "en"; "" for anything that is not a 2-3 letter code.
std::string primary_language(std::string_view tag);

// `href` resolved against `base` ("/a/b" against "https://x.org/c" ->
// "https://x.org/a/b"); `href` unchanged when it is absolute or `base` is not.
std::string resolve_url(std::string_view href, std::string_view base);

// The host of an absolute URL, lower case, without "www." ("https://www.X.org/a" -> "x.org").
std::string url_host(std::string_view url);

}  // namespace newsdex::readers
