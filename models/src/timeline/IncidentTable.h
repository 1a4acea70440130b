#pragma once
// IncidentTable: the SQL for the incidents table of one timeline connection. The caller
// (TimelineStore) owns transactions and validation. Thread affinity: the connection's.

#include "SqliteConnection.h"

#include "pxp/models/timeline/TimelineValues.h"

#include <optional>

namespace pxp::models::timeline {

class IncidentTable {
public:
  explicit IncidentTable(const SqliteConnection &conn) : m_conn(conn) {}

  TimelineResult<std::optional<Incident>> find(const QString &id) const;
  // Cheaper than find(): no row decoding, for the check before each entry write.
  TimelineResult<bool> exists(const QString &id) const;
  // Newest opened first.
  TimelineResult<QList<Incident>> list(int limit) const;
  TimelineResult<TimelineOk> insert(const Incident &incident) const;
  TimelineResult<TimelineOk> update(const Incident &incident) const;

private:
  const SqliteConnection &m_conn;
};

} // namespace pxp::models::timeline
