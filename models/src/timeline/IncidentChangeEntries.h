#pragma once
// IncidentChangeEntries: the timeline entries that record an incident being opened or
// changed ("Status: investigating → identified", "Commander: alice → bob"), one per
// changed field, so the timeline tells the incident's own story.
// Pure functions; thread affinity: none.

#include "pxp/models/timeline/TimelineValues.h"

namespace pxp::models::timeline {

class IncidentChangeEntries {
public:
  // One StatusChange entry at the opening time.
  static TimelineEntry opened(const Incident &incident, const QString &who, qint64 nowMs);
  // StatusChange for status, severity, title, services and SLOs; RoleChange for the
  // commander and each other role; empty when nothing changed.
  static QList<TimelineEntry> between(const Incident &before, const Incident &after, const QString &who, qint64 nowMs);
};

} // namespace pxp::models::timeline
