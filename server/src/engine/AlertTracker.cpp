#include "engine/AlertTracker.h"

#include "engine/ProtoMapping.h"

#include <cstdio>

namespace pxpd {
namespace {

constexpr std::int64_t kResolvedAlertKeepMs = 86'400'000;

std::string alertSummary(const pxp::v1::SloDefinition &d, const slo::Evaluation &ev, slo::Tier tier) {
  // Long and short windows of each tier, from the SRE Workbook table.
  static const std::map<slo::Tier, std::pair<int, int>> kWindows = {{slo::Tier::Page, {2, 0}},
                                                                    {slo::Tier::PageSlow, {4, 1}},
                                                                    {slo::Tier::Ticket, {5, 3}},
                                                                    {slo::Tier::TicketSlow, {6, 4}}};
  const auto [lw, sw] = kWindows.at(tier);
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s burning %.1fx over %s and %.1fx over %s", d.name().c_str(),
                ev.windows[lw].burnRate, std::string(slo::windowName(ev.windows[lw].window)).c_str(),
                ev.windows[sw].burnRate, std::string(slo::windowName(ev.windows[sw].window)).c_str());
  return buf;
}

} // namespace

void AlertTracker::resolve(SloRuntime &rt, std::int64_t nowMs) {
  if (rt.activeAlertId.empty())
    return;
  auto &old = m_alerts[rt.activeAlertId];
  old.set_state(pxp::v1::ALERT_STATE_RESOLVED);
  old.set_resolved_at_ms(nowMs);
  pxp::v1::Event e;
  *e.mutable_alert() = old;
  m_publish(std::move(e));
  rt.activeAlertId.clear();
  rt.activeTier = slo::Tier::None;
}

void AlertTracker::update(SloRuntime &rt, const slo::Evaluation &ev, std::int64_t nowMs) {
  if (ev.tier == rt.activeTier)
    return;
  resolve(rt, nowMs);
  rt.activeTier = ev.tier;
  if (ev.tier == slo::Tier::None)
    return;
  const auto &spec = rt.spec();
  pxp::v1::Alert a;
  a.set_id(spec.id + "#" + pxp::v1::AlertTier_Name(toProto(ev.tier)) + "#" + std::to_string(++m_counter));
  a.set_slo_id(spec.id);
  a.set_service(spec.service);
  a.set_owner(spec.owner);
  a.set_severity(slo::isPage(ev.tier) ? pxp::v1::ALERT_SEVERITY_PAGE : pxp::v1::ALERT_SEVERITY_TICKET);
  a.set_tier(toProto(ev.tier));
  a.set_state(pxp::v1::ALERT_STATE_FIRING);
  a.set_fired_at_ms(nowMs);
  a.set_summary(alertSummary(rt.definition(), ev, ev.tier));
  a.set_runbook_url(spec.runbookUrl);
  m_alerts[a.id()] = a;
  rt.activeAlertId = a.id();
  pxp::v1::Event e;
  *e.mutable_alert() = std::move(a);
  m_publish(std::move(e));
  prune(nowMs);
}

void AlertTracker::prune(std::int64_t nowMs) {
  // Resolved alerts older than a day leave the live set (they stay in the audit/incident record).
  for (auto it = m_alerts.begin(); it != m_alerts.end();)
    it = (it->second.state() == pxp::v1::ALERT_STATE_RESOLVED &&
          nowMs - it->second.resolved_at_ms() > kResolvedAlertKeepMs)
             ? m_alerts.erase(it)
             : std::next(it);
}

} // namespace pxpd
