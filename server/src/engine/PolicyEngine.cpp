#include "PolicyEngine.h"

#include <algorithm>

namespace pxpd {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kRerecordMs = 60'000; // a repeated suppression is recorded once a minute

std::string actionVerb(pxp::v1::ActionKind a) {
  switch (a) {
  case pxp::v1::ACTION_KIND_NOTIFY: return "notify";
  case pxp::v1::ACTION_KIND_PAGE: return "page";
  case pxp::v1::ACTION_KIND_THROTTLE: return "throttle";
  case pxp::v1::ACTION_KIND_ROLLBACK: return "roll back";
  case pxp::v1::ACTION_KIND_ABORT_CANARY: return "abort canary";
  case pxp::v1::ACTION_KIND_DISABLE_FLAG: return "disable flag";
  default: return "act";
  }
}

} // namespace

std::vector<std::string> PolicyEngine::setRules(std::vector<PolicyRule> rules) {
  m_rules = std::move(rules);
  for (auto it = m_runtime.begin(); it != m_runtime.end();)
    it = hasPolicy(it->first) ? std::next(it) : m_runtime.erase(it);
  std::vector<std::string> dropped;
  for (auto it = m_overrides.begin(); it != m_overrides.end();) {
    if (hasPolicy(it->second.policy_id())) {
      ++it;
    } else {
      dropped.push_back(it->first);
      it = m_overrides.erase(it);
    }
  }
  return dropped;
}

const PolicyRule *PolicyEngine::rule(const std::string &id) const {
  const auto it =
      std::find_if(m_rules.begin(), m_rules.end(), [&](const PolicyRule &r) { return r.policy.id() == id; });
  return it == m_rules.end() ? nullptr : &*it;
}

std::vector<pxp::v1::Policy> PolicyEngine::policies() const {
  std::vector<pxp::v1::Policy> out;
  for (const auto &r : m_rules) {
    auto p = r.policy;
    if (const auto rt = m_runtime.find(p.id()); rt != m_runtime.end())
      p.set_last_action_ms(rt->second.lastExecutedMs);
    p.set_paused(std::any_of(m_overrides.begin(), m_overrides.end(), [&](const auto &o) {
      return o.second.policy_id() == p.id() && o.second.kind() == pxp::v1::OVERRIDE_KIND_PAUSE;
    }));
    out.push_back(std::move(p));
  }
  return out;
}

bool PolicyEngine::inScope(const PolicyRule &rule, const PolicyFacts &f) const {
  const auto &svc = rule.policy.scope_services();
  const auto &slos = rule.policy.scope_slos();
  if (!svc.empty() && std::find(svc.begin(), svc.end(), f.slo->service()) == svc.end())
    return false;
  return slos.empty() || std::find(slos.begin(), slos.end(), f.slo->id()) != slos.end();
}

bool PolicyEngine::shouldRecord(Runtime &rt, const std::string &sloId, int outcome, std::int64_t nowMs) const {
  auto &last = rt.lastRecorded[sloId];
  if (last.first == outcome && nowMs - last.second < kRerecordMs)
    return false;
  last = {outcome, nowMs};
  return true;
}

bool PolicyEngine::resolveTarget(const PolicyRule &rule, const PolicyFacts &f, ActionRequest &req) const {
  const auto kind = rule.policy.action();
  const bool external = rule.actuator.type != ActuatorSpec::Type::Simulated;
  req.service = f.slo->service();
  req.target = rule.policy.action_target().empty() ? f.slo->service() : rule.policy.action_target();
  if (kind == pxp::v1::ACTION_KIND_ROLLBACK || kind == pxp::v1::ACTION_KIND_ABORT_CANARY) {
    if (f.canary) {
      req.deploymentId = f.canary->id();
      req.version = f.canary->version();
      req.target = f.canary->service() + " " + f.canary->version();
    } else if (!external) {
      return false; // the simulated world has nothing to roll back; an external tool may know better
    }
  }
  if (kind == pxp::v1::ACTION_KIND_DISABLE_FLAG) {
    const pxp::v1::FeatureFlag *flag = nullptr;
    if (f.flags)
      for (const auto *candidate : *f.flags)
        if (rule.policy.action_target().empty() || candidate->key() == rule.policy.action_target())
          flag = candidate;
    if (flag && !flag->enabled())
      return false; // already off: nothing to do, nothing to say
    if (!flag && !external)
      return false;
    req.flagKey = flag ? flag->key() : rule.policy.action_target();
    req.target = req.flagKey;
  }
  if (kind == pxp::v1::ACTION_KIND_THROTTLE)
    req.ratePerSecond = rule.throttleRatePerSecond;
  return true;
}

pxp::v1::DecisionOutcome PolicyEngine::gate(const PolicyRule &rule, const Runtime &rt, const PolicyFacts &f,
                                            const pxp::v1::KillSwitchState &kill, const pxp::v1::Override *force,
                                            const pxp::v1::Override *pause, std::int64_t nowMs,
                                            std::string &because) const {
  for (const auto &scope : kill.scopes())
    if (scope.service().empty() || scope.service() == f.slo->service()) {
      because += "; kill switch engaged " +
                 (scope.service().empty() ? std::string("for every service") : "for " + scope.service()) + " by " +
                 scope.actor();
      return pxp::v1::DECISION_OUTCOME_SUPPRESSED_KILL_SWITCH;
    }
  if (force) {
    because = "forced once by " + force->actor() + " (" + force->reason() + ")";
    return pxp::v1::DECISION_OUTCOME_FORCED;
  }
  if (pause) {
    because += "; paused by " + pause->actor() + " until expiry";
    return pxp::v1::DECISION_OUTCOME_SUPPRESSED_OVERRIDE;
  }
  // Missing data is what a staleness rule is about; every other rule holds back without it.
  if (f.noData && rule.condition != ConditionKind::DataStale) {
    because += "; " + f.slo->id() + " has no data" +
               (f.status->error().empty() ? std::string() : " (" + f.status->error() + ")") +
               ", so automation waits for it";
    return pxp::v1::DECISION_OUTCOME_SUPPRESSED_NO_DATA;
  }
  if (f.lowTraffic && rule.condition != ConditionKind::DataStale) {
    const double events = f.status->windows().empty() ? 0 : f.status->windows(0).total_events();
    because += "; too little traffic to judge (" + std::to_string(static_cast<long long>(events)) +
               " events in the shortest window, under the SLO's minimum of " +
               std::to_string(f.slo->min_events_per_window()) + ")";
    return pxp::v1::DECISION_OUTCOME_SUPPRESSED_LOW_TRAFFIC;
  }
  if (!rt.attemptTimesMs.empty() && nowMs - rt.attemptTimesMs.back() < rule.policy.cooldown_seconds() * 1000) {
    because += "; cooldown " + std::to_string(rule.policy.cooldown_seconds()) + " s";
    return pxp::v1::DECISION_OUTCOME_SUPPRESSED_COOLDOWN;
  }
  if (rule.policy.max_actions_per_hour() > 0 &&
      static_cast<int>(rt.attemptTimesMs.size()) >= rule.policy.max_actions_per_hour()) {
    because += "; " + std::to_string(rule.policy.max_actions_per_hour()) + " actions in the last hour";
    return pxp::v1::DECISION_OUTCOME_SUPPRESSED_RATE_LIMIT;
  }
  if (rule.policy.mode() == pxp::v1::POLICY_MODE_DRY_RUN)
    return pxp::v1::DECISION_OUTCOME_DRY_RUN;
  return pxp::v1::DECISION_OUTCOME_EXECUTED;
}

void PolicyEngine::beginTick(std::int64_t nowMs, const pxp::v1::KillSwitchState &kill) {
  m_tickNowMs = nowMs;
  m_kill = kill;
  m_passes.clear();
  for (const auto &rule : m_rules) {
    auto &rt = m_runtime[rule.policy.id()];
    while (!rt.attemptTimesMs.empty() && nowMs - rt.attemptTimesMs.front() > kHourMs)
      rt.attemptTimesMs.pop_front();
    if (rt.inFlight)
      continue; // its actuator has not answered yet; the decision is recorded when it does
    Pass pass{&rule, &rt};
    for (const auto &[id, o] : m_overrides)
      if (o.policy_id() == rule.policy.id())
        (o.kind() == pxp::v1::OVERRIDE_KIND_FORCE_ONCE ? pass.force : pass.pause) = &o;
    m_passes.push_back(pass);
  }
}

void PolicyEngine::evaluate(const PolicyFacts &f, std::vector<pxp::v1::PolicyDecision> &decisions,
                            std::vector<PolicyAction> &actions) {
  for (auto &pass : m_passes)
    if (!pass.acted && inScope(*pass.rule, f) && (pass.force || conditionHolds(*pass.rule, f, m_tickNowMs, nullptr)))
      decide(pass, f, m_tickNowMs, m_kill, decisions, actions);
}

void PolicyEngine::evaluate(std::int64_t nowMs, const std::vector<PolicyFacts> &facts,
                            const pxp::v1::KillSwitchState &kill, std::vector<pxp::v1::PolicyDecision> &decisions,
                            std::vector<PolicyAction> &actions) {
  beginTick(nowMs, kill);
  for (const auto &f : facts)
    evaluate(f, decisions, actions);
}

void PolicyEngine::decide(Pass &pass, const PolicyFacts &f, std::int64_t nowMs, const pxp::v1::KillSwitchState &kill,
                          std::vector<pxp::v1::PolicyDecision> &decisions, std::vector<PolicyAction> &actions) {
  const PolicyRule &rule = *pass.rule;
  ConditionExplanation ex;
  conditionHolds(rule, f, nowMs, &ex);
  PolicyAction act;
  if (!resolveTarget(rule, f, act.request))
    return;
  pxp::v1::PolicyDecision d;
  d.set_id("dec-" + std::to_string(nowMs) + "-" + std::to_string(++m_decisionCounter));
  d.set_policy_id(rule.policy.id());
  d.set_slo_id(f.slo->id());
  d.set_time_ms(nowMs);
  d.set_action(rule.policy.action());
  d.set_target(act.request.target);
  for (auto &in : ex.inputs)
    *d.add_inputs() = std::move(in);
  std::string because = ex.why.empty() ? "forced by override" : ex.why;
  const auto outcome = gate(rule, *pass.rt, f, kill, pass.force, pass.pause, nowMs, because);
  d.set_outcome(outcome);
  const bool acts = outcome == pxp::v1::DECISION_OUTCOME_EXECUTED || outcome == pxp::v1::DECISION_OUTCOME_FORCED;
  const std::string what = actionVerb(rule.policy.action()) + " " + act.request.target;
  const std::string prefix = acts                                           ? what
                             : outcome == pxp::v1::DECISION_OUTCOME_DRY_RUN ? "would " + what + " (dry-run)"
                                                                            : "did not " + what;
  d.set_explanation(prefix + ": " + because);
  if (!acts) {
    if (shouldRecord(*pass.rt, f.slo->id(), outcome, nowMs))
      decisions.push_back(std::move(d));
    return;
  }
  auto &req = act.request;
  req.kind = rule.policy.action();
  req.policyId = rule.policy.id();
  req.decisionId = d.id();
  req.sloId = f.slo->id();
  req.mode = outcome == pxp::v1::DECISION_OUTCOME_FORCED ? "forced" : "enforce";
  req.explanation = d.explanation();
  req.timeMs = nowMs;
  act.decision = std::move(d);
  actions.push_back(std::move(act));
  if (pass.force && outcome == pxp::v1::DECISION_OUTCOME_FORCED) {
    clearOverride(pass.force->id());
    pass.force = nullptr;
  }
  pass.acted = true; // one action per policy per tick; the next waits for its answer and cooldown
}

void PolicyEngine::actionStarted(const std::string &policyId, std::int64_t nowMs) {
  auto &rt = m_runtime[policyId];
  rt.attemptTimesMs.push_back(nowMs);
  rt.inFlight = true;
}

void PolicyEngine::actionFinished(const std::string &policyId, bool ok, std::int64_t nowMs) {
  const auto it = m_runtime.find(policyId);
  if (it == m_runtime.end())
    return; // the policy was removed by a reload while its action ran
  it->second.inFlight = false;
  if (ok)
    it->second.lastExecutedMs = nowMs;
}

std::optional<std::string> PolicyEngine::addOverride(const pxp::v1::Override &o) {
  if (!hasPolicy(o.policy_id()))
    return "no policy '" + o.policy_id() + "'";
  m_overrides[o.id()] = o;
  return std::nullopt;
}

bool PolicyEngine::clearOverride(const std::string &id, pxp::v1::Override *cleared) {
  const auto it = m_overrides.find(id);
  if (it == m_overrides.end())
    return false;
  if (cleared)
    *cleared = it->second;
  m_overrides.erase(it);
  return true;
}

std::vector<pxp::v1::Override> PolicyEngine::overrides() const {
  std::vector<pxp::v1::Override> out;
  for (const auto &[id, o] : m_overrides)
    out.push_back(o);
  return out;
}

std::vector<std::string> PolicyEngine::expireOverrides(std::int64_t nowMs) {
  std::vector<std::string> expired;
  for (auto it = m_overrides.begin(); it != m_overrides.end();) {
    if (it->second.expires_at_ms() != 0 && it->second.expires_at_ms() <= nowMs) {
      expired.push_back(it->first);
      it = m_overrides.erase(it);
    } else {
      ++it;
    }
  }
  return expired;
}

} // namespace pxpd
