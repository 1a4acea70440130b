#pragma once
// Incident timeline values: an incident, its timeline entries and their edit history, as the
// store hands them to models, views and exports. Times are epoch ms UTC.
// Thread affinity: none (values, copied across threads in queued signals).

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

namespace pxp::models {

enum class IncidentStatus { Investigating, Identified, Monitoring, Resolved };
constexpr int kIncidentStatusCount = 4;

// Note .. CustomerImpact are annotations people type; StatusChange and RoleChange record
// changes to the incident; Alert .. Command come from the live stream (automatic).
enum class EntryKind {
  Note,
  Hypothesis,
  Decision,
  Action,
  CustomerImpact,
  StatusChange,
  RoleChange,
  Alert,
  PolicyDecision,
  Deploy,
  Rollback,
  FlagChange,
  Command,
};
constexpr int kEntryKindCount = 13;

// Stable names ("investigating", "customer impact"): what the database, JSON and Markdown
// exports use. Never translated; parsing is exact.
QString statusName(IncidentStatus status);
std::optional<IncidentStatus> statusFromName(const QString &name);
QString kindName(EntryKind kind);
std::optional<EntryKind> kindFromName(const QString &name);
// For people: "Customer impact", "Policy decision" (translatable).
QString kindTitle(EntryKind kind);
QString statusTitle(IncidentStatus status);
// The kinds a person picks from when annotating, in menu order.
QList<EntryKind> annotationKinds();
bool isAnnotationKind(EntryKind kind);
// Every kind, in enum order (for filter menus).
QList<EntryKind> allEntryKinds();
// 2 -> "SEV2".
QString severityName(int severity);
// A new random UUID without braces, the id format of incidents and entries.
QString newTimelineId();

struct Incident {
  static constexpr int kMostSevere = 1;  // SEV1
  static constexpr int kLeastSevere = 4; // SEV4

  QString id; // UUID text; empty on create: the store assigns one
  QString title;
  int severity = 3;
  IncidentStatus status = IncidentStatus::Investigating;
  QString commander;
  QMap<QString, QString> roles; // other roles: "communications" -> "bob", "scribe" -> "carol"
  QStringList services;         // affected services: automatic entries follow these
  QStringList sloIds;           // "payments/checkout-availability"
  qint64 openedAtMs = 0;        // 0 on create: now
  qint64 resolvedAtMs = 0;      // 0 while not resolved
  qint64 updatedAtMs = 0;       // the latest change (the store sets it; import keeps the newer)
  QString sourceAlertId;        // the alert it was opened from, if any

  bool isResolved() const { return status == IncidentStatus::Resolved; }
  friend bool operator==(const Incident &, const Incident &) = default;
};

struct TimelineEntry {
  QString id; // UUID text, stable across export/import; empty on add: the store assigns one
  QString incidentId;
  EntryKind kind = EntryKind::Note;
  qint64 eventTimeMs = 0;  // when it happened; 0 on add: now. Editable.
  qint64 recordedAtMs = 0; // when it was first stored (set by the store)
  QString author;          // a person, or "pxp" / "policy:<id>" for automatic entries
  QString text;
  bool automatic = false; // from the live stream
  QString link;           // back to a dashboard: "pxp://slo/payments/checkout-availability"
  QString sourceKey;      // automatic entries' dedupe key: "alert:<id>:fired", "audit:<seq>"
  bool deleted = false;   // a tombstone: kept, hidden unless asked for
  int revision = 1;       // 1 + the number of edits, deletes and restores
  qint64 changeSeq = 0;   // store-wide order of the latest change (refresh); not exported

  bool edited() const { return revision > 1; }
  // Equal content; changeSeq is bookkeeping of one database and not compared.
  friend bool operator==(const TimelineEntry &a, const TimelineEntry &b);
};

} // namespace pxp::models

// Before any QList<TimelineEntry> is instantiated: inserting into 100,000 rows moves memory.
Q_DECLARE_TYPEINFO(pxp::models::TimelineEntry, Q_RELOCATABLE_TYPE);

namespace pxp::models {

// One change to an entry: an edit, a delete or a restore. `before` and `after` are the whole
// entry around the change (kind, eventTimeMs, text, link and deleted are what can differ).
struct EntryRevision {
  QString entryId;
  int revision = 0; // the revision the change produced (2 for the first edit)
  QString who;
  qint64 whenMs = 0;
  TimelineEntry before;
  TimelineEntry after;

  // The field names that differ: "kind", "eventTime", "text", "link", "deleted".
  QStringList changedFields() const;
  friend bool operator==(const EntryRevision &, const EntryRevision &) = default;
};

// What entries() and search() return. Empty lists and strings mean "any". In the store,
// case-insensitive means for ASCII letters (SQLite's NOCASE and LIKE); TimelineFilterProxy
// folds every letter.
struct EntryFilter {
  QList<EntryKind> kinds;
  QString author;              // exact, case-insensitive
  QString text;                // substring of the text, case-insensitive
  bool includeDeleted = false; // tombstones
  int limit = 0;               // 0: every entry (entries()) or kDefaultSearchLimit (search())
};

struct SearchHit {
  TimelineEntry entry;
  QString incidentTitle;
};

// What importJson() did. Entries are matched by id; automatic entries also by source key.
struct ImportCounts {
  QString incidentId;
  bool incidentAdded = false;
  bool incidentUpdated = false; // the imported incident had the newer updatedAtMs
  int entriesAdded = 0;
  int entriesUpdated = 0; // the imported entry had the higher revision
  int entriesSkipped = 0; // already here (same or older revision, or same source key)
  int revisionsAdded = 0; // history rows
};

// What open() found and did. `movedAsideTo` is set when the file was damaged: tell the user.
struct OpenReport {
  QString path;
  int fromVersion = 0; // user_version found (0: a new file)
  int toVersion = 0;
  QStringList backups; // one copy per migration run: "<db>.bak-v<from>-<date>"
  QString movedAsideTo;
  QString damage; // what quick_check or SQLite said about the damaged file

  // For the user, or empty when there is nothing to say: where the damaged file went.
  QString notice() const;
};

// An updateIncident() or createIncident(): the stored incident and the entries it appended.
struct IncidentChange {
  Incident incident;
  QList<TimelineEntry> entries;
};

// A bulk addAutomatic(): the entries stored now; `skipped` were recorded before.
struct AutomaticBatch {
  QList<TimelineEntry> added;
  int skipped = 0;
};

// changesSince(): entries changed after a change sequence number, oldest change first.
struct EntryChanges {
  QList<TimelineEntry> entries;
  qint64 lastChangeSeq = 0; // pass back next time
  bool more = false;        // the limit was hit: ask again
};

} // namespace pxp::models

Q_DECLARE_METATYPE(pxp::models::EntryKind)
Q_DECLARE_METATYPE(pxp::models::IncidentStatus)
Q_DECLARE_METATYPE(pxp::models::Incident)
Q_DECLARE_METATYPE(pxp::models::TimelineEntry)
Q_DECLARE_METATYPE(pxp::models::EntryRevision)
Q_DECLARE_METATYPE(pxp::models::ImportCounts)
Q_DECLARE_METATYPE(pxp::models::OpenReport)
Q_DECLARE_METATYPE(pxp::models::IncidentChange)
Q_DECLARE_METATYPE(pxp::models::AutomaticBatch)
Q_DECLARE_METATYPE(pxp::models::EntryChanges)
Q_DECLARE_METATYPE(pxp::models::SearchHit)
