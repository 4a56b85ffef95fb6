#include "indexer/readers/html_body.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>
#include <vector>

#include "indexer/readers/ascii.h"
#include "indexer/readers/html_text.h"

namespace newsdex::readers {
namespace {

// ---- what an element is

bool is_heading(Tag t) { return t >= Tag::kH1 && t <= Tag::kH6; }

// Never text of an article: metadata, code, media, controls.
bool is_hard_dropped_tag(Tag t) {
  switch (t) {
    case Tag::kHead:
    case Tag::kTitle:
    case Tag::kMeta:
    case Tag::kLink:
    case Tag::kBase:
    case Tag::kScript:
    case Tag::kStyle:
    case Tag::kNoscript:
    case Tag::kTemplate:
    case Tag::kSvg:
    case Tag::kMath:
    case Tag::kCanvas:
    case Tag::kIframe:
    case Tag::kObject:
    case Tag::kEmbed:
    case Tag::kVideo:
    case Tag::kAudio:
    case Tag::kMap:
    case Tag::kButton:
    case Tag::kInput:
    case Tag::kSelect:
    case Tag::kOption:
    case Tag::kTextarea:
    case Tag::kDialog:
      return true;
    default:
      return false;
  }
}

// Page furniture by its element: dropped unless it holds most of the page's text.
bool is_furniture_tag(Tag t) {
  switch (t) {
    case Tag::kNav:
    case Tag::kAside:
    case Tag::kFooter:
    case Tag::kHeader:
    case Tag::kFigure:
    case Tag::kFigcaption:
    case Tag::kMenu:
      return true;
    default:
      return false;
  }
}

// Elements whose own text is scored as a paragraph (Readability scores <p>,
// <td>, <pre> and divs without block children; this is the same idea for any
// container whose own inline content is text).
bool is_scored_block(Tag t) {
  switch (t) {
    case Tag::kP:
    case Tag::kPre:
    case Tag::kTd:
    case Tag::kBlockquote:
    case Tag::kDiv:
    case Tag::kSection:
    case Tag::kArticle:
    case Tag::kMain:
    case Tag::kDd:
    case Tag::kCenter:
    case Tag::kOther:
    case Tag::kBody:
      return true;
    default:
      return false;
  }
}

// ---- class and id hints

// Substrings that mark page furniture wherever they appear in a class or id.
constexpr std::array<std::string_view, 48> kStrongNegative = {
    "comment",       "disqus",     "share",    "sharing",   "social",   "related",   "recommend",
    "newsletter",    "subscri",    "cookie",   "consent",   "gdpr",     "paywall",   "sidebar",
    "breadcrumb",    "outbrain",   "taboola",  "advert",    "sponsor",  "byline",    "caption",
    "popular",       "trending",   "readmore", "read-more", "widget",   "sr-only",   "visually-hidden",
    "screen-reader", "promo",      "signup",   "sign-up",   "footer",   "masthead",  "navbar",
    "navigation",    "pagination", "toolbar",  "more-from", "morefrom", "also-read", "jump-link",
    "skip-link",     "newsfeed",   "tooltip",  "popover",   "rollover", "hovercard"};
// Whole words (of a class or id split at non-alphanumerics) that mark
// furniture unless a positive hint says the element is the content.
constexpr std::array<std::string_view, 46> kWeakNegative = {
    "ad",      "ads",     "adv",       "nav",        "menu",     "header", "meta",   "tags",    "tag",     "author",
    "authors", "credit",  "credits",   "banner",     "print",    "follow", "hidden", "hide",    "skip",    "overlay",
    "modal",   "popup",   "login",     "topics",     "keywords", "rss",    "extra",  "teaser",  "teasers", "links",
    "pager",   "date",    "timestamp", "icon",       "button",   "btn",    "tools",  "utility", "actions", "dropdown",
    "bio",     "contact", "copyright", "disclaimer", "subnav",   "noprint"};
constexpr std::array<std::string_view, 11> kPositive = {"article", "body", "content", "entry", "main",  "post",
                                                        "story",   "text", "blog",    "prose", "hentry"};
// Readability's class weights (its "negative" and "positive" patterns).
constexpr std::array<std::string_view, 26> kWeightNegative = {
    "-ad-",     "hidden",     "banner",  "combx",    "comment", "com-",    "contact", "footer", "gdpr",
    "masthead", "media",      "meta",    "outbrain", "promo",   "related", "scroll",  "share",  "shoutbox",
    "sidebar",  "skyscraper", "sponsor", "shopping", "tags",    "widget",  "byline",  "caption"};
constexpr std::array<std::string_view, 12> kWeightPositive = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story"};

// Substrings to look for in class and id hints, by their first byte: one pass
// over a hint instead of a search per word.
class Substrings {
 public:
  template <std::size_t N>
  explicit Substrings(const std::array<std::string_view, N>& words) {
    for (std::string_view w : words) by_first_[static_cast<unsigned char>(w.front())].push_back(w);
  }
  // True when one of the words occurs in `text`.
  bool found_in(std::string_view text) const {
    for (std::size_t i = 0; i < text.size(); ++i) {
      for (std::string_view w : by_first_[static_cast<unsigned char>(text[i])]) {
        // The second byte first: most candidates differ there.
        if (w.size() <= text.size() - i && (w.size() < 2 || text[i + 1] == w[1]) && text.compare(i, w.size(), w) == 0) {
          return true;
        }
      }
    }
    return false;
  }

 private:
  std::array<std::vector<std::string_view>, 256> by_first_;
};

const Substrings kStrongNegativeSet(kStrongNegative);
const Substrings kPositiveSet(kPositive);
const Substrings kWeightNegativeSet(kWeightNegative);
const Substrings kWeightPositiveSet(kWeightPositive);

template <std::size_t N>
bool has_word(std::string_view hint, const std::array<std::string_view, N>& words) {
  std::size_t i = 0;
  while (i < hint.size()) {
    while (i < hint.size() && !std::isalnum(static_cast<unsigned char>(hint[i]))) ++i;
    std::size_t j = i;
    while (j < hint.size() && std::isalnum(static_cast<unsigned char>(hint[j]))) ++j;
    const std::string_view word = hint.substr(i, j - i);
    if (!word.empty() && std::find(words.begin(), words.end(), word) != words.end()) return true;
    i = j;
  }
  return false;
}

// ---- boilerplate text

// Whole blocks that are furniture whatever element holds them.
bool is_boilerplate_text(std::string_view collapsed) {
  std::string t = ascii_lower(collapsed);
  while (!t.empty() && (t.back() == '.' || t.back() == ':' || t.back() == ' ' || t.back() == '!')) t.pop_back();
  static constexpr std::array<std::string_view, 36> kWhole = {"advertisement",
                                                              "advertisements",
                                                              "ad",
                                                              "sponsored",
                                                              "related",
                                                              "related articles",
                                                              "related stories",
                                                              "related content",
                                                              "read more",
                                                              "read next",
                                                              "more",
                                                              "share",
                                                              "share this",
                                                              "share this article",
                                                              "share this story",
                                                              "tweet",
                                                              "email",
                                                              "print",
                                                              "comments",
                                                              "continue reading",
                                                              "story continues below",
                                                              "story continues below advertisement",
                                                              "skip advertisement",
                                                              "recommended",
                                                              "you may also like",
                                                              "trending",
                                                              "most popular",
                                                              "sign up",
                                                              "subscribe",
                                                              "follow us",
                                                              "loading",
                                                              "loading...",
                                                              "click here",
                                                              "top stories",
                                                              "more stories",
                                                              "image"};
  if (std::find(kWhole.begin(), kWhole.end(), t) != kWhole.end()) return true;
  static constexpr std::array<std::string_view, 12> kPrefixes = {
      "read more:",    "related:",          "see also:",      "also read:",       "read also:", "recommended:",
      "more on this:", "related coverage:", "related story:", "related article:", "© ",         "copyright ©"};
  for (std::string_view p : kPrefixes) {
    if (t.size() < 300 && t.compare(0, p.size(), p) == 0) return true;
  }
  return false;
}

std::size_t count_commas(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // U+FF0C fullwidth comma, U+3001 ideographic comma
    if (c == ',' || ((c == '\xEF' || c == '\xE3') && i + 2 < text.size() &&
                     (text.compare(i, 3, "\xEF\xBC\x8C") == 0 || text.compare(i, 3, "\xE3\x80\x81") == 0))) {
      ++n;
    }
  }
  return n;
}

// ---- the extractor

class BodyExtractor {
 public:
  BodyExtractor(const Dom& dom, const BodyEvidence& evidence) : dom_(dom), evidence_(evidence) {}

  ExtractedBody run();
  // render() of one root with only the hard-dropped elements excluded.
  std::string render_whole(std::uint32_t root);

 private:
  void mark_dropped();
  void measure();
  void score();
  std::uint32_t choose_top() const;
  std::uint32_t into_layout_cell(std::uint32_t top) const;
  std::vector<std::uint32_t> with_siblings(std::uint32_t top) const;
  std::uint32_t evidence_container();
  void clean_inside(const std::vector<std::uint32_t>& roots);
  bool remove_conditionally(std::uint32_t id, std::uint32_t root) const;
  std::string render(const std::vector<std::uint32_t>& roots) const;
  void summarize(ExtractedBody& out, const std::vector<std::uint32_t>& roots) const;

  // The element's class and id in lower case, "CLASS ID"; " " when it has neither.
  const std::string& hint(std::uint32_t id) const { return hints_[id]; }
  void make_hints();
  int class_weight(std::uint32_t id) const;
  bool excluded(std::uint32_t id) const { return excluded_[id] != 0; }
  double link_density(std::uint32_t id) const {
    return text_[id] == 0 ? 0.0 : static_cast<double>(link_[id]) / static_cast<double>(text_[id]);
  }

  const Dom& dom_;
  const BodyEvidence& evidence_;
  std::uint32_t body_ = kNoNode;
  std::vector<std::string> hints_;  // hint() of each element
  static constexpr int kNoWeight = -1000;
  mutable std::vector<int> weights_;     // class_weight() of each element, kNoWeight until asked
  std::vector<std::uint8_t> dropped_;    // this element (and so its subtree) is out
  std::vector<std::uint8_t> excluded_;   // this node or an ancestor is dropped
  std::vector<std::uint32_t> block_of_;  // nearest non-inline ancestor (itself for blocks)
  // Measures over the subtree, counting only nodes not excluded.
  std::vector<std::uint32_t> text_, link_, own_text_, own_link_, commas_, paragraphs_, images_, items_, headings_;
  std::vector<std::uint32_t> own_commas_;
  // Of each text node, once measured: visible bytes and commas.
  static constexpr std::uint32_t kUnmeasured = 0xFFFFFFFFu;
  std::vector<std::uint32_t> node_bytes_, node_commas_;
  std::vector<std::uint32_t> quotes_;  // <blockquote> elements in the subtree
  std::vector<std::uint32_t> prose_;   // text of prose blocks (see measure()) in the subtree
  std::vector<float> score_;
  std::vector<std::uint8_t> scored_;
  std::vector<std::uint32_t> matched_;   // evidence: shingles shared with the JSON-LD body, per subtree
  std::vector<std::uint32_t> shingles_;  // evidence: shingles per subtree
  std::vector<std::uint8_t> removed_;    // cleaned away inside the chosen roots
  bool evidence_mode_ = false;
};

void BodyExtractor::make_hints() {
  static const std::string kNone = " ";
  hints_.assign(dom_.size(), kNone);
  for (std::uint32_t i = 0; i < dom_.size(); ++i) {
    if (dom_.node(i).tag == Tag::kText) continue;
    const std::string_view class_name = dom_.attr(i, "class");
    const std::string_view id = dom_.attr(i, "id");
    if (class_name.empty() && id.empty()) continue;
    std::string& h = hints_[i];
    h.clear();
    h.reserve(class_name.size() + 1 + id.size());
    append_ascii_lower(h, class_name);
    h += ' ';
    append_ascii_lower(h, id);
  }
}

int BodyExtractor::class_weight(std::uint32_t id) const {
  if (weights_.empty()) weights_.assign(dom_.size(), kNoWeight);
  int& weight = weights_[id];
  if (weight != kNoWeight) return weight;
  weight = 0;
  std::string value;
  for (std::string_view name : {"class", "id"}) {
    value.clear();
    append_ascii_lower(value, dom_.attr(id, name));
    if (value.empty()) continue;
    if (kWeightNegativeSet.found_in(value)) weight -= 25;
    if (kWeightPositiveSet.found_in(value)) weight += 25;
  }
  return weight;
}

void BodyExtractor::mark_dropped() {
  const std::size_t n = dom_.size();
  make_hints();
  dropped_.assign(n, 0);
  excluded_.assign(n, 0);
  // Pass 1: what is never article text, and what is hidden.
  for (std::uint32_t i = 0; i < n; ++i) {
    const Node& node = dom_.node(i);
    if (node.tag == Tag::kText) continue;
    bool drop = is_hard_dropped_tag(node.tag);
    // One pass over the attributes (libxml2 keeps one of each name).
    for (const Attribute* a = dom_.attr_begin(i); !drop && a != dom_.attr_end(i); ++a) {
      if (a->name == "hidden") {
        drop = true;
      } else if (a->name == "aria-hidden") {
        drop = ascii_iequals(a->value, "true");
      } else if (a->name == "style") {
        std::string style = ascii_lower(a->value);
        style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
        drop = style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
      }
    }
    dropped_[i] = drop ? 1 : 0;
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t p = dom_.node(i).parent;
    excluded_[i] = (dropped_[i] != 0 || (p != kNoNode && excluded_[p] != 0)) ? 1 : 0;
  }
  measure();
  // Pass 2: furniture by element, role and class/id, unless it holds much of
  // the page's prose (then the hint is about the layout around the content:
  // "content-with-sidebar", "has-header-image").
  const std::uint32_t page_prose = body_ == kNoNode ? 0 : prose_[body_];
  std::vector<std::uint8_t> soft(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    const Node& node = dom_.node(i);
    if (node.tag == Tag::kText || excluded(i) || node.tag == Tag::kHtml || node.tag == Tag::kBody ||
        node.tag == Tag::kMain) {
      continue;
    }
    bool furniture = is_furniture_tag(node.tag);
    if (!furniture) {
      const std::string role = ascii_lower(dom_.attr(i, "role"));
      furniture = role == "navigation" || role == "complementary" || role == "banner" || role == "contentinfo" ||
                  role == "dialog" || role == "alertdialog" || role == "menu" || role == "menubar" ||
                  role == "search" || role == "toolbar";
    }
    if (!furniture) {
      const std::string& h = hint(i);
      if (h.size() > 1) {
        const bool strong = kStrongNegativeSet.found_in(h);
        furniture = strong || (has_word(h, kWeakNegative) && !kPositiveSet.found_in(h));
        if (furniture && node.tag == Tag::kArticle && !strong) furniture = false;
        // A social-media post embedded in the story is a quotation (its
        // markup is a <blockquote>), whatever its wrapper is called.
        if (furniture && quotes_[i] > 0 && link_density(i) < 0.5 && h.find("comment") == std::string::npos) {
          furniture = false;
        }
      }
    }
    if (furniture) soft[i] = 1;
    // A comment is never the article, however long (one long comment can
    // outweigh a short story).
    if (furniture && node.tag != Tag::kArticle &&
        (hint(i).find("comment") != std::string::npos || hint(i).find("disqus") != std::string::npos)) {
      soft[i] = 2;
    }
  }
  // An element keeps its place when half of the page's prose is inside it
  // without a flagged element in between (its name is about the layout around
  // the content: "content-with-sidebar"). Deepest first, so a chain of flagged
  // wrappers around the article is kept, while a comment thread, whose prose
  // sits in flagged comments, is not.
  std::vector<std::uint32_t> reachable(n, 0);  // prose below, through unflagged elements only
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t children_prose = 0;
    for (std::uint32_t c = dom_.node(i).first_child; c != kNoNode; c = dom_.node(c).next_sibling) {
      children_prose += prose_[c];
    }
    reachable[i] = prose_[i] - std::min(prose_[i], children_prose);  // the element's own prose
  }
  for (std::uint32_t i = static_cast<std::uint32_t>(n); i-- > 0;) {
    if (soft[i] == 1 && page_prose > 0 && reachable[i] * 10 >= page_prose * 4) soft[i] = 0;
    const std::uint32_t p = dom_.node(i).parent;
    if (p != kNoNode && soft[i] == 0) reachable[p] += reachable[i];
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    if (soft[i] != 0) dropped_[i] = 1;
    const std::uint32_t p = dom_.node(i).parent;
    excluded_[i] = (dropped_[i] != 0 || (p != kNoNode && excluded_[p] != 0)) ? 1 : 0;
  }
  measure();
}

void BodyExtractor::measure() {
  const std::size_t n = dom_.size();
  block_of_.assign(n, kNoNode);
  text_.assign(n, 0);
  link_.assign(n, 0);
  own_text_.assign(n, 0);
  own_link_.assign(n, 0);
  own_commas_.assign(n, 0);
  commas_.assign(n, 0);
  paragraphs_.assign(n, 0);
  images_.assign(n, 0);
  items_.assign(n, 0);
  headings_.assign(n, 0);
  quotes_.assign(n, 0);
  std::vector<std::uint8_t> in_link(n, 0);
  if (node_bytes_.empty()) {
    node_bytes_.assign(n, kUnmeasured);
    node_commas_.assign(n, 0);
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    const Node& node = dom_.node(i);
    const std::uint32_t p = node.parent;
    if (node.tag == Tag::kBody && body_ == kNoNode) body_ = i;
    in_link[i] = (node.tag == Tag::kA || (p != kNoNode && in_link[p] != 0)) ? 1 : 0;
    block_of_[i] = (is_inline(node.tag) && p != kNoNode) ? block_of_[p] : i;
    if (excluded(i)) continue;
    if (node.tag == Tag::kText) {
      if (node_bytes_[i] == kUnmeasured) {
        node_bytes_[i] = static_cast<std::uint32_t>(visible_bytes(node.text));
        node_commas_[i] = static_cast<std::uint32_t>(count_commas(node.text));
      }
      const std::uint32_t bytes = node_bytes_[i];
      const std::uint32_t commas = node_commas_[i];
      text_[i] = bytes;
      commas_[i] = commas;
      if (in_link[i] != 0) link_[i] = bytes;
      const std::uint32_t b = block_of_[i];
      if (b != kNoNode) {
        own_text_[b] += bytes;
        own_commas_[b] += commas;
        if (in_link[i] != 0) own_link_[b] += bytes;
      }
    } else if (node.tag == Tag::kP) {
      paragraphs_[i] = 1;
    } else if (node.tag == Tag::kImg) {
      images_[i] = 1;
    } else if (node.tag == Tag::kLi) {
      items_[i] = 1;
    } else if (is_heading(node.tag)) {
      headings_[i] = 1;
    } else if (node.tag == Tag::kBlockquote) {
      quotes_[i] = 1;
    }
  }
  // Prose: the text of blocks long enough and with few enough links to be
  // running text rather than teasers or menus.
  prose_.assign(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (dom_.node(i).tag != Tag::kText && !excluded(i) && own_text_[i] >= 100 && own_link_[i] * 10 < own_text_[i] * 3) {
      prose_[i] = own_text_[i];
    }
  }
  for (std::uint32_t i = static_cast<std::uint32_t>(n); i-- > 1;) {
    const std::uint32_t p = dom_.node(i).parent;
    if (p == kNoNode || excluded(i)) continue;
    prose_[p] += prose_[i];
    text_[p] += text_[i];
    link_[p] += link_[i];
    commas_[p] += commas_[i];
    paragraphs_[p] += paragraphs_[i];
    images_[p] += images_[i];
    items_[p] += items_[i];
    headings_[p] += headings_[i];
    quotes_[p] += quotes_[i];
  }
}

void BodyExtractor::score() {
  const std::size_t n = dom_.size();
  score_.assign(n, 0.0F);
  scored_.assign(n, 0);
  auto initialize = [this](std::uint32_t id) {
    if (scored_[id] != 0) return;
    scored_[id] = 1;
    float s = 0;
    switch (dom_.node(id).tag) {
      case Tag::kDiv:
        s = 5;
        break;
      case Tag::kPre:
      case Tag::kTd:
      case Tag::kBlockquote:
        s = 3;
        break;
      case Tag::kAddress:
      case Tag::kOl:
      case Tag::kUl:
      case Tag::kDl:
      case Tag::kDd:
      case Tag::kDt:
      case Tag::kLi:
      case Tag::kForm:
        s = -3;
        break;
      case Tag::kH1:
      case Tag::kH2:
      case Tag::kH3:
      case Tag::kH4:
      case Tag::kH5:
      case Tag::kH6:
      case Tag::kTh:
        s = -5;
        break;
      default:
        break;
    }
    score_[id] = s + static_cast<float>(class_weight(id));
  };
  for (std::uint32_t i = 0; i < n; ++i) {
    const Node& node = dom_.node(i);
    if (node.tag == Tag::kText || excluded(i) || !is_scored_block(node.tag)) continue;
    const std::uint32_t len = own_text_[i];
    if (len < 25) continue;
    // A block that is mostly links (a teaser list item, a "read more") adds little.
    const double own_ld = static_cast<double>(own_link_[i]) / static_cast<double>(len);
    if (own_ld > 0.5) continue;
    const float content = 1.0F + static_cast<float>(own_commas_[i]) + std::min(static_cast<float>(len) / 100.0F, 3.0F);
    std::uint32_t a = node.parent;
    for (int level = 0; level < 5 && a != kNoNode; ++level, a = dom_.node(a).parent) {
      if (dom_.node(a).tag == Tag::kHtml) break;
      initialize(a);
      const float divider = level == 0 ? 1.0F : (level == 1 ? 2.0F : static_cast<float>(level) * 3.0F);
      score_[a] += content / divider;
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    if (scored_[i] != 0) score_[i] *= static_cast<float>(1.0 - link_density(i));
  }
}

std::uint32_t BodyExtractor::choose_top() const {
  std::vector<std::uint32_t> ranked;
  for (std::uint32_t i = 0; i < score_.size(); ++i) {
    if (scored_[i] != 0 && !excluded(i)) ranked.push_back(i);
  }
  if (ranked.empty()) return body_;
  std::sort(ranked.begin(), ranked.end(), [this](std::uint32_t a, std::uint32_t b) {
    return score_[a] != score_[b] ? score_[a] > score_[b] : a < b;
  });
  std::uint32_t top = ranked[0];
  const float top_score = score_[top];
  // Readability: when several near-top candidates share an ancestor, the
  // article is split over them and the ancestor is the container.
  std::vector<std::uint32_t> alternatives;
  for (std::size_t k = 1; k < std::min<std::size_t>(ranked.size(), 5); ++k) {
    if (score_[ranked[k]] >= top_score * 0.75F) alternatives.push_back(ranked[k]);
  }
  if (alternatives.size() >= 3) {
    for (std::uint32_t a = dom_.node(top).parent; a != kNoNode && dom_.node(a).tag != Tag::kBody;
         a = dom_.node(a).parent) {
      std::size_t containing = 0;
      for (std::uint32_t alt : alternatives) {
        if (alt > a && alt < dom_.node(a).subtree_end) ++containing;
      }
      if (containing >= 3) {
        top = a;
        break;
      }
    }
  }
  // Climb while the parent scores about as well (the text continues there).
  float last = scored_[top] != 0 ? score_[top] : 0.0F;
  const float threshold = last / 3.0F;
  for (std::uint32_t p = dom_.node(top).parent; p != kNoNode && dom_.node(p).tag != Tag::kBody;
       p = dom_.node(p).parent) {
    if (scored_[p] == 0) continue;
    if (score_[p] < threshold) break;
    if (score_[p] > last) {
      top = p;
      break;
    }
    last = score_[p];
  }
  // A lone child is its parent's content.
  for (std::uint32_t p = dom_.node(top).parent; p != kNoNode && dom_.node(p).tag != Tag::kBody;
       p = dom_.node(p).parent) {
    std::size_t children = 0;
    for (std::uint32_t c = dom_.node(p).first_child; c != kNoNode; c = dom_.node(c).next_sibling) {
      if (!excluded(c) && text_[c] > 0) ++children;
    }
    if (children != 1) break;
    top = p;
  }
  return into_layout_cell(top);
}

// A page laid out with a table (as pages were before CSS) keeps its story as
// the text of one cell, beside cells of menus: the scoring credits the text
// to the cell's row and table, which hold the menus too. From a table part,
// go down to the row or cell that holds nearly all of its prose.
std::uint32_t BodyExtractor::into_layout_cell(std::uint32_t top) const {
  auto is_table_part = [this](std::uint32_t id) {
    const Tag tag = dom_.node(id).tag;
    return tag == Tag::kTable || tag == Tag::kThead || tag == Tag::kTbody || tag == Tag::kTfoot || tag == Tag::kTr;
  };
  while (is_table_part(top) && prose_[top] > 0) {
    std::uint32_t best = kNoNode;
    for (std::uint32_t c = dom_.node(top).first_child; c != kNoNode; c = dom_.node(c).next_sibling) {
      if (!excluded(c) && (best == kNoNode || prose_[c] > prose_[best])) best = c;
    }
    if (best == kNoNode || prose_[best] * 10 < prose_[top] * 9) break;
    const Tag tag = dom_.node(best).tag;
    if (!is_table_part(best) && tag != Tag::kTd && tag != Tag::kTh) break;
    top = best;
  }
  return top;
}

std::vector<std::uint32_t> BodyExtractor::with_siblings(std::uint32_t top) const {
  const std::uint32_t parent = dom_.node(top).parent;
  if (parent == kNoNode || dom_.node(top).tag == Tag::kBody) return {top};
  const float top_score = scored_[top] != 0 ? score_[top] : 0.0F;
  const float threshold = std::max(10.0F, top_score * 0.2F);
  const std::string top_class(dom_.attr(top, "class"));
  std::vector<std::uint32_t> roots;
  for (std::uint32_t s = dom_.node(parent).first_child; s != kNoNode; s = dom_.node(s).next_sibling) {
    if (s == top) {
      roots.push_back(s);
      continue;
    }
    if (excluded(s) || text_[s] == 0) continue;
    float bonus = 0;
    if (!top_class.empty() && dom_.attr(s, "class") == top_class) bonus = top_score * 0.2F;
    if (scored_[s] != 0 && score_[s] + bonus >= threshold) {
      roots.push_back(s);
      continue;
    }
    if (dom_.node(s).tag == Tag::kP || (dom_.node(s).tag == Tag::kText)) {
      const double ld = link_density(s);
      const std::string t = text_content(dom_, s);
      if ((text_[s] > 80 && ld < 0.25) ||
          (text_[s] > 0 && text_[s] <= 80 && ld == 0 && !t.empty() && (t.back() == '.' || t.back() == '"'))) {
        roots.push_back(s);
      }
    }
  }
  return roots;
}

// The words, paragraphs and long paragraphs of out.text. Scripts written
// without spaces (Chinese, Japanese, Thai) have few \w+ tokens: there, about
// two characters (six bytes) make a word.
void count_text(ExtractedBody& out) {
  out.words = std::max(word_tokens(out.text).size(), visible_bytes(out.text) / 6);
  std::size_t start = 0;
  while (start < out.text.size()) {
    std::size_t end = out.text.find("\n\n", start);
    if (end == std::string::npos) end = out.text.size();
    const std::string_view paragraph = std::string_view(out.text).substr(start, end - start);
    const std::size_t words = std::max(word_tokens(paragraph).size(), visible_bytes(paragraph) / 6);
    if (words > 0) ++out.paragraphs;
    if (words >= 40) ++out.long_paragraphs;
    start = end + 2;
  }
}

// The element whose text best matches the JSON-LD articleBody (shingle F1), if
// that match is good: the page says itself which text is the article.
std::uint32_t BodyExtractor::evidence_container() {
  const std::vector<std::string_view> body_tokens = word_tokens(evidence_.json_ld_body);
  if (body_tokens.size() < 50) return kNoNode;
  auto shingle_hash = [](const std::vector<std::string_view>& toks, std::size_t k) {
    std::uint64_t h = 1469598103934665603ULL;
    for (std::size_t j = k; j < k + 4; ++j) {
      for (char c : toks[j]) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
      h = (h ^ 0x1F) * 1099511628211ULL;
    }
    return h;
  };
  std::unordered_map<std::uint64_t, std::uint32_t> wanted;
  for (std::size_t k = 0; k + 4 <= body_tokens.size(); ++k) ++wanted[shingle_hash(body_tokens, k)];
  const auto wanted_total = static_cast<double>(body_tokens.size() - 3);
  // The page's tokens in reading order, each with its text node.
  const std::size_t n = dom_.size();
  std::vector<std::string_view> tokens;
  std::vector<std::uint32_t> owner;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (dom_.node(i).tag != Tag::kText || excluded(i)) continue;
    for (std::string_view t : word_tokens(dom_.node(i).text)) {
      tokens.push_back(t);
      owner.push_back(i);
    }
  }
  matched_.assign(n, 0);
  shingles_.assign(n, 0);
  for (std::size_t k = 0; k + 4 <= tokens.size(); ++k) {
    ++shingles_[owner[k]];
    const auto it = wanted.find(shingle_hash(tokens, k));
    if (it != wanted.end() && it->second > 0) {
      --it->second;
      ++matched_[owner[k]];
    }
  }
  for (std::uint32_t i = static_cast<std::uint32_t>(n); i-- > 1;) {
    const std::uint32_t p = dom_.node(i).parent;
    if (p == kNoNode) continue;
    matched_[p] += matched_[i];
    shingles_[p] += shingles_[i];
  }
  std::uint32_t best = kNoNode;
  double best_f1 = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (dom_.node(i).tag == Tag::kText || shingles_[i] == 0 || matched_[i] == 0) continue;
    const double p = static_cast<double>(matched_[i]) / static_cast<double>(shingles_[i]);
    const double r = static_cast<double>(matched_[i]) / wanted_total;
    const double f1 = 2 * p * r / (p + r);
    if (f1 > best_f1) {
      best_f1 = f1;
      best = i;
    }
  }
  return best_f1 >= 0.7 ? best : kNoNode;
}

// Readability's conditional cleaning, on an element inside the article: lists
// of links, image strips, forms and short fragments go.
bool BodyExtractor::remove_conditionally(std::uint32_t id, std::uint32_t root) const {
  // Whatever holds half of the prose is the article itself, however it is named.
  if (prose_[root] > 0 && prose_[id] * 2 >= prose_[root]) return false;
  const Tag tag = dom_.node(id).tag;
  const double ld = link_density(id);
  // An embedded social-media post: a quotation in the story (see mark_dropped).
  if (quotes_[id] > 0 && ld < 0.5 && hint(id).find("comment") == std::string::npos) return false;
  const int weight = class_weight(id);
  if (weight < 0) return true;
  if (commas_[id] >= 10) return false;
  const bool is_list = tag == Tag::kUl || tag == Tag::kOl;
  const double p = paragraphs_[id];
  const double img = images_[id];
  const double li = static_cast<double>(items_[id]) - 100.0;
  const std::uint32_t length = text_[id];
  if (is_list && ld > 0.5) return true;
  if (img > 1 && p / img < 0.5) return true;
  if (!is_list && li > p) return true;
  if (!is_list && length < 25 && headings_[id] == 0 && (img == 0 || img > 2)) return true;
  if (!is_list && weight < 25 && ld > 0.2) return true;
  if (weight >= 25 && ld > 0.5) return true;
  return false;
}

void BodyExtractor::clean_inside(const std::vector<std::uint32_t>& roots) {
  removed_.assign(dom_.size(), 0);
  const std::string title = ascii_lower(collapse_space(evidence_.title));
  for (std::uint32_t root : roots) {
    const std::uint32_t end = dom_.node(root).subtree_end;
    for (std::uint32_t i = root; i < end; ++i) {
      const Node& node = dom_.node(i);
      if (node.tag == Tag::kText || excluded(i)) continue;
      if (node.parent != kNoNode && removed_[node.parent] != 0) {
        removed_[i] = 1;
        continue;
      }
      bool remove = false;
      if (is_heading(node.tag)) {
        // The headline repeated above the text, and headings made of a link
        // (teaser titles of other stories).
        const std::string t = ascii_lower(text_content(dom_, i));
        remove = node.tag == Tag::kH1 || (!title.empty() && t == title) || (text_[i] > 0 && link_density(i) > 0.5);
      } else if (i != root && !evidence_mode_ &&
                 (node.tag == Tag::kDiv || node.tag == Tag::kSection || node.tag == Tag::kUl || node.tag == Tag::kOl ||
                  node.tag == Tag::kTable || node.tag == Tag::kDl || node.tag == Tag::kForm ||
                  node.tag == Tag::kFieldset || node.tag == Tag::kArticle)) {
        remove = remove_conditionally(i, root);
      } else if (evidence_mode_ && i != root && shingles_[i] >= 3 && matched_[i] * 5 < shingles_[i] &&
                 own_text_[i] > 0) {
        remove = true;  // a block of its own that the articleBody does not have
      }
      if (!remove && own_text_[i] > 0 && own_text_[i] == text_[i]) {  // a leaf block: its text is all its own
        const double own_ld = static_cast<double>(own_link_[i]) / static_cast<double>(own_text_[i]);
        if (own_text_[i] < 300 && own_ld > 0.6 && node.tag != Tag::kLi && node.tag != Tag::kTd) remove = true;
        if (!remove && own_text_[i] < 300 && is_boilerplate_text(text_content(dom_, i))) remove = true;
      }
      if (remove) removed_[i] = 1;
    }
  }
}

// Removes the white space that preformatted text may leave at the end of
// `out`: HTML's, and the vertical tab, which HTML leaves as text.
void trim_end(std::string& out) {
  while (!out.empty() && (is_html_space(out.back()) || out.back() == '\v')) out.pop_back();
}

// Text of the roots in reading order: block boundaries give blank lines, <br>,
// list items and table rows give line breaks (two <br> in a row a blank
// line), table cells spaces.
std::string BodyExtractor::render(const std::vector<std::uint32_t>& roots) const {
  enum class Break : std::uint8_t { kNone, kSpace, kLine, kParagraph };
  std::string out;
  Break pending = Break::kNone;
  bool pending_space = false;
  // <br> elements since the last visible text: two in a row show a blank
  // line, the paragraph break of pages that write no <p>.
  int breaks = 0;
  auto request = [&pending](Break b) { pending = std::max(pending, b); };
  auto boundary_of = [](Tag t) {
    switch (t) {
      case Tag::kLi:
      case Tag::kTr:
      case Tag::kDt:
      case Tag::kDd:
      case Tag::kBr:
        return Break::kLine;
      case Tag::kTd:
      case Tag::kTh:
        return Break::kSpace;
      default:
        return Break::kParagraph;
    }
  };
  std::vector<std::pair<std::uint32_t, Break>> open;  // ends of open block elements, with their break
  for (std::uint32_t root : roots) {
    request(Break::kParagraph);
    const std::uint32_t end = dom_.node(root).subtree_end;
    for (std::uint32_t i = root; i < end; ++i) {
      while (!open.empty() && open.back().first <= i) {
        request(open.back().second);
        open.pop_back();
      }
      const Node& node = dom_.node(i);
      if (excluded(i) || (removed_.size() > i && removed_[i] != 0)) {
        i = node.subtree_end - 1;  // skip the subtree
        continue;
      }
      if (node.tag == Tag::kText) {
        std::string_view text = node.text;
        // No-break and other Unicode spaces are white space too: a paragraph
        // of "&nbsp;" alone must not add a paragraph break of its own.
        const bool has_visible = visible_bytes(text) > 0 && !collapse_space(text).empty();
        if (!has_visible) {
          pending_space = pending_space || !text.empty();
          continue;
        }
        if (pending != Break::kNone && !out.empty()) {
          // Preformatted text may end in white space of its own.
          trim_end(out);
          if (!out.empty()) out += pending == Break::kParagraph ? "\n\n" : (pending == Break::kLine ? "\n" : " ");
          pending_space = false;
        }
        pending = Break::kNone;
        breaks = 0;
        if (dom_.node(node.parent).tag == Tag::kPre) {
          // Preformatted text keeps its lines, but not more than one blank
          // line in a row (that separates paragraphs) nor one at the start.
          for (char c : text) {
            if (c == '\n' && (out.empty() || out.ends_with("\n\n"))) continue;
            out += c;
          }
          continue;
        }
        append_collapsed(out, text, pending_space);
      } else if (node.tag == Tag::kBr) {
        request(++breaks >= 2 ? Break::kParagraph : Break::kLine);
      } else if (!is_inline(node.tag)) {
        const Break b = boundary_of(node.tag);
        request(b);
        open.emplace_back(node.subtree_end, b);
      }
    }
    while (!open.empty()) open.pop_back();
  }
  trim_end(out);
  return out;
}

void BodyExtractor::summarize(ExtractedBody& out, const std::vector<std::uint32_t>& roots) const {
  count_text(out);
  for (std::uint32_t root : roots) {
    for (std::uint32_t i = root; i < dom_.node(root).subtree_end; ++i) {
      if (!excluded(i) && dom_.node(i).tag == Tag::kImg) ++out.images;
    }
  }
  // Teaser titles anywhere outside the furniture: a heading that is a link.
  for (std::uint32_t i = 0; i < dom_.size(); ++i) {
    if (!excluded(i) && is_heading(dom_.node(i).tag) && text_[i] > 0 && link_density(i) > 0.5) ++out.linked_headings;
  }
}

ExtractedBody BodyExtractor::run() {
  ExtractedBody out;
  if (dom_.root() == kNoNode) return out;
  mark_dropped();
  if (body_ == kNoNode) body_ = dom_.root();
  std::vector<std::uint32_t> roots;
  const std::uint32_t evidence = evidence_container();
  if (evidence != kNoNode) {
    evidence_mode_ = true;
    roots = {evidence};
    out.from = "json-ld";
  } else {
    score();
    const std::uint32_t top = choose_top();
    roots = with_siblings(top);
    out.from = "scoring";
  }
  clean_inside(roots);
  out.text = render(roots);
  out.container = roots.empty() ? kNoNode : roots.front();
  summarize(out, roots);
  return out;
}

std::string BodyExtractor::render_whole(std::uint32_t root) {
  excluded_.assign(dom_.size(), 0);
  for (std::uint32_t i = 0; i < dom_.size(); ++i) {
    if (excluded_[i] == 0 && is_hard_dropped_tag(dom_.node(i).tag)) {
      std::fill(excluded_.begin() + static_cast<std::ptrdiff_t>(i),
                excluded_.begin() + static_cast<std::ptrdiff_t>(dom_.node(i).subtree_end), std::uint8_t{1});
    }
  }
  return render({root});
}

}  // namespace

ExtractedBody extract_body(const Dom& dom, const BodyEvidence& evidence) {
  BodyExtractor extractor(dom, evidence);
  return extractor.run();
}

ExtractedBody body_of_text(std::string text, std::string from) {
  ExtractedBody out;
  out.text = std::move(text);
  out.from = std::move(from);
  count_text(out);
  return out;
}

std::string render_text(const Dom& dom, std::uint32_t root) {
  if (root == kNoNode) return {};
  const BodyEvidence no_evidence;
  BodyExtractor extractor(dom, no_evidence);
  return extractor.render_whole(root);
}

}  // namespace newsdex::readers
