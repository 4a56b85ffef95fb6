#include "indexer/readers/html_extractor.h"

#include <algorithm>

#include "common/error.h"
#include "indexer/readers/html_body.h"
#include "indexer/readers/html_charset.h"
#include "indexer/readers/html_dom.h"
#include "indexer/readers/html_metadata.h"

namespace newsdex::readers {
namespace {

// Fewer words than this is no article text (a caption, a teaser, an error message).
constexpr std::size_t kMinArticleWords = 30;

std::string mib(std::size_t bytes) {
  const double m = static_cast<double>(bytes) / (1024.0 * 1024.0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", m);
  return buf;
}

bool has_type(const PageMetadata& meta, std::string_view type) {
  return std::find(meta.json_ld_types.begin(), meta.json_ld_types.end(), type) != meta.json_ld_types.end();
}

// The verdict: is this page an article? Marked as one (JSON-LD of an article
// type, og:type "article") it is unless it has no text; otherwise its shape
// decides: teaser titles and no long paragraphs is a listing, pictures with
// little running text a gallery.
std::optional<NotArticle> judge(const PageMetadata& meta, const ExtractedBody& body) {
  const bool marked_article = meta.json_ld_article || meta.og_type == "article";
  const std::string words = std::to_string(body.words) + " words of running text";
  if (!marked_article) {
    const bool listing_type = has_type(meta, "CollectionPage") || has_type(meta, "SearchResultsPage") ||
                              has_type(meta, "ItemList");
    if (body.linked_headings >= 5 && body.long_paragraphs < 3) {
      return NotArticle{NotArticleKind::kListing, std::to_string(body.linked_headings) +
                                                      " linked headlines, " + words};
    }
    if (listing_type && body.long_paragraphs < 3) {
      return NotArticle{NotArticleKind::kListing, "a schema.org collection or list page, " + words};
    }
    const bool gallery_type = has_type(meta, "ImageGallery") || has_type(meta, "MediaGallery");
    if (gallery_type || (body.images >= 6 && body.words < body.images * 40 && body.long_paragraphs < 3)) {
      return NotArticle{NotArticleKind::kGallery, std::to_string(body.images) + " pictures, " + words};
    }
  }
  if (body.words < kMinArticleWords) {
    if (body.images >= 4) {
      return NotArticle{NotArticleKind::kGallery, std::to_string(body.images) + " pictures, " + words};
    }
    return NotArticle{NotArticleKind::kEmpty, "no article text: " + words};
  }
  return std::nullopt;
}

}  // namespace

std::string_view describe(NotArticleKind kind) {
  switch (kind) {
    case NotArticleKind::kEmpty: return "empty";
    case NotArticleKind::kListing: return "listing";
    case NotArticleKind::kGallery: return "gallery";
  }
  return "unknown";
}

HtmlExtraction extract_html_article(std::string_view bytes, const HtmlHints& hints) {
  if (bytes.size() > kMaxHtmlBytes) {
    throw Error("HTML page of " + mib(bytes.size()) + " is larger than the " + mib(kMaxHtmlBytes) +
                " limit for one page");
  }
  DecodedHtml decoded = decode_html(bytes, hints.charset);
  const Dom dom = Dom::parse(decoded.utf8);
  decoded.utf8 = std::string();  // the tree holds the text now

  const PageMetadata meta = extract_metadata(dom, hints.url);
  const ExtractedBody body = extract_body(dom, BodyEvidence{.json_ld_body = meta.json_ld_body, .title = meta.title});

  HtmlExtraction result;
  ExtractedArticle& a = result.article;
  a.title = meta.title;
  a.title_from = meta.title_from;
  a.body = body.text;
  a.body_from = body.text.empty() ? std::string() : body.from;
  a.date = meta.date;
  a.date_from = meta.date_from;
  a.date_modified = meta.date_modified;
  a.date_modified_from = meta.date_modified_from;
  a.author = meta.author;
  a.author_from = meta.author_from;
  a.source = meta.source;
  a.source_from = meta.source_from;
  a.url = meta.url;
  a.url_from = meta.url_from;
  a.lang = meta.lang;
  a.lang_from = meta.lang_from;
  a.charset = decoded.charset;
  a.charset_from = decoded.charset_from;
  result.not_article = judge(meta, body);
  return result;
}

}  // namespace newsdex::readers
