#include "indexer/indexer.h"

#include <optional>

#include <xapian.h>

#include "common/database.h"
#include "common/error.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "indexer/interrupt.h"
#include "indexer/progress.h"

namespace newsdex::index {
namespace {

std::string counted(std::uint64_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

// The summary's label for `n` skips of one reason.
std::string skip_label(SkipReason reason, std::uint64_t n) {
  switch (reason) {
    case SkipReason::kUnreadableFile:
      return counted(n, "unreadable file", "unreadable files");
    case SkipReason::kIndexError:
      return counted(n, "index error", "index errors");
    default:
      return std::to_string(n) + " " + std::string(describe(reason));
  }
}

class Run {
 public:
  Run(const IndexerOptions& options, std::ostream& diagnostics, std::string default_lang)
      : options_(options),
        diagnostics_(diagnostics),
        writer_(summary_db_path(options), IndexWriterOptions{.documents_per_commit = options.documents_per_commit}),
        reader_(options.paths, CorpusReaderOptions{.default_lang = std::move(default_lang)}),
        builder_(options.extract_entities),
        progress_(diagnostics,
                  ProgressOptions{.enabled = options.show_progress, .total_bytes = reader_.total_bytes()}) {
    summary_.db_path = summary_db_path(options);
  }

  IndexSummary index_all() {
    for_each_article(reader_, progress_, diagnostics_, summary_,
                     [this](const CorpusEntry& entry) { return index_article(entry.article); });
    writer_.commit();
    summary_.added = writer_.added();
    summary_.replaced = writer_.replaced();
    summary_.files_ignored = reader_.files_ignored();
    progress_.clear();
    if (!options_.quiet) diagnostics_ << format_summary(summary_) << '\n';
    return summary_;
  }

 private:
  static std::string summary_db_path(const IndexerOptions& options) {
    return options.db_path.empty() ? default_database_path() : options.db_path;
  }

  // Builds and writes one article; a skip when this article (not the
  // database) is the problem. Database failures propagate: they are fatal.
  std::optional<Skip> index_article(const Article& article) {
    try {
      writer_.write(article, builder_.build(article));
      return std::nullopt;
    } catch (const Xapian::InvalidArgumentError& e) {
      return Skip{SkipReason::kIndexError, e.get_msg()};
    } catch (const Xapian::Error& e) {
      throw Error("database error: " + e.get_description());
    }
  }

  const IndexerOptions& options_;
  std::ostream& diagnostics_;
  IndexSummary summary_;
  IndexWriter writer_;
  CorpusReader reader_;
  DocumentBuilder builder_;
  Progress progress_;
};

}  // namespace

std::uint64_t for_each_article(CorpusReader& reader, Progress& progress, std::ostream& diagnostics,
                               IndexSummary& summary,
                               const std::function<std::optional<Skip>(const CorpusEntry&)>& handle) {
  auto warn = [&](const std::string& origin, const std::string& message) {
    progress.clear();
    diagnostics << kProgramName << ": " << origin << ": " << message << '\n';
  };
  InterruptGuard interrupt_guard;
  std::uint64_t articles = 0;
  while (!interrupt_requested()) {
    std::optional<CorpusEntry> entry = reader.next();
    // A record read after the signal may be a line cut short by it.
    if (!entry || interrupt_requested()) break;
    for (const std::string& warning : entry->warnings) {
      warn(entry->origin, warning);
      ++summary.warnings;
    }
    if (!entry->skip) entry->skip = handle(*entry);
    if (entry->skip) {
      std::string message = "skipped: " + std::string(describe(entry->skip->reason));
      if (!entry->skip->detail.empty()) message += " (" + entry->skip->detail + ")";
      warn(entry->origin, message);
      ++summary.skipped[entry->skip->reason];
    } else {
      ++articles;
    }
    progress.update(articles, reader.bytes_consumed());
  }
  summary.interrupted = interrupt_requested();
  return articles;
}

std::uint64_t IndexSummary::skipped_total() const {
  std::uint64_t total = 0;
  for (const auto& [reason, n] : skipped) total += n;
  return total;
}

std::string format_summary(const IndexSummary& summary) {
  std::string out = summary.interrupted ? "interrupted: " : "";
  if (summary.dry_run) {
    out += "dry run: read " + counted(summary.indexed(), "article", "articles") + ", nothing written";
  } else {
    out += "indexed " + counted(summary.indexed(), "article", "articles") + " into " + summary.db_path + " (" +
           std::to_string(summary.added) + " added, " + std::to_string(summary.replaced) + " replaced)";
  }
  if (std::uint64_t total = summary.skipped_total(); total > 0) {
    out += "; skipped " + std::to_string(total) + ":";
    bool first = true;
    for (const auto& [reason, n] : summary.skipped) {
      out += (first ? " " : ", ") + skip_label(reason, n);
      first = false;
    }
  }
  if (summary.warnings > 0) out += "; " + counted(summary.warnings, "warning", "warnings");
  if (summary.files_ignored > 0) {
    out += "; ignored " + counted(summary.files_ignored, "file", "files") + " of other types";
  }
  return out;
}

int exit_code(const IndexSummary& summary) {
  if (summary.interrupted) return kExitInterrupted;
  return summary.skipped_total() > 0 ? kExitSkipped : kExitOk;
}

IndexSummary run(const IndexerOptions& options, std::ostream& diagnostics) {
  if (options.paths.empty()) {
    throw Error("no input: give at least one PATH (a file, a directory, or - for standard input)");
  }
  std::string default_lang = normalize_language(options.default_lang);
  if (default_lang.empty()) throw Error("--lang: unknown language \"" + options.default_lang + "\"");
  if (options.dry_run) throw Error("--dry-run: internal error: run() writes a database; call dry_run()");
  try {
    Run indexing_run(options, diagnostics, std::move(default_lang));
    return indexing_run.index_all();
  } catch (const Xapian::Error& e) {
    throw Error("database error: " + e.get_description());
  }
}

}  // namespace newsdex::index
