// Finding the article text in a page's tree and removing the boilerplate around
// and inside it (navigation, sidebars, share bars, related lists, comments,
// banners, captions). General heuristics: class/id hints, text and link
// density, Readability-style scoring of containers, and the JSON-LD
// articleBody as evidence when the page has one. Thread safety: no state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "indexer/readers/html_dom.h"

namespace newsdex::readers {

struct BodyEvidence {
  std::string_view json_ld_body{};  // the page's JSON-LD articleBody (plain text), may be empty
  std::string_view title{};         // the article's title: a heading repeating it is not body text
};

struct ExtractedBody {
  std::string text;                   // paragraphs separated by "\n\n", lines by "\n"
  std::string from;                   // "json-ld" or "scoring" ("" when nothing was found)
  std::uint32_t container = kNoNode;  // the element the text came from
  // What the verdict (html_extractor.cpp) looks at.
  std::size_t words = 0;            // words in text: \w+ tokens, or a sixth of its bytes if more
                                    // (scripts without spaces: two CJK characters make about a word)
  std::size_t paragraphs = 0;       // paragraphs in text
  std::size_t long_paragraphs = 0;  // paragraphs of 40 words or more
  std::size_t linked_headings = 0;  // headings made of a link outside page furniture (teaser titles)
  std::size_t images = 0;           // <img> inside the container
};

// Extracts the main text of a page.
ExtractedBody extract_body(const Dom& dom, const BodyEvidence& evidence);

// A body that is `text` as it is ("\n\n" between paragraphs), from `from`,
// with its words and paragraphs counted as extract_body counts them; no
// container, no images.
ExtractedBody body_of_text(std::string text, std::string from);

// The text of the subtree at `root` laid out as extract_body lays out an
// article's text (paragraphs separated by "\n\n", lines by "\n", table cells
// by spaces), with nothing removed but what is never text (scripts, styles,
// embedded media, form controls, <head>): for HTML already known to be the
// article, such as the content of a feed item. "" for kNoNode.
std::string render_text(const Dom& dom, std::uint32_t root);

}  // namespace newsdex::readers
