#pragma once
// Actuator: carries out a policy's action — on the simulated world, through a command (exec)
// or an HTTP call (webhook). Pluggable per policy (policy file `actuator:`); what it reports
// becomes the decision's outcome, so a failure is a decision too.
// Thread affinity: run() of a blocking actuator is called on an ActuatorPool thread; of a
// non-blocking one, on the engine's tick thread with the engine lock held.

#include "actuators/ActionRequest.h"
#include "actuators/ActuatorSpec.h"

#include <memory>
#include <stop_token>
#include <string>

namespace pxpd {

namespace world {
class SimulatedWorld;
}

class Actuator {
public:
  virtual ~Actuator() = default;
  // True when run() may block (a child process, the network): the engine then runs it on an
  // actuator thread, outside its lock, and records the decision when it answers.
  virtual bool blocking() const = 0;
  // Carries out `request`. A blocking run gives up early, as a failure, once `stop` is requested.
  virtual ActionOutcome run(const ActionRequest &request, std::stop_token stop) = 0;
  // "exec /usr/local/bin/rollback", "webhook http://...", "simulated world": for explanations.
  virtual std::string describe() const = 0;
};

// The actuator a policy's spec asks for. `world` must outlive a simulated actuator.
std::shared_ptr<Actuator> makeActuator(const ActuatorSpec &spec, world::SimulatedWorld &world);

} // namespace pxpd
