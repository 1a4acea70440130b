// Burn-rate math, alert tiers and error budget, pinned to the SRE Workbook's numbers
// (chapter 5, "Alerting on SLOs"): 14.4x over 1h spends 2% of a 30-day budget, 6x over 6h 5%,
// 3x over 1d 10%, 1x over 3d 10%.

#include "SloTraffic.h"

#include "pxpd/slo/AlertPolicy.h"
#include "pxpd/slo/Evaluate.h"

#include <QtTest/QTest>

#include <array>
#include <limits>

using namespace pxpd::slo;
using namespace slotest;

Q_DECLARE_METATYPE(pxpd::slo::Tier)
Q_DECLARE_METATYPE(pxpd::slo::State)
Q_DECLARE_METATYPE(pxpd::slo::Window)
using TierConditions = std::array<bool, pxpd::slo::kTierCount>; // indexed by Tier
Q_DECLARE_METATYPE(TierConditions)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::int64_t k30Days = 30 * kDayMs;

SloSpec specFor(std::int64_t periodDays = 30, double objective = 0.999, std::int64_t minEvents = 0) {
  SloSpec s;
  s.id = "payments/checkout-availability";
  s.objective = objective;
  s.periodSeconds = periodDays * 86400;
  s.minEventsPerWindow = minEvents;
  return s;
}

// A full period of traffic at 100,000 events a minute with the given burn in its last hoursMs.
Evaluation evaluateBurn(double burn, std::int64_t burnMs, std::int64_t periodDays = 30) {
  const SloSpec spec = specFor(periodDays);
  EventCounter counter(spec.periodSeconds);
  feed(counter, spec.objective, periodDays * kDayMs, {{burnMs, 0, burn}});
  return evaluate(spec, counter, kNowMs);
}

} // namespace

class TestBurnRate : public QObject {
  Q_OBJECT

private slots:
  void burnRateFormula_data();
  void burnRateFormula();
  void policyThresholds_data();
  void policyThresholds();
  void workbookBudgetConsumption_data();
  void workbookBudgetConsumption();
  void bothWindowsMustBurn_data();
  void bothWindowsMustBurn();
  void slowerTiersAreSuppressed_data();
  void slowerTiersAreSuppressed();
  void lowTrafficGuard_data();
  void lowTrafficGuard();
  void noDataIsNotGood();
  void staleDataIsNoData();
  void budgetStates_data();
  void budgetStates();
  void budgetAndTimeToExhaustion();
  void sevenDayPeriodScales_data();
  void sevenDayPeriodScales();
  void invalidObjectiveIsError();
};

void TestBurnRate::burnRateFormula_data() {
  QTest::addColumn<double>("good");
  QTest::addColumn<double>("total");
  QTest::addColumn<double>("objective");
  QTest::addColumn<double>("expected");
  QTest::newRow("exactly on objective burns 1x") << 999.0 << 1000.0 << 0.999 << 1.0;
  QTest::newRow("all good burns nothing") << 1000.0 << 1000.0 << 0.999 << 0.0;
  QTest::newRow("all bad at 99.9% burns 1000x") << 0.0 << 1000.0 << 0.999 << 1000.0;
  QTest::newRow("1.44% errors at 99.9% is the 14.4x page") << 98560.0 << 100000.0 << 0.999 << 14.4;
  QTest::newRow("2% errors at 99% burns 2x") << 98.0 << 100.0 << 0.99 << 2.0;
  QTest::newRow("no events is no burn rate, not zero") << 0.0 << 0.0 << 0.999 << kNaN;
}

void TestBurnRate::burnRateFormula() {
  QFETCH(double, good);
  QFETCH(double, total);
  QFETCH(double, objective);
  QFETCH(double, expected);
  SLO_COMPARE_NEAR(burnRate(good, total, objective), expected);
}

void TestBurnRate::policyThresholds_data() {
  QTest::addColumn<int>("periodDays");
  QTest::addColumn<Tier>("tier");
  QTest::addColumn<Window>("longWindow");
  QTest::addColumn<Window>("shortWindow");
  QTest::addColumn<double>("threshold");
  QTest::addColumn<double>("budgetFraction");
  // The Workbook's 30-day table.
  QTest::newRow("30d page 14.4x 1h+5m") << 30 << Tier::Page << Window::H1 << Window::M5 << 14.4 << 0.02;
  QTest::newRow("30d page 6x 6h+30m") << 30 << Tier::PageSlow << Window::H6 << Window::M30 << 6.0 << 0.05;
  QTest::newRow("30d ticket 3x 1d+2h") << 30 << Tier::Ticket << Window::D1 << Window::H2 << 3.0 << 0.10;
  QTest::newRow("30d ticket 1x 3d+6h") << 30 << Tier::TicketSlow << Window::D3 << Window::H6 << 1.0 << 0.10;
  // burn = fraction * period / long window.
  QTest::newRow("28d page 13.44x") << 28 << Tier::Page << Window::H1 << Window::M5 << 13.44 << 0.02;
  QTest::newRow("28d ticket 0.933x") << 28 << Tier::TicketSlow << Window::D3 << Window::H6 << 0.1 * 28 / 3 << 0.10;
  QTest::newRow("7d page 3.36x") << 7 << Tier::Page << Window::H1 << Window::M5 << 3.36 << 0.02;
  QTest::newRow("7d page 1.4x") << 7 << Tier::PageSlow << Window::H6 << Window::M30 << 1.4 << 0.05;
  QTest::newRow("7d ticket 0.7x") << 7 << Tier::Ticket << Window::D1 << Window::H2 << 0.7 << 0.10;
  QTest::newRow("7d ticket 0.233x") << 7 << Tier::TicketSlow << Window::D3 << Window::H6 << 0.7 / 3 << 0.10;
}

void TestBurnRate::policyThresholds() {
  QFETCH(int, periodDays);
  QFETCH(Tier, tier);
  QFETCH(Window, longWindow);
  QFETCH(Window, shortWindow);
  QFETCH(double, threshold);
  QFETCH(double, budgetFraction);
  const AlertPolicy policy = AlertPolicy::forPeriod(std::int64_t{periodDays} * 86400);
  const AlertPolicy::Rule rule = policy.rule(tier);
  QCOMPARE(rule.tier, tier);
  QCOMPARE(rule.longWindow, longWindow);
  QCOMPARE(rule.shortWindow, shortWindow);
  SLO_COMPARE_NEAR(rule.burnThreshold, threshold);
  SLO_COMPARE_NEAR(rule.budgetFraction, budgetFraction);
  // Rules are ordered most urgent first, which is what suppression relies on.
  QCOMPARE(policy.rules[0].tier, Tier::Page);
  QCOMPARE(policy.rules[3].tier, Tier::TicketSlow);
}

void TestBurnRate::workbookBudgetConsumption_data() {
  QTest::addColumn<double>("burn");
  QTest::addColumn<qint64>("burnMs");
  QTest::addColumn<Window>("longWindow");
  QTest::addColumn<Tier>("tier");
  QTest::addColumn<State>("state");
  QTest::addColumn<double>("budgetRemainingRatio");
  QTest::newRow("14.4x for 1h spends 2%")
      << 14.4 << qint64(kHourMs) << Window::H1 << Tier::Page << State::Critical << 0.98;
  QTest::newRow("6x for 6h spends 5%") << 6.0 << qint64(6 * kHourMs) << Window::H6 << Tier::PageSlow << State::Critical
                                       << 0.95;
  QTest::newRow("3x for 1d spends 10%") << 3.0 << qint64(kDayMs) << Window::D1 << Tier::Ticket << State::Warning
                                        << 0.90;
  // Burning at exactly the threshold fires: 0.999 is not exact in binary, the rule must still hold.
  QTest::newRow("1x for 3d spends 10%") << 1.0 << qint64(3 * kDayMs) << Window::D3 << Tier::TicketSlow << State::Warning
                                        << 0.90;
}

void TestBurnRate::workbookBudgetConsumption() {
  QFETCH(double, burn);
  QFETCH(qint64, burnMs);
  QFETCH(Window, longWindow);
  QFETCH(Tier, tier);
  QFETCH(State, state);
  QFETCH(double, budgetRemainingRatio);

  const Evaluation e = evaluateBurn(burn, burnMs);

  SLO_COMPARE_NEAR(e.at(longWindow).burnRate, burn);
  SLO_COMPARE_NEAR(e.budgetRemainingRatio, budgetRemainingRatio);
  QCOMPARE(e.tier, tier);
  QCOMPARE(e.state, state);
  // In events: 30 days * 1440 min * 100,000 = 4.32e9 events, a budget of 4.32e6 bad ones.
  SLO_COMPARE_NEAR(e.budgetTotalEvents, 4.32e6);
  SLO_COMPARE_NEAR(e.budgetRemainingEvents, 4.32e6 * budgetRemainingRatio);
}

void TestBurnRate::bothWindowsMustBurn_data() {
  QTest::addColumn<qint64>("fromAgoMs");
  QTest::addColumn<qint64>("toAgoMs");
  QTest::addColumn<double>("burn");
  QTest::addColumn<Tier>("rule");
  QTest::addColumn<bool>("holds");
  QTest::addColumn<Tier>("tier");
  QTest::newRow("1h and 5m at 15x: page") << qint64(kHourMs) << qint64(0) << 15.0 << Tier::Page << true << Tier::Page;
  // 1h burns 20 * 55/60 = 18.3x, but the last 5 minutes are clean: the incident is over.
  QTest::newRow("1h at 18x, 5m recovered: no page")
      << qint64(kHourMs) << qint64(5 * kMinuteMs) << 20.0 << Tier::Page << false << Tier::None;
  // 5m burns 100x, 1h only 100 * 5/60 = 8.3x: a blip, not worth waking anyone.
  QTest::newRow("5m spike at 100x, 1h at 8x: no page")
      << qint64(5 * kMinuteMs) << qint64(0) << 100.0 << Tier::Page << false << Tier::None;
  QTest::newRow("6h and 30m at 7x: slow page")
      << qint64(6 * kHourMs) << qint64(0) << 7.0 << Tier::PageSlow << true << Tier::PageSlow;
  QTest::newRow("6h at 6.4x, 30m recovered: no slow page")
      << qint64(6 * kHourMs) << qint64(30 * kMinuteMs) << 7.0 << Tier::PageSlow << false << Tier::None;
  QTest::newRow("1d and 2h at 3.5x: ticket")
      << qint64(kDayMs) << qint64(0) << 3.5 << Tier::Ticket << true << Tier::Ticket;
  // 1d burns 3.5 * 22/24 = 3.2x with a clean last 2h; the 3d+6h slow ticket (1.07x, 2.3x) still holds.
  QTest::newRow("1d at 3.2x, 2h recovered: slow ticket only")
      << qint64(kDayMs) << qint64(2 * kHourMs) << 3.5 << Tier::Ticket << false << Tier::TicketSlow;
  QTest::newRow("3d and 6h at 1.2x: slow ticket")
      << qint64(3 * kDayMs) << qint64(0) << 1.2 << Tier::TicketSlow << true << Tier::TicketSlow;
  QTest::newRow("3d at 1.1x, 6h recovered: none")
      << qint64(3 * kDayMs) << qint64(6 * kHourMs) << 1.2 << Tier::TicketSlow << false << Tier::None;
}

void TestBurnRate::bothWindowsMustBurn() {
  QFETCH(qint64, fromAgoMs);
  QFETCH(qint64, toAgoMs);
  QFETCH(double, burn);
  QFETCH(Tier, rule);
  QFETCH(bool, holds);
  QFETCH(Tier, tier);
  const SloSpec spec = specFor();
  EventCounter counter(spec.periodSeconds);
  feed(counter, spec.objective, k30Days, {{fromAgoMs, toAgoMs, burn}});
  const Evaluation e = evaluate(spec, counter, kNowMs);
  const AlertPolicy::Rule r = AlertPolicy::forPeriod(spec.periodSeconds).rule(rule);
  // In every row one of the two windows is over the threshold: the other one decides.
  QVERIFY(e.at(r.longWindow).burnRate >= r.burnThreshold || e.at(r.shortWindow).burnRate >= r.burnThreshold);
  QCOMPARE(e.condition(rule), holds);
  QCOMPARE(e.tier, tier);
}

void TestBurnRate::slowerTiersAreSuppressed_data() {
  QTest::addColumn<double>("burn");
  QTest::addColumn<Tier>("tier");
  QTest::addColumn<TierConditions>("conditions"); // None, TicketSlow, Ticket, PageSlow, Page
  QTest::newRow("20x for 3 days: one page, not four")
      << 20.0 << Tier::Page << TierConditions{false, true, true, true, true};
  QTest::newRow("7x for 3 days: slow page over two tickets")
      << 7.0 << Tier::PageSlow << TierConditions{false, true, true, true, false};
  QTest::newRow("4x for 3 days: ticket over slow ticket")
      << 4.0 << Tier::Ticket << TierConditions{false, true, true, false, false};
}

void TestBurnRate::slowerTiersAreSuppressed() {
  QFETCH(double, burn);
  QFETCH(Tier, tier);
  QFETCH(TierConditions, conditions);
  const Evaluation e = evaluateBurn(burn, 3 * kDayMs);
  QCOMPARE(e.tier, tier);
  QCOMPARE(e.tierConditions, conditions);
}

void TestBurnRate::lowTrafficGuard_data() {
  QTest::addColumn<qint64>("minEvents");
  QTest::addColumn<double>("failedRequests");
  QTest::addColumn<Tier>("tier");
  QTest::addColumn<bool>("lowTraffic");
  // The same single failure is a 1000x burn in both page windows: only the guard stops it.
  QTest::newRow("no guard: one failed request pages") << qint64(0) << 1.0 << Tier::Page << false;
  QTest::newRow("guard of 10: one failed request does not page") << qint64(10) << 1.0 << Tier::None << true;
  QTest::newRow("guard of 10: 100 failed requests still page") << qint64(10) << 100.0 << Tier::Page << false;
}

void TestBurnRate::lowTrafficGuard() {
  QFETCH(qint64, minEvents);
  QFETCH(double, failedRequests);
  QFETCH(Tier, tier);
  QFETCH(bool, lowTraffic);
  const SloSpec spec = specFor(30, 0.999, minEvents);
  EventCounter counter(spec.periodSeconds);
  counter.add(kNowMs - kMinuteMs, 0, failedRequests); // otherwise the service was idle
  const Evaluation e = evaluate(spec, counter, kNowMs);
  QCOMPARE(e.tier, tier);
  QCOMPARE(e.at(Window::M5).lowTraffic, lowTraffic);
  QCOMPARE(e.at(Window::H1).lowTraffic, lowTraffic);
  QVERIFY(!e.at(Window::M5).noData);
}

void TestBurnRate::noDataIsNotGood() {
  const SloSpec spec = specFor();
  const EventCounter silent(spec.periodSeconds);
  const Evaluation none = evaluate(spec, silent, kNowMs);
  QCOMPARE(none.state, State::NoData);
  QCOMPARE(none.tier, Tier::None);
  for (const WindowResult &w : none.windows) {
    QVERIFY(w.noData);
    QVERIFY(std::isnan(w.sli));
    QVERIFY(std::isnan(w.burnRate));
  }
  QVERIFY(std::isnan(none.attainment));
  QCOMPARE(none.budgetRemainingRatio, 1.0);
  QCOMPARE(none.timeToExhaustionSeconds, kInf);
  QCOMPARE(none.lastDataMs, qint64(0));

  EventCounter healthy(spec.periodSeconds);
  feed(healthy, spec.objective, kHourMs, {});
  const Evaluation good = evaluate(spec, healthy, kNowMs);
  QCOMPARE(good.state, State::Ok);
  QCOMPARE(good.at(Window::M5).burnRate, 0.0);
  QCOMPARE(good.attainment, 1.0);
  QCOMPARE(good.timeToExhaustionSeconds, kInf);
  QCOMPARE(good.lastDataMs, kNowMs);
}

void TestBurnRate::staleDataIsNoData() {
  const SloSpec spec = specFor();
  EventCounter counter(spec.periodSeconds);
  feed(counter, spec.objective, kDayMs, {}, kNowMs - 2 * kDayMs); // nothing in the last two days
  const Evaluation e = evaluate(spec, counter, kNowMs);
  QCOMPARE(e.state, State::NoData);
  QVERIFY(e.at(Window::M5).noData);
  QVERIFY(e.at(Window::H1).noData);
  QVERIFY(!e.at(Window::Period).noData);
  QCOMPARE(e.attainment, 1.0);
  QCOMPARE(e.lastDataMs, kNowMs - 2 * kDayMs);
}

void TestBurnRate::budgetStates_data() {
  QTest::addColumn<qint64>("fromAgoMs");
  QTest::addColumn<qint64>("toAgoMs");
  QTest::addColumn<double>("burn");
  QTest::addColumn<double>("budgetRemainingRatio");
  QTest::addColumn<Tier>("tier");
  QTest::addColumn<State>("state");
  // Old burns: the 3d and 6h windows are clean, so only the budget speaks.
  QTest::newRow("70% spent long ago: ok")
      << qint64(30 * kDayMs) << qint64(9 * kDayMs) << 1.0 << 0.30 << Tier::None << State::Ok;
  QTest::newRow("80% spent: under a quarter left warns")
      << qint64(30 * kDayMs) << qint64(6 * kDayMs) << 1.0 << 0.20 << Tier::None << State::Warning;
  QTest::newRow("1.1x for 28 days: overspent is critical without an alert")
      << qint64(30 * kDayMs) << qint64(2 * kDayMs) << 1.1 << 1.0 - 28 * 1.1 / 30 << Tier::None << State::Critical;
  // Burning at exactly the objective for the whole period spends exactly the whole budget.
  QTest::newRow("1x for the whole period: spent to the last event")
      << qint64(30 * kDayMs) << qint64(0) << 1.0 << 0.0 << Tier::TicketSlow << State::Critical;
}

void TestBurnRate::budgetStates() {
  QFETCH(qint64, fromAgoMs);
  QFETCH(qint64, toAgoMs);
  QFETCH(double, burn);
  QFETCH(double, budgetRemainingRatio);
  QFETCH(Tier, tier);
  QFETCH(State, state);
  const SloSpec spec = specFor();
  EventCounter counter(spec.periodSeconds);
  feed(counter, spec.objective, k30Days, {{fromAgoMs, toAgoMs, burn}});
  const Evaluation e = evaluate(spec, counter, kNowMs);
  SLO_COMPARE_NEAR(e.budgetRemainingRatio, budgetRemainingRatio);
  QCOMPARE(e.tier, tier);
  QCOMPARE(e.state, state);
  if (budgetRemainingRatio <= 0)
    QCOMPARE(e.timeToExhaustionSeconds, 0.0);
}

void TestBurnRate::budgetAndTimeToExhaustion() {
  // 30 days of 100,000 events a minute, clean except the last hour at 14.4x:
  //   total 4.32e9 events, budget 0.1% = 4,320,000 bad events;
  //   last hour: 60 min * 1,440 bad = 86,400 bad = 2% of the budget -> 98% left;
  //   at 14.4x the whole budget lasts 30d / 14.4 = 50 h, so 98% of it lasts 49 h.
  const Evaluation e = evaluateBurn(14.4, kHourMs);
  SLO_COMPARE_NEAR(e.budgetTotalEvents, 4'320'000.0);
  SLO_COMPARE_NEAR(e.budgetRemainingEvents, 4'320'000.0 - 86'400.0);
  SLO_COMPARE_NEAR(e.budgetRemainingRatio, 0.98);
  SLO_COMPARE_NEAR(e.attainment, 1.0 - 86'400.0 / 4.32e9);
  SLO_COMPARE_NEAR(e.timeToExhaustionSeconds, 49.0 * 3600);
  SLO_COMPARE_NEAR(e.at(Window::H1).good, 6'000'000.0 - 86'400.0);
  SLO_COMPARE_NEAR(e.at(Window::H1).total, 6'000'000.0);
  SLO_COMPARE_NEAR(e.at(Window::H1).sli, 1.0 - 0.0144);
  QCOMPARE(e.at(Window::Period).seconds, qint64(30 * 86400));
}

void TestBurnRate::sevenDayPeriodScales_data() {
  QTest::addColumn<int>("periodDays");
  QTest::addColumn<double>("burn");
  QTest::addColumn<qint64>("burnMs");
  QTest::addColumn<Tier>("tier");
  QTest::addColumn<double>("budgetRemainingRatio");
  QTest::newRow("7d: 3.36x for 1h spends 2% and pages") << 7 << 3.36 << qint64(kHourMs) << Tier::Page << 0.98;
  QTest::newRow("30d: the same 3.36x hour is no alert")
      << 30 << 3.36 << qint64(kHourMs) << Tier::None << 1.0 - 3.36 / 720;
  QTest::newRow("7d: 1.4x for 6h spends 5%") << 7 << 1.4 << qint64(6 * kHourMs) << Tier::PageSlow << 0.95;
  QTest::newRow("7d: 0.7x for 1d spends 10%") << 7 << 0.7 << qint64(kDayMs) << Tier::Ticket << 0.90;
  QTest::newRow("7d: 0.3x for 3d is a slow ticket")
      << 7 << 0.3 << qint64(3 * kDayMs) << Tier::TicketSlow << 1.0 - 0.3 * 3 / 7;
}

void TestBurnRate::sevenDayPeriodScales() {
  QFETCH(int, periodDays);
  QFETCH(double, burn);
  QFETCH(qint64, burnMs);
  QFETCH(Tier, tier);
  QFETCH(double, budgetRemainingRatio);
  const Evaluation e = evaluateBurn(burn, burnMs, periodDays);
  QCOMPARE(e.tier, tier);
  SLO_COMPARE_NEAR(e.budgetRemainingRatio, budgetRemainingRatio);
}

void TestBurnRate::invalidObjectiveIsError() {
  const SloSpec spec = specFor(30, 1.0); // "100%" has no budget to burn
  EventCounter counter(spec.periodSeconds);
  feed(counter, 0.999, kHourMs, {{kHourMs, 0, 50.0}});
  const Evaluation e = evaluate(spec, counter, kNowMs);
  QCOMPARE(e.state, State::Error);
  QCOMPARE(e.tier, Tier::None);
}

QTEST_APPLESS_MAIN(TestBurnRate)
#include "tst_burn_rate.moc"
