#pragma once
// PrometheusRules: Sloth-style Prometheus rules for Prometheus-sourced SLOs, printed by
// `pxpd rules SLO_FILE` for users who want Prometheus itself to record the SLIs and alert
// (with Alertmanager), alongside or instead of pxpd's own evaluation.
// Thread affinity: none (a pure function).
//
// Per SLO, three rule groups, named and labelled like Sloth's so its Grafana dashboards work:
//   sli recordings  slo:sli_error:ratio_rate<w> for w in 5m 30m 1h 2h 6h 1d 3d and the period
//                   (30d): errors over all events in w, each side summed (a ratio of counts,
//                   queries as PromQlWindow.h builds them), the figures pxpd's engine serves.
//                   Sloth's mean of the 5m ratio is not used for the period: it is not a ratio
//                   of counts, and reads the few recent 5m values until 30 days are recorded;
//   meta            slo:objective:ratio, slo:error_budget:ratio, slo:time_period:days,
//                   slo:current_burn_rate:ratio, slo:period_burn_rate:ratio,
//                   slo:period_error_budget_remaining:ratio;
//   alerts          <id>_page: 14.4x over 1h and 5m, or 6x over 6h and 30m (severity: page);
//                   <id>_ticket: 3x over 1d and 2h, or 1x over 3d and 6h (severity: ticket),
//                   the thresholds scaled for 7d and 28d periods exactly as pxpd's engine does
//                   (pxpd::slo::AlertPolicy).

#include "pxpd/Result.h"
#include "pxpd/slo/SloSpec.h"

#include <string>
#include <vector>

namespace pxpd::prom {

// The rules file (YAML) for the prometheus SLOs in `slos`; an error when there are none.
Result<std::string> prometheusRules(const std::vector<slo::SloSpec> &slos, const std::string &sourceName);

} // namespace pxpd::prom
