#include "IncidentChangeEntries.h"

namespace pxp::models::timeline {
namespace {

QString orNone(const QString &text) {
  return text.isEmpty() ? QStringLiteral("none") : text;
}

QString listText(const QStringList &list) {
  return orNone(list.join(QStringLiteral(", ")));
}

TimelineEntry changeEntry(const Incident &incident, EntryKind kind, const QString &text, const QString &who,
                          qint64 nowMs) {
  TimelineEntry entry;
  entry.id = newTimelineId();
  entry.incidentId = incident.id;
  entry.kind = kind;
  entry.eventTimeMs = nowMs;
  entry.recordedAtMs = nowMs;
  entry.author = who;
  entry.text = text;
  return entry;
}

QString arrow(const QString &field, const QString &from, const QString &to) {
  return QStringLiteral("%1: %2 → %3").arg(field, from, to);
}

} // namespace

TimelineEntry IncidentChangeEntries::opened(const Incident &incident, const QString &who, qint64 nowMs) {
  QString text = QStringLiteral("Incident opened: %1, %2, commander %3")
                     .arg(severityName(incident.severity), statusName(incident.status), orNone(incident.commander));
  if (!incident.services.isEmpty())
    text += QStringLiteral("; services %1").arg(listText(incident.services));
  TimelineEntry entry = changeEntry(incident, EntryKind::StatusChange, text, who, nowMs);
  entry.eventTimeMs = incident.openedAtMs;
  return entry;
}

QList<TimelineEntry> IncidentChangeEntries::between(const Incident &before, const Incident &after, const QString &who,
                                                    qint64 nowMs) {
  QList<TimelineEntry> entries;
  const auto add = [&](EntryKind kind, const QString &text) {
    entries.append(changeEntry(after, kind, text, who, nowMs));
  };
  if (before.status != after.status)
    add(EntryKind::StatusChange, arrow(QStringLiteral("Status"), statusName(before.status), statusName(after.status)));
  if (before.severity != after.severity)
    add(EntryKind::StatusChange,
        arrow(QStringLiteral("Severity"), severityName(before.severity), severityName(after.severity)));
  if (before.title != after.title)
    add(EntryKind::StatusChange, arrow(QStringLiteral("Title"), QLatin1Char('"') + before.title + QLatin1Char('"'),
                                       QLatin1Char('"') + after.title + QLatin1Char('"')));
  if (before.services != after.services)
    add(EntryKind::StatusChange,
        arrow(QStringLiteral("Services"), listText(before.services), listText(after.services)));
  if (before.sloIds != after.sloIds)
    add(EntryKind::StatusChange, arrow(QStringLiteral("SLOs"), listText(before.sloIds), listText(after.sloIds)));
  if (before.commander != after.commander)
    add(EntryKind::RoleChange, arrow(QStringLiteral("Commander"), orNone(before.commander), orNone(after.commander)));
  QStringList roles = before.roles.keys() + after.roles.keys();
  roles.removeDuplicates();
  roles.sort();
  for (const QString &role : roles)
    if (before.roles.value(role) != after.roles.value(role))
      add(EntryKind::RoleChange, arrow(QStringLiteral("Role %1").arg(role), orNone(before.roles.value(role)),
                                       orNone(after.roles.value(role))));
  return entries;
}

} // namespace pxp::models::timeline
