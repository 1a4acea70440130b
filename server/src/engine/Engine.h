#pragma once
// Engine: pxpd's live state. Each tick it advances the SLI sources (the simulated world),
// evaluates every SLO (windows, budget, burn rates, alert tiers), raises and resolves alerts,
// runs the policy engine and its actuators, and publishes every change as a revisioned event.
// Its SLOs and policies come from Definitions (files or the built-in demo world) and can be
// replaced while it runs (reload). Commands from the API run here too, under the same lock.
// Thread affinity: tick() on the daemon's ticker thread; snapshot()/commands/reload from gRPC
// or signal threads; blocking actuators report back from ActuatorPool threads. One mutex
// guards the state; the EventLog and TraceStore have their own.
// Implementation: Engine.cpp (lifecycle, tick), EnginePolicies.cpp (policies, actuators),
// EngineDefinitions.cpp (load, reload), EngineQueries.cpp (snapshot, history, commands).

#include "EventLog.h"
#include "PolicyEngine.h"
#include "actuators/Actuator.h"
#include "actuators/ActuatorPool.h"
#include "config/DefinitionLoader.h"
#include "engine/AlertTracker.h"
#include "engine/DefinitionDiff.h"
#include "engine/SloRuntime.h"
#include "engine/WorldMirror.h"
#include "prometheus/PrometheusFetcher.h"
#include "pxpd/Clock.h"
#include "pxpd/DaemonConfig.h"
#include "pxpd/TokenRegistry.h"
#include "traces/SpanSli.h"
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
  std::string command;     // RPC name, e.g. "Rollback"; PromoteCanary with full=true uses "PromoteCanaryFull"
  std::string target;      // what it acts on, human words ("payments v2.3.1")
  std::string service;     // affected service ("" = global)
  std::string fingerprint; // canonical request text: the same key with another request is refused
  pxp::v1::CommandMeta meta;
  pxp::v1::AuditKind auditKind = pxp::v1::AUDIT_KIND_COMMAND; // ReloadConfig: AUDIT_KIND_CONFIG
  // Performs the change under the engine lock; returns "" or an error text. `before`/`after`
  // receive human-readable state.
  std::function<std::string(const Identity &who, std::string &before, std::string &after)> action;
  // Optional: the result text after a successful action (default "<command> <target>: done").
  std::function<std::string()> describeResult;
};

class Engine {
public:
  Engine(const DaemonConfig &config, const Clock &clock, AuditLog &audit);
  ~Engine();

  // Installs the first definitions and synthesizes the past (30 days) of simulated SLOs so
  // charts and budgets are full from the first paint.
  void start(Definitions initial);
  // One evaluation step; call about once per wall second.
  void tick();
  // Asks running actuators to give up and waits for them (shutdown). Idempotent.
  void stopActuators() { m_actuatorPool.stop(); }

  // Replaces SLOs and policies (lock held: from a command action). Unchanged SLOs keep their
  // counters and alerts; see EngineDefinitions.cpp for what changes keep.
  DefinitionDiff applyDefinitions(Definitions defs);
  // A reload that is not a command (SIGHUP): applies `loaded`, or keeps everything when it is
  // an error; audits either as AUDIT_KIND_CONFIG by `actor`. Returns the summary or the error.
  Result<std::string> reload(const Result<Definitions> &loaded, const std::string &actor);

  EventLog &events() { return m_events; }
  const TraceStore &traces() const { return m_traces; }
  TraceStore &traces() { return m_traces; }
  // OTLP ingest (EngineSpans.cpp): stores the spans and counts them as events of every
  // span-based SLO whose selector they match. Any gRPC thread.
  void ingestSpans(std::vector<pxp::v1::Span> spans);
  // Cost and p95 latency per service, for the executive cost panel.
  std::vector<pxp::v1::CostSample> costs() const;
  std::int64_t simNowMs() const;
  double timeScale() const { return m_timeScale; }

  // The whole current state and the revision it corresponds to.
  pxp::v1::Snapshot snapshot(std::int64_t &revision) const;
  pxp::v1::SloHistory history(const pxp::v1::GetSloHistoryRequest &req) const;
  bool hasSlo(const std::string &id) const;
  std::size_t sloCount() const;

  // Runs a command once per idempotency key, audits it, publishes the result.
  pxp::v1::CommandResult execute(const Identity &who, CommandRequest request);
  // Records a refused command (role too low) in the audit log.
  void auditDenied(const Identity &who, const std::string &command, const std::string &target,
                   const pxp::v1::CommandMeta &meta, const std::string &why);

  std::vector<pxp::v1::AuditEntry> queryAudit(const pxp::v1::QueryAuditRequest &req) const;
  std::string deploymentService(const std::string &id) const;
  std::string flagService(const std::string &key) const;
  // Every service pxpd knows of: of its SLOs, deployments and flags, sorted.
  std::vector<std::string> services() const;

  // Accessors used by command actions (called with the engine lock held, from `action`).
  world::SimulatedWorld &world() { return *m_world; }
  PolicyEngine &policies() { return m_policies; }
  pxp::v1::KillSwitchState &killSwitch() { return m_killSwitch; }
  void publishWorldChanges() { m_worldMirror.sync(*m_world); } // deployments/flags after an actuator ran
  void publishPolicies();
  void publishOverride(const pxp::v1::Override &o);
  void publishOverrideCleared(const std::string &id);
  void publishKillSwitch();
  std::string deploymentJson(const std::string &id) const; // lock held
  std::string flagJson(const std::string &key) const;      // lock held
  std::string definitionCounts() const;                    // lock held: {"slos":N,"policies":M}

private:
  // Evaluates every SLO and publishes its status; with `policies`, runs the policy engine on
  // each SLO right after it and carries out the actions.
  void evaluateSlos(std::int64_t nowMs, bool policies = false);

  PolicyFacts factsOf(const SloRuntime &rt) const;
  void dispatch(PolicyAction action);
  void finishAction(pxp::v1::PolicyDecision decision, const ActionOutcome &outcome, bool external); // lock held
  void recordDecision(const pxp::v1::PolicyDecision &d);
  void appendAudit(pxp::v1::AuditEntry entry);
  void publishAudit(const pxp::v1::AuditEntry &stored);
  void publish(pxp::v1::Event e);
  void auditConfig(const std::string &actor, const std::string &command, const std::string &target, bool ok,
                   const std::string &result, const std::string &before, const std::string &after);
  std::string unmeasuredReason(const slo::SloSpec &spec) const;
  void rebuildWorldIndex();
  void rebuildSpanSlis(); // lock held: compiles the span-based SLOs' selectors (EngineSpans.cpp)
  void installPolicies(std::vector<PolicyRule> rules, const std::vector<std::string> &removed);
  const SloRuntime *findSlo(const std::string &id) const;
  // Prometheus SLIs (EnginePrometheus.cpp): hand the fetcher the current SLOs; feed what it read.
  void syncPrometheusJobs();
  void takePrometheusOutcomes();
  std::unique_ptr<SloRuntime> makeRuntime(slo::SloSpec spec, std::string unmeasuredReason);

  const DaemonConfig m_config;
  const Clock &m_clock;
  AuditLog &m_audit;
  const double m_timeScale;
  const std::int64_t m_wallStartMs;
  const std::int64_t m_simStartMs;

  mutable std::mutex m_mutex; // guards everything below, up to m_traceGenerator
  std::unique_ptr<world::SimulatedWorld> m_world;
  std::vector<std::unique_ptr<SloRuntime>> m_slos; // in definition order
  std::map<std::string, SloRuntime *> m_sloById;
  std::vector<SloRuntime *> m_worldSlos; // index of the world's sample sloIndex -> runtime
  AlertTracker m_alerts;
  WorldMirror m_worldMirror;
  pxp::v1::KillSwitchState m_killSwitch;
  std::deque<pxp::v1::PolicyDecision> m_recentDecisions; // last 100
  std::deque<pxp::v1::AuditEntry> m_recentAudit;         // last 100
  PolicyEngine m_policies;
  std::map<std::string, std::shared_ptr<Actuator>> m_actuators; // by policy id
  std::shared_ptr<Actuator> m_worldActuator;
  std::string m_origin; // where the definitions came from
  std::int64_t m_lastTickSimMs = 0;
  world::TraceGenerator m_traceGenerator;
  struct SpanSliFeed {
    SloRuntime *runtime;
    SpanSli sli;
  };
  std::vector<SpanSliFeed> m_spanSlis;            // guarded by m_mutex: measured span-based SLOs
  std::uint64_t m_lastSourceGeneration = 0;       // numbers fresh SloRuntimes for the fetcher (m_mutex)
  std::vector<slo::DataSourceSpec> m_dataSources; // of the current definitions (m_mutex)

  prom::PrometheusFetcher m_prometheus; // own lock and thread: a slow Prometheus never holds a tick

  TraceStore m_traces; // own lock: OTLP ingest and queries do not wait for a tick
  EventLog m_events;
  // Last member: destroyed first, so no actuator thread outlives the state it reports to.
  ActuatorPool m_actuatorPool;
};

} // namespace pxpd
