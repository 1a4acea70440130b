#pragma once
// HttpClient: every outbound HTTP call pxpd makes (Prometheus API, webhooks), through libcurl.
// One client per endpoint keeps its connections alive between calls; http:// and https:// only,
// redirects not followed (a token must not follow one), gzip accepted, proxies from the
// environment (http_proxy, https_proxy, no_proxy) as curl reads them.
// TLS: the system's CA store or `tls.caFile`, a client certificate for mTLS, and
// `insecureSkipVerify` only when asked for (describe() says so; callers warn once at load).
// Credentials are read from their files on every call, so a rotated token is picked up; a
// bearer token or a password is never sent over plain http:// to a host that is not loopback.
// Thread affinity: any thread; calls on one client are serialized (one connection cache).

#include "pxpd/Result.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

namespace pxpd::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Tls {
  std::string caFile;   // PEM bundle that signs the server's certificate; "" = the system store
  std::string certFile; // client certificate (mTLS), PEM; with keyFile
  std::string keyFile;
  bool insecureSkipVerify = false; // no certificate or host name check: only when asked for

  bool operator==(const Tls &) const = default;
};

struct Endpoint {
  std::string url;  // base URL: request paths are appended to it
  std::string name; // for messages: "DataSource 'prom'", "webhook actuator of policy x"
  Tls tls;
  Headers headers;             // sent on every request (X-Scope-OrgID for Mimir / Cortex tenants ...)
  std::string bearerTokenFile; // Authorization: Bearer <first line of the file>
  std::string basicAuthUsername, basicAuthPasswordFile; // Authorization: Basic
  std::chrono::milliseconds timeout{10'000};            // whole request: connect + send + answer
  std::chrono::milliseconds connectTimeout{5'000};      // capped by timeout

  bool operator==(const Endpoint &) const = default;
};

struct Request {
  std::string method = "GET"; // GET, POST, PUT, PATCH, DELETE
  std::string path;           // appended to the endpoint's URL ("api/v1/query"); "" = the URL itself
  std::string contentType, body;
  Headers headers;
  std::size_t maxBodyBytes = 64 * 1024; // a longer answer is an error saying so, never cut silently
};

struct Answer {
  int status = 0;     // 0 when no HTTP answer arrived (see error)
  std::string reason; // "Internal Server Error" (HTTP/1.x only)
  std::string body;
  std::string error; // transport failure in words: refused, timed out, TLS, too long ...
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

class Client {
public:
  explicit Client(Endpoint endpoint);
  ~Client();
  Client(const Client &) = delete;
  Client &operator=(const Client &) = delete;

  // Blocks up to the endpoint's timeout; `stop` cuts it short (error "stopped").
  Answer send(const Request &request, std::stop_token stop = {}) const;

  const Endpoint &endpoint() const { return m_endpoint; }

  // The endpoint's mistakes that no call can fix, in words: a URL that is not http(s), a
  // credential over plain http:// to a non-loopback host, TLS files that do not exist. Checked
  // at load (with the file and line) and again before every call.
  static Result<Ok> check(const Endpoint &endpoint);
  // "TLS certificates are not verified ..." when insecureSkipVerify is on; "" otherwise.
  static std::string insecureWarning(const Endpoint &endpoint);
  // True for localhost, 127.0.0.0/8 and ::1: the only hosts a credential may reach in clear.
  static bool isLoopbackHost(const std::string &host);

private:
  struct Handle;
  Endpoint m_endpoint;
  mutable std::mutex m_mutex;
  mutable std::unique_ptr<Handle> m_handle; // created on first use, kept for keep-alive
};

} // namespace pxpd::http
