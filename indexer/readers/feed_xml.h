// A compact, read-only tree of an XML document for the feed readers, built
// from libxml2's XML parser (inside the .cpp, which alone sees libxml2 types):
// elements by local name and namespace, attributes, text in UTF-8 with
// character references decoded and CDATA merged into text, and the line of
// every element. Parse problems are collected, not thrown. Thread safety: an
// XmlDoc is immutable once built.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::readers {

inline constexpr std::uint32_t kNoXmlNode = 0xFFFFFFFFu;

struct XmlNode {
  bool is_text = false;
  std::uint16_t ns = 0;  // index into XmlDoc::namespaces(); 0 = no namespace
  std::uint32_t parent = kNoXmlNode;
  std::uint32_t first_child = kNoXmlNode;
  std::uint32_t next_sibling = kNoXmlNode;
  std::uint32_t attr_begin = 0;  // attributes are XmlDoc::attributes()[attr_begin, attr_end)
  std::uint32_t attr_end = 0;
  std::uint32_t line = 0;  // elements: line of the start tag (1-based)
  std::string name;        // elements: local name as written ("newsItem", "encoded" for content:encoded)
  std::string text;        // text nodes: the text
};

struct XmlProblem {
  std::uint32_t line = 0;  // 1-based; 0 if unknown
  std::string message;     // "malformed XML: Opening and ending tag mismatch: p line 3 and item"
};

struct XmlAttribute {
  std::uint16_t ns = 0;
  std::string name;  // local name ("lang" for xml:lang)
  std::string value;
};

// Namespaces the readers ask for.
inline constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view kRss1Ns = "http://purl.org/rss/1.0/";
inline constexpr std::string_view kRss09Ns = "http://my.netscape.com/rdf/simple/0.9/";
inline constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view kFeedburnerNs = "http://rssnamespace.org/feedburner/ext/1.0";

class XmlDoc {
 public:
  // Parses UTF-8 XML (the encoding declaration is ignored: the caller has
  // decoded the bytes). libxml2 runs in recovery mode without network access,
  // DTD loading or entity substitution by the parser, within its default
  // limits (depth 256, entity amplification); references to entities the
  // document declares are expanded here, up to `entity_budget` bytes of
  // replacement text in all (past it they are dropped and one problem says
  // so). In a document that declares no entities, HTML's named entities
  // (&nbsp;, &eacute;) are read as their characters. At most `max_problems` + 1
  // problems are listed: the parser's messages, one line counting those left
  // out, then the notes that are always kept (entities over the budget, where
  // the parser stopped), which take the place of the last messages when the
  // list is full. When libxml2 halts, the tree holds what came before and
  // complete() is false. Throws
  // newsdex::Error only when libxml2 cannot be set up (out of memory).
  static XmlDoc parse(std::string_view utf8, std::size_t entity_budget, std::size_t max_problems);

  std::uint32_t root() const { return nodes_.empty() ? kNoXmlNode : 0; }
  const XmlNode& node(std::uint32_t id) const { return nodes_[id]; }
  std::size_t size() const { return nodes_.size(); }
  const std::vector<std::string>& namespaces() const { return namespaces_; }
  std::string_view ns_uri(std::uint32_t id) const { return namespaces_[nodes_[id].ns]; }

  // Problems met while parsing, in the order met.
  const std::vector<XmlProblem>& problems() const { return problems_; }
  // False when libxml2 stopped before the end of the input.
  bool complete() const { return complete_; }

  // True when `id` is an element named `name` (local name, exact case).
  bool is(std::uint32_t id, std::string_view name) const {
    return id != kNoXmlNode && !nodes_[id].is_text && nodes_[id].name == name;
  }
  // True when `id` is an element named `name` in namespace `ns` ("" = none).
  bool is(std::uint32_t id, std::string_view name, std::string_view ns) const {
    return is(id, name) && ns_uri(id) == ns;
  }

  // The first child element named `name` (any namespace); kNoXmlNode if none.
  std::uint32_t child(std::uint32_t id, std::string_view name) const;
  // The first child element named `name` in namespace `ns`.
  std::uint32_t child_ns(std::uint32_t id, std::string_view name, std::string_view ns) const;
  // The first child element at the end of a path of names ("head/docdata/doc-id").
  std::uint32_t path(std::uint32_t id, std::string_view slash_separated) const;
  // The child elements named `name` ("" = all child elements).
  std::vector<std::uint32_t> children(std::uint32_t id, std::string_view name = {}) const;
  // The first descendant element named `name` in document order, not below
  // an element named `stop_at` (when given); kNoXmlNode if none.
  std::uint32_t descendant(std::uint32_t id, std::string_view name, std::string_view stop_at = {}) const;

  // An attribute's value by local name ("" if absent); `ns` restricts the namespace when given.
  std::string_view attr(std::uint32_t id, std::string_view name) const;
  std::string_view attr_ns(std::uint32_t id, std::string_view name, std::string_view ns) const;

  // All text below `id`, concatenated as written (no white space handling).
  std::string raw_text(std::uint32_t id) const;
  // All text below `id` with white space collapsed and trimmed; element
  // boundaries do not add spaces ("<b>A</b>gency" -> "Agency").
  std::string text(std::uint32_t id) const;

 private:
  std::vector<XmlNode> nodes_;  // document order: a parent before its children
  std::vector<XmlAttribute> attributes_;
  std::vector<std::string> namespaces_{std::string()};
  std::vector<XmlProblem> problems_;
  bool complete_ = true;
};

}  // namespace newsdex::readers
