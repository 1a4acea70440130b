#include "engine/SloHistory.h"

#include "pxpd/slo/Evaluate.h"

#include <algorithm>
#include <cmath>

namespace pxpd {

pxp::v1::SloHistory sloHistory(const SloRuntime &rt, const pxp::v1::GetSloHistoryRequest &req, std::int64_t nowMs) {
  pxp::v1::SloHistory h;
  h.set_slo_id(req.slo_id());
  const auto &spec = rt.spec();
  const auto &counter = rt.counter();
  // Nothing after now: a range that reaches into the future ends at now.
  const std::int64_t end = std::min(req.range().end_ms() ? req.range().end_ms() : nowMs, nowMs);
  const std::int64_t start = req.range().start_ms() ? req.range().start_ms() : end - spec.periodSeconds * 1000;
  // A step finer than the stored resolution would leave empty steps: never go below it.
  std::int64_t step = std::max<std::int64_t>(req.step_seconds(), counter.resolutionSecondsAt(start));
  step = std::max<std::int64_t>(step, (end - start) / 1000 / 5000); // at most 5,000 points
  h.set_step_seconds(step);
  if (!rt.measured() || end <= start)
    return h; // nothing was ever counted: no points rather than a flat line at 100 %
  const std::int64_t hourSeconds = 3600;
  for (const auto &b : counter.history(start, end, step)) {
    auto add = [](auto *series, std::int64_t timeMs, double v) {
      auto *p = series->Add();
      p->set_time_ms(timeMs);
      p->set_value(v);
    };
    add(h.mutable_sli(), b.startMs, b.total > 0 ? b.good / b.total : NAN);
    add(h.mutable_total_events(), b.startMs, b.total);
    add(h.mutable_bad_events(), b.startMs, b.total - b.good);
    // The rolling figures read the windows the live status reads, ending where the step ends,
    // so the first point of a range already sees the hour (and the period) before it.
    const std::int64_t asOf = std::min(b.startMs + step * 1000, end);
    const auto hour = counter.sum(asOf, hourSeconds);
    add(h.mutable_burn_rate_1h(), asOf, hour.total > 0 ? slo::burnRate(hour.good, hour.total, spec.objective) : NAN);
    const auto period = counter.sum(asOf, spec.periodSeconds);
    const double allowed = (1 - spec.objective) * period.total;
    add(h.mutable_budget_remaining(), asOf, allowed > 0 ? 1 - (period.total - period.good) / allowed : NAN);
    add(h.mutable_budget_events(), asOf, allowed);
  }
  return h;
}

} // namespace pxpd
