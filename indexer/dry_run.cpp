#include "indexer/dry_run.h"

#include <cstdint>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "common/analysis/analyzer.h"
#include "common/dates.h"
#include "common/error.h"
#include "common/terminal_text.h"
#include "indexer/corpus_reader.h"
#include "indexer/entity_terms.h"
#include "indexer/pipeline.h"
#include "indexer/progress.h"

namespace newsdex::index {
namespace {

using Json = nlohmann::ordered_json;

std::string_view field_name(entities::Field field) { return field == entities::Field::kTitle ? "title" : "body"; }

Json mentions_json(const Article& article, const std::vector<entities::Mention>& mentions) {
  Json out = Json::array();
  for (const entities::Mention& m : mentions) {
    out.push_back(
        {{"field", field_name(m.field)}, {"start", m.start}, {"end", m.end}, {"text", mention_text(article, m)}});
  }
  return out;
}

Json entities_json(const Article& article, const std::vector<entities::Entity>& list, bool with_code) {
  Json out = Json::array();
  for (const entities::Entity& e : list) {
    Json item = Json::object();
    if (with_code) item["code"] = e.code;
    item["name"] = e.name;
    item["salience"] = e.salience;
    item["mentions"] = mentions_json(article, e.mentions);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

Json extraction_json(const CorpusEntry& entry, const entities::Extraction& extraction) {
  const Article& article = entry.article;
  const FieldSources& from = entry.from;
  Json out = Json::object();
  out["id"] = article.id;
  out["origin"] = entry.origin;
  out["format"] = entry.format;
  out["title"] = article.title;
  out["body"] = article.body;
  out["date"] = article.published_unix_s ? Json(dates::format_datetime(*article.published_unix_s)) : Json(nullptr);
  out["author"] = article.author;
  out["source"] = article.source;
  out["url"] = article.url;
  out["lang"] = article.lang;
  out["id_from"] = from.id;
  out["title_from"] = from.title;
  out["body_from"] = from.body;
  out["date_from"] = from.date;
  out["author_from"] = from.author;
  out["source_from"] = from.source;
  out["url_from"] = from.url;
  out["lang_from"] = from.lang;
  out["persons"] = entities_json(article, extraction.persons, false);
  out["organizations"] = entities_json(article, extraction.organizations, false);
  out["countries"] = entities_json(article, extraction.countries, true);
  out["speakers"] = extraction.speakers;
  Json quotes = Json::array();
  for (const entities::Quote& q : extraction.quotes) {
    Json item = Json::object();
    item["speaker"] = q.speaker.empty() ? Json(nullptr) : Json(q.speaker);
    item["verb"] = q.verb;
    item["direct"] = q.direct;
    item["field"] = field_name(q.text.field);
    item["start"] = q.text.start;
    item["end"] = q.text.end;
    item["text"] = mention_text(article, q.text);
    quotes.push_back(std::move(item));
  }
  out["quotes"] = std::move(quotes);
  return out;
}

std::string extraction_text(const Article& article, const entities::Extraction& extraction) {
  // Article text goes to a terminal: made safe to print, each field on its line.
  auto safe = [](std::string_view text) { return sanitize_terminal_text(text, LineBreaks::kSpace); };
  std::string out = sanitize_terminal_text(article.id, LineBreaks::kEscape);
  if (!article.title.empty()) out += "  " + safe(article.title);
  out += "\n  speakers: ";
  if (extraction.speakers.empty()) out += "-";
  for (std::size_t i = 0; i < extraction.speakers.size(); ++i) {
    if (i > 0) out += ", ";
    out += safe(extraction.speakers[i]);
  }
  out += "\n  countries: ";
  if (extraction.countries.empty()) out += "-";
  for (std::size_t i = 0; i < extraction.countries.size(); ++i) {
    if (i > 0) out += ", ";
    out += safe(extraction.countries[i].code + " " + extraction.countries[i].name);
  }
  out += '\n';
  return out;
}

IndexSummary dry_run(const IndexerOptions& options, std::ostream& out, std::ostream& diagnostics) {
  if (options.paths.empty()) {
    throw Error("no input: give at least one PATH (a file, a directory, or - for standard input)");
  }
  std::string default_lang = analysis::language_code(options.default_lang);
  if (default_lang.empty()) {
    throw Error("--lang: unknown language \"" + excerpt_for_message(options.default_lang) + "\"");
  }

  CorpusReader reader(options.paths, corpus_reader_options(options, std::move(default_lang)));
  Progress progress(diagnostics,
                    ProgressOptions{.enabled = options.show_progress, .total_bytes = reader.total_bytes()});
  IndexSummary summary;
  summary.dry_run = true;
  // Extraction and formatting run on the workers; printing stays in input order.
  struct Worker {
    std::optional<entities::EntityExtractor> extractor;
  };
  // What a worker hands back: the text to print, or why this article failed
  // (its own error, as in a real run: the others go on).
  struct Printed {
    std::string text;
    std::optional<Skip> skip;
  };
  PipelineOptions pipeline = pipeline_options(worker_threads(options.threads), options.memory_bytes);
  pipeline.report_left_out = options.verbose;
  summary.added = for_each_article(
      reader, progress, diagnostics, summary, pipeline,
      [&options] {
        auto worker = std::make_unique<Worker>();
        if (options.extract_entities) worker->extractor.emplace();
        return worker;
      },
      [&options](std::unique_ptr<Worker>& worker, const CorpusEntry& entry) -> Printed {
        try {
          entities::Extraction extraction =
              worker->extractor ? worker->extractor->extract(entry.article) : entities::Extraction{};
          if (options.json) {
            return {extraction_json(entry, extraction).dump(-1, ' ', false, Json::error_handler_t::replace) + '\n',
                    std::nullopt};
          }
          return {extraction_text(entry.article, extraction), std::nullopt};
        } catch (const std::bad_alloc&) {
          return {"", Skip{SkipReason::kAnalysisError, "out of memory while analysing it"}};
        } catch (const std::exception& e) {
          return {"", Skip{SkipReason::kAnalysisError, std::string("cannot analyse it: ") + e.what()}};
        }
      },
      [&](const CorpusEntry& /*entry*/, Printed& printed) {
        if (printed.skip) return printed.skip;
        progress.clear();
        out << printed.text;
        return std::optional<Skip>();
      });
  out.flush();
  summary.files_ignored = reader.files_ignored();
  progress.clear();
  if (!options.quiet) diagnostics << format_summary(summary) << '\n';
  return summary;
}

}  // namespace newsdex::index
