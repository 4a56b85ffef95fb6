// NITF (News Industry Text Format, IPTC): one story per document, headline in
// body/body.head/hedline/hl1, text in body/body.content, metadata in
// head/docdata and head/pubdata.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <unicode/unistr.h>

#include "indexer/readers/feed_formats.h"
#include "indexer/readers/feed_text.h"
#include "indexer/readers/html_metadata.h"
#include "indexer/readers/html_text.h"

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

bool has_lowercase(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// "Doe, Jane" -> "Jane Doe": a name written surname first, as archives write
// their normalised bylines (the New York Times Annotated Corpus gives every
// story a print_byline and a normalized_byline). Anything else is returned
// as it is.
std::string given_name_first(std::string_view name) {
  const std::size_t comma = name.find(',');
  if (comma == std::string_view::npos || name.find(',', comma + 1) != std::string_view::npos) return std::string(name);
  const std::string surname = collapse_space(name.substr(0, comma));
  const std::string given = collapse_space(name.substr(comma + 1));
  auto words = [](std::string_view s) { return 1 + std::count(s.begin(), s.end(), ' '); };
  auto plain = [](std::string_view s) {
    return std::none_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '/'; });
  };
  if (surname.empty() || given.empty() || words(surname) > 3 || words(given) > 3 || !plain(name)) {
    return std::string(name);
  }
  return given + " " + surname;
}

// The persons a byline names, each given name first: "JANE DOE and JOHN
// ROE", "Doe, Jane; Roe, John" and "Doe, Jane, and Roe, John" name the same two.
std::vector<std::string> byline_persons(std::string_view byline) {
  std::vector<std::string> persons;
  std::string rest;  // the byline with a line break for each joiner
  rest.reserve(byline.size());
  for (std::size_t i = 0; i < byline.size();) {
    std::size_t skip = 0;
    for (std::string_view joiner : {" and ", " AND ", " & ", ";"}) {
      if (byline.substr(i).starts_with(joiner)) skip = joiner.size();
    }
    if (skip == 0) {
      rest += byline[i++];
    } else {
      rest += '\n';
      i += skip;
    }
  }
  std::size_t start = 0;
  while (start <= rest.size()) {
    std::size_t end = std::min(rest.find('\n', start), rest.size());
    std::string part = collapse_space(std::string_view(rest).substr(start, end - start));
    while (!part.empty() && (part.back() == ',' || part.back() == ' ')) part.pop_back();
    if (!part.empty()) persons.push_back(given_name_first(part));
    start = end + 1;
  }
  return persons;
}

// A byline's persons as a comparable key: case-folded and sorted.
std::vector<std::string> persons_key(std::vector<std::string> persons) {
  for (std::string& p : persons) {
    std::string folded;
    icu::UnicodeString::fromUTF8(p).foldCase().toUTF8String(folded);
    p = std::move(folded);
  }
  std::sort(persons.begin(), persons.end());
  return persons;
}

// The bylines of a story, each once: a byline naming the same persons as one
// before it (a normalised copy, "Doe, Jane" after "By JANE DOE") is left
// out, but its spelling replaces an all-capitals one.
std::string story_authors(const XmlDoc& doc, std::uint32_t body_head) {
  struct Byline {
    std::string text;
    bool capitals = false;  // its names are written in capitals only
  };
  auto in_capitals = [](const std::vector<std::string>& persons) {
    return std::none_of(persons.begin(), persons.end(), has_lowercase);
  };
  std::vector<Byline> bylines;
  std::map<std::vector<std::string>, std::size_t> by_key;  // index in bylines
  for (std::uint32_t byline : doc.children(body_head, "byline")) {
    std::string name = byline_text(doc, byline);
    if (name.empty()) continue;
    std::vector<std::string> persons = byline_persons(name);
    std::vector<std::string> key = persons_key(persons);
    auto found = by_key.find(key);
    if (found == by_key.end()) {
      by_key.emplace(std::move(key), bylines.size());
      bylines.push_back({std::move(name), in_capitals(persons)});
      continue;
    }
    Byline* same = &bylines[found->second];
    if (same->capitals && !in_capitals(persons)) {
      std::string joined;
      for (const std::string& p : persons) joined += (joined.empty() ? "" : ", ") + p;
      same->text = std::move(joined);
      same->capitals = false;
    }
  }
  std::string authors;
  for (const Byline& b : bylines) authors += (authors.empty() ? "" : ", ") + b.text;
  return authors;
}

// The text of one body.content. Some archives repeat a block at the start of
// a later one (the New York Times Annotated Corpus: a "lead_paragraph" block,
// then the "full_text" block, which begins with the same paragraphs); such a
// block is left out, so that the story is not read twice.
std::string content_text(const XmlDoc& doc, std::uint32_t content, std::string_view title) {
  std::vector<std::uint32_t> blocks;
  for (std::uint32_t c = doc.node(content).first_child; c != kNoXmlNode; c = doc.node(c).next_sibling) {
    const XmlNode& n = doc.node(c);
    if (n.is_text ? !collapse_space(n.text).empty() : !doc.is(c, "block")) return markup_text(doc, content, title);
    if (!n.is_text) blocks.push_back(c);
  }
  if (blocks.size() < 2) return markup_text(doc, content, title);
  std::vector<std::string> texts;
  texts.reserve(blocks.size());
  for (std::uint32_t b : blocks) texts.push_back(markup_text(doc, b, title));
  // Compared with the next two blocks only (an archive's repeats are
  // adjacent: online lead, lead, full text), which keeps the work linear in
  // the document's size.
  auto repeated_later = [&](std::size_t i) {
    for (std::size_t j = i + 1; j < texts.size() && j <= i + 2; ++j) {
      if (texts[j].starts_with(texts[i]) && (texts[j].size() == texts[i].size() || texts[j][texts[i].size()] == '\n')) {
        return true;
      }
    }
    return false;
  };
  std::string out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].empty() || repeated_later(i)) continue;
    if (!out.empty()) out += "\n\n";
    out += texts[i];
  }
  return out;
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
    const std::string text = content_text(doc, content, a.title);
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

  pick_first(a.author, a.author_from, {{story_authors(doc, body_head), "byline"}});

  // pubdata's ex-ref: "external reference to the publication", which
  // archives fill with the story's web address.
  const std::string_view ex_ref = doc.attr(pubdata, "ex-ref");
  if (ex_ref.starts_with("http://") || ex_ref.starts_with("https://")) {
    pick_first(a.url, a.url_from, {{std::string(ex_ref), "pubdata"}});
  }

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
