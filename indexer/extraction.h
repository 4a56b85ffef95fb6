// From what the readers of indexer/readers/ find to the Articles the indexer
// writes: HTML pages (files and WARC captures) extracted on the worker
// threads, feed records converted on the reader thread, and the rules every
// such article shares (its id, its date, its language). Thread safety: the
// functions share no mutable state; call them from any number of threads.
#pragma once

#include <string>
#include <string_view>

#include "indexer/corpus_reader.h"
#include "indexer/readers/feed_reader.h"

namespace newsdex::index {

// The id of an article found by its URL (a canonical link, a feed item's
// link, a WARC target URI): the URL as written, so that the same page read
// again (from a re-crawl, as HTML or as JSON with its URL as id) gets the
// same id; "u" + to_hex16(fnv1a_64(url)) when the URL is longer than an id
// may be (schema::kMaxIdBytes).
std::string id_from_url(std::string_view url);

// Turns `entry.page` into `entry.article` (the worker step of the pipeline,
// pipeline.h): extract_html_article() with the page's charset and URL as
// hints, then the shared rules:
//   id     the extracted URL (canonical link, og:url, ..., else the WARC
//          target URI; see id_from_url), else id_from_content(title, body);
//          from "url" or "content-hash"
//   date   the extracted date when dates::check_date reads it (a warning
//          otherwise); else the WARC-Date of a capture, as a last resort,
//          with from.date "warc-date" ("arc-date" for an ARC capture's
//          date) and a warning-free note in the dry
//          run: it is when the page was captured, not published
//   lang   the extracted language when analysis::language_code() knows it, else
//          options.default_lang (from "default")
// Not-article pages (listing, gallery, empty) become left_out
// ("not-article page (listing)"); a page no charset decodes a kUndecodable
// skip; a page over the limit a kTooLong skip. page is reset in every case.
// Never throws (out of memory becomes this page's skip).
// Requires: entry.page is set.
void extract_page(CorpusEntry& entry, const CorpusReaderOptions& options);

// The entry of one record of a feed document, origin already set: an article
// (id: the item's own id, else id_from_url(url), else from the content; date
// as parsed by the feed reader, else dates::check_date on it), or left_out
// for an item that is no article. `format` is describe(document.format).
void convert_feed_record(const readers::FeedRecord& record, std::string_view format, CorpusEntry& entry,
                         const CorpusReaderOptions& options);

}  // namespace newsdex::index
