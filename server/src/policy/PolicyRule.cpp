#include "policy/PolicyRule.h"

namespace pxpd {

bool PolicyRule::sameDefinition(const PolicyRule &o) const {
  // Policy's runtime fields (last_action_ms, paused) are never set on a loaded rule.
  return policy.SerializeAsString() == o.policy.SerializeAsString() && condition == o.condition && tier == o.tier &&
         window == o.window && threshold == o.threshold && checks == o.checks &&
         requireActiveCanary == o.requireActiveCanary && throttleRatePerSecond == o.throttleRatePerSecond &&
         actuator == o.actuator;
}

} // namespace pxpd
