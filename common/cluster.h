// Cluster files: the Xapian stub database (1.4 format) that lists the shards
// of one archive, local and remote (docs/deployment.md). newsdex reads the
// file itself instead of letting Xapian open it, so that
// - every shard has a name in messages: HOST:PORT, the path, or the program;
// - remote shards open with timeouts: Xapian's own stub reader opens them
//   with its 10 s defaults and has no syntax to change them;
// - a shard that cannot be opened can be left out (--allow-partial);
// - a failure in the middle of a search can be put down to the shard that
//   failed (Cluster::probe).
//
// The format is Xapian's, so the same file still works with every Xapian
// tool (xapian-delve, quest): one database per line, blank lines and lines
// starting with "#" ignored,
//   auto PATH | glass PATH | chert PATH   a local database; a relative PATH is
//                                         relative to the file's directory
//   remote HOST:PORT | remote [IPV6]:PORT  a database served by xapian-tcpsrv
//   remote :PROGRAM ARGS...                one served over a program's stdin and
//                                         stdout (xapian-progsrv, e.g. via ssh)
// (Xapian 1.4 has no "remote tcp HOST PORT" form.) newsdex's own settings
// ride in a comment line, which Xapian ignores:
//   # newsdex: timeout=SECONDS connect-timeout=SECONDS
// timeout: the longest wait for any one answer of a remote shard (default
// 10, Xapian's); connect-timeout: for the TCP connection (default: timeout).
// Thread safety: a Cluster is used by one thread, as a Xapian::Database is.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

// One line of a cluster file.
struct ShardSpec {
  enum class Kind { kLocal, kTcp, kProgram };
  Kind kind = Kind::kLocal;
  std::string path;     // kLocal: as resolved against the file's directory
  std::string backend;  // kLocal: "auto", "glass" or "chert"
  std::string host;     // kTcp
  unsigned port = 0;    // kTcp
  std::string program;  // kProgram
  std::string args;     // kProgram: space-separated, as Xapian splits them
  unsigned line = 0;    // in the file, from 1

  // "HOST:PORT" ("[::1]:PORT"), the path, or ":PROGRAM ARGS": how messages
  // name the shard.
  std::string name() const;
  bool remote() const { return kind != Kind::kLocal; }
};

struct ClusterFile {
  std::string path;  // the file read (DIR/XAPIANDB for a stub directory)
  std::vector<ShardSpec> shards;
  std::chrono::milliseconds timeout{10'000};
  std::chrono::milliseconds connect_timeout{10'000};
};

// Reads the cluster file at `path`: a stub file, or a directory holding one
// named XAPIANDB. Throws Error naming the file and line for a line that is
// not one of the forms above ("FILE:3: not a database line ..."), a bad
// port, a bad newsdex setting, and when the file cannot be read or lists no
// database.
ClusterFile read_cluster_file(const std::string& path);

// A shard left out of a search, or found failing: its name and why.
struct ShardProblem {
  std::string shard;   // ShardSpec::name()
  unsigned line = 0;   // in the cluster file
  std::string reason;  // Xapian's message, e.g. "Couldn't connect (Connection refused)"
};

// "shard 10.0.0.3:7001 (cluster line 4): Couldn't connect (Connection refused)".
std::string describe(const ShardProblem& problem, const std::string& file);

class Cluster {
 public:
  // Opens every shard of the cluster file at `path`, checking each one's
  // schema version (common/database.h). A shard that cannot be opened (down,
  // refusing, too slow: the file's timeouts) throws Error naming it and
  // saying that --allow-partial searches the others; with `allow_partial`
  // it is left out and listed in missing(), unless every shard is missing
  // (Error). Other errors (schema, file syntax) throw whatever
  // `allow_partial` says; a regular file that is no cluster file throws
  // "PATH is a file, not a database directory (...)".
  static Cluster open(const std::string& path, bool allow_partial);

  // The shards opened, as one database (document ids interleaved: Xapian's
  // multi-database).
  const Xapian::Database& database() const { return db_; }
  const ClusterFile& file() const { return file_; }
  // Shards left out by open(allow_partial), in file order.
  const std::vector<ShardProblem>& missing() const { return missing_; }
  // Remote shards opened, in file order (their names).
  std::vector<std::string> remote_shards() const;

  // Asks every opened remote shard for an answer, on a new connection (one
  // connect and keep-alive round trip each, within the file's timeouts; the
  // search's own connections may be out of step after a failure) and returns
  // those that give none, in
  // file order: after a Xapian::NetworkError in a search, the shards to
  // blame. Empty when every shard answers.
  std::vector<ShardProblem> probe() const;

 private:
  ClusterFile file_;
  std::vector<std::pair<ShardSpec, Xapian::Database>> opened_;
  std::vector<ShardProblem> missing_;
  Xapian::Database db_;
};

}  // namespace newsdex
