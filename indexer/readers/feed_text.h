// Text and field helpers shared by the feed readers: the text of story markup
// (NITF, XHTML), of HTML carried as text (RSS descriptions, CDATA bodies) and
// of plain agency copy, all laid out as article bodies are (paragraphs
// separated by a blank line); dates; bylines; first-found field choice.
// Thread safety: no state.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "indexer/readers/feed_xml.h"

namespace newsdex::readers {

// The text of story markup below `root` (a <body.content>, an XHTML <body>, a
// NewsML 1 <DataContent>): block elements (p, block, hl2, h1-h6, div, section,
// lists, tables, blockquote, pre) become paragraphs, <br>, list items and table
// rows lines, cells spaces; NITF's inline elements (person, org, location,
// chron, money...) and unknown elements flow inside the line. Left out: media
// with their captions, XHTML's head, header, footer, nav and aside, scripts,
// styles, figures, editors' notes, and a heading equal to `title`.
std::string markup_text(const XmlDoc& doc, std::uint32_t root, std::string_view title = {});

// The text of HTML held as a string, laid out as above by the HTML module
// (html_dom.h's parser, html_body.h's render_text).
std::string html_text(std::string_view html);

// Plain agency copy: lines within a paragraph are kept as "\n", blank lines
// separate paragraphs, runs of white space within a line collapse.
std::string plain_text(std::string_view text);

// True when a string holds HTML markup rather than plain text: a start or end
// tag of a common HTML element (<p>, </p>, <br>, <div, <a href...).
bool looks_like_html(std::string_view text);

// The text of an element that may carry its content either as child elements
// (inline markup) or as text that is itself HTML (escaped, or in CDATA) or
// plain: markup_text, html_text or plain_text, whichever fits.
std::string element_text(const XmlDoc& doc, std::uint32_t id, std::string_view title = {});

// A date as news formats write it, to UTC seconds: what dates::parse_date
// reads, plus ISO 8601's basic form ("20131020T192751+1100", "20141126T152703",
// "20240710"), and RFC 822 dates with Portuguese, Spanish, French, German,
// Italian or Dutch day and month names ("Seg, 24 Set 2018 19:42:40 -0300").
// nullopt for anything else, placeholders such as "YYYYMMDD000000-HHMM"
// included.
std::optional<std::int64_t> parse_feed_date(std::string_view text);

// A byline as an author: white space collapsed, a leading "By", "Von", "Par",
// "Por", "Door" or "Di" dropped ("By BERNARD CONDON" -> "BERNARD CONDON").
std::string clean_byline(std::string_view byline);

// A candidate value for a field, with the name of its source.
struct Candidate {
  std::string value;
  std::string_view from;
};

// Sets `value`/`from` to the first candidate with a non-blank value (white
// space collapsed); leaves them as they are when there is none.
void pick_first(std::string& value, std::string& from, std::initializer_list<Candidate> candidates);

// Sets the article's date to the first candidate that parse_feed_date reads;
// when none does, to the first non-blank one, as found, undated.
void pick_date(std::string& date, std::string& from, std::optional<std::int64_t>& unix_s,
               std::initializer_list<Candidate> candidates);

}  // namespace newsdex::readers
