#include "indexer/fields.h"

#include <algorithm>

#include "common/error.h"
#include "common/terminal_text.h"

namespace newsdex::index {
namespace {

constexpr std::array<std::string_view, kFieldCount> kNames = {"id",     "title", "body",   "date",
                                                              "source", "url",   "author", "lang"};

constexpr std::array<std::string_view, 4> kIdKeys = {"id", "doc_id", "guid", "_id"};
// Besides the obvious names, those of the datasets, crawlers and news APIs
// people bring: news-please (maintext, date_publish, source_domain),
// newspaper (publish_date), "All the News" (publication), HuffPost's News
// Category Dataset (short_description), trafilatura (sitename), CC-News
// (domain), schema.org (datePublished), NewsAPI (publishedAt), the New York
// Times Article Search API (_id, headline.main, lead_paragraph, abstract,
// pub_date, web_url, byline.original) and the Guardian's Content API
// (webTitle, fields.bodyText, fields.body, webPublicationDate, webUrl,
// fields.byline).
constexpr std::array<std::string_view, 4> kTitleKeys = {"title", "headline", "headline.main", "webTitle"};
constexpr std::array<std::string_view, 11> kBodyKeys = {
    "body",        "text",           "content",           "article",
    "description", "maintext",       "short_description", "fields.bodyText",
    "fields.body", "lead_paragraph", "abstract"};
constexpr std::array<std::string_view, 14> kDateKeys = {
    "date",          "published",    "pubdate",      "publication_date",  "published_at",
    "datetime",      "publish_date", "date_publish", "published_date",    "date_published",
    "datePublished", "publishedAt",  "pub_date",     "webPublicationDate"};
constexpr std::array<std::string_view, 8> kSourceKeys = {"source",      "publisher",     "outlet",   "site",
                                                         "publication", "source_domain", "sitename", "domain"};
constexpr std::array<std::string_view, 4> kUrlKeys = {"url", "link", "web_url", "webUrl"};
constexpr std::array<std::string_view, 5> kAuthorKeys = {"author", "byline", "authors", "byline.original",
                                                         "fields.byline"};
constexpr std::array<std::string_view, 2> kLangKeys = {"lang", "language"};

// The parts of a key path: "headline.main" -> 2.
std::size_t path_parts(std::string_view key) {
  return static_cast<std::size_t>(std::count(key.begin(), key.end(), '.')) + 1;
}

}  // namespace

std::string_view field_name(Field field) { return kNames[static_cast<std::size_t>(field)]; }

std::optional<Field> parse_field_name(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

std::span<const std::string_view> default_keys(Field field) {
  switch (field) {
    case Field::kId:
      return kIdKeys;
    case Field::kTitle:
      return kTitleKeys;
    case Field::kBody:
      return kBodyKeys;
    case Field::kDate:
      return kDateKeys;
    case Field::kSource:
      return kSourceKeys;
    case Field::kUrl:
      return kUrlKeys;
    case Field::kAuthor:
      return kAuthorKeys;
    case Field::kLang:
      return kLangKeys;
  }
  return {};
}

FieldKey parse_field_option(std::string_view option) {
  std::size_t equals = option.find('=');
  if (equals == std::string_view::npos) {
    throw Error("--field \"" + excerpt_for_message(option) + "\": expected NAME=KEY, e.g. body=story_text");
  }
  std::string_view name = option.substr(0, equals);
  std::string_view key = option.substr(equals + 1);
  std::optional<Field> field = parse_field_name(name);
  if (!field) {
    throw Error("--field \"" + excerpt_for_message(option) + "\": unknown field \"" + excerpt_for_message(name) +
                "\"; the fields are id, title, body, date, source, url, author, lang");
  }
  if (key.empty()) throw Error("--field \"" + excerpt_for_message(option) + "\": the KEY after '=' is empty");
  if (key.front() == '.' || key.back() == '.' || key.find("..") != std::string_view::npos) {
    throw Error("--field \"" + excerpt_for_message(option) +
                "\": a KEY with '.' is a path of nested keys (headline.main), and each of its parts must be "
                "non-empty");
  }
  return FieldKey{*field, std::string(key)};
}

FieldKeys::FieldKeys(const std::vector<FieldKey>& extra) : extra_(extra) {
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    auto field = static_cast<Field>(i);
    std::vector<std::string>& keys = keys_[i];
    for (const FieldKey& e : extra) {
      if (e.field == field && std::find(keys.begin(), keys.end(), e.key) == keys.end()) keys.push_back(e.key);
    }
    for (std::string_view key : default_keys(field)) {
      // A key --field gave to another field belongs to that field only.
      bool taken = std::any_of(extra.begin(), extra.end(), [&](const FieldKey& e) { return e.key == key; });
      if (!taken && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.emplace_back(key);
    }
    for (const std::string& key : keys) {
      if (std::find(all_.begin(), all_.end(), key) == all_.end()) all_.push_back(key);
      path_depth_ = std::max(path_depth_, path_parts(key));
      if (std::size_t dot = key.find('.'); dot != std::string::npos) {
        std::string head = key.substr(0, dot);
        if (!is_path_head(head)) path_heads_.push_back(std::move(head));
      }
    }
  }
}

std::optional<std::size_t> FieldKeys::index_of(std::string_view key) const {
  for (std::size_t i = 0; i < all_.size(); ++i) {
    if (all_[i] == key) return i;
  }
  return std::nullopt;
}

}  // namespace newsdex::index
