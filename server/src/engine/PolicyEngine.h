#pragma once
// PolicyEngine: turns SLO state into actions behind safety nets — cooldown, max actions per
// hour, dry-run, manual overrides with expiry (pause / force once), the global kill switch —
// and explains every evaluation that fires or is suppressed as a PolicyDecision.
// Thread affinity: called by the Engine with its lock held.

#include "actuators/ActionRequest.h"
#include "policy/ConditionCheck.h"
#include "policy/PolicyFacts.h"
#include "policy/PolicyRule.h"

#include "pxp/v1/control_plane.pb.h"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pxpd {

// An action the engine should carry out now.
struct PolicyAction {
  pxp::v1::PolicyDecision decision; // outcome EXECUTED/FORCED until the actuator says otherwise
  ActionRequest request;
};

class PolicyEngine {
public:
  // Replaces the rules. Runtime state (cooldowns, action counts) of policies that stay is
  // kept; overrides of policies that went away are dropped and their ids returned.
  std::vector<std::string> setRules(std::vector<PolicyRule> rules);
  const std::vector<PolicyRule> &rules() const { return m_rules; }
  const PolicyRule *rule(const std::string &id) const;
  std::vector<pxp::v1::Policy> policies() const;

  // One tick: beginTick(), then evaluate() once per SLO, right after that SLO's evaluation
  // while its status is still in cache. Every rule is checked against the SLO if in scope.
  // Decisions worth recording go to `decisions` (a repeated suppression of the same kind is
  // recorded once per minute); actions to execute go to `actions`. A policy with an action
  // still in flight is skipped; a policy acts at most once per tick.
  void beginTick(std::int64_t nowMs, const pxp::v1::KillSwitchState &kill);
  void evaluate(const PolicyFacts &facts, std::vector<pxp::v1::PolicyDecision> &decisions,
                std::vector<PolicyAction> &actions);
  // The same for a list of SLOs at once (tests).
  void evaluate(std::int64_t nowMs, const std::vector<PolicyFacts> &facts, const pxp::v1::KillSwitchState &kill,
                std::vector<pxp::v1::PolicyDecision> &decisions, std::vector<PolicyAction> &actions);

  // The engine reports each attempt when it starts and when the actuator answers. Attempts,
  // failed or not, count for cooldown and the hourly cap: a broken actuator is not hammered.
  void actionStarted(const std::string &policyId, std::int64_t nowMs);
  void actionFinished(const std::string &policyId, bool ok, std::int64_t nowMs);

  // Overrides.
  std::optional<std::string> addOverride(const pxp::v1::Override &o); // error text, or nullopt
  bool clearOverride(const std::string &id, pxp::v1::Override *cleared = nullptr);
  std::vector<pxp::v1::Override> overrides() const;
  // Drops expired overrides and returns their ids (the policy resumes by itself).
  std::vector<std::string> expireOverrides(std::int64_t nowMs);
  bool hasPolicy(const std::string &id) const { return rule(id) != nullptr; }

private:
  struct Runtime {
    std::deque<std::int64_t> attemptTimesMs; // attempts in the last hour
    std::int64_t lastExecutedMs = 0;
    bool inFlight = false;
    std::map<std::string, std::pair<int, std::int64_t>> lastRecorded; // slo -> (outcome, time)
  };
  // One rule's evaluation this tick.
  struct Pass {
    const PolicyRule *rule = nullptr;
    Runtime *rt = nullptr;
    const pxp::v1::Override *force = nullptr, *pause = nullptr;
    bool acted = false;
  };
  // The rule's condition holds for `f` (or is forced): gate it, explain it, act or record.
  void decide(Pass &pass, const PolicyFacts &f, std::int64_t nowMs, const pxp::v1::KillSwitchState &kill,
              std::vector<pxp::v1::PolicyDecision> &decisions, std::vector<PolicyAction> &actions);
  bool inScope(const PolicyRule &rule, const PolicyFacts &f) const;
  bool shouldRecord(Runtime &rt, const std::string &sloId, int outcome, std::int64_t nowMs) const;
  // Fills the request's target fields; false when there is nothing to act on.
  bool resolveTarget(const PolicyRule &rule, const PolicyFacts &f, ActionRequest &req) const;
  pxp::v1::DecisionOutcome gate(const PolicyRule &rule, const Runtime &rt, const PolicyFacts &f,
                                const pxp::v1::KillSwitchState &kill, const pxp::v1::Override *force,
                                const pxp::v1::Override *pause, std::int64_t nowMs, std::string &because) const;

  std::vector<PolicyRule> m_rules;
  std::vector<Pass> m_passes; // this tick's rules (beginTick); pointers valid until setRules
  std::int64_t m_tickNowMs = 0;
  pxp::v1::KillSwitchState m_kill;                      // as it was at beginTick
  std::map<std::string, Runtime> m_runtime;             // by policy id
  std::map<std::string, pxp::v1::Override> m_overrides; // by override id
  std::uint64_t m_decisionCounter = 0;
};

} // namespace pxpd
