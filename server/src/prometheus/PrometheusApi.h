#pragma once
// PrometheusApi: blocking calls to Prometheus's HTTP API (/api/v1/query, /api/v1/query_range)
// for one DataSource, answers parsed into plain series. Errors carry the PromQL and
// Prometheus's own error text, ready to show to the user.
// Calls go through one http::Client (libcurl; TLS, tenants' headers, basic or bearer auth), so
// consecutive queries reuse its connection.
// Thread affinity: any thread; each call blocks its caller up to the DataSource's timeout
// (calls on one PrometheusApi are serialized).

#include "http/HttpClient.h"
#include "pxpd/slo/OpenSloLoader.h"

#include <cstdint>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

namespace pxpd::prom {

struct Point {
  std::int64_t timeSeconds = 0;
  double value = 0; // may be NaN or infinite as Prometheus sent it
};

struct Series {
  std::string labels; // {job="api",code="200"} as PromQL writes it; "{}" without labels
  std::vector<Point> points;
};

struct QueryAnswer {
  std::vector<Series> series;
  std::string error; // "" = success; otherwise what failed, with the PromQL and Prometheus's text
};

class PrometheusApi {
public:
  explicit PrometheusApi(slo::DataSourceSpec source);

  // Instant vector at `timeSeconds` (one point per series).
  QueryAnswer query(const std::string &promql, std::int64_t timeSeconds, std::stop_token stop) const;
  // Range over [startSeconds, endSeconds] every stepSeconds.
  QueryAnswer queryRange(const std::string &promql, std::int64_t startSeconds, std::int64_t endSeconds,
                         std::int64_t stepSeconds, std::stop_token stop) const;

  const slo::DataSourceSpec &source() const { return m_source; }
  // How the DataSource is reached: its URL, credentials, headers, TLS files and timeout.
  static http::Endpoint endpoint(const slo::DataSourceSpec &source);

  // Parses a Prometheus API JSON answer (exposed for tests); httpStatus is for messages only.
  static QueryAnswer parse(const std::string &body, int httpStatus, const std::string &promql);

private:
  static QueryAnswer parseUnchecked(const std::string &body, int httpStatus, const std::string &promql);
  QueryAnswer call(const std::string &path, const std::string &form, const std::string &promql,
                   std::stop_token stop) const;

  slo::DataSourceSpec m_source;
  std::unique_ptr<http::Client> m_client;
};

} // namespace pxpd::prom
