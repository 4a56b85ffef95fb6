#include "common/cluster.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/database.h"
#include "common/error.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSettingsPrefix = "# newsdex:";

std::string where(const std::string& file, unsigned line) { return file + ":" + std::to_string(line); }

// "SECONDS" (decimal, > 0, at most a day) as milliseconds.
std::chrono::milliseconds parse_seconds(const std::string& value, const std::string& at, const std::string& key) {
  double seconds = 0;
  std::size_t used = 0;
  try {
    seconds = std::stod(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != value.size() || !(seconds > 0) || seconds > 86'400) {
    throw Error(at + ": " + key + "=" + value + ": expected seconds, more than 0 and at most 86400 (e.g. " + key +
                "=2.5)");
  }
  return std::chrono::milliseconds(std::max<long long>(1, std::llround(seconds * 1000)));
}

// "# newsdex: timeout=5 connect-timeout=1".
void parse_settings(std::string_view rest, const std::string& at, ClusterFile& out, bool& connect_set) {
  std::istringstream in{std::string(rest)};
  for (std::string item; in >> item;) {
    const std::size_t eq = item.find('=');
    const std::string key = item.substr(0, eq);
    const std::string value = eq == std::string::npos ? std::string() : item.substr(eq + 1);
    if (key == "timeout") {
      out.timeout = parse_seconds(value, at, key);
    } else if (key == "connect-timeout") {
      out.connect_timeout = parse_seconds(value, at, key);
      connect_set = true;
    } else {
      throw Error(at + ": unknown newsdex setting \"" + key + "\" (known: timeout=SECONDS, connect-timeout=SECONDS)");
    }
  }
}

ShardSpec parse_remote(std::string rest, const std::string& at) {
  ShardSpec spec;
  if (rest.empty()) throw Error(at + ": \"remote\" needs HOST:PORT or :PROGRAM ARGS");
  if (rest.front() == ':') {
    spec.kind = ShardSpec::Kind::kProgram;
    const std::size_t space = rest.find(' ');
    spec.program = rest.substr(1, space == std::string::npos ? std::string::npos : space - 1);
    if (space != std::string::npos) spec.args = rest.substr(space + 1);
    if (spec.program.empty()) throw Error(at + ": \"remote :\" needs a program");
    return spec;
  }
  spec.kind = ShardSpec::Kind::kTcp;
  const std::size_t colon = rest.rfind(':');
  if (colon == std::string::npos || (rest.front() == '[' && rest.back() == ']')) {
    throw Error(at + ": \"remote " + rest + "\" has no port; write remote HOST:PORT");
  }
  const std::string port = rest.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) || std::stoul(port) == 0 ||
      std::stoul(port) > 65535) {
    throw Error(at + ": \"" + port + "\" is not a port (1 to 65535); write remote HOST:PORT");
  }
  spec.port = static_cast<unsigned>(std::stoul(port));
  spec.host = rest.substr(0, colon);
  if (spec.host.size() >= 2 && spec.host.front() == '[' && spec.host.back() == ']') {
    spec.host = spec.host.substr(1, spec.host.size() - 2);
  }
  if (spec.host.empty()) throw Error(at + ": \"remote " + rest + "\" has no host; write remote HOST:PORT");
  return spec;
}

std::string xapian_reason(const Xapian::Error& e) {
  std::string reason = e.get_msg();
  if (const char* system = e.get_error_string(); system != nullptr && *system != '\0') {
    reason += std::string(" (") + system + ")";
  }
  return reason;
}

// "no answer within 1.5 s (the cluster file's timeout): Timeout expired ...".
std::string timeout_reason(const Xapian::Error& e, const ClusterFile& file) {
  std::ostringstream seconds;
  seconds << static_cast<double>(file.timeout.count()) / 1000.0;
  return "no answer within " + seconds.str() +
         " s (the cluster file's timeout, \"# newsdex: timeout=SECONDS\"): " + xapian_reason(e);
}

Xapian::Database open_shard(const ShardSpec& spec, const ClusterFile& file) {
  const auto ms = [](std::chrono::milliseconds d) { return static_cast<useconds_t>(d.count()); };
  switch (spec.kind) {
    case ShardSpec::Kind::kTcp:
      return Xapian::Remote::open(spec.host, spec.port, ms(file.timeout), ms(file.connect_timeout));
    case ShardSpec::Kind::kProgram:
      return Xapian::Remote::open(spec.program, spec.args, ms(file.timeout));
    case ShardSpec::Kind::kLocal:
      break;
  }
  if (spec.backend == "glass") return Xapian::Database(spec.path, Xapian::DB_BACKEND_GLASS);
  if (spec.backend == "chert") return Xapian::Database(spec.path, Xapian::DB_BACKEND_CHERT);
  return Xapian::Database(spec.path);
}

}  // namespace

std::string ShardSpec::name() const {
  switch (kind) {
    case Kind::kTcp:
      return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
    case Kind::kProgram:
      return ":" + program + (args.empty() ? "" : " " + args);
    case Kind::kLocal:
      break;
  }
  return path;
}

ClusterFile read_cluster_file(const std::string& path) {
  ClusterFile out;
  std::error_code ec;
  out.path = fs::is_directory(path, ec) ? (fs::path(path) / "XAPIANDB").string() : path;
  std::ifstream in(out.path);
  if (!in) throw Error("cannot read the cluster file " + out.path);
  const fs::path dir = fs::path(out.path).parent_path();
  bool connect_set = false;
  unsigned line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    const std::string at = where(out.path, line_no);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with(kSettingsPrefix)) {
      parse_settings(std::string_view(line).substr(kSettingsPrefix.size()), at, out, connect_set);
      continue;
    }
    if (line.empty() || line.front() == '#') continue;
    // Xapian splits at the first space and takes the rest as it is.
    const std::size_t space = line.find(' ');
    const std::string type = line.substr(0, space);
    const std::string rest = space == std::string::npos ? std::string() : line.substr(space + 1);
    ShardSpec spec;
    if (type == "auto" || type == "glass" || type == "chert") {
      if (rest.empty()) throw Error(at + ": \"" + type + "\" needs a database path");
      spec.kind = ShardSpec::Kind::kLocal;
      spec.backend = type;
      spec.path = fs::path(rest).is_absolute() || dir.empty() ? rest : (dir / rest).string();
    } else if (type == "remote") {
      spec = parse_remote(rest, at);
    } else {
      // The line itself is not quoted: it may be a line of any file.
      throw Error(at + ": not a database line (auto|glass PATH, remote HOST:PORT or remote :PROGRAM ARGS)");
    }
    spec.line = line_no;
    out.shards.push_back(std::move(spec));
  }
  if (in.bad()) throw Error("cannot read the cluster file " + out.path);
  if (out.shards.empty()) throw Error(out.path + ": lists no database (auto|glass PATH, remote HOST:PORT)");
  if (!connect_set) out.connect_timeout = out.timeout;
  return out;
}

std::string describe(const ShardProblem& problem, const std::string& file) {
  return "shard " + problem.shard + " (" + where(file, problem.line) + "): " + problem.reason;
}

Cluster Cluster::open(const std::string& path, bool allow_partial) {
  Cluster cluster;
  std::error_code ec;
  try {
    cluster.file_ = read_cluster_file(path);
  } catch (const Error& e) {
    if (!fs::is_regular_file(path, ec)) throw;
    throw Error(path + " is a file, not a database directory (nor a cluster file, a Xapian stub database: " + e.what() +
                "); give --db the directory newsdex-index wrote, or a cluster file");
  }
  for (const ShardSpec& spec : cluster.file_.shards) {
    Xapian::Database db;
    try {
      db = open_shard(spec, cluster.file_);
    } catch (const Xapian::NetworkTimeoutError& e) {
      ShardProblem problem{spec.name(), spec.line, timeout_reason(e, cluster.file_)};
      if (!allow_partial) {
        throw Error(describe(problem, cluster.file_.path) + "; --allow-partial searches the other shards");
      }
      cluster.missing_.push_back(std::move(problem));
      continue;
    } catch (const Xapian::NetworkError& e) {
      ShardProblem problem{spec.name(), spec.line, xapian_reason(e)};
      if (!allow_partial) {
        throw Error(describe(problem, cluster.file_.path) + "; --allow-partial searches the other shards");
      }
      cluster.missing_.push_back(std::move(problem));
      continue;
    } catch (const Xapian::DatabaseOpeningError& e) {
      ShardProblem problem{spec.name(), spec.line, xapian_reason(e)};
      if (!allow_partial) {
        throw Error(describe(problem, cluster.file_.path) + "; --allow-partial searches the other shards");
      }
      cluster.missing_.push_back(std::move(problem));
      continue;
    }
    check_schema(db, "shard " + spec.name() + " (" + where(cluster.file_.path, spec.line) + ")");
    cluster.db_.add_database(db);
    cluster.opened_.emplace_back(spec, std::move(db));
  }
  if (cluster.opened_.empty()) {
    std::string all;
    for (const ShardProblem& p : cluster.missing_) all += "; " + describe(p, cluster.file_.path);
    throw Error("no shard of " + cluster.file_.path + " could be opened" + all);
  }
  return cluster;
}

std::vector<std::string> Cluster::remote_shards() const {
  std::vector<std::string> names;
  for (const auto& [spec, db] : opened_) {
    if (spec.remote()) names.push_back(spec.name());
  }
  return names;
}

std::vector<ShardProblem> Cluster::probe() const {
  std::vector<ShardProblem> failing;
  for (const auto& [spec, db] : opened_) {
    if (!spec.remote()) continue;
    try {
      // A new connection, not the search's: after a shard failed mid-search,
      // the others' connections may hold answers nobody read, and a
      // keep-alive on them would fail although the shard is up.
      open_shard(spec, file_).keep_alive();
    } catch (const Xapian::NetworkTimeoutError& e) {
      failing.push_back(ShardProblem{spec.name(), spec.line, timeout_reason(e, file_)});
    } catch (const Xapian::Error& e) {
      failing.push_back(ShardProblem{spec.name(), spec.line, xapian_reason(e)});
    }
  }
  return failing;
}

}  // namespace newsdex
