#include "engine/ProtoMapping.h"

#include <map>

namespace pxpd {

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

void fillStatus(const slo::Evaluation &ev, std::int64_t nowMs, pxp::v1::SloStatus &st) {
  st.set_evaluated_at_ms(nowMs);
  while (st.windows_size() > static_cast<int>(ev.windows.size()))
    st.mutable_windows()->RemoveLast();
  for (std::size_t i = 0; i < ev.windows.size(); ++i) {
    const auto &w = ev.windows[i];
    auto *pw = static_cast<int>(i) < st.windows_size() ? st.mutable_windows(static_cast<int>(i)) : st.add_windows();
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
  st.clear_error();
  const auto &period = ev.windows[slo::kWindowCount - 1];
  st.set_good_events_period(period.good);
  st.set_total_events_period(period.total);
}

pxp::v1::Deployment toProto(const world::SimDeployment &d) {
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
      {"progressing", pxp::v1::DEPLOY_STATUS_PROGRESSING},
      {"paused", pxp::v1::DEPLOY_STATUS_PAUSED},
      {"succeeded", pxp::v1::DEPLOY_STATUS_SUCCEEDED},
      {"rolled back", pxp::v1::DEPLOY_STATUS_ROLLED_BACK},
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
    // The verdict says how many of the analysis's checks failed, in the words every view uses.
    const std::string checks = std::to_string(d.failedChecks) + " of 3 checks failed";
    a->set_verdict(d.failedChecks >= 3 ? "fail: " + checks : d.failedChecks > 0 ? "failing: " + checks : "pass");
  }
  return p;
}

pxp::v1::FeatureFlag toProto(const world::SimFlag &f) {
  pxp::v1::FeatureFlag p;
  p.set_key(f.key);
  p.set_description(f.description);
  static const std::map<std::string, pxp::v1::FlagKind> kKinds = {{"release", pxp::v1::FLAG_KIND_RELEASE},
                                                                  {"experiment", pxp::v1::FLAG_KIND_EXPERIMENT},
                                                                  {"ops", pxp::v1::FLAG_KIND_OPS},
                                                                  {"kill switch", pxp::v1::FLAG_KIND_KILL_SWITCH}};
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

} // namespace pxpd
