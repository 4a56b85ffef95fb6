// Agency and feed formats: NITF, NewsML-G2, NewsML 1, RSS (2.0 and 1.0/RDF)
// and Atom. One XML document in, its records out: each record is an article
// (title, body, date, author, source, url, language, id, each with where it was
// found) or an item that is no article, with the reason. Also the sniffing of a
// file's format from its first bytes. Thread safety: no shared mutable state;
// call the functions from any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::readers {

// Largest document accepted. Agency files hold one story or one message of a
// few items and feeds a few hundred items: a few MB at most; the parse tree of
// a document this size stays within a few hundred MB.
inline constexpr std::size_t kMaxFeedBytes = 32u << 20;

enum class FeedFormat {
  kUnknown,   // not one of the formats below (HTML, JSON, text, another XML vocabulary)
  kNitf,      // root <nitf>
  kNewsMlG2,  // root <newsItem>, <newsMessage>, <packageItem>, <conceptItem>, <planningItem>, <knowledgeItem>
  kNewsMl1,   // root <NewsML>
  kRss,       // root <rss> (RSS 0.9x and 2.0) or <rdf:RDF> with the RSS 1.0 namespace
  kAtom,      // root <feed> (or a lone <entry>) in the Atom namespace
};

// "nitf", "newsml-g2", "newsml-1", "rss", "atom", "unknown".
std::string_view describe(FeedFormat format);

// The format of a file from its first bytes (a few KB are plenty: anything up
// to the root element's start tag) and its name. The root element decides,
// with its namespace where names are shared (<feed> is Atom only in the Atom
// namespace, <RDF> is RSS only with the RSS 1.0 namespace); a byte-order mark,
// the XML declaration, comments, processing instructions and a DOCTYPE before
// it are skipped. The name decides only when `head` ends before the root
// element: ".nitf" -> kNitf, ".rss" and ".rdf" -> kRss, ".atom" -> kAtom. Bytes
// that are not XML (HTML pages included) are kUnknown, whatever the name.
FeedFormat sniff_feed_format(std::string_view head, std::string_view file_name = {});

// An article. Each *_from names where the field was found, in the format's own
// terms, so a wrong value can be traced to its element:
//   NITF       "hl1", "title" (head/title), "body.content", "date.issue", "pubdata", "date.release",
//              "byline", "distributor", "doc.copyright", "doc-id", "baselang", "xml:lang"
//   NewsML-G2  "headline", "nitf hl1", "nitf title", "xhtml title", "xhtml h1", "inlineXML", "inlineData",
//              "firstCreated", "contentCreated", "versionCreated", "sent", "by", "creator", "contributor",
//              "provider", "copyrightHolder", "sender", "guid", "language", "xml:lang", plus the NITF
//              names prefixed "nitf " when the inline NITF supplied the field
//   NewsML 1   "HeadLine", "DataContent", "FirstCreated", "ThisRevisionCreated", "DateLineDate",
//              "DateAndTime", "ByLine", "Creator", "Provider", "Source", "ProviderId",
//              "PublicIdentifier", "NewsItemId", "Language", "xml:lang"
//   RSS        "title", "content:encoded", "description", "pubDate", "dc:date", "link",
//              "feedburner:origLink", "guid", "rdf:about", "dc:creator", "author", "channel title",
//              "channel language", "dc:language"
//   Atom       "title", "content", "summary", "published", "updated", "link", "feedburner:origLink",
//              "id", "author", "feed author", "feed title", "xml:lang"
// A *_from is empty when its field is.
struct FeedArticle {
  std::string id{};     // the item's own identifier (guid, doc-id, Atom id, NewsML-G2 guid without the version)
  std::string title{};  // white space collapsed, markup removed
  std::string body{};   // paragraphs separated by a blank line, lines within one by "\n"
  std::string date{};   // the publication date as found ("20131020T192751+1100", "Seg, 24 Set 2018 ...")
  std::optional<std::int64_t> published_unix_s{};  // `date` parsed, UTC; nullopt when no candidate parses
  std::string author{};                            // several joined by ", "; a leading "By " is dropped
  std::string source{};                            // the outlet or agency ("The Associated Press", the feed's title)
  std::string url{};
  std::string lang{};  // primary language subtag, lower case ("de" for "de-DE")
  std::string id_from{}, title_from{}, body_from{}, date_from{}, author_from{}, source_from{}, url_from{}, lang_from{};
};

// One record of a document: an item, entry, story or message part.
struct FeedRecord {
  std::size_t number = 0;                // 1-based position among the document's records
  std::string where{};                   // "item 7", "entry 3", "newsItem 2", "NewsItem 1", "document"
  std::uint32_t line = 0;                // line of the record's start tag in the file (1-based; 0 if unknown)
  std::optional<FeedArticle> article{};  // set: the record is an article
  std::string skip_reason{};             // set when `article` is not: "packageItem refers to items; not an article",
      // "picture item; not an article", "no title or text", "conceptItem; not an article"
};

// "feed.xml:120: item 7: no title or text" (without ":120" when the line is unknown).
std::string record_message(std::string_view origin, const FeedRecord& record);

struct FeedDocument {
  FeedFormat format = FeedFormat::kUnknown;
  std::vector<FeedRecord> records{};  // in document order
  // Problems that did not stop the reading, each naming the file and line:
  // "feed.xml:12: malformed XML: Opening and ending tag mismatch: p line 11 and item (recovered)".
  // libxml2 recovers from most errors (an unclosed element is closed, an
  // undefined entity dropped); the records it builds are all kept. At most
  // kMaxFeedProblems + 1 lines in all: the messages, one line saying how many
  // more there were, and the line where reading stopped (always kept).
  std::vector<std::string> problems{};
  // False when the parser gave up before the end of the file (an invalid
  // character, nesting deeper than 256): `records` holds those before that
  // point, and `problems` ends with the line where reading stopped.
  bool complete = true;
  std::string charset{};       // what the bytes were decoded from ("UTF-8", "windows-1252")
  std::string charset_from{};  // "bom", "xml" (the declaration), "utf-8" (valid UTF-8, whatever was declared),
                               // "detected" (ICU's detector), as in html_charset.h
};

inline constexpr std::size_t kMaxFeedProblems = 20;

// Reads one XML document of any format above. `origin` (the file name, or
// "archive.tar:member.xml") prefixes every message.
// The bytes are decoded as html_charset.h's decode_html does (a byte-order mark
// decides; valid UTF-8 wins over a declared legacy charset; undeclared non-UTF-8
// bytes go to ICU's detector) and parsed by libxml2 without network access,
// without loading any DTD (a DOCTYPE pointing at one is never fetched) and
// with libxml2's limits on entity expansion; entities the document itself
// declares are expanded, within a budget of the document's size.
// Throws newsdex::Error, naming `origin`, when the document is larger than
// kMaxFeedBytes (stating its size and the limit), cannot be decoded, holds no
// root element at all, or has a root element of no format above.
FeedDocument read_feed(std::string_view bytes, std::string_view origin);

}  // namespace newsdex::readers
