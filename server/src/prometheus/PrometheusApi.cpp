#include "prometheus/PrometheusApi.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace pxpd::prom {
namespace {

using Json = nlohmann::json;

// A 30-day backfill at a 60 s step is ~4,300 points per series, ~150 KiB of JSON; this leaves
// room for a query that matches a few hundred series (reported as an error, not silently cut).
constexpr std::size_t kMaxAnswerBytes = 32 * 1024 * 1024;

std::string formEncode(const std::string &text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string textOf(const Json &j) {
  if (j.is_string())
    return j.get<std::string>();
  return j.is_null() ? std::string() : j.dump();
}

std::string labelsOf(const Json &metric) {
  std::string out = "{";
  if (metric.is_object())
    for (const auto &[key, value] : metric.items())
      out += (out.size() > 1 ? "," : "") + key + "=\"" + textOf(value) + "\"";
  return out + "}";
}

// [ <unix seconds as a number>, "<value as a string>" ]; anything else reads as NaN at 0.
Point pointOf(const Json &pair) {
  Point p;
  p.value = std::nan("");
  if (pair.is_array() && pair.size() == 2) {
    if (pair[0].is_number())
      p.timeSeconds = static_cast<std::int64_t>(std::llround(pair[0].get<double>()));
    const std::string v = textOf(pair[1]);
    p.value = std::strtod(v.c_str(), nullptr); // strtod reads NaN, +Inf, -Inf
  }
  return p;
}

} // namespace

PrometheusApi::PrometheusApi(slo::DataSourceSpec source)
    : m_source(std::move(source)), m_client(std::make_unique<http::Client>(endpoint(m_source))) {}

http::Endpoint PrometheusApi::endpoint(const slo::DataSourceSpec &s) {
  http::Endpoint e;
  e.url = s.url;
  e.name = "DataSource '" + s.name + "'";
  e.tls = {s.caFile, s.certFile, s.keyFile, s.insecureSkipVerify};
  e.headers = s.headers;
  e.bearerTokenFile = s.bearerTokenFile;
  e.basicAuthUsername = s.basicAuthUsername;
  e.basicAuthPasswordFile = s.basicAuthPasswordFile;
  e.timeout = std::chrono::milliseconds(s.timeoutMs);
  e.connectTimeout = std::chrono::milliseconds(std::min<std::int64_t>(s.timeoutMs, 5'000));
  return e;
}

QueryAnswer PrometheusApi::parse(const std::string &body, int httpStatus, const std::string &promql) {
  // Whatever the server sent, an answer never throws past here (the fetcher thread would end
  // pxpd): a shape nlohmann::json refuses to read is an error state like any other.
  try {
    return parseUnchecked(body, httpStatus, promql);
  } catch (const Json::exception &e) {
    QueryAnswer a;
    a.error = "PromQL `" + promql + "`: the answer (HTTP " + std::to_string(httpStatus) +
              ") is not Prometheus API JSON of the expected shape (" + e.what() +
              "); check that the DataSource url points at Prometheus";
    return a;
  }
}

QueryAnswer PrometheusApi::parseUnchecked(const std::string &body, int httpStatus, const std::string &promql) {
  QueryAnswer a;
  const std::string what = "PromQL `" + promql + "`";
  const Json root = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    a.error = what + ": the answer (HTTP " + std::to_string(httpStatus) +
              ") is not Prometheus API JSON; check that the DataSource url points at Prometheus";
    return a;
  }
  if (!root.is_object() || !root.contains("status") || !root["status"].is_string()) {
    a.error = what + ": the answer (HTTP " + std::to_string(httpStatus) + ") has no status field";
    return a;
  }
  if (root["status"] != "success") {
    const std::string type = root.contains("errorType") ? textOf(root["errorType"]) : "error";
    const std::string text = root.contains("error") ? textOf(root["error"]) : "no error text";
    a.error = what + " failed: " + type + ": " + text;
    return a;
  }
  const Json none;
  const Json &data = root.contains("data") ? root["data"] : none;
  const std::string type = data.is_object() && data.contains("resultType") ? textOf(data["resultType"]) : "";
  const Json &result = data.is_object() && data.contains("result") ? data["result"] : none;
  if (type == "scalar") {
    a.series.push_back({"{}", {pointOf(result)}});
    return a;
  }
  if (type != "vector" && type != "matrix") {
    a.error = what + " returned a " + (type.empty() ? std::string("missing") : type) +
              " result: an SLI query must return an instant or range vector";
    return a;
  }
  if (!result.is_array()) {
    a.error = what + ": the answer's data.result is not a list";
    return a;
  }
  for (const auto &s : result) {
    if (!s.is_object())
      continue;
    Series series;
    series.labels = labelsOf(s.contains("metric") ? s["metric"] : none);
    if (type == "vector") {
      series.points.push_back(pointOf(s.contains("value") ? s["value"] : none));
    } else if (s.contains("values") && s["values"].is_array()) {
      for (const auto &v : s["values"])
        series.points.push_back(pointOf(v));
    }
    a.series.push_back(std::move(series));
  }
  return a;
}

QueryAnswer PrometheusApi::query(const std::string &promql, std::int64_t timeSeconds, std::stop_token stop) const {
  return call("api/v1/query", "query=" + formEncode(promql) + "&time=" + std::to_string(timeSeconds), promql,
              std::move(stop));
}

QueryAnswer PrometheusApi::queryRange(const std::string &promql, std::int64_t startSeconds, std::int64_t endSeconds,
                                      std::int64_t stepSeconds, std::stop_token stop) const {
  return call("api/v1/query_range",
              "query=" + formEncode(promql) + "&start=" + std::to_string(startSeconds) +
                  "&end=" + std::to_string(endSeconds) + "&step=" + std::to_string(stepSeconds),
              promql, std::move(stop));
}

QueryAnswer PrometheusApi::call(const std::string &path, const std::string &form, const std::string &promql,
                                std::stop_token stop) const {
  QueryAnswer a;
  const std::string where = " (DataSource '" + m_source.name + "', " + m_source.url + ")";
  http::Request request;
  request.method = "POST";
  request.path = path;
  request.contentType = "application/x-www-form-urlencoded";
  request.body = form;
  request.maxBodyBytes = kMaxAnswerBytes;
  const auto answer = m_client->send(request, std::move(stop));
  if (!answer.error.empty()) {
    a.error = "PromQL `" + promql + "`: " + answer.error + where;
    return a;
  }
  if (answer.status == 401 || answer.status == 403) {
    a.error = "PromQL `" + promql + "`: HTTP " + std::to_string(answer.status) +
              (answer.reason.empty() ? "" : " " + answer.reason) + ": Prometheus refused the credentials (" +
              (!m_source.bearerTokenFile.empty()         ? "bearerTokenFile " + m_source.bearerTokenFile
               : !m_source.basicAuthPasswordFile.empty() ? "basicAuth user " + m_source.basicAuthUsername
                                                         : std::string("none configured")) +
              ")" + where;
    return a;
  }
  // Prometheus answers errors with 400/422/503 and a JSON body that says why: parse it first.
  a = parse(answer.body, answer.status, promql);
  if (!a.error.empty())
    a.error += where;
  else if (answer.status != 200)
    a.error = "PromQL `" + promql + "`: HTTP " + std::to_string(answer.status) + " " + answer.reason + where;
  return a;
}

} // namespace pxpd::prom
