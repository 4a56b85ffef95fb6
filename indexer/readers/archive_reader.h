// Containers read as they come: tar and zip archives and the single-stream
// compressors gzip, bzip2, xz and zstd, recognised by their magic bytes (not
// their names), opened one level deep inside another (a .tar.gz of .warc.gz
// files, a .zip of .jsonl.gz files), streamed entry by entry: never unpacked to
// disk, never a whole archive or entry in memory. libarchive reads tar, zip,
// bzip2 and xz; gzip and zstd streams are decoded with zlib and zstd directly,
// so that a damaged gzip member costs only itself and a cut stream gives every
// byte before the cut. Thread safety: an ArchiveReader is used by one thread
// at a time.
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "indexer/input_stream.h"

namespace newsdex::readers {

// What the first bytes of some data announce.
enum class ContainerKind {
  kNone,   // not a container: the data itself
  kTar,    // POSIX/GNU tar ("ustar" at byte 257), or an old tar whose header checksum is right
  kZip,    // "PK\3\4", or "PK\5\6" for an empty zip
  kGzip,   // 1f 8b 08
  kBzip2,  // "BZh1".."BZh9"
  kXz,     // fd "7zXZ" 00
  kZstd,   // 28 b5 2f fd
};

// "tar", "zip", "gzip", "bzip2", "xz", "zstd"; "" for kNone.
std::string_view describe(ContainerKind kind);

// The container `head` (the first bytes of the data; 512 are enough for all
// kinds) starts with, or kNone.
ContainerKind sniff_container(std::string_view head);

// Bounds on what an archive may expand to (zip bombs, runaway entries).
struct ArchiveLimits {
  // Largest decompressed entry. An entry growing past it is cut: read()
  // throws an ArchiveError (kTooLarge) naming the limit, and the next entry is
  // read. Entries stored without compression (a plain tar, a stored zip
  // entry, the input itself) cost their size on disk and are never cut.
  // Default 8 GiB: far above any article or feed, and above the 3-5 GiB a
  // crawl's 1 GB .warc.gz holds, since a WARC inside a tar is one entry.
  std::uint64_t max_entry_bytes = 8ull << 30;
  // Largest expansion. An entry is cut (kExpansion; the next entry is read)
  // when its decompressed bytes exceed
  //   max_ratio x (bytes of the outermost input read meanwhile + ratio_slack_bytes);
  // the whole archive stops (kExpansion; nothing after it is read) when the
  // decompressed bytes of all its entries exceed
  //   max_ratio x (bytes of the input read so far + 16 x ratio_slack_bytes).
  // Text compresses 3-20 times (up to ~100 for very repetitive feeds); bombs
  // use the ~1,000 of deflate on zeros, or far more with bzip2, xz, zstd or
  // nesting. Default 500.
  std::uint64_t max_ratio = 500;
  // What an entry may always produce per unit of max_ratio: covers the bytes
  // the decompressors read ahead, so small entries are never judged on a
  // ratio. Default 256 KiB (an entry under 125 MiB is never cut for its ratio
  // with the default max_ratio).
  std::uint64_t ratio_slack_bytes = 256u << 10;
};

// Why an entry or archive could not be read (all of it or the rest of it).
class ArchiveError : public Error {
 public:
  enum class Kind {
    kDamaged,      // corrupt or truncated data, a damaged header
    kTooLarge,     // past ArchiveLimits::max_entry_bytes, or the caller's max in read_all()
    kExpansion,    // past ArchiveLimits::max_ratio: a zip bomb or something like one
    kUnsupported,  // an encrypted entry, a compression method libarchive lacks
  };
  ArchiveError(Kind kind, std::string origin, std::string detail)
      : Error(origin + ": " + detail), kind_(kind), origin_(std::move(origin)), detail_(std::move(detail)) {}
  Kind kind() const { return kind_; }
  const std::string& origin() const { return origin_; }  // the archive, or the entry ("a.tar.gz:x/b.html")
  const std::string& detail() const { return detail_; }  // what happened, without the origin

 private:
  Kind kind_;
  std::string origin_;
  std::string detail_;
};

// Bytes of an entry handed out in ArchiveEntry::head.
inline constexpr std::size_t kArchiveHeadBytes = 4096;

// One entry of a container: a file to read, or (error set) damage where an
// entry should have been.
struct ArchiveEntry {
  // Names the entry in messages and in --dry-run --json: the container's
  // origin, ':', the path inside it: "news.tar.gz:2024/a.html"; nested once:
  // "crawl.tar:b.warc.gz" for a gzip stream inside a tar, "feeds.tar:f.zip:a.jsonl"
  // for a zip inside a tar. A single-stream compressor adds no part: a plain
  // "a.jsonl.gz" gives one entry with origin "a.jsonl.gz"; the input itself,
  // when it is no container, is one entry with the input's origin.
  std::string origin{};
  // The entry's path in its container, to choose its format by: a single
  // stream's name loses its compression suffix ("a.jsonl.gz" -> "a.jsonl";
  // ".tgz" -> ".tar"); the input itself keeps its name.
  std::string name{};
  // Bytes read() will return, when the container states it (tar and most zip
  // entries) and nothing decompresses it further.
  std::optional<std::uint64_t> size_bytes{};
  // The first bytes read() will return (up to kArchiveHeadBytes), to sniff the
  // entry's format. read() still returns them.
  std::string head{};
  // A container nested deeper than one level, handed out as it is (read()
  // returns its compressed bytes): kNone for every entry that was opened.
  ContainerKind unopened = ContainerKind::kNone;
  // Set: no entry could be read here; the detail of what was damaged (the
  // origin names the container, and the message the last entry read before
  // the damage). Reading goes on where the format allows: the next valid
  // header of a tar, the next entry of a zip.
  std::optional<std::string> error{};
};

// Reads the entries of one input, as they come. Directories, links and the
// AppleDouble files macOS adds to zips ("__MACOSX/", "._name") are not entries
// (counted by entries_ignored()).
class ArchiveReader {
 public:
  // Reads `source` (a file, standard input or a stream), named `origin` in
  // messages. Nothing is read before the first next().
  ArchiveReader(std::unique_ptr<index::InputStream> source, std::string origin, ArchiveLimits limits = {});
  ~ArchiveReader();
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  // Opens the file at `path` ("-" is standard input); origin = path.
  // Throws newsdex::Error naming the path when it cannot be opened.
  static std::unique_ptr<ArchiveReader> open_file(const std::string& path, ArchiveLimits limits = {});

  // The next entry (what was not read of the current one is skipped), an
  // error entry, or nullopt when the input is done. Never throws for bad
  // input: damage, and a source that fails before its first bytes are read
  // (an I/O error), come back as error entries.
  std::optional<ArchiveEntry> next();

  // Reads the current entry's bytes into `buffer`: how many, 0 at its end.
  // Throws ArchiveError (its origin the entry's) when the data is damaged or
  // a limit is passed. After a throw, read() may be called again: it goes on
  // when the format allows (a gzip stream resumes at its next member) and
  // otherwise returns 0. Requires: next() returned an entry without error.
  std::size_t read(std::span<char> buffer);

  // The rest of the current entry in one string. Throws ArchiveError
  // (kTooLarge) without reading it when it holds more than `max_bytes` (once
  // max_bytes + 1 were read, or at once when size_bytes says so), and
  // ArchiveError as read() does.
  std::string read_all(std::size_t max_bytes);

  // The current entry as a stream (e.g. for LineReader or WarcReader), reading
  // through read(). Valid until next() or this reader's end; its
  // bytes_consumed() is this reader's.
  std::unique_ptr<index::InputStream> entry_stream();

  // Bytes of the underlying input consumed so far, for progress.
  std::uint64_t bytes_consumed() const;
  // Directories, links and AppleDouble files passed over so far.
  std::uint64_t entries_ignored() const { return entries_ignored_; }

  class Level;  // one open container (internal)

 private:
  // Opens the level reading `source` as a container of `kind`, whose entry
  // names are prefixed with `origin`. `entry_name` is the name of the data as
  // an entry ("a.jsonl.gz"), for single streams.
  void push_level(std::unique_ptr<index::InputStream> source, ContainerKind kind, std::string head, std::string origin,
                  std::string entry_name);
  // The next entry of the innermost level, nested levels opened and closed as
  // needed.
  std::optional<ArchiveEntry> next_entry();
  // Reads the current entry's head into head_ (pending bytes for read()).
  void read_head();
  // Reads from the current entry without limits or head bytes.
  std::size_t read_raw(std::span<char> buffer);
  // Counts `n` bytes just read against the limits; returns how many of them
  // to hand out (fewer when a limit cuts the entry; the error follows).
  std::size_t account(std::size_t n);
  // Rethrows a level's failure as an ArchiveError of the current entry.
  [[noreturn]] void fail(const std::exception_ptr& error);

  ArchiveLimits limits_;
  std::string origin_;
  std::unique_ptr<index::InputStream> input_;   // the outermost source
  index::InputStream* file_ = nullptr;          // = input_, for the bytes consumed
  std::vector<std::unique_ptr<Level>> levels_;  // outermost first; at most 2
  bool started_ = false;
  bool stopped_ = false;  // the expansion limit of the whole archive was passed

  // The current entry.
  bool in_entry_ = false;
  std::string entry_origin_;
  std::string head_;  // bytes of the entry read ahead for its head, not yet returned
  std::size_t head_pos_ = 0;
  std::exception_ptr head_error_;                     // a failure while reading the head, thrown after it
  std::exception_ptr pending_error_;                  // a limit passed: thrown by the next read()
  std::optional<std::uint64_t> last_error_consumed_;  // input consumed at the entry's last failure
  std::optional<std::uint64_t> entry_size_;
  bool entry_done_ = false;             // nothing more to read (its end, or a cut)
  std::uint64_t entry_bytes_ = 0;       // decompressed bytes of the entry returned so far
  std::uint64_t entry_file_start_ = 0;  // file bytes consumed when the entry began
  std::uint64_t total_bytes_ = 0;       // decompressed bytes of all entries
  std::uint64_t entries_ignored_ = 0;
};

}  // namespace newsdex::readers
