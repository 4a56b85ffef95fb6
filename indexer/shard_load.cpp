#include "indexer/shard_load.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <utility>

#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/test_hook.h"
#include "indexer/article_hash.h"
#include "indexer/document_builder.h"
#include "indexer/pipeline.h"

namespace newsdex::index {
namespace {

namespace fs = std::filesystem;

// Documents queued per shard, at most: enough to keep a writer busy while
// the calling thread assigns clusters, few enough to bound memory.
constexpr std::size_t kQueuedPerShard = 256;

constexpr std::string_view kShardPrefix = "shard-";

// The run's cluster index, beside the shards.
constexpr std::string_view kClusterIndexName = "cluster-index";

// What one pending posting of the cluster index costs in Xapian's buffers,
// at most (index_writer.h's estimate for a document's terms).
constexpr std::uint64_t kBytesPerPendingTerm = 150;

bool is_shard_name(const std::string& name) {
  if (!name.starts_with(kShardPrefix) || name.size() == kShardPrefix.size()) return false;
  return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(kShardPrefix.size()), name.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// The cluster index's entry for one article: what ClusterAssigner reads.
Xapian::Document cluster_entry(const std::string& id_term, const std::optional<Fingerprint>& fp,
                               const Xapian::Document& doc, const std::string& cluster) {
  Xapian::Document entry;
  entry.add_boolean_term(id_term);
  if (fp) {
    for (const std::string& key : lsh_keys(*fp)) entry.add_boolean_term(std::string(schema::kPrefixLsh) + key);
    entry.add_value(schema::kSlotFingerprint, doc.get_value(schema::kSlotFingerprint));
  }
  if (std::string published = doc.get_value(schema::kSlotPublished); !published.empty()) {
    entry.add_value(schema::kSlotPublished, published);
  }
  entry.add_value(schema::kSlotCluster, cluster);
  return entry;
}

}  // namespace

unsigned shard_count(const ShardCountInput& in) {
  if (in.requested > 0) return std::min(in.requested, kMaxShards);
  if (in.input_bytes < kShardsMinInputBytes) return 1;
  if (in.existing_articles > 0) {
    // The merge rewrites the database: only worth it for a bulk load, and
    // never when the user said not to compact.
    if (!in.compact) return 1;
    if (in.database_bytes / kShardsDatabaseBytesPerInputByte > in.input_bytes) return 1;
  }
  return std::clamp(std::thread::hardware_concurrency(), 1U, kMaxShards);
}

unsigned shard_of(std::string_view id, unsigned shards) {
  return static_cast<unsigned>(fnv1a_64(id) % std::max(1U, shards));
}

Route parse_route(std::string_view text) {
  const std::string shown = "--route " + std::string(text);
  auto number = [&](std::string_view digits, const char* what) {
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      throw Error(shown + ": " + what + " is not a number; expected K/N, e.g. 0/3 (shard 0 of 3)");
    }
    return static_cast<unsigned>(std::stoul(std::string(digits)));
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) throw Error(shown + ": expected K/N, e.g. 0/3 (shard 0 of 3)");
  Route route;
  route.shard = number(text.substr(0, slash), "K");
  route.shards = number(text.substr(slash + 1), "N");
  if (route.shards == 0) throw Error(shown + ": N must be at least 1");
  if (route.shards > kMaxRouteShards) {
    throw Error(shown + ": at most " + std::to_string(kMaxRouteShards) + " shards");
  }
  if (route.shard >= route.shards) {
    throw Error(shown + ": K must be below N (the shards of " + std::to_string(route.shards) + " are numbered 0 to " +
                std::to_string(route.shards - 1) + ")");
  }
  return route;
}

RunClusters::RunClusters()
    : index_(std::string(), Xapian::DB_BACKEND_INMEMORY),
      bytes_limit_(std::numeric_limits<std::uint64_t>::max()),
      clusters_(index_) {}

RunClusters::RunClusters(const std::string& path, std::uint64_t bytes_limit)
    : index_(path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS), bytes_limit_(bytes_limit), clusters_(index_) {}

void RunClusters::count_pending(const Xapian::Document& entry) {
  pending_bytes_ += (entry.termlist_count() + 1) * kBytesPerPendingTerm;
  // On disk, committed when its buffers reach their share of --memory, so
  // the index of a run of any size stays within it (the committed part is
  // read through Xapian's block cache).
  if (pending_bytes_ >= bytes_limit_) {
    index_.commit();
    pending_bytes_ = 0;
    test_hook("cluster-index-commit");
  }
}

std::optional<std::uint64_t> RunClusters::add_database(const Xapian::Database& db, const std::function<bool()>& stop) {
  // By id term, each entered under the article's own document id: a single
  // writer's candidates are ordered by document id (ties to the earlier),
  // and an article the run replaces keeps its place there.
  const std::string prefix(schema::kPrefixId);
  std::uint64_t entered = 0;
  for (auto id = db.allterms_begin(prefix); id != db.allterms_end(prefix); ++id) {
    if (entered % kStopCheckEvery == 0 && stop && stop()) return std::nullopt;
    Xapian::PostingIterator post = db.postlist_begin(*id);
    if (post == db.postlist_end(*id)) continue;
    Xapian::Document doc = db.get_document(*post, Xapian::DOC_ASSUME_VALID);
    std::optional<Fingerprint> fp = deserialise_fingerprint(doc.get_value(schema::kSlotFingerprint));
    Xapian::Document entry = cluster_entry(*id, fp, doc, doc.get_value(schema::kSlotCluster));
    index_.replace_document(*post, entry);
    count_pending(entry);
    ++entered;
  }
  return entered;
}

void RunClusters::assign(const Article& article, Xapian::Document& doc) {
  const std::string id_term = std::string(schema::kPrefixId) + article.id;
  std::optional<Fingerprint> fp = deserialise_fingerprint(doc.get_value(schema::kSlotFingerprint));
  std::string cluster = fp ? clusters_.assign(article.id, *fp, article.published_unix_s) : article.id;
  add_cluster(doc, cluster);
  check_document_terms(doc);  // an article Xapian would refuse is not recorded either
  // Every article gets an entry, fingerprint or not, so that document ids
  // here follow the write order as a single writer's do (ties go to the
  // earlier document).
  Xapian::Document entry = cluster_entry(id_term, fp, doc, cluster);
  index_.replace_document(id_term, entry);
  count_pending(entry);
}

std::string shards_temp_path(const std::string& db_dir) {
  fs::path dir = fs::path(db_dir).lexically_normal();
  if (dir.filename().empty() && dir.has_parent_path()) dir = dir.parent_path();
  return (dir.parent_path() / ("." + dir.filename().string() + ".shards-tmp")).string();
}

bool remove_leftover_shards(const std::string& db_dir) {
  const fs::path temp = shards_temp_path(db_dir);
  std::error_code ec;
  fs::file_status status = fs::symlink_status(temp, ec);
  if (!fs::exists(status)) return false;
  if (!fs::is_directory(status)) {
    throw Error(temp.string() +
                " is in the way of a sharded load and is not a directory newsdex made; "
                "move it away (nothing was removed)");
  }
  std::vector<std::string> foreign;
  std::vector<fs::path> shards;
  for (const fs::directory_entry& entry : fs::directory_iterator(temp)) {
    std::string name = entry.path().filename().string();
    if ((is_shard_name(name) || name == kClusterIndexName) && entry.is_directory() && !entry.is_symlink()) {
      shards.push_back(entry.path());
    } else {
      foreign.push_back(name);
    }
  }
  if (!foreign.empty()) {
    std::sort(foreign.begin(), foreign.end());
    throw Error(temp.string() + ", the shards of an interrupted sharded load, also holds " + list_names(foreign) +
                ", which newsdex did not create; move " + (foreign.size() == 1 ? "it" : "them") +
                " out of it (nothing was removed)");
  }
  for (const fs::path& shard : shards) remove_database_directory(shard.string());
  if (!fs::remove(temp, ec) || ec) {
    throw Error("cannot remove " + temp.string() + ": " + (ec ? ec.message() : std::string("not empty")));
  }
  return true;
}

namespace {

// Creates `dir` (which must not exist) and returns it.
std::string create_shards_dir(std::string dir) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dir, ec))) {
    throw Error(dir + " exists: the shards of another run (internal error: remove_leftover_shards first)");
  }
  if (!fs::create_directory(dir, ec) || ec) {
    throw Error("cannot create " + dir + " for the shards of a sharded load: " + ec.message());
  }
  return dir;
}

}  // namespace

ShardedWriter::ShardedWriter(const std::string& db_dir, unsigned shards, IndexWriterOptions options)
    : dir_(create_shards_dir(shards_temp_path(db_dir))),
      clusters_((fs::path(dir_) / kClusterIndexName).string(), options.uncommitted_bytes_limit) {
  options.assign_clusters = false;
  try {
    for (unsigned k = 0; k < std::max(1U, shards); ++k) {
      auto shard = std::make_unique<Shard>();
      shard->path = (fs::path(dir_) / (std::string(kShardPrefix) + std::to_string(k))).string();
      shard->writer = std::make_unique<IndexWriter>(shard->path, options);
      shards_.push_back(std::move(shard));
    }
    for (auto& shard : shards_) {
      Shard* s = shard.get();
      s->thread = std::thread([this, s] { writer_loop(*s); });
    }
  } catch (...) {
    stop_threads();
    throw;
  }
}

ShardedWriter::~ShardedWriter() { stop_threads(); }

void ShardedWriter::stop_threads() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  for (auto& shard : shards_) {
    if (shard->thread.joinable()) shard->thread.join();
  }
}

void ShardedWriter::writer_loop(Shard& shard) {
  // The calling thread and the pipeline's reader take the signals.
  pipeline_detail::SignalBlock block;
  for (;;) {
    Queued item;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return !shard.queue.empty() || stop_ || failure_; });
      if (failure_ || shard.queue.empty()) return;  // stop_ with nothing left, or another writer failed
      item = std::move(shard.queue.front());
      shard.queue.pop_front();
    }
    changed_.notify_all();  // room in the queue
    try {
      shard.writer->write(item.article, std::move(item.doc), item.existing);
    } catch (const Xapian::Error& e) {
      std::lock_guard lock(mutex_);
      if (!failure_) {
        failure_ = std::make_exception_ptr(Error("database error in shard " + shard.path + ": " + e.get_description()));
      }
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!failure_) failure_ = std::current_exception();
    }
    if (failure_) {
      changed_.notify_all();
      return;
    }
  }
}

void ShardedWriter::rethrow_failure() {
  std::exception_ptr failure;
  {
    std::lock_guard lock(mutex_);
    failure = failure_;
  }
  if (failure) {
    stop_threads();
    std::rethrow_exception(failure);
  }
}

void ShardedWriter::write(const Article& article, Xapian::Document doc, IndexWriter::Existing existing) {
  clusters_.assign(article, doc);

  Queued item;
  item.article.id = article.id;
  item.article.lang = article.lang;
  item.article.published_unix_s = article.published_unix_s;
  item.doc = std::move(doc);
  item.existing = existing;
  Shard& shard = *shards_[shard_of(article.id, shards())];
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return shard.queue.size() < kQueuedPerShard || failure_; });
    if (!failure_) shard.queue.push_back(std::move(item));
  }
  changed_.notify_all();
  rethrow_failure();
}

void ShardedWriter::close() {
  if (closed_) return;
  closed_ = true;
  stop_threads();  // the writers finish their queues first
  rethrow_failure();
  for (auto& shard : shards_) {
    shard->writer->set_metadata(std::string(schema::kMetaBulkLoad), "shards=" + std::to_string(shards()));
    shard->writer->close();
  }
}

std::uint64_t ShardedWriter::added() const {
  std::uint64_t n = 0;
  for (const auto& shard : shards_) n += shard->writer->added();
  return n;
}

std::uint64_t ShardedWriter::replaced() const {
  std::uint64_t n = 0;
  for (const auto& shard : shards_) n += shard->writer->replaced();
  return n;
}

std::vector<std::string> ShardedWriter::shard_paths() const {
  std::vector<std::string> paths;
  for (const auto& shard : shards_) paths.push_back(shard->path);
  return paths;
}

}  // namespace newsdex::index
