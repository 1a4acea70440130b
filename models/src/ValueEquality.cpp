#include "ValueEquality.h"

#include <cmath>
#include <tuple>
#include <utility>

namespace pxp::models::detail {

namespace {

// Every overload is declared before the templates below use it: the value types live in
// pxp::client, so argument-dependent lookup would not find these at instantiation.
bool eq(double a, double b);
bool eq(const client::WindowValue &a, const client::WindowValue &b);
bool eq(const client::CanaryValue &a, const client::CanaryValue &b);
bool eq(const client::DecisionInputValue &a, const client::DecisionInputValue &b);

template <typename T> bool eq(const T &a, const T &b) {
  return a == b;
}

template <typename T> bool eq(const QList<T> &a, const QList<T> &b) {
  if (a.size() != b.size())
    return false;
  for (qsizetype i = 0; i < a.size(); ++i)
    if (!eq(a.at(i), b.at(i)))
      return false;
  return true;
}

template <typename T, std::size_t N> bool eq(const std::array<T, N> &a, const std::array<T, N> &b) {
  for (std::size_t i = 0; i < N; ++i)
    if (!eq(a[i], b[i]))
      return false;
  return true;
}

template <typename... Fields> bool eqFields(const std::tuple<Fields...> &a, const std::tuple<Fields...> &b) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return (eq(std::get<I>(a), std::get<I>(b)) && ...);
  }
  (std::index_sequence_for<Fields...>{});
}

bool eq(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

bool eq(const client::WindowValue &a, const client::WindowValue &b) {
  auto fields = [](const client::WindowValue &v) {
    return std::tie(v.seconds, v.good, v.total, v.sli, v.burnRate, v.noData, v.lowTraffic);
  };
  return eqFields(fields(a), fields(b));
}

bool eq(const client::CanaryValue &a, const client::CanaryValue &b) {
  auto fields = [](const client::CanaryValue &v) {
    return std::tie(v.canarySuccess, v.baselineSuccess, v.canaryP95Ms, v.baselineP95Ms, v.windowSeconds, v.failedChecks,
                    v.verdict);
  };
  return eqFields(fields(a), fields(b));
}

bool eq(const client::DecisionInputValue &a, const client::DecisionInputValue &b) {
  auto fields = [](const client::DecisionInputValue &v) {
    return std::tie(v.name, v.comparison, v.value, v.threshold);
  };
  return eqFields(fields(a), fields(b));
}

} // namespace

bool sameValue(const client::SloValue &a, const client::SloValue &b) {
  auto fields = [](const client::SloValue &v) {
    return std::tie(v.id, v.name, v.service, v.productArea, v.owner, v.runbookUrl, v.description, v.sliKind,
                    v.objective, v.periodSeconds, v.evaluatedAtMs, v.windows, v.attainment, v.budgetRemainingRatio,
                    v.budgetRemainingEvents, v.budgetTotalEvents, v.tier, v.state, v.timeToExhaustionSeconds, v.error,
                    v.lastDataMs, v.hasStatus);
  };
  return eqFields(fields(a), fields(b));
}

bool sameValue(const client::AlertValue &a, const client::AlertValue &b) {
  auto fields = [](const client::AlertValue &v) {
    return std::tie(v.id, v.sloId, v.service, v.owner, v.summary, v.runbookUrl, v.page, v.tier, v.firing, v.firedAtMs,
                    v.resolvedAtMs, v.burnLong, v.burnShort, v.peakBurn1h, v.budgetSpentRatio, v.reconstructed);
  };
  return eqFields(fields(a), fields(b));
}

bool sameValue(const client::DeploymentValue &a, const client::DeploymentValue &b) {
  auto fields = [](const client::DeploymentValue &v) {
    return std::tie(v.id, v.service, v.version, v.previousVersion, v.author, v.strategy, v.status, v.weightPercent,
                    v.stepsPercent, v.startedAtMs, v.updatedAtMs, v.hasAnalysis, v.analysis);
  };
  return eqFields(fields(a), fields(b));
}

bool sameValue(const client::FlagValue &a, const client::FlagValue &b) {
  auto fields = [](const client::FlagValue &v) {
    return std::tie(v.key, v.description, v.owner, v.service, v.updatedBy, v.kind, v.enabled, v.rolloutPercent,
                    v.updatedAtMs);
  };
  return eqFields(fields(a), fields(b));
}

bool sameValue(const client::PolicyValue &a, const client::PolicyValue &b) {
  auto fields = [](const client::PolicyValue &v) {
    return std::tie(v.id, v.description, v.condition, v.action, v.actionTarget, v.dryRun, v.paused, v.cooldownSeconds,
                    v.lastActionMs, v.maxActionsPerHour, v.scopeServices, v.scopeSlos);
  };
  return eqFields(fields(a), fields(b));
}

bool sameValue(const client::DecisionValue &a, const client::DecisionValue &b) {
  auto fields = [](const client::DecisionValue &v) {
    return std::tie(v.id, v.policyId, v.sloId, v.action, v.target, v.explanation, v.error, v.outcome, v.timeMs,
                    v.inputs);
  };
  return eqFields(fields(a), fields(b));
}

bool sameValue(const client::OverrideValue &a, const client::OverrideValue &b) {
  auto fields = [](const client::OverrideValue &v) {
    return std::tie(v.id, v.policyId, v.actor, v.reason, v.pause, v.createdAtMs, v.expiresAtMs);
  };
  return eqFields(fields(a), fields(b));
}

bool sameValue(const client::KillSwitchValue &a, const client::KillSwitchValue &b) {
  auto fields = [](const client::KillSwitchValue &v) {
    return std::tie(v.engaged, v.scopeService, v.actor, v.reason, v.changedAtMs, v.scopes);
  };
  return eqFields(fields(a), fields(b));
}

bool sameValue(const client::AuditValue &a, const client::AuditValue &b) {
  auto fields = [](const client::AuditValue &v) {
    return std::tie(v.seq, v.timeMs, v.kind, v.actor, v.command, v.target, v.reason, v.idempotencyKey, v.before,
                    v.after, v.result, v.service, v.ok);
  };
  return eqFields(fields(a), fields(b));
}

} // namespace pxp::models::detail
