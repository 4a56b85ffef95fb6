// newsdex-index --dry-run: read the input and extract entities exactly as a
// real run does, but open no database and write nothing; report per article
// what would be indexed (JSON Lines with --json, else a short text summary).
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "common/article.h"
#include "common/entities/entities.h"
#include "indexer/corpus_reader.h"
#include "indexer/indexer.h"

namespace newsdex::index {

// The --json object of one article (`entry.article`):
//   {"id","origin","format","title","body" (the full text),"date" (ISO 8601 UTC,
//    "2019-11-18T10:00:00Z", or null),"author","source","url","lang",
//    "id_from","title_from","body_from","date_from","author_from","source_from",
//    "url_from","lang_from" (CorpusEntry::from: the JSON key or CSV column, the
//    HTML or feed source, "warc-date" ("arc-date") for a capture date, "content-hash",
//    "default"; "" when the field is empty),
//    "persons":[{"name","salience","mentions":[{"field",
//    "start","end","text"}]}],"organizations":[same],"countries":[{"code",
//    "name","salience","mentions"}],"speakers":[name],"quotes":[{"speaker"
//    (null when unattributed),"verb","direct","field","start","end","text"}]}
// Offsets are bytes into the title or body; lists as the extractor orders them.
nlohmann::ordered_json extraction_json(const CorpusEntry& entry, const entities::Extraction& extraction);

// The text form: "ID  TITLE" then "  speakers: A, B" and
// "  countries: SY Syria, RU Russia" ("-" for none).
std::string extraction_text(const Article& article, const entities::Extraction& extraction);

// Reads options.paths like run() and extracts entities from every article
// (unless options.extract_entities is off). Writes one report per article to
// `out` (extraction_json() as one line when options.json, else
// extraction_text()); warnings, the progress line and the summary (unless
// quiet) go to `diagnostics` exactly as for a real run, and the result maps to
// the same exit codes. options.db_path is ignored. Throws newsdex::Error for
// no paths or an unknown default language.
IndexSummary dry_run(const IndexerOptions& options, std::ostream& out, std::ostream& diagnostics);

}  // namespace newsdex::index
