// The chart series of one SLO (GetSloHistory) against counts the test plants: the 1h burn and
// the budget read the same windows as the live status, the first point of a range already sees
// the hour before it, nothing is drawn after now, and the bad events over the period's budget
// give the share an incident spent (1 h at 14.4x on a 30-day SLO = 2.0 %). And the alert
// history the executive's incidents come from: fired and resolved times, the peak 1h burn and
// the budget spent while firing, kept after resolution.

#include "engine/AlertTracker.h"
#include "engine/SloHistory.h"
#include "engine/SloRuntime.h"

#include <QTest>

#include <cmath>
#include <map>

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;
constexpr std::int64_t kNow = 1'764'000'000'000 / kHourMs * kHourMs; // on the hour: period edges are exact
constexpr double kEventsPerMinute = 1250; // 18 bad a minute at 14.4x: whole events, exact in the counter
constexpr double kPageBurn = 14.4;

pxpd::slo::SloSpec spec() {
  pxpd::slo::SloSpec s;
  s.id = "payments/checkout-availability";
  s.name = "checkout-availability";
  s.service = "payments";
  s.objective = 0.999;
  s.periodSeconds = 30 * 86400;
  return s;
}

// 31 days of clean traffic, then the last hour burning at 14.4x: 1,250 events a minute, each
// minute's events counted at its middle.
void plant(pxpd::SloRuntime &rt) {
  const double badShare = kPageBurn * (1 - rt.spec().objective);
  for (std::int64_t t = kNow - 31 * kDayMs; t < kNow; t += kMinuteMs) {
    const bool incident = t >= kNow - kHourMs;
    const double bad = incident ? kEventsPerMinute * badShare : 0;
    rt.counter().add(t + kMinuteMs / 2, kEventsPerMinute - bad, kEventsPerMinute);
  }
}

pxp::v1::SloHistory history(const pxpd::SloRuntime &rt, std::int64_t startMs, std::int64_t endMs, int step) {
  pxp::v1::GetSloHistoryRequest req;
  req.set_slo_id(rt.spec().id);
  req.mutable_range()->set_start_ms(startMs);
  req.mutable_range()->set_end_ms(endMs);
  req.set_step_seconds(step);
  return pxpd::sloHistory(rt, req, kNow);
}

double statusBurn1h(const pxp::v1::SloStatus &status) {
  for (const auto &w : status.windows())
    if (w.window_seconds() == 3600)
      return w.burn_rate();
  return NAN;
}

} // namespace

class TestSloHistory : public QObject {
  Q_OBJECT
private slots:
  void rollingFiguresMatchTheLiveStatus() {
    pxpd::SloRuntime rt(spec(), "");
    plant(rt);
    rt.evaluate(kNow);
    const auto h = history(rt, kNow - 10 * kMinuteMs, kNow, 60);
    QCOMPARE(h.burn_rate_1h_size(), 10);
    // The latest point is the status the alert and the on-call table show: 14.4x, 98 % left.
    QCOMPARE(h.burn_rate_1h().rbegin()->time_ms(), kNow);
    QCOMPARE(statusBurn1h(rt.status()), kPageBurn);
    QCOMPARE(h.burn_rate_1h().rbegin()->value(), statusBurn1h(rt.status()));
    QCOMPARE(h.budget_remaining().rbegin()->value(), rt.status().budget_remaining_ratio());
    QCOMPARE(h.budget_remaining().rbegin()->value(), 0.98);
    QCOMPARE(h.budget_events().rbegin()->value(), rt.status().budget_total_events());
    QCOMPARE(h.budget_events().rbegin()->value(), 0.001 * 30 * 1440 * kEventsPerMinute); // 54,000
    // The first point (the hour ending 9 minutes ago) holds 9 clean minutes and 51 burning
    // ones: 14.4 x 51 / 60 = 12.24x, not the 14.4x of the single step inside the range.
    QCOMPARE(h.burn_rate_1h(0).time_ms(), kNow - 9 * kMinuteMs);
    QCOMPARE(h.burn_rate_1h(0).value(), kPageBurn * 51 / 60);
  }

  void nothingIsDrawnAfterNow() {
    pxpd::SloRuntime rt(spec(), "");
    plant(rt);
    const auto h = history(rt, kNow - 10 * kMinuteMs, kNow + 30 * kMinuteMs, 60);
    QCOMPARE(h.burn_rate_1h_size(), 10);
    for (const auto *series :
         {&h.sli(), &h.budget_remaining(), &h.burn_rate_1h(), &h.total_events(), &h.bad_events(), &h.budget_events()}) {
      QVERIFY(!series->empty());
      QVERIFY2(series->rbegin()->time_ms() <= kNow, "a point after now");
    }
    QVERIFY(history(rt, kNow + kMinuteMs, kNow + kHourMs, 60).burn_rate_1h().empty());
  }

  void badEventsOverThePeriodBudgetGiveTheShareSpent() {
    pxpd::SloRuntime rt(spec(), "");
    plant(rt);
    // The incident chart's range: 30 minutes before the hour of burning, to now.
    const auto h = history(rt, kNow - 90 * kMinuteMs, kNow, 60);
    double bad = 0;
    for (const auto &p : h.bad_events())
      bad += p.time_ms() >= kNow - kHourMs ? p.value() : 0;
    QCOMPARE(bad, 60 * kEventsPerMinute * kPageBurn * 0.001); // 1,080 bad events
    QCOMPARE(bad / h.budget_events().rbegin()->value(), 0.02);
  }

  void alertHistoryKeepsFiredResolvedPeakAndSpend() {
    // 31 clean days, then 10 minutes failing 10 % of checkouts (100x on 99.9 %), then clean.
    pxpd::SloRuntime rt(spec(), "");
    const std::int64_t outageStart = kNow - kHourMs, outageEnd = outageStart + 10 * kMinuteMs;
    const double badPerMinute = 0.1 * kEventsPerMinute; // 125
    std::vector<pxp::v1::Event> published;
    pxpd::AlertTracker tracker([&](pxp::v1::Event e) { published.push_back(std::move(e)); });
    std::map<std::int64_t, double> allowedAt; // tick -> the status's allowed bad events
    for (std::int64_t t = kNow - 31 * kDayMs; t < kNow; t += kMinuteMs) {
      const bool outage = t >= outageStart && t < outageEnd;
      rt.counter().add(t + kMinuteMs / 2, kEventsPerMinute - (outage ? badPerMinute : 0), kEventsPerMinute);
      if (t >= outageStart - 10 * kMinuteMs) { // evaluate each minute around the outage, as the ticks do
        const auto ev = rt.evaluate(t + kMinuteMs);
        allowedAt[t + kMinuteMs] = ev.budgetTotalEvents;
        tracker.update(rt, ev, t + kMinuteMs);
      }
    }
    QCOMPARE(tracker.alerts().size(), std::size_t(1));
    const pxp::v1::Alert &a = tracker.alerts().begin()->second;
    QCOMPARE(a.tier(), pxp::v1::ALERT_TIER_PAGE);
    QCOMPARE(a.state(), pxp::v1::ALERT_STATE_RESOLVED);
    // Fires once the hour holds 9 failing minutes (100 x 9 / 60 = 15x >= 14.4x), resolves once
    // the 5m window is clean of them.
    QCOMPARE(a.fired_at_ms(), outageStart + 9 * kMinuteMs);
    QCOMPARE(a.resolved_at_ms(), outageEnd + 5 * kMinuteMs);
    QVERIFY(!a.reconstructed());
    // The peak is the 1h burn with all ten minutes in it: 100 x 10 / 60.
    QCOMPARE(a.peak_burn_rate_1h(), 100.0 * 10 / 60);
    // Spent while firing: the one failing minute after it fired, over the allowed bad events of
    // the period the status read when it resolved (~54,000; its start edge is exact to the hour).
    const double allowed = allowedAt.at(a.resolved_at_ms());
    QVERIFY(std::abs(allowed - 0.001 * 30 * 1440 * kEventsPerMinute) <= 0.001 * 60 * kEventsPerMinute);
    QCOMPARE(a.budget_spent_ratio(), badPerMinute / allowed);
    // Fired, moved and resolved: published as it went, not once per tick.
    QVERIFY(published.size() >= 2 && published.size() <= 6);
    QCOMPARE(published.back().alert().state(), pxp::v1::ALERT_STATE_RESOLVED);

    // Kept for 30 days after it resolved, then forgotten.
    const pxpd::slo::Evaluation quiet = rt.evaluate(kNow);
    const std::int64_t resolvedAt = a.resolved_at_ms();
    tracker.update(rt, quiet, resolvedAt + 29 * kDayMs);
    QCOMPARE(tracker.alerts().size(), std::size_t(1));
    tracker.update(rt, quiet, resolvedAt + 31 * kDayMs);
    QCOMPARE(tracker.alerts().size(), std::size_t(0));
  }

  void anUnmeasuredSloHasNoPoints() {
    pxpd::SloRuntime rt(spec(), "the Prometheus source is not configured");
    const auto h = history(rt, kNow - kHourMs, kNow, 60);
    QVERIFY(h.burn_rate_1h().empty() && h.budget_remaining().empty() && h.sli().empty());
  }
};

QTEST_GUILESS_MAIN(TestSloHistory)
#include "tst_slo_history.moc"
