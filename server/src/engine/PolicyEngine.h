#pragma once
// PolicyEngine: turns SLO state into actions behind safety nets — cooldown, max actions per
// hour, dry-run, manual overrides with expiry (pause / force once), the global kill switch —
// and explains every evaluation that fires or is suppressed as a PolicyDecision.
// Thread affinity: called by the Engine with its lock held.

#include "pxp/v1/control_plane.pb.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pxpd {

// What a policy's condition looks at.
enum class ConditionKind {
  TierFiring,      // the SLO's firing tier is at least `tier`
  BurnRateOver,    // burn rate over `window` above `threshold`
  BudgetBelow,     // budget remaining ratio below `threshold`
  CanaryWorse,     // an active canary's success < baseline - `threshold` for `checks` checks
};

struct PolicyRule {
  pxp::v1::Policy policy;      // id, description, condition text, action, mode, cooldown, scope
  ConditionKind condition = ConditionKind::TierFiring;
  int tier = pxp::v1::ALERT_TIER_PAGE;
  int window = pxp::v1::WINDOW_1H;
  double threshold = 0;
  int checks = 3;
  bool requireActiveCanary = false; // TierFiring + rollback: only when the service has a canary
};

// The facts a condition is evaluated against, for one SLO.
struct PolicyFacts {
  const pxp::v1::SloDefinition *slo = nullptr;
  const pxp::v1::SloStatus *status = nullptr;
  const pxp::v1::Deployment *canary = nullptr; // the service's active canary, if any
  const pxp::v1::FeatureFlag *flag = nullptr;  // the policy's target flag, if any
  bool lowTraffic = false;
  bool noData = false;
};

// An action the engine should carry out now.
struct PolicyAction {
  pxp::v1::PolicyDecision decision; // outcome EXECUTED/FORCED until the actuator says otherwise
  std::string deploymentId;         // for rollback / abort
  std::string flagKey;              // for disable flag
  std::string service;              // for throttle / page / notify
};

class PolicyEngine {
public:
  void setRules(std::vector<PolicyRule> rules);
  const std::vector<PolicyRule> &rules() const { return m_rules; }
  std::vector<pxp::v1::Policy> policies(std::int64_t nowMs) const;

  // Evaluates every rule against every SLO in scope. Decisions worth recording go to
  // `decisions` (a repeated suppression of the same kind is recorded once per minute);
  // actions to execute go to `actions`.
  void evaluate(std::int64_t nowMs, const std::vector<PolicyFacts> &facts, const pxp::v1::KillSwitchState &kill,
                std::vector<pxp::v1::PolicyDecision> &decisions, std::vector<PolicyAction> &actions);

  // The engine reports what the actuator did, so cooldowns count executed actions only.
  void actionExecuted(const std::string &policyId, std::int64_t nowMs);

  // Overrides.
  std::optional<std::string> addOverride(const pxp::v1::Override &o); // error text, or nullopt
  bool clearOverride(const std::string &id, pxp::v1::Override *cleared = nullptr);
  std::vector<pxp::v1::Override> overrides() const;
  // Drops expired overrides and returns their ids (the policy resumes by itself).
  std::vector<std::string> expireOverrides(std::int64_t nowMs);
  bool hasPolicy(const std::string &id) const;

  // The built-in policies of the simulated world.
  static std::vector<PolicyRule> simulatedWorldRules();

private:
  struct Runtime {
    std::deque<std::int64_t> actionTimesMs; // executed actions in the last hour
    std::map<std::string, std::pair<int, std::int64_t>> lastRecorded; // slo -> (outcome, time)
  };
  bool conditionHolds(const PolicyRule &rule, const PolicyFacts &f, std::vector<pxp::v1::DecisionInput> &inputs,
                      std::string &why) const;
  bool inScope(const PolicyRule &rule, const PolicyFacts &f) const;
  bool shouldRecord(Runtime &rt, const std::string &sloId, int outcome, std::int64_t nowMs) const;

  std::vector<PolicyRule> m_rules;
  std::map<std::string, Runtime> m_runtime;       // by policy id
  std::map<std::string, pxp::v1::Override> m_overrides; // by override id
  std::uint64_t m_decisionCounter = 0;
};

} // namespace pxpd
