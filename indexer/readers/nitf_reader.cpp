// NITF (News Industry Text Format, IPTC): one story per document, headline in
// body/body.head/hedline/hl1, text in body/body.content, metadata in
// head/docdata and head/pubdata.
#include <string>

#include "indexer/readers/feed_formats.h"
#include "indexer/readers/feed_text.h"
#include "indexer/readers/html_metadata.h"

namespace newsdex::readers {
namespace {

// A byline without its title (<byttl>AP Business Writer</byttl>). Child
// elements are words of their own: "By<person>Staff Reporter</person>".
std::string byline_text(const XmlDoc& doc, std::uint32_t byline) {
  std::string raw;
  for (std::uint32_t c = doc.node(byline).first_child; c != kNoXmlNode; c = doc.node(c).next_sibling) {
    if (doc.node(c).is_text) {
      raw += doc.node(c).text;
    } else if (!doc.is(c, "byttl")) {
      raw += ' ' + doc.raw_text(c) + ' ';
    }
  }
  return clean_byline(raw);
}

}  // namespace

FeedArticle nitf_fields(const XmlDoc& doc, std::uint32_t nitf) {
  FeedArticle a;
  const std::uint32_t head = doc.child(nitf, "head");
  const std::uint32_t body = doc.child(nitf, "body");
  const std::uint32_t body_head = doc.child(body, "body.head");
  const std::uint32_t docdata = doc.child(head, "docdata");
  const std::uint32_t pubdata = doc.child(head, "pubdata");

  pick_first(a.title, a.title_from,
             {{doc.text(doc.path(body_head, "hedline/hl1")), "hl1"}, {doc.text(doc.child(head, "title")), "title"}});

  // Only the body's own body.content blocks: a <note> in body.head may hold
  // one too (an editors' note), which is no story text.
  for (std::uint32_t content : doc.children(body, "body.content")) {
    const std::string text = markup_text(doc, content, a.title);
    if (text.empty()) continue;
    if (!a.body.empty()) a.body += "\n\n";
    a.body += text;
  }
  if (!a.body.empty()) a.body_from = "body.content";

  const std::uint32_t story_date = doc.path(body_head, "dateline/story.date");
  pick_date(a.date, a.date_from, a.published_unix_s,
            {{std::string(doc.attr(doc.child(docdata, "date.issue"), "norm")), "date.issue"},
             {std::string(doc.attr(pubdata, "date.publication")), "pubdata"},
             {std::string(doc.attr(doc.child(docdata, "date.release"), "norm")), "date.release"},
             {std::string(doc.attr(story_date, "norm")), "story.date"},
             {doc.text(story_date), "story.date"}});

  std::string authors;
  for (std::uint32_t byline : doc.children(body_head, "byline")) {
    const std::string name = byline_text(doc, byline);
    if (name.empty()) continue;
    if (!authors.empty()) authors += ", ";
    authors += name;
  }
  pick_first(a.author, a.author_from, {{authors, "byline"}});

  pick_first(a.source, a.source_from,
             {{doc.text(doc.child(body_head, "distributor")), "distributor"},
              {std::string(doc.attr(pubdata, "name")), "pubdata"},
              {std::string(doc.attr(doc.child(docdata, "doc.copyright"), "holder")), "doc.copyright"}});

  pick_first(a.id, a.id_from, {{std::string(doc.attr(doc.child(docdata, "doc-id"), "id-string")), "doc-id"}});

  pick_first(a.lang, a.lang_from,
             {{primary_language(doc.attr_ns(nitf, "lang", kXmlNs)), "xml:lang"},
              {primary_language(doc.attr(nitf, "baselang")), "baselang"},
              {primary_language(doc.attr_ns(body, "lang", kXmlNs)), "xml:lang"}});
  return a;
}

std::vector<FeedRecord> read_nitf(const XmlDoc& doc, std::uint32_t root) {
  FeedRecord record = make_record(doc, root, 1, "document");
  settle(record, nitf_fields(doc, root), "no headline or text");
  return {std::move(record)};
}

}  // namespace newsdex::readers
