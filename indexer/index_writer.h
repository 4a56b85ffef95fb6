// The writable database of one indexing run: opening it (schema checked),
// replacing documents by article id, counting added versus replaced, committing
// in batches, and recording the languages indexed in the metadata.
// Thread safety: one thread at a time (as Xapian::WritableDatabase).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "common/article.h"
#include "indexer/near_duplicates.h"

namespace newsdex::index {

struct IndexWriterOptions {
  // Documents per commit (default 10,000). Larger batches index faster and use
  // more memory; an interrupted or crashed run loses at most one batch.
  std::uint64_t documents_per_commit = 10'000;
  // Commit early when the uncommitted documents are estimated to take this
  // much memory (default 512 MiB). The estimate errs high: Xapian's
  // in-memory posting changes cost about 150 bytes per term of a document.
  std::uint64_t uncommitted_bytes_limit = std::uint64_t{512} << 20;
  // Never commit for documents_per_commit sooner than this after the last
  // commit (default 1 s; the batch then grows by whole documents_per_commit
  // steps, so commits still fall on multiples of it). Xapian readers keep
  // working across one commit but must reopen after two, so a search needs
  // the time between two commits to finish; at a commit every few
  // milliseconds a search would never get through. uncommitted_bytes_limit
  // is not delayed. The environment variable
  // NEWSDEX_TEST_MIN_COMMIT_INTERVAL_MS, when set, overrides it: end-to-end
  // tests set it to 0 so that commit k holds exactly k * documents_per_commit
  // documents however fast the machine is (they stop the indexer at its
  // commits with the test hooks of common/test_hook.h instead of racing it).
  std::chrono::milliseconds min_commit_interval{1000};
  // Assign near-duplicate clusters here, in write order (default). A shard
  // writer of a sharded load (indexer/shard_load.h) gets documents whose
  // cluster the coordinator already added (add_cluster), and must not
  // assign again: its shard sees only part of the run.
  bool assign_clusters = true;
};

// Throws Xapian::InvalidArgumentError when `doc` holds a term Xapian would
// refuse (over schema::kMaxXapianTermBytes). IndexWriter::write checks it;
// a sharded load checks it before routing, so that such an article is a skip
// of the calling thread, not an error of a shard writer.
void check_document_terms(const Xapian::Document& doc);

class IndexWriter {
 public:
  // What the caller knows about the article's id before the write.
  enum class Existing {
    kUnknown,  // look it up (one posting-list lookup per write)
    kNo,       // certainly new: added without a lookup; a wrong kNo duplicates the id
    kYes,      // a document with this id exists (database or earlier in this run)
  };
  enum class Outcome {
    kAdded,     // no document had this id before
    kReplaced,  // a document with this id existed (in the database or earlier in this run)
  };

  // Opens or creates the database at `db_path` (see open_database_for_writing).
  // Throws newsdex::Error when it cannot be opened or locked, or holds another
  // schema version.
  explicit IndexWriter(const std::string& db_path, IndexWriterOptions options = {});
  // Commits whatever was written since the last commit (errors are swallowed:
  // call commit() to see them).
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Stores `doc` (built from `article`: only its id, lang and published are
  // read) under the id term "Q" + article.id
  // (`existing` says whether one may exist already),
  // with its near-duplicate cluster (unless options.assign_clusters is off:
  // then `doc` carries it already), assigned here in write order from the
  // fingerprint the document builder stored (an article without one is its
  // own cluster) and added by add_cluster() (indexer/document_builder.h),
  // replacing any document with that id, and commits every
  // documents_per_commit documents or uncommitted_bytes_limit bytes. Between
  // commits the writes form one Xapian transaction, so the database on disk
  // only ever holds whole batches (Xapian's own flush every 10,000 changes
  // does not commit inside a transaction). Requires: article.id at most
  // schema::kMaxIdBytes. Throws Xapian::InvalidArgumentError (and writes
  // nothing) for a term over Xapian's length limit, Xapian::Error when the
  // database refuses the document, newsdex::Error when a commit fails.
  Outcome write(const Article& article, Xapian::Document doc, Existing existing = Existing::kUnknown);

  // Adds this batch's spelling words, records the languages and makes
  // everything written so far durable. Throws newsdex::Error on failure
  // (disk full, database damaged).
  void commit();

  // Sets a metadata entry, made durable by the next commit.
  void set_metadata(const std::string& key, const std::string& value) { db_.set_metadata(key, value); }

  // Commits, then closes the database and releases its lock (for a
  // compaction right after). Nothing may be written afterwards.
  void close();

  // Commits so far (each a prefix of the writes, in order).
  std::uint64_t commits() const { return commits_; }

  std::uint64_t added() const { return added_; }
  std::uint64_t replaced() const { return replaced_; }

 private:
  // Counts the article's words for Xapian's spelling table ("did you mean"):
  // +1 (added) or -1 (replaced) for each schema::is_spelling_word() term of
  // doc, once per article. commit() adds each word once with its count for the
  // batch, which is far cheaper than one add_spelling() per word per article.
  void count_spellings(const Xapian::Document& doc, int sign);

  IndexWriterOptions options_;
  Xapian::WritableDatabase db_;
  std::unique_ptr<ClusterAssigner> clusters_;     // refers to db_; null unless assign_clusters
  std::set<std::string, std::less<>> languages_;  // seen this run
  std::string recorded_languages_;                // the metadata as last read or written
  std::uint64_t added_ = 0;
  std::uint64_t replaced_ = 0;
  std::uint64_t uncommitted_ = 0;
  std::uint64_t uncommitted_bytes_ = 0;  // estimate, see IndexWriterOptions
  std::uint64_t commits_ = 0;
  std::chrono::steady_clock::time_point last_commit_ = std::chrono::steady_clock::now();
  bool in_transaction_ = false;
  // This batch's change to the spelling table: word -> articles added minus
  // articles replaced or removed (Xapian adds or removes the difference).
  std::unordered_map<std::string, std::int64_t> spellings_;
};

}  // namespace newsdex::index
