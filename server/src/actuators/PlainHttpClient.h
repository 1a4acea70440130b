#pragma once
// PlainHttpClient: a minimal HTTP/1.1 client for webhooks and Prometheus queries: one request
// per connection (Connection: close) over plain TCP, with a deadline for connect + send +
// answer. No TLS, no redirects, no chunked uploads; a chunked answer is decoded.
// Host names resolve through getaddrinfo, which has no timeout of its own: use an address or a
// name the local resolver answers quickly.
// Thread affinity: any thread; post() blocks the caller.

#include "actuators/HttpUrl.h"

#include <chrono>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

namespace pxpd {

class PlainHttpClient {
public:
  struct Answer {
    int status = 0;       // 0 when no HTTP answer arrived (see error)
    std::string reason;   // "OK", "Internal Server Error"
    std::string bodyHead; // the first few hundred bytes of the body (all of it from send())
    std::string error;    // transport failure: refused, unreachable, timeout, malformed answer
  };

  // Webhooks: the status line and the first few hundred bytes of the body (bodyHead).
  static Answer post(const HttpUrl &url, const std::string &contentType, const std::string &body,
                     std::chrono::milliseconds timeout, std::stop_token stop);

  struct Request {
    std::string method = "POST";
    std::string contentType, body;
    std::vector<std::pair<std::string, std::string>> headers; // extra headers (Authorization ...)
    std::size_t maxBodyBytes = 64 * 1024;                     // a longer answer fails with an error saying so
  };
  // Any request; the whole body (dechunked) lands in Answer::bodyHead, up to maxBodyBytes.
  static Answer send(const HttpUrl &url, const Request &request, std::chrono::milliseconds timeout,
                     std::stop_token stop);
};

} // namespace pxpd
