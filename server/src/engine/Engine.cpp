#include "Engine.h"

#include "pxp/words/Words.h"

#include "AuditLog.h"
#include "actuators/SimulatedWorldActuator.h"

#include <cstdio>

namespace pxpd {
namespace {

constexpr std::size_t kRecentKept = 100;

} // namespace

Engine::Engine(const DaemonConfig &config, const Clock &clock, AuditLog &audit)
    : m_config(config), m_clock(clock), m_audit(audit), m_timeScale(config.timeScale), m_wallStartMs(clock.nowMs()),
      m_simStartMs(m_wallStartMs),
      m_world(std::make_unique<world::SimulatedWorld>(config.seed, m_simStartMs, config.simulate)),
      m_alerts([this](pxp::v1::Event e) { publish(std::move(e)); }),
      m_worldMirror([this](pxp::v1::Event e) { publish(std::move(e)); }),
      m_worldActuator(std::make_shared<SimulatedWorldActuator>(*m_world)), m_traceGenerator(config.seed) {
  m_killSwitch.set_engaged(false);
  m_traces.setBytesCap(config.tracesMaxBytes);
}

Engine::~Engine() {
  m_actuatorPool.stop(); // before any member goes: a finishing action records its decision
  m_events.wakeAll();
}

std::int64_t Engine::simNowMs() const {
  return m_simStartMs + static_cast<std::int64_t>((m_clock.nowMs() - m_wallStartMs) * m_timeScale);
}

void Engine::tick() {
  std::lock_guard lock(m_mutex);
  const std::int64_t now = simNowMs();
  if (m_config.simulate) {
    for (const auto &s : m_world->advance(now))
      m_worldSlos[s.sloIndex]->counter().add(s.timeMs, s.good, s.total);
    auto sample = m_traceGenerator.sample(*m_world, now);
    for (auto &span : sample.spans)
      m_traces.addSpan(std::move(span));
    for (auto &log : sample.logs)
      m_traces.addLog(std::move(log));
  }
  takePrometheusOutcomes();
  for (const auto &id : m_policies.expireOverrides(now)) {
    publishOverrideCleared(id);
    publishPolicies();
  }
  publishWorldChanges();
  evaluateSlos(now, /*policies=*/true);
  publishWorldChanges();
  m_prometheus.advance(now); // what it reads arrives at a later tick
  m_lastTickSimMs = now;
}

void Engine::evaluateSlos(std::int64_t nowMs, bool policies) {
  std::vector<pxp::v1::PolicyDecision> decisions;
  std::vector<PolicyAction> actions;
  if (policies)
    m_policies.beginTick(nowMs, m_killSwitch);
  for (auto &rt : m_slos) {
    const auto ev = rt->evaluate(nowMs);
    pxp::v1::Event e = m_events.reuse();
    e.mutable_slo_status()->CopyFrom(rt->status());
    publish(std::move(e));
    m_alerts.update(*rt, ev, nowMs);
    if (policies)
      m_policies.evaluate(factsOf(*rt), decisions, actions);
  }
  for (const auto &d : decisions)
    recordDecision(d);
  for (auto &a : actions)
    dispatch(std::move(a));
}

void Engine::recordDecision(const pxp::v1::PolicyDecision &d) {
  m_recentDecisions.push_back(d);
  while (m_recentDecisions.size() > kRecentKept)
    m_recentDecisions.pop_front();
  pxp::v1::Event e;
  *e.mutable_decision() = d;
  publish(std::move(e));

  pxp::v1::AuditEntry a;
  a.set_time_ms(d.time_ms());
  a.set_kind(pxp::v1::AUDIT_KIND_DECISION);
  a.set_actor("policy:" + d.policy_id());
  a.set_command(std::string(pxp::words::action(d.action())));
  a.set_target(d.target());
  a.set_reason(d.explanation());
  a.set_ok(d.outcome() != pxp::v1::DECISION_OUTCOME_FAILED);
  a.set_result(d.outcome() == pxp::v1::DECISION_OUTCOME_FAILED ? d.error()
                                                               : std::string(pxp::words::outcome(d.outcome())));
  if (const auto *rt = findSlo(d.slo_id()))
    a.set_service(rt->spec().service);
  *a.mutable_decision() = d;
  appendAudit(std::move(a));
}

void Engine::auditConfig(const std::string &actor, const std::string &command, const std::string &target, bool ok,
                         const std::string &result, const std::string &before, const std::string &after) {
  pxp::v1::AuditEntry a;
  a.set_time_ms(simNowMs());
  a.set_kind(pxp::v1::AUDIT_KIND_CONFIG);
  a.set_actor(actor);
  a.set_command(command);
  a.set_target(target);
  a.set_reason(command == "LoadConfig" ? "pxpd started" : "reload requested by " + actor);
  a.set_before(before);
  a.set_after(after);
  a.set_ok(ok);
  a.set_result(result);
  appendAudit(std::move(a));
}

void Engine::appendAudit(pxp::v1::AuditEntry entry) {
  auto stored = m_audit.append(std::move(entry));
  if (!stored) {
    std::fprintf(stderr, "pxpd: audit log write failed: %s\n", stored.error().c_str());
    return;
  }
  publishAudit(stored.value());
}

void Engine::publishAudit(const pxp::v1::AuditEntry &stored) {
  m_recentAudit.push_back(stored);
  while (m_recentAudit.size() > kRecentKept)
    m_recentAudit.pop_front();
  pxp::v1::Event e;
  *e.mutable_audit() = stored;
  publish(std::move(e));
}

void Engine::publish(pxp::v1::Event e) {
  e.set_time_ms(simNowMs());
  m_events.append(std::move(e));
}

void Engine::publishPolicies() {
  for (const auto &p : m_policies.policies()) {
    pxp::v1::Event e;
    *e.mutable_policy() = p;
    publish(std::move(e));
  }
}

void Engine::publishOverride(const pxp::v1::Override &o) {
  pxp::v1::Event e;
  *e.mutable_override_set() = o;
  publish(std::move(e));
}

void Engine::publishOverrideCleared(const std::string &id) {
  pxp::v1::Event e;
  e.set_override_cleared_id(id);
  publish(std::move(e));
}

void Engine::publishKillSwitch() {
  pxp::v1::Event e;
  *e.mutable_kill_switch() = m_killSwitch;
  publish(std::move(e));
}

const SloRuntime *Engine::findSlo(const std::string &id) const {
  const auto it = m_sloById.find(id);
  return it == m_sloById.end() ? nullptr : it->second;
}

} // namespace pxpd
