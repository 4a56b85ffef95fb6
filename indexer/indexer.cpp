#include "indexer/indexer.h"
#include "common/test_hook.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <unordered_set>

#include <xapian.h>

#include "common/analysis/analyzer.h"
#include "common/database.h"
#include "common/error.h"
#include "common/facet_columns.h"
#include "common/format.h"
#include "common/schema.h"
#include "indexer/admin_common.h"
#include "indexer/admin_compact.h"
#include "indexer/article_hash.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "indexer/interrupt.h"
#include "indexer/pipeline.h"
#include "indexer/progress.h"
#include "indexer/shard_load.h"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

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
    case SkipReason::kAnalysisError:
      return counted(n, "analysis error", "analysis errors");
    default:
      return std::to_string(n) + " " + std::string(describe(reason));
  }
}

// What a worker thread hands the writer for one article.
struct Built {
  std::optional<Xapian::Document> doc;  // empty when unchanged or skipped
  std::optional<Skip> skip;
  IndexWriter::Existing existing = IndexWriter::Existing::kUnknown;  // as of the run's start
  bool unchanged = false;  // the database holds this id with the same content stamp
};

// A worker's own builder, and its own read-only view of the database as it
// was when the run began (for the "unchanged" check; Xapian objects are not
// shared between threads).
struct WorkerState {
  explicit WorkerState(bool extract_entities) : builder(extract_entities) {}
  DocumentBuilder builder;
  std::optional<Xapian::Database> snapshot;
};

class Run {
 public:
  Run(const IndexerOptions& options, std::ostream& diagnostics, std::string default_lang)
      : options_(options),
        diagnostics_(diagnostics),
        writer_(summary_db_path(options), IndexWriterOptions{.documents_per_commit = options.documents_per_commit,
                                                             .uncommitted_bytes_limit = options.memory_bytes / 2,
                                                             .assign_clusters = options.route_shards == 0}),
        reader_(options.paths, corpus_reader_options(options, std::move(default_lang))),
        progress_(diagnostics,
                  ProgressOptions{.enabled = options.show_progress, .total_bytes = reader_.total_bytes()}) {
    summary_.db_path = summary_db_path(options);
    // Only a database that already held articles needs per-article lookups.
    Xapian::Database db(summary_.db_path);
    had_documents_ = db.get_doccount() > 0;
    remove_leftovers();
    summary_.shards = shards_blocked_ || options.route_shards > 0
                          ? 1
                          : shard_count({.requested = options.shards,
                                         .input_bytes = reader_.total_bytes().value_or(0),
                                         .existing_articles = db.get_doccount(),
                                         .database_bytes = had_documents_ ? directory_bytes(summary_.db_path) : 0,
                                         .compact = options.compact});
    if (options.route_shards > 0) {
      summary_.route_shard = options.route_shard;
      summary_.route_shards = options.route_shards;
      route_clusters_.emplace();
    }
    if (summary_.shards > 1) {
      // Half of --memory for the shard writers' batches and the cluster
      // index, as one writer's batch gets.
      std::uint64_t budget = options.memory_bytes / 2 / (summary_.shards + 1);
      sharded_.emplace(
          fs::canonical(summary_.db_path).string(), summary_.shards,
          IndexWriterOptions{.documents_per_commit = options.documents_per_commit, .uncommitted_bytes_limit = budget});
      if (had_documents_) add_database_to_clusters(db);
    }
  }

  IndexSummary index_all() {
    unsigned workers = worker_threads(options_.threads);
    PipelineOptions pipeline = pipeline_options(workers, options_.memory_bytes);
    pipeline.report_left_out = options_.verbose;
    for_each_article(
        reader_, progress_, diagnostics_, summary_, pipeline, [this] { return make_worker(); },
        [](std::unique_ptr<WorkerState>& state, const CorpusEntry& entry) { return build(*state, entry.article); },
        [this](const CorpusEntry& entry, Built& built) { return write(entry.article, built); });
    writer_.close();
    summary_.added = writer_.added();
    summary_.replaced = writer_.replaced();
    summary_.files_ignored = reader_.files_ignored();
    progress_.clear();
    // The end phase. A signal in it stops the step it comes in and skips
    // the rest; what is committed stays.
    if (sharded_) {
      merge_shards();
    } else {
      compact_if_due();
    }
    // Facet columns of the committed revision (a re-run that changed
    // nothing still brings stale or missing ones up to date). Not after
    // Ctrl-C: the user asked to stop, and searches count without them.
    if (!stopping() && !damaged_) refresh_columns();
    test_hook("end");
    summary_.interrupted = stopping();
    if (!options_.quiet) diagnostics_ << format_summary(summary_) << '\n';
    return summary_;
  }

 private:
  static std::string summary_db_path(const IndexerOptions& options) {
    return options.db_path.empty() ? default_database_path() : options.db_path;
  }

  bool stopping() const { return summary_.interrupted || interrupt_requested(); }

  // The check before the compaction found the database damaged.
  bool damaged_ = false;

  // A bulk load (this run wrote at least kCompactAfterShare of the articles)
  // is compacted. Failures are warnings: the articles are committed.
  void compact_if_due() {
    if (!options_.compact || stopping() || summary_.indexed() == 0) return;
    std::uint64_t total = summary_.indexed();
    try {
      total = Xapian::Database(summary_.db_path).get_doccount();
    } catch (const Xapian::DatabaseError&) {  // NOLINT(bugprone-empty-catch): compact_database's check says what
    }
    if (static_cast<double>(summary_.indexed()) < kCompactAfterShare * static_cast<double>(total)) return;
    if (options_.show_progress) diagnostics_ << "compacting the database..." << std::flush;
    auto clear_line = [&] {
      if (options_.show_progress) diagnostics_ << '\r' << std::string(30, ' ') << '\r';
    };
    try {
      CompactResult compacted = compact_database(summary_.db_path);
      clear_line();
      summary_.compacted_bytes = std::pair{compacted.bytes_before, compacted.bytes_after};
    } catch (const Interrupted&) {
      clear_line();
      summary_.not_compacted = "interrupted";
    } catch (const DamagedDatabaseError& e) {
      // Reading it further here could loop or crash inside libxapian: no
      // facet columns either.
      clear_line();
      damaged_ = true;
      summary_.not_compacted = "the database is damaged, see the error";
      diagnostics_ << kProgramName << ": error: " << e.what() << ". The "
                   << counted(summary_.indexed(), "article", "articles") << " of this run "
                   << (summary_.indexed() == 1 ? "was" : "were") << " committed before the check found the damage\n";
    } catch (const Error& e) {
      clear_line();
      if (interrupt_requested()) {
        summary_.not_compacted = "interrupted";
        return;
      }
      summary_.not_compacted = "failed, see the warning";
      diagnostics_ << kProgramName << ": warning: " << e.what() << ". The "
                   << counted(summary_.indexed(), "article", "articles") << " of this run "
                   << (summary_.indexed() == 1 ? "is" : "are")
                   << " committed and searchable; compaction was skipped (newsdex-index compact runs it later)\n";
    }
  }

  // A sharded load into a database that holds articles: its articles join
  // the run's cluster index first. A signal stops it; the run then stops at
  // once and nothing is merged.
  void add_database_to_clusters(const Xapian::Database& db) {
    const std::string line = "reading the clusters of the " + format_count(db.get_doccount()) +
                             (db.get_doccount() == 1 ? " article" : " articles") + " in the database...";
    if (options_.show_progress) diagnostics_ << line << std::flush;
    sharded_->add_database(db, [] { return interrupt_requested(); });
    if (options_.show_progress) diagnostics_ << '\r' << std::string(line.size(), ' ') << '\r';
  }

  // A sharded run's end: the shards closed and merged into the database
  // (the merge is its compaction), then removed. Interrupted before the
  // swap, the database is as it was and the shards are removed: a re-run
  // loads again. A failed merge is fatal (the articles are in no database).
  void merge_shards() {
    std::vector<std::string> shards = sharded_->shard_paths();
    sharded_->close();
    summary_.added = sharded_->added();
    summary_.replaced = sharded_->replaced();
    sharded_.reset();
    std::string shards_dir = shards_temp_path(fs::canonical(summary_.db_path).string());
    auto remove_shards = [&] {
      try {
        remove_leftover_shards(fs::canonical(summary_.db_path).string());
      } catch (const Error& e) {
        diagnostics_ << kProgramName << ": warning: " << e.what() << '\n';
      }
    };
    // Nothing written (every article unchanged): the database is complete
    // as it is, and a merge would only rewrite it.
    if (stopping() || summary_.indexed() == 0) {
      remove_shards();
      return;
    }
    if (options_.show_progress) diagnostics_ << "merging " << shards.size() << " shards..." << std::flush;
    auto clear_line = [&] {
      if (options_.show_progress) diagnostics_ << '\r' << std::string(30, ' ') << '\r';
    };
    try {
      CompactResult merged = merge_into_database(summary_.db_path, shards);
      clear_line();
      summary_.merged = true;
      summary_.compacted_bytes = std::pair{merged.bytes_before, merged.bytes_after};
    } catch (const Interrupted&) {
      clear_line();
    } catch (const Error& e) {
      clear_line();
      if (!interrupt_requested()) {
        remove_shards();
        throw Error(std::string(e.what()) + "; the " + counted(summary_.indexed(), "article", "articles") +
                    " of this sharded load are not in it: run again");
      }
    }
    remove_shards();
  }

  // FacetColumns::refresh, stopped by a signal. A failure is a warning: the
  // columns are a cache, searches count from the slots without them.
  void refresh_columns() {
    try {
      FacetColumns::refresh(summary_.db_path, [] { return interrupt_requested(); });
    } catch (const FacetColumnsStopped&) {  // NOLINT(bugprone-empty-catch): the interrupt flag says it
    } catch (const Error& e) {
      if (!interrupt_requested()) {
        diagnostics_ << kProgramName << ": warning: " << e.what() << " (facet counts read the slots instead)\n";
      }
    } catch (const Xapian::Error& e) {
      if (!interrupt_requested()) {
        diagnostics_ << kProgramName << ": warning: facet columns of " << summary_.db_path << ": "
                     << e.get_description() << " (facet counts read the slots instead)\n";
      }
    }
  }

  // What a killed run left behind: a compaction's temporary directory and
  // the facet columns' temporary file. We hold the database's write lock (the
  // writer), so no compaction is running; the facet file is checked under
  // its own lock.
  void remove_leftovers() {
    std::error_code ec;
    const fs::path dir = fs::canonical(summary_.db_path, ec);
    if (ec) return;
    const std::string temp = compaction_temp_path(dir.string());
    if (fs::exists(fs::symlink_status(temp, ec))) {
      try {
        remove_database_directory(temp);
        diagnostics_ << kProgramName << ": removed " << temp << ", left behind by an interrupted compaction\n";
      } catch (const Error& e) {
        diagnostics_ << kProgramName << ": warning: " << e.what()
                     << "; compaction needs that name, so it is skipped until this is moved away\n";
      }
    }
    try {
      if (remove_leftover_shards(dir.string())) {
        diagnostics_ << kProgramName << ": removed " << shards_temp_path(dir.string())
                     << ", the shards of an interrupted sharded load\n";
      }
    } catch (const Error& e) {
      diagnostics_ << kProgramName << ": warning: " << e.what() << "; sharded loads are off until it is moved away\n";
      shards_blocked_ = true;
    }
    try {
      if (FacetColumns::remove_leftover(summary_.db_path)) {
        diagnostics_ << kProgramName << ": removed " << FacetColumns::path_for(summary_.db_path)
                     << ".tmp, left behind by an interrupted run\n";
      }
    } catch (const Error& e) {
      diagnostics_ << kProgramName << ": warning: " << e.what() << '\n';
    }
  }

  std::unique_ptr<WorkerState> make_worker() const {
    auto state = std::make_unique<WorkerState>(options_.extract_entities);
    if (had_documents_) state->snapshot.emplace(summary_.db_path);
    return state;
  }

  // On a worker thread. The lookup of the id in the snapshot decides
  // "unchanged" (nothing to build) and whether the writer may add without a
  // lookup of its own.
  static Built build(WorkerState& state, const Article& article) {
    Built built;
    built.existing = IndexWriter::Existing::kNo;
    if (state.snapshot) {
      std::string stamp = state.builder.content_stamp(article);
      std::string id_term = std::string(schema::kPrefixId) + article.id;
      for (int attempt = 0;; ++attempt) {
        try {
          Xapian::PostingIterator it = state.snapshot->postlist_begin(id_term);
          if (it != state.snapshot->postlist_end(id_term)) {
            built.existing = IndexWriter::Existing::kYes;
            built.unchanged = state.snapshot->get_document(*it).get_value(schema::kSlotContentHash) == stamp;
          }
          break;
        } catch (const Xapian::DatabaseModifiedError&) {
          // Our own commits moved the database on; the newer view is as good.
          if (attempt >= 3) throw;
          state.snapshot->reopen();
        }
      }
      if (built.unchanged) return built;
    }
    try {
      built.doc = state.builder.build(article);
    } catch (const ArticleError& e) {
      // This article's trouble, not the run's: the others go on.
      built.skip = Skip{SkipReason::kAnalysisError, e.what()};
    } catch (const Xapian::InvalidArgumentError& e) {
      built.skip = Skip{SkipReason::kIndexError, e.get_msg()};
    }
    return built;
  }

  // On this thread, in input order. A skip when this article (not the
  // database) is the problem; database failures propagate: they are fatal.
  std::optional<Skip> write(const Article& article, Built& built) {
    if (built.skip) return built.skip;
    // The snapshot predates this run: an id written earlier in this run is
    // not "unchanged" relative to what is stored now, and exists for sure.
    bool written_before = !written_.insert(fnv1a_64(article.id)).second;
    if (written_before) built.existing = IndexWriter::Existing::kYes;
    if (built.unchanged && !written_before && !route_clusters_) {
      ++summary_.unchanged;
      return std::nullopt;
    }
    if (built.unchanged && !written_before) {
      // --route: an unchanged article still joins the run's clusters (its
      // document is built here for its fingerprint), then is left as it is.
      try {
        if (!own_builder_) own_builder_.emplace(options_.extract_entities);
        Xapian::Document doc = own_builder_->build(article);
        route_clusters_->assign(article, doc);
      } catch (const ArticleError& e) {
        return Skip{SkipReason::kAnalysisError, e.what()};
      } catch (const Xapian::InvalidArgumentError& e) {
        return Skip{SkipReason::kIndexError, e.get_msg()};
      }
      ++summary_.unchanged;
      return std::nullopt;
    }
    try {
      if (!built.doc) {
        if (!own_builder_) own_builder_.emplace(options_.extract_entities);
        built.doc = own_builder_->build(article);
      }
      if (route_clusters_) {
        // Every article of the input, this shard's or not, joins the run's
        // clusters: the machines indexing the other shards assign the same.
        route_clusters_->assign(article, *built.doc);
        if (shard_of(article.id, options_.route_shards) != options_.route_shard) {
          ++summary_.routed_elsewhere;
          return std::nullopt;
        }
      }
      if (sharded_) {
        sharded_->write(article, std::move(*built.doc), built.existing);
      } else {
        writer_.write(article, std::move(*built.doc), built.existing);
      }
      return std::nullopt;
    } catch (const ArticleError& e) {
      return Skip{SkipReason::kAnalysisError, e.what()};
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
  Progress progress_;
  bool had_documents_ = false;
  // Hashes of the ids written in this run (8 bytes each rather than the ids:
  // a collision only costs a needless rebuild or a "replaced" miscount).
  std::unordered_set<std::uint64_t> written_;
  std::optional<DocumentBuilder> own_builder_;  // for the rare rebuild on this thread
  bool shards_blocked_ = false;                 // a leftover shards directory we may not remove
  std::optional<ShardedWriter> sharded_;        // a sharded load's writers (summary_.shards > 1)
  std::optional<RunClusters> route_clusters_;   // --route: the clusters of every article of the input
};

// `p` made absolute, symbolic links resolved as far as it exists, without
// a trailing slash.
fs::path resolved(const std::string& p) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(fs::absolute(fs::path(p), ec), ec).lexically_normal();
  if (out.filename().empty() && out.has_parent_path()) out = out.parent_path();
  return out;
}

// True when `inner` is `outer` or lies inside it.
bool is_within(const fs::path& inner, const fs::path& outer) {
  auto [o, i] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return o == outer.end();
}

}  // namespace

void check_inputs_outside_database(const std::string& db_path, const std::vector<std::string>& paths) {
  const fs::path db = resolved(db_path);
  for (const std::string& path : paths) {
    if (path == "-") continue;
    const fs::path input = resolved(path);
    if (is_within(input, db)) {
      throw Error(path + (input == db ? " is the database directory " : " is inside the database directory ") +
                  db_path +
                  ": newsdex-index does not read its own database, and never writes among the files it "
                  "reads; keep the articles outside the database directory (nothing was written)");
    }
    std::error_code ec;
    if (is_within(db, input) && fs::is_directory(input, ec)) {
      throw Error("the database directory " + db_path + " is inside the input directory " + path + ": reading " + path +
                  " would read the database's own files; put the database elsewhere "
                  "(--db) or give the input's subdirectories (nothing was written)");
    }
  }
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
    if (summary.unchanged > 0) out += "; " + std::to_string(summary.unchanged) + " unchanged";
    if (summary.compacted_bytes) {
      out += "; compacted " + format_bytes(summary.compacted_bytes->first) + " -> " +
             format_bytes(summary.compacted_bytes->second);
    }
    if (!summary.not_compacted.empty()) out += "; not compacted (" + summary.not_compacted + ")";
    if (summary.route_shards > 0) {
      out += "; " + std::to_string(summary.routed_elsewhere) + " routed to other shards (this is shard " +
             std::to_string(summary.route_shard) + " of " + std::to_string(summary.route_shards) + ")";
    }
    if (summary.shards > 1 && (summary.merged || summary.interrupted || summary.indexed() > 0)) {
      out += summary.merged ? "; " + std::to_string(summary.shards) + " shards merged"
                            : "; " + std::to_string(summary.shards) + " shards not merged: the database is as it was";
    }
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
  bool other_formats = std::any_of(summary.formats.begin(), summary.formats.end(),
                                   [](const auto& format) { return format.first != "jsonl"; });
  if (other_formats) {
    out += "; by format:";
    bool first = true;
    for (const auto& [format, n] : summary.formats) {
      out += (first ? " " : ", ") + std::to_string(n) + " " + format;
      first = false;
    }
  }
  if (!summary.left_out.empty()) {
    std::uint64_t total = 0;
    for (const auto& [category, n] : summary.left_out) total += n;
    out += "; left out " + std::to_string(total) + " (not articles):";
    bool first = true;
    for (const auto& [category, n] : summary.left_out) {
      out += (first ? " " : ", ") + std::to_string(n) + " " + category;
      first = false;
    }
  }
  return out;
}

int exit_code(const IndexSummary& summary) {
  if (summary.interrupted) return kExitInterrupted;
  return summary.skipped_total() > 0 || !summary.not_compacted.empty() ? kExitSkipped : kExitOk;
}

CorpusReaderOptions corpus_reader_options(const IndexerOptions& options, std::string default_lang) {
  CorpusReaderOptions reader;
  reader.default_lang = std::move(default_lang);
  reader.max_article_bytes =
      options.max_article_bytes > 0 ? options.max_article_bytes : default_max_article_bytes(options.memory_bytes);
  reader.format = options.format;
  reader.field_keys = FieldKeys(options.field_keys);
  return reader;
}

IndexSummary run(const IndexerOptions& options, std::ostream& diagnostics) {
  if (options.paths.empty()) {
    throw Error("no input: give at least one PATH (a file, a directory, or - for standard input)");
  }
  std::string default_lang = analysis::language_code(options.default_lang);
  if (default_lang.empty()) throw Error("--lang: unknown language \"" + options.default_lang + "\"");
  if (options.dry_run) throw Error("--dry-run: internal error: run() writes a database; call dry_run()");
  check_inputs_outside_database(options.db_path.empty() ? default_database_path() : options.db_path, options.paths);
  // One guard for the whole run: reading, compaction and facet columns.
  InterruptGuard interrupt_guard;
  try {
    Run indexing_run(options, diagnostics, std::move(default_lang));
    return indexing_run.index_all();
  } catch (const Xapian::Error& e) {
    throw Error("database error: " + e.get_description());
  }
}

}  // namespace newsdex::index
