#include "indexer/readers/archive_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <utility>

#include "indexer/readers/archive_gzip.h"
#include "indexer/readers/ascii.h"

namespace newsdex::readers {
namespace {

using index::DamagedInputError;
using index::InputStream;

// Raw bytes read ahead of an entry (or of the input) to tell what it holds:
// 512 are enough for every magic, the rest lets a gzip or zstd start be
// decompressed far enough to see a tar header inside.
constexpr std::size_t kSniffBytes = 64u << 10;
// Decompressed bytes needed to recognise a tar inside gzip or zstd.
constexpr std::size_t kTarSniffBytes = 512;
// Block size of the reads libarchive asks of its sources.
constexpr std::size_t kBlockBytes = 64u << 10;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "a.jsonl.gz" -> "a.jsonl", "a.tgz" -> "a.tar"; other names unchanged.
std::string strip_compression_suffix(const std::string& name) {
  const std::string low = ascii_lower(name);
  static constexpr std::pair<std::string_view, std::string_view> kSuffixes[] = {
      {".tgz", ".tar"}, {".taz", ".tar"}, {".tbz2", ".tar"}, {".tbz", ".tar"}, {".txz", ".tar"}, {".tzst", ".tar"},
      {".gz", ""},      {".gzip", ""},    {".bz2", ""},      {".xz", ""},      {".zst", ""},     {".zstd", ""},
  };
  for (const auto& [suffix, replacement] : kSuffixes) {
    if (ends_with(low, suffix) && name.size() > suffix.size()) {
      return name.substr(0, name.size() - suffix.size()) + std::string(replacement);
    }
  }
  return name;
}

// `bytes` with every invalid UTF-8 sequence replaced by U+FFFD: entry names
// end up in messages and JSON, and old archives store names in code pages.
std::string valid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= bytes.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
    if (ok && len == 2) ok = c >= 0xC2;
    if (ok && len == 3) {
      const auto c1 = static_cast<unsigned char>(bytes[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      const auto c1 = static_cast<unsigned char>(bytes[i + 1]);
      ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      out.append(bytes.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// An old (pre-POSIX) tar header: no magic, but a checksum over the block.
bool is_v7_tar_header(std::string_view head) {
  if (head.size() < 512 || head[0] == '\0') return false;
  std::uint64_t stored = 0;
  bool digits = false;
  for (std::size_t i = 148; i < 156; ++i) {
    char c = head[i];
    if (c >= '0' && c <= '7') {
      stored = stored * 8 + static_cast<std::uint64_t>(c - '0');
      digits = true;
    } else if (c != ' ' && c != '\0') {
      return false;
    }
  }
  if (!digits) return false;
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < 512; ++i) {
    sum += (i >= 148 && i < 156) ? static_cast<unsigned char>(' ') : static_cast<unsigned char>(head[i]);
  }
  return sum == stored;
}

// Up to `max_bytes` of the decompressed start of zstd data; never throws.
std::string unzstd_head(std::string_view head, std::size_t max_bytes) {
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(), &ZSTD_freeDCtx);
  if (!dctx) return {};
  std::string out(max_bytes, '\0');
  ZSTD_inBuffer in{head.data(), head.size(), 0};
  ZSTD_outBuffer o{out.data(), out.size(), 0};
  while (o.pos < o.size && in.pos < in.size) {
    std::size_t before = in.pos;
    std::size_t before_out = o.pos;
    if (ZSTD_isError(ZSTD_decompressStream(dctx.get(), &o, &in))) break;
    if (in.pos == before && o.pos == before_out) break;
  }
  out.resize(o.pos);
  return out;
}

// Serves `head` first, then the rest of `source`.
class PushbackStream : public InputStream {
 public:
  PushbackStream(std::string head, std::unique_ptr<InputStream> source)
      : head_(std::move(head)), source_(std::move(source)) {}
  std::size_t read(std::span<char> buffer) override {
    if (pos_ < head_.size()) {
      std::size_t n = std::min(buffer.size(), head_.size() - pos_);
      std::memcpy(buffer.data(), head_.data() + pos_, n);
      pos_ += n;
      if (pos_ == head_.size()) {
        std::string().swap(head_);
        pos_ = 0;
      }
      return n;
    }
    return source_->read(buffer);
  }
  std::uint64_t bytes_consumed() const override { return source_->bytes_consumed(); }

 private:
  std::string head_;
  std::size_t pos_ = 0;
  std::unique_ptr<InputStream> source_;
};

std::string describe_bytes(std::uint64_t bytes) {
  if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
  if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1ull << 10) && bytes % (1ull << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

std::string_view describe(ContainerKind kind) {
  switch (kind) {
    case ContainerKind::kNone:
      return "";
    case ContainerKind::kTar:
      return "tar";
    case ContainerKind::kZip:
      return "zip";
    case ContainerKind::kGzip:
      return "gzip";
    case ContainerKind::kBzip2:
      return "bzip2";
    case ContainerKind::kXz:
      return "xz";
    case ContainerKind::kZstd:
      return "zstd";
  }
  return "";
}

ContainerKind sniff_container(std::string_view head) {
  if (is_gzip_member_start(head)) return ContainerKind::kGzip;
  if (head.size() >= 4 && head.substr(0, 4) == "\x28\xb5\x2f\xfd") return ContainerKind::kZstd;
  if (head.size() >= 6 && head.substr(0, 6) == std::string_view("\xfd"
                                                                "7zXZ\0",
                                                                6))
    return ContainerKind::kXz;
  if (head.size() >= 4 && head.substr(0, 3) == "BZh" && head[3] >= '1' && head[3] <= '9') return ContainerKind::kBzip2;
  if (head.size() >= 4 && (head.substr(0, 4) == "PK\x03\x04" || head.substr(0, 4) == "PK\x05\x06")) {
    return ContainerKind::kZip;
  }
  if (head.size() >= 262 && head.substr(257, 5) == "ustar") return ContainerKind::kTar;
  if (is_v7_tar_header(head)) return ContainerKind::kTar;
  return ContainerKind::kNone;
}

// One open container. Multi-entry levels (tar, zip) name their entries
// "origin:path"; single-stream levels (gzip, zstd, a bzip2 or xz stream, the
// plain input) hold one entry named by the level's origin.
class ArchiveReader::Level {
 public:
  struct Header {
    std::string name{};
    std::optional<std::uint64_t> size{};
    bool ignored = false;                // a directory, link or AppleDouble file
    std::optional<std::string> error{};  // damage instead of an entry
    bool unreadable = false;             // an entry that exists but cannot be read (encrypted)
  };

  Level(std::string origin, std::string entry_name, bool single)
      : origin_(std::move(origin)), entry_name_(std::move(entry_name)), single_(single) {}
  virtual ~Level() = default;
  Level(const Level&) = delete;
  Level& operator=(const Level&) = delete;

  // The next entry of this level, or nullopt at its end.
  virtual std::optional<Header> next_header() = 0;
  // Reads the current entry. Throws newsdex::Error on damage.
  virtual std::size_t read(std::span<char> buffer) = 0;
  // After read() threw, reading the entry can go on.
  virtual bool recoverable() const { return false; }

  const std::string& origin() const { return origin_; }
  bool single() const { return single_; }
  // The origin of an entry of this level named `name`.
  std::string entry_origin(const std::string& name) const { return single_ ? origin_ : origin_ + ":" + name; }

 protected:
  std::string origin_;      // the container's own origin
  std::string entry_name_;  // the name of a single stream's entry
  bool single_;
};

namespace {

// One entry: a stream (gzip, zstd or the input itself).
class StreamLevel : public ArchiveReader::Level {
 public:
  enum class Coding { kStored, kGzip, kOther };
  StreamLevel(std::unique_ptr<InputStream> stream, std::string origin, std::string entry_name, Coding coding)
      : Level(std::move(origin), std::move(entry_name), true), stream_(std::move(stream)), coding_(coding) {}
  // A gzip stream resumes at its next member after damage.
  bool recoverable() const override { return coding_ == Coding::kGzip; }
  std::optional<Header> next_header() override {
    if (started_) return std::nullopt;
    started_ = true;
    return Header{.name = entry_name_};
  }
  std::size_t read(std::span<char> buffer) override { return stream_->read(buffer); }

 private:
  std::unique_ptr<InputStream> stream_;
  Coding coding_;
  bool started_ = false;
};

// tar and zip (libarchive), possibly under gzip, bzip2, xz or zstd, or a
// bzip2 or xz stream of anything else (libarchive's "raw" format).
class LibarchiveLevel : public ArchiveReader::Level {
 public:
  LibarchiveLevel(std::unique_ptr<InputStream> source, std::string origin, std::string entry_name)
      : Level(std::move(origin), std::move(entry_name), false),
        source_(std::move(source)),
        archive_(archive_read_new()),
        block_(kBlockBytes) {
    if (archive_ == nullptr) throw Error("cannot allocate a libarchive reader");
    // Only what we read: no external programs (archive_read_support_filter_all
    // would run lrzip or lzop), no formats that need seeking.
    archive_read_support_filter_gzip(archive_);
    archive_read_support_filter_bzip2(archive_);
    archive_read_support_filter_xz(archive_);
    archive_read_support_filter_zstd(archive_);
    archive_read_support_format_tar(archive_);
    archive_read_support_format_zip_streamable(archive_);
    archive_read_support_format_raw(archive_);
    if (archive_read_open(archive_, this, nullptr, &LibarchiveLevel::read_callback, nullptr) != ARCHIVE_OK) {
      open_error_ = error_text();
    }
  }
  ~LibarchiveLevel() override { archive_read_free(archive_); }

  std::optional<Header> next_header() override {
    if (pending_header_) return header_from(ARCHIVE_OK, pending_entry_);
    if (done_) return std::nullopt;
    if (open_error_) {
      done_ = true;
      return Header{.error = "cannot read it as an archive: " + *open_error_};
    }
    archive_entry* entry = nullptr;
    int rc = archive_read_next_header(archive_, &entry);
    std::optional<std::string> damage;
    // A damaged tar header: libarchive skips one block per call until it
    // finds a valid header again; report the run once.
    while (rc == ARCHIVE_RETRY) {
      if (!damage) damage = error_text();
      rc = archive_read_next_header(archive_, &entry);
    }
    if (damage && (rc == ARCHIVE_OK || rc == ARCHIVE_WARN)) {
      pending_header_ = true;
      pending_entry_ = entry;
      return Header{.error = "damaged " + format_name() + " header after " + after_last() + " (" + *damage +
                             "); skipped to the next valid header"};
    }
    if (damage) {
      done_ = true;
      return Header{.error = "damaged " + format_name() + " header after " + after_last() + " (" + *damage +
                             "); no valid header follows"};
    }
    return header_from(rc, entry);
  }

  std::size_t read(std::span<char> buffer) override {
    if (entry_failed_) return 0;
    la_ssize_t n = archive_read_data(archive_, buffer.data(), buffer.size());
    if (n > 0) entry_read_ += static_cast<std::uint64_t>(n);
    if (n == 0 && entry_size_ && entry_read_ < *entry_size_) {
      // libarchive ends a zip entry at the end of its compressed data, or of
      // its stated compressed size, without comparing what came out with the
      // size the header states: the entry is cut.
      entry_failed_ = true;
      data_failed_ = true;
      throw DamagedInputError(format_name() + " entry ends after " + std::to_string(entry_read_) + " of the " +
                              std::to_string(*entry_size_) + " bytes its header states");
    }
    if (n >= 0) return static_cast<std::size_t>(n);
    entry_failed_ = true;
    data_failed_ = true;
    if (source_error_) std::rethrow_exception(std::exchange(source_error_, nullptr));
    throw DamagedInputError(error_text());
  }

 private:
  std::optional<Header> header_from(int rc, archive_entry* entry) {
    if (pending_header_) {
      pending_header_ = false;
      entry = pending_entry_;
      rc = ARCHIVE_OK;
    }
    entry_failed_ = false;
    if (rc == ARCHIVE_EOF) {
      done_ = true;
      return std::nullopt;
    }
    if (rc < ARCHIVE_WARN) {
      done_ = rc == ARCHIVE_FATAL;
      bool after_data_error = std::exchange(data_failed_, false);
      std::string reason = source_error_ ? describe_source_error() : error_text();
      // The damage that stopped the last entry's data stops the archive too:
      // it was reported on that entry already.
      if (after_data_error && done_) return std::nullopt;
      return Header{.error = "damaged " + format_name() + " data after " + after_last() + " (" + reason + ")" +
                             (done_ ? "; nothing after it can be read" : "")};
    }
    data_failed_ = false;
    if (archive_format(archive_) == ARCHIVE_FORMAT_RAW) single_ = true;
    Header header;
    if (single_) {
      header.name = entry_name_;
    } else {
      const char* utf8 = archive_entry_pathname_utf8(entry);
      const char* raw = utf8 != nullptr ? utf8 : archive_entry_pathname(entry);
      header.name = raw != nullptr ? valid_utf8(raw) : "(entry " + std::to_string(count_ + 1) + ")";
    }
    ++count_;
    last_name_ = header.name;
    if (!single_ && archive_entry_filetype(entry) != AE_IFREG) header.ignored = true;
    std::string_view base = header.name;
    if (std::size_t slash = base.rfind('/'); slash != std::string_view::npos) base.remove_prefix(slash + 1);
    if (header.name.starts_with("__MACOSX/") || base.starts_with("._")) header.ignored = true;
    if (archive_entry_size_is_set(entry) != 0 && archive_entry_size(entry) >= 0) {
      header.size = static_cast<std::uint64_t>(archive_entry_size(entry));
    }
    entry_size_ = header.size;
    entry_read_ = 0;
    if (!header.ignored && archive_entry_is_encrypted(entry) != 0) {
      header.error = "encrypted: not read";
      header.unreadable = true;
    }
    return header;
  }

  static la_ssize_t read_callback(archive* a, void* self, const void** buffer) {
    auto* level = static_cast<LibarchiveLevel*>(self);
    try {
      std::size_t n = level->source_->read(level->block_);
      *buffer = level->block_.data();
      return static_cast<la_ssize_t>(n);
    } catch (const std::exception& e) {
      level->source_error_ = std::current_exception();
      archive_set_error(a, EIO, "%s", e.what());
      return ARCHIVE_FATAL;
    }
  }

  std::string error_text() const {
    const char* text = archive_error_string(archive_);
    return text != nullptr ? text : "unknown libarchive error";
  }
  std::string describe_source_error() {
    try {
      std::rethrow_exception(std::exchange(source_error_, nullptr));
    } catch (const std::exception& e) {
      return e.what();
    }
  }
  std::string format_name() const {
    std::string name =
        ascii_lower(archive_format_name(archive_) != nullptr ? archive_format_name(archive_) : "archive");
    if (name.find("tar") != std::string::npos) return "tar";
    if (name.find("zip") != std::string::npos) return "zip";
    return name;
  }
  std::string after_last() const { return count_ == 0 ? "the start" : "the entry " + last_name_; }

  std::unique_ptr<InputStream> source_;
  archive* archive_;
  std::vector<char> block_;
  std::exception_ptr source_error_;  // what the source threw inside libarchive's read callback
  std::optional<std::string> open_error_;
  bool done_ = false;
  bool entry_failed_ = false;                // the current entry's data failed: no more reads
  bool data_failed_ = false;                 // the last entry ended in a data error
  std::optional<std::uint64_t> entry_size_;  // what the current entry's header states
  std::uint64_t entry_read_ = 0;             // bytes of the current entry read
  bool pending_header_ = false;
  archive_entry* pending_entry_ = nullptr;  // a good header found after damage, handed out next
  std::uint64_t count_ = 0;
  std::string last_name_;
};

// The current entry of `level`, as a stream for a level nested in it.
class EntryView : public InputStream {
 public:
  EntryView(ArchiveReader::Level* level, const InputStream* file) : level_(level), file_(file) {}
  std::size_t read(std::span<char> buffer) override { return level_->read(buffer); }
  std::uint64_t bytes_consumed() const override { return file_->bytes_consumed(); }

 private:
  ArchiveReader::Level* level_;
  const InputStream* file_;
};

// A stream owned elsewhere.
class BorrowedStream : public InputStream {
 public:
  explicit BorrowedStream(InputStream* stream) : stream_(stream) {}
  std::size_t read(std::span<char> buffer) override { return stream_->read(buffer); }
  std::uint64_t bytes_consumed() const override { return stream_->bytes_consumed(); }

 private:
  InputStream* stream_;
};

// ArchiveReader::entry_stream().
class ReaderView : public InputStream {
 public:
  explicit ReaderView(ArchiveReader* reader) : reader_(reader) {}
  std::size_t read(std::span<char> buffer) override { return reader_->read(buffer); }
  std::uint64_t bytes_consumed() const override { return reader_->bytes_consumed(); }

 private:
  ArchiveReader* reader_;
};

}  // namespace

ArchiveReader::ArchiveReader(std::unique_ptr<InputStream> source, std::string origin, ArchiveLimits limits)
    : limits_(limits), origin_(std::move(origin)), input_(std::move(source)), file_(input_.get()) {}

ArchiveReader::~ArchiveReader() {
  // Inner levels read from outer ones: close them innermost first.
  while (!levels_.empty()) levels_.pop_back();
}

std::unique_ptr<ArchiveReader> ArchiveReader::open_file(const std::string& path, ArchiveLimits limits) {
  std::unique_ptr<InputStream> stream;
  try {
    stream = index::open_input_file(path);
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
  return std::make_unique<ArchiveReader>(std::move(stream), path, limits);
}

std::uint64_t ArchiveReader::bytes_consumed() const { return file_->bytes_consumed(); }

void ArchiveReader::push_level(std::unique_ptr<InputStream> source, ContainerKind kind, std::string head,
                               std::string origin, std::string entry_name) {
  // gzip and zstd streams are decoded with zlib and zstd directly, unless a
  // tar is inside (libarchive reads both layers then).
  bool tar_inside = false;
  if (kind == ContainerKind::kGzip)
    tar_inside = sniff_container(gunzip_head(head, kTarSniffBytes)) == ContainerKind::kTar;
  if (kind == ContainerKind::kZstd)
    tar_inside = sniff_container(unzstd_head(head, kTarSniffBytes)) == ContainerKind::kTar;
  auto stream = std::make_unique<PushbackStream>(std::move(head), std::move(source));
  std::string stripped = strip_compression_suffix(entry_name);
  if (kind == ContainerKind::kNone) {
    levels_.push_back(std::make_unique<StreamLevel>(std::move(stream), std::move(origin), std::move(entry_name),
                                                    StreamLevel::Coding::kStored));
  } else if (kind == ContainerKind::kGzip && !tar_inside) {
    levels_.push_back(std::make_unique<StreamLevel>(open_gzip_stream(std::move(stream)), std::move(origin),
                                                    std::move(stripped), StreamLevel::Coding::kGzip));
  } else if (kind == ContainerKind::kZstd && !tar_inside) {
    levels_.push_back(std::make_unique<StreamLevel>(index::open_zstd_stream(std::move(stream)), std::move(origin),
                                                    std::move(stripped), StreamLevel::Coding::kOther));
  } else {
    levels_.push_back(std::make_unique<LibarchiveLevel>(std::move(stream), std::move(origin), std::move(stripped)));
  }
}

std::optional<ArchiveEntry> ArchiveReader::next() {
  in_entry_ = false;
  head_.clear();
  head_pos_ = 0;
  head_error_ = nullptr;
  pending_error_ = nullptr;
  if (!started_) {
    started_ = true;
    // The reader keeps the input (levels come and go; bytes_consumed() stays).
    auto source = std::make_unique<BorrowedStream>(input_.get());
    std::string head;
    try {
      while (head.size() < kSniffBytes) {
        const std::size_t old = head.size();
        head.resize(kSniffBytes);
        std::size_t n = source->read(std::span<char>(head.data() + old, kSniffBytes - old));
        head.resize(old + n);
        if (n == 0) break;
      }
    } catch (const std::exception& e) {
      stopped_ = true;
      return ArchiveEntry{.origin = origin_, .name = origin_, .error = std::string("cannot read it: ") + e.what()};
    }
    ContainerKind kind = sniff_container(head);
    push_level(std::move(source), kind, std::move(head), origin_, origin_);
  }
  return next_entry();
}

std::optional<ArchiveEntry> ArchiveReader::next_entry() {
  while (!stopped_ && !levels_.empty()) {
    Level& level = *levels_.back();
    std::optional<Level::Header> header = level.next_header();
    if (!header) {
      levels_.pop_back();
      continue;
    }
    if (header->ignored) {
      ++entries_ignored_;
      continue;
    }
    ArchiveEntry entry;
    entry.name = header->name;
    if (header->error) {
      entry.origin = header->unreadable ? level.entry_origin(header->name) : level.origin();
      entry.error = std::move(header->error);
      return entry;
    }
    entry.origin = level.entry_origin(header->name);
    in_entry_ = true;
    entry_done_ = false;
    entry_bytes_ = 0;
    entry_file_start_ = file_->bytes_consumed();
    entry_size_ = header->size;
    entry_origin_ = entry.origin;
    last_error_consumed_.reset();
    read_head();
    ContainerKind kind = head_error_ ? ContainerKind::kNone : sniff_container(head_);
    if (kind != ContainerKind::kNone) {
      if (levels_.size() < 2) {
        in_entry_ = false;
        auto view = std::make_unique<EntryView>(&level, file_);
        std::string head = std::move(head_);
        head_.clear();
        push_level(std::move(view), kind, std::move(head), entry.origin, header->name);
        continue;
      }
      entry.unopened = kind;
    }
    entry.size_bytes = header->size;
    entry.head = head_.substr(0, kArchiveHeadBytes);
    return entry;
  }
  return std::nullopt;
}

void ArchiveReader::read_head() {
  head_.clear();
  head_pos_ = 0;
  std::size_t old = 0;
  try {
    while (head_.size() < kSniffBytes) {
      old = head_.size();
      head_.resize(kSniffBytes);
      std::size_t n = read_raw(std::span<char>(head_.data() + old, kSniffBytes - old));
      head_.resize(old + n);
      if (n == 0) break;
    }
  } catch (const std::exception&) {
    head_.resize(old);
    head_error_ = std::current_exception();
  }
}

std::size_t ArchiveReader::read_raw(std::span<char> buffer) { return levels_.back()->read(buffer); }

void ArchiveReader::fail(const std::exception_ptr& error) {
  // Stop when a failure repeats without the input moving on, and after any
  // failure the format cannot read past.
  std::uint64_t consumed = file_->bytes_consumed();
  if ((last_error_consumed_ && *last_error_consumed_ == consumed) || !levels_.back()->recoverable()) {
    entry_done_ = true;
  }
  last_error_consumed_ = consumed;
  try {
    std::rethrow_exception(error);
  } catch (const ArchiveError&) {
    throw;
  } catch (const std::exception& e) {
    throw ArchiveError(ArchiveError::Kind::kDamaged, entry_origin_, e.what());
  }
}

std::size_t ArchiveReader::read(std::span<char> buffer) {
  if (!in_entry_ || buffer.empty()) return 0;
  if (pending_error_) std::rethrow_exception(std::exchange(pending_error_, nullptr));
  if (entry_done_) return 0;
  std::size_t n = 0;
  if (head_pos_ < head_.size()) {
    n = std::min(buffer.size(), head_.size() - head_pos_);
    std::memcpy(buffer.data(), head_.data() + head_pos_, n);
    head_pos_ += n;
  } else if (head_error_) {
    fail(std::exchange(head_error_, nullptr));
  } else {
    try {
      n = read_raw(buffer);
    } catch (const std::exception&) {
      fail(std::current_exception());
    }
  }
  return account(n);
}

namespace {

std::uint64_t saturating_multiply(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > UINT64_MAX / a) return UINT64_MAX;
  return a * b;
}

// The figures of an expansion limit's message: what came out, what was read
// of the input meanwhile and the bound. The compressed size of one entry is
// not known while it is read (libarchive reads its input ahead in blocks:
// the whole of a small entry may have been read with the entries before it,
// so 0 input bytes are read "meanwhile"), hence the slack in the bound.
std::string expansion_figures(std::uint64_t out, std::uint64_t input_read, std::uint64_t ratio, std::uint64_t slack) {
  return std::to_string(out) + " bytes came out while " +
         (input_read == 0 ? std::string("no more of the input was read: it had been read ahead")
                          : std::to_string(input_read) + " bytes of the input were read") +
         "; the limit is " + std::to_string(ratio) + " x (the input read + " + describe_bytes(slack) +
         " for read-ahead)";
}

}  // namespace

std::size_t ArchiveReader::account(std::size_t n) {
  entry_bytes_ += n;
  total_bytes_ += n;
  const std::uint64_t consumed = file_->bytes_consumed();
  const std::uint64_t entry_input = consumed - entry_file_start_;
  const std::string ratio = std::to_string(limits_.max_ratio);
  // Stored bytes (a plain tar, a stored zip entry, the input itself) cost
  // their size on disk: only expanding entries are judged.
  const bool expanding = entry_bytes_ > entry_input + limits_.ratio_slack_bytes;
  if (expanding && entry_bytes_ > limits_.max_entry_bytes) {
    std::size_t over = static_cast<std::size_t>(entry_bytes_ - limits_.max_entry_bytes);
    n -= std::min(n, over);
    entry_bytes_ = limits_.max_entry_bytes;
    entry_done_ = true;
    pending_error_ =
        std::make_exception_ptr(ArchiveError(ArchiveError::Kind::kTooLarge, entry_origin_,
                                             "decompresses to more than " + describe_bytes(limits_.max_entry_bytes) +
                                                 ", the limit for one entry; the rest of the entry is skipped"));
  } else if (entry_bytes_ > saturating_multiply(limits_.max_ratio, entry_input + limits_.ratio_slack_bytes)) {
    entry_done_ = true;
    pending_error_ = std::make_exception_ptr(
        ArchiveError(ArchiveError::Kind::kExpansion, entry_origin_,
                     "decompresses to more than " + ratio + " times its compressed size (" +
                         expansion_figures(entry_bytes_, entry_input, limits_.max_ratio, limits_.ratio_slack_bytes) +
                         "), the limit against zip bombs; the rest of the entry is skipped"));
  } else if (total_bytes_ > saturating_multiply(limits_.max_ratio, consumed + 16 * limits_.ratio_slack_bytes)) {
    entry_done_ = true;
    stopped_ = true;
    pending_error_ = std::make_exception_ptr(
        ArchiveError(ArchiveError::Kind::kExpansion, origin_,
                     "the archive decompresses to more than " + ratio + " times its size (" +
                         expansion_figures(total_bytes_, consumed, limits_.max_ratio, 16 * limits_.ratio_slack_bytes) +
                         "), the limit against zip bombs; the rest of the archive is skipped"));
  }
  if (n == 0 && pending_error_) std::rethrow_exception(std::exchange(pending_error_, nullptr));
  return n;
}

std::string ArchiveReader::read_all(std::size_t max_bytes) {
  if (!in_entry_) return {};
  if (entry_size_ && *entry_size_ > max_bytes && head_pos_ == 0) {
    entry_done_ = true;
    throw ArchiveError(
        ArchiveError::Kind::kTooLarge, entry_origin_,
        "holds " + std::to_string(*entry_size_) + " bytes, more than the limit of " + describe_bytes(max_bytes));
  }
  std::string out;
  std::vector<char> chunk(kBlockBytes);
  for (;;) {
    std::size_t n = read(chunk);
    if (n == 0) break;
    if (out.size() + n > max_bytes) {
      entry_done_ = true;
      throw ArchiveError(ArchiveError::Kind::kTooLarge, entry_origin_,
                         "holds more than " + describe_bytes(max_bytes) + ", the limit");
    }
    out.append(chunk.data(), n);
  }
  return out;
}

std::unique_ptr<InputStream> ArchiveReader::entry_stream() { return std::make_unique<ReaderView>(this); }

}  // namespace newsdex::readers
