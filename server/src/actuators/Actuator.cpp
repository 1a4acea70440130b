#include "actuators/Actuator.h"

#include "actuators/ExecActuator.h"
#include "actuators/SimulatedWorldActuator.h"
#include "actuators/WebhookActuator.h"

namespace pxpd {

std::shared_ptr<Actuator> makeActuator(const ActuatorSpec &spec, world::SimulatedWorld &world) {
  switch (spec.type) {
  case ActuatorSpec::Type::Exec: return std::make_shared<ExecActuator>(spec.command, spec.timeoutMs);
  case ActuatorSpec::Type::Webhook: {
    auto url = HttpUrl::parse(spec.url);
    if (url) // the policy loader refused anything else
      return std::make_shared<WebhookActuator>(url.value(), spec.url, spec.timeoutMs, spec.retries, spec.backoffMs);
    break;
  }
  case ActuatorSpec::Type::Simulated: break;
  }
  return std::make_shared<SimulatedWorldActuator>(world);
}

} // namespace pxpd
