// HTML article extraction: the bytes of a web page in, the article out (title,
// body text without boilerplate, date, author, source, canonical URL, language,
// each with where it was found), or the verdict that the page is no article.
// General heuristics only, no per-site rules. Thread safety: extract_html_article
// shares no mutable state; call it from any number of threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsdex::readers {

// Largest page accepted: far above real article pages (a few MB at most), and
// small enough that the parse tree of a page this size stays within a few
// hundred MB.
inline constexpr std::size_t kMaxHtmlBytes = 32u << 20;

// What the caller knows about the page besides its bytes.
struct HtmlHints {
  std::string_view charset{};  // the charset parameter of the HTTP Content-Type; empty if unknown
  std::string_view url{};      // where the page came from; used to resolve relative URLs and as the fallback url
};

// Why a page is no article.
enum class NotArticleKind {
  kEmpty,     // no article text: an empty shell, a page that needs JavaScript, an error page, a page
              // with too little running prose and nothing else that says it is an article
  kListing,   // a home, section, tag or search page: a list of teasers linking to articles
  kGallery,   // pictures with captions, little running text
  kProduct,   // a shop's product page: product markup, or an add-to-cart form next to a price
  kSitePage,  // the site's own page: about, contact, legal and cookie policies, help, log-in forms
};

// "empty", "listing", "gallery", "product", "site page".
std::string_view describe(NotArticleKind kind);

struct NotArticle {
  NotArticleKind kind;
  std::string reason;  // what was seen: "12 linked headlines over 14 short blocks, 95 words of running text"
};

// The article. Each metadata field has a *_from naming its source: "json-ld",
// "og" (OpenGraph og:*), "article" (article:*), "twitter", "dc" (Dublin Core),
// "meta" (<meta name=...>), "itemprop", "rdfa" (an element's property="dc:date" content=...), "title" (<title>), "h1", "time"
// (<time datetime>), "link" (<a rel=author>), "html" (<html lang>), "canonical" (<link rel=canonical>),
// "hint" (HtmlHints::url), "host" (the URL's host name); empty when the field is.
struct ExtractedArticle {
  std::string title{};  // the headline without the site name ("Storm hits coast | Daily Planet" -> "Storm hits coast")
  std::string body{};   // the article text: paragraphs separated by a blank line, lines by "\n"
  std::string date{};   // publication date as found ("2019-11-18T10:00:00Z", "Nov. 18, 2019"); not parsed
  std::string date_modified{};
  std::string author{};  // several authors joined by ", "
  std::string source{};  // site or publisher name ("Daily Planet")
  std::string url{};     // canonical URL, absolute when the page's URL is known
  std::string lang{};    // primary language subtag, lower case ("en" for "en-US")
  std::string title_from{}, date_from{}, date_modified_from{}, author_from{}, source_from{}, url_from{}, lang_from{};
  std::string charset{};       // what the bytes were decoded from ("UTF-8", "windows-1252")
  std::string charset_from{};  // "bom", "http", "meta", "xml", "utf-8", "detected" (see html_charset.h)
  std::string body_from{};     // how the body was found: "json-ld" (the container matching the JSON-LD
                               // articleBody), "scoring" (text density and class hints), or
                               // "articleBody" (the JSON-LD articleBody itself, when the markup holds
                               // no article text: a page its scripts fill in the browser)
};

struct HtmlExtraction {
  ExtractedArticle article;               // always filled as far as the page allows, even for no article
  std::optional<NotArticle> not_article;  // set: the page is no article (article.body may still hold text)
};

// Extracts the article of one page.
// Throws newsdex::Error when the page is larger than kMaxHtmlBytes (the message
// states the size and the limit) or cannot be decoded to text (see
// decode_html in html_charset.h). Malformed markup is repaired, never an error.
HtmlExtraction extract_html_article(std::string_view bytes, const HtmlHints& hints = {});

}  // namespace newsdex::readers
