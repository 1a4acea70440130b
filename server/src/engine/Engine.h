#pragma once
// Engine: pxpd's live state. Each tick it advances the SLI sources (the simulated world),
// evaluates every SLO (windows, budget, burn rates, alert tiers), raises and resolves alerts,
// runs the policy engine, and publishes every change as a revisioned event.
// Commands from the API run here too, under the same lock, so they see a consistent world.
// Thread affinity: tick() on the daemon's ticker thread; snapshot()/commands from gRPC threads
// (one mutex guards the state; the EventLog has its own).

#include "EventLog.h"
#include "PolicyEngine.h"
#include "pxpd/Clock.h"
#include "pxpd/DaemonConfig.h"
#include "pxpd/TokenRegistry.h"
#include "pxpd/slo/Evaluate.h"
#include "traces/TraceStore.h"
#include "world/SimulatedWorld.h"
#include "world/TraceGenerator.h"

#include "pxp/v1/control_plane.pb.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pxpd {

class AuditLog;

// What a command wants done, after the RPC layer has checked its shape.
struct CommandRequest {
  std::string command;   // RPC name, e.g. "Rollback"; PromoteCanary with full=true uses "PromoteCanaryFull"
  std::string target;    // what it acts on, human words ("payments v2.3.1")
  std::string service;   // affected service ("" = global)
  std::string fingerprint; // canonical request text: the same key with another request is refused
  pxp::v1::CommandMeta meta;
  // Performs the change under the engine lock; returns "" or an error text. `before`/`after`
  // receive human-readable state.
  std::function<std::string(const Identity &who, std::string &before, std::string &after)> action;
};

class Engine {
public:
  Engine(const DaemonConfig &config, const Clock &clock, AuditLog &audit);
  ~Engine();

  // Synthesizes the past (30 days) so charts and budgets are full from the first paint.
  void start();
  // One evaluation step; call about once per wall second.
  void tick();

  EventLog &events() { return m_events; }
  const TraceStore &traces() const { return m_traces; }
  TraceStore &traces() { return m_traces; }
  // Cost and p95 latency per service, for the executive cost panel.
  std::vector<pxp::v1::CostSample> costs() const;
  std::int64_t simNowMs() const;
  double timeScale() const { return m_timeScale; }

  // The whole current state and the revision it corresponds to.
  pxp::v1::Snapshot snapshot(std::int64_t &revision) const;
  pxp::v1::SloHistory history(const pxp::v1::GetSloHistoryRequest &req) const;
  bool hasSlo(const std::string &id) const;

  // Runs a command once per idempotency key, audits it, publishes the result.
  pxp::v1::CommandResult execute(const Identity &who, CommandRequest request);
  // Records a refused command (role too low) in the audit log.
  void auditDenied(const Identity &who, const std::string &command, const std::string &target,
                   const pxp::v1::CommandMeta &meta, const std::string &why);

  std::vector<pxp::v1::AuditEntry> queryAudit(const pxp::v1::QueryAuditRequest &req) const;
  std::string deploymentService(const std::string &id) const;
  std::string flagService(const std::string &key) const;

  // Accessors used by command actions (called with the engine lock held, from `action`).
  world::SimulatedWorld &world() { return *m_world; }
  PolicyEngine &policies() { return m_policies; }
  pxp::v1::KillSwitchState &killSwitch() { return m_killSwitch; }
  void publishWorldChanges();     // deployments/flags after an actuator ran
  void publishPolicies();
  void publishOverride(const pxp::v1::Override &o);
  void publishOverrideCleared(const std::string &id);
  void publishKillSwitch();
  std::string deploymentJson(const std::string &id) const; // lock held
  std::string flagJson(const std::string &key) const;      // lock held

private:
  struct SloRuntime;
  void evaluateSlos(std::int64_t nowMs);
  void updateAlert(SloRuntime &rt, const slo::Evaluation &ev, std::int64_t nowMs);
  void runPolicies(std::int64_t nowMs);
  void recordDecision(const pxp::v1::PolicyDecision &d);
  void appendAudit(pxp::v1::AuditEntry entry);
  void publishAudit(const pxp::v1::AuditEntry &stored);
  void publish(pxp::v1::Event e);
  pxp::v1::Deployment deploymentProto(const world::SimDeployment &d) const;
  pxp::v1::FeatureFlag flagProto(const world::SimFlag &f) const;

  const DaemonConfig m_config;
  const Clock &m_clock;
  AuditLog &m_audit;
  const double m_timeScale;
  const std::int64_t m_wallStartMs;
  const std::int64_t m_simStartMs;

  mutable std::mutex m_mutex; // guards everything below
  std::unique_ptr<world::SimulatedWorld> m_world;
  std::vector<std::unique_ptr<SloRuntime>> m_slos;
  std::map<std::string, pxp::v1::Alert> m_alerts; // by alert id: firing + resolved in the last 24 h
  std::map<std::string, pxp::v1::Deployment> m_deployments;
  std::map<std::string, pxp::v1::FeatureFlag> m_flags;
  pxp::v1::KillSwitchState m_killSwitch;
  std::deque<pxp::v1::PolicyDecision> m_recentDecisions; // last 100
  std::deque<pxp::v1::AuditEntry> m_recentAudit;         // last 100
  PolicyEngine m_policies;
  std::uint64_t m_worldChanges = 0;
  std::uint64_t m_alertCounter = 0;
  std::int64_t m_lastTickSimMs = 0;

  world::TraceGenerator m_traceGenerator;
  TraceStore m_traces; // own lock: OTLP ingest and queries do not wait for a tick
  EventLog m_events;
};

} // namespace pxpd
