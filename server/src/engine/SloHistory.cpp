#include "engine/SloHistory.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace pxpd {

pxp::v1::SloHistory sloHistory(const SloRuntime &rt, const pxp::v1::GetSloHistoryRequest &req, std::int64_t nowMs) {
  pxp::v1::SloHistory h;
  h.set_slo_id(req.slo_id());
  const auto &spec = rt.spec();
  const auto &counter = rt.counter();
  const std::int64_t end = req.range().end_ms() ? req.range().end_ms() : nowMs;
  const std::int64_t start = req.range().start_ms() ? req.range().start_ms() : end - spec.periodSeconds * 1000;
  // A step finer than the stored resolution would leave empty steps: never go below it.
  std::int64_t step = std::max<std::int64_t>(req.step_seconds(), counter.resolutionSecondsAt(start));
  step = std::max<std::int64_t>(step, (end - start) / 1000 / 5000); // at most 5,000 points
  h.set_step_seconds(step);
  if (!rt.measured())
    return h; // nothing was ever counted: no points rather than a flat line at 100 %
  const auto buckets = counter.history(start, end, step);
  // Budget burn-down: allowed bad events of the whole period vs bad events so far in it.
  double totalAll = 0, badSoFar = 0;
  for (const auto &b : buckets)
    totalAll += b.total;
  const double allowed = (1 - spec.objective) * totalAll;
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
    add(h.mutable_burn_rate_1h(), hourTotal > 0 ? (1 - hourGood / hourTotal) / (1 - spec.objective) : NAN);
    add(h.mutable_total_events(), b.total);
  }
  return h;
}

} // namespace pxpd
