#include "actuators/HttpUrl.h"

#include <charconv>

namespace pxpd {

Result<HttpUrl> HttpUrl::parse(const std::string &url) {
  const std::string scheme = "http://";
  if (url.rfind("https://", 0) == 0)
    return Error{"'" + url +
                 "' is https: pxpd's webhook client speaks plain HTTP only; point it at a local "
                 "TLS-terminating proxy, or use an exec actuator with curl"};
  if (url.rfind(scheme, 0) != 0)
    return Error{"'" + url + "' is not an http:// URL: write http://host:port/path"};
  const std::string rest = url.substr(scheme.size());
  const std::size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  HttpUrl out;
  out.path = slash == std::string::npos ? "/" : rest.substr(slash);
  if (authority.find('@') != std::string::npos)
    return Error{"'" + url + "' carries user:password@: put credentials in a token the receiver checks, not the URL"};
  std::string portText;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t end = authority.find(']');
    if (end == std::string::npos)
      return Error{"'" + url + "' has an unclosed [IPv6] address"};
    out.host = authority.substr(1, end - 1);
    if (end + 1 < authority.size() && authority[end + 1] == ':')
      portText = authority.substr(end + 2);
  } else {
    const std::size_t colon = authority.rfind(':');
    out.host = authority.substr(0, colon);
    if (colon != std::string::npos)
      portText = authority.substr(colon + 1);
  }
  if (out.host.empty())
    return Error{"'" + url + "' has no host: write http://host:port/path"};
  if (!portText.empty()) {
    const auto [end, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), out.port);
    if (ec != std::errc() || end != portText.data() + portText.size() || out.port < 1 || out.port > 65535)
      return Error{"'" + url + "' has an invalid port '" + portText + "': use 1..65535"};
  }
  return out;
}

std::string HttpUrl::hostHeader() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + (port == 80 ? std::string() : ":" + std::to_string(port));
}

} // namespace pxpd
