// NewsML 1.x (IPTC, the predecessor of NewsML-G2): NewsML/NewsItem, each with
// a tree of NewsComponents whose ContentItems carry the text in DataContent
// (NITF, bare paragraphs, or HTML in CDATA); headline in NewsLines.
#include <string>

#include "indexer/readers/ascii.h"
#include "indexer/readers/feed_formats.h"
#include "indexer/readers/feed_text.h"
#include "indexer/readers/html_metadata.h"

namespace newsdex::readers {
namespace {

// Every element named `name` below `id`, in document order.
std::vector<std::uint32_t> all_below(const XmlDoc& doc, std::uint32_t id, std::string_view name) {
  std::vector<std::uint32_t> out;
  std::vector<std::uint32_t> stack{id};
  while (!stack.empty()) {
    const std::uint32_t n = stack.back();
    stack.pop_back();
    if (n != id && doc.is(n, name)) out.push_back(n);
    const std::vector<std::uint32_t> kids = doc.children(n);
    stack.insert(stack.end(), kids.rbegin(), kids.rend());
  }
  return out;
}

struct Text {
  std::string body;
  FeedArticle nitf;        // fields of an inline NITF document, when there is one
  std::string other_type;  // the media type of the first non-text ContentItem ("Photo")
};

// The text of the first text ContentItem that has any.
Text text_of(const XmlDoc& doc, std::uint32_t item, std::string_view title) {
  Text out;
  for (std::uint32_t content : all_below(doc, item, "ContentItem")) {
    const std::string_view media = doc.attr(doc.child(content, "MediaType"), "FormalName");
    if (!media.empty() && ascii_lower(media) != "text") {
      if (out.other_type.empty()) out.other_type = std::string(media);
      continue;
    }
    const std::uint32_t data = doc.child(content, "DataContent");
    if (data == kNoXmlNode) continue;
    const std::uint32_t nitf = doc.child(data, "nitf");
    if (nitf != kNoXmlNode) {
      out.nitf = nitf_fields(doc, nitf);
      out.body = out.nitf.body;
    } else {
      out.body = element_text(doc, data, title);
    }
    if (!out.body.empty()) return out;
  }
  return out;
}

std::string nitf_from(std::string_view from) { return from.empty() ? std::string() : "nitf " + std::string(from); }

// The PublicIdentifier without its trailing revision, so that a later
// revision of the item keeps the id ("urn:newsml:afp.com:20140829:X:1" -> "...:X").
std::string item_id(const XmlDoc& doc, std::uint32_t identifier) {
  std::string id = doc.text(doc.child(identifier, "PublicIdentifier"));
  const std::string revision = doc.text(doc.child(identifier, "RevisionId"));
  if (!revision.empty() && id.size() > revision.size() + 1 &&
      id.compare(id.size() - revision.size(), revision.size(), revision) == 0 &&
      id[id.size() - revision.size() - 1] == ':') {
    id.resize(id.size() - revision.size() - 1);
  }
  return id;
}

FeedRecord read_item(const XmlDoc& doc, std::uint32_t item, std::size_t number, std::uint32_t envelope) {
  FeedRecord record = make_record(doc, item, number, "NewsItem " + std::to_string(number));
  const std::uint32_t identifier = doc.path(item, "Identification/NewsIdentifier");
  const std::uint32_t management = doc.child(item, "NewsManagement");
  const std::uint32_t component = doc.child(item, "NewsComponent");

  FeedArticle a;
  const std::string headline = doc.text(doc.descendant(component, "HeadLine"));
  Text text = text_of(doc, component, headline);
  if (text.body.empty() && !text.other_type.empty()) {
    record.skip_reason = text.other_type + " item without text; not an article";
    return record;
  }
  const FeedArticle& nitf = text.nitf;
  const std::string nitf_title_from = nitf_from(nitf.title_from);
  pick_first(a.title, a.title_from, {{headline, "HeadLine"}, {nitf.title, nitf_title_from}});
  a.body = std::move(text.body);
  if (!a.body.empty()) a.body_from = "DataContent";

  const std::string nitf_date_from = nitf_from(nitf.date_from);
  pick_date(a.date, a.date_from, a.published_unix_s,
            {{doc.text(doc.child(management, "FirstCreated")), "FirstCreated"},
             {doc.text(doc.child(management, "ThisRevisionCreated")), "ThisRevisionCreated"},
             {doc.text(doc.descendant(component, "DateLineDate")), "DateLineDate"},
             {nitf.date, nitf_date_from},
             {doc.text(doc.child(envelope, "DateAndTime")), "DateAndTime"}});

  const std::uint32_t admin = doc.descendant(component, "AdministrativeMetadata");
  const std::string nitf_author_from = nitf_from(nitf.author_from);
  pick_first(a.author, a.author_from,
             {{clean_byline(doc.text(doc.descendant(component, "ByLine"))), "ByLine"},
              {std::string(doc.attr(doc.path(admin, "Creator/Party"), "FormalName")), "Creator"},
              {nitf.author, nitf_author_from}});

  pick_first(a.source, a.source_from,
             {{std::string(doc.attr(doc.path(admin, "Provider/Party"), "FormalName")), "Provider"},
              {std::string(doc.attr(doc.path(admin, "Source/Party"), "FormalName")), "Source"},
              {doc.text(doc.child(identifier, "ProviderId")), "ProviderId"}});

  pick_first(
      a.id, a.id_from,
      {{item_id(doc, identifier), "PublicIdentifier"}, {doc.text(doc.child(identifier, "NewsItemId")), "NewsItemId"}});

  const std::string nitf_lang_from = nitf_from(nitf.lang_from);
  pick_first(a.lang, a.lang_from,
             {{primary_language(doc.attr(doc.descendant(component, "Language"), "FormalName")), "Language"},
              {primary_language(doc.attr_ns(item, "lang", kXmlNs)), "xml:lang"},
              {nitf.lang, nitf_lang_from}});

  settle(record, std::move(a), "no headline or text");
  return record;
}

}  // namespace

std::vector<FeedRecord> read_newsml_1(const XmlDoc& doc, std::uint32_t root) {
  const std::uint32_t envelope = doc.child(root, "NewsEnvelope");
  std::vector<FeedRecord> records;
  for (std::uint32_t item : doc.children(root, "NewsItem")) {
    records.push_back(read_item(doc, item, records.size() + 1, envelope));
  }
  return records;
}

}  // namespace newsdex::readers
