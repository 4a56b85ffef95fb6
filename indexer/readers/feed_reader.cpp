#include "indexer/readers/feed_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "common/error.h"
#include "indexer/readers/ascii.h"
#include "indexer/readers/feed_formats.h"
#include "indexer/readers/feed_xml.h"
#include "indexer/readers/html_charset.h"

namespace newsdex::readers {
namespace {

// Entities a document declares may expand to this much text at least (more for
// a larger document: as much as the document itself).
constexpr std::size_t kMinEntityBudget = 1u << 20;

// NewsML-G2's item elements, any of which may be the root.
constexpr std::array<std::string_view, 7> kG2Roots = {"newsItem",     "newsMessage",   "packageItem", "conceptItem",
                                                      "planningItem", "knowledgeItem", "catalogItem"};

constexpr std::string_view kAtom03Ns = "http://purl.org/atom/ns#";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string mib(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The format a root element names; `ns` is the root's namespace and
// `declared` every namespace its start tag declares (RSS 1.0 puts its own on
// the children, so the declarations are what tell an RSS <RDF> apart).
FeedFormat format_of_root(std::string_view local, std::string_view ns, const std::vector<std::string>& declared) {
  if (local == "nitf") return FeedFormat::kNitf;
  if (std::find(kG2Roots.begin(), kG2Roots.end(), local) != kG2Roots.end()) return FeedFormat::kNewsMlG2;
  if (local == "NewsML") return FeedFormat::kNewsMl1;
  if (local == "rss") return FeedFormat::kRss;
  if (local == "RDF") {
    for (const std::string& uri : declared) {
      if (uri == kRss1Ns || uri == kRss09Ns) return FeedFormat::kRss;
    }
    return FeedFormat::kUnknown;
  }
  if ((local == "feed" || local == "entry") && (ns == kAtomNs || ns == kAtom03Ns)) return FeedFormat::kAtom;
  return FeedFormat::kUnknown;
}

// ---- sniffing

struct StartTag {
  bool found = false;    // a root start tag was seen
  bool not_xml = false;  // the bytes are not XML (text, JSON, a broken prolog)
  std::string qname;
  std::vector<std::pair<std::string, std::string>> xmlns;  // prefix ("" = default) -> URI
};

// Skips the prolog of `s` and reads the root element's start tag.
StartTag read_start_tag(std::string_view s) {
  StartTag tag;
  std::size_t i = 0;
  for (;;) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size()) return tag;  // ran out: undecided
    if (s[i] != '<') {
      tag.not_xml = true;
      return tag;
    }
    const std::string_view rest = s.substr(i);
    std::size_t end = std::string_view::npos;
    if (rest.substr(0, 2) == "<?") {
      end = rest.find("?>");
      if (end != std::string_view::npos) end += 2;
    } else if (rest.substr(0, 4) == "<!--") {
      end = rest.find("-->");
      if (end != std::string_view::npos) end += 3;
    } else if (rest.substr(0, 2) == "<!") {
      // <!DOCTYPE ...> with an optional [internal subset].
      const std::size_t bracket = rest.find('[');
      const std::size_t close = rest.find('>');
      if (bracket != std::string_view::npos && (close == std::string_view::npos || bracket < close)) {
        const std::size_t subset_end = rest.find(']', bracket);
        end = subset_end == std::string_view::npos ? subset_end : rest.find('>', subset_end);
      } else {
        end = close;
      }
      if (end != std::string_view::npos) end += 1;
    } else {
      break;
    }
    if (end == std::string_view::npos) return tag;  // ran out inside the prolog
    i += end;
  }
  ++i;  // '<'
  const std::size_t name_start = i;
  while (i < s.size() && !is_space(s[i]) && s[i] != '>' && s[i] != '/') ++i;
  tag.qname = std::string(s.substr(name_start, i - name_start));
  if (tag.qname.empty() || !(std::isalpha(static_cast<unsigned char>(tag.qname[0])) || tag.qname[0] == '_')) {
    tag.not_xml = true;
    return tag;
  }
  if (i >= s.size()) return tag;  // the name may be cut short: undecided
  tag.found = true;
  // Attributes up to '>' (or as far as `s` goes): keep the xmlns ones.
  while (i < s.size() && s[i] != '>') {
    while (i < s.size() && (is_space(s[i]) || s[i] == '/')) ++i;
    const std::size_t attr_start = i;
    while (i < s.size() && s[i] != '=' && !is_space(s[i]) && s[i] != '>') ++i;
    const std::string_view name = s.substr(attr_start, i - attr_start);
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size() || s[i] != '=') continue;
    ++i;
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size() || (s[i] != '"' && s[i] != '\'')) break;
    const char quote = s[i++];
    const std::size_t value_end = s.find(quote, i);
    if (value_end == std::string_view::npos) break;
    const std::string_view value = s.substr(i, value_end - i);
    i = value_end + 1;
    if (name == "xmlns") tag.xmlns.emplace_back("", value);
    if (name.substr(0, 6) == "xmlns:") tag.xmlns.emplace_back(name.substr(6), value);
  }
  return tag;
}

FeedFormat format_from_name(std::string_view file_name) {
  const std::string name = ascii_lower(file_name);
  if (ends_with(name, ".nitf")) return FeedFormat::kNitf;
  if (ends_with(name, ".rss") || ends_with(name, ".rdf")) return FeedFormat::kRss;
  if (ends_with(name, ".atom")) return FeedFormat::kAtom;
  return FeedFormat::kUnknown;
}

// The encoding="..." of an XML declaration at the start of `bytes`; "" if none.
std::string xml_declared_encoding(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (bytes.substr(0, 5) != "<?xml") return {};
  const std::string_view decl = bytes.substr(0, bytes.find("?>"));
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t i = at + 8;
  while (i < decl.size() && is_space(decl[i])) ++i;
  if (i >= decl.size() || decl[i] != '=') return {};
  ++i;
  while (i < decl.size() && is_space(decl[i])) ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return {};
  const char quote = decl[i++];
  const std::size_t end = decl.find(quote, i);
  if (end == std::string_view::npos) return {};
  return std::string(decl.substr(i, end - i));
}

// "origin:12: message", or "origin: message" when the line is unknown.
std::string located(std::string_view origin, std::uint32_t line, std::string_view message) {
  std::string out(origin);
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  out += message;
  return out;
}

}  // namespace

std::string_view describe(FeedFormat format) {
  switch (format) {
    case FeedFormat::kNitf:
      return "nitf";
    case FeedFormat::kNewsMlG2:
      return "newsml-g2";
    case FeedFormat::kNewsMl1:
      return "newsml-1";
    case FeedFormat::kRss:
      return "rss";
    case FeedFormat::kAtom:
      return "atom";
    case FeedFormat::kUnknown:
      return "unknown";
  }
  return "unknown";
}

FeedFormat sniff_feed_format(std::string_view head, std::string_view file_name) {
  std::string narrowed;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") {
    head.remove_prefix(3);
  } else if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") {
    // UTF-16: the markup that decides is ASCII, so dropping the zero bytes is enough.
    for (char c : head.substr(2)) {
      if (c != '\0') narrowed.push_back(c);
    }
    head = narrowed;
  }
  const StartTag tag = read_start_tag(head);
  if (tag.not_xml) return FeedFormat::kUnknown;
  if (!tag.found) return format_from_name(file_name);
  const std::size_t colon = tag.qname.find(':');
  const std::string prefix = colon == std::string::npos ? std::string() : tag.qname.substr(0, colon);
  const std::string local = colon == std::string::npos ? tag.qname : tag.qname.substr(colon + 1);
  std::string ns;
  std::vector<std::string> declared;
  for (const auto& [p, uri] : tag.xmlns) {
    if (p == prefix) ns = uri;
    declared.push_back(uri);
  }
  return format_of_root(local, ns, declared);
}

std::string record_message(std::string_view origin, const FeedRecord& record) {
  std::string message = record.where + ": ";
  message += record.article ? std::string("article") : record.skip_reason;
  return located(origin, record.line, message);
}

FeedRecord make_record(const XmlDoc& doc, std::uint32_t element, std::size_t number, std::string where) {
  FeedRecord record;
  record.number = number;
  record.where = std::move(where);
  record.line = doc.node(element).line;
  return record;
}

void settle(FeedRecord& record, FeedArticle article, std::string_view empty_reason) {
  if (article.title.empty() && article.body.empty()) {
    record.skip_reason = std::string(empty_reason);
    return;
  }
  record.article = std::move(article);
}

FeedDocument read_feed(std::string_view bytes, std::string_view origin) {
  if (bytes.size() > kMaxFeedBytes) {
    throw Error(std::string(origin) + ": XML document of " + mib(bytes.size()) + " is larger than the " +
                mib(kMaxFeedBytes) + " limit for one document");
  }
  FeedDocument out;
  DecodedHtml decoded;
  try {
    // Only the XML declaration declares: a <meta charset> in XHTML content does not.
    decoded = decode_html(bytes, xml_declared_encoding(bytes), false);
  } catch (const Error& e) {
    std::string message = e.what();
    if (message.rfind("HTML page: ", 0) == 0) message.erase(0, 11);
    throw Error(std::string(origin) + ": " + message);
  }
  out.charset = decoded.charset;
  // decode_html calls the charset it was handed "http"; here that is the XML declaration.
  out.charset_from = decoded.charset_from == "http" ? "xml" : decoded.charset_from;

  const XmlDoc doc = XmlDoc::parse(decoded.utf8, std::max(kMinEntityBudget, bytes.size()), kMaxFeedProblems);
  decoded.utf8 = std::string();  // the tree holds the text now
  for (const XmlProblem& p : doc.problems()) out.problems.push_back(located(origin, p.line, p.message));
  out.complete = doc.complete();

  const std::uint32_t root = doc.root();
  if (root == kNoXmlNode) {
    std::string message = std::string(origin) + ": no XML root element";
    if (!doc.problems().empty()) {
      message += " (line " + std::to_string(doc.problems().front().line) + ": " + doc.problems().front().message + ")";
    }
    throw Error(message);
  }
  std::vector<std::string> declared;
  for (std::uint32_t c = doc.node(root).first_child; c != kNoXmlNode; c = doc.node(c).next_sibling) {
    if (!doc.node(c).is_text) declared.emplace_back(doc.ns_uri(c));
  }
  out.format = format_of_root(doc.node(root).name, doc.ns_uri(root), declared);
  switch (out.format) {
    case FeedFormat::kNitf:
      out.records = read_nitf(doc, root);
      break;
    case FeedFormat::kNewsMlG2:
      out.records = read_newsml_g2(doc, root);
      break;
    case FeedFormat::kNewsMl1:
      out.records = read_newsml_1(doc, root);
      break;
    case FeedFormat::kRss:
      out.records = read_rss(doc, root);
      break;
    case FeedFormat::kAtom:
      out.records = read_atom(doc, root);
      break;
    case FeedFormat::kUnknown:
      throw Error(std::string(origin) + ": not a news feed or agency format (root element <" + doc.node(root).name +
                  ">)");
  }
  return out;
}

}  // namespace newsdex::readers
