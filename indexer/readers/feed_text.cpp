#include "indexer/readers/feed_text.h"

#include <algorithm>
#include <array>
#include <vector>

#include "common/dates.h"
#include "indexer/readers/html_body.h"
#include "indexer/readers/html_dom.h"
#include "indexer/readers/html_text.h"

namespace newsdex::readers {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ---- story markup

enum class Break : std::uint8_t { kNone, kSpace, kLine, kParagraph };

// Collects text with the breaks between blocks, as html_body.cpp's render()
// lays out HTML: the strongest break requested since the last text wins, and
// breaks never start or end the text.
class TextBuilder {
 public:
  void request(Break b) { pending_ = std::max(pending_, b); }

  void text(std::string_view t, bool preformatted) {
    if (visible_bytes(t) == 0 && !preformatted) {
      pending_space_ = pending_space_ || !t.empty();
      return;
    }
    if (preformatted && t.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
    if (pending_ != Break::kNone && !out_.empty()) {
      while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\n')) out_.pop_back();
      if (!out_.empty()) out_ += pending_ == Break::kParagraph ? "\n\n" : (pending_ == Break::kLine ? "\n" : " ");
      pending_space_ = false;
    }
    pending_ = Break::kNone;
    if (preformatted) {
      for (char c : t) {
        if (c != '\r') out_.push_back(c);
      }
      return;
    }
    append_collapsed(out_, t, pending_space_);
  }

  std::string finish() {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\n')) out_.pop_back();
    return std::move(out_);
  }

 private:
  std::string out_;
  Break pending_ = Break::kNone;
  bool pending_space_ = false;
};

enum class Role : std::uint8_t { kInline, kDrop, kLineBreak, kParagraph, kLine, kCell, kHeading, kPre };

// What an element of NITF or XHTML (or NewsML 1's DataContent) is to the
// text. Names compare in lower case: some agencies write <P>.
Role role_of(std::string_view lower_name) {
  static constexpr std::array<std::string_view, 31> kDrop = {"head",
                                                             "header",
                                                             "footer",
                                                             "nav",
                                                             "aside",
                                                             "script",
                                                             "style",
                                                             "media",
                                                             "media-reference",
                                                             "media-metadata",
                                                             "media-object",
                                                             "media-caption",
                                                             "media-producer",
                                                             "figure",
                                                             "figcaption",
                                                             "img",
                                                             "object",
                                                             "iframe",
                                                             "video",
                                                             "audio",
                                                             "embed",
                                                             "noscript",
                                                             "template",
                                                             "svg",
                                                             "math",
                                                             "form",
                                                             "button",
                                                             "input",
                                                             "select",
                                                             "textarea",
                                                             "body.head"};
  static constexpr std::array<std::string_view, 26> kParagraph = {
      "p",    "block", "div",        "section", "article", "main",   "blockquote", "bq",           "ul",
      "ol",   "dl",    "table",      "address", "hr",      "fn",     "note",       "body.content", "body",
      "html", "nitf",  "nitf-table", "caption", "center",  "credit", "tagline",    "abstract"};
  static constexpr std::array<std::string_view, 8> kHeading = {"hl1", "hl2", "h1", "h2", "h3", "h4", "h5", "h6"};
  static constexpr std::array<std::string_view, 5> kLine = {"li", "dt", "dd", "tr", "nitf-tr"};
  auto in = [lower_name](const auto& table) {
    return std::find(table.begin(), table.end(), lower_name) != table.end();
  };
  if (in(kDrop)) return Role::kDrop;
  if (lower_name == "br") return Role::kLineBreak;
  if (lower_name == "pre") return Role::kPre;
  if (in(kHeading)) return Role::kHeading;
  if (in(kParagraph)) return Role::kParagraph;
  if (in(kLine)) return Role::kLine;
  if (lower_name == "td" || lower_name == "th" || lower_name == "nitf-td" || lower_name == "nitf-th") {
    return Role::kCell;
  }
  return Role::kInline;
}

Break break_of(Role role) {
  switch (role) {
    case Role::kParagraph:
    case Role::kHeading:
    case Role::kPre:
      return Break::kParagraph;
    case Role::kLine:
    case Role::kLineBreak:
      return Break::kLine;
    case Role::kCell:
      return Break::kSpace;
    default:
      return Break::kNone;
  }
}

constexpr std::array<std::string_view, 24> kHtmlTags = {
    "p",     "br", "div", "span", "a",  "b",  "i",  "em", "strong",     "ul",   "ol", "li",
    "table", "tr", "td",  "img",  "h1", "h2", "h3", "h4", "blockquote", "font", "hr", "iframe"};

// Portuguese, Spanish, French, German, Italian and Dutch month abbreviations
// and names that differ from English ones, with their English abbreviation.
struct MonthName {
  std::string_view name;
  std::string_view english;
};
constexpr std::array<MonthName, 40> kForeignMonths = {{
    {"ene", "Jan"},     {"gen", "Jan"},      {"janv", "Jan"},  {"janeiro", "Jan"},   {"januar", "Jan"},
    {"fev", "Feb"},     {"févr", "Feb"},     {"fevr", "Feb"},  {"fevereiro", "Feb"}, {"februar", "Feb"},
    {"mär", "Mar"},     {"mrz", "Mar"},      {"mrt", "Mar"},   {"mars", "Mar"},      {"março", "Mar"},
    {"abr", "Apr"},     {"avr", "Apr"},      {"abril", "Apr"}, {"mai", "May"},       {"mag", "May"},
    {"mei", "May"},     {"maio", "May"},     {"juin", "Jun"},  {"giu", "Jun"},       {"junho", "Jun"},
    {"juil", "Jul"},    {"lug", "Jul"},      {"julho", "Jul"}, {"ago", "Aug"},       {"août", "Aug"},
    {"set", "Sep"},     {"setembro", "Sep"}, {"out", "Oct"},   {"okt", "Oct"},       {"ott", "Oct"},
    {"outubro", "Oct"}, {"dez", "Dec"},      {"dic", "Dec"},   {"déc", "Dec"},       {"dezembro", "Dec"},
}};

bool is_letter_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

// "Seg, 24 Set 2018 19:42:40 -0300" -> "24 Sep 2018 19:42:40 -0300": the day
// name dropped, a foreign month name replaced. "" when it is not that shape.
std::string translate_rfc822(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  std::size_t word_end = i;
  while (word_end < text.size() && is_letter_byte(text[word_end])) ++word_end;
  std::size_t rest = word_end;
  if (word_end > i) {  // a day name, then "," or "." or both ("jeu.,")
    if (rest < text.size() && text[rest] == '.') ++rest;
    if (rest < text.size() && text[rest] == ',') ++rest;
    while (rest < text.size() && text[rest] == ' ') ++rest;
  }
  std::size_t day_end = rest;
  while (day_end < text.size() && is_digit(text[day_end])) ++day_end;
  if (day_end == rest || day_end - rest > 2 || day_end >= text.size() || text[day_end] != ' ') return {};
  const std::size_t month_start = day_end + 1;
  std::size_t month_end = month_start;
  while (month_end < text.size() && is_letter_byte(text[month_end])) ++month_end;
  std::string month = to_lower(text.substr(month_start, month_end - month_start));
  if (!month.empty() && month.back() == '.') month.pop_back();
  std::string out(text.substr(rest, day_end + 1 - rest));
  std::size_t after = month_end;
  const auto foreign = std::find_if(kForeignMonths.begin(), kForeignMonths.end(),
                                    [&month](const MonthName& m) { return m.name == month; });
  if (foreign != kForeignMonths.end()) {
    out += foreign->english;
    if (after < text.size() && text[after] == '.') ++after;
  } else {
    after = month_start;  // an English month after a foreign day name
  }
  out += text.substr(after);
  return out;
}

// "20131020T192751+1100" -> "2013-10-20T19:27:51+1100"; "20240710" -> "2024-07-10"; "" otherwise.
std::string expand_basic_iso(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.size() < 8 || !std::all_of(text.begin(), text.begin() + 8, is_digit)) return {};
  std::string out;
  out.append(text.substr(0, 4)).append("-").append(text.substr(4, 2)).append("-").append(text.substr(6, 2));
  if (text.size() == 8) return out;
  if (text[8] != 'T' && text[8] != 't') return {};
  std::string_view time = text.substr(9);
  std::size_t digits = 0;
  while (digits < time.size() && is_digit(time[digits])) ++digits;
  if (digits != 4 && digits != 6) return {};
  out.append("T").append(time.substr(0, 2)).append(":").append(time.substr(2, 2));
  if (digits == 6) out.append(":").append(time.substr(4, 2));
  out.append(time.substr(digits));
  return out;
}

}  // namespace

std::string markup_text(const XmlDoc& doc, std::uint32_t root, std::string_view title) {
  TextBuilder builder;
  if (root == kNoXmlNode) return {};
  const std::string title_collapsed = collapse_space(title);
  struct Step {
    std::uint32_t id;
    Break on_exit;  // kNone on entry; the element's break when leaving it
    bool exit;
    bool pre;
  };
  std::vector<Step> stack{{root, Break::kNone, false, false}};
  while (!stack.empty()) {
    const Step step = stack.back();
    stack.pop_back();
    if (step.exit) {
      builder.request(step.on_exit);
      continue;
    }
    const XmlNode& n = doc.node(step.id);
    if (n.is_text) {
      builder.text(n.text, step.pre);
      continue;
    }
    const std::string name = to_lower(n.name);
    Role role = role_of(name);
    if (step.id == root && role == Role::kDrop) role = Role::kParagraph;  // asked for explicitly
    if (role == Role::kDrop) continue;
    if (role == Role::kLineBreak) {
      builder.request(Break::kLine);
      continue;
    }
    if (name == "note" && doc.attr(step.id, "noteclass") == "editorsnote") continue;
    if (role == Role::kHeading && !title_collapsed.empty() && doc.text(step.id) == title_collapsed) continue;
    const Break b = break_of(role);
    builder.request(b);
    const bool pre = step.pre || role == Role::kPre;
    stack.push_back({step.id, b, true, pre});
    const std::size_t first = stack.size();
    for (std::uint32_t c = n.first_child; c != kNoXmlNode; c = doc.node(c).next_sibling) {
      stack.push_back({c, Break::kNone, false, pre});
    }
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end());
  }
  return builder.finish();
}

std::string html_text(std::string_view html) {
  if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
    return plain_text(html);
  }
  const Dom dom = Dom::parse(html);
  return render_text(dom, dom.root());
}

std::string plain_text(std::string_view text) {
  std::string out;
  bool blank_before = false;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    const std::string collapsed = collapse_space(line);
    if (collapsed.empty()) {
      blank_before = true;
      continue;
    }
    if (!out.empty()) out += blank_before ? "\n\n" : "\n";
    out += collapsed;
    blank_before = false;
  }
  return out;
}

bool looks_like_html(std::string_view text) {
  std::size_t pos = 0;
  while ((pos = text.find('<', pos)) != std::string_view::npos) {
    std::size_t i = pos + 1;
    if (i < text.size() && text[i] == '/') ++i;
    std::size_t end = i;
    while (end < text.size() &&
           ((text[end] >= 'a' && text[end] <= 'z') || (text[end] >= 'A' && text[end] <= 'Z') || is_digit(text[end]))) {
      ++end;
    }
    const std::string name = to_lower(text.substr(i, end - i));
    if (end < text.size() && std::find(kHtmlTags.begin(), kHtmlTags.end(), name) != kHtmlTags.end()) {
      if (text[end] == '>' || text.substr(end, 2) == "/>") return true;
      // A tag with attributes: "<a href=...>"; "a <b and c> d" is no tag.
      if (text[end] == ' ' || text[end] == '\n') {
        const std::size_t close = text.find('>', end);
        const std::size_t equals = text.find('=', end);
        if (close != std::string_view::npos && equals < close) return true;
      }
    }
    pos = pos + 1;
  }
  return false;
}

std::string element_text(const XmlDoc& doc, std::uint32_t id, std::string_view title) {
  if (id == kNoXmlNode) return {};
  if (!doc.children(id).empty()) return markup_text(doc, id, title);
  const std::string raw = doc.raw_text(id);
  return looks_like_html(raw) ? html_text(raw) : plain_text(raw);
}

std::optional<std::int64_t> parse_feed_date(std::string_view text) {
  if (std::optional<std::int64_t> t = dates::parse_date(text)) return t;
  if (const std::string iso = expand_basic_iso(text); !iso.empty()) return dates::parse_date(iso);
  if (const std::string english = translate_rfc822(text); !english.empty()) return dates::parse_date(english);
  return std::nullopt;
}

std::string clean_byline(std::string_view byline) {
  std::string s = collapse_space(byline);
  for (std::string_view prefix : {"by ", "von ", "par ", "por ", "door ", "di "}) {
    if (s.size() > prefix.size() && to_lower(s.substr(0, prefix.size())) == prefix) {
      s.erase(0, prefix.size());
      break;
    }
  }
  while (!s.empty() && (s.back() == ',' || s.back() == ' ')) s.pop_back();
  return s;
}

void pick_first(std::string& value, std::string& from, std::initializer_list<Candidate> candidates) {
  for (const Candidate& c : candidates) {
    std::string v = collapse_space(c.value);
    if (!v.empty()) {
      value = std::move(v);
      from = std::string(c.from);
      return;
    }
  }
}

void pick_date(std::string& date, std::string& from, std::optional<std::int64_t>& unix_s,
               std::initializer_list<Candidate> candidates) {
  for (const Candidate& c : candidates) {
    const std::string v = collapse_space(c.value);
    if (v.empty()) continue;
    if (std::optional<std::int64_t> t = parse_feed_date(v)) {
      date = v;
      from = std::string(c.from);
      unix_s = t;
      return;
    }
  }
  for (const Candidate& c : candidates) {
    std::string v = collapse_space(c.value);
    if (!v.empty()) {
      date = std::move(v);
      from = std::string(c.from);
      unix_s = std::nullopt;
      return;
    }
  }
}

}  // namespace newsdex::readers
