#include "pxp/models/timeline/TimelineStore.h"

#include "DamagedFileQuarantine.h"
#include "EntryTable.h"
#include "IncidentChangeEntries.h"
#include "IncidentTable.h"
#include "TimelineSchema.h"
#include "TimelineStoreImpl.h"
#include "WriteTransaction.h"

#include "pxp/models/timeline/AutomaticEntryMapper.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <sqlite3.h>

#include <optional>

namespace pxp::models {

using timeline::EntryTable;
using timeline::IncidentTable;
using timeline::SqliteConnection;
using timeline::WriteTransaction;

static_assert(TimelineStore::kSchemaVersion == timeline::TimelineSchema::kVersion);

namespace {

TimelineResult<TimelineOk> validateIncident(const Incident &incident) {
  if (incident.title.trimmed().isEmpty())
    return invalidTimelineInput(QStringLiteral("an incident needs a title"));
  if (incident.severity < Incident::kMostSevere || incident.severity > Incident::kLeastSevere)
    return invalidTimelineInput(QStringLiteral("severity %1 is not one of SEV1 to SEV4").arg(incident.severity));
  return TimelineOk{};
}

} // namespace

TimelineError TimelineStore::Impl::notOpen() const {
  return TimelineError{TimelineError::Code::NotOpen,
                       QStringLiteral("the incident timeline is not open (%1); this is a pxp-console bug, please "
                                      "report it")
                           .arg(path.isEmpty() ? QStringLiteral("no file") : path),
                       path};
}

std::optional<TimelineError> TimelineStore::Impl::cannotWrite() const {
  if (!conn)
    return notOpen();
  if (options.access == Access::ReadOnly)
    return TimelineError{TimelineError::Code::ReadOnly,
                         QStringLiteral("timeline database %1 was opened read-only; write through TimelineWriter "
                                        "(this is a pxp-console bug, please report it)")
                             .arg(path),
                         path};
  return std::nullopt;
}

TimelineError TimelineStore::Impl::notFound(const QString &what) const {
  return TimelineError{TimelineError::Code::NotFound,
                       QStringLiteral("timeline database %1: %2; reload the incident list (another console or an "
                                      "import may have changed it, or the timeline file was changed in the settings)")
                           .arg(path, what),
                       path};
}

QString TimelineStore::defaultPath() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
      .filePath(QStringLiteral("timeline.sqlite"));
}

TimelineStore::TimelineStore() : TimelineStore(Options{}) {}

TimelineStore::TimelineStore(Options options) : d(std::make_unique<Impl>()) {
  d->options = std::move(options);
}

TimelineStore::~TimelineStore() = default;

void TimelineStore::close() {
  d->conn.reset();
}

bool TimelineStore::isOpen() const {
  return d->conn.has_value();
}

QString TimelineStore::path() const {
  return d->path;
}

TimelineStore::Access TimelineStore::access() const {
  return d->options.access;
}

TimelineResult<OpenReport> TimelineStore::open(const QString &path) {
  close();
  d->path = path;
  if (path.isEmpty())
    return invalidTimelineInput(QStringLiteral("no timeline database file was given"));
  OpenReport report;
  report.path = path;
  const bool readWrite = d->options.access == Access::ReadWrite;
  if (readWrite) {
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
      return TimelineError{TimelineError::Code::ReadOnly,
                           QStringLiteral("cannot create the folder of the timeline database %1; check that you may "
                                          "write there, or choose another file in the settings")
                               .arg(path),
                           path};
    auto moved = timeline::DamagedFileQuarantine::checkAndMoveAside(path, d->now(), d->options.busyTimeoutMs);
    if (!moved)
      return moved.error();
    if (moved.value()) {
      report.movedAsideTo = moved.value()->to;
      report.damage = moved.value()->damage;
      qWarning("%s", qUtf8Printable(report.notice()));
    }
  } else if (!QFileInfo::exists(path)) {
    return d->notFound(QStringLiteral("the file does not exist yet (the writer creates it)"));
  }
  const int flags = readWrite ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READWRITE;
  auto conn = SqliteConnection::open(path, flags, d->options.busyTimeoutMs);
  if (!conn)
    return conn.error();
  d->conn.emplace(std::move(conn).value());
  if (auto r = d->configure(report); !r) {
    close();
    return r.error();
  }
  return report;
}

TimelineResult<TimelineOk> TimelineStore::Impl::configure(OpenReport &report) {
  if (options.access == Access::ReadOnly) {
    // The file is already in WAL mode (persistent); query_only keeps this connection a reader
    // while still letting it use the shared-memory index, which a SQLITE_OPEN_READONLY
    // connection cannot always create.
    auto version = conn->queryInt("PRAGMA user_version");
    if (!version)
      return version.error();
    if (version.value() != kSchemaVersion)
      return TimelineError{TimelineError::Code::NewerSchema,
                           QStringLiteral("timeline database %1 has schema version %2, this pxp-console reads %3; "
                                          "open it read-write first (TimelineWriter) so it is upgraded")
                               .arg(path)
                               .arg(version.value())
                               .arg(kSchemaVersion),
                           path};
    report.fromVersion = report.toVersion = kSchemaVersion;
    return conn->exec(QStringLiteral("PRAGMA query_only = ON; PRAGMA foreign_keys = ON;"));
  }
  auto mode = conn->queryTextWaitingOutBusy("PRAGMA journal_mode = WAL");
  if (!mode)
    return mode.error();
  if (mode.value().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
    return TimelineError{TimelineError::Code::Io,
                         QStringLiteral("timeline database %1: cannot switch it to WAL mode (it stays in %2 mode); "
                                        "the folder must allow shared-memory files; choose a local folder")
                             .arg(path, mode.value()),
                         path};
  // FULL: a commit that returned is on disk, so an annotation the UI showed as saved survives
  // a power loss. Foreign keys keep entries attached to an incident.
  if (auto r = conn->exec(QStringLiteral("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")); !r)
    return r.error();
  auto migration = timeline::TimelineSchema::migrate(*conn, now(), options.busyTimeoutMs);
  if (!migration)
    return migration.error();
  report.fromVersion = migration.value().fromVersion;
  report.toVersion = migration.value().toVersion;
  if (!migration.value().backup.isEmpty())
    report.backups.append(migration.value().backup);
  return TimelineOk{};
}

// --- incidents ---------------------------------------------------------------------------

TimelineResult<IncidentChange> TimelineStore::createIncident(Incident incident, const QString &who,
                                                             const QList<TimelineEntry> &automaticEntries) {
  if (auto error = d->cannotWrite())
    return *error;
  if (auto r = validateIncident(incident); !r)
    return r.error();
  if (who.trimmed().isEmpty())
    return invalidTimelineInput(QStringLiteral("say who opens the incident (the author of its first entry)"));
  const qint64 now = d->now();
  if (incident.id.isEmpty())
    incident.id = newTimelineId();
  if (incident.openedAtMs == 0)
    incident.openedAtMs = now;
  incident.updatedAtMs = now;
  incident.resolvedAtMs = incident.isResolved() ? (incident.resolvedAtMs ? incident.resolvedAtMs : now) : 0;

  auto tx = WriteTransaction::begin(*d->conn);
  if (!tx)
    return tx.error();
  IncidentTable incidents(*d->conn);
  EntryTable entries(*d->conn);
  auto existing = incidents.find(incident.id);
  if (!existing)
    return existing.error();
  if (existing.value())
    return TimelineError{TimelineError::Code::Conflict,
                         QStringLiteral("timeline database %1: an incident with id %2 exists already; open it "
                                        "instead")
                             .arg(d->path, incident.id),
                         d->path};
  if (auto r = incidents.insert(incident); !r)
    return r.error();
  auto seq = entries.nextChangeSeq();
  if (!seq)
    return seq.error();
  IncidentChange change{incident, {timeline::IncidentChangeEntries::opened(incident, who, now)}};
  change.entries.first().changeSeq = seq.value()++;
  if (auto r = entries.insert(change.entries.first(), EntryTable::OnConflict::Fail); !r)
    return r.error();
  for (TimelineEntry entry : automaticEntries) {
    entry.incidentId = incident.id;
    entry.automatic = true;
    entry.recordedAtMs = now;
    entry.changeSeq = seq.value();
    if (entry.id.isEmpty())
      entry.id = AutomaticEntryMapper::entryId(entry.incidentId, entry.sourceKey);
    auto inserted = entries.insert(entry, EntryTable::OnConflict::Skip);
    if (!inserted)
      return inserted.error();
    if (inserted.value()) {
      ++seq.value();
      change.entries.append(entry);
    }
  }
  if (auto r = tx.value().commit(); !r)
    return r.error();
  return change;
}

TimelineResult<IncidentChange> TimelineStore::openFromAlert(const client::AlertValue &alert, const QString &commander) {
  const Incident incident = AutomaticEntryMapper::incidentFromAlert(alert, commander, d->now());
  return createIncident(incident, commander, AutomaticEntryMapper::fromAlert(incident, alert));
}

TimelineResult<IncidentChange> TimelineStore::updateIncident(const Incident &incident, const QString &who) {
  if (auto error = d->cannotWrite())
    return *error;
  if (auto r = validateIncident(incident); !r)
    return r.error();
  if (who.trimmed().isEmpty())
    return invalidTimelineInput(QStringLiteral("say who changes the incident (the author of the change entries)"));
  auto tx = WriteTransaction::begin(*d->conn);
  if (!tx)
    return tx.error();
  IncidentTable incidents(*d->conn);
  EntryTable entries(*d->conn);
  auto stored = incidents.find(incident.id);
  if (!stored)
    return stored.error();
  if (!stored.value())
    return d->notFound(QStringLiteral("there is no incident %1").arg(incident.id));
  const Incident &before = *stored.value();
  Incident after = before;
  after.title = incident.title;
  after.severity = incident.severity;
  after.status = incident.status;
  after.commander = incident.commander;
  after.roles = incident.roles;
  after.services = incident.services;
  after.sloIds = incident.sloIds;
  const qint64 now = d->now();
  IncidentChange change{before, timeline::IncidentChangeEntries::between(before, after, who, now)};
  if (change.entries.isEmpty())
    return change; // nothing to record; the transaction rolls back untouched
  if (after.isResolved() && !before.isResolved())
    after.resolvedAtMs = now;
  else if (!after.isResolved())
    after.resolvedAtMs = 0;
  after.updatedAtMs = now;
  if (auto r = incidents.update(after); !r)
    return r.error();
  auto seq = entries.nextChangeSeq();
  if (!seq)
    return seq.error();
  for (TimelineEntry &entry : change.entries) {
    entry.changeSeq = seq.value()++;
    if (auto r = entries.insert(entry, EntryTable::OnConflict::Fail); !r)
      return r.error();
  }
  if (auto r = tx.value().commit(); !r)
    return r.error();
  change.incident = after;
  return change;
}

TimelineResult<Incident> TimelineStore::incident(const QString &id) const {
  if (!d->conn)
    return d->notOpen();
  auto found = IncidentTable(*d->conn).find(id);
  if (!found)
    return found.error();
  if (!found.value())
    return d->notFound(QStringLiteral("there is no incident %1").arg(id));
  return *found.value();
}

TimelineResult<QList<Incident>> TimelineStore::incidents(int limit) const {
  if (!d->conn)
    return d->notOpen();
  return IncidentTable(*d->conn).list(limit);
}

} // namespace pxp::models
