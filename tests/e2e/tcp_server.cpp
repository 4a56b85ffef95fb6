#include "tests/e2e/tcp_server.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <xapian.h>

namespace newsdex::test {

namespace fs = std::filesystem;

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  close(fd);
  return ntohs(addr.sin_port);
}

std::vector<pid_t> children(pid_t parent) {
  std::vector<pid_t> found;
  for (const fs::directory_entry& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      continue;
    }
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    // pid (comm) state ppid ...: comm may hold spaces and parentheses.
    const std::size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    std::string state;
    long ppid = 0;
    if (rest >> state >> ppid && ppid == parent) found.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return found;
}

TcpServer::TcpServer(const std::string& db) {
  REQUIRE_MESSAGE(fs::exists(kTcpServer), kTcpServer << " is missing (Debian package xapian-tools)");
  const Xapian::doccount expected = Xapian::Database(db).get_doccount();
  for (int attempt = 0; attempt < 10; ++attempt) {
    port_ = free_port();
    process_ = std::make_unique<BackgroundProcess>(std::vector<std::string>{
        kTcpServer, "--quiet", "--interface", "127.0.0.1", "--port", std::to_string(port_), db});
    // Ready when a remote open of the port reaches this database. The guard
    // only turns a server that never answers into a failure instead of a
    // hang; it is far beyond any machine's start-up time.
    const auto guard = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    while (process_->running()) {
      try {
        if (Xapian::Remote::open("127.0.0.1", static_cast<unsigned>(port_)).get_doccount() == expected) return;
      } catch (const Xapian::NetworkError&) {
        // not listening yet
      }
      REQUIRE_MESSAGE(std::chrono::steady_clock::now() < guard, "xapian-tcpsrv never accepted a connection");
      // Polling for a state, not waiting for time to pass: the remote open
      // above is the test of readiness.
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    process_.reset();
  }
  FAIL("xapian-tcpsrv could not listen on a free port (10 attempts)");
}

void TcpServer::kill() {
  for (pid_t child : children(process_->pid())) ::kill(child, SIGKILL);
  process_->signal(SIGKILL);
  process_->wait();
}

}  // namespace newsdex::test
