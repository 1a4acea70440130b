#pragma once
// MarkdownExporter: an incident as a postmortem draft in Markdown: summary, impact (with the
// SLO error budget consumed during the incident), the timeline in UTC, and the actions.
// Tombstoned entries are left out and counted. Pure function; thread affinity: none.

#include "pxp/models/timeline/TimelineValues.h"

#include <QMap>
#include <QString>

namespace pxp::models::timeline {

class MarkdownExporter {
public:
  // `entries` in timeline order, without tombstones; `budgetConsumedBySlo` maps an SLO id to
  // the share of its error budget (0..1, may exceed 1) burned between open and resolve.
  static QString render(const Incident &incident, const QList<TimelineEntry> &entries,
                        const QMap<QString, double> &budgetConsumedBySlo, int deletedCount, qint64 exportedAtMs,
                        const QString &dataNote = {});

  // "2024-11-26 13:05:00" (UTC).
  static QString utc(qint64 epochMs);
};

} // namespace pxp::models::timeline
