// The article fields of records with named members (JSON Lines keys, CSV
// columns), the names they are found under by default, and the extra names
// --field NAME=KEY adds. Thread safety: immutable values.
#pragma once

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

// The names each field is found under by default, in order of preference:
//   id: id, doc_id, guid                 title: title, headline
//   body: body, text, content, article, description
//   date: date, published, pubdate, publication_date, published_at, datetime
//   source: source, publisher, outlet, site     url: url, link
//   author: author, byline, authors      lang: lang, language
std::span<const std::string_view> default_keys(Field field);

// --field NAME=KEY, parsed: KEY is looked up for NAME before the default names.
struct FieldKey {
  Field field;
  std::string key;
};

// "body=story_text" -> {kBody, "story_text"}. Throws newsdex::Error naming the
// problem for a missing '=', an empty KEY or an unknown NAME (listing the known ones).
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
  // The --field keys, as given.
  const std::vector<FieldKey>& extra() const { return extra_; }

 private:
  std::array<std::vector<std::string>, kFieldCount> keys_;
  std::vector<std::string> all_;
  std::vector<FieldKey> extra_;
};

}  // namespace newsdex::index
