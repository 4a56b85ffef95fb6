#include "common/facet_columns.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <unordered_map>

#include "common/dates.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/test_hook.h"

namespace newsdex {
namespace {

constexpr char kMagic[8] = {'N', 'D', 'X', 'F', 'C', 'O', 'L', '1'};
constexpr std::uint32_t kEndian = 0x01020304;
constexpr std::size_t kMaxSlotsPerGroup = schema::kFacetRanks;
constexpr std::size_t kMaxGroups = 8;
constexpr std::size_t kUuidBytes = 64;
constexpr const char* kFileName = "newsdex-facets";

struct GroupHeader {
  std::uint32_t slots;
  std::uint32_t values;
  std::uint64_t offsets_at;  // uint32[values + 1] into the bytes
  std::uint64_t bytes_at;
  std::uint64_t bytes_len;
  std::uint64_t ids_at[kMaxSlotsPerGroup];  // uint32[last_docid + 1] per slot
};

struct Header {
  char magic[8];
  std::uint32_t endian;
  std::uint32_t groups;
  std::uint64_t revision;
  std::uint64_t doccount;
  std::uint32_t last_docid;
  std::uint32_t uuid_len;
  char uuid[kUuidBytes];
  GroupHeader group[kMaxGroups];
};

// The identity of a database's committed state that the file must match.
struct Identity {
  std::uint64_t revision;
  std::uint64_t doccount;
  std::uint32_t last_docid;
  std::string uuid;
};

Identity identity_of(const Xapian::Database& db) {
  return Identity{db.get_revision(), db.get_doccount(), db.get_lastdocid(), db.get_uuid()};
}

bool matches(const Header& h, const Identity& id) {
  return h.revision == id.revision && h.doccount == id.doccount && h.last_docid == id.last_docid &&
         h.uuid_len == id.uuid.size() && id.uuid.size() <= kUuidBytes &&
         std::memcmp(h.uuid, id.uuid.data(), id.uuid.size()) == 0;
}

class File {
 public:
  // O_NOFOLLOW: a symbolic link in the temporary file's place is not followed
  // (its target is not ours to truncate); the open fails instead.
  File(const std::string& path) : path_(path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) fail("cannot create");
    f_ = ::fdopen(fd, "wb");
    if (f_ == nullptr) {
      const int err = errno;
      ::close(fd);
      errno = err;
      fail("cannot create");
    }
  }
  ~File() {
    if (f_ != nullptr) std::fclose(f_);
  }
  void write(const void* data, std::size_t n) {
    if (n > 0 && std::fwrite(data, 1, n, f_) != n) fail("cannot write");
    at_ += n;
  }
  void pad8() {
    static const char zeros[8] = {};
    write(zeros, (8 - at_ % 8) % 8);
  }
  std::uint64_t at() const { return at_; }
  void rewrite_header(const Header& h) {
    if (std::fflush(f_) != 0 || std::fseek(f_, 0, SEEK_SET) != 0 || std::fwrite(&h, sizeof h, 1, f_) != 1) {
      fail("cannot write");
    }
  }
  void close_synced() {
    if (std::fflush(f_) != 0 || ::fsync(::fileno(f_)) != 0) fail("cannot write");
    if (std::fclose(f_) != 0) {
      f_ = nullptr;
      fail("cannot close");
    }
    f_ = nullptr;
  }

 private:
  [[noreturn]] void fail(const char* what) const { throw Error(path_ + ": " + what + ": " + std::strerror(errno)); }
  std::string path_;
  std::FILE* f_ = nullptr;
  std::uint64_t at_ = 0;
};

// Documents between two questions to the stop callback.
constexpr Xapian::docid kStopCheckEvery = 65536;

void check_stop(const FacetColumns::StopRequested& stop, const std::string& path) {
  if (stop && stop()) throw FacetColumnsStopped("facet columns " + path + ": build stopped");
}

std::uint64_t write_columns(const Xapian::Database& db, const std::string& temp,
                            const FacetColumns::StopRequested& stop) {
  const Identity id = identity_of(db);
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.endian = kEndian;
  h.groups = static_cast<std::uint32_t>(FacetColumns::groups().size());
  h.revision = id.revision;
  h.doccount = id.doccount;
  h.last_docid = id.last_docid;
  h.uuid_len = static_cast<std::uint32_t>(std::min(id.uuid.size(), kUuidBytes));
  std::memcpy(h.uuid, id.uuid.data(), h.uuid_len);

  File out(temp);
  out.write(&h, sizeof h);
  std::vector<std::uint32_t> ids;
  for (std::size_t g = 0; g < FacetColumns::groups().size(); ++g) {
    const FacetColumns::Group& group = FacetColumns::groups()[g];
    GroupHeader& gh = h.group[g];
    gh.slots = static_cast<std::uint32_t>(group.slots.size());
    std::unordered_map<std::string, std::uint32_t> interned;
    std::vector<const std::string*> in_order;  // id - 1 -> value
    for (std::size_t r = 0; r < group.slots.size(); ++r) {
      check_stop(stop, temp);
      ids.assign(static_cast<std::size_t>(id.last_docid) + 1, 0);
      const Xapian::valueno slot = group.slots[r];
      Xapian::docid seen = 0;
      for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        if (++seen % kStopCheckEvery == 0) check_stop(stop, temp);
        auto [pos, added] = interned.emplace(*it, static_cast<std::uint32_t>(in_order.size() + 1));
        if (added) in_order.push_back(&pos->first);
        if (it.get_docid() <= id.last_docid) ids[it.get_docid()] = pos->second;
      }
      out.pad8();
      gh.ids_at[r] = out.at();
      out.write(ids.data(), ids.size() * sizeof(std::uint32_t));
    }
    gh.values = static_cast<std::uint32_t>(in_order.size());
    std::vector<std::uint32_t> offsets;
    offsets.reserve(in_order.size() + 1);
    std::uint64_t len = 0;
    offsets.push_back(0);
    for (const std::string* v : in_order) {
      len += v->size();
      if (len > UINT32_MAX) throw Error(temp + ": facet values too large");
      offsets.push_back(static_cast<std::uint32_t>(len));
    }
    out.pad8();
    gh.offsets_at = out.at();
    out.write(offsets.data(), offsets.size() * sizeof(std::uint32_t));
    gh.bytes_at = out.at();
    for (const std::string* v : in_order) out.write(v->data(), v->size());
    gh.bytes_len = len;
  }
  const std::uint64_t bytes = out.at();
  out.rewrite_header(h);
  out.close_synced();
  return bytes;
}

// An exclusive flock on DB/newsdex-facets.lock for the life of the object:
// builders (the indexer, delete, compact) take turns, so the one temporary
// file is never written by two at once.
// A signal that interrupts the wait (flock returns EINTR) lets `stop` end it.
// With `wait` false, locked() tells whether the lock was free instead.
class BuildLock {
 public:
  BuildLock(const std::string& path, const FacetColumns::StopRequested& stop, bool wait = true)
      : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ < 0) throw Error(path + ": cannot create: " + std::strerror(errno));
    while (::flock(fd_, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      if (err == EINTR) {
        if (stop && stop()) {
          ::close(fd_);
          throw FacetColumnsStopped("facet columns: stopped while waiting for " + path);
        }
        continue;
      }
      if (err == EWOULDBLOCK && !wait) return;
      ::close(fd_);
      throw Error(path + ": cannot lock: " + std::strerror(err));
    }
    locked_ = true;
  }
  ~BuildLock() { ::close(fd_); }
  BuildLock(const BuildLock&) = delete;
  BuildLock& operator=(const BuildLock&) = delete;
  bool locked() const { return locked_; }

 private:
  int fd_;
  bool locked_ = false;
};

std::uint64_t build_locked(const std::string& db_path, const FacetColumns::StopRequested& stop) {
  const std::string path = FacetColumns::path_for(db_path);
  const std::string temp = path + ".tmp";
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database db(db_path);
      std::uint64_t bytes = write_columns(db, temp, stop);
      test_hook("facet-columns");
      // A signal while the file was written: drop it rather than rename.
      check_stop(stop, temp);
      if (std::rename(temp.c_str(), path.c_str()) != 0) {
        throw Error(path + ": cannot replace: " + std::strerror(errno));
      }
      return bytes;
    } catch (const Xapian::DatabaseModifiedError&) {
      std::remove(temp.c_str());
      if (attempt >= 3) throw;  // another writer keeps committing
    } catch (...) {
      std::remove(temp.c_str());
      throw;
    }
  }
}

bool in_file(std::uint64_t at, std::uint64_t len, std::size_t file_bytes) {
  return at <= file_bytes && len <= file_bytes - at;
}

// A day slot value the indexer can write: "yyyymmdd", eight ASCII digits,
// from 18000101 to `latest` (dates::parse_date takes nothing earlier, nor
// later than two days from now). The searcher parses the day group's values
// as such, and its timeline has a bar for every day between the first and
// the last: a damaged "00000005" would ask for millions.
bool is_day_value(std::string_view value, std::string_view latest) {
  return value.size() == 8 && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         value >= "18000101" && value <= latest;
}

// "yyyymmdd" of two days from now, the latest day the indexer can write.
std::string latest_day() {
  const std::string iso = dates::format_date(static_cast<std::int64_t>(std::time(nullptr)) + dates::kMaxFutureSeconds);
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

}  // namespace

namespace {

// The facets in the order of their groups in the file, after the day group.
// The file layout depends on it: never reorder (a reordered list makes every
// existing file look damaged until rebuilt).
constexpr std::array kFacetFileOrder = {schema::FacetKind::kSource, schema::FacetKind::kSpeaker,
                                        schema::FacetKind::kCountry, schema::FacetKind::kPerson,
                                        schema::FacetKind::kOrg};
static_assert(
    [] {
      for (const schema::FacetSpec& f : schema::kFacetSpecs) {
        if (std::count(kFacetFileOrder.begin(), kFacetFileOrder.end(), f.kind) != 1) return false;
      }
      return kFacetFileOrder.size() == schema::kFacetSpecs.size();
    }(),
    "kFacetFileOrder must list every facet once");

}  // namespace

const std::vector<FacetColumns::Group>& FacetColumns::groups() {
  static const std::vector<Group> all = [] {
    std::vector<Group> g;
    g.push_back(Group{"day", {schema::kSlotDay}});
    for (schema::FacetKind kind : kFacetFileOrder) {
      const schema::FacetSpec& f = schema::facet(kind);
      Group group{std::string(f.name), {}};
      for (int r = 0; r < f.ranks; ++r) group.slots.push_back(f.first_slot + static_cast<Xapian::valueno>(r));
      g.push_back(std::move(group));
    }
    return g;
  }();
  return all;
}

std::size_t FacetColumns::group_index(schema::FacetKind kind) {
  static const std::array<std::size_t, schema::kFacetSpecs.size()> index = [] {
    std::array<std::size_t, schema::kFacetSpecs.size()> out{};
    for (std::size_t i = 0; i < kFacetFileOrder.size(); ++i) {
      out[static_cast<std::size_t>(kFacetFileOrder[i])] = kDayGroup + 1 + i;
    }
    return out;
  }();
  return index[static_cast<std::size_t>(kind)];
}

std::string FacetColumns::path_for(const std::string& db_path) {
  return (std::filesystem::path(db_path) / kFileName).string();
}

std::uint64_t FacetColumns::build(const std::string& db_path, const StopRequested& stop) {
  check_stop(stop, path_for(db_path));
  BuildLock lock(path_for(db_path) + ".lock", stop);
  return build_locked(db_path, stop);
}

bool FacetColumns::refresh(const std::string& db_path, const StopRequested& stop) {
  check_stop(stop, path_for(db_path));
  BuildLock lock(path_for(db_path) + ".lock", stop);
  {
    Xapian::Database db(db_path);
    if (open(db_path, db)) return false;
  }
  build_locked(db_path, stop);
  return true;
}

bool FacetColumns::remove_leftover(const std::string& db_path) {
  const std::string temp = path_for(db_path) + ".tmp";
  struct stat st {};
  if (::lstat(temp.c_str(), &st) != 0) return false;  // none: nothing to lock for either
  BuildLock lock(path_for(db_path) + ".lock", {}, /*wait=*/false);
  if (!lock.locked()) return false;  // a builder is writing it now
  if (::unlink(temp.c_str()) != 0) {
    if (errno == ENOENT) return false;
    throw Error(temp + ": cannot remove: " + std::strerror(errno));
  }
  return true;
}

std::unique_ptr<FacetColumns> FacetColumns::open(const std::string& db_path, const Xapian::Database& db) {
  const std::string path = path_for(db_path);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(Header))) {
    ::close(fd);
    return nullptr;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return nullptr;
  std::unique_ptr<FacetColumns> cols(new FacetColumns());
  cols->map_ = map;
  cols->map_bytes_ = size;
  Header h;
  std::memcpy(&h, map, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.endian != kEndian || h.groups != groups().size() ||
      !matches(h, identity_of(db))) {
    return nullptr;
  }
  const char* base = static_cast<const char*>(map);
  cols->last_docid_ = h.last_docid;
  const std::uint64_t id_bytes = (static_cast<std::uint64_t>(h.last_docid) + 1) * sizeof(std::uint32_t);
  const std::string latest = latest_day();
  for (std::size_t g = 0; g < groups().size(); ++g) {
    const GroupHeader& gh = h.group[g];
    if (gh.slots != groups()[g].slots.size() ||
        !in_file(gh.offsets_at, (static_cast<std::uint64_t>(gh.values) + 1) * sizeof(std::uint32_t), size) ||
        !in_file(gh.bytes_at, gh.bytes_len, size) || gh.offsets_at % 4 != 0) {
      return nullptr;
    }
    Table t{reinterpret_cast<const std::uint32_t*>(base + gh.offsets_at), base + gh.bytes_at, gh.values};
    // Offsets must rise to the table's end, so every value stays in the file.
    if (t.offsets[0] != 0 || t.offsets[gh.values] != gh.bytes_len) return nullptr;
    // A damaged day value would fail the timeline, not just miscount.
    const bool days = g == kDayGroup;
    for (std::uint32_t v = 0; v < gh.values; ++v) {
      if (t.offsets[v] > t.offsets[v + 1]) return nullptr;
      const std::string_view value(t.bytes + t.offsets[v], t.offsets[v + 1] - t.offsets[v]);
      if (days && !is_day_value(value, latest)) return nullptr;
    }
    cols->tables_.push_back(t);
    std::vector<const std::uint32_t*> slot_ids;
    for (std::size_t r = 0; r < gh.slots; ++r) {
      if (!in_file(gh.ids_at[r], id_bytes, size) || gh.ids_at[r] % 4 != 0) return nullptr;
      slot_ids.push_back(reinterpret_cast<const std::uint32_t*>(base + gh.ids_at[r]));
    }
    cols->ids_.push_back(std::move(slot_ids));
  }
  return cols;
}

FacetColumns::~FacetColumns() {
  if (map_ != nullptr) ::munmap(map_, map_bytes_);
}

std::uint32_t FacetColumns::table_size(std::size_t g) const { return tables_[g].size; }

std::string_view FacetColumns::value(std::size_t g, std::uint32_t id) const {
  const Table& t = tables_[g];
  if (id == 0 || id > t.size) return {};
  return std::string_view(t.bytes + t.offsets[id - 1], t.offsets[id] - t.offsets[id - 1]);
}

const std::uint32_t* FacetColumns::ids(std::size_t g, std::size_t rank) const { return ids_[g][rank]; }

}  // namespace newsdex
