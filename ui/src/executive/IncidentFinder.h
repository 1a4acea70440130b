#pragma once
// IncidentFinder: finds the incidents of the last 30 days in SLO histories — runs of steps
// whose 1h burn rate is at or above the page threshold — and their impact (share of the
// period's error budget spent during the run), for the executive "top incidents" panel.
// Thread affinity: none (pure function).

#include "pxp/client/QueryValues.h"

#include <QList>
#include <QString>

namespace pxp::ui {

struct FoundIncident {
  QString sloId;
  qint64 startMs = 0, endMs = 0;
  double peakBurn = 0;
  double budgetSpentRatio = 0; // bad events in the run / allowed bad events in the period
};

// `objective` of the SLO; `pageBurn` the 1h page threshold (14.4 for 30 days).
QList<FoundIncident> findIncidents(const client::SloHistoryValue &history, double objective, double pageBurn);

} // namespace pxp::ui
