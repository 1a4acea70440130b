#pragma once
// SloYaml: small OpenSLO documents for daemon tests (the loader's own tests cover the format).
// Thread affinity: none.

#include <string>

namespace testing {

// One SLO document; `source` is simulated, prometheus or spans.
inline std::string sloYaml(const std::string &service, const std::string &name, double objective = 0.999,
                           const std::string &source = "simulated") {
  const bool prometheus = source == "prometheus";
  const std::string metric = prometheus ? "            type: Prometheus\n            spec:\n              query: "
                                        : "            type: Simulated\n            spec:\n              query: ";
  return "---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: " + name +
         "\n  annotations:\n    pxp.dev/source: " + source +
         "\n    pxp.dev/min-events: \"10\"\nspec:\n  service: " + service +
         "\n  indicator:\n    spec:\n      ratioMetric:\n        good:\n          metricSource:\n" + metric +
         "'sum(rate(good_total[5m]))'\n        total:\n          metricSource:\n" + metric +
         "'sum(rate(all_total[5m]))'\n  timeWindow:\n    - duration: 30d\n      isRolling: true\n"
         "  budgetingMethod: Occurrences\n  objectives:\n    - target: " +
         std::to_string(objective) + "\n";
}

} // namespace testing
