#include "indexer/readers/warc_article.h"

namespace newsdex::readers {

HtmlExtraction extract_warc_payload(const WarcPayload& payload) {
  return extract_html_article(payload.body, HtmlHints{.charset = payload.charset, .url = payload.target_uri});
}

}  // namespace newsdex::readers
