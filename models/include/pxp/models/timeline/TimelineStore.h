#pragma once
// TimelineStore: incidents and their timelines in one local SQLite file (WAL, synchronous=FULL,
// foreign keys on, schema versioned with user_version and forward migrations). Every call
// is synchronous: the GUI writes through TimelineWriter's worker thread, and reads through a
// ReadOnly store only with bounded queries (a limit, or changesSince()).
// Thread affinity: one thread at a time (one sqlite3 connection); open one store per thread.
// Several stores, in one process or in several consoles, may share the file.
//
// Durability: a write that returned ok is on disk (synchronous=FULL) and survives a crash or
// a power loss. Entries are never silently changed: edits, deletes and restores bump the
// revision and keep a history row; a delete is a tombstone.

#include "pxp/models/timeline/TimelineError.h"
#include "pxp/models/timeline/TimelineValues.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <functional>
#include <memory>

namespace pxp::client {
struct AlertValue;
}

namespace pxp::models {

class TimelineStore {
public:
  using NowMs = std::function<qint64()>; // epoch ms; must be callable from the store's thread

  enum class Access {
    ReadWrite, // checks, migrates, creates; what TimelineWriter's worker uses
    ReadOnly,  // reads only (PRAGMA query_only); the file must exist at the current version
  };

  struct Options {
    Access access = Access::ReadWrite;
    int busyTimeoutMs = 5000; // how long a write waits for another console's lock
    NowMs nowMs;              // default: the system clock
  };

  static constexpr int kSchemaVersion = 3;
  static constexpr int kDefaultSearchLimit = 200;
  static constexpr int kDefaultChangesLimit = 2000;

  // <AppDataLocation>/timeline.sqlite: the file a console uses unless told otherwise.
  static QString defaultPath();

  TimelineStore();
  explicit TimelineStore(Options options);
  ~TimelineStore();
  TimelineStore(const TimelineStore &) = delete;
  TimelineStore &operator=(const TimelineStore &) = delete;

  // Opens (creating the file and its folder when absent). ReadWrite first runs PRAGMA
  // quick_check on an existing file: a damaged or unreadable one is moved aside to
  // "<db>.corrupt-YYYYMMDD-HHMMSS" and a fresh database starts (the report says where; tell
  // the user). An older schema is copied to "<db>.bak-v<from>-<date>", then migrated.
  TimelineResult<OpenReport> open(const QString &path);
  void close();
  bool isOpen() const;
  QString path() const;
  Access access() const;

  // --- incidents -------------------------------------------------------------------------
  // Stores a new incident (id, openedAtMs and updatedAtMs filled in when empty) and a
  // StatusChange entry "Incident opened ..." by `who`, plus `automaticEntries` (e.g. the
  // alert it was opened from), all in one transaction.
  TimelineResult<IncidentChange> createIncident(Incident incident, const QString &who,
                                                const QList<TimelineEntry> &automaticEntries = {});
  // Opens an incident from an alert in one action: title, severity, service and SLO from the
  // alert (AutomaticEntryMapper::incidentFromAlert), commanded by `commander`, with the
  // alert's fired entry on the timeline.
  TimelineResult<IncidentChange> openFromAlert(const client::AlertValue &alert, const QString &commander);
  // Stores the incident's new title, severity, status, commander, roles, services and SLOs.
  // Each change appends an entry by `who` in the same transaction: status, severity, title,
  // services and SLOs as StatusChange, commander and roles as RoleChange. Resolving sets
  // resolvedAtMs; reopening clears it. openedAtMs does not change. No change, no write.
  TimelineResult<IncidentChange> updateIncident(const Incident &incident, const QString &who);
  TimelineResult<Incident> incident(const QString &id) const;
  // Newest opened first.
  TimelineResult<QList<Incident>> incidents(int limit = 500) const;

  // --- entries -----------------------------------------------------------------------------
  // An annotation (or any entry a person adds): id, eventTimeMs (now) and recordedAtMs are
  // filled in; revision 1. Needs an author and a text; the incident must exist.
  TimelineResult<TimelineEntry> addEntry(TimelineEntry entry);
  // Applies the kind, event time, text and link of `edited` to the stored entry with its id,
  // keeping a history row (who, when, before, after) and bumping the revision. When
  // edited.revision is set (> 0) and the stored one differs, someone else changed it first:
  // Conflict, nothing written. No change, no write.
  TimelineResult<TimelineEntry> editEntry(const TimelineEntry &edited, const QString &who);
  // Tombstones the entry (kept, hidden unless asked for), with a history row.
  TimelineResult<TimelineEntry> deleteEntry(const QString &entryId, const QString &who);
  // Undoes a tombstone, with a history row.
  TimelineResult<TimelineEntry> restoreEntry(const QString &entryId, const QString &who);
  // Entries from the live stream, in one transaction; idempotent by (incident, sourceKey):
  // one already recorded (by this console or another) is skipped. Each needs a sourceKey;
  // an empty id becomes a UUID derived from incident and sourceKey, the same in every console.
  TimelineResult<AutomaticBatch> addAutomatic(const QList<TimelineEntry> &entries);
  TimelineResult<AutomaticBatch> addAutomatic(const TimelineEntry &entry);

  TimelineResult<TimelineEntry> entry(const QString &entryId) const;
  // One incident's entries in timeline order (event time, then recorded time, then id).
  TimelineResult<QList<TimelineEntry>> entries(const QString &incidentId, const EntryFilter &filter = {}) const;
  // Entries of every incident matching filter.text (and kinds, author), newest first, at most
  // filter.limit (kDefaultSearchLimit when 0).
  TimelineResult<QList<SearchHit>> search(const EntryFilter &filter) const;
  // The edits, deletes and restores of an entry, oldest first.
  TimelineResult<QList<EntryRevision>> history(const QString &entryId) const;
  // Entries of `incidentId` added or changed after `changeSeq` (0: all), oldest change first,
  // by any connection: how a view catches up with its own writer and with other consoles.
  TimelineResult<EntryChanges> changesSince(const QString &incidentId, qint64 changeSeq,
                                            int limit = kDefaultChangesLimit) const;
  // Every entry of an incident (tombstones too) and the change sequence they are current to,
  // from one snapshot: what a view loads before it follows changesSince().
  TimelineResult<EntryChanges> load(const QString &incidentId) const;
  // Changes whenever another connection commits (PRAGMA data_version): poll it cheaply.
  TimelineResult<qint64> dataVersion() const;

  // --- exchange ----------------------------------------------------------------------------
  // A postmortem draft: summary, impact, SLO budget consumed (the caller computes it for the
  // incident window: SLO id -> consumed share of the budget, 0..1), timeline in UTC, actions.
  // `dataNote` (such as "simulated world: ...") heads the draft when the figures are not real.
  TimelineResult<QString> exportMarkdown(const QString &incidentId, const QMap<QString, double> &budgetConsumedBySlo,
                                         const QString &dataNote = {}) const;
  // The incident, every entry (tombstones too) and their history.
  TimelineResult<QByteArray> exportJson(const QString &incidentId) const;
  // A colleague's exportJson(), in one transaction: the incident is added, or updated when the
  // file's is newer; entries are matched by id (a higher revision updates) and automatic ones
  // also by source key, so importing never duplicates. Malformed input changes nothing.
  TimelineResult<ImportCounts> importJson(const QByteArray &json);

private:
  struct Impl;
  std::unique_ptr<Impl> d;
};

} // namespace pxp::models
