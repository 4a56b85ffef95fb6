#include "indexer/fields.h"

#include <algorithm>

#include "common/error.h"
#include "common/terminal_text.h"

namespace newsdex::index {
namespace {

constexpr std::array<std::string_view, kFieldCount> kNames = {"id",     "title", "body",   "date",
                                                              "source", "url",   "author", "lang"};

constexpr std::array<std::string_view, 3> kIdKeys = {"id", "doc_id", "guid"};
constexpr std::array<std::string_view, 2> kTitleKeys = {"title", "headline"};
// Besides the obvious names, those of the datasets and crawlers people
// bring: news-please (maintext, date_publish, source_domain), newspaper
// (publish_date), "All the News" (publication), HuffPost's News Category
// Dataset (short_description), trafilatura (sitename), CC-News (domain),
// schema.org (datePublished), NewsAPI (publishedAt).
constexpr std::array<std::string_view, 7> kBodyKeys = {"body",        "text",     "content",          "article",
                                                       "description", "maintext", "short_description"};
constexpr std::array<std::string_view, 12> kDateKeys = {
    "date",         "published",    "pubdate",        "publication_date", "published_at",  "datetime",
    "publish_date", "date_publish", "published_date", "date_published",   "datePublished", "publishedAt"};
constexpr std::array<std::string_view, 8> kSourceKeys = {"source",      "publisher",     "outlet",   "site",
                                                         "publication", "source_domain", "sitename", "domain"};
constexpr std::array<std::string_view, 2> kUrlKeys = {"url", "link"};
constexpr std::array<std::string_view, 3> kAuthorKeys = {"author", "byline", "authors"};
constexpr std::array<std::string_view, 2> kLangKeys = {"lang", "language"};

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
