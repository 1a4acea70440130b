#pragma once
// PromQlWindow: turns an SLO's good/bad/total PromQL into "events in one window" queries, the
// form pxpd's fetcher and `pxpd rules` both send to Prometheus.
// Thread affinity: none (pure functions).

#include <cstdint>
#include <string>

namespace pxpd::prom {

// 60 -> "1m", 3600 -> "1h", 2592000 -> "30d", 90 -> "90s": Prometheus duration syntax.
std::string promDuration(std::int64_t seconds);

// The number of events the query counts in the `windowSeconds` before the evaluation time:
//   query with Sloth's {{.window}} placeholder -> the query with the window put in
//     (sum(increase(http_requests_total{code!~"5.."}[{{.window}}])));
//   otherwise (ratioMetric counter: true; the loader refuses counter: false here)      -> increase(<query>[window]), so
//   the query must
//     be a counter's series selector that matches one series.
std::string eventsInWindow(const std::string &query, std::int64_t windowSeconds);

} // namespace pxpd::prom
