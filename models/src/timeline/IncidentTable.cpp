#include "IncidentTable.h"

#include "TimelineJsonCodec.h"

#include <sqlite3.h>

namespace pxp::models::timeline {
namespace {

#define PXP_INCIDENT_COLUMNS                                                                                           \
  "id, title, severity, status, commander, roles, services, slo_ids, opened_at_ms, resolved_at_ms, updated_at_ms, "    \
  "source_alert_id"

Incident readIncident(const SqliteStatement &row) {
  Incident incident;
  incident.id = row.text(0);
  incident.title = row.text(1);
  incident.severity = int(row.int64(2));
  incident.status = statusFromName(row.text(3)).value_or(IncidentStatus::Investigating);
  incident.commander = row.text(4);
  incident.roles = TimelineJsonCodec::parseStringMap(row.text(5).toUtf8());
  incident.services = TimelineJsonCodec::parseStringList(row.text(6).toUtf8());
  incident.sloIds = TimelineJsonCodec::parseStringList(row.text(7).toUtf8());
  incident.openedAtMs = row.int64(8);
  incident.resolvedAtMs = row.int64(9);
  incident.updatedAtMs = row.int64(10);
  incident.sourceAlertId = row.text(11);
  return incident;
}

// Binds every column but id at 2..12 (id is ?1), in PXP_INCIDENT_COLUMNS order.
void bindIncident(SqliteStatement &stmt, const Incident &incident) {
  stmt.bindText(1, incident.id)
      .bindText(2, incident.title)
      .bind(3, incident.severity)
      .bindText(4, statusName(incident.status))
      .bindText(5, incident.commander)
      .bindText(6, QString::fromUtf8(TimelineJsonCodec::stringMap(incident.roles)))
      .bindText(7, QString::fromUtf8(TimelineJsonCodec::stringList(incident.services)))
      .bindText(8, QString::fromUtf8(TimelineJsonCodec::stringList(incident.sloIds)))
      .bind(9, incident.openedAtMs)
      .bind(10, incident.resolvedAtMs)
      .bind(11, incident.updatedAtMs)
      .bindText(12, incident.sourceAlertId);
}

} // namespace

TimelineResult<std::optional<Incident>> IncidentTable::find(const QString &id) const {
  auto stmt = m_conn.prepare("SELECT " PXP_INCIDENT_COLUMNS " FROM incidents WHERE id = ?1");
  if (!stmt)
    return stmt.error();
  stmt.value().bindText(1, id);
  const int rc = stmt.value().step();
  if (rc == SQLITE_DONE)
    return std::optional<Incident>();
  if (rc != SQLITE_ROW)
    return m_conn.error(QStringLiteral("cannot read incident %1").arg(id), rc);
  return std::optional<Incident>(readIncident(stmt.value()));
}

TimelineResult<bool> IncidentTable::exists(const QString &id) const {
  auto stmt = m_conn.prepare("SELECT 1 FROM incidents WHERE id = ?1");
  if (!stmt)
    return stmt.error();
  stmt.value().bindText(1, id);
  const int rc = stmt.value().step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return m_conn.error(QStringLiteral("cannot read incident %1").arg(id), rc);
  return rc == SQLITE_ROW;
}

TimelineResult<QList<Incident>> IncidentTable::list(int limit) const {
  auto stmt = m_conn.prepare("SELECT " PXP_INCIDENT_COLUMNS " FROM incidents ORDER BY opened_at_ms DESC, id LIMIT ?1");
  if (!stmt)
    return stmt.error();
  stmt.value().bind(1, limit);
  QList<Incident> incidents;
  int rc = 0;
  while ((rc = stmt.value().step()) == SQLITE_ROW)
    incidents.append(readIncident(stmt.value()));
  if (rc != SQLITE_DONE)
    return m_conn.error(QStringLiteral("cannot list incidents"), rc);
  return incidents;
}

TimelineResult<TimelineOk> IncidentTable::insert(const Incident &incident) const {
  auto stmt = m_conn.prepare("INSERT INTO incidents (" PXP_INCIDENT_COLUMNS
                             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!stmt)
    return stmt.error();
  bindIncident(stmt.value(), incident);
  if (const int rc = stmt.value().step(); rc != SQLITE_DONE)
    return m_conn.error(QStringLiteral("cannot store incident %1").arg(incident.id), rc);
  return TimelineOk{};
}

TimelineResult<TimelineOk> IncidentTable::update(const Incident &incident) const {
  auto stmt = m_conn.prepare("UPDATE incidents SET title = ?2, severity = ?3, status = ?4, commander = ?5, roles = ?6, "
                             "services = ?7, slo_ids = ?8, opened_at_ms = ?9, resolved_at_ms = ?10, "
                             "updated_at_ms = ?11, source_alert_id = ?12 WHERE id = ?1");
  if (!stmt)
    return stmt.error();
  bindIncident(stmt.value(), incident);
  if (const int rc = stmt.value().step(); rc != SQLITE_DONE)
    return m_conn.error(QStringLiteral("cannot update incident %1").arg(incident.id), rc);
  return TimelineOk{};
}

#undef PXP_INCIDENT_COLUMNS

} // namespace pxp::models::timeline
