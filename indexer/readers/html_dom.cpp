#include "indexer/readers/html_dom.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "common/error.h"
#include "indexer/readers/html_text.h"

namespace newsdex::readers {
namespace {

const std::unordered_map<std::string_view, Tag>& tag_table() {
  static const std::unordered_map<std::string_view, Tag> table = {
      {"html", Tag::kHtml},
      {"head", Tag::kHead},
      {"body", Tag::kBody},
      {"title", Tag::kTitle},
      {"meta", Tag::kMeta},
      {"link", Tag::kLink},
      {"base", Tag::kBase},
      {"script", Tag::kScript},
      {"style", Tag::kStyle},
      {"noscript", Tag::kNoscript},
      {"template", Tag::kTemplate},
      {"svg", Tag::kSvg},
      {"math", Tag::kMath},
      {"canvas", Tag::kCanvas},
      {"iframe", Tag::kIframe},
      {"object", Tag::kObject},
      {"embed", Tag::kEmbed},
      {"video", Tag::kVideo},
      {"audio", Tag::kAudio},
      {"picture", Tag::kPicture},
      {"source", Tag::kSource},
      {"img", Tag::kImg},
      {"map", Tag::kMap},
      {"form", Tag::kForm},
      {"button", Tag::kButton},
      {"input", Tag::kInput},
      {"select", Tag::kSelect},
      {"option", Tag::kOption},
      {"textarea", Tag::kTextarea},
      {"label", Tag::kLabel},
      {"fieldset", Tag::kFieldset},
      {"legend", Tag::kLegend},
      {"dialog", Tag::kDialog},
      {"p", Tag::kP},
      {"div", Tag::kDiv},
      {"span", Tag::kSpan},
      {"a", Tag::kA},
      {"br", Tag::kBr},
      {"hr", Tag::kHr},
      {"wbr", Tag::kWbr},
      {"h1", Tag::kH1},
      {"h2", Tag::kH2},
      {"h3", Tag::kH3},
      {"h4", Tag::kH4},
      {"h5", Tag::kH5},
      {"h6", Tag::kH6},
      {"ul", Tag::kUl},
      {"ol", Tag::kOl},
      {"li", Tag::kLi},
      {"dl", Tag::kDl},
      {"dt", Tag::kDt},
      {"dd", Tag::kDd},
      {"menu", Tag::kMenu},
      {"blockquote", Tag::kBlockquote},
      {"pre", Tag::kPre},
      {"code", Tag::kCode},
      {"q", Tag::kQ},
      {"cite", Tag::kCite},
      {"table", Tag::kTable},
      {"caption", Tag::kCaption},
      {"thead", Tag::kThead},
      {"tbody", Tag::kTbody},
      {"tfoot", Tag::kTfoot},
      {"tr", Tag::kTr},
      {"td", Tag::kTd},
      {"th", Tag::kTh},
      {"article", Tag::kArticle},
      {"section", Tag::kSection},
      {"main", Tag::kMain},
      {"nav", Tag::kNav},
      {"aside", Tag::kAside},
      {"header", Tag::kHeader},
      {"footer", Tag::kFooter},
      {"address", Tag::kAddress},
      {"time", Tag::kTime},
      {"figure", Tag::kFigure},
      {"figcaption", Tag::kFigcaption},
      {"details", Tag::kDetails},
      {"summary", Tag::kSummary},
      {"center", Tag::kCenter},
      {"font", Tag::kFont},
      {"b", Tag::kB},
      {"strong", Tag::kStrong},
      {"i", Tag::kI},
      {"em", Tag::kEm},
      {"u", Tag::kU},
      {"small", Tag::kSmall},
      {"sub", Tag::kSub},
      {"sup", Tag::kSup},
      {"mark", Tag::kMark},
      {"abbr", Tag::kAbbr},
  };
  return table;
}

Tag tag_of(const char* name) {
  const auto& table = tag_table();
  const auto it = table.find(std::string_view(name));
  return it == table.end() ? Tag::kOther : it->second;
}

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct CtxtFree {
  void operator()(htmlParserCtxt* ctxt) const { htmlFreeParserCtxt(ctxt); }
};

void init_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// Text of script elements is kept only where extraction reads it (JSON-LD);
// that of other scripts and styles is dropped while building.
bool keeps_text(const Dom& dom, std::uint32_t element) {
  const Tag tag = dom.node(element).tag;
  if (tag == Tag::kStyle) return false;
  if (tag != Tag::kScript) return true;
  const std::string_view type = dom.attr(element, "type");
  return type.find("ld+json") != std::string_view::npos;
}

}  // namespace

std::string_view Dom::attr(std::uint32_t id, std::string_view name) const {
  for (std::uint32_t i = nodes_[id].attr_begin; i < nodes_[id].attr_end; ++i) {
    if (attributes_[i].name == name) return attributes_[i].value;
  }
  return {};
}

bool Dom::has_attr(std::uint32_t id, std::string_view name) const {
  for (std::uint32_t i = nodes_[id].attr_begin; i < nodes_[id].attr_end; ++i) {
    if (attributes_[i].name == name) return true;
  }
  return false;
}

std::uint32_t Dom::find_first(Tag tag) const {
  for (std::uint32_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].tag == tag) return i;
  }
  return kNoNode;
}

Dom Dom::parse(std::string_view utf8) {
  init_libxml2();
  // libxml2 reads its input through an int; callers bound the size far below.
  if (utf8.size() > 0x7FFFFFFF) throw Error("HTML page: too large for the parser");
  // libxml2's HTML parser stops at a NUL byte; HTML5 drops them from text too.
  std::string without_nul;
  if (std::memchr(utf8.data(), 0, utf8.size()) != nullptr) {
    without_nul.reserve(utf8.size());
    for (char c : utf8) {
      if (c != '\0') without_nul.push_back(c);
    }
    utf8 = without_nul;
  }
  std::unique_ptr<htmlParserCtxt, CtxtFree> ctxt(htmlNewParserCtxt());
  if (!ctxt) throw Error("HTML page: cannot create the HTML parser (out of memory)");
  // HUGE lifts libxml2's nesting limit of 256, past which it stops parsing and
  // drops the rest of the page; the tree's depth is bounded below instead.
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                      HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
  std::unique_ptr<xmlDoc, DocFree> doc(htmlCtxtReadMemory(ctxt.get(), utf8.empty() ? "" : utf8.data(),
                                                          static_cast<int>(utf8.size()), nullptr, "UTF-8", options));
  Dom dom;
  if (!doc) {
    if (utf8.find_first_not_of(" \t\r\n\f") == std::string_view::npos) return dom;  // an empty page
    throw Error("HTML page: the HTML parser failed (out of memory?)");
  }
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return dom;

  struct Pending {
    xmlNode* node;
    std::uint32_t parent;
  };
  std::vector<Pending> stack{{root, kNoNode}};
  std::vector<std::uint32_t> last_child;
  while (!stack.empty()) {
    const Pending item = stack.back();
    stack.pop_back();
    xmlNode* x = item.node;
    std::uint32_t parent = item.parent;
    Node node;
    if (x->type == XML_ELEMENT_NODE) {
      node.tag = tag_of(reinterpret_cast<const char*>(x->name));
      if (node.tag == Tag::kOther) node.text = reinterpret_cast<const char*>(x->name);
    } else if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
      if (parent == kNoNode || !keeps_text(dom, parent) || x->content == nullptr) continue;
      node.tag = Tag::kText;
      node.text = reinterpret_cast<const char*>(x->content);
      if (node.text.empty()) continue;
    } else {
      continue;  // comments, processing instructions, entity declarations
    }
    // Flatten nesting past kMaxDepth onto the ancestor at that depth.
    while (parent != kNoNode && dom.nodes_[parent].depth >= kMaxDepth) parent = dom.nodes_[parent].parent;
    node.parent = parent;
    node.depth = parent == kNoNode ? 0 : static_cast<std::uint16_t>(dom.nodes_[parent].depth + 1);
    const auto id = static_cast<std::uint32_t>(dom.nodes_.size());
    if (node.tag != Tag::kText) {
      node.attr_begin = static_cast<std::uint32_t>(dom.attributes_.size());
      for (xmlAttr* a = x->properties; a != nullptr; a = a->next) {
        Attribute attribute;
        attribute.name = reinterpret_cast<const char*>(a->name);
        std::transform(attribute.name.begin(), attribute.name.end(), attribute.name.begin(),
                       [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
        for (xmlNode* v = a->children; v != nullptr; v = v->next) {
          if (v->content != nullptr) attribute.value += reinterpret_cast<const char*>(v->content);
        }
        dom.attributes_.push_back(std::move(attribute));
      }
      node.attr_end = static_cast<std::uint32_t>(dom.attributes_.size());
    }
    dom.nodes_.push_back(std::move(node));
    last_child.push_back(kNoNode);
    if (parent != kNoNode) {
      if (last_child[parent] == kNoNode) {
        dom.nodes_[parent].first_child = id;
      } else {
        dom.nodes_[last_child[parent]].next_sibling = id;
      }
      last_child[parent] = id;
    }
    if (x->type == XML_ELEMENT_NODE) {
      // Children in reverse, so they come off the stack in document order.
      std::size_t first = stack.size();
      for (xmlNode* c = x->children; c != nullptr; c = c->next) stack.push_back({c, id});
      std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end());
    }
  }
  for (std::uint32_t i = 0; i < dom.nodes_.size(); ++i) dom.nodes_[i].subtree_end = i + 1;
  for (std::uint32_t i = static_cast<std::uint32_t>(dom.nodes_.size()); i-- > 0;) {
    const std::uint32_t p = dom.nodes_[i].parent;
    if (p != kNoNode) dom.nodes_[p].subtree_end = std::max(dom.nodes_[p].subtree_end, dom.nodes_[i].subtree_end);
  }
  return dom;
}

std::string text_content(const Dom& dom, std::uint32_t id) {
  std::string out;
  if (id == kNoNode) return out;
  bool pending = false;
  std::vector<std::uint32_t> open_blocks;  // ends of the block elements entered
  const std::uint32_t end = dom.node(id).subtree_end;
  for (std::uint32_t i = id; i < end; ++i) {
    while (!open_blocks.empty() && open_blocks.back() <= i) {
      open_blocks.pop_back();
      pending = true;  // a block ended: the next word is a new one
    }
    const Node& n = dom.node(i);
    if (n.tag == Tag::kText) {
      const Tag parent = dom.node(n.parent).tag;
      if (parent != Tag::kScript && parent != Tag::kStyle) append_collapsed(out, n.text, pending);
    } else if (!is_inline(n.tag)) {
      pending = true;  // element boundaries separate words (<br>, <p>, <td>)
      open_blocks.push_back(n.subtree_end);
    }
  }
  return out;
}

std::string fragment_text(std::string_view html) {
  if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
    return collapse_space(html);
  }
  const Dom dom = Dom::parse(html);
  return text_content(dom, dom.root());
}

}  // namespace newsdex::readers
