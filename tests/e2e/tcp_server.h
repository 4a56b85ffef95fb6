// A stock xapian-tcpsrv serving a database on a loopback port, for the
// end-to-end tests of remote shards (remote_test.cpp, entities_test.cpp).
// The server is ready when a Xapian remote open of its port succeeds and sees
// the database's articles, never after a delay; it is a BackgroundProcess, so
// it is killed and reaped however a test ends.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/e2e/process.h"

namespace newsdex::test {

// Where Debian's xapian-tools installs the server. A test that needs it fails
// (never skips) when it is missing: scripts/setup.sh installs it.
inline const std::string kTcpServer = "/usr/bin/xapian-tcpsrv";

// A TCP port nobody listens on now (the kernel's pick for port 0). Another
// process may take it before a server binds it: TcpServer retries.
int free_port();

// The processes whose parent is `parent` (from /proc/PID/stat).
std::vector<pid_t> children(pid_t parent);

class TcpServer {
 public:
  // Starts the server on a free port and returns once a remote open of that
  // port reaches `db` (the same article count). A server that exits lost the
  // port to another process: another port is tried, up to 10.
  explicit TcpServer(const std::string& db);

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  // SIGKILL to the server and to the processes it forked to serve open
  // connections (xapian-tcpsrv forks one per connection), as when its
  // machine goes down; the server is reaped, and its port refuses
  // connections.
  void kill();
  bool signal(int signo) { return process_->signal(signo); }

 private:
  int port_ = 0;
  std::unique_ptr<BackgroundProcess> process_;  // killed and reaped by its destructor
};

}  // namespace newsdex::test
