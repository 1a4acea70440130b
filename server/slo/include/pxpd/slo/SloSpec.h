#pragma once
// SloSpec: one SLO definition as read from an OpenSLO file (or built by the simulated world).
// Thread affinity: none (a value type, built once per load).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pxpd::slo {

enum class SliKind { Availability, Latency, Freshness, Correctness, Conversion };
enum class SourceKind { Simulated, Prometheus, Spans };

struct SloSpec {
  std::string id; // "<service>/<name>", unique across the loaded set
  std::string name, displayName, service, productArea, owner, runbookUrl, description;
  std::string objectiveDisplayName; // objectives[0].displayName, "" when not given
  SliKind kind = SliKind::Availability;
  SourceKind source = SourceKind::Simulated;
  double objective = 0.999;                  // 0 < objective < 1
  std::int64_t periodSeconds = 30LL * 86400; // rolling window of the budget
  double latencyThresholdMs = 0;             // pxp.dev/latency-threshold-ms; 0 = not a latency SLI
  std::int64_t minEventsPerWindow = 0;       // low-traffic guard: fewer events cannot alert

  // ratioMetric source (Prometheus): PromQL text and the DataSource name; empty when simulated.
  std::string goodQuery, badQuery, totalQuery, dataSource;
  bool ratioCounter = true; // ratioMetric.counter: the queries are monotonic counters

  // thresholdMetric source (span-based or a latency metric): query or span selector, op, value.
  std::string thresholdQuery;
  std::string thresholdOp; // "lt", "lte", "gt", "gte"; "" for ratio SLIs
  double thresholdValue = 0;

  std::string sourceFile; // where it was defined, for error messages
  int sourceLine = 0;     // 1-based line of the document's first key
};

// Names as written in files and shown in the UI ("availability", "prometheus", ...).
std::string_view sliKindName(SliKind kind);
std::string_view sourceKindName(SourceKind kind);
std::optional<SliKind> sliKindFromName(std::string_view name);
std::optional<SourceKind> sourceKindFromName(std::string_view name);

} // namespace pxpd::slo
