#include "IncidentFinder.h"

#include <cmath>

namespace pxp::ui {

QList<FoundIncident> findIncidents(const client::SloHistoryValue &h, double objective, double pageBurn) {
  QList<FoundIncident> out;
  if (h.sli.size() != h.totalEvents.size() || h.sli.empty() || !(objective < 1))
    return out;
  double totalAll = 0;
  for (const auto &p : h.totalEvents)
    totalAll += p.y();
  const double allowedBad = (1 - objective) * totalAll;
  FoundIncident current;
  bool open = false;
  double badInRun = 0;
  const qint64 stepMs = h.stepSeconds * 1000;
  for (std::size_t i = 0; i < h.sli.size(); ++i) {
    const double sli = h.sli[i].y();
    const double total = h.totalEvents[i].y();
    // Burn of this step alone: a step is "burning" when it spends budget at page speed.
    const double burn = std::isnan(sli) ? 0 : (1 - sli) / (1 - objective);
    const auto t = static_cast<qint64>(h.sli[i].x());
    if (burn >= pageBurn) {
      if (!open) {
        current = FoundIncident{h.sloId, t, t + stepMs, burn, 0};
        badInRun = 0;
        open = true;
      }
      current.endMs = t + stepMs;
      current.peakBurn = std::max(current.peakBurn, burn);
      badInRun += (1 - sli) * total;
    } else if (open) {
      current.budgetSpentRatio = allowedBad > 0 ? badInRun / allowedBad : 0;
      out.push_back(current);
      open = false;
    }
  }
  if (open) {
    current.budgetSpentRatio = allowedBad > 0 ? badInRun / allowedBad : 0;
    out.push_back(current);
  }
  return out;
}

} // namespace pxp::ui
