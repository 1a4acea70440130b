#include "actuators/Actuator.h"

#include "actuators/ExecActuator.h"
#include "actuators/SimulatedWorldActuator.h"
#include "actuators/WebhookActuator.h"

namespace pxpd {

std::shared_ptr<Actuator> makeActuator(const ActuatorSpec &spec, world::SimulatedWorld &world) {
  switch (spec.type) {
  case ActuatorSpec::Type::Exec: return std::make_shared<ExecActuator>(spec.command, spec.timeoutMs);
  case ActuatorSpec::Type::Webhook:
    return std::make_shared<WebhookActuator>(
        WebhookActuator::endpointOf(spec.url, spec.bearerTokenFile, spec.caFile, spec.timeoutMs), spec.retries,
        spec.backoffMs);
  case ActuatorSpec::Type::Simulated: break;
  }
  return std::make_shared<SimulatedWorldActuator>(world);
}

} // namespace pxpd
