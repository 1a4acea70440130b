#pragma once
// TinyHttpServer: a webhook receiver for tests, on 127.0.0.1:0 in a thread of its own (the
// test thread blocks on gRPC reads, so a Qt event-loop server could not answer). It reads one
// request per connection, keeps it, and answers with the next status of a script.
// Thread affinity: constructed and queried on the test thread; serves on its own thread.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

class TinyHttpServer {
public:
  struct Request {
    std::string head; // request line and headers
    std::string body;
  };

  // Answers with `statuses` in order; the last one repeats.
  explicit TinyHttpServer(std::vector<int> statuses) : m_statuses(std::move(statuses)) {
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    ::listen(m_fd, 16);
    socklen_t len = sizeof addr;
    ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { serve(); });
  }
  ~TinyHttpServer() {
    m_stop = true;
    m_thread.join();
    ::close(m_fd);
  }

  int port() const { return m_port; }
  std::string url(const std::string &path = "/hook") const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
  }

  // Waits (bounded) until `n` requests arrived; returns those that did.
  std::vector<Request> waitForRequests(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    m_cv.wait_for(lock, timeout, [&] { return m_requests.size() >= n; });
    return {m_requests.begin(), m_requests.end()};
  }

  // A port nothing listens on (bound and closed again), for "unreachable" cases.
  static int unusedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
  }

private:
  void serve() {
    while (!m_stop) {
      pollfd p{m_fd, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) // 50 ms: how soon the destructor's stop is noticed
        continue;
      const int c = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0)
        continue;
      Request r = read(c);
      int status = 0;
      {
        std::lock_guard lock(m_mutex);
        status = m_statuses[std::min(m_requests.size(), m_statuses.size() - 1)];
        m_requests.push_back(r);
      }
      const std::string body = status / 100 == 2 ? "{\"ok\":true}" : "{\"error\":\"receiver is broken\"}";
      const std::string answer =
          "HTTP/1.1 " + std::to_string(status) + (status / 100 == 2 ? " OK" : " Server Error") +
          "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\nConnection: close\r\n\r\n" + body;
      ::send(c, answer.data(), answer.size(), MSG_NOSIGNAL);
      ::close(c);
      m_cv.notify_all();
    }
  }

  static Request read(int c) {
    std::string data;
    char buf[4096];
    for (;;) {
      const auto headEnd = data.find("\r\n\r\n");
      if (headEnd != std::string::npos) {
        const auto at = data.find("Content-Length: ");
        const std::size_t length = at == std::string::npos ? 0 : std::strtoul(data.c_str() + at + 16, nullptr, 10);
        if (data.size() >= headEnd + 4 + length)
          return {data.substr(0, headEnd), data.substr(headEnd + 4, length)};
      }
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0)
        return {data, {}};
      const ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0)
        return {data, {}};
      data.append(buf, static_cast<std::size_t>(n));
    }
  }

  std::vector<int> m_statuses;
  int m_fd = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<Request> m_requests; // guarded by m_mutex
};
