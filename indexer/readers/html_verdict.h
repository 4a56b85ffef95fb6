// The verdict on a page: an article, or which kind of page that is not one
// (html_extractor.h, NotArticleKind) and why. General evidence only, never a
// site, URL or page named:
// - for an article: JSON-LD of an article type, og:type "article" with a date
//   or author, a publication date (metadata, <time>, a date in the URL path),
//   a byline, a headline over paragraphs of running prose, enough prose
//   (Readability's isProbablyReaderable measure, stricter when nothing else
//   speaks for an article);
// - against: the site's home page, tag/category/author/search paths and
//   listing shapes, product pages (schema.org Product, og:type product, an
//   add-to-cart form next to a price), the site's own pages (about, contact,
//   legal, cookie and privacy policies, help/FAQ, log-in and registration
//   forms), error pages ("page not found" titles), galleries and pages with
//   too little running text.
// Thread safety: no state.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "indexer/readers/html_body.h"
#include "indexer/readers/html_dom.h"
#include "indexer/readers/html_extractor.h"
#include "indexer/readers/html_metadata.h"

namespace newsdex::readers {

// Fewer words than this is no article text (a caption, a teaser, an error message).
inline constexpr std::size_t kMinArticleWords = 30;

// The verdict on a page whose metadata and body were extracted from `dom`.
// `page_url` is where the page came from ("" if unknown; then the page's
// <link rel=canonical> is used, not og:url or the JSON-LD url). nullopt: the page is an article.
std::optional<NotArticle> judge_page(const Dom& dom, const PageMetadata& meta, const ExtractedBody& body,
                                     std::string_view page_url);

// Readability's isProbablyReaderable score over the lines of an extracted
// text: the sum of sqrt(length - 140) over the lines of 140 bytes or more
// (length in UTF-8 bytes without white space, so that a CJK character, three
// bytes, weighs about as much as the three Latin letters it carries the
// meaning of). Readability calls a page readerable above 20.
double prose_score(std::string_view text);

// A publication date in a URL's path: "/2019/11/20/", "/2019/11/", "-20191120",
// "2019-11-20" (years 1990-2099, valid months and days). Query and fragment
// are not looked at.
bool url_has_date(std::string_view url);

}  // namespace newsdex::readers
