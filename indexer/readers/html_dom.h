// A compact, read-only document tree of an HTML page, built from libxml2's HTML
// parser (inside the .cpp): element kinds as an enum, attributes, text in UTF-8
// with character references decoded. The extraction code walks this tree only,
// so it never sees libxml2 types. Thread safety: a Dom is immutable once built.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::readers {

// The elements extraction treats specially; everything else is kOther (its
// name is kept in Node::name).
enum class Tag : std::uint8_t {
  kText,  // a text node, not an element
  kOther,
  kHtml,
  kHead,
  kBody,
  kTitle,
  kMeta,
  kLink,
  kBase,
  kScript,
  kStyle,
  kNoscript,
  kTemplate,
  kSvg,
  kMath,
  kCanvas,
  kIframe,
  kObject,
  kEmbed,
  kVideo,
  kAudio,
  kPicture,
  kSource,
  kImg,
  kMap,
  kForm,
  kButton,
  kInput,
  kSelect,
  kOption,
  kTextarea,
  kLabel,
  kFieldset,
  kLegend,
  kDialog,
  kP,
  kDiv,
  kSpan,
  kA,
  kBr,
  kHr,
  kWbr,
  kH1,
  kH2,
  kH3,
  kH4,
  kH5,
  kH6,
  kUl,
  kOl,
  kLi,
  kDl,
  kDt,
  kDd,
  kMenu,
  kBlockquote,
  kPre,
  kCode,
  kQ,
  kCite,
  kTable,
  kCaption,
  kThead,
  kTbody,
  kTfoot,
  kTr,
  kTd,
  kTh,
  kArticle,
  kSection,
  kMain,
  kNav,
  kAside,
  kHeader,
  kFooter,
  kAddress,
  kTime,
  kFigure,
  kFigcaption,
  kDetails,
  kSummary,
  kCenter,
  kFont,
  kB,
  kStrong,
  kI,
  kEm,
  kU,
  kSmall,
  kSub,
  kSup,
  kMark,
  kAbbr,
};

// Elements that flow inside a line of text: no break before or after them.
constexpr bool is_inline(Tag tag) {
  switch (tag) {
    case Tag::kText:
    case Tag::kA:
    case Tag::kSpan:
    case Tag::kB:
    case Tag::kStrong:
    case Tag::kI:
    case Tag::kEm:
    case Tag::kU:
    case Tag::kSmall:
    case Tag::kSub:
    case Tag::kSup:
    case Tag::kMark:
    case Tag::kAbbr:
    case Tag::kCode:
    case Tag::kQ:
    case Tag::kCite:
    case Tag::kTime:
    case Tag::kFont:
    case Tag::kLabel:
    case Tag::kWbr:
    case Tag::kImg:
    case Tag::kPicture:
    case Tag::kSource:
      return true;
    default:
      return false;
  }
}

inline constexpr std::uint32_t kNoNode = 0xFFFFFFFFu;

struct Attribute {
  std::string name;   // lower-case
  std::string value;  // character references decoded

  bool operator==(const Attribute&) const = default;
};

struct Node {
  Tag tag = Tag::kOther;
  std::uint32_t parent = kNoNode;
  std::uint32_t first_child = kNoNode;
  std::uint32_t next_sibling = kNoNode;
  std::uint32_t subtree_end = 0;  // one past the last descendant: ids [id + 1, subtree_end) are the descendants
  std::uint32_t attr_begin = 0;   // attributes are Dom::attributes[attr_begin, attr_end)
  std::uint32_t attr_end = 0;
  std::uint16_t depth = 0;  // 0 for the root element
  std::string text;         // kText: the text as in the page; kOther: the element's name

  bool operator==(const Node&) const = default;
};

// Limits of the tree: nesting beyond kMaxDepth is flattened (the deeper
// elements' children become children of their ancestor at that depth), so
// every walk of the tree is bounded; no text is lost.
inline constexpr std::uint16_t kMaxDepth = 400;

// How Dom::parse treats the text of scripts and styles, which the tree drops
// (but for JSON-LD): kCut cuts it out before libxml2 reads it, checked against
// the parser's events (the page is parsed again whole when a cut is not
// confirmed); kParse lets libxml2 read it. Both give the same tree.
enum class RawText : std::uint8_t { kCut, kParse };

class Dom {
 public:
  // Parses UTF-8 HTML (malformed markup is repaired as libxml2's HTML parser
  // does; comments and processing instructions are dropped).
  // Throws newsdex::Error when the parser fails outright (out of memory).
  static Dom parse(std::string_view utf8, RawText raw_text = RawText::kCut);

  // The bytes of script and style text parse() cut out (0 when it parsed the
  // whole page).
  std::size_t raw_text_cut() const { return raw_text_cut_; }
  // The same tree (whatever was cut).
  friend bool operator==(const Dom& a, const Dom& b) { return a.nodes_ == b.nodes_ && a.attributes_ == b.attributes_; }

  // The root element (<html>), or kNoNode for a document without elements.
  std::uint32_t root() const { return nodes_.empty() ? kNoNode : 0; }
  const Node& node(std::uint32_t id) const { return nodes_[id]; }
  std::size_t size() const { return nodes_.size(); }

  // The value of an attribute ("" if absent); name in lower case.
  std::string_view attr(std::uint32_t id, std::string_view name) const;
  bool has_attr(std::uint32_t id, std::string_view name) const;
  // All attributes of an element.
  const Attribute* attr_begin(std::uint32_t id) const { return attributes_.data() + nodes_[id].attr_begin; }
  const Attribute* attr_end(std::uint32_t id) const { return attributes_.data() + nodes_[id].attr_end; }

  // The first element with the tag, in document order; kNoNode if none.
  std::uint32_t find_first(Tag tag) const;

  // The shape every walk of the tree relies on, checked node by node: one
  // root; each node after its parent, one level deeper, linked from it; a
  // node's children in order, each starting where the one before ends, the
  // last ending where the node does (so [id + 1, subtree_end) is exactly
  // the descendants); attributes inside the table. "" when all of it holds,
  // else what is wrong first. For the tests and the fuzz target.
  std::string shape_error() const;

 private:
  friend class DomBuilder;
  std::vector<Node> nodes_;  // document order: a parent before its children
  std::vector<Attribute> attributes_;
  std::size_t raw_text_cut_ = 0;
};

// The text of an element's subtree with white space collapsed and trimmed;
// <br> and block boundaries become single spaces; script and style text is
// left out.
std::string text_content(const Dom& dom, std::uint32_t id);

// The text of a fragment of HTML such as JSON-LD strings carry ("Tom &amp;
// Jerry", "<p>One</p><p>Two</p>"): markup dropped, references decoded, white
// space collapsed. Plain text without '<' or '&' is only collapsed.
std::string fragment_text(std::string_view html);

}  // namespace newsdex::readers
