#include "indexer/readers/html_metadata.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "indexer/readers/ascii.h"
#include "indexer/readers/html_text.h"

namespace newsdex::readers {
namespace {

using nlohmann::json;

// JSON-LD blocks larger than this are not parsed (real ones are a few KB to a
// few hundred KB with a full articleBody).
constexpr std::size_t kMaxJsonLdBytes = 4u << 20;
// Nesting deeper than this is no real JSON-LD; the limit keeps parsing and
// freeing the value (both recursive in nlohmann-json) off the stack's edge.
constexpr int kMaxJsonLdDepth = 64;
// Headline candidates longer than this are not headlines.
constexpr std::size_t kMaxTitleBytes = 600;

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_lower(s.substr(0, prefix.size())) == prefix;
}

// Letters and digits only, lower case: "The New-York Times" -> "thenewyorktimes".
std::string squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

bool looks_like_url(std::string_view s) {
  return starts_with_ci(s, "http://") || starts_with_ci(s, "https://") || starts_with_ci(s, "//") ||
         starts_with_ci(s, "www.");
}

int json_depth(std::string_view text) {
  int depth = 0;
  int max_depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      max_depth = std::max(max_depth, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return max_depth;
}

// Parses a JSON-LD script's text, forgiving what pages get wrong: raw line
// breaks and tabs inside strings, HTML comment or CDATA wrappers.
std::optional<json> parse_json_ld(std::string_view raw) {
  if (raw.size() > kMaxJsonLdBytes) return std::nullopt;
  std::string text(raw);
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  for (const char* wrapper : {"<!--", "-->", "<![CDATA[", "]]>", "//<![CDATA[", "//]]>"}) {
    const std::size_t at = text.find(wrapper);
    if (at != std::string::npos && text.find_first_not_of(' ') >= at) text.erase(at, std::string_view(wrapper).size());
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.size() >= 3 && text.compare(text.size() - 3, 3, "-->") == 0) text.resize(text.size() - 3);
  if (json_depth(text) > kMaxJsonLdDepth) return std::nullopt;
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    // Two objects side by side ("{...}{...}") or a trailing ';': take them as an array.
    std::string as_array = "[" + text + "]";
    std::size_t pos = 0;
    while ((pos = as_array.find("}{", pos)) != std::string::npos) as_array.replace(pos, 2, "},{");
    while ((pos = as_array.find("} {", 0)) != std::string::npos) as_array.replace(pos, 3, "},{");
    if (as_array.size() > 2 && as_array[as_array.size() - 2] == ';') as_array.erase(as_array.size() - 2, 1);
    value = json::parse(as_array, nullptr, false);
    if (value.is_discarded()) return std::nullopt;
  }
  return value;
}

std::string type_name(std::string_view t) {
  for (std::string_view prefix : {"http://schema.org/", "https://schema.org/", "schema:"}) {
    if (t.substr(0, prefix.size()) == prefix) t.remove_prefix(prefix.size());
  }
  return std::string(t);
}

std::vector<std::string> types_of(const json& object) {
  std::vector<std::string> out;
  const auto it = object.find("@type");
  if (it == object.end()) return out;
  if (it->is_string()) out.push_back(type_name(it->get_ref<const std::string&>()));
  if (it->is_array()) {
    for (const json& t : *it) {
      if (t.is_string()) out.push_back(type_name(t.get_ref<const std::string&>()));
    }
  }
  return out;
}

bool is_article_type(std::string_view t) {
  static constexpr std::array<std::string_view, 14> kTypes = {"NewsArticle",          "Article",
                                                              "ReportageNewsArticle", "BlogPosting",
                                                              "AnalysisNewsArticle",  "OpinionNewsArticle",
                                                              "ReviewNewsArticle",    "BackgroundNewsArticle",
                                                              "LiveBlogPosting",      "TechArticle",
                                                              "ScholarlyArticle",     "Report",
                                                              "SatiricalArticle",     "AskPublicMediaNewsArticle"};
  return std::find(kTypes.begin(), kTypes.end(), t) != kTypes.end();
}

// Every object carrying an @type, depth first (inside @graph, arrays and properties).
void collect_typed(const json& value, std::vector<const json*>& out, int depth) {
  if (depth > kMaxJsonLdDepth) return;
  if (value.is_array()) {
    for (const json& v : value) collect_typed(v, out, depth + 1);
  } else if (value.is_object()) {
    if (value.contains("@type")) out.push_back(&value);
    for (const auto& [key, v] : value.items()) {
      if (v.is_object() || v.is_array()) collect_typed(v, out, depth + 1);
    }
  }
}

// A string property, or the "name" / "@id" of an object property; first of an array.
std::string json_string(const json& object, std::string_view key, std::string_view inner = "name") {
  const auto it = object.find(key);
  if (it == object.end()) return {};
  const json* v = &*it;
  if (v->is_array() && !v->empty()) v = &(*v)[0];
  if (v->is_string()) return v->get<std::string>();
  if (v->is_object()) {
    const auto n = v->find(inner);
    if (n != v->end() && n->is_string()) return n->get<std::string>();
  }
  return {};
}

// Names of the author property: a string, an object with a name, or an array of either.
std::string json_authors(const json& object) {
  const auto it = object.find("author");
  if (it == object.end()) return {};
  std::vector<std::string> names;
  auto add = [&names](const json& a) {
    std::string name;
    if (a.is_string()) name = a.get<std::string>();
    if (a.is_object()) {
      const auto n = a.find("name");
      if (n != a.end() && n->is_string()) name = n->get<std::string>();
    }
    name = fragment_text(name);
    if (!name.empty() && !looks_like_url(name) && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
  };
  if (it->is_array()) {
    for (const json& a : *it) add(a);
  } else {
    add(*it);
  }
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

struct Candidate {
  std::string value;
  std::string from;
};

// Sets a field from the first non-empty candidate.
void take(std::string& field, std::string& from, std::initializer_list<Candidate> candidates) {
  for (const Candidate& c : candidates) {
    if (!c.value.empty()) {
      field = c.value;
      from = c.from;
      return;
    }
  }
}

// "By Jane Doe" -> "Jane Doe"; URLs and handles are no author.
std::string clean_author(std::string_view raw) {
  std::string s = fragment_text(raw);
  if (starts_with_ci(s, "by ")) s.erase(0, 3);
  if (s.empty() || looks_like_url(s) || s[0] == '@' || s.size() > 200) return {};
  return s;
}

}  // namespace

std::string primary_language(std::string_view tag) {
  std::string s = ascii_lower(collapse_space(tag));
  const std::size_t cut = s.find_first_of("-_");
  if (cut != std::string::npos) s.resize(cut);
  if (s.size() < 2 || s.size() > 3) return {};
  for (char c : s) {
    if (c < 'a' || c > 'z') return {};
  }
  return s;
}

std::string url_host(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  const std::size_t at = rest.rfind('@');
  if (at != std::string_view::npos) rest.remove_prefix(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host = ascii_lower(rest);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

std::string resolve_url(std::string_view href, std::string_view base) {
  std::string h = collapse_space(href);
  if (h.empty()) return {};
  const std::size_t scheme = base.find("://");
  if (h.find("://") != std::string::npos || starts_with_ci(h, "mailto:") || scheme == std::string_view::npos) return h;
  if (h.rfind("//", 0) == 0) return std::string(base.substr(0, scheme + 1)) + h;
  const std::size_t path_start = base.find('/', scheme + 3);
  const std::string_view origin = base.substr(0, path_start);
  if (h[0] == '/') return std::string(origin) + h;
  std::string_view dir = path_start == std::string_view::npos ? std::string_view("/") : base.substr(path_start);
  dir = dir.substr(0, dir.find_first_of("?#"));
  dir = dir.substr(0, dir.rfind('/') + 1);
  return std::string(origin) + std::string(dir) + h;
}

std::string strip_site_name(std::string_view raw_title, std::string_view site_name, std::string_view page_url,
                            std::string_view headline) {
  std::string title = collapse_space(raw_title);
  const std::string head = collapse_space(headline);
  const std::string site = squeeze(site_name);
  std::string host_label = url_host(page_url);
  host_label = squeeze(host_label.substr(0, host_label.find('.')));
  auto names_site = [&](std::string_view part) {
    const std::string p = squeeze(part);
    if (p.empty()) return false;
    if (!site.empty() && (p == site || (p.size() >= 4 && site.find(p) != std::string::npos) ||
                          (site.size() >= 4 && p.find(site) != std::string::npos))) {
      return true;
    }
    return host_label.size() >= 3 && (p == host_label || (p.size() >= 4 && host_label.find(p) != std::string::npos) ||
                                      p.find(host_label) != std::string::npos);
  };
  static constexpr std::array<std::string_view, 9> kSeparators = {
      " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / ", " » "};
  for (int round = 0; round < 2; ++round) {
    // The separator nearest the end, and the one nearest the start.
    std::size_t last = std::string::npos, last_len = 0, first = std::string::npos, first_len = 0;
    for (std::string_view sep : kSeparators) {
      const std::size_t r = title.rfind(sep);
      if (r != std::string::npos && (last == std::string::npos || r > last)) {
        last = r;
        last_len = sep.size();
      }
      const std::size_t f = title.find(sep);
      if (f != std::string::npos && (first == std::string::npos || f < first)) {
        first = f;
        first_len = sep.size();
      }
    }
    if (last == std::string::npos) break;
    const std::string before = title.substr(0, last);
    const std::string after = title.substr(last + last_len);
    const std::string lead = title.substr(0, first);
    const std::string rest = title.substr(first + first_len);
    if (names_site(after) || (!head.empty() && squeeze(before) == squeeze(head))) {
      title = before;
    } else if (names_site(lead) || (!head.empty() && squeeze(rest) == squeeze(head))) {
      title = rest;
    } else {
      break;
    }
  }
  return title;
}

PageMetadata extract_metadata(const Dom& dom, std::string_view page_url) {
  PageMetadata meta;
  // ---- <meta>, <link>, <title>, <html lang>, JSON-LD scripts: one pass.
  std::vector<std::pair<std::string, std::string>> metas;  // (lower-case key, content)
  std::string canonical, title_text, html_lang, h1, itemprop_date, itemprop_author, time_date, rel_author, rdfa_date;
  std::vector<const json*> typed;
  std::vector<json> json_ld_values;
  json_ld_values.reserve(8);
  for (std::uint32_t i = 0; i < dom.size(); ++i) {
    const Node& n = dom.node(i);
    switch (n.tag) {
      case Tag::kHtml:
        if (html_lang.empty()) html_lang = std::string(dom.attr(i, "lang"));
        if (html_lang.empty()) html_lang = std::string(dom.attr(i, "xml:lang"));
        break;
      case Tag::kMeta: {
        std::string key(dom.attr(i, "property"));
        if (key.empty()) key = std::string(dom.attr(i, "name"));
        if (key.empty()) key = std::string(dom.attr(i, "itemprop"));
        if (key.empty()) key = std::string(dom.attr(i, "http-equiv"));
        std::string_view content = dom.attr(i, "content");
        if (!key.empty() && !content.empty())
          metas.emplace_back(ascii_lower(collapse_space(key)), collapse_space(content));
        break;
      }
      case Tag::kLink: {
        const std::string rel = ascii_lower(dom.attr(i, "rel"));
        if (rel == "canonical" && canonical.empty()) canonical = std::string(dom.attr(i, "href"));
        break;
      }
      case Tag::kTitle:
        if (title_text.empty()) title_text = text_content(dom, i);
        break;
      case Tag::kH1:
        if (h1.empty()) h1 = text_content(dom, i);
        break;
      case Tag::kTime: {
        const std::string_view dt = dom.attr(i, "datetime");
        if (!dt.empty()) {
          if (ascii_lower(dom.attr(i, "itemprop")) == "datepublished" && itemprop_date.empty()) itemprop_date = dt;
          if (time_date.empty() || dom.has_attr(i, "pubdate")) time_date = dt;
        }
        break;
      }
      case Tag::kA:
        if (rel_author.empty() && ascii_lower(dom.attr(i, "rel")) == "author") rel_author = text_content(dom, i);
        break;
      case Tag::kScript:
        if (dom.attr(i, "type").find("ld+json") != std::string_view::npos && n.first_child != kNoNode) {
          std::string text;
          for (std::uint32_t c = n.first_child; c != kNoNode; c = dom.node(c).next_sibling) text += dom.node(c).text;
          if (auto value = parse_json_ld(text)) json_ld_values.push_back(std::move(*value));
        }
        break;
      default:
        break;
    }
    // RDFa on an element (Drupal and other CMSs): property="dc:date dc:created" content="2014-02-20T15:26:39+00:00".
    if (n.tag != Tag::kText && n.tag != Tag::kMeta && rdfa_date.empty() && dom.has_attr(i, "property") &&
        dom.has_attr(i, "content")) {
      const std::string props = ascii_lower(dom.attr(i, "property"));
      for (std::string_view p : {"dc:date", "dc:created", "dcterms:created", "dcterms:issued", "dcterms:date"}) {
        if (props.find(p) != std::string::npos) {
          rdfa_date = collapse_space(dom.attr(i, "content"));
          break;
        }
      }
    }
    if (n.tag != Tag::kText && n.tag != Tag::kMeta && dom.has_attr(i, "itemprop")) {
      const std::string prop = ascii_lower(dom.attr(i, "itemprop"));
      if (prop == "datepublished" && itemprop_date.empty()) {
        std::string_view v = dom.attr(i, "content");
        if (v.empty()) v = dom.attr(i, "datetime");
        itemprop_date = std::string(v);
      } else if (prop == "author" && itemprop_author.empty()) {
        itemprop_author = text_content(dom, i);
        if (itemprop_author.size() > 100) itemprop_author.clear();  // a whole author box, not a name
      }
    }
  }
  auto m = [&metas](std::string_view key) -> std::string {
    for (const auto& [k, v] : metas) {
      if (k == key) return v;
    }
    return {};
  };

  // ---- JSON-LD: the first object of an article type wins; a WebPage may give a date.
  for (const json& v : json_ld_values) collect_typed(v, typed, 0);
  const json* article = nullptr;
  const json* page = nullptr;
  for (const json* object : typed) {
    for (const std::string& t : types_of(*object)) {
      if (std::find(meta.json_ld_types.begin(), meta.json_ld_types.end(), t) == meta.json_ld_types.end()) {
        meta.json_ld_types.push_back(t);
      }
      if (is_article_type(t) && article == nullptr) article = object;
      if ((t == "WebPage" || t == "ItemPage") && page == nullptr) page = object;
    }
  }
  std::string ld_headline, ld_date, ld_modified, ld_author, ld_publisher, ld_lang, ld_url;
  if (article != nullptr) {
    meta.json_ld_article = true;
    ld_headline = fragment_text(json_string(*article, "headline"));
    if (ld_headline.empty()) ld_headline = fragment_text(json_string(*article, "name"));
    ld_date = json_string(*article, "datePublished");
    if (ld_date.empty()) ld_date = json_string(*article, "dateCreated");
    ld_modified = json_string(*article, "dateModified");
    ld_author = json_authors(*article);
    ld_publisher = fragment_text(json_string(*article, "publisher"));
    ld_lang = json_string(*article, "inLanguage");
    ld_url = json_string(*article, "url");
    if (ld_url.empty()) ld_url = json_string(*article, "mainEntityOfPage", "@id");
    meta.json_ld_body_raw = json_string(*article, "articleBody");
    meta.json_ld_body = fragment_text(meta.json_ld_body_raw);
  }
  if (page != nullptr) {
    if (ld_date.empty()) ld_date = json_string(*page, "datePublished");
    if (ld_lang.empty()) ld_lang = json_string(*page, "inLanguage");
  }
  meta.og_type = ascii_lower(m("og:type"));

  // ---- Each field from its sources, best first.
  take(meta.source, meta.source_from,
       {{fragment_text(m("og:site_name")), "og"},
        {ld_publisher, "json-ld"},
        {m("application-name"), "meta"},
        {url_host(page_url), "host"}});
  const std::string og_title = fragment_text(m("og:title"));
  const std::string twitter_title = fragment_text(m("twitter:title"));
  std::string headline_hint = !h1.empty() ? h1 : (!og_title.empty() ? og_title : ld_headline);
  const std::string cleaned_title = strip_site_name(title_text, meta.source, page_url, headline_hint);
  take(meta.title, meta.title_from,
       {{strip_site_name(ld_headline, meta.source, page_url, h1), "json-ld"},
        {strip_site_name(og_title, meta.source, page_url, h1), "og"},
        {strip_site_name(twitter_title, meta.source, page_url, h1), "twitter"},
        {cleaned_title, "title"},
        {fragment_text(m("dc.title")), "dc"},
        {h1, "h1"}});
  if (meta.title.size() > kMaxTitleBytes) {
    std::size_t cut = kMaxTitleBytes;  // back to the start of a character
    while (cut > 0 && (static_cast<unsigned char>(meta.title[cut]) & 0xC0) == 0x80) --cut;
    meta.title.resize(cut);
    while (!meta.title.empty() && meta.title.back() == ' ') meta.title.pop_back();  // cut after a space
  }

  take(meta.date, meta.date_from,
       {{ld_date, "json-ld"},
        {m("article:published_time"), "article"},
        {m("og:published_time"), "og"},
        {itemprop_date, "itemprop"},
        {rdfa_date, "rdfa"},
        {m("dc.date.issued"), "dc"},
        {m("dcterms.issued"), "dc"},
        {m("dcterms.created"), "dc"},
        {m("dc.date"), "dc"},
        {m("dcterms.date"), "dc"},
        {m("pubdate"), "meta"},
        {m("publishdate"), "meta"},
        {m("publish-date"), "meta"},
        {m("publish_date"), "meta"},
        {m("publication_date"), "meta"},
        {m("date"), "meta"},
        {m("sailthru.date"), "meta"},
        {m("parsely-pub-date"), "meta"},
        {m("article.published"), "meta"},
        {m("article_date_original"), "meta"},
        {m("original-publish-date"), "meta"},
        {m("citation_publication_date"), "meta"},
        {time_date, "time"}});
  take(meta.date_modified, meta.date_modified_from,
       {{ld_modified, "json-ld"},
        {m("article:modified_time"), "article"},
        {m("og:updated_time"), "og"},
        {m("dcterms.modified"), "dc"},
        {m("last-modified"), "meta"}});
  take(meta.author, meta.author_from,
       {{ld_author, "json-ld"},
        {clean_author(m("author")), "meta"},
        {clean_author(m("article:author")), "article"},
        {clean_author(m("dc.creator")), "dc"},
        {clean_author(m("parsely-author")), "meta"},
        {clean_author(m("sailthru.author")), "meta"},
        {clean_author(itemprop_author), "itemprop"},
        {clean_author(rel_author), "link"}});
  take(meta.url, meta.url_from,
       {{resolve_url(canonical, page_url), "canonical"},
        {resolve_url(m("og:url"), page_url), "og"},
        {resolve_url(ld_url, page_url), "json-ld"},
        {std::string(page_url), "hint"}});
  take(meta.lang, meta.lang_from,
       {{primary_language(html_lang), "html"},
        {primary_language(m("content-language")), "meta"},
        {primary_language(m("language")), "meta"},
        {primary_language(m("dc.language")), "dc"},
        {primary_language(ld_lang), "json-ld"},
        {primary_language(m("og:locale")), "og"}});
  return meta;
}

}  // namespace newsdex::readers
