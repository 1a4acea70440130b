#include "http/HttpClient.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace pxpd::http {
namespace {

void initCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string trimmed(std::string s) {
  const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
  s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
  return s;
}

struct UrlParts {
  std::string scheme, host;
};

Result<UrlParts> splitUrl(const std::string &url) {
  initCurlOnce();
  CURLU *u = curl_url();
  UrlParts parts;
  const CURLUcode rc = curl_url_set(u, CURLUPART_URL, url.c_str(), 0);
  char *scheme = nullptr;
  char *host = nullptr;
  if (rc == CURLUE_OK && curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
    parts.scheme = scheme;
    parts.host = host;
  }
  char *user = nullptr;
  const bool hasUser = curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK;
  curl_free(scheme);
  curl_free(host);
  curl_free(user);
  curl_url_cleanup(u);
  if (rc != CURLUE_OK)
    return Error{"'" + url + "' is not a URL (" + curl_url_strerror(rc) + "): write http(s)://host:port/path"};
  if (parts.scheme != "http" && parts.scheme != "https")
    return Error{"'" + url + "' is not an http:// or https:// URL"};
  if (parts.host.empty())
    return Error{"'" + url + "' has no host: write http(s)://host:port/path"};
  if (hasUser)
    return Error{"'" + url +
                 "' carries user:password@: put credentials in a file (basic auth or bearer token), "
                 "not in the URL"};
  return parts;
}

Result<std::string> firstLineOf(const std::string &file, const std::string &what, const std::string &name) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  std::string line = text.str();
  line = trimmed(line.substr(0, line.find('\n')));
  if (!in || line.empty())
    return Error{"cannot read the " + what + " file " + file + " of " + name +
                 ": check that it exists, is not empty and pxpd may read it"};
  return line;
}

std::string joined(const std::string &base, const std::string &path) {
  std::string url = base.substr(0, base.find('?'));
  if (path.empty())
    return url;
  if (url.empty() || url.back() != '/')
    url += '/';
  return url + (path.front() == '/' ? path.substr(1) : path);
}

struct Transfer {
  std::string body;
  std::string reason;
  std::size_t limit = 0;
  bool tooLong = false;
  std::stop_token stop;
};

std::size_t onBody(char *data, std::size_t size, std::size_t count, void *user) {
  auto &t = *static_cast<Transfer *>(user);
  const std::size_t n = size * count;
  if (t.body.size() + n > t.limit) {
    t.tooLong = true;
    return 0; // aborts the transfer with CURLE_WRITE_ERROR
  }
  t.body.append(data, n);
  return n;
}

std::size_t onHeader(char *data, std::size_t size, std::size_t count, void *user) {
  auto &t = *static_cast<Transfer *>(user);
  const std::string line(data, size * count);
  // "HTTP/1.1 503 Service Unavailable\r\n": the reason phrase (a redirect or 100 starts again).
  if (line.rfind("HTTP/", 0) == 0) {
    const auto code = line.find(' ');
    const auto reason = code == std::string::npos ? std::string::npos : line.find(' ', code + 1);
    t.reason = reason == std::string::npos ? "" : trimmed(line.substr(reason + 1));
  }
  return size * count;
}

int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<Transfer *>(user)->stop.stop_requested() ? 1 : 0;
}

std::string inWords(CURLcode rc, const char *detail, long osErrno, const Endpoint &e, const Transfer &t,
                    std::size_t limit) {
  const std::string text = detail && *detail ? detail : curl_easy_strerror(rc);
  switch (rc) {
  case CURLE_COULDNT_CONNECT:
    return "cannot connect: " +
           (osErrno ? std::string(std::strerror(static_cast<int>(osErrno))) + " (" + text + ")" : text);
  case CURLE_COULDNT_RESOLVE_HOST: return "cannot resolve the host name: " + text;
  case CURLE_COULDNT_RESOLVE_PROXY: return "cannot resolve the proxy from the environment: " + text;
  case CURLE_OPERATION_TIMEDOUT: return "timed out after " + std::to_string(e.timeout.count()) + " ms (" + text + ")";
  case CURLE_ABORTED_BY_CALLBACK: return "stopped: pxpd is stopping";
  case CURLE_WRITE_ERROR:
    if (t.tooLong)
      return "the answer is longer than " + std::to_string(limit / 1024) + " KiB; narrow the request";
    return text;
  case CURLE_PEER_FAILED_VERIFICATION:
    return "TLS: the server's certificate is not trusted (" + text + "); " +
           (e.tls.caFile.empty() ? std::string("set caFile to the CA that signed it")
                                 : "check that caFile " + e.tls.caFile + " is the CA that signed it") +
           ", and that the URL's host name is in the certificate";
  case CURLE_SSL_CACERT_BADFILE: return "TLS: cannot read caFile " + e.tls.caFile + " (" + text + ")";
  case CURLE_SSL_CERTPROBLEM: return "TLS: cannot use the client certificate " + e.tls.certFile + " (" + text + ")";
  case CURLE_SSL_CONNECT_ERROR: return "TLS handshake failed: " + text;
  case CURLE_UNSUPPORTED_PROTOCOL: return "unsupported: " + text;
  case CURLE_GOT_NOTHING: return "the server closed the connection without an answer";
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR: return "the connection failed: " + text;
  default: return text;
  }
}

} // namespace

struct Client::Handle {
  CURL *curl = nullptr;
  ~Handle() {
    if (curl)
      curl_easy_cleanup(curl);
  }
};

Client::Client(Endpoint endpoint) : m_endpoint(std::move(endpoint)) {
  initCurlOnce();
}
Client::~Client() = default;

bool Client::isLoopbackHost(const std::string &hostIn) {
  std::string host = hostIn;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  if (host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1")
    return true;
  if (host.rfind("127.", 0) != 0)
    return false;
  return std::all_of(host.begin(), host.end(), [](unsigned char c) { return std::isdigit(c) || c == '.'; });
}

Result<Ok> Client::check(const Endpoint &e) {
  auto parts = splitUrl(e.url);
  if (!parts)
    return Error{parts.error()};
  const bool credentials = !e.bearerTokenFile.empty() || !e.basicAuthPasswordFile.empty();
  if (credentials && parts.value().scheme == "http" && !isLoopbackHost(parts.value().host))
    return Error{"'" + e.url + "' is plain http:// to " + parts.value().host + ", and " + e.name +
                 " sends a credential: anyone on the path could read it. Use https:// (with caFile if the CA is "
                 "private), or reach the server on loopback"};
  if (!e.basicAuthPasswordFile.empty() && e.basicAuthUsername.empty())
    return Error{e.name + " has a basic auth password file but no username: add username"};
  if (!e.bearerTokenFile.empty() && !e.basicAuthPasswordFile.empty())
    return Error{e.name + " has both a bearer token and basic auth: keep one"};
  if (e.tls.certFile.empty() != e.tls.keyFile.empty())
    return Error{e.name + ": a client certificate needs both certFile and keyFile"};
  for (const auto *file : {&e.tls.caFile, &e.tls.certFile, &e.tls.keyFile})
    if (!file->empty() && !std::filesystem::is_regular_file(*file))
      return Error{e.name + ": TLS file " + *file + " does not exist (or is not a file)"};
  for (const auto &[key, value] : e.headers) {
    if (key.empty() || key.find_first_of(": \r\n") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos)
      return Error{e.name + ": header '" + key + "' is not a valid HTTP header name and value"};
    std::string lower = key;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "authorization")
      return Error{e.name + ": put the Authorization header in bearerTokenFile or basicAuth, so the secret stays in "
                            "a file and out of the configuration"};
  }
  return Ok{};
}

std::string Client::insecureWarning(const Endpoint &e) {
  if (!e.tls.insecureSkipVerify)
    return {};
  return e.name + " (" + e.url +
         "): insecureSkipVerify is on, so TLS certificates and host names are not verified; anyone on the path "
         "can pose as the server and read credentials. Set caFile instead";
}

Answer Client::send(const Request &request, std::stop_token stop) const {
  Answer a;
  if (auto ok = check(m_endpoint); !ok) {
    a.error = ok.error();
    return a;
  }
  std::string authorization, username, password;
  if (!m_endpoint.bearerTokenFile.empty()) {
    auto token = firstLineOf(m_endpoint.bearerTokenFile, "bearer token", m_endpoint.name);
    if (!token) {
      a.error = token.error();
      return a;
    }
    authorization = "Authorization: Bearer " + token.value();
  }
  if (!m_endpoint.basicAuthPasswordFile.empty()) {
    auto secret = firstLineOf(m_endpoint.basicAuthPasswordFile, "basic auth password", m_endpoint.name);
    if (!secret) {
      a.error = secret.error();
      return a;
    }
    username = m_endpoint.basicAuthUsername;
    password = secret.value();
  }

  std::lock_guard lock(m_mutex);
  if (!m_handle) {
    m_handle = std::make_unique<Handle>();
    m_handle->curl = curl_easy_init();
  }
  CURL *c = m_handle->curl;
  if (!c) {
    a.error = "libcurl could not start a transfer (out of memory?)";
    return a;
  }
  curl_easy_reset(c); // options only; the connection cache (keep-alive) survives

  Transfer t;
  t.limit = request.maxBodyBytes;
  t.stop = stop;
  char detail[CURL_ERROR_SIZE] = {};
  const std::string url = joined(m_endpoint.url, request.path);
  const auto timeout = std::max<long>(1, static_cast<long>(m_endpoint.timeout.count()));
  const auto connectTimeout = std::min<long>(timeout, static_cast<long>(m_endpoint.connectTimeout.count()));

  curl_slist *headers = nullptr;
  const auto addHeader = [&](const std::string &line) { headers = curl_slist_append(headers, line.c_str()); };
  for (const auto &[k, v] : m_endpoint.headers)
    addHeader(k + ": " + v);
  for (const auto &[k, v] : request.headers)
    addHeader(k + ": " + v);
  if (!request.contentType.empty())
    addHeader("Content-Type: " + request.contentType);
  if (!authorization.empty())
    addHeader(authorization);
  addHeader("Expect:"); // no 100-continue round trip for small bodies

  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, connectTimeout);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); // every encoding this libcurl decodes (gzip ...)
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "pxpd");
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onProgress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
  if (!m_endpoint.tls.caFile.empty())
    curl_easy_setopt(c, CURLOPT_CAINFO, m_endpoint.tls.caFile.c_str());
  if (!m_endpoint.tls.certFile.empty()) {
    curl_easy_setopt(c, CURLOPT_SSLCERT, m_endpoint.tls.certFile.c_str());
    curl_easy_setopt(c, CURLOPT_SSLKEY, m_endpoint.tls.keyFile.c_str());
  }
  if (m_endpoint.tls.insecureSkipVerify) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!username.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(c, CURLOPT_USERNAME, username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password.c_str());
  }
  if (request.method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    if (request.method != "POST")
      curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  const CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  // Secrets must not outlive the call in the reused handle's options.
  curl_easy_setopt(c, CURLOPT_USERNAME, nullptr);
  curl_easy_setopt(c, CURLOPT_PASSWORD, nullptr);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (rc != CURLE_OK) {
    long osErrno = 0;
    curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &osErrno);
    a.error = inWords(rc, detail, osErrno, m_endpoint, t, request.maxBodyBytes);
    return a;
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  a.status = static_cast<int>(status);
  a.reason = std::move(t.reason);
  a.body = std::move(t.body);
  return a;
}

} // namespace pxpd::http
