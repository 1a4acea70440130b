#include "PolicyEngine.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pxpd {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kRerecordMs = 60'000; // a repeated suppression is recorded once a minute

std::string fmt(double v, int decimals = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

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

pxp::v1::DecisionInput input(std::string name, double value, double threshold, std::string cmp) {
  pxp::v1::DecisionInput in;
  in.set_name(std::move(name));
  in.set_value(value);
  in.set_threshold(threshold);
  in.set_comparison(std::move(cmp));
  return in;
}

const pxp::v1::WindowStatus *findWindow(const pxp::v1::SloStatus &s, int window) {
  for (const auto &w : s.windows())
    if (w.window() == window)
      return &w;
  return nullptr;
}

} // namespace

void PolicyEngine::setRules(std::vector<PolicyRule> rules) { m_rules = std::move(rules); }

bool PolicyEngine::hasPolicy(const std::string &id) const {
  return std::any_of(m_rules.begin(), m_rules.end(), [&](const PolicyRule &r) { return r.policy.id() == id; });
}

std::vector<pxp::v1::Policy> PolicyEngine::policies(std::int64_t) const {
  std::vector<pxp::v1::Policy> out;
  for (const auto &r : m_rules) {
    auto p = r.policy;
    const auto rt = m_runtime.find(p.id());
    if (rt != m_runtime.end() && !rt->second.actionTimesMs.empty())
      p.set_last_action_ms(rt->second.actionTimesMs.back());
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

bool PolicyEngine::conditionHolds(const PolicyRule &rule, const PolicyFacts &f,
                                  std::vector<pxp::v1::DecisionInput> &inputs, std::string &why) const {
  const auto &s = *f.status;
  switch (rule.condition) {
  case ConditionKind::TierFiring: {
    inputs.push_back(input("firing_tier", s.firing_tier(), rule.tier, ">="));
    const auto *w1h = findWindow(s, pxp::v1::WINDOW_1H);
    if (w1h)
      inputs.push_back(input("burn_rate_1h", w1h->burn_rate(), 0, "info"));
    if (s.firing_tier() < rule.tier)
      return false;
    if (rule.requireActiveCanary && !f.canary)
      return false;
    why = f.slo->name() + " fires " + pxp::v1::AlertTier_Name(static_cast<pxp::v1::AlertTier>(s.firing_tier())) +
          (w1h ? " (1h burn " + fmt(w1h->burn_rate(), 1) + "x)" : "");
    if (f.canary) {
      const auto &a = f.canary->analysis();
      inputs.push_back(input("canary_success_ratio", a.canary_success_ratio(), a.baseline_success_ratio(), "<"));
      why += ", canary success " + fmt(a.canary_success_ratio() * 100, 1) + "% vs baseline " +
             fmt(a.baseline_success_ratio() * 100, 2) + "%";
    }
    return true;
  }
  case ConditionKind::BurnRateOver: {
    const auto *w = findWindow(s, rule.window);
    const double burn = w ? w->burn_rate() : NAN;
    inputs.push_back(input("burn_rate_" + (w ? std::to_string(w->window_seconds() / 60) + "m" : std::string("?")),
                           burn, rule.threshold, ">"));
    if (!(burn > rule.threshold))
      return false;
    why = f.slo->name() + " burns " + fmt(burn, 1) + "x > " + fmt(rule.threshold, 1) + "x";
    return true;
  }
  case ConditionKind::BudgetBelow: {
    inputs.push_back(input("budget_remaining_ratio", s.budget_remaining_ratio(), rule.threshold, "<"));
    if (!(s.budget_remaining_ratio() < rule.threshold))
      return false;
    why = f.slo->name() + " budget " + fmt(s.budget_remaining_ratio() * 100, 1) + "% < " +
          fmt(rule.threshold * 100, 0) + "%";
    return true;
  }
  case ConditionKind::CanaryWorse: {
    if (!f.canary)
      return false;
    const auto &a = f.canary->analysis();
    inputs.push_back(input("canary_success_ratio", a.canary_success_ratio(),
                           a.baseline_success_ratio() - rule.threshold, "<"));
    inputs.push_back(input("failed_checks", a.failed_checks(), rule.checks, ">="));
    if (a.failed_checks() < rule.checks)
      return false;
    why = "canary success " + fmt(a.canary_success_ratio() * 100, 1) + "% < baseline " +
          fmt(a.baseline_success_ratio() * 100, 1) + "% - " + fmt(rule.threshold * 100, 1) + " for " +
          std::to_string(a.failed_checks()) + " checks";
    return true;
  }
  }
  return false;
}

bool PolicyEngine::shouldRecord(Runtime &rt, const std::string &sloId, int outcome, std::int64_t nowMs) const {
  auto &last = rt.lastRecorded[sloId];
  if (last.first == outcome && nowMs - last.second < kRerecordMs)
    return false;
  last = {outcome, nowMs};
  return true;
}

void PolicyEngine::evaluate(std::int64_t nowMs, const std::vector<PolicyFacts> &facts,
                            const pxp::v1::KillSwitchState &kill, std::vector<pxp::v1::PolicyDecision> &decisions,
                            std::vector<PolicyAction> &actions) {
  for (const auto &rule : m_rules) {
    auto &rt = m_runtime[rule.policy.id()];
    while (!rt.actionTimesMs.empty() && nowMs - rt.actionTimesMs.front() > kHourMs)
      rt.actionTimesMs.pop_front();
    // A FORCE_ONCE override fires the action at this tick whatever the condition says.
    const pxp::v1::Override *force = nullptr, *pause = nullptr;
    for (const auto &[id, o] : m_overrides)
      if (o.policy_id() == rule.policy.id())
        (o.kind() == pxp::v1::OVERRIDE_KIND_FORCE_ONCE ? force : pause) = &o;

    for (const auto &f : facts) {
      if (!inScope(rule, f))
        continue;
      std::vector<pxp::v1::DecisionInput> inputs;
      std::string why;
      const bool holds = conditionHolds(rule, f, inputs, why);
      if (!holds && !force)
        continue;

      pxp::v1::PolicyDecision d;
      d.set_id("dec-" + std::to_string(nowMs) + "-" + std::to_string(++m_decisionCounter));
      d.set_policy_id(rule.policy.id());
      d.set_slo_id(f.slo->id());
      d.set_time_ms(nowMs);
      d.set_action(rule.policy.action());
      for (auto &in : inputs)
        *d.add_inputs() = std::move(in);
      PolicyAction act;
      act.service = f.slo->service();
      std::string target = rule.policy.action_target().empty() ? f.slo->service() : rule.policy.action_target();
      if (rule.policy.action() == pxp::v1::ACTION_KIND_ROLLBACK ||
          rule.policy.action() == pxp::v1::ACTION_KIND_ABORT_CANARY) {
        if (!f.canary)
          continue; // nothing to roll back
        act.deploymentId = f.canary->id();
        target = f.canary->service() + " " + f.canary->version();
      }
      if (rule.policy.action() == pxp::v1::ACTION_KIND_DISABLE_FLAG) {
        if (!f.flag || !f.flag->enabled())
          continue; // already off: nothing to do, nothing to say
        act.flagKey = f.flag->key();
      }
      d.set_target(target);
      const std::string what = actionVerb(rule.policy.action()) + " " + target;

      auto outcome = pxp::v1::DECISION_OUTCOME_EXECUTED;
      std::string because = why.empty() ? "forced by override" : why;
      const bool killed = kill.engaged() && (kill.scope_service().empty() || kill.scope_service() == f.slo->service());
      if (killed) {
        outcome = pxp::v1::DECISION_OUTCOME_SUPPRESSED_KILL_SWITCH;
        because += "; kill switch engaged by " + kill.actor();
      } else if (force) {
        outcome = pxp::v1::DECISION_OUTCOME_FORCED;
        because = "forced once by " + force->actor() + " (" + force->reason() + ")";
      } else if (pause) {
        outcome = pxp::v1::DECISION_OUTCOME_SUPPRESSED_OVERRIDE;
        because += "; paused by " + pause->actor() + " until expiry";
      } else if (f.noData) {
        outcome = pxp::v1::DECISION_OUTCOME_SUPPRESSED_NO_DATA;
      } else if (f.lowTraffic) {
        outcome = pxp::v1::DECISION_OUTCOME_SUPPRESSED_LOW_TRAFFIC;
      } else if (!rt.actionTimesMs.empty() && nowMs - rt.actionTimesMs.back() < rule.policy.cooldown_seconds() * 1000) {
        outcome = pxp::v1::DECISION_OUTCOME_SUPPRESSED_COOLDOWN;
        because += "; cooldown " + std::to_string(rule.policy.cooldown_seconds()) + " s";
      } else if (rule.policy.max_actions_per_hour() > 0 &&
                 static_cast<int>(rt.actionTimesMs.size()) >= rule.policy.max_actions_per_hour()) {
        outcome = pxp::v1::DECISION_OUTCOME_SUPPRESSED_RATE_LIMIT;
        because += "; " + std::to_string(rule.policy.max_actions_per_hour()) + " actions in the last hour";
      } else if (rule.policy.mode() == pxp::v1::POLICY_MODE_DRY_RUN) {
        outcome = pxp::v1::DECISION_OUTCOME_DRY_RUN;
      }
      d.set_outcome(outcome);
      const bool acts = outcome == pxp::v1::DECISION_OUTCOME_EXECUTED || outcome == pxp::v1::DECISION_OUTCOME_FORCED;
      const std::string prefix = acts ? what
                                 : outcome == pxp::v1::DECISION_OUTCOME_DRY_RUN ? "would " + what + " (dry-run)"
                                                                                 : "did not " + what;
      d.set_explanation(prefix + ": " + because);
      if (acts) {
        act.decision = d;
        actions.push_back(std::move(act));
      } else if (shouldRecord(rt, f.slo->id(), outcome, nowMs)) {
        decisions.push_back(std::move(d));
      }
      if (force && acts) {
        clearOverride(force->id());
        force = nullptr;
      }
    }
  }
}

void PolicyEngine::actionExecuted(const std::string &policyId, std::int64_t nowMs) {
  m_runtime[policyId].actionTimesMs.push_back(nowMs);
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

std::vector<PolicyRule> PolicyEngine::simulatedWorldRules() {
  std::vector<PolicyRule> rules;
  auto make = [](std::string id, std::string desc, std::string cond, pxp::v1::ActionKind action,
                 pxp::v1::PolicyMode mode, std::int64_t cooldown, int maxPerHour, std::vector<std::string> services,
                 std::string target = {}) {
    PolicyRule r;
    r.policy.set_id(std::move(id));
    r.policy.set_description(std::move(desc));
    r.policy.set_condition(std::move(cond));
    r.policy.set_action(action);
    r.policy.set_action_target(std::move(target));
    r.policy.set_mode(mode);
    r.policy.set_cooldown_seconds(cooldown);
    r.policy.set_max_actions_per_hour(maxPerHour);
    for (auto &s : services)
      r.policy.add_scope_services(std::move(s));
    return r;
  };
  auto rollback = make("rollback-paging-canary", "Roll back a canary whose service pages",
                       "firing_tier >= PAGE and an active canary", pxp::v1::ACTION_KIND_ROLLBACK,
                       pxp::v1::POLICY_MODE_ENFORCE, 600, 3, {"payments", "auth", "search"});
  rollback.condition = ConditionKind::TierFiring;
  rollback.tier = pxp::v1::ALERT_TIER_PAGE;
  rollback.requireActiveCanary = true;
  rules.push_back(rollback);

  auto experiment = make("halt-hurting-experiment", "Switch off an experiment that burns the conversion SLO",
                         "burn_rate_1h > 6", pxp::v1::ACTION_KIND_DISABLE_FLAG, pxp::v1::POLICY_MODE_ENFORCE,
                         1800, 2, {"signup"}, "signup.one-page-experiment");
  experiment.condition = ConditionKind::BurnRateOver;
  experiment.window = pxp::v1::WINDOW_1H;
  experiment.threshold = 6;
  rules.push_back(experiment);

  auto throttle = make("throttle-edge-on-fast-burn", "Throttle edge traffic when the edge burns fast",
                       "burn_rate_5m > 14.4", pxp::v1::ACTION_KIND_THROTTLE, pxp::v1::POLICY_MODE_DRY_RUN, 900, 4,
                       {"cdn-edge"});
  throttle.condition = ConditionKind::BurnRateOver;
  throttle.window = pxp::v1::WINDOW_5M;
  throttle.threshold = 14.4;
  rules.push_back(throttle);

  auto pageOnBudget = make("page-on-low-budget", "Page the owner when less than 10% of the budget is left",
                           "budget_remaining_ratio < 0.10", pxp::v1::ACTION_KIND_PAGE, pxp::v1::POLICY_MODE_ENFORCE,
                           3600, 1, {});
  pageOnBudget.condition = ConditionKind::BudgetBelow;
  pageOnBudget.threshold = 0.10;
  rules.push_back(pageOnBudget);
  return rules;
}

} // namespace pxpd
