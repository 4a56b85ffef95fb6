// From a WARC record's HTML payload to its extracted article: the step that
// runs in the analysis workers, apart from the WarcReader (reader thread).
// Thread safety: shares no mutable state; call it from any number of threads.
#pragma once

#include "indexer/readers/html_extractor.h"
#include "indexer/readers/warc_reader.h"

namespace newsdex::readers {

// Extracts the article of `payload`: extract_html_article() with the HTTP
// charset and the target URI as hints. The capture date (payload.capture_date)
// is not put into the article: it is when the page was captured, not when it
// was published, and stays the caller's to use as such.
// Throws newsdex::Error as extract_html_article() does (a page larger than
// kMaxHtmlBytes, or bytes no charset decodes).
HtmlExtraction extract_warc_payload(const WarcPayload& payload);

}  // namespace newsdex::readers
