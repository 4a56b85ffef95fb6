#include "indexer/extraction.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <new>
#include <optional>
#include <utility>

#include "common/analysis/analyzer.h"
#include "common/dates.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/terminal_text.h"
#include "indexer/article_hash.h"
#include "indexer/readers/html_extractor.h"

namespace newsdex::index {
namespace {

std::string quote(std::string_view value) { return "\"" + excerpt_for_message(value, 60) + "\""; }

// The language of an extracted article: the code analysis::language_code() makes
// of it, else the default (with a warning when one was given but unknown).
void set_language(CorpusEntry& entry, std::string_view lang, std::string_view from,
                  const CorpusReaderOptions& options) {
  std::string code = analysis::language_code(lang);
  if (!code.empty()) {
    entry.article.lang = std::move(code);
    entry.from.lang = from;
    return;
  }
  if (!lang.empty()) {
    entry.warnings.push_back("unknown language " + quote(lang) + "; indexed as " + options.default_lang);
  }
  entry.article.lang = options.default_lang;
  entry.from.lang = "default";
}

// A date found in the document: set when check_date reads it, else a
// warning. True when set.
bool set_date(CorpusEntry& entry, std::string_view date, std::string_view from) {
  if (date.empty()) return false;
  dates::DateCheck check = dates::check_date(date);
  if (check.verdict == dates::DateVerdict::kValid) {
    entry.article.published_unix_s = check.unix_s;
    entry.from.date = from;
    return true;
  }
  std::string why = check.verdict == dates::DateVerdict::kUnparseable ? "unparseable" : dates::describe(check.verdict);
  entry.warnings.push_back("date " + quote(date) + " (" + std::string(from) + ") " + why + "; indexed as undated");
  return false;
}

// The id rule of pages and feed items once their own id (if any) is set.
void set_id(CorpusEntry& entry) {
  Article& article = entry.article;
  if (!article.id.empty()) return;
  if (!article.url.empty()) {
    article.id = id_from_url(article.url);
    entry.from.id = "url";
  }
}

// The summary's category of a feed record that is no article, from the feed
// reader's reason: "packageItem refers to items; ..." -> "feed packageItem",
// "picture item (itemClass ...)" -> "feed picture item", "no title or text"
// and "... without headline or text" -> "feed empty item".
std::string feed_category(std::string_view reason) {
  if (reason.starts_with("no ") || reason.find("without") != std::string_view::npos) return "feed empty item";
  std::string_view first = reason.substr(0, reason.find(' '));
  std::string_view rest = first.size() < reason.size() ? reason.substr(first.size() + 1) : std::string_view();
  std::string kind(first);
  if (rest.starts_with("item")) kind += " item";
  kind.erase(std::remove_if(kind.begin(), kind.end(), [](char c) { return c == '<' || c == '>'; }), kind.end());
  return "feed " + kind;
}

}  // namespace

std::string id_from_url(std::string_view url) {
  if (url.size() <= schema::kMaxIdBytes) return std::string(url);
  return "u" + to_hex16(fnv1a_64(url));
}

void extract_page(CorpusEntry& entry, const CorpusReaderOptions& options) {
  RawPage page = std::move(*entry.page);
  entry.page.reset();
  try {
    readers::HtmlExtraction extraction =
        readers::extract_html_article(page.bytes, readers::HtmlHints{.charset = page.charset, .url = page.url});
    // The bytes are no longer needed: free them before the analysis.
    page.bytes = std::string();
    if (extraction.not_article) {
      entry.left_out =
          LeftOut{.category = "not-article page (" + std::string(readers::describe(extraction.not_article->kind)) + ")",
                  .detail = extraction.not_article->reason};
      return;
    }
    readers::ExtractedArticle& found = extraction.article;
    Article& article = entry.article;
    article.title = std::move(found.title);
    article.body = std::move(found.body);
    article.author = std::move(found.author);
    article.source = std::move(found.source);
    article.url = std::move(found.url);
    entry.from.title = found.title_from;
    entry.from.body = article.body.empty() ? "" : found.body_from;
    entry.from.author = found.author_from;
    entry.from.source = found.source_from;
    entry.from.url = found.url_from;
    if (!set_date(entry, found.date, found.date_from) && !page.capture_date.empty()) {
      // The capture date, as a last resort: marked as such, never passed off
      // as the publication date.
      dates::DateCheck capture = dates::check_date(page.capture_date);
      if (capture.verdict == dates::DateVerdict::kValid) {
        article.published_unix_s = capture.unix_s;
        entry.from.date = entry.format == "arc" ? "arc-date" : "warc-date";
      }
    }
    set_language(entry, found.lang, found.lang_from, options);
    set_id(entry);
    finish_article(entry);
    if (article.id.empty()) return;  // skipped: no text
  } catch (const std::bad_alloc&) {
    entry.article = Article{};
    entry.skip = Skip{SkipReason::kTooLong, "out of memory while extracting the page"};
  } catch (const Error& e) {
    // extract_html_article refuses pages it cannot decode (and pages over
    // its own limit, which the reader never hands out).
    entry.article = Article{};
    std::string_view what = e.what();
    bool too_large = what.find("limit") != std::string_view::npos;
    entry.skip = Skip{too_large ? SkipReason::kTooLong : SkipReason::kUndecodable, std::string(what)};
  } catch (const std::exception& e) {
    entry.article = Article{};
    entry.skip = Skip{SkipReason::kUndecodable, std::string("cannot extract the page: ") + e.what()};
  }
}

void convert_feed_record(const readers::FeedRecord& record, std::string_view format, CorpusEntry& entry,
                         const CorpusReaderOptions& options) {
  entry.format = format;
  if (!record.article) {
    entry.left_out = LeftOut{.category = feed_category(record.skip_reason), .detail = record.skip_reason};
    return;
  }
  const readers::FeedArticle& found = *record.article;
  Article& article = entry.article;
  article.id = found.id;
  article.title = found.title;
  article.body = found.body;
  article.author = found.author;
  article.source = found.source;
  article.url = found.url;
  entry.from.id = found.id_from;
  entry.from.title = found.title_from;
  entry.from.body = found.body_from;
  entry.from.author = found.author_from;
  entry.from.source = found.source_from;
  entry.from.url = found.url_from;
  if (found.published_unix_s) {
    // The feed reader parsed it (in forms dates.h does not read, such as
    // Portuguese month names); the plausibility window is the same.
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    dates::DateVerdict verdict =
        *found.published_unix_s < dates::unix_from_civil(dates::kEarliestYear, 1, 1) ? dates::DateVerdict::kTooEarly
        : *found.published_unix_s > now + dates::kMaxFutureSeconds                   ? dates::DateVerdict::kTooLate
                                                                                     : dates::DateVerdict::kValid;
    if (verdict == dates::DateVerdict::kValid) {
      article.published_unix_s = found.published_unix_s;
      entry.from.date = found.date_from;
    } else {
      entry.warnings.push_back("date " + quote(found.date) + " (" + found.date_from + ") " + dates::describe(verdict) +
                               "; indexed as undated");
    }
  } else {
    set_date(entry, found.date, found.date_from);
  }
  set_language(entry, found.lang, found.lang_from, options);
  if (article.body.size() + article.title.size() > options.max_article_bytes) {
    entry.article = Article{};
    entry.skip = Skip{SkipReason::kTooLong, "the item's text is longer than the --max-article-size limit"};
    return;
  }
  if (article.id.size() > schema::kMaxIdBytes) {
    // An agency id that long is no id; the URL or the content is.
    entry.warnings.push_back("item id of " + std::to_string(article.id.size()) + " bytes is longer than " +
                             std::to_string(schema::kMaxIdBytes) + "; id made from its URL or text instead");
    article.id.clear();
    entry.from.id.clear();
  }
  set_id(entry);
  finish_article(entry);
}

}  // namespace newsdex::index
