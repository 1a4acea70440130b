#pragma once
// OpenSloLoader: reads SLO definitions from OpenSLO (openslo/v1 subset) YAML into value types.
// Thread affinity: none (pure functions; call from any thread, results are plain values).

#include "pxpd/slo/SloSpec.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace pxpd::slo {

// What failed, where, and what to do. line is 1-based; 0 when there is no line (unreadable file).
struct LoadError {
  std::string file;
  int line = 0;
  std::string message;          // "<field> <problem>: <what to do>"
  std::string describe() const; // "file:line: message", the form to log and show
};

struct ServiceSpec { // kind: Service
  std::string name, displayName, description;
  std::string sourceFile;
  int sourceLine = 0;
};

struct DataSourceSpec { // kind: DataSource (type Prometheus only)
  std::string name, displayName, type, url;
  std::string bearerTokenFile; // connectionDetails.bearerTokenFile; "" = no Authorization header
  // connectionDetails.basicAuth: {username, passwordFile}; "" = none (one of bearer / basic).
  std::string basicAuthUsername, basicAuthPasswordFile;
  // connectionDetails.headers: sent with every query (X-Scope-OrgID for Mimir / Cortex tenants).
  std::vector<std::pair<std::string, std::string>> headers;
  // connectionDetails.tls: {caFile, certFile, keyFile, insecureSkipVerify} for https:// URLs.
  std::string caFile, certFile, keyFile;
  bool insecureSkipVerify = false;
  std::int64_t timeoutMs = 10'000; // connectionDetails.timeout ("10s"): per HTTP request
  std::int64_t stepSeconds = 60;   // connectionDetails.step ("60s"): the increment pxpd queries per
                                   // step; at least twice the scrape interval, a divisor of 1h
  // connectionDetails.scrapeInterval ("15s"), optional: when given, a step shorter than twice it
  // is refused at load (increase() needs two samples in every step). 0 = not given.
  std::int64_t scrapeIntervalSeconds = 0;
  // connectionDetails.noDataAfter ("5m"): how long Prometheus may answer with nothing before the
  // SLO says "no data"; shorter gaps keep the last state, marked lagging. 0 = five steps.
  std::int64_t noDataAfterSeconds = 0;
  std::int64_t noDataAfter() const { return noDataAfterSeconds > 0 ? noDataAfterSeconds : 5 * stepSeconds; }
  std::string sourceFile;
  int sourceLine = 0;
};

struct SloSet { // everything one load produced, in file order
  std::vector<ServiceSpec> services;
  std::vector<SloSpec> slos;
  std::vector<DataSourceSpec> dataSources;
};

// All or nothing: on error no SloSet exists, so the caller keeps serving its last good set.
using LoadResult = std::variant<SloSet, LoadError>;

// The subset read (multi-document YAML, '---' separated). A key that is neither read nor an
// OpenSLO v1 key harmless to leave unread (metadata.labels, rawType, timeSliceTarget ...) is an
// error with its line, the keys of that place and the closest one; metricSource.spec is the
// vendor's own and is not checked:
//   apiVersion: openslo/v1 on every document;
//   kind: Service     metadata.name, metadata.displayName, spec.description;
//   kind: DataSource  metadata.name, spec.type (Prometheus), spec.connectionDetails.url,
//                     and optionally connectionDetails.bearerTokenFile or .basicAuth
//                     {username, passwordFile}, .headers {name: value}, .tls {caFile,
//                     certFile, keyFile, insecureSkipVerify}, .timeout (1s..120s,
//                     default 10s), .step (15s..300s dividing 1h, default 60s; at least twice
//                     .scrapeInterval when that is given) and .noDataAfter (1m..1d, default
//                     five steps);
//   kind: SLO         metadata.name, metadata.displayName, metadata.annotations
//                       pxp.dev/product-area, pxp.dev/owner, pxp.dev/runbook,
//                       pxp.dev/min-events, pxp.dev/source (simulated|prometheus|spans),
//                       pxp.dev/sli-kind, pxp.dev/latency-threshold-ms;
//                     spec.service, spec.description, spec.indicator.spec.ratioMetric
//                       {counter, good|bad, total: {metricSource: {type, metricSourceRef,
//                       spec: {query}}}} or .thresholdMetric {metricSource: {..., spec: {query
//                       or selector}}}, spec.timeWindow[0] {duration: 7d|28d|30d (or 1w|4w),
//                       isRolling: true}, spec.budgetingMethod: Occurrences,
//                       spec.objectives[0] {target (0..1) or targetPercent (0..100),
//                       displayName, op and value for a thresholdMetric}.
// Rejected with file, line and a fix: other apiVersions and kinds, missing fields, other
// budgeting methods, calendar or other windows, several objectives, indicatorRef, duplicate
// SLO ids ("<service>/<name>"), duplicate Service or DataSource names, malformed YAML.
LoadResult loadOpenSloText(std::string_view text, const std::string &nameForErrors);
LoadResult loadOpenSloFile(const std::string &path);
// Several files as one set; names must be unique across all of them.
LoadResult loadOpenSloFiles(const std::vector<std::string> &paths);

} // namespace pxpd::slo
