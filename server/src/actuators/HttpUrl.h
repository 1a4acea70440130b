#pragma once
// HttpUrl: a plain http://host[:port]/path URL, split for the webhook client.
// Thread affinity: none (a value type).

#include "pxpd/Result.h"

#include <string>

namespace pxpd {

struct HttpUrl {
  std::string host; // name or IPv4 address; [v6] brackets removed
  int port = 80;
  std::string path = "/"; // with the query, if any

  // https:// and other schemes are refused with a reason (the built-in client has no TLS).
  static Result<HttpUrl> parse(const std::string &url);
  std::string hostHeader() const; // "host:port" as the Host header wants it
};

} // namespace pxpd
