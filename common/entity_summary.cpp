// Decoding is a SAX reader (nlohmann::json::sax_parse) that fills the typed
// summary as the events come: no JSON tree is built, the type of every value
// is checked where it is met, and a value nested without end costs a counter,
// not a stack frame per level.
#include "common/entity_summary.h"

#include <cstdint>
#include <exception>
#include <utility>

#include <nlohmann/json.hpp>

namespace newsdex {
namespace {

using Json = nlohmann::json;

// The five lists, in the order they are stored.
enum class List { kPersons, kOrganizations, kCountries, kSpeakers, kQuotes, kUnknown };
constexpr const char* kListNames[] = {"persons", "organizations", "countries", "speakers", "quotes"};
constexpr std::size_t kLists = 5;

// The keys of a country or quote object.
enum class Key { kCode, kName, kSpeaker, kText, kVerb, kUnknown };

List list_of(std::string_view key) {
  for (std::size_t i = 0; i < kLists; ++i) {
    if (key == kListNames[i]) return static_cast<List>(i);
  }
  return List::kUnknown;
}

// Reads one stored summary. Nesting: depth 0 outside everything, 1 in the top
// object, 2 in one of its lists, 3 in a country or quote object. A value of an
// unknown key is skipped whatever its shape (skip_ counts the containers open
// inside it).
class SummaryReader {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  explicit SummaryReader(EntitySummary& out) : out_(out) {}

  const std::string& error() const { return error_; }

  // After a parse that succeeded: the keys that were never seen.
  bool check_complete() {
    for (std::size_t i = 0; i < kLists; ++i) {
      if (!seen_[i]) return fail(std::string("no \"") + kListNames[i] + "\" list");
    }
    return true;
  }

  bool null() { return scalar("null", nullptr); }
  bool boolean(bool /*value*/) { return scalar("a boolean", nullptr); }
  bool number_integer(number_integer_t /*value*/) { return scalar("a number", nullptr); }
  bool number_unsigned(number_unsigned_t /*value*/) { return scalar("a number", nullptr); }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) { return scalar("a number", nullptr); }
  bool binary(binary_t& /*value*/) { return scalar("binary data", nullptr); }
  bool string(string_t& value) { return scalar("a string", &value); }

  bool start_object(std::size_t /*elements*/) { return open(true); }
  bool start_array(std::size_t /*elements*/) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(string_t& key) {
    if (skip_ > 0) return true;
    if (depth_ == 1) {
      list_ = list_of(key);
      if (list_ == List::kUnknown) skip_next_ = true;
    } else if (depth_ == 3) {
      key_ = Key::kUnknown;
      if (list_ == List::kCountries) {
        if (key == "code") key_ = Key::kCode;
        if (key == "name") key_ = Key::kName;
      } else {
        if (key == "speaker") key_ = Key::kSpeaker;
        if (key == "text") key_ = Key::kText;
        if (key == "verb") key_ = Key::kVerb;
      }
      if (key_ == Key::kUnknown) skip_next_ = true;
    }
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& /*e*/) {
    // position: bytes read when the error was found, so the bad byte is the last.
    return fail("not valid JSON (at byte " + std::to_string(position > 0 ? position - 1 : 0) + ")");
  }

 private:
  bool fail(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    return false;
  }

  std::string list_name() const { return std::string("\"") + kListNames[static_cast<std::size_t>(list_)] + "\""; }

  std::string key_name() const {
    switch (key_) {
      case Key::kCode:
        return "\"code\"";
      case Key::kName:
        return "\"name\"";
      case Key::kSpeaker:
        return "\"speaker\"";
      case Key::kText:
        return "\"text\"";
      case Key::kVerb:
        return "\"verb\"";
      case Key::kUnknown:
        break;
    }
    return "a key";
  }

  std::string element_name() const { return list_ == List::kCountries ? "a country" : "a quote"; }

  bool string_list() const {
    return list_ == List::kPersons || list_ == List::kOrganizations || list_ == List::kSpeakers;
  }

  std::vector<std::string>& names() {
    return list_ == List::kPersons ? out_.persons : list_ == List::kOrganizations ? out_.organizations : out_.speakers;
  }

  // A value that is not a container; `text` is its string, or nullptr.
  bool scalar(const char* what, string_t* text) {
    if (skip_ > 0) return true;
    if (skip_next_) {
      skip_next_ = false;
      return true;
    }
    switch (depth_) {
      case 0:
        return fail("not a JSON object");
      case 1:
        return fail(list_name() + " is not a list");
      case 2:
        if (string_list() && text != nullptr) {
          names().push_back(std::move(*text));
          return true;
        }
        if (string_list()) return fail(list_name() + " holds " + what + ", not a name");
        return fail(list_name() + " holds " + what + ", not an object");
      default:
        if (text == nullptr) return fail(element_name() + " whose " + key_name() + " is " + what + ", not a string");
        store(std::move(*text));
        return true;
    }
  }

  void store(std::string text) {
    if (list_ == List::kCountries) {
      EntitySummary::Country& c = out_.countries.back();
      if (key_ == Key::kCode) {
        c.code = std::move(text);
        has_required_ = true;
      } else {
        c.name = std::move(text);
      }
      return;
    }
    EntitySummary::Quote& q = out_.quotes.back();
    if (key_ == Key::kText) {
      q.text = std::move(text);
      has_required_ = true;
    } else if (key_ == Key::kSpeaker) {
      q.speaker = std::move(text);
    } else {
      q.verb = std::move(text);
    }
  }

  bool open(bool object) {
    if (skip_ > 0 || skip_next_) {
      skip_next_ = false;
      ++skip_;
      return true;
    }
    switch (depth_) {
      case 0:
        if (!object) return fail("not a JSON object");
        break;
      case 1:
        if (object) return fail(list_name() + " is not a list");
        seen_[static_cast<std::size_t>(list_)] = true;
        // A repeated key: the last one counts, as in any JSON reader.
        if (list_ == List::kCountries) {
          out_.countries.clear();
        } else if (list_ == List::kQuotes) {
          out_.quotes.clear();
        } else {
          names().clear();
        }
        break;
      case 2:
        if (string_list()) return fail(list_name() + " holds " + (object ? "an object" : "a list") + ", not a name");
        if (!object) return fail(list_name() + " holds a list, not an object");
        if (list_ == List::kCountries) {
          out_.countries.emplace_back();
        } else {
          out_.quotes.emplace_back();
        }
        has_required_ = false;
        break;
      default:
        return fail(element_name() + " whose " + key_name() + " is " + (object ? "an object" : "a list") +
                    ", not a string");
    }
    ++depth_;
    return true;
  }

  bool close() {
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    if (depth_ == 3 && !has_required_) {
      return fail(list_ == List::kCountries ? "a country without a \"code\"" : "a quote without a \"text\"");
    }
    --depth_;
    return true;
  }

  EntitySummary& out_;
  std::string error_;
  int depth_ = 0;
  std::uint64_t skip_ = 0;  // containers open inside a skipped value
  bool skip_next_ = false;  // the next value belongs to an unknown key
  List list_ = List::kUnknown;
  Key key_ = Key::kUnknown;
  bool has_required_ = false;  // the current country has a code / quote a text
  bool seen_[kLists] = {};
};

}  // namespace

std::string encode_entity_summary(const EntitySummary& summary) {
  using Ordered = nlohmann::ordered_json;
  Ordered out = Ordered::object();
  out["persons"] = summary.persons;
  out["organizations"] = summary.organizations;
  Ordered countries = Ordered::array();
  for (const EntitySummary::Country& c : summary.countries) countries.push_back({{"code", c.code}, {"name", c.name}});
  out["countries"] = std::move(countries);
  out["speakers"] = summary.speakers;
  Ordered quotes = Ordered::array();
  for (const EntitySummary::Quote& q : summary.quotes) {
    quotes.push_back({{"speaker", q.speaker}, {"text", q.text}, {"verb", q.verb}});
  }
  out["quotes"] = std::move(quotes);
  return out.dump(-1, ' ', false, Ordered::error_handler_t::replace);
}

DecodedEntitySummary decode_entity_summary(std::string_view stored) {
  DecodedEntitySummary result;
  if (stored.empty()) return result;
  SummaryReader reader(result.summary);
  bool ok = false;
  try {
    ok = Json::sax_parse(stored.begin(), stored.end(), &reader) && reader.check_complete();
  } catch (const std::exception& e) {
    // The parser reports through parse_error(); this is only a guard.
    result.error = std::string("not valid JSON (") + e.what() + ")";
  }
  if (!ok && result.error.empty()) result.error = reader.error().empty() ? "not valid JSON" : reader.error();
  if (!result.error.empty()) result.summary = EntitySummary{};
  return result;
}

std::vector<std::optional<QuoteSpan>> locate_quotes(std::string_view body,
                                                    const std::vector<EntitySummary::Quote>& quotes) {
  std::vector<std::optional<QuoteSpan>> spans;
  spans.reserve(quotes.size());
  std::size_t from = 0;               // the start of the last quote placed
  const std::string* last = nullptr;  // its text
  for (const EntitySummary::Quote& q : quotes) {
    if (q.text.empty()) {
      spans.emplace_back();
      continue;
    }
    std::size_t at = body.find(q.text, from);
    // Not after the last one: out of order (a summary another version
    // wrote?); anywhere is better than nowhere.
    if (at == std::string_view::npos) at = body.find(q.text);
    if (at == std::string_view::npos) {
      spans.emplace_back();
      continue;
    }
    // The same words as the quote before, where it was placed: a second
    // occurrence of them, if there is one.
    if (last != nullptr && at == from && q.text == *last) {
      std::size_t again = body.find(q.text, at + 1);
      if (again != std::string_view::npos) at = again;
    }
    spans.push_back(QuoteSpan{at, at + q.text.size()});
    from = at;
    last = &q.text;
  }
  return spans;
}

}  // namespace newsdex
