#include "pxpd/slo/Evaluate.h"

#include <cmath>

namespace pxpd::slo {
namespace {

// 0.999 has no exact binary form, so a burn of exactly 14.4x computes as 14.399999999999999;
// thresholds compare with this relative slack so that the Workbook's own numbers fire.
constexpr double kBurnRelativeSlack = 1e-9;
// For the same reason a budget spent to the last event reads as ~1e-16, not 0.
constexpr double kBudgetSpentEpsilon = 1e-9;
// Below this 1h burn the budget is not being spent in any time that matters.
constexpr double kNotBurning = 1e-12;
// A quarter of the budget left: warn before it is gone (one ticket-sized burn of 10% is
// then a large share of what remains).
constexpr double kBudgetWarningRatio = 0.25;

WindowResult windowResult(Window w, const SloSpec &spec, const EventCounter &counter, std::int64_t nowMs) {
  WindowResult r;
  r.window = w;
  r.seconds = windowSeconds(w, spec.periodSeconds);
  const EventCounter::Sums s = counter.sum(nowMs, r.seconds);
  r.good = s.good;
  r.total = s.total;
  r.noData = !(s.total > 0);
  r.lowTraffic = !r.noData && s.total < static_cast<double>(spec.minEventsPerWindow);
  if (!r.noData) {
    r.sli = s.good / s.total;
    r.burnRate = burnRate(s.good, s.total, spec.objective);
  }
  return r;
}

bool windowBurns(const WindowResult &w, double threshold) {
  return !w.noData && !w.lowTraffic && w.burnRate >= threshold * (1.0 - kBurnRelativeSlack);
}

void fillBudget(const SloSpec &spec, Evaluation &e) {
  const WindowResult &period = e.at(Window::Period);
  if (period.noData)
    return; // attainment NaN, no budget yet, nothing spent: ratio stays 1
  e.attainment = period.sli;
  const double bad = period.total - period.good;
  e.budgetTotalEvents = (1.0 - spec.objective) * period.total;
  e.budgetRemainingEvents = e.budgetTotalEvents - bad;
  e.budgetRemainingRatio = 1.0 - bad / e.budgetTotalEvents;
}

// At burn 1 the whole budget lasts exactly one period, so the share r left lasts
// r * period / burn at the current (1h) burn, assuming the period's traffic pattern holds.
double timeToExhaustionSeconds(const SloSpec &spec, const Evaluation &e) {
  if (e.budgetRemainingRatio <= kBudgetSpentEpsilon)
    return 0.0;
  const double burn1h = e.at(Window::H1).burnRate;
  if (!(burn1h > kNotBurning)) // also NaN: no data in the last hour
    return Evaluation::kInf;
  return e.budgetRemainingRatio * static_cast<double>(spec.periodSeconds) / burn1h;
}

State stateOf(const Evaluation &e) {
  if (isPage(e.tier) || e.budgetRemainingRatio <= kBudgetSpentEpsilon)
    return State::Critical;
  if (isTicket(e.tier) || e.budgetRemainingRatio < kBudgetWarningRatio)
    return State::Warning;
  if (e.at(Window::M5).noData && e.at(Window::H1).noData)
    return State::NoData;
  return State::Ok;
}

} // namespace

double burnRate(double good, double total, double objective) {
  if (!(total > 0))
    return Evaluation::kNaN;
  // (total - good) / total rather than 1 - good/total: keeps the digits of a small bad share.
  return ((total - good) / total) / (1.0 - objective);
}

Evaluation evaluate(const SloSpec &spec, const EventCounter &counter, std::int64_t nowMs) {
  return evaluate(spec, counter, nowMs, AlertPolicy::forPeriod(spec.periodSeconds));
}

Evaluation evaluate(const SloSpec &spec, const EventCounter &counter, std::int64_t nowMs, const AlertPolicy &policy) {
  Evaluation e;
  e.lastDataMs = counter.lastDataMs();
  for (const Window w : kAllWindows)
    e.windows[static_cast<std::size_t>(windowIndex(w))] = windowResult(w, spec, counter, nowMs);
  if (!(spec.objective > 0.0 && spec.objective < 1.0)) {
    e.state = State::Error; // the loader rejects these; a hand-built spec must not alert on garbage
    return e;
  }
  fillBudget(spec, e);

  // Rules are most urgent first: the first that holds is the tier, later ones are suppressed.
  for (const AlertPolicy::Rule &rule : policy.rules) {
    const bool holds = windowBurns(e.at(rule.longWindow), rule.burnThreshold) &&
                       windowBurns(e.at(rule.shortWindow), rule.burnThreshold);
    e.tierConditions[static_cast<std::size_t>(tierIndex(rule.tier))] = holds;
    if (holds && e.tier == Tier::None)
      e.tier = rule.tier;
  }
  e.timeToExhaustionSeconds = timeToExhaustionSeconds(spec, e);
  e.state = stateOf(e);
  return e;
}

} // namespace pxpd::slo
