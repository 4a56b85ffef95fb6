// Cluster files (common/cluster.h): the stub lines newsdex reads itself, its
// settings line, the errors naming file and line, and opening with a shard
// that refuses connections (named; left out with allow_partial).
#include "common/cluster.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "common/error.h"
#include "common/schema.h"

namespace {

namespace fs = std::filesystem;

struct ScratchDir {
  fs::path path;
  ScratchDir() {
    path = fs::temp_directory_path() / ("newsdex-clustertest-" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~ScratchDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

std::string error_of(const std::string& path) {
  try {
    newsdex::read_cluster_file(path);
  } catch (const newsdex::Error& e) {
    return e.what();
  }
  return "";
}

// A newsdex database with one article at `path`.
void make_database(const std::string& path) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
  db.set_metadata(std::string(newsdex::schema::kMetaSchemaVersion), std::to_string(newsdex::schema::kVersion));
  Xapian::Document doc;
  doc.add_term("oil");
  db.add_document(doc);
  db.commit();
}

// A loopback port nobody listens on (connections to it are refused).
unsigned refused_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

TEST_CASE("read_cluster_file: Xapian's stub lines, relative paths, comments and the newsdex settings line") {
  ScratchDir dir;
  const std::string path = dir.write("cluster",
                                     "# three shards\n"
                                     "\n"
                                     "# newsdex: timeout=2.5 connect-timeout=1\n"
                                     "auto shard0\n"
                                     "glass /srv/shard1\n"
                                     "remote 10.0.0.3:7001\n"
                                     "remote [::1]:7002\n"
                                     "remote :ssh news4 xapian-progsrv /srv/shard\n");
  const newsdex::ClusterFile file = newsdex::read_cluster_file(path);
  REQUIRE(file.shards.size() == 5);
  CHECK(file.timeout.count() == 2500);
  CHECK(file.connect_timeout.count() == 1000);
  CHECK(file.shards[0].path == (dir.path / "shard0").string());
  CHECK(file.shards[0].line == 4);
  CHECK_FALSE(file.shards[0].remote());
  CHECK(file.shards[1].path == "/srv/shard1");
  CHECK(file.shards[2].name() == "10.0.0.3:7001");
  CHECK(file.shards[2].port == 7001);
  CHECK(file.shards[3].host == "::1");
  CHECK(file.shards[3].name() == "[::1]:7002");
  CHECK(file.shards[4].program == "ssh");
  CHECK(file.shards[4].args == "news4 xapian-progsrv /srv/shard");
  CHECK(file.shards[4].remote());
}

TEST_CASE("read_cluster_file: the connect timeout follows timeout unless set; Xapian's 10 s by default") {
  ScratchDir dir;
  CHECK(newsdex::read_cluster_file(dir.write("a", "remote h:1\n")).timeout.count() == 10'000);
  const newsdex::ClusterFile b = newsdex::read_cluster_file(dir.write("b", "# newsdex: timeout=3\nremote h:1\n"));
  CHECK(b.connect_timeout.count() == 3000);
}

TEST_CASE("read_cluster_file: bad lines, ports and settings are errors naming the file and line") {
  ScratchDir dir;
  CHECK(error_of(dir.write("a", "auto x\nremote tcp host 7001\n")).find("a:2: ") != std::string::npos);
  CHECK(error_of(dir.write("b", "remote host:99999\n")).find("b:1: \"99999\" is not a port") != std::string::npos);
  CHECK(error_of(dir.write("c", "remote host\n")).find("has no port") != std::string::npos);
  CHECK(error_of(dir.write("d", "secret text of some file\n")).find("d:1: not a database line") != std::string::npos);
  CHECK(error_of(dir.write("e", "# newsdex: timeout=soon\nremote h:1\n")).find("e:1: timeout=soon") !=
        std::string::npos);
  CHECK(error_of(dir.write("f", "# newsdex: retries=3\nremote h:1\n")).find("unknown newsdex setting") !=
        std::string::npos);
  CHECK(error_of(dir.write("g", "# nothing\n")).find("lists no database") != std::string::npos);
  // The line's text is not quoted: the file may be anything.
  CHECK(error_of(dir.write("h", "secret text\n")).find("secret") == std::string::npos);
}

TEST_CASE("Cluster::open: a refused shard is named with its line; allow_partial leaves it out") {
  ScratchDir dir;
  make_database((dir.path / "shard0").string());
  const unsigned port = refused_port();
  const std::string path = dir.write("cluster", "auto shard0\nremote 127.0.0.1:" + std::to_string(port) + "\n");
  std::string error;
  try {
    newsdex::Cluster::open(path, false);
  } catch (const newsdex::Error& e) {
    error = e.what();
  }
  CHECK(error.find("shard 127.0.0.1:" + std::to_string(port) + " (" + path + ":2)") != std::string::npos);
  CHECK(error.find("--allow-partial") != std::string::npos);

  const newsdex::Cluster partial = newsdex::Cluster::open(path, true);
  CHECK(partial.database().get_doccount() == 1);
  REQUIRE(partial.missing().size() == 1);
  CHECK(partial.missing()[0].shard == "127.0.0.1:" + std::to_string(port));
  CHECK(partial.missing()[0].line == 2);
  CHECK(partial.remote_shards().empty());
  CHECK(partial.probe().empty());  // no remote shard left to ask

  // Every shard missing: an error even with allow_partial.
  const std::string none = dir.write("none", "remote 127.0.0.1:" + std::to_string(port) + "\n");
  CHECK_THROWS_AS(newsdex::Cluster::open(none, true), newsdex::Error);
}

TEST_CASE("Cluster::open: a shard of another schema version is named") {
  ScratchDir dir;
  {
    Xapian::WritableDatabase db((dir.path / "old").string(), Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata(std::string(newsdex::schema::kMetaSchemaVersion), "1");
    db.add_document(Xapian::Document());
    db.commit();
  }
  const std::string path = dir.write("cluster", "auto old\n");
  std::string error;
  try {
    newsdex::Cluster::open(path, true);
  } catch (const newsdex::Error& e) {
    error = e.what();
  }
  CHECK(error.find("shard " + (dir.path / "old").string()) != std::string::npos);
  CHECK(error.find("schema version 1") != std::string::npos);
}
