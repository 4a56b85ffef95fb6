#include "common/test_hook.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace newsdex {
namespace {

struct Pause {
  std::string point;
  unsigned long nth = 0;  // 0: every time
};

struct Hooks {
  int fd = -1;
  std::vector<Pause> pauses;
  std::mutex mutex;  // counts and the socket
  std::map<std::string, unsigned long, std::less<>> reached;
};

// A stream socket connected to the Unix socket at `path`, or -1.
int connect_to(const char* path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (std::strlen(path) >= sizeof address.sun_path) return -1;
  std::strcpy(address.sun_path, path);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

Hooks* load_hooks() {
  const char* fd_text = std::getenv("NEWSDEX_TEST_HOOK_FD");
  const char* socket_path = std::getenv("NEWSDEX_TEST_HOOK_SOCKET");
  const bool by_fd = fd_text != nullptr && *fd_text != '\0';
  if (!by_fd && (socket_path == nullptr || *socket_path == '\0')) return nullptr;
  auto* hooks = new Hooks;  // lives as long as the process
  // A socket that cannot be reached leaves fd -1: every point goes on.
  hooks->fd = by_fd ? std::atoi(fd_text) : connect_to(socket_path);
  std::string spec = std::getenv("NEWSDEX_TEST_PAUSE") ? std::getenv("NEWSDEX_TEST_PAUSE") : "";
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t comma = spec.find(',', start);
    std::string item = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) {
      Pause pause;
      std::size_t at = item.find('@');
      pause.point = item.substr(0, at);
      if (at != std::string::npos) pause.nth = std::strtoul(item.c_str() + at + 1, nullptr, 10);
      hooks->pauses.push_back(std::move(pause));
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return hooks;
}

Hooks* hooks() {
  static Hooks* const instance = load_hooks();
  return instance;
}

}  // namespace

void test_hook(std::string_view point) {
  Hooks* h = hooks();
  if (h == nullptr || h->fd < 0) return;
  std::lock_guard lock(h->mutex);
  auto it = h->reached.find(point);
  if (it == h->reached.end()) it = h->reached.emplace(std::string(point), 0).first;
  const unsigned long k = ++it->second;
  bool stop = false;
  for (const Pause& pause : h->pauses) {
    if (pause.point == point && (pause.nth == 0 || pause.nth == k)) stop = true;
  }
  if (!stop) return;
  const std::string line = std::string(point) + " " + std::to_string(k) + "\n";
  std::size_t sent = 0;
  while (sent < line.size()) {
    ssize_t n = ::send(h->fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the test went away: go on
    sent += static_cast<std::size_t>(n);
  }
  char byte = 0;
  for (;;) {
    ssize_t n = ::recv(h->fd, &byte, 1, 0);
    if (n < 0 && errno == EINTR) continue;  // a signal the test sent while we wait
    return;                                 // resumed, or the test closed its end
  }
}

bool test_hooks_enabled() { return hooks() != nullptr; }

}  // namespace newsdex
