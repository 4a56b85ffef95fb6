#include "indexer/readers/feed_xml.h"

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "common/error.h"
#include "common/terminal_text.h"
#include "indexer/readers/html_text.h"

namespace newsdex::readers {
namespace {

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

void init_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// Entities nest this deep at most when expanded here; real documents nest one
// or two levels (an entity for a name that uses &#233;).
constexpr int kMaxEntityNesting = 8;

// Characters of a libxml2 error message kept in a problem line.
constexpr std::size_t kMaxMessageChars = 200;

// What the libxml2 error callback fills, reached through the context's _private.
struct ErrorSink {
  std::vector<XmlProblem>* problems = nullptr;
  std::size_t max_problems = 0;
  std::size_t more = 0;  // problems beyond max_problems
  int last_line = 0;
};

// libxml2's message, as one line of valid UTF-8 that a terminal shows as it
// is: some messages quote the document ("CData section not finished" and
// the section's bytes, cut anywhere, even inside a character).
std::string trimmed_message(const char* message) {
  std::string m = message == nullptr ? std::string("unknown error") : std::string(message);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return excerpt_for_message(m, kMaxMessageChars);
}

void on_structured_error(void* user_data, xmlErrorPtr error) {
  if (error == nullptr || error->level < XML_ERR_ERROR) return;  // warnings: nothing is lost
  auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
  if (ctxt == nullptr || ctxt->_private == nullptr) return;
  auto* sink = static_cast<ErrorSink*>(ctxt->_private);
  sink->last_line = error->line;
  if (sink->problems->size() < sink->max_problems) {
    sink->problems->push_back(XmlProblem{static_cast<std::uint32_t>(std::max(error->line, 0)),
                                         "malformed XML: " + trimmed_message(error->message)});
  } else {
    ++sink->more;
  }
}

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Feeds written by HTML tools use HTML's named entities (&nbsp;, &eacute;)
// without declaring them, and libxml2 drops an undeclared entity with its
// text. When the document declares no entities of its own, such references
// are replaced by their characters before parsing, as an HTML reader would
// read them; XML's five predefined entities are left to the parser. Returns
// an empty string when nothing needs replacing.
std::string replace_html_entities(std::string_view xml) {
  if (xml.find('&') == std::string_view::npos || xml.find("<!ENTITY") != std::string_view::npos) return {};
  std::string out;
  std::size_t copied = 0;
  std::size_t pos = 0;
  while ((pos = xml.find('&', pos)) != std::string_view::npos) {
    std::size_t end = pos + 1;
    if (end < xml.size() && is_name_start(xml[end])) {
      while (end < xml.size() && is_name_char(xml[end]) && end - pos < 40) ++end;
      if (end < xml.size() && xml[end] == ';') {
        const std::string name(xml.substr(pos + 1, end - pos - 1));
        const bool predefined = name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
        const htmlEntityDesc* entity = predefined ? nullptr : htmlEntityLookup(BAD_CAST name.c_str());
        if (entity != nullptr) {
          if (out.empty()) out.reserve(xml.size());
          out.append(xml.substr(copied, pos - copied));
          append_utf8(out, entity->value);
          copied = end + 1;
          pos = end + 1;
          continue;
        }
      }
    }
    pos = end;
  }
  if (copied == 0) return {};
  out.append(xml.substr(copied));
  return out;
}

class TreeBuilder {
 public:
  TreeBuilder(std::vector<XmlNode>& nodes, std::vector<XmlAttribute>& attributes, std::vector<std::string>& namespaces,
              std::size_t entity_budget)
      : nodes_(nodes), attributes_(attributes), namespaces_(namespaces), entity_budget_(entity_budget) {}

  void build(xmlNode* root);
  bool budget_exceeded() const { return budget_exceeded_; }

 private:
  std::uint16_t intern(const xmlNs* ns);
  void append_entity_text(const xmlNode* ref, std::string& out, int nesting);
  void append_text_of(const xmlNode* first, std::string& out, int nesting);
  void append_text_node(std::uint32_t parent, std::string text, std::vector<std::uint32_t>& last_child);

  std::vector<XmlNode>& nodes_;
  std::vector<XmlAttribute>& attributes_;
  std::vector<std::string>& namespaces_;
  std::size_t entity_budget_;
  bool budget_exceeded_ = false;
};

std::uint16_t TreeBuilder::intern(const xmlNs* ns) {
  if (ns == nullptr || ns->href == nullptr) return 0;
  const std::string_view href(reinterpret_cast<const char*>(ns->href));
  for (std::size_t i = 0; i < namespaces_.size(); ++i) {
    if (namespaces_[i] == href) return static_cast<std::uint16_t>(i);
  }
  // A document with more namespaces than this is no feed; the rest share the
  // last slot, which no reader asks for.
  if (namespaces_.size() >= 0xFFFF) return 0xFFFF;
  namespaces_.emplace_back(href);
  return static_cast<std::uint16_t>(namespaces_.size() - 1);
}

// The replacement text of an entity the document declares: the text of the
// nodes libxml2 parsed it into, or its literal value when it holds no markup.
void TreeBuilder::append_entity_text(const xmlNode* ref, std::string& out, int nesting) {
  if (nesting > kMaxEntityNesting || budget_exceeded_) return;
  const xmlNode* target = ref->children;
  if (target == nullptr || target->type != XML_ENTITY_DECL) return;
  const auto* entity = reinterpret_cast<const xmlEntity*>(target);
  if (entity->etype != XML_INTERNAL_GENERAL_ENTITY) return;  // external ones are never loaded
  const std::size_t before = out.size();
  if (entity->children != nullptr) {
    append_text_of(entity->children, out, nesting + 1);
  } else if (entity->content != nullptr) {
    const std::string_view content(reinterpret_cast<const char*>(entity->content));
    if (content.find_first_of("&<") == std::string_view::npos) out.append(content);
  }
  const std::size_t added = out.size() - before;
  if (added > entity_budget_) {
    out.resize(before + entity_budget_);
    entity_budget_ = 0;
    budget_exceeded_ = true;
  } else {
    entity_budget_ -= added;
  }
}

// The text of a list of sibling nodes and their descendants.
void TreeBuilder::append_text_of(const xmlNode* first, std::string& out, int nesting) {
  for (const xmlNode* c = first; c != nullptr && !budget_exceeded_; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content != nullptr) out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ENTITY_REF_NODE) {
      append_entity_text(c, out, nesting);
    } else if (c->type == XML_ELEMENT_NODE) {
      if (nesting > kMaxEntityNesting) continue;
      append_text_of(c->children, out, nesting + 1);
    }
  }
}

void TreeBuilder::append_text_node(std::uint32_t parent, std::string text, std::vector<std::uint32_t>& last_child) {
  if (text.empty() || parent == kNoXmlNode) return;
  // Text following text (around an expanded entity) joins it.
  const std::uint32_t last = last_child[parent];
  if (last != kNoXmlNode && nodes_[last].is_text) {
    nodes_[last].text += text;
    return;
  }
  XmlNode node;
  node.is_text = true;
  node.parent = parent;
  node.text = std::move(text);
  const auto id = static_cast<std::uint32_t>(nodes_.size());
  nodes_.push_back(std::move(node));
  last_child.push_back(kNoXmlNode);
  if (last == kNoXmlNode) {
    nodes_[parent].first_child = id;
  } else {
    nodes_[last].next_sibling = id;
  }
  last_child[parent] = id;
}

void TreeBuilder::build(xmlNode* root) {
  struct Pending {
    xmlNode* node;
    std::uint32_t parent;
  };
  std::vector<Pending> stack{{root, kNoXmlNode}};
  std::vector<std::uint32_t> last_child;
  while (!stack.empty()) {
    const Pending item = stack.back();
    stack.pop_back();
    xmlNode* x = item.node;
    if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
      if (x->content != nullptr) append_text_node(item.parent, reinterpret_cast<const char*>(x->content), last_child);
      continue;
    }
    if (x->type == XML_ENTITY_REF_NODE) {
      std::string text;
      append_entity_text(x, text, 0);
      append_text_node(item.parent, std::move(text), last_child);
      continue;
    }
    if (x->type != XML_ELEMENT_NODE) continue;  // comments, processing instructions
    XmlNode node;
    node.name = reinterpret_cast<const char*>(x->name);
    node.ns = intern(x->ns);
    node.parent = item.parent;
    const long line = xmlGetLineNo(x);
    node.line = line > 0 ? static_cast<std::uint32_t>(line) : 0;
    node.attr_begin = static_cast<std::uint32_t>(attributes_.size());
    for (xmlAttr* a = x->properties; a != nullptr; a = a->next) {
      XmlAttribute attribute;
      attribute.name = reinterpret_cast<const char*>(a->name);
      attribute.ns = intern(a->ns);
      append_text_of(a->children, attribute.value, 0);
      attributes_.push_back(std::move(attribute));
    }
    node.attr_end = static_cast<std::uint32_t>(attributes_.size());
    const auto id = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back(std::move(node));
    last_child.push_back(kNoXmlNode);
    if (item.parent != kNoXmlNode) {
      const std::uint32_t last = last_child[item.parent];
      if (last == kNoXmlNode) {
        nodes_[item.parent].first_child = id;
      } else {
        nodes_[last].next_sibling = id;
      }
      last_child[item.parent] = id;
    }
    // Children in reverse, so they come off the stack in document order.
    const std::size_t first = stack.size();
    for (xmlNode* c = x->children; c != nullptr; c = c->next) stack.push_back({c, id});
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end());
  }
}

}  // namespace

XmlDoc XmlDoc::parse(std::string_view utf8, std::size_t entity_budget, std::size_t max_problems) {
  init_libxml2();
  XmlDoc doc;
  // libxml2 reads its input through an int; callers bound the size far below.
  if (utf8.size() > 0x7FFFFFFF) throw Error("XML document too large for the parser");
  const std::string replaced = replace_html_entities(utf8);
  if (!replaced.empty()) utf8 = replaced;

  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) throw Error("cannot create the XML parser (out of memory)");
  ErrorSink sink{.problems = &doc.problems_, .max_problems = max_problems};
  ctxt->_private = &sink;
  ctxt->sax->serror = on_structured_error;
  // No XML_PARSE_NOENT (the parser would substitute entities itself, without
  // the budget kept here), no XML_PARSE_DTDLOAD or DTDATTR (a DOCTYPE's DTD is
  // never read, let alone fetched), NONET on top, and no XML_PARSE_HUGE, so
  // libxml2's own limits on depth, text size and entity amplification hold.
  const int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
                      XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES;
  std::unique_ptr<xmlDoc, DocFree> x(xmlCtxtReadMemory(ctxt.get(), utf8.empty() ? "" : utf8.data(),
                                                       static_cast<int>(utf8.size()), nullptr, "UTF-8", options));
  // In recovery mode libxml2 keeps going after an error; disableSAX is set
  // only when it halted (a fatal error it cannot recover from).
  doc.complete_ = ctxt->disableSAX == 0;
  // Notes on the whole document, always listed after the parser's messages.
  std::vector<XmlProblem> notes;
  if (x) {
    xmlNode* root = xmlDocGetRootElement(x.get());
    if (root != nullptr) {
      TreeBuilder builder(doc.nodes_, doc.attributes_, doc.namespaces_, entity_budget);
      builder.build(root);
      if (builder.budget_exceeded()) {
        notes.push_back(XmlProblem{0, "entities expand to more than " + std::to_string(entity_budget) +
                                          " bytes; the rest of their text is left out"});
      }
    }
  }
  if (!doc.complete_) {
    notes.push_back(XmlProblem{static_cast<std::uint32_t>(std::max(sink.last_line, 0)),
                               "the XML parser stopped here; the rest of the document is not read"});
  }
  // The parser's messages, the count of those left out and the notes stay
  // within max_problems + 1 lines: the notes and the count take the place of
  // the last messages when there is no room.
  const std::size_t lines = max_problems + 1 > notes.size() ? max_problems + 1 - notes.size() : 0;
  if (doc.problems_.size() + (sink.more > 0 ? 1 : 0) > lines) {
    const std::size_t keep = lines > 0 ? lines - 1 : 0;  // one line for the count
    if (doc.problems_.size() > keep) {
      sink.more += doc.problems_.size() - keep;
      doc.problems_.resize(keep);
    }
  }
  if (sink.more > 0) {
    doc.problems_.push_back(
        XmlProblem{0, "and " + std::to_string(sink.more) + (sink.more == 1 ? " more problem" : " more problems")});
  }
  doc.problems_.insert(doc.problems_.end(), notes.begin(), notes.end());
  return doc;
}

std::uint32_t XmlDoc::child(std::uint32_t id, std::string_view name) const {
  if (id == kNoXmlNode) return kNoXmlNode;
  for (std::uint32_t c = nodes_[id].first_child; c != kNoXmlNode; c = nodes_[c].next_sibling) {
    if (is(c, name)) return c;
  }
  return kNoXmlNode;
}

std::uint32_t XmlDoc::child_ns(std::uint32_t id, std::string_view name, std::string_view ns) const {
  if (id == kNoXmlNode) return kNoXmlNode;
  for (std::uint32_t c = nodes_[id].first_child; c != kNoXmlNode; c = nodes_[c].next_sibling) {
    if (is(c, name, ns)) return c;
  }
  return kNoXmlNode;
}

std::uint32_t XmlDoc::path(std::uint32_t id, std::string_view slash_separated) const {
  while (id != kNoXmlNode && !slash_separated.empty()) {
    const std::size_t slash = slash_separated.find('/');
    id = child(id, slash_separated.substr(0, slash));
    slash_separated = slash == std::string_view::npos ? std::string_view() : slash_separated.substr(slash + 1);
  }
  return id;
}

std::vector<std::uint32_t> XmlDoc::children(std::uint32_t id, std::string_view name) const {
  std::vector<std::uint32_t> out;
  if (id == kNoXmlNode) return out;
  for (std::uint32_t c = nodes_[id].first_child; c != kNoXmlNode; c = nodes_[c].next_sibling) {
    if (!nodes_[c].is_text && (name.empty() || nodes_[c].name == name)) out.push_back(c);
  }
  return out;
}

std::uint32_t XmlDoc::descendant(std::uint32_t id, std::string_view name, std::string_view stop_at) const {
  if (id == kNoXmlNode) return kNoXmlNode;
  std::vector<std::uint32_t> stack;
  for (std::uint32_t c = nodes_[id].first_child; c != kNoXmlNode; c = nodes_[c].next_sibling) stack.push_back(c);
  std::reverse(stack.begin(), stack.end());
  while (!stack.empty()) {
    const std::uint32_t c = stack.back();
    stack.pop_back();
    if (nodes_[c].is_text) continue;
    if (nodes_[c].name == name) return c;
    if (!stop_at.empty() && nodes_[c].name == stop_at) continue;
    const std::size_t first = stack.size();
    for (std::uint32_t g = nodes_[c].first_child; g != kNoXmlNode; g = nodes_[g].next_sibling) stack.push_back(g);
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end());
  }
  return kNoXmlNode;
}

std::string_view XmlDoc::attr(std::uint32_t id, std::string_view name) const {
  if (id == kNoXmlNode) return {};
  for (std::uint32_t i = nodes_[id].attr_begin; i < nodes_[id].attr_end; ++i) {
    if (attributes_[i].name == name) return attributes_[i].value;
  }
  return {};
}

std::string_view XmlDoc::attr_ns(std::uint32_t id, std::string_view name, std::string_view ns) const {
  if (id == kNoXmlNode) return {};
  for (std::uint32_t i = nodes_[id].attr_begin; i < nodes_[id].attr_end; ++i) {
    if (attributes_[i].name == name && namespaces_[attributes_[i].ns] == ns) return attributes_[i].value;
  }
  return {};
}

std::string XmlDoc::raw_text(std::uint32_t id) const {
  std::string out;
  if (id == kNoXmlNode) return out;
  if (nodes_[id].is_text) return nodes_[id].text;
  std::vector<std::uint32_t> stack;
  for (std::uint32_t c = nodes_[id].first_child; c != kNoXmlNode; c = nodes_[c].next_sibling) stack.push_back(c);
  std::reverse(stack.begin(), stack.end());
  while (!stack.empty()) {
    const std::uint32_t c = stack.back();
    stack.pop_back();
    if (nodes_[c].is_text) {
      out += nodes_[c].text;
      continue;
    }
    const std::size_t first = stack.size();
    for (std::uint32_t g = nodes_[c].first_child; g != kNoXmlNode; g = nodes_[g].next_sibling) stack.push_back(g);
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end());
  }
  return out;
}

std::string XmlDoc::text(std::uint32_t id) const { return collapse_space(raw_text(id)); }

}  // namespace newsdex::readers
