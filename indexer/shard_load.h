// Sharded bulk loads (newsdex-index --shards N): the articles of one run are
// written by N writer threads, each into its own temporary shard database,
// and merged into the database the user named by one compaction at the end
// (merge_into_database, indexer/admin_compact.h), swapped in atomically.
//
//   calling thread (the pipeline's consumer, in input order)
//     ShardedWriter::write: near-duplicate cluster assigned HERE, against an
//     index of the run's fingerprints (DIR/cluster-index), then routed by shard_of(id)
//        │ bounded queue per shard
//        ▼
//   writer thread k: IndexWriter on DIR/shard-K (clusters not reassigned)
//
// Cluster assignment must see every article of the run, so it happens in one
// place before routing: ClusterAssigner (near_duplicates.h) runs on the run's
// cluster index, a glass database beside the shards (DIR/cluster-index)
// holding, per article in write order, only its id term, band keys,
// fingerprint, date and cluster. It is committed whenever its pending
// changes reach the share of --memory one shard writer gets, so its memory
// is bounded whatever the size of the run. The assigner therefore finds exactly
// the candidates, in exactly the order (write order = document id order), a
// single writer would, and gives the same clusters. Into a database that
// holds articles, the index first gets an entry for each of them under its
// own document id (RunClusters::add_database): the run's articles then meet
// the database's as candidates, in the order a single writer appending to it
// sees them (an article replacing one of them takes its place). The merge
// drops the database's copy of every id the run wrote (merge_into_database).
//
// The shards live in a sibling of the database directory NAME,
// ".NAME.shards-tmp/shard-K" (shards_temp_path): outside the database
// directory, whose every file compaction checks, and named so that the next
// run recognises them (remove_leftover_shards). They never hold anything the
// user needs: until the merge's swap the database is as it was, after it
// the shards are copied into it.
// Thread safety: a ShardedWriter is driven by one thread; it owns its writer
// threads.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "indexer/index_writer.h"
#include "indexer/near_duplicates.h"

namespace newsdex::index {

// At most this many shards (and writer threads).
inline constexpr unsigned kMaxShards = 8;

// --shards 0 (the default) shards a load only when its input is at least this
// big: below it the threads, the shards and the merge cost more than one
// writer saves.
inline constexpr std::uint64_t kShardsMinInputBytes = std::uint64_t{16} << 20;

// --shards 0 shards a load into a database that holds articles only when the
// database's files are at most this many times the input's bytes. The merge
// rewrites the whole database, as the compaction after a bulk load does; a
// database takes about four bytes per byte of JSON Lines input
// (docs/performance.md), so this is an input of about a quarter of the
// articles already there, the size of run after which one writer compacts
// anyway (kCompactAfterShare, indexer/indexer.h).
inline constexpr std::uint64_t kShardsDatabaseBytesPerInputByte = 16;

// What decides a run's number of shard writers (shard_count).
struct ShardCountInput {
  unsigned requested = 0;               // --shards (0 = auto)
  std::uint64_t input_bytes = 0;        // 0 = unknown, e.g. standard input
  std::uint64_t existing_articles = 0;  // in the database before the run
  std::uint64_t database_bytes = 0;     // its files
  bool compact = true;                  // false: --no-compact
};

// The number of shard writers of a run. An explicit N is capped at
// kMaxShards, whatever the database holds (its articles are merged with the
// shards). Auto: one per core, at most kMaxShards, when the input is at least
// kShardsMinInputBytes and, for a database that holds articles, compaction
// is allowed and the database is at most kShardsDatabaseBytesPerInputByte
// times the input; else 1.
unsigned shard_count(const ShardCountInput& in);

// The shard an article id goes to, in [0, shards): FNV-1a 64 of the id
// modulo `shards`, the same on every platform and run. Both the local
// shards of a sharded load and --route K/N (a machine's part of a cluster,
// docs/deployment.md) use it: the same id always lands in the same shard.
unsigned shard_of(std::string_view id, unsigned shards);

// newsdex-index --route K/N: index only the articles whose id is in shard K
// (shard_of(id, N) == K) of N.
struct Route {
  unsigned shard = 0;   // K, in [0, shards)
  unsigned shards = 1;  // N, at least 1
};

// Parses "K/N" (decimal, K < N, 1 <= N <= kMaxRouteShards). Throws Error
// saying what is wrong ("--route 3/3: K must be below N (shards are
// numbered 0 to 2)", "--route 2: expected K/N, e.g. 0/3").
Route parse_route(std::string_view text);

// The most shards --route accepts (a sanity bound, not a limit of the design).
inline constexpr unsigned kMaxRouteShards = 1024;

// The near-duplicate clusters of one run, assigned in write order against
// an index of every article of the run given so far (see the file
// comment): the clusters a single writer into an empty database assigns,
// or, after add_database(), into that database.
// Used by ShardedWriter before routing to a local shard, and by --route,
// which gives it every article of the input (its own and the other shards')
// so that a story copied by several outlets is one cluster whichever
// machines its copies land on.
class RunClusters {
 public:
  // In memory: for --route, whose runs have no directory of their own (the
  // index then grows with the input).
  RunClusters();
  // On disk, a glass database created at `path` (which must not exist),
  // committed whenever its pending changes are estimated at `bytes_limit` or
  // more, so that its memory is bounded whatever the size of the run: the
  // cluster index of a sharded load.
  RunClusters(const std::string& path, std::uint64_t bytes_limit);
  // Adds `doc`'s cluster (add_cluster, indexer/document_builder.h) and
  // records the article (its id term, band keys, fingerprint, date and
  // cluster) for the articles after it. A later article with the same id
  // replaces the entry. Throws Xapian::InvalidArgumentError, recording
  // nothing, for a term over Xapian's limit (check_document_terms).
  void assign(const Article& article, Xapian::Document& doc);

  // Enters every article of `db` (a newsdex database) under its own
  // document id, each with what assign() records, so that the articles
  // assigned afterwards are clustered as one writer appending to `db` would
  // cluster them. Returns the number of articles entered, or nullopt when
  // `stop` (asked every kStopCheckEvery articles) said to stop: the index
  // then holds part of `db`. Call before the first assign(). Throws
  // Xapian::Error when `db` cannot be read.
  std::optional<std::uint64_t> add_database(const Xapian::Database& db, const std::function<bool()>& stop);
  static constexpr std::uint64_t kStopCheckEvery = 1024;

 private:
  // Commits when the pending changes reach bytes_limit_.
  void count_pending(const Xapian::Document& entry);

  Xapian::WritableDatabase index_;
  std::uint64_t bytes_limit_;
  std::uint64_t pending_bytes_ = 0;  // estimate of the changes not yet committed
  ClusterAssigner clusters_;
};

// ".NAME.shards-tmp" beside the database directory NAME (`db_dir` resolved).
std::string shards_temp_path(const std::string& db_dir);

// Removes a shards_temp_path() left behind by a killed run: each of its
// subdirectories named "shard-K" or "cluster-index" that holds only database
// files, then the directory. Anything else in it (a file someone put there) stops the
// removal: Error naming it, nothing of it removed beyond the shards already
// gone. Returns false when there was nothing to remove. The caller holds the
// database's write lock (so no other run's shards are in use).
bool remove_leftover_shards(const std::string& db_dir);

// Writes the articles of one run into `shards` shard databases under
// shards_temp_path(db_dir), which must not exist (remove_leftover_shards
// first). The constructor creates the shards and starts one writer thread
// per shard (SIGINT and SIGTERM blocked in them).
class ShardedWriter {
 public:
  // options: as for one writer (documents_per_commit, the byte limit, which
  // the caller divides among the shards and the cluster index: each of the
  // shards + 1 gets the limit given); assign_clusters is ignored.
  ShardedWriter(const std::string& db_dir, unsigned shards, IndexWriterOptions options);
  // Stops and joins the writer threads (what they wrote stays in the shards).
  ~ShardedWriter();
  // A load into a database that holds articles: enters them in the run's
  // cluster index first (RunClusters::add_database), before the first write.
  std::optional<std::uint64_t> add_database(const Xapian::Database& db, const std::function<bool()>& stop) {
    return clusters_.add_database(db, stop);
  }
  ShardedWriter(const ShardedWriter&) = delete;
  ShardedWriter& operator=(const ShardedWriter&) = delete;

  // Assigns the article's near-duplicate cluster (as IndexWriter::write
  // would, against every article written before it in this run), adds it to
  // `doc` and queues `doc` for the writer of shard_of(article.id); blocks
  // while that queue is full. `existing` as for IndexWriter::write: kYes for
  // an id in the database or written earlier in this run (counted as
  // replaced; the merge drops the database's copy).
  // Throws Xapian::InvalidArgumentError (nothing queued) for a term over
  // Xapian's limit, and newsdex::Error when a writer thread failed (its
  // error).
  void write(const Article& article, Xapian::Document doc, IndexWriter::Existing existing);

  // Waits for the queues to drain, commits and closes every shard, joins the
  // threads; sets every shard's schema::kMetaBulkLoad. Throws newsdex::Error with
  // the first writer's error. Nothing may be written afterwards.
  void close();

  // Totals over the shards (complete after close()).
  std::uint64_t added() const;
  std::uint64_t replaced() const;

  unsigned shards() const { return static_cast<unsigned>(shards_.size()); }
  // The shard databases' directories, shard 0 first.
  std::vector<std::string> shard_paths() const;

 private:
  struct Queued {
    Article article;  // id, lang and published only
    Xapian::Document doc;
    IndexWriter::Existing existing;
  };
  struct Shard {
    std::string path;
    std::unique_ptr<IndexWriter> writer;
    std::deque<Queued> queue;
    std::thread thread;
  };

  void writer_loop(Shard& shard);
  void stop_threads();
  void rethrow_failure();

  std::string dir_;
  std::vector<std::unique_ptr<Shard>> shards_;
  RunClusters clusters_;  // the run's clusters (see the file comment)

  std::mutex mutex_;
  std::condition_variable changed_;  // a queue changed, or stop_/failure_ set
  bool stop_ = false;
  std::exception_ptr failure_;
  bool closed_ = false;
};

}  // namespace newsdex::index
