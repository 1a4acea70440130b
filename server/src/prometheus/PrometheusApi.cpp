#include "prometheus/PrometheusApi.h"

#include "actuators/HttpUrl.h"
#include "actuators/PlainHttpClient.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace pxpd::prom {
namespace {

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

std::string trimmed(std::string s) {
  const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
  s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
  return s;
}

std::string labelsOf(const YAML::Node &metric) {
  std::string out = "{";
  if (metric.IsMap())
    for (const auto &kv : metric)
      out += (out.size() > 1 ? "," : "") + kv.first.Scalar() + "=\"" + kv.second.Scalar() + "\"";
  return out + "}";
}

Point pointOf(const YAML::Node &pair) {
  Point p;
  if (pair.IsSequence() && pair.size() == 2) {
    p.timeSeconds = static_cast<std::int64_t>(std::llround(std::strtod(pair[0].Scalar().c_str(), nullptr)));
    p.value = std::strtod(pair[1].Scalar().c_str(), nullptr); // strtod reads NaN, +Inf, -Inf
  }
  return p;
}

} // namespace

QueryAnswer PrometheusApi::parse(const std::string &body, int httpStatus, const std::string &promql) {
  // Whatever the server sent, an answer never throws past here (the fetcher thread would end
  // pxpd): a shape yaml-cpp refuses to read is an error state like any other.
  try {
    return parseUnchecked(body, httpStatus, promql);
  } catch (const YAML::Exception &e) {
    QueryAnswer a;
    a.error = "PromQL `" + promql + "`: the answer (HTTP " + std::to_string(httpStatus) +
              ") is not Prometheus API JSON of the expected shape (" + e.msg +
              "); check that the DataSource url points at Prometheus";
    return a;
  }
}

QueryAnswer PrometheusApi::parseUnchecked(const std::string &body, int httpStatus, const std::string &promql) {
  QueryAnswer a;
  const std::string what = "PromQL `" + promql + "`";
  YAML::Node root;
  try {
    root = YAML::Load(body); // JSON is YAML's flow style: yaml-cpp reads it
  } catch (const YAML::Exception &) {
    a.error = what + ": the answer (HTTP " + std::to_string(httpStatus) +
              ") is not Prometheus API JSON; check that the DataSource url points at Prometheus";
    return a;
  }
  if (!root.IsMap() || !root["status"].IsScalar()) {
    a.error = what + ": the answer (HTTP " + std::to_string(httpStatus) + ") has no status field";
    return a;
  }
  if (root["status"].Scalar() != "success") {
    const std::string type = root["errorType"].IsScalar() ? root["errorType"].Scalar() : "error";
    const std::string text = root["error"].IsScalar() ? root["error"].Scalar() : "no error text";
    a.error = what + " failed: " + type + ": " + text;
    return a;
  }
  const YAML::Node data = root["data"];
  const std::string type = data["resultType"].IsScalar() ? data["resultType"].Scalar() : "";
  const YAML::Node result = data["result"];
  if (type == "scalar") {
    a.series.push_back({"{}", {pointOf(result)}});
    return a;
  }
  if (type != "vector" && type != "matrix") {
    a.error = what + " returned a " + (type.empty() ? std::string("missing") : type) +
              " result: an SLI query must return an instant or range vector";
    return a;
  }
  for (const auto &s : result) {
    Series series;
    series.labels = labelsOf(s["metric"]);
    if (type == "vector") {
      series.points.push_back(pointOf(s["value"]));
    } else {
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
  auto url = HttpUrl::parse(m_source.url);
  if (!url) {
    a.error = "PromQL `" + promql + "`: " +
              (m_source.url.rfind("https://", 0) == 0
                   ? "pxpd's built-in HTTP client speaks plain http:// only: point the DataSource url at Prometheus "
                     "over http (on loopback, or through a local TLS-terminating proxy)"
                   : url.error()) +
              where;
    return a;
  }
  HttpUrl target = url.value();
  const auto query = target.path.find('?');
  if (query != std::string::npos)
    target.path.resize(query);
  target.path += (target.path.empty() || target.path.back() != '/' ? "/" : "") + path;
  PlainHttpClient::Request request;
  request.contentType = "application/x-www-form-urlencoded";
  request.body = form;
  request.maxBodyBytes = kMaxAnswerBytes;
  if (!m_source.bearerTokenFile.empty()) {
    std::ifstream in(m_source.bearerTokenFile);
    std::stringstream token;
    token << in.rdbuf();
    if (!in || trimmed(token.str()).empty()) {
      a.error = "cannot read the bearer token file " + m_source.bearerTokenFile + " of DataSource '" + m_source.name +
                "': check that it exists, is not empty and pxpd may read it";
      return a;
    }
    request.headers.emplace_back("Authorization", "Bearer " + trimmed(token.str()));
  }
  const auto answer = PlainHttpClient::send(target, request, std::chrono::milliseconds(m_source.timeoutMs), stop);
  if (!answer.error.empty()) {
    a.error = "PromQL `" + promql + "`: " + answer.error + where;
    return a;
  }
  // Prometheus answers errors with 400/422/503 and a JSON body that says why: parse it first.
  a = parse(answer.bodyHead, answer.status, promql);
  if (!a.error.empty())
    a.error += where;
  else if (answer.status != 200)
    a.error = "PromQL `" + promql + "`: HTTP " + std::to_string(answer.status) + " " + answer.reason + where;
  return a;
}

} // namespace pxpd::prom
