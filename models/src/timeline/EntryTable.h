#pragma once
// EntryTable: the SQL for the entries and entry_revisions tables of one timeline connection.
// The caller (TimelineStore) owns transactions and validation. Every insert and edit carries
// a change sequence number (see TimelineSchema step 3). Thread affinity: the connection's.

#include "SqliteConnection.h"

#include "pxp/models/timeline/TimelineValues.h"

#include <optional>

namespace pxp::models::timeline {

class EntryTable {
public:
  enum class OnConflict { Fail, Skip }; // Skip: an entry with that id or source key is already here

  explicit EntryTable(const SqliteConnection &conn) : m_conn(conn) {}

  TimelineResult<std::optional<TimelineEntry>> find(const QString &id) const;
  // One incident's entries by event time (then recorded time, then id).
  TimelineResult<QList<TimelineEntry>> list(const QString &incidentId, const EntryFilter &filter) const;
  // Entries of every incident matching the filter, newest event first, at most `limit`.
  TimelineResult<QList<SearchHit>> search(const EntryFilter &filter, int limit) const;
  // Entries of `incidentId` changed after `changeSeq`, oldest change first; call in a read
  // transaction so lastChangeSeq matches what was read.
  TimelineResult<EntryChanges> changesSince(const QString &incidentId, qint64 changeSeq, int limit) const;
  TimelineResult<int> countDeleted(const QString &incidentId) const;

  // The next change sequence number; call inside the write transaction that uses it.
  TimelineResult<qint64> nextChangeSeq() const;
  // True when stored; false when skipped (OnConflict::Skip only).
  TimelineResult<bool> insert(const TimelineEntry &entry, OnConflict onConflict) const;
  // Writes every field but id, incident and recorded time (an edit, delete, or import).
  TimelineResult<TimelineOk> update(const TimelineEntry &entry) const;

  // True when stored; false when that entry already has that revision.
  TimelineResult<bool> insertRevision(const EntryRevision &revision) const;
  // The history of `entry` (its current state completes the snapshots), oldest first.
  TimelineResult<QList<EntryRevision>> revisions(const TimelineEntry &entry) const;
  // The history of every entry of an incident (for export); `entries` completes the snapshots.
  TimelineResult<QList<EntryRevision>> revisionsOfIncident(const QString &incidentId,
                                                           const QList<TimelineEntry> &entries) const;

private:
  const SqliteConnection &m_conn;
};

} // namespace pxp::models::timeline
