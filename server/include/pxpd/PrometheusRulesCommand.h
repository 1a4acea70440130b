#pragma once
// printPrometheusRules(): `pxpd rules SLO_FILE...`: reads OpenSLO files and prints Sloth-style
// Prometheus recording and alerting rules for their Prometheus SLOs (see
// server/src/prometheus/PrometheusRules.h for what is generated).
// Thread affinity: any thread (writes to the streams it is given).

#include <iosfwd>
#include <string>
#include <vector>

namespace pxpd {

// Returns the process exit code: 0 printed, 1 bad file or no Prometheus SLO, 2 usage.
int printPrometheusRules(const std::vector<std::string> &sloFiles, std::ostream &out, std::ostream &err);

} // namespace pxpd
