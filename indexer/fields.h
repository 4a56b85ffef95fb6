// The article fields of records with named members (JSON Lines keys, CSV
// columns), the names they are found under by default, and the extra names
// --field NAME=KEY adds. Thread safety: immutable values.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::index {

enum class Field { kId, kTitle, kBody, kDate, kSource, kUrl, kAuthor, kLang };
inline constexpr std::size_t kFieldCount = 8;

// "id", "title", "body", "date", "source", "url", "author", "lang".
std::string_view field_name(Field field);

// The Field called `name` (exactly as field_name() spells it), or nullopt.
std::optional<Field> parse_field_name(std::string_view name);

// The names each field is found under by default, in order of preference
// (a name with '.' is a path: "headline.main" is the "main" member of the
// "headline" object):
//   id: id, doc_id, guid, _id
//   title: title, headline, headline.main, webTitle
//   body: body, text, content, article, description, maintext,
//         short_description, fields.bodyText, fields.body, lead_paragraph, abstract
//   date: date, published, pubdate, publication_date, published_at, datetime,
//         publish_date, date_publish, published_date, date_published,
//         datePublished, publishedAt, pub_date, webPublicationDate
//   source: source, publisher, outlet, site, publication, source_domain, sitename, domain
//   url: url, link, web_url, webUrl
//   author: author, byline, authors, byline.original, fields.byline
//   lang: lang, language
std::span<const std::string_view> default_keys(Field field);

// --field NAME=KEY, parsed: KEY is looked up for NAME before the default names.
// A KEY with '.' is a path of nested keys, as in default_keys().
struct FieldKey {
  Field field;
  std::string key;
};

// "body=story_text" -> {kBody, "story_text"}. Throws newsdex::Error naming the
// problem for a missing '=', an empty KEY, a path with an empty part ("a..b",
// ".a") or an unknown NAME (listing the known ones).
FieldKey parse_field_option(std::string_view option);

// The names one record's members are read under: for each field, the --field
// keys first (in the order given), then the default names.
class FieldKeys {
 public:
  FieldKeys() : FieldKeys(std::vector<FieldKey>{}) {}
  explicit FieldKeys(const std::vector<FieldKey>& extra);

  const std::vector<std::string>& keys(Field field) const { return keys_[static_cast<std::size_t>(field)]; }
  // Every key of every field, each once, in field order: the members worth keeping.
  const std::vector<std::string>& all() const { return all_; }
  // The index of `key` in all(), or nullopt.
  std::optional<std::size_t> index_of(std::string_view key) const;
  // The most parts any key of all() has as a path of nested members
  // ("headline.main": 2, the "main" member of a "headline" object); 1 when
  // none has a '.'.
  std::size_t path_depth() const { return path_depth_; }
  // Whether some key of all() is a path that starts with member `head`
  // ("headline" for "headline.main").
  bool is_path_head(std::string_view head) const {
    return std::find(path_heads_.begin(), path_heads_.end(), head) != path_heads_.end();
  }
  // The --field keys, as given.
  const std::vector<FieldKey>& extra() const { return extra_; }

 private:
  std::array<std::vector<std::string>, kFieldCount> keys_;
  std::vector<std::string> all_;
  std::vector<FieldKey> extra_;
  std::size_t path_depth_ = 1;
  std::vector<std::string> path_heads_;
};

}  // namespace newsdex::index
