#include "indexer/readers/html_dom.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "common/analysis/analyzer.h"
#include "common/error.h"
#include "indexer/readers/ascii.h"
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

Tag tag_of(std::string_view name) {
  const auto& table = tag_table();
  const auto it = table.find(name);
  return it == table.end() ? Tag::kOther : it->second;
}

struct CtxtFree {
  void operator()(htmlParserCtxt* ctxt) const { htmlFreeParserCtxt(ctxt); }
};

void init_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// The name libxml2's tree builder gives an element the HTML parser reports
// ("o:p" -> "p", "fb:like" -> "like"): the part after the first ':', as
// xmlSplitQName cuts a qualified name, unless the name starts or ends with it.
std::string_view local_name(std::string_view name) {
  const std::size_t colon = name.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == name.size()) return name;
  return name.substr(colon + 1);
}

// ---- Script and style text, cut before parsing ------------------------------
//
// libxml2's HTML parser reads the text of scripts and styles one character at
// a time, and on news pages that text is about half of the bytes. The tree
// drops it anyway (every style, every script but JSON-LD), so it is cut out
// before the parser sees it: a quick scan finds <script> and <style> start
// tags and, after each, the end tag libxml2 closes it with in recovery mode
// (the first "</" followed by the element's name, in any case). The scan is
// only a guess at libxml2's tokens (a tag inside a comment or an attribute
// value, markup the parser repairs): DomBuilder checks each cut against the
// parser's own events, and Dom::parse parses the whole page again unless the
// parser reported a script or style start tag ending at exactly the '>' each
// cut follows. Text is kept where the parser would not start by reading it as
// script text: a cut is never made when the text starts with '<' (the parser
// looks for an end tag or a start tag that closes the script first), holds
// bytes that are not UTF-8 (libxml2 then switches the rest of the page to
// ISO-8859-1), or when the start tag mentions JSON-LD; nor in a page that
// starts with a byte-order mark (decode_html's pages never do).

struct RawTextCuts {
  std::string text;                // the page without the cut text
  std::vector<std::size_t> marks;  // offsets in `text` of the '>' each cut follows, ascending
  std::size_t cut_bytes = 0;
};

bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The characters libxml2 reads into an HTML element name (htmlParseHTMLName).
bool name_char(char c) {
  return ascii_letter(c) || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' || c == '.';
}

bool icontains(std::string_view text, std::string_view word) {
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
    if (ascii_iequals(text.substr(i, word.size()), word)) return true;
  }
  return false;
}

// The offset of the '>' that ends a tag whose attributes start at `from`, or
// npos; a quoted attribute value may hold '>'.
std::size_t tag_end(std::string_view page, std::size_t from) {
  char after_equals = 0;  // the last character that was not white space
  for (std::size_t i = from; i < page.size(); ++i) {
    const char c = page[i];
    if (c == '>') return i;
    if ((c == '"' || c == '\'') && after_equals == '=') {
      i = page.find(c, i + 1);
      if (i == std::string_view::npos) return i;
    }
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') after_equals = c;
  }
  return std::string_view::npos;
}

// The offset of the "</NAME" (any case) that ends a script or style's text
// starting at `from`, or the end of the page.
std::size_t raw_text_end(std::string_view page, std::size_t from, std::string_view name) {
  for (std::size_t at = page.find("</", from); at != std::string_view::npos; at = page.find("</", at + 1)) {
    if (ascii_iequals(page.substr(at + 2, name.size()), name)) return at;
  }
  return page.size();
}

RawTextCuts cut_raw_text(std::string_view page) {
  RawTextCuts cuts;
  // libxml2 leaves a byte-order mark out of the offsets the cuts are checked by.
  if (page.starts_with("\xEF\xBB\xBF")) return cuts;
  std::size_t copied = 0;  // page[0, copied) is in cuts.text or cut
  std::size_t pos = 0;
  while (pos < page.size()) {
    const std::size_t lt = page.find('<', pos);
    if (lt == std::string_view::npos || lt + 1 >= page.size()) break;
    if (page.compare(lt, 4, "<!--") == 0) {
      const std::size_t end = page.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    if (!ascii_letter(page[lt + 1])) {
      pos = lt + 1;
      continue;
    }
    std::size_t name_end = lt + 1;
    while (name_end < page.size() && name_char(page[name_end])) ++name_end;
    const std::string_view name = page.substr(lt + 1, name_end - lt - 1);
    const std::size_t gt = tag_end(page, name_end);
    if (gt == std::string_view::npos) break;
    pos = gt + 1;
    const bool script = ascii_iequals(name, "script");
    if ((!script && !ascii_iequals(name, "style")) || page[gt - 1] == '/') continue;
    const std::size_t end = raw_text_end(page, pos, script ? "script" : "style");
    const std::string_view text = page.substr(pos, end - pos);
    if (!text.empty() && text.front() != '<' && !icontains(page.substr(lt, gt - lt), "ld+json") &&
        analysis::is_valid_utf8(text)) {
      cuts.text.append(page.substr(copied, pos - copied));
      cuts.marks.push_back(cuts.text.size() - 1);
      cuts.cut_bytes += text.size();
      copied = end;
    }
    pos = end;
  }
  if (cuts.marks.empty()) return cuts;
  cuts.text.append(page.substr(copied));
  return cuts;
}

}  // namespace

// Builds the Dom from the events of libxml2's HTML parser (SAX): the tree
// libxml2's own tree builder (xmlSAX2*) makes of the same events, without
// building, walking and freeing an xmlDoc. As that builder does:
//   - the open elements follow the parser's stack of names (ctxt->nameNr),
//     which also closes an element the parser drops without an end event;
//   - adjacent text is one node (a comment or processing instruction in
//     between separates it), adjacent CDATA (script and style content) too,
//     text and CDATA never together;
//   - a boolean attribute without a value ("disabled") has its name as value;
//   - an element after the root element has closed is a child of the root when
//     the root is the document's first child; else (a comment or a doctype
//     came first) it is a root of its own, which the Dom leaves out (it holds
//     the tree under the first root only);
//   - text outside any element is dropped.
class DomBuilder {
 public:
  DomBuilder(Dom& dom, htmlParserCtxt* ctxt) : dom_(dom), ctxt_(ctxt) {}

  // The SAX handlers; `ctx` is the parser context, whose _private is the builder.
  static void start_element(void* ctx, const xmlChar* name, const xmlChar** atts) {
    DomBuilder& b = builder(ctx);
    b.on_start(reinterpret_cast<const char*>(name), reinterpret_cast<const char**>(atts));
    if (b.marks_ != nullptr) b.check_cut(reinterpret_cast<const char*>(name));
  }
  static void end_element(void* ctx, const xmlChar* /*name*/) {
    DomBuilder& b = builder(ctx);
    b.sync(b.parser_depth() == 0 ? 0 : b.parser_depth() - 1);
  }
  static void characters(void* ctx, const xmlChar* text, int length) {
    builder(ctx).on_text(reinterpret_cast<const char*>(text), length, TextKind::kText);
  }
  static void cdata(void* ctx, const xmlChar* text, int length) {
    builder(ctx).on_text(reinterpret_cast<const char*>(text), length, TextKind::kCdata);
  }
  static void comment(void* ctx, const xmlChar* /*text*/) { builder(ctx).on_other_node(); }
  static void processing_instruction(void* ctx, const xmlChar* /*target*/, const xmlChar* /*data*/) {
    builder(ctx).on_other_node();
  }
  static void internal_subset(void* ctx, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
                              const xmlChar* /*system_id*/) {
    builder(ctx).root_first_ = false;  // the doctype goes before every other child of the document
  }

  // Parses `text` into a Dom. With `marks` (cut_raw_text's), nothing comes
  // back unless the parser confirms every cut.
  static std::optional<Dom> build(std::string_view text, const std::vector<std::size_t>* marks) {
    std::unique_ptr<htmlParserCtxt, CtxtFree> ctxt(htmlNewParserCtxt());
    if (!ctxt || ctxt->sax == nullptr) throw Error("HTML page: cannot create the HTML parser (out of memory)");
    Dom dom;
    DomBuilder builder(dom, ctxt.get());
    builder.marks_ = marks;
    // Our handlers replace the tree builder's (the context frees the struct).
    *ctxt->sax = htmlSAXHandler{};
    ctxt->sax->startElement = &DomBuilder::start_element;
    ctxt->sax->endElement = &DomBuilder::end_element;
    ctxt->sax->characters = &DomBuilder::characters;
    ctxt->sax->cdataBlock = &DomBuilder::cdata;
    ctxt->sax->comment = &DomBuilder::comment;
    ctxt->sax->processingInstruction = &DomBuilder::processing_instruction;
    ctxt->sax->internalSubset = &DomBuilder::internal_subset;
    ctxt->_private = &builder;
    // HUGE lifts libxml2's nesting limit of 256, past which it stops parsing and
    // drops the rest of the page; the tree's depth is bounded below instead.
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                        HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    // No document comes back: the handlers build none.
    htmlCtxtReadMemory(ctxt.get(), text.empty() ? "" : text.data(), static_cast<int>(text.size()), nullptr, "UTF-8",
                       options);
    if (ctxt->errNo == XML_ERR_NO_MEMORY) throw Error("HTML page: the HTML parser ran out of memory");
    if (marks != nullptr && (builder.cut_refuted_ || builder.next_mark_ != marks->size())) return std::nullopt;
    builder.finish();
    return dom;
  }

 private:
  // Sets the subtree ends once every node is in.
  void finish() {
    std::vector<Node>& nodes = dom_.nodes_;
    for (std::uint32_t i = 0; i < nodes.size(); ++i) nodes[i].subtree_end = i + 1;
    for (std::uint32_t i = static_cast<std::uint32_t>(nodes.size()); i-- > 0;) {
      const std::uint32_t p = nodes[i].parent;
      if (p != kNoNode) nodes[p].subtree_end = std::max(nodes[p].subtree_end, nodes[i].subtree_end);
    }
  }

  enum class TextKind : std::uint8_t { kNone, kText, kCdata };
  struct Open {
    std::uint32_t id;  // kNoNode: an element under a root the Dom leaves out
    bool keeps_text;
    // Index in open_ of the nearest entry at or below this one that is not
    // an inline element (itself when it is not): where close_paragraph()
    // looks for the <p>, in constant time however many inline elements are
    // open.
    std::size_t block = 0;
  };

  void push_open(std::uint32_t id, bool keeps) {
    const std::size_t at = open_.size();
    const bool phrasing = id != kNoNode && at > 0 && is_phrasing(id);
    open_.push_back({id, keeps, phrasing ? open_[at - 1].block : at});
  }

  static DomBuilder& builder(void* ctx) {
    return *static_cast<DomBuilder*>(static_cast<htmlParserCtxt*>(ctx)->_private);
  }

  std::size_t parser_depth() const { return static_cast<std::size_t>(std::max(ctxt_->nameNr, 0)); }

  // Closes the open elements the parser has closed: those past `depth`.
  void sync(std::size_t depth) {
    if (open_.size() > depth) {
      open_.resize(depth);
      last_text_ = TextKind::kNone;
    }
  }

  void on_start(const char* name, const char** atts) {
    sync(parser_depth() == 0 ? 0 : parser_depth() - 1);
    last_text_ = TextKind::kNone;
    std::uint32_t parent = kNoNode;
    if (!open_.empty()) {
      parent = open_.back().id;
      if (parent == kNoNode) {
        push_open(kNoNode, false);
        return;
      }
    } else if (!dom_.nodes_.empty()) {
      // Another root element.
      if (!root_first_) {
        push_open(kNoNode, false);
        return;
      }
      parent = 0;
    }
    Node node;
    const std::string_view local = local_name(name);
    node.tag = tag_of(local);
    if (node.tag == Tag::kOther) node.text = local;
    node.attr_begin = static_cast<std::uint32_t>(dom_.attributes_.size());
    if (atts != nullptr) {
      for (std::size_t i = 0; atts[i] != nullptr; i += 2) {
        Attribute attribute;
        attribute.name = atts[i];
        for (char& c : attribute.name) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        if (atts[i + 1] != nullptr) {
          attribute.value = atts[i + 1];
        } else if (htmlIsBooleanAttr(reinterpret_cast<const xmlChar*>(atts[i])) != 0) {
          attribute.value = atts[i];
        }
        dom_.attributes_.push_back(std::move(attribute));
      }
    }
    node.attr_end = static_cast<std::uint32_t>(dom_.attributes_.size());
    if (dom_.nodes_.empty() && other_before_root_) root_first_ = false;
    if (closes_paragraph(node.tag)) parent = close_paragraph(parent);
    const std::uint32_t id = add(std::move(node), parent);
    push_open(id, keeps_text(id));
  }

  // A block start tag closes an open <p> in HTML5 even when formatting
  // elements inside the <p> are still open (<p><font>text<p><font>text...),
  // and a browser makes the new block the paragraph's sibling. libxml2's
  // parser closes only a <p> that is the current element, so pages that
  // never close their <font> tags nest every paragraph in the one before,
  // and the article's text is spread down a chain the extractor cannot rank.
  // Returns the parent a browser gives the new block: the <p>'s parent when
  // only inline elements are open inside the <p>, else `parent`. The open
  // elements the browser closes (the <p> and those inside it) stay on the
  // parser's stack: what the parser still puts in them goes to the new
  // parent too, which keeps every subtree a contiguous run of ids.
  std::uint32_t close_paragraph(std::uint32_t parent) {
    if (open_.size() < 2 || parent == kNoNode || !is_phrasing(parent)) return parent;
    const std::size_t k = open_.back().block;
    if (open_[k].id == kNoNode || dom_.nodes_[open_[k].id].tag != Tag::kP) return parent;
    const std::uint32_t outer = dom_.nodes_[open_[k].id].parent;
    if (outer == kNoNode) return parent;
    const bool keeps = keeps_text(outer);
    for (std::size_t i = k; i < open_.size(); ++i) open_[i] = {outer, keeps, i};  // not inline: its own block
    return outer;
  }

  // Block elements before which HTML5 closes an open <p> (the "close a p
  // element" rule of their start tags; <table> only in no-quirks mode, so
  // not here: the pages this is for have no doctype).
  static bool closes_paragraph(Tag tag) {
    switch (tag) {
      case Tag::kP:
      case Tag::kDiv:
      case Tag::kH1:
      case Tag::kH2:
      case Tag::kH3:
      case Tag::kH4:
      case Tag::kH5:
      case Tag::kH6:
      case Tag::kUl:
      case Tag::kOl:
      case Tag::kLi:
      case Tag::kDl:
      case Tag::kDt:
      case Tag::kDd:
      case Tag::kMenu:
      case Tag::kBlockquote:
      case Tag::kPre:
      case Tag::kArticle:
      case Tag::kSection:
      case Tag::kMain:
      case Tag::kNav:
      case Tag::kAside:
      case Tag::kHeader:
      case Tag::kFooter:
      case Tag::kAddress:
      case Tag::kFigure:
      case Tag::kFigcaption:
      case Tag::kDetails:
      case Tag::kSummary:
      case Tag::kCenter:
      case Tag::kForm:
      case Tag::kFieldset:
      case Tag::kDialog:
      case Tag::kHr:
        return true;
      default:
        return false;
    }
  }

  // An element that flows inside a line of text, the old formatting
  // elements the Tag list leaves as kOther included.
  bool is_phrasing(std::uint32_t id) const {
    const Node& n = dom_.nodes_[id];
    if (n.tag != Tag::kOther) return is_inline(n.tag);
    static constexpr std::array<std::string_view, 11> kFormatting = {"tt",  "big", "strike", "s",   "nobr", "ins",
                                                                     "del", "var", "kbd",    "dfn", "samp"};
    return std::find(kFormatting.begin(), kFormatting.end(), n.text) != kFormatting.end();
  }

  void on_text(const char* text, int length, TextKind kind) {
    sync(parser_depth());
    if (open_.empty() || open_.back().id == kNoNode || !open_.back().keeps_text || length <= 0) return;
    const auto bytes = static_cast<std::size_t>(length);
    if (last_text_ == kind) {
      dom_.nodes_.back().text.append(text, bytes);
      return;
    }
    Node node;
    node.tag = Tag::kText;
    node.text.assign(text, bytes);
    add(std::move(node), open_.back().id);
    last_text_ = kind;
  }

  // After a start tag: confirms the next cut if the parser reports a script
  // or style start tag ending at its mark (the parser's input is at the '>'),
  // whose text the tree drops; refutes it once the parser is past the mark,
  // or at it with a script whose text the tree keeps.
  void check_cut(std::string_view name) {
    if (cut_refuted_ || next_mark_ == marks_->size()) return;
    const xmlParserInput* in = ctxt_->input;
    const auto offset = static_cast<std::size_t>(in->consumed) + static_cast<std::size_t>(in->cur - in->base);
    const std::size_t mark = (*marks_)[next_mark_];
    if (offset < mark) return;
    if (offset == mark) {
      // An element the parser implies before the tag (<html>, <head>) comes
      // first, with its input at the same place.
      if (name != "script" && name != "style") return;
      if (!open_.back().keeps_text) {
        ++next_mark_;
        return;
      }
    }
    cut_refuted_ = true;
    xmlStopParser(ctxt_);
  }

  void on_other_node() {
    sync(parser_depth());
    last_text_ = TextKind::kNone;
    if (dom_.nodes_.empty()) other_before_root_ = true;
  }

  // Text of script elements is kept only where extraction reads it (JSON-LD);
  // that of other scripts and styles is dropped while building.
  bool keeps_text(std::uint32_t element) const {
    const Tag tag = dom_.nodes_[element].tag;
    if (tag == Tag::kStyle) return false;
    if (tag != Tag::kScript) return true;
    const std::string_view type = dom_.attr(element, "type");
    return type.find("ld+json") != std::string_view::npos;
  }

  // Appends a node under `parent`; nesting past kMaxDepth is flattened onto
  // the ancestor at that depth.
  std::uint32_t add(Node node, std::uint32_t parent) {
    std::vector<Node>& nodes = dom_.nodes_;
    while (parent != kNoNode && nodes[parent].depth >= kMaxDepth) parent = nodes[parent].parent;
    node.parent = parent;
    node.depth = parent == kNoNode ? 0 : static_cast<std::uint16_t>(nodes[parent].depth + 1);
    const auto id = static_cast<std::uint32_t>(nodes.size());
    nodes.push_back(std::move(node));
    last_child_.push_back(kNoNode);
    if (parent != kNoNode) {
      if (last_child_[parent] == kNoNode) {
        nodes[parent].first_child = id;
      } else {
        nodes[last_child_[parent]].next_sibling = id;
      }
      last_child_[parent] = id;
    }
    return id;
  }

  Dom& dom_;
  htmlParserCtxt* ctxt_;
  std::vector<Open> open_;                           // the open elements, outermost first
  std::vector<std::uint32_t> last_child_;            // of each node so far
  TextKind last_text_ = TextKind::kNone;             // the last node added is text of this kind that may grow
  bool other_before_root_ = false;                   // a comment or processing instruction came before the root
  bool root_first_ = true;                           // the root element is the document's first child
  const std::vector<std::size_t>* marks_ = nullptr;  // the cuts to check, if any
  std::size_t next_mark_ = 0;                        // marks_[0, next_mark_) are confirmed
  bool cut_refuted_ = false;
};

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

Dom Dom::parse(std::string_view utf8, RawText raw_text) {
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
  if (raw_text == RawText::kCut) {
    const RawTextCuts cuts = cut_raw_text(utf8);
    if (!cuts.marks.empty()) {
      std::optional<Dom> dom = DomBuilder::build(cuts.text, &cuts.marks);
      if (dom) {
        dom->raw_text_cut_ = cuts.cut_bytes;
        return std::move(*dom);
      }
    }
  }
  return std::move(*DomBuilder::build(utf8, nullptr));
}

std::string Dom::shape_error() const {
  const auto n = static_cast<std::uint32_t>(nodes_.size());
  for (std::uint32_t id = 0; id < n; ++id) {
    const Node& node = nodes_[id];
    const std::string at = "node " + std::to_string(id) + ": ";
    if (node.attr_begin > node.attr_end || node.attr_end > attributes_.size()) return at + "attributes out of range";
    if (node.subtree_end <= id || node.subtree_end > n) return at + "subtree end out of range";
    if (id == 0) {
      if (node.parent != kNoNode || node.depth != 0 || node.subtree_end != n) return at + "not the one root";
    } else {
      if (node.parent >= id) return at + "not after its parent";
      const Node& parent = nodes_[node.parent];
      if (node.depth != parent.depth + 1) return at + "not one level below its parent";
      if (node.subtree_end > parent.subtree_end) return at + "ends after its parent";
    }
    std::uint32_t next = id + 1;  // where the next child must start
    for (std::uint32_t c = node.first_child; c != kNoNode; c = nodes_[c].next_sibling) {
      if (c != next || c >= n || nodes_[c].parent != id) return at + "children not one contiguous run";
      next = nodes_[c].subtree_end;
    }
    if (next != node.subtree_end) return at + "descendants not all linked from it";
  }
  return "";
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
