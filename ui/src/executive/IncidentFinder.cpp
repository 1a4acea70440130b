#include "IncidentFinder.h"

#include <algorithm>
#include <cmath>

namespace pxp::ui {

QList<FoundIncident> findIncidents(const QList<client::AlertValue> &alerts, qint64 sinceMs) {
  QList<client::AlertValue> pages;
  for (const auto &a : alerts)
    if (a.page && (a.firing || a.resolvedAtMs >= sinceMs))
      pages.push_back(a);
  std::sort(pages.begin(), pages.end(), [](const auto &a, const auto &b) {
    return a.sloId != b.sloId ? a.sloId < b.sloId : a.firedAtMs < b.firedAtMs;
  });
  QList<FoundIncident> out;
  const auto finite = [](double v) { return std::isfinite(v) ? v : 0.0; };
  for (const auto &a : pages) {
    const qint64 end = a.firing ? 0 : a.resolvedAtMs;
    if (!out.isEmpty() && out.back().sloId == a.sloId && !out.back().ongoing() && out.back().endMs == a.firedAtMs) {
      auto &joined = out.back(); // the page went on under another tier
      joined.endMs = end;
      joined.peakBurn = std::max(joined.peakBurn, finite(a.peakBurn1h));
      joined.budgetSpentRatio += finite(a.budgetSpentRatio);
      joined.reconstructed = joined.reconstructed || a.reconstructed;
      continue;
    }
    out.push_back({a.sloId, a.firedAtMs, end, finite(a.peakBurn1h), finite(a.budgetSpentRatio), a.reconstructed});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
    return a.budgetSpentRatio != b.budgetSpentRatio ? a.budgetSpentRatio > b.budgetSpentRatio : a.startMs > b.startMs;
  });
  return out;
}

} // namespace pxp::ui
