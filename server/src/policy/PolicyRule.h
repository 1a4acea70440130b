#pragma once
// PolicyRule: one policy as the PolicyEngine evaluates it: the Policy the API shows, plus the
// typed condition and the actuator it acts through.
// Thread affinity: none (a value type, built by the PolicyLoader).

#include "actuators/ActuatorSpec.h"

#include "pxp/v1/policy.pb.h"
#include "pxp/v1/slo.pb.h"

#include <string>

namespace pxpd {

// What a policy's condition looks at.
enum class ConditionKind {
  TierFiring,   // the SLO's firing tier is at least `tier`
  BurnRateOver, // burn rate over `window` above `threshold`
  BudgetBelow,  // budget remaining ratio below `threshold`
  CanaryWorse,  // an active canary's success < baseline - `threshold` for `checks` checks
  DataStale,    // more than `threshold` seconds since the SLO's newest data (or never any)
};

struct PolicyRule {
  pxp::v1::Policy policy; // id, description, condition text, action, mode, cooldown, scope
  ConditionKind condition = ConditionKind::TierFiring;
  int tier = pxp::v1::ALERT_TIER_PAGE;
  int window = pxp::v1::WINDOW_1H;
  double threshold = 0;
  int checks = 3;
  bool requireActiveCanary = false;    // TierFiring: only when the service has a live canary
  double throttleRatePerSecond = 1000; // THROTTLE: the rate limit to set
  ActuatorSpec actuator;
  std::string sourceFile; // where it was defined ("" = built in), for error messages
  int sourceLine = 0;

  // Same behaviour (where it was written does not count).
  bool sameDefinition(const PolicyRule &other) const;
};

} // namespace pxpd
