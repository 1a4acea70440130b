#include "engine/AlertTracker.h"

#include "engine/ProtoMapping.h"
#include "pxp/words/Words.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pxpd {
namespace {

constexpr std::int64_t kResolvedAlertKeepMs = 30LL * 86'400'000;
// A firing alert's figures are published again when they move this much (not every tick).
constexpr double kPeakStep = 0.05;         // relative
constexpr double kBudgetSpentStep = 0.001; // 0.1 % of the period's budget

double burn1h(const slo::Evaluation &ev) {
  for (const auto &w : ev.windows)
    if (w.seconds == 3600)
      return w.burnRate;
  return NAN;
}

// Bad events since firedMs over the period's allowed bad events at nowMs.
double budgetSpent(const SloRuntime &rt, std::int64_t firedMs, std::int64_t nowMs) {
  const auto &counter = rt.counter();
  const auto period = counter.sum(nowMs, rt.spec().periodSeconds);
  const double allowed = (1 - rt.spec().objective) * period.total;
  if (!(allowed > 0))
    return NAN;
  const std::int64_t seconds = std::max<std::int64_t>(1, (nowMs - firedMs + 999) / 1000);
  const auto since = counter.sum(nowMs, seconds);
  return (since.total - since.good) / allowed;
}

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

bool AlertTracker::refresh(pxp::v1::Alert &alert, const SloRuntime &rt, const slo::Evaluation *ev, std::int64_t nowMs) {
  bool moved = false;
  if (ev) {
    const double burn = burn1h(*ev);
    if (std::isfinite(burn) && burn > alert.peak_burn_rate_1h()) {
      moved = burn > alert.peak_burn_rate_1h() * (1 + kPeakStep);
      alert.set_peak_burn_rate_1h(burn);
    }
  }
  const double spent = budgetSpent(rt, alert.fired_at_ms(), nowMs);
  if (std::isfinite(spent)) {
    moved = moved || std::abs(spent - alert.budget_spent_ratio()) >= kBudgetSpentStep;
    alert.set_budget_spent_ratio(spent);
  }
  return moved;
}

void AlertTracker::resolve(SloRuntime &rt, std::int64_t nowMs) {
  if (rt.activeAlertId.empty())
    return;
  auto &old = m_alerts[rt.activeAlertId];
  refresh(old, rt, nullptr, nowMs);
  old.set_state(pxp::v1::ALERT_STATE_RESOLVED);
  old.set_resolved_at_ms(nowMs);
  pxp::v1::Event e;
  *e.mutable_alert() = old;
  m_publish(std::move(e));
  rt.activeAlertId.clear();
  rt.activeTier = slo::Tier::None;
}

void AlertTracker::update(SloRuntime &rt, const slo::Evaluation &ev, std::int64_t nowMs, bool reconstructed) {
  if (nowMs - m_lastPruneMs >= 60'000) { // a quiet day still forgets what is 30 days old
    m_lastPruneMs = nowMs;
    prune(nowMs);
  }
  if (ev.tier == rt.activeTier) {
    if (rt.activeAlertId.empty())
      return;
    auto &firing = m_alerts[rt.activeAlertId];
    if (refresh(firing, rt, &ev, nowMs)) {
      pxp::v1::Event e;
      *e.mutable_alert() = firing;
      m_publish(std::move(e));
    }
    return;
  }
  resolve(rt, nowMs);
  rt.activeTier = ev.tier;
  if (ev.tier == slo::Tier::None)
    return;
  const auto &spec = rt.spec();
  pxp::v1::Alert a;
  // "payments/checkout-availability#page#3": words, like everything a person may read.
  std::string tier(pxp::words::tier(toProto(ev.tier)));
  std::replace(tier.begin(), tier.end(), ' ', '-');
  a.set_id(spec.id + "#" + tier + "#" + std::to_string(++m_counter));
  a.set_slo_id(spec.id);
  a.set_service(spec.service);
  a.set_owner(spec.owner);
  a.set_severity(slo::isPage(ev.tier) ? pxp::v1::ALERT_SEVERITY_PAGE : pxp::v1::ALERT_SEVERITY_TICKET);
  a.set_tier(toProto(ev.tier));
  a.set_state(pxp::v1::ALERT_STATE_FIRING);
  a.set_fired_at_ms(nowMs);
  a.set_summary(alertSummary(rt.definition(), ev, ev.tier));
  a.set_runbook_url(spec.runbookUrl);
  a.set_reconstructed(reconstructed);
  a.set_peak_burn_rate_1h(std::isfinite(burn1h(ev)) ? burn1h(ev) : 0);
  m_alerts[a.id()] = a;
  rt.activeAlertId = a.id();
  pxp::v1::Event e;
  *e.mutable_alert() = std::move(a);
  m_publish(std::move(e));
  prune(nowMs);
}

void AlertTracker::prune(std::int64_t nowMs) {
  // Resolved alerts older than 30 days leave (they stay in the incident record), and the
  // history holds at most kMaxResolved: the oldest resolved go first.
  std::vector<std::pair<std::int64_t, std::string>> resolved; // (resolved at, id)
  for (auto it = m_alerts.begin(); it != m_alerts.end();) {
    if (it->second.state() != pxp::v1::ALERT_STATE_RESOLVED) {
      ++it;
    } else if (nowMs - it->second.resolved_at_ms() > kResolvedAlertKeepMs) {
      it = m_alerts.erase(it);
    } else {
      resolved.emplace_back(it->second.resolved_at_ms(), it->first);
      ++it;
    }
  }
  if (resolved.size() <= kMaxResolved)
    return;
  std::sort(resolved.begin(), resolved.end());
  for (std::size_t i = 0; i + kMaxResolved < resolved.size(); ++i)
    m_alerts.erase(resolved[i].second);
}

} // namespace pxpd
