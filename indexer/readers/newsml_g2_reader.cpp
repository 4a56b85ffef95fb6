// NewsML-G2 (IPTC): a newsMessage carries items in its itemSet, or a document
// is one item. Text newsItems are articles: headline and dates in
// contentMeta/itemMeta, text in contentSet (inline NITF or XHTML, or
// inlineData). Packages, concepts, planning and knowledge items, and news
// items of other classes (pictures, video, audio, graphics) are not.
#include <string>

#include "indexer/readers/feed_formats.h"
#include "indexer/readers/feed_text.h"
#include "indexer/readers/html_metadata.h"

namespace newsdex::readers {
namespace {

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// The part of a QCode after the scheme: "ninat:picture" -> "picture".
std::string_view code_of(std::string_view qcode) {
  const std::size_t colon = qcode.find(':');
  return colon == std::string_view::npos ? qcode : qcode.substr(colon + 1);
}

// The name of a party (creator, provider, copyrightHolder): its <name>, else
// its literal, else the code of its qcode when `use_qcode`.
std::string party_name(const XmlDoc& doc, std::uint32_t party, bool use_qcode) {
  if (party == kNoXmlNode) return {};
  std::string name = doc.text(doc.child(party, "name"));
  if (name.empty()) name = std::string(doc.attr(party, "literal"));
  if (name.empty() && use_qcode) name = std::string(code_of(doc.attr(party, "qcode")));
  return name;
}

std::string joined_parties(const XmlDoc& doc, std::uint32_t meta, std::string_view role) {
  std::string out;
  for (std::uint32_t party : doc.children(meta, role)) {
    const std::string name = clean_byline(party_name(doc, party, false));
    if (name.empty() || contains(out, name)) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// What an inline NITF or XHTML document supplies besides the text.
struct Inline {
  FeedArticle nitf;   // the fields of an inline NITF document
  std::string title;  // an XHTML head/title or h1
  std::string title_from;
  std::string body;
  std::string body_from;
};

// The story text of the item's contentSet. The first inlineXML with text
// wins (it is the rendition the agency means to be published); else the
// longest text inlineData, leaving out renditions marked non-public (dpa's
// editorial notepad comes as one).
Inline content_of(const XmlDoc& doc, std::uint32_t item, std::string_view headline) {
  Inline out;
  const std::uint32_t content_set = doc.child(item, "contentSet");
  for (std::uint32_t x : doc.children(content_set, "inlineXML")) {
    const std::vector<std::uint32_t> elements = doc.children(x);
    const std::uint32_t top = elements.empty() ? kNoXmlNode : elements.front();
    std::string body;
    if (doc.is(top, "nitf")) {
      out.nitf = nitf_fields(doc, top);
      body = out.nitf.body;
    } else if (doc.is(top, "html")) {
      const std::uint32_t head = doc.child(top, "head");
      const std::uint32_t h1 = doc.descendant(doc.child(top, "body"), "h1");
      pick_first(out.title, out.title_from,
                 {{doc.text(doc.child(head, "title")), "xhtml title"}, {doc.text(h1), "xhtml h1"}});
      body = markup_text(doc, doc.child(top, "body"), headline.empty() ? out.title : headline);
    } else if (top != kNoXmlNode) {
      body = markup_text(doc, x, headline);
    }
    if (!body.empty()) {
      out.body = std::move(body);
      out.body_from = "inlineXML";
      return out;
    }
  }
  for (std::uint32_t d : doc.children(content_set, "inlineData")) {
    const std::string type(doc.attr(d, "contenttype"));
    const std::string_view rendition = doc.attr(d, "rendition");
    if (contains(rendition, "nonpublic") || contains(rendition, "notepad")) continue;
    if (!type.empty() && type.rfind("text/", 0) != 0 && !contains(type, "html") && !contains(type, "xml")) continue;
    const std::string raw = doc.raw_text(d);
    std::string body = (contains(type, "html") || looks_like_html(raw)) ? html_text(raw) : plain_text(raw);
    if (body.size() > out.body.size()) {
      out.body = std::move(body);
      out.body_from = "inlineData";
    }
  }
  return out;
}

// "nitf " + the inline NITF's source name, kept alive for a Candidate.
std::string nitf_from(std::string_view from) { return from.empty() ? std::string() : "nitf " + std::string(from); }

FeedRecord read_news_item(const XmlDoc& doc, std::uint32_t item, std::size_t number, std::uint32_t header) {
  FeedRecord record = make_record(doc, item, number, "newsItem " + std::to_string(number));
  const std::uint32_t item_meta = doc.child(item, "itemMeta");
  const std::uint32_t content_meta = doc.child(item, "contentMeta");
  const std::string_view item_class = doc.attr(doc.child(item_meta, "itemClass"), "qcode");
  if (!item_class.empty() && code_of(item_class) != "text") {
    record.skip_reason =
        std::string(code_of(item_class)) + " item (itemClass " + std::string(item_class) + "); not an article";
    return record;
  }

  FeedArticle a;
  // The main headline: the first without a role, else the first.
  std::uint32_t headline = kNoXmlNode;
  for (std::uint32_t h : doc.children(content_meta, "headline")) {
    if (headline == kNoXmlNode) headline = h;
    if (doc.attr(h, "role").empty()) {
      headline = h;
      break;
    }
  }
  const std::string headline_text = doc.text(headline);
  Inline inline_content = content_of(doc, item, headline_text);
  const FeedArticle& nitf = inline_content.nitf;
  const std::string nitf_title_from = nitf_from(nitf.title_from);
  pick_first(
      a.title, a.title_from,
      {{headline_text, "headline"}, {nitf.title, nitf_title_from}, {inline_content.title, inline_content.title_from}});
  a.body = std::move(inline_content.body);
  a.body_from = std::move(inline_content.body_from);

  const std::string nitf_date_from = nitf_from(nitf.date_from);
  pick_date(a.date, a.date_from, a.published_unix_s,
            {{doc.text(doc.child(item_meta, "firstCreated")), "firstCreated"},
             {doc.text(doc.child(content_meta, "contentCreated")), "contentCreated"},
             {doc.text(doc.child(item_meta, "versionCreated")), "versionCreated"},
             {nitf.date, nitf_date_from},
             {doc.text(doc.child(header, "sent")), "sent"},
             {doc.text(doc.child(header, "Sent")), "sent"}});

  const std::string nitf_author_from = nitf_from(nitf.author_from);
  pick_first(a.author, a.author_from,
             {{clean_byline(doc.text(doc.child(content_meta, "by"))), "by"},
              {joined_parties(doc, content_meta, "creator"), "creator"},
              {joined_parties(doc, content_meta, "contributor"), "contributor"},
              {nitf.author, nitf_author_from}});

  const std::string nitf_source_from = nitf_from(nitf.source_from);
  pick_first(a.source, a.source_from,
             {{party_name(doc, doc.child(item_meta, "provider"), false), "provider"},
              {party_name(doc, doc.path(item, "rightsInfo/copyrightHolder"), false), "copyrightHolder"},
              {doc.text(doc.child(header, "sender")), "sender"},
              {nitf.source, nitf_source_from},
              {party_name(doc, doc.child(item_meta, "provider"), true), "provider"}});

  pick_first(a.id, a.id_from, {{std::string(doc.attr(item, "guid")), "guid"}});

  const std::string nitf_lang_from = nitf_from(nitf.lang_from);
  pick_first(a.lang, a.lang_from,
             {{primary_language(doc.attr(doc.child(content_meta, "language"), "tag")), "language"},
              {primary_language(doc.attr_ns(item, "lang", kXmlNs)), "xml:lang"},
              {nitf.lang, nitf_lang_from}});

  settle(record, std::move(a), "text item without headline or text");
  return record;
}

}  // namespace

std::vector<FeedRecord> read_newsml_g2(const XmlDoc& doc, std::uint32_t root) {
  std::vector<std::uint32_t> items;
  std::uint32_t header = kNoXmlNode;
  if (doc.is(root, "newsMessage")) {
    header = doc.child(root, "header");
    if (header == kNoXmlNode) header = doc.child(root, "Header");
    items = doc.children(doc.child(root, "itemSet"));
  } else {
    items = {root};
  }
  std::vector<FeedRecord> records;
  for (std::uint32_t item : items) {
    const std::size_t number = records.size() + 1;
    const std::string& kind = doc.node(item).name;
    if (kind == "newsItem") {
      records.push_back(read_news_item(doc, item, number, header));
      continue;
    }
    FeedRecord record = make_record(doc, item, number, kind + " " + std::to_string(number));
    if (kind == "packageItem") {
      record.skip_reason = "packageItem refers to items; not an article";
    } else if (kind == "conceptItem") {
      record.skip_reason = "conceptItem describes a concept; not an article";
    } else if (kind == "planningItem") {
      record.skip_reason = "planningItem plans coverage; not an article";
    } else if (kind == "knowledgeItem") {
      record.skip_reason = "knowledgeItem holds concepts; not an article";
    } else if (kind == "catalogItem") {
      record.skip_reason = "catalogItem lists codes; not an article";
    } else {
      record.skip_reason = "<" + kind + "> is no NewsML-G2 item; not an article";
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace newsdex::readers
