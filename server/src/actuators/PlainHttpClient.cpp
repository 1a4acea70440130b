#include "actuators/PlainHttpClient.h"

#include "pxp_version.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pxpd {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kSliceMs = 50;                // how often a wait looks at the stop token
constexpr std::size_t kBodyHeadBytes = 300; // what post() keeps of a webhook's answer
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

struct Socket {
  int fd = -1;
  ~Socket() {
    if (fd >= 0)
      ::close(fd);
  }
};

// "" when `fd` is ready for `events`; otherwise why not (timeout, stop, error).
std::string waitFor(int fd, short events, Clock::time_point deadline, const std::stop_token &stop, const char *doing) {
  for (;;) {
    if (stop.stop_requested())
      return std::string("gave up ") + doing + ": pxpd is stopping";
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0)
      return std::string("timed out ") + doing;
    pollfd p{fd, events, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left, kSliceMs)));
    if (r > 0)
      return {};
    if (r < 0 && errno != EINTR)
      return std::string("poll failed ") + doing + ": " + std::strerror(errno);
  }
}

std::string connectTo(const HttpUrl &url, Clock::time_point deadline, const std::stop_token &stop, Socket &out) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo *found = nullptr;
  if (const int rc = ::getaddrinfo(url.host.c_str(), std::to_string(url.port).c_str(), &hints, &found); rc != 0)
    return "cannot resolve " + url.host + ": " + ::gai_strerror(rc);
  std::string lastError = "no address for " + url.host;
  for (const addrinfo *ai = found; ai; ai = ai->ai_next) {
    Socket s{::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol)};
    if (s.fd < 0) {
      lastError = std::string("cannot open a socket: ") + std::strerror(errno);
      continue;
    }
    if (::connect(s.fd, ai->ai_addr, ai->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        lastError = "cannot connect to " + url.hostHeader() + ": " + std::strerror(errno);
        continue;
      }
      if (auto e = waitFor(s.fd, POLLOUT, deadline, stop, "connecting"); !e.empty()) {
        lastError = e + " to " + url.hostHeader();
        break; // the deadline is shared: another address would not get any time either
      }
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0) {
        lastError = "cannot connect to " + url.hostHeader() + ": " + std::strerror(err);
        continue;
      }
    }
    std::swap(out.fd, s.fd);
    lastError.clear();
    break;
  }
  ::freeaddrinfo(found);
  return lastError;
}

std::string sendAll(int fd, const std::string &data, Clock::time_point deadline, const std::stop_token &stop) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (auto e = waitFor(fd, POLLOUT, deadline, stop, "sending the request"); !e.empty())
        return e;
    } else {
      return std::string("sending the request failed: ") + std::strerror(errno);
    }
  }
  return {};
}

std::size_t contentLength(const std::string &headers) {
  std::string lower = headers;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto at = lower.find("\r\ncontent-length:");
  return at == std::string::npos ? std::string::npos
                                 : static_cast<std::size_t>(std::strtoull(lower.c_str() + at + 17, nullptr, 10));
}

// Reads until the answer is complete (Content-Length reached, `wantBody` bytes of it, or end of
// stream) or the deadline. More than maxBytes of body is an error.
std::string receive(int fd, Clock::time_point deadline, const std::stop_token &stop, std::size_t wantBody,
                    std::size_t maxBytes, std::string &answer) {
  char buf[16384];
  for (;;) {
    const auto headerEnd = answer.find("\r\n\r\n");
    if (headerEnd != std::string::npos) {
      const std::size_t length = contentLength(answer.substr(0, headerEnd + 2));
      if (length != std::string::npos && answer.size() >= headerEnd + 4 + std::min(length, wantBody))
        return {};
      if (answer.size() > headerEnd + 4 + maxBytes) // a webhook's answer is only glanced at
        return wantBody <= kBodyHeadBytes
                   ? std::string()
                   : "the answer is larger than " + std::to_string(maxBytes / 1024) + " KiB: narrow the query";
    } else if (answer.size() > kMaxHeaderBytes) {
      return "the answer's headers are larger than 64 KiB";
    }
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      answer.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0) {
      return {};
    } else if (errno == EAGAIN || errno == EINTR) {
      if (auto e = waitFor(fd, POLLIN, deadline, stop, "waiting for the answer"); !e.empty())
        return headerEnd != std::string::npos && wantBody <= kBodyHeadBytes ? std::string() : e;
    } else {
      return std::string("reading the answer failed: ") + std::strerror(errno);
    }
  }
}

bool isChunked(const std::string &headers) {
  std::string lower = headers;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("\r\ntransfer-encoding: chunked") != std::string::npos;
}

// Transfer-Encoding: chunked -> the plain body; "" and `ok` false when it is cut short.
std::string dechunk(const std::string &raw, bool &ok) {
  std::string out;
  std::size_t at = 0;
  ok = false;
  while (at < raw.size()) {
    const auto lineEnd = raw.find("\r\n", at);
    if (lineEnd == std::string::npos)
      return out;
    const std::size_t size = std::strtoull(raw.c_str() + at, nullptr, 16);
    if (size == 0) {
      ok = true;
      return out;
    }
    if (lineEnd + 2 + size > raw.size())
      return out;
    out.append(raw, lineEnd + 2, size);
    at = lineEnd + 2 + size + 2;
  }
  return out;
}

PlainHttpClient::Answer exchange(const HttpUrl &url, const PlainHttpClient::Request &r, std::size_t wantBody,
                                 std::chrono::milliseconds timeout, const std::stop_token &stop) {
  PlainHttpClient::Answer a;
  const auto deadline = Clock::now() + timeout;
  Socket socket;
  if (a.error = connectTo(url, deadline, stop, socket); !a.error.empty())
    return a;
  std::string request =
      r.method + " " + url.path + " HTTP/1.1\r\nHost: " + url.hostHeader() + "\r\nUser-Agent: pxpd/" PXP_VERSION "\r\n";
  for (const auto &[name, value] : r.headers)
    request += name + ": " + value + "\r\n";
  if (!r.contentType.empty())
    request += "Content-Type: " + r.contentType + "\r\n";
  request += "Content-Length: " + std::to_string(r.body.size()) + "\r\nConnection: close\r\n\r\n" + r.body;
  if (a.error = sendAll(socket.fd, request, deadline, stop); !a.error.empty())
    return a;
  std::string answer;
  if (a.error = receive(socket.fd, deadline, stop, wantBody, r.maxBodyBytes, answer); !a.error.empty())
    return a;
  // Status line: "HTTP/1.1 200 OK".
  const auto lineEnd = answer.find("\r\n");
  const std::string line = answer.substr(0, lineEnd);
  if (line.rfind("HTTP/1.", 0) != 0 || line.size() < 12 || !std::isdigit(static_cast<unsigned char>(line[9]))) {
    a.error = "the answer is not HTTP/1.x (starts with '" + line.substr(0, 40) + "')";
    return a;
  }
  a.status = std::atoi(line.c_str() + 9);
  a.reason = line.size() > 13 ? line.substr(13) : std::string();
  const auto headerEnd = answer.find("\r\n\r\n");
  if (headerEnd == std::string::npos)
    return a;
  if (isChunked(answer.substr(0, headerEnd + 2))) {
    bool complete = false;
    a.bodyHead = dechunk(answer.substr(headerEnd + 4), complete);
    if (!complete && wantBody > kBodyHeadBytes)
      a.error = "the answer ended before its last chunk";
  } else {
    a.bodyHead = answer.substr(headerEnd + 4, wantBody);
  }
  if (a.bodyHead.size() > wantBody)
    a.bodyHead.resize(wantBody);
  return a;
}

} // namespace

PlainHttpClient::Answer PlainHttpClient::post(const HttpUrl &url, const std::string &contentType,
                                              const std::string &body, std::chrono::milliseconds timeout,
                                              std::stop_token stop) {
  Request r;
  r.contentType = contentType;
  r.body = body;
  return exchange(url, r, kBodyHeadBytes, timeout, stop);
}

PlainHttpClient::Answer PlainHttpClient::send(const HttpUrl &url, const Request &request,
                                              std::chrono::milliseconds timeout, std::stop_token stop) {
  return exchange(url, request, request.maxBodyBytes, timeout, stop);
}

} // namespace pxpd
