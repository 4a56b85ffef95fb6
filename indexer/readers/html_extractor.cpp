#include "indexer/readers/html_extractor.h"

#include <cstdio>

#include "common/error.h"
#include "indexer/readers/feed_text.h"
#include "indexer/readers/html_body.h"
#include "indexer/readers/html_charset.h"
#include "indexer/readers/html_dom.h"
#include "indexer/readers/html_metadata.h"
#include "indexer/readers/html_verdict.h"

namespace newsdex::readers {
namespace {

std::string mib(std::size_t bytes) {
  const double m = static_cast<double>(bytes) / (1024.0 * 1024.0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", m);
  return buf;
}

}  // namespace

std::string_view describe(NotArticleKind kind) {
  switch (kind) {
    case NotArticleKind::kEmpty:
      return "empty";
    case NotArticleKind::kListing:
      return "listing";
    case NotArticleKind::kGallery:
      return "gallery";
    case NotArticleKind::kProduct:
      return "product";
    case NotArticleKind::kSitePage:
      return "site page";
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
  ExtractedBody body = extract_body(dom, BodyEvidence{.json_ld_body = meta.json_ld_body, .title = meta.title});
  // A page rendered by scripts in the browser is an empty shell in its
  // markup, but its JSON-LD may carry the whole article: then the
  // articleBody is the body (its own paragraphs kept), and the verdict is
  // taken on it.
  if (body.words < kMinArticleWords && !meta.json_ld_body_raw.empty()) {
    ExtractedBody from_json_ld = body_of_text(html_text(meta.json_ld_body_raw), "articleBody");
    if (from_json_ld.words >= kMinArticleWords) {
      from_json_ld.linked_headings = body.linked_headings;
      from_json_ld.images = body.images;
      body = std::move(from_json_ld);
    }
  }

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
  result.not_article = judge_page(dom, meta, body, hints.url);
  return result;
}

}  // namespace newsdex::readers
