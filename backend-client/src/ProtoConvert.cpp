#include "ProtoConvert.h"

#include "pxp/words/Words.h"

#include <algorithm>

namespace pxp::client {
namespace {

QString q(const std::string &s) {
  return QString::fromStdString(s);
}

QString deployStatusText(pxp::v1::DeployStatus s) {
  switch (s) {
  case pxp::v1::DEPLOY_STATUS_PROGRESSING: return QStringLiteral("progressing");
  case pxp::v1::DEPLOY_STATUS_PAUSED: return QStringLiteral("paused");
  case pxp::v1::DEPLOY_STATUS_SUCCEEDED: return QStringLiteral("succeeded");
  case pxp::v1::DEPLOY_STATUS_ROLLED_BACK: return QStringLiteral("rolled back");
  case pxp::v1::DEPLOY_STATUS_ABORTED: return QStringLiteral("aborted");
  case pxp::v1::DEPLOY_STATUS_FAILED: return QStringLiteral("failed");
  default: return QStringLiteral("unknown");
  }
}

QString flagKindText(pxp::v1::FlagKind k) {
  switch (k) {
  case pxp::v1::FLAG_KIND_RELEASE: return QStringLiteral("release");
  case pxp::v1::FLAG_KIND_EXPERIMENT: return QStringLiteral("experiment");
  case pxp::v1::FLAG_KIND_OPS: return QStringLiteral("ops");
  case pxp::v1::FLAG_KIND_KILL_SWITCH: return QStringLiteral("kill switch");
  default: return QStringLiteral("other");
  }
}

QString auditKindText(pxp::v1::AuditKind k) {
  switch (k) {
  case pxp::v1::AUDIT_KIND_DECISION: return QStringLiteral("decision");
  case pxp::v1::AUDIT_KIND_COMMAND: return QStringLiteral("command");
  case pxp::v1::AUDIT_KIND_CONFIG: return QStringLiteral("config");
  case pxp::v1::AUDIT_KIND_AUTH_DENIED: return QStringLiteral("auth denied");
  default: return QStringLiteral("other");
  }
}

} // namespace

QString outcomeText(int outcome) {
  return QString::fromUtf8(words::outcome(outcome));
}

QString actionText(int action) {
  return QString::fromUtf8(words::action(action));
}

SloValue toValue(const pxp::v1::SloDefinition &d) {
  SloValue v;
  v.id = q(d.id());
  v.name = q(d.name());
  v.service = q(d.service());
  v.productArea = q(d.product_area());
  v.owner = q(d.owner());
  v.runbookUrl = q(d.runbook_url());
  v.description = q(d.description());
  v.sliKind = d.sli_kind();
  v.objective = d.objective_ratio();
  v.periodSeconds = d.period_seconds();
  return v;
}

void mergeStatus(SloValue &v, const pxp::v1::SloStatus &s) {
  v.id = q(s.slo_id());
  v.hasStatus = true;
  v.evaluatedAtMs = s.evaluated_at_ms();
  for (const auto &w : s.windows()) {
    const int i = static_cast<int>(w.window()) - 1;
    if (i < 0 || i >= kWindowCount)
      continue;
    auto &out = v.windows[static_cast<std::size_t>(i)];
    out.seconds = w.window_seconds();
    out.good = w.good_events();
    out.total = w.total_events();
    out.sli = w.sli_ratio();
    out.burnRate = w.burn_rate();
    out.noData = w.no_data();
    out.lowTraffic = w.low_traffic();
  }
  v.attainment = s.attainment_ratio();
  v.budgetRemainingRatio = s.budget_remaining_ratio();
  v.budgetRemainingEvents = s.budget_remaining_events();
  v.budgetTotalEvents = s.budget_total_events();
  v.tier = static_cast<AlertTier>(s.firing_tier());
  v.state = static_cast<SloState>(s.state());
  v.timeToExhaustionSeconds = s.time_to_exhaustion_seconds();
  v.error = q(s.error());
  v.lastDataMs = s.last_data_ms();
}

AlertValue toValue(const pxp::v1::Alert &a) {
  AlertValue v;
  v.id = q(a.id());
  v.sloId = q(a.slo_id());
  v.service = q(a.service());
  v.owner = q(a.owner());
  v.summary = q(a.summary());
  v.runbookUrl = q(a.runbook_url());
  v.page = a.severity() == pxp::v1::ALERT_SEVERITY_PAGE;
  v.tier = static_cast<AlertTier>(a.tier());
  v.firing = a.state() == pxp::v1::ALERT_STATE_FIRING;
  v.firedAtMs = a.fired_at_ms();
  v.resolvedAtMs = a.resolved_at_ms();
  v.burnLong = a.burn_rate_long();
  v.burnShort = a.burn_rate_short();
  v.peakBurn1h = a.peak_burn_rate_1h();
  v.budgetSpentRatio = a.budget_spent_ratio();
  v.reconstructed = a.reconstructed();
  return v;
}

DeploymentValue toValue(const pxp::v1::Deployment &d) {
  DeploymentValue v;
  v.id = q(d.id());
  v.service = q(d.service());
  v.version = q(d.version());
  v.previousVersion = q(d.previous_version());
  v.author = q(d.author());
  v.strategy = d.strategy() == pxp::v1::DEPLOY_STRATEGY_CANARY       ? QStringLiteral("canary")
               : d.strategy() == pxp::v1::DEPLOY_STRATEGY_BLUE_GREEN ? QStringLiteral("blue-green")
                                                                     : QStringLiteral("rolling");
  v.status = deployStatusText(d.status());
  v.weightPercent = d.weight_percent();
  for (int s : d.steps_percent())
    v.stepsPercent << s;
  v.startedAtMs = d.started_at_ms();
  v.updatedAtMs = d.updated_at_ms();
  v.hasAnalysis = d.has_analysis();
  if (v.hasAnalysis) {
    const auto &a = d.analysis();
    v.analysis.canarySuccess = a.canary_success_ratio();
    v.analysis.baselineSuccess = a.baseline_success_ratio();
    v.analysis.canaryP95Ms = a.canary_p95_latency_ms();
    v.analysis.baselineP95Ms = a.baseline_p95_latency_ms();
    v.analysis.windowSeconds = a.window_seconds();
    v.analysis.failedChecks = a.failed_checks();
    v.analysis.verdict = q(a.verdict());
  }
  return v;
}

FlagValue toValue(const pxp::v1::FeatureFlag &f) {
  FlagValue v;
  v.key = q(f.key());
  v.description = q(f.description());
  v.owner = q(f.owner());
  v.service = q(f.service());
  v.updatedBy = q(f.updated_by());
  v.kind = flagKindText(f.kind());
  v.enabled = f.enabled();
  v.rolloutPercent = f.rollout_percent();
  v.updatedAtMs = f.updated_at_ms();
  return v;
}

PolicyValue toValue(const pxp::v1::Policy &p) {
  PolicyValue v;
  v.id = q(p.id());
  v.description = q(p.description());
  v.condition = q(p.condition());
  v.action = actionText(p.action());
  v.actionTarget = q(p.action_target());
  v.dryRun = p.mode() == pxp::v1::POLICY_MODE_DRY_RUN;
  v.paused = p.paused();
  v.cooldownSeconds = p.cooldown_seconds();
  v.lastActionMs = p.last_action_ms();
  v.maxActionsPerHour = p.max_actions_per_hour();
  for (const auto &s : p.scope_services())
    v.scopeServices << q(s);
  for (const auto &s : p.scope_slos())
    v.scopeSlos << q(s);
  return v;
}

DecisionValue toValue(const pxp::v1::PolicyDecision &d) {
  DecisionValue v;
  v.id = q(d.id());
  v.policyId = q(d.policy_id());
  v.sloId = q(d.slo_id());
  v.action = actionText(d.action());
  v.target = q(d.target());
  v.explanation = q(d.explanation());
  v.error = q(d.error());
  v.outcome = outcomeText(d.outcome());
  v.timeMs = d.time_ms();
  for (const auto &in : d.inputs())
    v.inputs.push_back({q(in.name()), q(in.comparison()), in.value(), in.threshold()});
  return v;
}

OverrideValue toValue(const pxp::v1::Override &o) {
  OverrideValue v;
  v.id = q(o.id());
  v.policyId = q(o.policy_id());
  v.actor = q(o.actor());
  v.reason = q(o.reason());
  v.pause = o.kind() == pxp::v1::OVERRIDE_KIND_PAUSE;
  v.createdAtMs = o.created_at_ms();
  v.expiresAtMs = o.expires_at_ms();
  return v;
}

KillSwitchValue toValue(const pxp::v1::KillSwitchState &k) {
  KillSwitchValue v{k.engaged(), q(k.scope_service()), q(k.actor()), q(k.reason()), k.changed_at_ms(), {}};
  for (const auto &s : k.scopes())
    v.scopes.push_back({q(s.service()), q(s.actor()), q(s.reason()), s.engaged_at_ms()});
  return v;
}

AuditValue toValue(const pxp::v1::AuditEntry &a) {
  AuditValue v;
  v.seq = a.seq();
  v.timeMs = a.time_ms();
  v.kind = auditKindText(a.kind());
  v.actor = q(a.actor());
  v.command = q(a.command());
  v.target = q(a.target());
  v.reason = q(a.reason());
  v.idempotencyKey = q(a.idempotency_key());
  v.before = q(a.before());
  v.after = q(a.after());
  v.result = q(a.result());
  v.service = q(a.service());
  v.ok = a.ok();
  return v;
}

WorldSnapshot toSnapshot(const pxp::v1::Snapshot &s) {
  WorldSnapshot w;
  for (const auto &d : s.slos())
    w.slos.push_back(toValue(d));
  for (const auto &st : s.statuses())
    for (auto &v : w.slos)
      if (v.id == q(st.slo_id()))
        mergeStatus(v, st);
  for (const auto &a : s.alerts())
    w.alerts.push_back(toValue(a));
  for (const auto &d : s.deployments())
    w.deployments.push_back(toValue(d));
  for (const auto &f : s.flags())
    w.flags.push_back(toValue(f));
  for (const auto &p : s.policies())
    w.policies.push_back(toValue(p));
  for (const auto &o : s.overrides())
    w.overrides.push_back(toValue(o));
  w.killSwitch = toValue(s.kill_switch());
  for (const auto &d : s.recent_decisions())
    w.decisions.push_back(toValue(d));
  for (const auto &a : s.recent_audit())
    w.audit.push_back(toValue(a));
  w.serverTimeMs = s.server_time_ms();
  w.world = q(s.world());
  w.timeScale = s.time_scale();
  return w;
}

void appendEvents(const pxp::v1::WatchResponse &resp, WorldDelta &delta) {
  using K = pxp::v1::Event::KindCase;
  delta.revision = resp.revision();
  for (const auto &e : resp.events()) {
    delta.serverTimeMs = std::max<qint64>(delta.serverTimeMs, e.time_ms());
    switch (e.kind_case()) {
    case K::kSloStatus: {
      SloValue v;
      mergeStatus(v, e.slo_status());
      delta.slos.push_back(std::move(v));
      break;
    }
    case K::kSloDefinition: delta.slos.push_back(toValue(e.slo_definition())); break;
    case K::kSloRemovedId: delta.removedSlos << q(e.slo_removed_id()); break;
    case K::kAlert: delta.alerts.push_back(toValue(e.alert())); break;
    case K::kDeployment: delta.deployments.push_back(toValue(e.deployment())); break;
    case K::kFlag: delta.flags.push_back(toValue(e.flag())); break;
    case K::kPolicy: delta.policies.push_back(toValue(e.policy())); break;
    case K::kOverrideSet: delta.overridesSet.push_back(toValue(e.override_set())); break;
    case K::kOverrideClearedId: delta.overridesCleared << q(e.override_cleared_id()); break;
    case K::kKillSwitch:
      delta.killSwitchChanged = true;
      delta.killSwitch = toValue(e.kill_switch());
      break;
    case K::kDecision: delta.decisions.push_back(toValue(e.decision())); break;
    case K::kAudit: delta.audit.push_back(toValue(e.audit())); break;
    case K::KIND_NOT_SET: break;
    }
  }
}

void mergeDelta(WorldDelta &into, WorldDelta &&next) {
  into.revision = next.revision;
  into.serverTimeMs = std::max(into.serverTimeMs, next.serverTimeMs);
  // Status-only SLO updates replace older status-only ones; definitions are kept in order.
  for (auto &s : next.slos) {
    const auto older = std::find_if(into.slos.begin(), into.slos.end(), [&](const auto &e) {
      return e.id == s.id && s.name.isEmpty() && e.name.isEmpty();
    });
    if (older != into.slos.end())
      *older = std::move(s);
    else
      into.slos.push_back(std::move(s));
  }
  into.removedSlos += next.removedSlos;
  into.alerts += std::move(next.alerts);
  into.deployments += std::move(next.deployments);
  into.flags += std::move(next.flags);
  into.policies += std::move(next.policies);
  into.overridesSet += std::move(next.overridesSet);
  into.overridesCleared += next.overridesCleared;
  if (next.killSwitchChanged) {
    into.killSwitchChanged = true;
    into.killSwitch = next.killSwitch;
  }
  into.decisions += std::move(next.decisions);
  into.audit += std::move(next.audit);
}

} // namespace pxp::client
