// Engine, part: the facts policies see and the actuators that carry out their actions.
#include "Engine.h"

namespace pxpd {

PolicyFacts Engine::factsOf(const SloRuntime &rt) const {
  PolicyFacts f;
  f.slo = &rt.definition();
  f.status = &rt.status();
  f.canary = m_worldMirror.canaryOf(rt.spec().service);
  f.flags = m_worldMirror.flagsOf(rt.spec().service);
  f.noData = !rt.measured() || rt.status().state() == pxp::v1::SLO_STATE_NO_DATA;
  f.lowTraffic = !rt.status().windows().empty() && rt.status().windows(0).low_traffic();
  return f;
}

void Engine::dispatch(PolicyAction action) {
  const auto &policyId = action.decision.policy_id();
  const auto it = m_actuators.find(policyId);
  const std::shared_ptr<Actuator> actuator = it != m_actuators.end() ? it->second : m_worldActuator;
  m_policies.actionStarted(policyId, action.decision.time_ms());
  if (!actuator->blocking()) {
    finishAction(std::move(action.decision), actuator->run(action.request, {}), false);
    return;
  }
  // The decision is recorded when the actuator answers; until then the policy stays in flight.
  const bool queued = m_actuatorPool.submit(actuator, std::move(action.request),
                                            [this, d = action.decision](const ActionOutcome &outcome) mutable {
                                              std::lock_guard lock(m_mutex);
                                              finishAction(std::move(d), outcome, true);
                                            });
  if (!queued)
    finishAction(std::move(action.decision), {false, "not run: pxpd is stopping", {}}, true);
}

void Engine::finishAction(pxp::v1::PolicyDecision d, const ActionOutcome &outcome, bool external) {
  m_policies.actionFinished(d.policy_id(), outcome.ok, d.time_ms());
  if (!outcome.ok) {
    d.set_outcome(pxp::v1::DECISION_OUTCOME_FAILED);
    d.set_error(outcome.error);
    d.set_explanation("failed to " + d.explanation() + ": " + outcome.error);
  } else if (external && !outcome.detail.empty()) {
    d.set_explanation(d.explanation() + " (" + outcome.detail + ")");
  }
  recordDecision(d);
  publishPolicies();
}

} // namespace pxpd
