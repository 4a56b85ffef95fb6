// The readers of each format behind read_feed (feed_reader.h): each turns the
// parsed tree of one document into records. Internal to indexer/readers/.
// Thread safety: no state.
#pragma once

#include <cstdint>
#include <vector>

#include "indexer/readers/feed_reader.h"
#include "indexer/readers/feed_xml.h"

namespace newsdex::readers {

// The article fields of a <nitf> element (a document's root, or inline in
// NewsML-G2 or NewsML 1). Fields it does not have stay empty.
FeedArticle nitf_fields(const XmlDoc& doc, std::uint32_t nitf);

// NITF: one record, "document".
std::vector<FeedRecord> read_nitf(const XmlDoc& doc, std::uint32_t root);
// NewsML-G2: one record per item (a newsMessage's items, or the root item).
std::vector<FeedRecord> read_newsml_g2(const XmlDoc& doc, std::uint32_t root);
// NewsML 1: one record per NewsItem.
std::vector<FeedRecord> read_newsml_1(const XmlDoc& doc, std::uint32_t root);
// RSS 0.9x, 1.0 (RDF) and 2.0: one record per item.
std::vector<FeedRecord> read_rss(const XmlDoc& doc, std::uint32_t root);
// Atom: one record per entry.
std::vector<FeedRecord> read_atom(const XmlDoc& doc, std::uint32_t root);

// A record for `element`, numbered `number`, named `where`.
FeedRecord make_record(const XmlDoc& doc, std::uint32_t element, std::size_t number, std::string where);
// Keeps `article` in `record` when it has a title or a body, else skips the
// record with `empty_reason`.
void settle(FeedRecord& record, FeedArticle article, std::string_view empty_reason);

}  // namespace newsdex::readers
