#include "policy/ConditionCheck.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

namespace pxpd {
namespace {

std::string fmt(double v, int decimals = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// A threshold as the user wrote it: 0.1, 6, 14.4 (not 0.100000).
std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
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

// What a reader calls the tier, not its enum name.
std::string tierWords(int tier) {
  switch (tier) {
  case pxp::v1::ALERT_TIER_PAGE: return "a page";
  case pxp::v1::ALERT_TIER_PAGE_SLOW: return "a slow-burn page";
  case pxp::v1::ALERT_TIER_TICKET: return "a ticket";
  case pxp::v1::ALERT_TIER_TICKET_SLOW: return "a slow-burn ticket";
  default: return "no alert";
  }
}

bool tierFiring(const PolicyRule &rule, const PolicyFacts &f, std::int64_t, ConditionExplanation *ex) {
  const auto &s = *f.status;
  const bool holds = s.firing_tier() >= rule.tier && (!rule.requireActiveCanary || f.canary);
  if (!ex)
    return holds;
  ex->inputs.push_back(input("firing_tier", s.firing_tier(), rule.tier, ">="));
  const auto *w1h = findWindow(s, pxp::v1::WINDOW_1H);
  if (w1h)
    ex->inputs.push_back(input("burn_rate_1h", w1h->burn_rate(), 0, "info"));
  if (!holds)
    return false;
  ex->why = f.slo->name() + " fires " + tierWords(s.firing_tier()) +
            (w1h ? " (1h burn " + fmt(w1h->burn_rate(), 1) + "x)" : "");
  if (f.canary) {
    const auto &a = f.canary->analysis();
    ex->inputs.push_back(input("canary_success_ratio", a.canary_success_ratio(), a.baseline_success_ratio(), "<"));
    ex->why += ", canary success " + fmt(a.canary_success_ratio() * 100, 1) + "% vs baseline " +
               fmt(a.baseline_success_ratio() * 100, 2) + "%";
  }
  return true;
}

bool burnRateOver(const PolicyRule &rule, const PolicyFacts &f, std::int64_t, ConditionExplanation *ex) {
  const auto *w = findWindow(*f.status, rule.window);
  const double burn = w ? w->burn_rate() : NAN;
  const bool holds = burn > rule.threshold; // NaN (no data) never holds
  if (!ex)
    return holds;
  ex->inputs.push_back(input("burn_rate_" + windowLabel(rule.window), burn, rule.threshold, ">"));
  if (holds)
    ex->why =
        f.slo->name() + " burns " + fmt(burn, 1) + "x > " + num(rule.threshold) + "x over " + windowLabel(rule.window);
  return holds;
}

bool budgetBelow(const PolicyRule &rule, const PolicyFacts &f, std::int64_t, ConditionExplanation *ex) {
  const double budget = f.status->budget_remaining_ratio();
  const bool holds = budget < rule.threshold; // NaN (unmeasured) never holds
  if (!ex)
    return holds;
  ex->inputs.push_back(input("budget_remaining_ratio", budget, rule.threshold, "<"));
  if (holds)
    ex->why = f.slo->name() + " budget " + fmt(budget * 100, 1) + "% < " + num(rule.threshold * 100) + "%";
  return holds;
}

bool canaryWorse(const PolicyRule &rule, const PolicyFacts &f, std::int64_t, ConditionExplanation *ex) {
  if (!f.canary)
    return false;
  const auto &a = f.canary->analysis();
  const bool holds =
      a.failed_checks() >= rule.checks && a.canary_success_ratio() < a.baseline_success_ratio() - rule.threshold;
  if (!ex)
    return holds;
  ex->inputs.push_back(
      input("canary_success_ratio", a.canary_success_ratio(), a.baseline_success_ratio() - rule.threshold, "<"));
  ex->inputs.push_back(input("failed_checks", a.failed_checks(), rule.checks, ">="));
  if (holds)
    ex->why = "canary success " + fmt(a.canary_success_ratio() * 100, 1) + "% < baseline " +
              fmt(a.baseline_success_ratio() * 100, 1) + "% - " + num(rule.threshold * 100) + " points for " +
              std::to_string(a.failed_checks()) + " checks";
  return holds;
}

bool dataStale(const PolicyRule &rule, const PolicyFacts &f, std::int64_t nowMs, ConditionExplanation *ex) {
  const std::int64_t last = f.status->last_data_ms();
  const double ageSeconds =
      last > 0 ? static_cast<double>(nowMs - last) / 1000.0 : std::numeric_limits<double>::infinity();
  const bool holds = ageSeconds > rule.threshold;
  if (!ex)
    return holds;
  ex->inputs.push_back(input("seconds_since_last_data", ageSeconds, rule.threshold, ">"));
  if (holds)
    ex->why =
        f.slo->name() +
        (last > 0 ? " has had no new data for " + fmt(ageSeconds, 0) + " s" : std::string(" has never had data")) +
        " (limit " + num(rule.threshold) + " s)" +
        (f.status->error().empty() ? std::string() : ": " + f.status->error());
  return holds;
}

using Checker = bool (*)(const PolicyRule &, const PolicyFacts &, std::int64_t, ConditionExplanation *);

// Indexed by ConditionKind.
constexpr std::array<Checker, 5> kCheckers{tierFiring, burnRateOver, budgetBelow, canaryWorse, dataStale};

std::string tierLabel(int tier) {
  switch (tier) {
  case pxp::v1::ALERT_TIER_PAGE: return "PAGE";
  case pxp::v1::ALERT_TIER_PAGE_SLOW: return "PAGE_SLOW";
  case pxp::v1::ALERT_TIER_TICKET: return "TICKET";
  case pxp::v1::ALERT_TIER_TICKET_SLOW: return "TICKET_SLOW";
  default: return "NONE";
  }
}

} // namespace

bool conditionHolds(const PolicyRule &rule, const PolicyFacts &facts, std::int64_t nowMs, ConditionExplanation *ex) {
  const auto index = static_cast<std::size_t>(rule.condition);
  return index < kCheckers.size() && kCheckers[index](rule, facts, nowMs, ex);
}

std::string windowLabel(int window) {
  static const std::array<const char *, 9> kNames{"", "5m", "30m", "1h", "2h", "6h", "1d", "3d", "period"};
  return window >= 0 && window < static_cast<int>(kNames.size()) ? kNames[static_cast<std::size_t>(window)] : "";
}

std::string conditionText(const PolicyRule &rule) {
  switch (rule.condition) {
  case ConditionKind::TierFiring:
    return "firing_tier >= " + tierLabel(rule.tier) + (rule.requireActiveCanary ? " and an active canary" : "");
  case ConditionKind::BurnRateOver: return "burn_rate_" + windowLabel(rule.window) + " > " + num(rule.threshold);
  case ConditionKind::BudgetBelow: return "budget_remaining_ratio < " + num(rule.threshold);
  case ConditionKind::CanaryWorse:
    return "canary.success < baseline - " + num(rule.threshold) + " for " + std::to_string(rule.checks) + " checks";
  case ConditionKind::DataStale: return "seconds_since_last_data > " + num(rule.threshold);
  }
  return "?";
}

} // namespace pxpd
