#pragma once
// PlainHttpClient: a minimal HTTP/1.1 client for webhooks: one POST per connection
// (Connection: close) over plain TCP, with a deadline for connect + send + answer. No TLS, no
// redirects, no chunked uploads; the answer's status line and the start of its body are read.
// Host names resolve through getaddrinfo, which has no timeout of its own: use an address or a
// name the local resolver answers quickly.
// Thread affinity: any thread; post() blocks the caller.

#include "actuators/HttpUrl.h"

#include <chrono>
#include <stop_token>
#include <string>

namespace pxpd {

class PlainHttpClient {
public:
  struct Answer {
    int status = 0;          // 0 when no HTTP answer arrived (see error)
    std::string reason;      // "OK", "Internal Server Error"
    std::string bodyHead;    // the first few hundred bytes of the body
    std::string error;       // transport failure: refused, unreachable, timeout, malformed answer
  };

  static Answer post(const HttpUrl &url, const std::string &contentType, const std::string &body,
                     std::chrono::milliseconds timeout, std::stop_token stop);
};

} // namespace pxpd
