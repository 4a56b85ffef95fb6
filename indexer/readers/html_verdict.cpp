#include "indexer/readers/html_verdict.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "indexer/readers/ascii.h"
#include "indexer/readers/html_text.h"

namespace newsdex::readers {
namespace {

// A line of running prose: 120 bytes without white space (about 20 words,
// 40 CJK characters).
constexpr std::size_t kProseLineBytes = 120;
// What a page with no article markup, date or byline must show to be taken
// for an article: a prose_score of 40 (Readability's own threshold, 20,
// answers "is there any text to read"; a page with no sign of being an
// article must show more), or six paragraphs of prose, or three under a
// headline that repeats its title. A date or byline alone asks for one
// paragraph of prose (not a list of short lines).
constexpr double kProseWithoutEvidence = 40.0;
constexpr std::size_t kProseParagraphsWithoutEvidence = 6;
constexpr std::size_t kProseParagraphsUnderHeadline = 3;
// Error and log-in pages are short; above this many words a page saying "not
// found" somewhere in its title is taken to be about something else.
constexpr std::size_t kMaxShortPageWords = 300;

// Lower case in every script ("О компании" -> "о компании"), white space collapsed.
std::string fold(std::string_view s) {
  const std::string collapsed = collapse_space(s);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(collapsed.data(), static_cast<std::int32_t>(collapsed.size())));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool has_type(const PageMetadata& meta, std::string_view type) {
  return std::find(meta.json_ld_types.begin(), meta.json_ld_types.end(), type) != meta.json_ld_types.end();
}

template <std::size_t N>
bool contains_any(std::string_view s, const std::array<std::string_view, N>& needles) {
  for (std::string_view n : needles) {
    if (s.find(n) != std::string_view::npos) return true;
  }
  return false;
}

// ---- the URL

struct UrlParts {
  std::string_view path;   // "/a/b.html"; "" when the URL has none
  std::string_view query;  // after '?', without the fragment
  bool absolute = false;   // scheme and host present
};

UrlParts split_url(std::string_view url) {
  UrlParts parts;
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return parts;
  parts.absolute = true;
  std::string_view rest = url.substr(scheme + 3);
  const std::size_t fragment = rest.find('#');
  if (fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  const std::size_t host_end = rest.find_first_of("/?");
  if (host_end == std::string_view::npos) return parts;
  rest.remove_prefix(host_end);
  const std::size_t q = rest.find('?');
  parts.path = rest.substr(0, q);
  if (q != std::string_view::npos) parts.query = rest.substr(q + 1);
  return parts;
}

// The path's segments, lower case, without empty ones.
std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    const std::size_t j = std::min(path.find('/', i), path.size());
    if (j > i) out.push_back(ascii_lower(path.substr(i, j - i)));
    i = j + 1;
  }
  return out;
}

std::string without_extension(std::string s) {
  const std::size_t dot = s.rfind('.');
  if (dot != std::string::npos && dot > 0 && s.size() - dot <= 6) s.resize(dot);
  return s;
}

// "/", "", "/index.html", "/default.aspx", "/home" without a query: the site's front door.
bool is_home_url(const UrlParts& url) {
  if (!url.absolute || !url.query.empty()) return false;
  const std::vector<std::string> segs = segments(url.path);
  if (segs.empty()) return true;
  if (segs.size() != 1) return false;
  const std::string name = without_extension(segs[0]);
  return name == "index" || name == "default" || name == "home" || name == "start";
}

// Paths of listings (courlan's content filters follow the same idea): the
// last or second-to-last segment names a tag, category, topic, author or
// search page ("/tag/storms", "/category/news/page/2", "/search").
bool is_listing_url(const UrlParts& url) {
  static constexpr std::array<std::string_view, 14> kListing = {
      "tag",     "tags",   "category",   "categories", "topic",    "topics",    "author",
      "authors", "search", "schlagwort", "kategorie",  "rubrique", "categoria", "etiqueta"};
  std::vector<std::string> segs = segments(url.path);
  // A trailing "page/N" is the pagination of the listing.
  if (segs.size() >= 2 && segs[segs.size() - 2] == "page" &&
      std::all_of(segs.back().begin(), segs.back().end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    segs.resize(segs.size() - 2);
  }
  if (segs.empty()) return false;
  if (std::find(kListing.begin(), kListing.end(), without_extension(segs.back())) != kListing.end()) return true;
  return segs.size() >= 2 && std::find(kListing.begin(), kListing.end(), segs[segs.size() - 2]) != kListing.end();
}

// The words of a site's own pages, in URL slugs ("about-us", "cookies-policy",
// "terms_of_use.html") and titles.
bool is_service_word(std::string_view w, bool* key) {
  static constexpr std::array<std::string_view, 32> kKey = {
      "about",  "aboutus", "contact", "contacts",    "contactus", "imprint",    "impressum", "privacy",
      "cookie", "cookies", "terms",   "tos",         "legal",     "disclaimer", "faq",       "faqs",
      "help",   "sitemap", "login",   "logon",       "signin",    "signup",     "register",  "registration",
      "user",   "account", "company", "datenschutz", "kontakt",   "agb",        "mentions",  "careers"};
  static constexpr std::array<std::string_view, 14> kFiller = {"us",   "policy",     "policies", "of",     "use",
                                                               "and",  "conditions", "service",  "notice", "page",
                                                               "sign", "in",         "up",       "legales"};
  if (std::find(kKey.begin(), kKey.end(), w) != kKey.end()) {
    *key = true;
    return true;
  }
  return std::find(kFiller.begin(), kFiller.end(), w) != kFiller.end();
}

// The last path segment is made of service words only: "/about", "/cookies-policy", "/user".
bool is_service_slug(const UrlParts& url, std::string* slug) {
  const std::vector<std::string> segs = segments(url.path);
  if (segs.empty()) return false;
  const std::string name = without_extension(segs.back());
  bool key = false;
  std::size_t i = 0;
  while (i < name.size()) {
    const std::size_t j = std::min(name.find_first_of("-_.+ ", i), name.size());
    if (j > i && !is_service_word(std::string_view(name).substr(i, j - i), &key)) return false;
    i = j + 1;
  }
  if (key) *slug = name;
  return key;
}

// Titles of a site's own pages in the languages most common on the web.
bool is_service_title(const std::string& folded) {
  static constexpr std::array<std::string_view, 52> kTitles = {"about",
                                                               "about us",
                                                               "contact",
                                                               "contact us",
                                                               "contacts",
                                                               "imprint",
                                                               "impressum",
                                                               "privacy",
                                                               "privacy policy",
                                                               "privacy notice",
                                                               "cookies",
                                                               "cookie policy",
                                                               "cookies policy",
                                                               "terms",
                                                               "terms of use",
                                                               "terms of service",
                                                               "terms and conditions",
                                                               "legal notice",
                                                               "disclaimer",
                                                               "faq",
                                                               "frequently asked questions",
                                                               "help",
                                                               "sitemap",
                                                               "log in",
                                                               "login",
                                                               "sign in",
                                                               "register",
                                                               "über uns",
                                                               "kontakt",
                                                               "datenschutz",
                                                               "datenschutzerklärung",
                                                               "mentions légales",
                                                               "qui sommes-nous",
                                                               "nous contacter",
                                                               "contacto",
                                                               "quiénes somos",
                                                               "aviso legal",
                                                               "política de privacidad",
                                                               "chi siamo",
                                                               "contatti",
                                                               "over ons",
                                                               "о компании",
                                                               "о нас",
                                                               "контакты",
                                                               "关于我们",
                                                               "联系我们",
                                                               "隐私政策",
                                                               "会社概要",
                                                               "お問い合わせ",
                                                               "プライバシーポリシー",
                                                               "회사소개",
                                                               "개인정보처리방침"};
  return std::find(kTitles.begin(), kTitles.end(), folded) != kTitles.end();
}

bool is_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

bool plausible_date(int year, int month, int day) {
  return year >= 1990 && year <= 2099 && month >= 1 && month <= 12 && (day == 0 || (day >= 1 && day <= 31));
}

// ---- the page

// A text node whose text is shown (not inside script, style and the like).
bool shown_text(const Dom& dom, std::uint32_t i) {
  if (dom.node(i).tag != Tag::kText) return false;
  for (std::uint32_t p = dom.node(i).parent; p != kNoNode; p = dom.node(p).parent) {
    const Tag t = dom.node(p).tag;
    if (t == Tag::kScript || t == Tag::kStyle || t == Tag::kNoscript || t == Tag::kTemplate || t == Tag::kHead) {
      return false;
    }
  }
  return true;
}

// A price as shops write it: a currency sign or code next to an amount
// ("32,800円", "$19.99", "€ 5", "129 руб"). Returns the first one found.
std::string find_price(const Dom& dom) {
  static constexpr std::array<std::string_view, 9> kBefore = {"$", "€", "£", "¥", "￥", "₩", "₹", "EUR", "USD"};
  static constexpr std::array<std::string_view, 14> kAfter = {"円", "元", "€",   "£",   "₽", "руб", "zł",
                                                              "kr", "Kč", "EUR", "USD", "CHF", "₩",   "원"};
  for (std::uint32_t i = 0; i < dom.size(); ++i) {
    if (dom.node(i).tag != Tag::kText || !shown_text(dom, i)) continue;
    const std::string_view t = dom.node(i).text;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (!std::isdigit(static_cast<unsigned char>(t[k])) ||
          (k > 0 && std::isdigit(static_cast<unsigned char>(t[k - 1])))) {
        continue;
      }
      std::size_t end = k;
      while (end < t.size() && (std::isdigit(static_cast<unsigned char>(t[end])) ||
                                ((t[end] == ',' || t[end] == '.') && end + 1 < t.size() &&
                                 std::isdigit(static_cast<unsigned char>(t[end + 1]))))) {
        ++end;
      }
      std::size_t before = k;
      while (before > 0 && t[before - 1] == ' ') --before;
      std::size_t after = end;
      while (after < t.size() && t[after] == ' ') ++after;
      for (std::string_view c : kBefore) {
        if (before >= c.size() && t.substr(before - c.size(), c.size()) == c) {
          return std::string(t.substr(before - c.size(), end - (before - c.size())));
        }
      }
      for (std::string_view c : kAfter) {
        if (t.substr(after, c.size()) == c) return std::string(t.substr(k, after + c.size() - k));
      }
      k = end;
    }
  }
  return {};
}

// A shopping-cart control: a form posting to a cart or basket, or an
// "add to cart" / "buy now" button. Returns what was seen.
std::string find_cart_control(const Dom& dom) {
  static constexpr std::array<std::string_view, 11> kCart = {"cart",   "basket",  "checkout", "warenkorb",
                                                             "panier", "carrito", "carrello", "winkelwagen",
                                                             "koszyk", "korzina", "addtobag"};
  static constexpr std::array<std::string_view, 5> kBuy = {"addtocart", "add-to-cart", "add_to_cart", "buynow",
                                                           "buy-now"};
  for (std::uint32_t i = 0; i < dom.size(); ++i) {
    const Tag t = dom.node(i).tag;
    if (t == Tag::kForm) {
      for (std::string_view name : {"action", "name", "id", "class"}) {
        const std::string v = ascii_lower(dom.attr(i, name));
        if (contains_any(v, kCart)) return "a form posting to " + std::string(dom.attr(i, name));
      }
    } else if (t == Tag::kInput || t == Tag::kButton || t == Tag::kA) {
      for (std::string_view name : {"name", "id", "class", "value"}) {
        const std::string v = ascii_lower(dom.attr(i, name));
        if (contains_any(v, kBuy)) return "an add-to-cart control";
      }
    }
  }
  return {};
}

// schema.org Product marked up as microdata (itemtype), or in JSON-LD, or og:type product.
std::string product_markup(const Dom& dom, const PageMetadata& meta) {
  if (meta.og_type == "product" || meta.og_type.starts_with("product.") || meta.og_type == "og:product") {
    return "og:type " + meta.og_type;
  }
  for (std::string_view t : {"Product", "ProductGroup", "IndividualProduct", "ProductModel"}) {
    if (has_type(meta, t)) return "schema.org " + std::string(t);
  }
  for (std::uint32_t i = 0; i < dom.size(); ++i) {
    if (dom.node(i).tag == Tag::kText) continue;
    const std::string_view type = dom.attr(i, "itemtype");
    if (type.ends_with("schema.org/Product") || type.ends_with("schema.org/Offer")) {
      return "schema.org " + std::string(type.substr(type.rfind('/') + 1)) + " microdata";
    }
  }
  return {};
}

// A log-in or registration form where the text is: a password field inside the text's container.
bool container_has_password(const Dom& dom, std::uint32_t container) {
  if (container == kNoNode) return false;
  for (std::uint32_t i = container; i < dom.node(container).subtree_end; ++i) {
    if (dom.node(i).tag == Tag::kInput && ascii_lower(dom.attr(i, "type")) == "password") return true;
  }
  return false;
}

// Titles of error pages: "404", "Page not found", "Seite nicht gefunden", "页面不存在"...
bool is_error_title(const std::string& folded) {
  static constexpr std::array<std::string_view, 16> kError = {
      "page not found", "not found",      "nicht gefunden", "introuvable", "no encontrada", "no encontrado",
      "non trovata",    "niet gevonden",  "не найдена",     "не найден",   "不存在",        "未找到",
      "找不到",         "見つかりません", "찾을 수 없",     "error 404"};
  if (contains_any(folded, kError)) return true;
  // "404" as a word of its own at the start or end ("404 - Oops", "Error | 404").
  const std::vector<std::string_view> words = word_tokens(folded);
  return !words.empty() && (words.front() == "404" || words.back() == "404");
}

// The title stands over the text as a heading (h1-h3 equal to it, or one
// holding the other when the shorter is at least half as long).
bool title_is_heading(const Dom& dom, const std::string& folded_title) {
  if (folded_title.empty()) return false;
  for (std::uint32_t i = 0; i < dom.size(); ++i) {
    const Tag t = dom.node(i).tag;
    if (t != Tag::kH1 && t != Tag::kH2 && t != Tag::kH3) continue;
    const std::string h = fold(text_content(dom, i));
    if (h.empty()) continue;
    const std::string& shorter = h.size() < folded_title.size() ? h : folded_title;
    const std::string& longer = h.size() < folded_title.size() ? folded_title : h;
    if (longer.find(shorter) != std::string::npos && shorter.size() * 2 >= longer.size()) return true;
  }
  return false;
}

std::size_t prose_lines(std::string_view text) {
  std::size_t n = 0, start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (visible_bytes(text.substr(start, end - start)) >= kProseLineBytes) ++n;
    start = end + 1;
  }
  return n;
}

std::string format_score(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", score);
  return buf;
}

}  // namespace

double prose_score(std::string_view text) {
  double score = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::size_t length = visible_bytes(text.substr(start, end - start));
    if (length >= 140) score += std::sqrt(static_cast<double>(length - 140));
    start = end + 1;
  }
  return score;
}

bool url_has_date(std::string_view url) {
  const UrlParts parts = split_url(url);
  const std::string_view path = parts.absolute ? parts.path : url.substr(0, url.find_first_of("?#"));
  // Runs of digits separated by '/', '-' or '_': YYYY/MM[/DD] or YYYY-MM-DD.
  std::vector<std::string_view> runs;
  std::vector<char> separators;  // the character after each run
  std::size_t i = 0;
  while (i < path.size()) {
    if (!std::isdigit(static_cast<unsigned char>(path[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < path.size() && std::isdigit(static_cast<unsigned char>(path[j]))) ++j;
    // A run must stand alone: not glued to letters ("mp4", "h264").
    const bool left_ok = i == 0 || !std::isalpha(static_cast<unsigned char>(path[i - 1]));
    const bool right_ok = j == path.size() || !std::isalpha(static_cast<unsigned char>(path[j]));
    const std::string_view run = path.substr(i, j - i);
    if (left_ok && right_ok && run.size() == 8 &&
        plausible_date(number(run.substr(0, 4)), number(run.substr(4, 2)), number(run.substr(6, 2)))) {
      return true;
    }
    runs.push_back(left_ok && right_ok ? run : std::string_view());
    separators.push_back(j < path.size() ? path[j] : '\0');
    i = j;
  }
  for (std::size_t k = 0; k + 1 < runs.size(); ++k) {
    const std::string_view y = runs[k], m = runs[k + 1];
    if (y.size() != 4 || m.size() != 2 || !is_digits(y) || !is_digits(m)) continue;
    const char sep = separators[k];
    if (sep != '/' && sep != '-' && sep != '_') continue;
    // Adjacent in the path: "2019/11", not "2019/x/11".
    if (path.find(std::string(y) + sep + std::string(m)) == std::string_view::npos) continue;
    const int day =
        k + 2 < runs.size() && runs[k + 2].size() == 2 && separators[k + 1] == sep ? number(runs[k + 2]) : 0;
    if (plausible_date(number(y), number(m), day)) {
      // A year and month alone count only as directories ("/2019/11/slug").
      if (day != 0 || sep == '/') return true;
    }
  }
  return false;
}

std::optional<NotArticle> judge_page(const Dom& dom, const PageMetadata& meta, const ExtractedBody& body,
                                     std::string_view page_url) {
  const std::string words = std::to_string(body.words) + " words of running text";
  // Where the page is: where it came from, else its canonical link (og:url and
  // the JSON-LD url are too often the site's address on every page).
  const std::string_view where = !page_url.empty()              ? page_url
                                 : meta.url_from == "canonical" ? std::string_view(meta.url)
                                                                : std::string_view();
  const UrlParts url = split_url(where);
  const bool ld_article = meta.json_ld_article || has_type(meta, "ClaimReview");
  const bool og_article = meta.og_type == "article";
  const bool url_dated = url_has_date(where);
  const bool dated = !meta.date.empty() || url_dated;
  const bool bylined = !meta.author.empty();
  // Marked as an article: JSON-LD says so, or og:type does with a date or
  // author (CMS plug-ins put og:type "article" on every page of a site, its
  // about and contact pages too; they give those pages no date).
  const bool marked = ld_article || (og_article && (dated || bylined));
  const std::string title = fold(meta.title);

  // Error pages served with status 200.
  if (!marked && body.words < kMaxShortPageWords && is_error_title(title)) {
    return NotArticle{NotArticleKind::kEmpty, "an error page: the title says \"" + meta.title + "\", " + words};
  }
  if (!ld_article) {
    if (is_home_url(url)) {
      return NotArticle{NotArticleKind::kListing, "the site's home page (URL path \"" +
                                                      std::string(url.path.empty() ? "/" : url.path) + "\"), " + words};
    }
  }
  if (!marked) {
    const std::string product = product_markup(dom, meta);
    if (!product.empty()) return NotArticle{NotArticleKind::kProduct, "a product page: " + product + ", " + words};
    const std::string cart = find_cart_control(dom);
    if (!cart.empty()) {
      const std::string price = find_price(dom);
      if (!price.empty()) {
        return NotArticle{NotArticleKind::kProduct, "a shop page: " + cart + ", price \"" + price + "\", " + words};
      }
    }
  }
  // The shapes of listings and galleries; og:type "article" alone is enough
  // to keep a page with a few teaser headlines under the story.
  if (!ld_article && !og_article) {
    const bool listing_type =
        has_type(meta, "CollectionPage") || has_type(meta, "SearchResultsPage") || has_type(meta, "ItemList");
    if (body.linked_headings >= 5 && body.long_paragraphs < 3) {
      return NotArticle{NotArticleKind::kListing, std::to_string(body.linked_headings) + " linked headlines, " + words};
    }
    if (listing_type && body.long_paragraphs < 3) {
      return NotArticle{NotArticleKind::kListing, "a schema.org collection or list page, " + words};
    }
    const bool gallery_type = has_type(meta, "ImageGallery") || has_type(meta, "MediaGallery");
    if (gallery_type || (body.images >= 6 && body.words < body.images * 40 && body.long_paragraphs < 3)) {
      return NotArticle{NotArticleKind::kGallery, std::to_string(body.images) + " pictures, " + words};
    }
  }
  if (!marked) {
    if (is_listing_url(url)) {
      return NotArticle{NotArticleKind::kListing, "a tag, category, author or search page (URL path \"" +
                                                      std::string(url.path) + "\"), " + words};
    }
    if (!dated && !bylined && body.words >= kMinArticleWords && body.words < kMaxShortPageWords &&
        container_has_password(dom, body.container)) {
      return NotArticle{NotArticleKind::kSitePage, "a log-in or registration form, " + words};
    }
    if (!dated) {
      std::string slug;
      if (is_service_slug(url, &slug)) {
        return NotArticle{NotArticleKind::kSitePage,
                          "a page of the site itself (URL ends \"" + slug + "\"), no date, " + words};
      }
      if (is_service_title(title)) {
        return NotArticle{NotArticleKind::kSitePage,
                          "a page of the site itself (titled \"" + meta.title + "\"), no date, " + words};
      }
    }
  }
  if (body.words < kMinArticleWords) {
    if (body.images >= 4) {
      return NotArticle{NotArticleKind::kGallery, std::to_string(body.images) + " pictures, " + words};
    }
    return NotArticle{NotArticleKind::kEmpty, "no article text: " + words};
  }
  if (!marked) {
    const std::size_t lines = prose_lines(body.text);
    if (dated || bylined) {
      if (lines == 0) {
        return NotArticle{NotArticleKind::kEmpty, "no paragraph of running prose, " + words};
      }
    } else {
      const double prose = prose_score(body.text);
      if (prose < kProseWithoutEvidence && lines < kProseParagraphsWithoutEvidence &&
          !(lines >= kProseParagraphsUnderHeadline && title_is_heading(dom, title))) {
        return NotArticle{NotArticleKind::kEmpty,
                          "too little running prose for a page with no date, byline or article markup (" +
                              std::to_string(lines) + " paragraphs of prose, score " + format_score(prose) + " < " +
                              format_score(kProseWithoutEvidence) + "), " + words};
      }
    }
  }
  return std::nullopt;
}

}  // namespace newsdex::readers
