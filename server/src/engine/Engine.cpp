#include "Engine.h"

#include "AuditLog.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pxpd {
namespace {

constexpr std::int64_t kHistoryDays = 30;
constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kHistoryStepMs = 60'000;
constexpr std::int64_t kResolvedAlertKeepMs = kDayMs;
constexpr std::size_t kRecentKept = 100;

pxp::v1::AlertTier toProto(slo::Tier t) {
  switch (t) {
  case slo::Tier::None: return pxp::v1::ALERT_TIER_NONE;
  case slo::Tier::TicketSlow: return pxp::v1::ALERT_TIER_TICKET_SLOW;
  case slo::Tier::Ticket: return pxp::v1::ALERT_TIER_TICKET;
  case slo::Tier::PageSlow: return pxp::v1::ALERT_TIER_PAGE_SLOW;
  case slo::Tier::Page: return pxp::v1::ALERT_TIER_PAGE;
  }
  return pxp::v1::ALERT_TIER_UNSPECIFIED;
}

pxp::v1::SloState toProto(slo::State s) {
  switch (s) {
  case slo::State::Ok: return pxp::v1::SLO_STATE_OK;
  case slo::State::Warning: return pxp::v1::SLO_STATE_WARNING;
  case slo::State::Critical: return pxp::v1::SLO_STATE_CRITICAL;
  case slo::State::NoData: return pxp::v1::SLO_STATE_NO_DATA;
  case slo::State::Error: return pxp::v1::SLO_STATE_ERROR;
  }
  return pxp::v1::SLO_STATE_UNSPECIFIED;
}

pxp::v1::SloDefinition toProto(const slo::SloSpec &s) {
  pxp::v1::SloDefinition d;
  d.set_id(s.id);
  d.set_name(s.displayName.empty() ? s.name : s.displayName);
  d.set_service(s.service);
  d.set_product_area(s.productArea);
  d.set_owner(s.owner);
  d.set_runbook_url(s.runbookUrl);
  d.set_sli_kind(static_cast<pxp::v1::SliKind>(static_cast<int>(s.kind) + 1));
  d.set_source(static_cast<pxp::v1::SliSource>(static_cast<int>(s.source) + 1));
  d.set_objective_ratio(s.objective);
  d.set_period_seconds(s.periodSeconds);
  d.set_description(s.description);
  d.set_latency_threshold_ms(s.latencyThresholdMs);
  d.set_min_events_per_window(s.minEventsPerWindow);
  return d;
}

std::string alertSummary(const pxp::v1::SloDefinition &d, const slo::Evaluation &ev, slo::Tier tier) {
  // Long and short windows of each tier, from the SRE Workbook table.
  static const std::map<slo::Tier, std::pair<int, int>> kWindows = {
      {slo::Tier::Page, {2, 0}}, {slo::Tier::PageSlow, {4, 1}}, {slo::Tier::Ticket, {5, 3}}, {slo::Tier::TicketSlow, {6, 4}}};
  const auto [lw, sw] = kWindows.at(tier);
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s burning %.1fx over %s and %.1fx over %s", d.name().c_str(),
                ev.windows[lw].burnRate, std::string(slo::windowName(ev.windows[lw].window)).c_str(),
                ev.windows[sw].burnRate, std::string(slo::windowName(ev.windows[sw].window)).c_str());
  return buf;
}

} // namespace

struct Engine::SloRuntime {
  slo::SloSpec spec;
  pxp::v1::SloDefinition definition;
  std::unique_ptr<slo::EventCounter> counter;
  pxp::v1::SloStatus status;
  std::string activeAlertId;
  slo::Tier activeTier = slo::Tier::None;
};

Engine::Engine(const DaemonConfig &config, const Clock &clock, AuditLog &audit)
    : m_config(config), m_clock(clock), m_audit(audit), m_timeScale(config.timeScale),
      m_wallStartMs(clock.nowMs()), m_simStartMs(m_wallStartMs), m_traceGenerator(config.seed) {
  m_world = std::make_unique<world::SimulatedWorld>(config.seed, m_simStartMs);
  for (const auto &s : m_world->slos()) {
    auto rt = std::make_unique<SloRuntime>();
    rt->spec = s.spec;
    rt->definition = toProto(s.spec);
    rt->counter = std::make_unique<slo::EventCounter>(s.spec.periodSeconds);
    m_slos.push_back(std::move(rt));
  }
  m_policies.setRules(PolicyEngine::simulatedWorldRules());
  m_killSwitch.set_engaged(false);
}

Engine::~Engine() { m_events.wakeAll(); }

std::int64_t Engine::simNowMs() const {
  return m_simStartMs + static_cast<std::int64_t>((m_clock.nowMs() - m_wallStartMs) * m_timeScale);
}

void Engine::start() {
  std::lock_guard lock(m_mutex);
  const std::int64_t from = m_simStartMs - kHistoryDays * kDayMs;
  m_world->synthesizeHistory(from, m_simStartMs, kHistoryStepMs, [this](const world::SliSample &s) {
    m_slos[s.sloIndex]->counter->add(s.timeMs, s.good, s.total);
  });
  m_lastTickSimMs = m_simStartMs;
  for (auto &a : m_audit.recent(static_cast<int>(kRecentKept)))
    m_recentAudit.push_back(std::move(a));
  publishWorldChanges();
  evaluateSlos(m_simStartMs);
}

void Engine::tick() {
  std::lock_guard lock(m_mutex);
  const std::int64_t now = simNowMs();
  for (const auto &s : m_world->advance(now))
    m_slos[s.sloIndex]->counter->add(s.timeMs, s.good, s.total);
  auto sample = m_traceGenerator.sample(*m_world, now);
  for (auto &span : sample.spans)
    m_traces.addSpan(std::move(span));
  for (auto &log : sample.logs)
    m_traces.addLog(std::move(log));
  for (const auto &id : m_policies.expireOverrides(now)) {
    publishOverrideCleared(id);
    publishPolicies();
  }
  publishWorldChanges();
  evaluateSlos(now);
  runPolicies(now);
  publishWorldChanges();
  m_lastTickSimMs = now;
}

void Engine::evaluateSlos(std::int64_t nowMs) {
  for (auto &rt : m_slos) {
    const auto ev = slo::evaluate(rt->spec, *rt->counter, nowMs);
    pxp::v1::SloStatus st;
    st.set_slo_id(rt->spec.id);
    st.set_evaluated_at_ms(nowMs);
    for (const auto &w : ev.windows) {
      auto *pw = st.add_windows();
      pw->set_window(static_cast<pxp::v1::Window>(static_cast<int>(w.window) + 1));
      pw->set_window_seconds(w.seconds);
      pw->set_good_events(w.good);
      pw->set_total_events(w.total);
      pw->set_sli_ratio(w.sli);
      pw->set_burn_rate(w.burnRate);
      pw->set_no_data(w.noData);
      pw->set_low_traffic(w.lowTraffic);
    }
    st.set_attainment_ratio(ev.attainment);
    st.set_budget_remaining_ratio(ev.budgetRemainingRatio);
    st.set_budget_remaining_events(ev.budgetRemainingEvents);
    st.set_budget_total_events(ev.budgetTotalEvents);
    st.set_firing_tier(toProto(ev.tier));
    st.set_state(toProto(ev.state));
    st.set_time_to_exhaustion_seconds(ev.timeToExhaustionSeconds);
    st.set_last_data_ms(ev.lastDataMs);
    const auto &period = ev.windows[slo::kWindowCount - 1];
    st.set_good_events_period(period.good);
    st.set_total_events_period(period.total);
    rt->status = st;
    pxp::v1::Event e;
    *e.mutable_slo_status() = st;
    publish(std::move(e));
    updateAlert(*rt, ev, nowMs);
  }
}

void Engine::updateAlert(SloRuntime &rt, const slo::Evaluation &ev, std::int64_t nowMs) {
  if (ev.tier == rt.activeTier)
    return;
  if (!rt.activeAlertId.empty()) {
    auto &old = m_alerts[rt.activeAlertId];
    old.set_state(pxp::v1::ALERT_STATE_RESOLVED);
    old.set_resolved_at_ms(nowMs);
    pxp::v1::Event e;
    *e.mutable_alert() = old;
    publish(std::move(e));
    rt.activeAlertId.clear();
  }
  rt.activeTier = ev.tier;
  if (ev.tier == slo::Tier::None)
    return;
  pxp::v1::Alert a;
  const bool page = ev.tier == slo::Tier::Page || ev.tier == slo::Tier::PageSlow;
  a.set_id(rt.spec.id + "#" + pxp::v1::AlertTier_Name(toProto(ev.tier)) + "#" + std::to_string(++m_alertCounter));
  a.set_slo_id(rt.spec.id);
  a.set_service(rt.spec.service);
  a.set_owner(rt.spec.owner);
  a.set_severity(page ? pxp::v1::ALERT_SEVERITY_PAGE : pxp::v1::ALERT_SEVERITY_TICKET);
  a.set_tier(toProto(ev.tier));
  a.set_state(pxp::v1::ALERT_STATE_FIRING);
  a.set_fired_at_ms(nowMs);
  a.set_summary(alertSummary(rt.definition, ev, ev.tier));
  a.set_runbook_url(rt.spec.runbookUrl);
  m_alerts[a.id()] = a;
  rt.activeAlertId = a.id();
  pxp::v1::Event e;
  *e.mutable_alert() = a;
  publish(std::move(e));
  // Resolved alerts older than a day leave the live set (they stay in the audit/incident record).
  for (auto it = m_alerts.begin(); it != m_alerts.end();)
    it = (it->second.state() == pxp::v1::ALERT_STATE_RESOLVED && nowMs - it->second.resolved_at_ms() > kResolvedAlertKeepMs)
             ? m_alerts.erase(it)
             : std::next(it);
}

void Engine::runPolicies(std::int64_t nowMs) {
  std::vector<PolicyFacts> facts;
  for (const auto &rt : m_slos) {
    PolicyFacts f;
    f.slo = &rt->definition;
    f.status = &rt->status;
    for (const auto &[id, d] : m_deployments)
      if (d.service() == rt->spec.service && d.strategy() == pxp::v1::DEPLOY_STRATEGY_CANARY &&
          (d.status() == pxp::v1::DEPLOY_STATUS_PROGRESSING || d.status() == pxp::v1::DEPLOY_STATUS_PAUSED))
        f.canary = &d;
    for (const auto &[key, flag] : m_flags)
      if (flag.service() == rt->spec.service)
        f.flag = &flag;
    f.noData = rt->status.state() == pxp::v1::SLO_STATE_NO_DATA;
    f.lowTraffic = !rt->status.windows().empty() && rt->status.windows(0).low_traffic();
    facts.push_back(f);
  }
  std::vector<pxp::v1::PolicyDecision> decisions;
  std::vector<PolicyAction> actions;
  m_policies.evaluate(nowMs, facts, m_killSwitch, decisions, actions);
  for (auto &a : actions) {
    std::string error;
    const auto kind = a.decision.action();
    if (kind == pxp::v1::ACTION_KIND_ROLLBACK)
      error = m_world->rollback(a.deploymentId, nowMs);
    else if (kind == pxp::v1::ACTION_KIND_ABORT_CANARY)
      error = m_world->abortCanary(a.deploymentId, nowMs);
    else if (kind == pxp::v1::ACTION_KIND_DISABLE_FLAG)
      error = m_world->setFlag(a.flagKey, false, -1, "policy:" + a.decision.policy_id(), nowMs);
    else if (kind == pxp::v1::ACTION_KIND_THROTTLE)
      error = m_world->throttle(a.service, 1000, nowMs);
    // NOTIFY and PAGE go to the alert stream; the decision record is the notification.
    if (!error.empty()) {
      a.decision.set_outcome(pxp::v1::DECISION_OUTCOME_FAILED);
      a.decision.set_error(error);
      a.decision.set_explanation("failed to " + a.decision.explanation() + ": " + error);
    } else {
      m_policies.actionExecuted(a.decision.policy_id(), nowMs);
    }
    decisions.push_back(a.decision);
  }
  for (const auto &d : decisions)
    recordDecision(d);
  if (!actions.empty())
    publishPolicies();
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
  a.set_command(pxp::v1::ActionKind_Name(d.action()));
  a.set_target(d.target());
  a.set_reason(d.explanation());
  a.set_ok(d.outcome() != pxp::v1::DECISION_OUTCOME_FAILED);
  a.set_result(pxp::v1::DecisionOutcome_Name(d.outcome()));
  for (const auto &rt : m_slos)
    if (rt->spec.id == d.slo_id())
      a.set_service(rt->spec.service);
  *a.mutable_decision() = d;
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

pxp::v1::Deployment Engine::deploymentProto(const world::SimDeployment &d) const {
  pxp::v1::Deployment p;
  p.set_id(d.id);
  p.set_service(d.service);
  p.set_version(d.version);
  p.set_previous_version(d.previousVersion);
  p.set_strategy(d.canary ? pxp::v1::DEPLOY_STRATEGY_CANARY : pxp::v1::DEPLOY_STRATEGY_ROLLING);
  p.set_weight_percent(d.weightPercent);
  for (int s : d.stepsPercent)
    p.add_steps_percent(s);
  static const std::map<std::string, pxp::v1::DeployStatus> kStatus = {
      {"progressing", pxp::v1::DEPLOY_STATUS_PROGRESSING}, {"paused", pxp::v1::DEPLOY_STATUS_PAUSED},
      {"succeeded", pxp::v1::DEPLOY_STATUS_SUCCEEDED},     {"rolled back", pxp::v1::DEPLOY_STATUS_ROLLED_BACK},
      {"aborted", pxp::v1::DEPLOY_STATUS_ABORTED}};
  const auto it = kStatus.find(d.status);
  p.set_status(it == kStatus.end() ? pxp::v1::DEPLOY_STATUS_FAILED : it->second);
  p.set_started_at_ms(d.startedAtMs);
  p.set_updated_at_ms(d.updatedAtMs);
  p.set_author(d.author);
  if (d.canary) {
    auto *a = p.mutable_analysis();
    a->set_canary_success_ratio(d.canarySuccess);
    a->set_baseline_success_ratio(d.baselineSuccess);
    a->set_canary_p95_latency_ms(180 * d.canaryLatencyFactor * (1 + 5 * d.canaryErrorRatio));
    a->set_baseline_p95_latency_ms(180);
    a->set_window_seconds(300);
    a->set_failed_checks(d.failedChecks);
    a->set_verdict(d.failedChecks >= 3 ? "fail" : d.failedChecks > 0 ? "inconclusive" : "pass");
  }
  return p;
}

pxp::v1::FeatureFlag Engine::flagProto(const world::SimFlag &f) const {
  pxp::v1::FeatureFlag p;
  p.set_key(f.key);
  p.set_description(f.description);
  static const std::map<std::string, pxp::v1::FlagKind> kKinds = {
      {"release", pxp::v1::FLAG_KIND_RELEASE}, {"experiment", pxp::v1::FLAG_KIND_EXPERIMENT},
      {"ops", pxp::v1::FLAG_KIND_OPS}, {"kill switch", pxp::v1::FLAG_KIND_KILL_SWITCH}};
  const auto it = kKinds.find(f.kind);
  p.set_kind(it == kKinds.end() ? pxp::v1::FLAG_KIND_UNSPECIFIED : it->second);
  p.set_enabled(f.enabled);
  p.set_rollout_percent(f.rolloutPercent);
  p.set_owner(f.owner);
  p.set_service(f.service);
  p.set_updated_at_ms(f.updatedAtMs);
  p.set_updated_by(f.updatedBy);
  return p;
}

void Engine::publishWorldChanges() {
  if (m_world->changeCounter() == m_worldChanges && !m_deployments.empty())
    return;
  m_worldChanges = m_world->changeCounter();
  for (const auto &d : m_world->deployments()) {
    auto p = deploymentProto(d);
    auto &cur = m_deployments[d.id];
    if (cur.SerializeAsString() == p.SerializeAsString())
      continue;
    cur = p;
    pxp::v1::Event e;
    *e.mutable_deployment() = p;
    publish(std::move(e));
  }
  for (const auto &f : m_world->flags()) {
    auto p = flagProto(f);
    auto &cur = m_flags[f.key];
    if (cur.SerializeAsString() == p.SerializeAsString())
      continue;
    cur = p;
    pxp::v1::Event e;
    *e.mutable_flag() = p;
    publish(std::move(e));
  }
}

void Engine::publishPolicies() {
  for (const auto &p : m_policies.policies(simNowMs())) {
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

pxp::v1::Snapshot Engine::snapshot(std::int64_t &revision) const {
  std::lock_guard lock(m_mutex);
  pxp::v1::Snapshot s;
  for (const auto &rt : m_slos) {
    *s.add_slos() = rt->definition;
    *s.add_statuses() = rt->status;
  }
  for (const auto &[id, a] : m_alerts)
    *s.add_alerts() = a;
  for (const auto &[id, d] : m_deployments)
    *s.add_deployments() = d;
  for (const auto &[key, f] : m_flags)
    *s.add_flags() = f;
  for (const auto &p : m_policies.policies(simNowMs()))
    *s.add_policies() = p;
  for (const auto &o : m_policies.overrides())
    *s.add_overrides() = o;
  *s.mutable_kill_switch() = m_killSwitch;
  for (const auto &d : m_recentDecisions)
    *s.add_recent_decisions() = d;
  for (const auto &a : m_recentAudit)
    *s.add_recent_audit() = a;
  s.set_server_time_ms(simNowMs());
  s.set_world(m_config.simulate ? "simulated" : "configured");
  s.set_time_scale(m_timeScale);
  revision = m_events.head(); // under m_mutex: no event is appended while we read
  return s;
}

bool Engine::hasSlo(const std::string &id) const {
  std::lock_guard lock(m_mutex);
  return std::any_of(m_slos.begin(), m_slos.end(), [&](const auto &rt) { return rt->spec.id == id; });
}

pxp::v1::SloHistory Engine::history(const pxp::v1::GetSloHistoryRequest &req) const {
  std::lock_guard lock(m_mutex);
  pxp::v1::SloHistory h;
  h.set_slo_id(req.slo_id());
  const SloRuntime *rt = nullptr;
  for (const auto &r : m_slos)
    if (r->spec.id == req.slo_id())
      rt = r.get();
  if (!rt)
    return h;
  const std::int64_t end = req.range().end_ms() ? req.range().end_ms() : simNowMs();
  const std::int64_t start = req.range().start_ms() ? req.range().start_ms() : end - rt->spec.periodSeconds * 1000;
  // A step finer than the stored resolution would leave empty steps: never go below it.
  std::int64_t step = std::max<std::int64_t>(req.step_seconds(), rt->counter->resolutionSecondsAt(start));
  step = std::max<std::int64_t>(step, (end - start) / 1000 / 5000); // at most 5,000 points
  h.set_step_seconds(step);
  const auto buckets = rt->counter->history(start, end, step);
  // Budget burn-down: allowed bad events of the whole period vs bad events so far in it.
  double totalAll = 0, badSoFar = 0;
  for (const auto &b : buckets)
    totalAll += b.total;
  const double allowed = (1 - rt->spec.objective) * totalAll;
  std::deque<std::pair<double, double>> hour; // (good,total) for the 1h burn
  double hourGood = 0, hourTotal = 0;
  const std::size_t perHour = std::max<std::int64_t>(1, 3600 / step);
  for (const auto &b : buckets) {
    const double sli = b.total > 0 ? b.good / b.total : NAN;
    badSoFar += b.total - b.good;
    hour.emplace_back(b.good, b.total);
    hourGood += b.good;
    hourTotal += b.total;
    if (hour.size() > perHour) {
      hourGood -= hour.front().first;
      hourTotal -= hour.front().second;
      hour.pop_front();
    }
    auto add = [&](auto *series, double v) {
      auto *p = series->Add();
      p->set_time_ms(b.startMs);
      p->set_value(v);
    };
    add(h.mutable_sli(), sli);
    add(h.mutable_budget_remaining(), allowed > 0 ? 1 - badSoFar / allowed : NAN);
    add(h.mutable_burn_rate_1h(), hourTotal > 0 ? (1 - hourGood / hourTotal) / (1 - rt->spec.objective) : NAN);
    add(h.mutable_total_events(), b.total);
  }
  return h;
}

pxp::v1::CommandResult Engine::execute(const Identity &who, CommandRequest req) {
  std::lock_guard lock(m_mutex);
  pxp::v1::CommandResult result;
  const auto &key = req.meta.idempotency_key();
  pxp::v1::AuditEntry first;
  switch (m_audit.begin(key, req.command, req.fingerprint, simNowMs(), first)) {
  case AuditLog::KeyState::Completed:
    result.set_ok(first.ok());
    result.set_message(first.ok() ? req.command + " " + first.target() + ": done before (same idempotency key)"
                                  : first.result());
    *result.mutable_audit() = first;
    result.set_replayed(true);
    return result;
  case AuditLog::KeyState::Conflict:
    result.set_ok(false);
    result.set_message("idempotency key " + key + " was used for a different command: use a new key");
    return result;
  case AuditLog::KeyState::InProgress:
    result.set_ok(false);
    result.set_message("a command with idempotency key " + key + " is still in progress; retry in a moment");
    return result;
  case AuditLog::KeyState::New:
    break;
  }
  std::string before, after;
  const std::string error = req.action(who, before, after);
  pxp::v1::AuditEntry a;
  a.set_time_ms(simNowMs());
  a.set_kind(pxp::v1::AUDIT_KIND_COMMAND);
  a.set_actor(who.actor);
  a.set_role(static_cast<pxp::v1::Role>(static_cast<int>(who.role)));
  a.set_command(req.command);
  a.set_target(req.target);
  a.set_reason(req.meta.reason());
  a.set_idempotency_key(key);
  a.set_before(before);
  a.set_after(after);
  a.set_ok(error.empty());
  a.set_result(error.empty() ? "done" : error);
  a.set_service(req.service);
  result.set_ok(error.empty());
  result.set_message(error.empty() ? req.command + " " + req.target + ": done" : error);
  auto stored = m_audit.complete(key, a);
  if (!stored) {
    // The change happened but its record did not land: say so loudly rather than pretend.
    result.set_message(result.message() + "; WARNING: the audit log could not record it: " + stored.error());
    *result.mutable_audit() = a;
  } else {
    *result.mutable_audit() = stored.value();
    publishAudit(stored.value());
  }
  publishWorldChanges();
  return result;
}

void Engine::auditDenied(const Identity &who, const std::string &command, const std::string &target,
                         const pxp::v1::CommandMeta &meta, const std::string &why) {
  std::lock_guard lock(m_mutex);
  pxp::v1::AuditEntry a;
  a.set_time_ms(simNowMs());
  a.set_kind(pxp::v1::AUDIT_KIND_AUTH_DENIED);
  a.set_actor(who.actor);
  a.set_role(static_cast<pxp::v1::Role>(static_cast<int>(who.role)));
  a.set_command(command);
  a.set_target(target);
  a.set_reason(meta.reason());
  a.set_idempotency_key(meta.idempotency_key());
  a.set_ok(false);
  a.set_result(why);
  appendAudit(std::move(a));
}

std::vector<pxp::v1::CostSample> Engine::costs() const {
  std::lock_guard lock(m_mutex);
  std::vector<pxp::v1::CostSample> out;
  std::map<std::string, double> tx; // transactions per hour, from the SLO event rates
  for (const auto &rt : m_slos) {
    const auto sums = rt->counter->sum(m_lastTickSimMs, 3600);
    tx[rt->spec.service] = std::max(tx[rt->spec.service], sums.total);
  }
  for (const auto &[service, perHour] : tx) {
    pxp::v1::CostSample c;
    c.set_service(service);
    c.set_time_ms(m_lastTickSimMs);
    c.set_cost_per_hour_usd(m_world->costPerHourUsd(service));
    c.set_cost_per_1k_transactions_usd(perHour > 0 ? c.cost_per_hour_usd() / perHour * 1000 : NAN);
    c.set_p95_latency_ms(m_world->p95LatencyMs(service, m_lastTickSimMs));
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<pxp::v1::AuditEntry> Engine::queryAudit(const pxp::v1::QueryAuditRequest &req) const {
  std::lock_guard lock(m_mutex);
  return m_audit.query(req);
}

std::string Engine::deploymentService(const std::string &id) const {
  std::lock_guard lock(m_mutex);
  const auto it = m_deployments.find(id);
  return it == m_deployments.end() ? std::string() : it->second.service();
}

std::string Engine::flagService(const std::string &key) const {
  std::lock_guard lock(m_mutex);
  const auto it = m_flags.find(key);
  return it == m_flags.end() ? std::string() : it->second.service();
}

std::string Engine::deploymentJson(const std::string &id) const {
  for (const auto &d : m_world->deployments())
    if (d.id == id)
      return "{\"version\":\"" + d.version + "\",\"weight_percent\":" + std::to_string(d.weightPercent) +
             ",\"status\":\"" + d.status + "\"}";
  return "{}";
}

std::string Engine::flagJson(const std::string &key) const {
  for (const auto &f : m_world->flags())
    if (f.key == key)
      return std::string("{\"enabled\":") + (f.enabled ? "true" : "false") +
             ",\"rollout_percent\":" + std::to_string(f.rolloutPercent) + "}";
  return "{}";
}

} // namespace pxpd
