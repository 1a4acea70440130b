#include "actuators/SimulatedWorldActuator.h"

#include "pxp/words/Words.h"

#include "world/SimulatedWorld.h"

namespace pxpd {

ActionOutcome SimulatedWorldActuator::run(const ActionRequest &r, std::stop_token) {
  std::string error;
  switch (r.kind) {
  case pxp::v1::ACTION_KIND_ROLLBACK: error = m_world.rollback(r.deploymentId, r.timeMs); break;
  case pxp::v1::ACTION_KIND_ABORT_CANARY: error = m_world.abortCanary(r.deploymentId, r.timeMs); break;
  case pxp::v1::ACTION_KIND_DISABLE_FLAG:
    error = m_world.setFlag(r.flagKey, false, -1, "policy:" + r.policyId, r.timeMs);
    break;
  case pxp::v1::ACTION_KIND_THROTTLE: error = m_world.throttle(r.service, r.ratePerSecond, r.timeMs); break;
  case pxp::v1::ACTION_KIND_NOTIFY:
  case pxp::v1::ACTION_KIND_PAGE: break; // the decision record is the notification
  default: error = "the simulated world has no action \"" + std::string(pxp::words::action(r.kind)) + "\""; break;
  }
  if (!error.empty())
    return {false, error, {}};
  return {true, {}, "done in the simulated world"};
}

} // namespace pxpd
