#pragma once
// SimulatedWorldActuator: acts on the built-in simulated world — roll back or abort its
// canary, switch its flag off, throttle its service. Notify and page are recorded decisions
// only (the alert stream and the decision are the notification).
// Thread affinity: the engine's tick thread, engine lock held (the world has no lock).

#include "actuators/Actuator.h"

namespace pxpd {

class SimulatedWorldActuator final : public Actuator {
public:
  explicit SimulatedWorldActuator(world::SimulatedWorld &world) : m_world(world) {}

  bool blocking() const override { return false; }
  ActionOutcome run(const ActionRequest &request, std::stop_token stop) override;
  std::string describe() const override { return "simulated world"; }

private:
  world::SimulatedWorld &m_world;
};

} // namespace pxpd
