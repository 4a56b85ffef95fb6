// RSS (0.9x and 2.0, and 1.0 in RDF) and Atom feeds: one article per item or
// entry. The text is the full content when the feed has it (content:encoded,
// atom:content), else the summary (description, atom:summary); HTML in it is
// turned into text by the HTML module.
#include <algorithm>
#include <string>
#include <vector>

#include "indexer/readers/feed_formats.h"
#include "indexer/readers/feed_text.h"
#include "indexer/readers/html_dom.h"
#include "indexer/readers/html_metadata.h"
#include "indexer/readers/html_text.h"

namespace newsdex::readers {
namespace {

bool starts_with_http(std::string_view s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

// A child element of an RSS item or channel in RSS's own vocabulary: no
// namespace (RSS 0.9x, 2.0) or RSS 1.0's or 0.9's. An <atom:link> is not an
// RSS <link>.
std::uint32_t rss_child(const XmlDoc& doc, std::uint32_t parent, std::string_view name) {
  for (std::uint32_t c : doc.children(parent, name)) {
    const std::string_view ns = doc.ns_uri(c);
    if (ns.empty() || ns == kRss1Ns || ns == kRss09Ns) return c;
  }
  return kNoXmlNode;
}

// The base URI in effect at element `id` for its relative links: every
// xml:base on the way down from the root, each resolved against the one
// above it, starting from `outer` (the feed's own page, for feeds that use
// relative links without xml:base; may be "").
std::string xml_base(const XmlDoc& doc, std::uint32_t id, std::string_view outer) {
  std::vector<std::string_view> bases;
  for (std::uint32_t n = id; n != kNoXmlNode; n = doc.node(n).parent) {
    const std::string_view base = doc.attr_ns(n, "base", kXmlNs);
    if (!base.empty()) bases.push_back(base);
  }
  std::string base(outer);
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) base = resolve_url(*it, base);
  return base;
}

// A one-line text that may hold HTML (titles, names): markup dropped,
// references decoded, white space collapsed.
std::string line_text(const XmlDoc& doc, std::uint32_t id) {
  if (id == kNoXmlNode) return {};
  const std::string raw = doc.raw_text(id);
  return (raw.find('<') != std::string::npos || raw.find('&') != std::string::npos) ? fragment_text(raw)
                                                                                    : collapse_space(raw);
}

// RSS 2.0's <author> is an e-mail address, often with the name in
// parentheses: "jo@example.com (Jo Lee)" -> "Jo Lee".
std::string rss_author(std::string_view author) {
  const std::size_t open = author.find('(');
  const std::size_t close = author.rfind(')');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    return collapse_space(author.substr(open + 1, close - open - 1));
  }
  return collapse_space(author);
}

// What an item needs from its channel.
struct Channel {
  std::string source;  // its title
  std::string lang;
  std::string lang_from;
  std::string link;  // its web page: what a relative item link is relative to
};

FeedRecord read_item(const XmlDoc& doc, std::uint32_t item, std::size_t number, const Channel& channel) {
  FeedRecord record = make_record(doc, item, number, "item " + std::to_string(number));
  FeedArticle a;
  pick_first(a.title, a.title_from, {{line_text(doc, rss_child(doc, item, "title")), "title"}});

  const std::uint32_t encoded = doc.child_ns(item, "encoded", kContentNs);
  const std::uint32_t description = rss_child(doc, item, "description");
  std::string body = html_text(doc.raw_text(encoded));
  if (!body.empty()) {
    a.body_from = "content:encoded";
  } else {
    body = html_text(doc.raw_text(description));
    if (!body.empty()) a.body_from = "description";
  }
  a.body = std::move(body);

  pick_date(a.date, a.date_from, a.published_unix_s,
            {{doc.text(rss_child(doc, item, "pubDate")), "pubDate"},
             {doc.text(doc.child_ns(item, "date", kDcNs)), "dc:date"}});

  const std::uint32_t guid = rss_child(doc, item, "guid");
  const std::string guid_text = doc.text(guid);
  const bool guid_is_link = doc.attr(guid, "isPermaLink") != "false" && starts_with_http(guid_text);
  const std::string about(doc.attr_ns(item, "about", kRdfNs));
  // RSS says links are absolute; feeds that give them relative mean them
  // relative to the channel's page (or an xml:base).
  const std::uint32_t link_element = rss_child(doc, item, "link");
  const std::string link = resolve_url(doc.text(link_element), xml_base(doc, link_element, channel.link));
  pick_first(a.url, a.url_from,
             {{doc.text(doc.child_ns(item, "origLink", kFeedburnerNs)), "feedburner:origLink"},
              {link, "link"},
              {guid_is_link ? guid_text : std::string(), "guid"},
              {starts_with_http(about) ? about : std::string(), "rdf:about"}});

  std::string creators;
  for (std::uint32_t c : doc.children(item, "creator")) {
    if (doc.ns_uri(c) != kDcNs) continue;
    const std::string name = line_text(doc, c);
    if (name.empty()) continue;
    if (!creators.empty()) creators += ", ";
    creators += name;
  }
  pick_first(a.author, a.author_from,
             {{creators, "dc:creator"}, {rss_author(line_text(doc, rss_child(doc, item, "author"))), "author"}});

  pick_first(a.id, a.id_from, {{guid_text, "guid"}, {about, "rdf:about"}, {link, "link"}});
  a.source = channel.source;
  if (!a.source.empty()) a.source_from = "channel title";
  pick_first(a.lang, a.lang_from,
             {{primary_language(doc.text(doc.child_ns(item, "language", kDcNs))), "dc:language"},
              {channel.lang, channel.lang_from}});
  settle(record, std::move(a), "no title or text");
  return record;
}

// ---- Atom

// The text of an Atom text construct (title, summary, content, by its type
// attribute: "text", "html", "xhtml" or a MIME type); "" when the content is
// elsewhere (src="...").
std::string atom_text(const XmlDoc& doc, std::uint32_t id, bool one_line) {
  if (id == kNoXmlNode || !doc.attr(id, "src").empty()) return {};
  const std::string_view type = doc.attr(id, "type");
  if (type == "xhtml" || (type.find("xml") != std::string_view::npos && !doc.children(id).empty())) {
    return one_line ? doc.text(id) : markup_text(doc, id);
  }
  const std::string raw = doc.raw_text(id);
  if (type == "html" || type.find("html") != std::string_view::npos) {
    return one_line ? fragment_text(raw) : html_text(raw);
  }
  return one_line ? collapse_space(raw) : plain_text(raw);
}

std::string atom_authors(const XmlDoc& doc, std::uint32_t parent, std::string_view ns) {
  std::string out;
  for (std::uint32_t author : doc.children(parent, "author")) {
    if (doc.ns_uri(author) != ns) continue;
    const std::string name = doc.text(doc.child_ns(author, "name", ns));
    if (name.empty()) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// The entry's (or feed's) web page: rel="alternate" (or no rel), HTML
// preferred; a relative href resolved against xml:base, else `outer`.
std::string atom_link(const XmlDoc& doc, std::uint32_t entry, std::string_view ns, std::string_view outer) {
  std::string first;
  for (std::uint32_t link : doc.children(entry, "link")) {
    if (doc.ns_uri(link) != ns) continue;
    const std::string_view rel = doc.attr(link, "rel");
    if (!rel.empty() && rel != "alternate") continue;
    std::string href = resolve_url(doc.attr(link, "href"), xml_base(doc, link, outer));
    if (href.empty()) continue;
    const std::string_view type = doc.attr(link, "type");
    if (type.empty() || type.find("html") != std::string_view::npos) return href;
    if (first.empty()) first = href;
  }
  return first;
}

FeedRecord read_entry(const XmlDoc& doc, std::uint32_t entry, std::size_t number, std::uint32_t feed) {
  const std::string_view ns = doc.ns_uri(entry);
  FeedRecord record = make_record(doc, entry, number, "entry " + std::to_string(number));
  FeedArticle a;
  pick_first(a.title, a.title_from, {{atom_text(doc, doc.child_ns(entry, "title", ns), true), "title"}});
  std::string body = atom_text(doc, doc.child_ns(entry, "content", ns), false);
  if (!body.empty()) {
    a.body_from = "content";
  } else {
    body = atom_text(doc, doc.child_ns(entry, "summary", ns), false);
    if (!body.empty()) a.body_from = "summary";
  }
  a.body = std::move(body);
  pick_date(a.date, a.date_from, a.published_unix_s,
            {{doc.text(doc.child_ns(entry, "published", ns)), "published"},
             {doc.text(doc.child_ns(entry, "issued", ns)), "published"},  // Atom 0.3
             {doc.text(doc.child_ns(entry, "updated", ns)), "updated"},
             {doc.text(doc.child_ns(entry, "modified", ns)), "updated"}});  // Atom 0.3
  // The feed's own page is what relative links without xml:base are
  // relative to, as in RSS.
  const std::string feed_page = feed == kNoXmlNode ? std::string() : atom_link(doc, feed, ns, "");
  pick_first(a.url, a.url_from,
             {{doc.text(doc.child_ns(entry, "origLink", kFeedburnerNs)), "feedburner:origLink"},
              {atom_link(doc, entry, ns, feed_page), "link"}});
  pick_first(a.author, a.author_from,
             {{atom_authors(doc, entry, ns), "author"}, {atom_authors(doc, feed, ns), "feed author"}});
  pick_first(a.id, a.id_from, {{doc.text(doc.child_ns(entry, "id", ns)), "id"}});
  pick_first(a.source, a.source_from, {{atom_text(doc, doc.child_ns(feed, "title", ns), true), "feed title"}});
  pick_first(a.lang, a.lang_from,
             {{primary_language(doc.attr_ns(doc.child_ns(entry, "content", ns), "lang", kXmlNs)), "xml:lang"},
              {primary_language(doc.attr_ns(entry, "lang", kXmlNs)), "xml:lang"},
              {primary_language(doc.attr_ns(feed, "lang", kXmlNs)), "xml:lang"}});
  settle(record, std::move(a), "no title or text");
  return record;
}

}  // namespace

std::vector<FeedRecord> read_rss(const XmlDoc& doc, std::uint32_t root) {
  const std::uint32_t channel = rss_child(doc, root, "channel");
  // RSS 0.9x and 2.0 put the items in the channel, RSS 1.0 beside it.
  std::vector<std::uint32_t> items;
  for (std::uint32_t parent : {channel, root}) {
    for (std::uint32_t c : doc.children(parent, "item")) {
      const std::string_view ns = doc.ns_uri(c);
      if (ns.empty() || ns == kRss1Ns || ns == kRss09Ns) items.push_back(c);
    }
  }
  // In document order (node numbers are: a parent before its children), so
  // that item numbers follow the lines when a feed has items in both places.
  std::sort(items.begin(), items.end());
  Channel about;
  about.source = line_text(doc, rss_child(doc, channel, "title"));
  pick_first(about.lang, about.lang_from,
             {{primary_language(doc.text(rss_child(doc, channel, "language"))), "channel language"},
              {primary_language(doc.text(doc.child_ns(channel, "language", kDcNs))), "dc:language"}});
  const std::uint32_t channel_link = rss_child(doc, channel, "link");
  about.link = resolve_url(doc.text(channel_link), xml_base(doc, channel_link, ""));
  if (!starts_with_http(about.link)) about.link.clear();
  std::vector<FeedRecord> records;
  records.reserve(items.size());
  for (std::uint32_t item : items) records.push_back(read_item(doc, item, records.size() + 1, about));
  return records;
}

std::vector<FeedRecord> read_atom(const XmlDoc& doc, std::uint32_t root) {
  std::vector<FeedRecord> records;
  if (doc.node(root).name == "entry") {  // a lone entry document
    records.push_back(read_entry(doc, root, 1, kNoXmlNode));
    return records;
  }
  for (std::uint32_t entry : doc.children(root, "entry")) {
    if (doc.ns_uri(entry) != doc.ns_uri(root)) continue;
    records.push_back(read_entry(doc, entry, records.size() + 1, root));
  }
  return records;
}

}  // namespace newsdex::readers
