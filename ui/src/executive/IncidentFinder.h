#pragma once
// IncidentFinder: the incidents of the last 30 days for the executive "top incidents" panel,
// from pxpd's alert history: each page alert (fired, resolved, peak 1h burn, budget spent while
// it fired), with an SLO's back-to-back page alerts (a tier change: resolved at the moment the
// next fired) joined into one incident. Times are the alerts' own, so they do not move as the
// clock does.
// Thread affinity: none (pure function).

#include "pxp/client/Values.h"

#include <QList>
#include <QString>

namespace pxp::ui {

struct FoundIncident {
  QString sloId;
  qint64 startMs = 0;
  qint64 endMs = 0; // 0 while a page still fires
  double peakBurn = 0;
  double budgetSpentRatio = 0; // bad events while firing / allowed bad events in the period
  bool reconstructed = false;  // from history replayed at start: times to its resolution
  bool ongoing() const { return endMs == 0; }
};

// Page alerts firing, or resolved at or after sinceMs; most budget spent first.
QList<FoundIncident> findIncidents(const QList<client::AlertValue> &alerts, qint64 sinceMs);

} // namespace pxp::ui
