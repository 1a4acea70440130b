#include "TimelineSchema.h"

#include "FileSync.h"
#include "WriteTransaction.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLockFile>

#include <sqlite3.h>

#include <array>

namespace pxp::models::timeline {
namespace {

constexpr const char *kStep1 = R"sql(
CREATE TABLE incidents (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
  status TEXT NOT NULL,
  commander TEXT NOT NULL DEFAULT '',
  services TEXT NOT NULL DEFAULT '[]',
  opened_at_ms INTEGER NOT NULL,
  resolved_at_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE entries (
  id TEXT PRIMARY KEY NOT NULL,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  kind TEXT NOT NULL,
  event_time_ms INTEGER NOT NULL,
  recorded_at_ms INTEGER NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX entries_by_incident_time ON entries(incident_id, event_time_ms);
)sql";

constexpr const char *kStep2 = R"sql(
ALTER TABLE incidents ADD COLUMN slo_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN roles TEXT NOT NULL DEFAULT '{}';
ALTER TABLE incidents ADD COLUMN source_alert_id TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN updated_at_ms INTEGER NOT NULL DEFAULT 0;
UPDATE incidents SET updated_at_ms = opened_at_ms;
ALTER TABLE entries ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE entries ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
CREATE TABLE entry_revisions (
  entry_id TEXT NOT NULL REFERENCES entries(id),
  revision INTEGER NOT NULL,
  who TEXT NOT NULL,
  when_ms INTEGER NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  PRIMARY KEY (entry_id, revision)
) WITHOUT ROWID;
)sql";

// change_seq orders every insert and edit store-wide, so a reader (another window, another
// console) can fetch only what changed since it last looked.
constexpr const char *kStep3 = R"sql(
ALTER TABLE entries ADD COLUMN automatic INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN link TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_key TEXT;
ALTER TABLE entries ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
UPDATE entries SET change_seq = rowid;
CREATE UNIQUE INDEX entries_by_source_key ON entries(incident_id, source_key) WHERE source_key IS NOT NULL;
CREATE INDEX entries_by_change ON entries(change_seq);
)sql";

constexpr std::array<const char *, TimelineSchema::kVersion> kSteps{kStep1, kStep2, kStep3};

TimelineResult<int> userVersion(const SqliteConnection &conn) {
  auto version = conn.queryInt("PRAGMA user_version");
  if (!version)
    return version.error();
  return int(version.value());
}

TimelineError newerFile(const SqliteConnection &conn, int version) {
  return TimelineError{TimelineError::Code::NewerSchema,
                       QStringLiteral("timeline database %1 was written by a newer pxp-console (schema version %2; "
                                      "this one knows up to %3); update pxp-console, or choose another timeline "
                                      "file in the settings")
                           .arg(conn.file())
                           .arg(version)
                           .arg(TimelineSchema::kVersion),
                       conn.file()};
}

TimelineResult<QString> backUp(const SqliteConnection &conn, int fromVersion, qint64 nowMs) {
  const QString backup = TimelineSchema::backupName(conn.file(), fromVersion, nowMs);
  auto stmt = conn.prepare("VACUUM INTO ?1");
  if (!stmt)
    return stmt.error();
  stmt.value().bindText(1, backup);
  if (const int rc = stmt.value().step(); rc != SQLITE_DONE) {
    TimelineError error = conn.error(QStringLiteral("cannot copy it to %1 before upgrading it").arg(backup), rc);
    error.message += QStringLiteral("; the file was left as it was");
    return error;
  }
  syncFile(backup); // VACUUM INTO does not sync the copy it writes
  syncDirectory(QFileInfo(backup).absolutePath());
  return backup;
}

} // namespace

const char *TimelineSchema::step(int toVersion) {
  return kSteps.at(std::size_t(toVersion - 1));
}

QString TimelineSchema::backupName(const QString &file, int fromVersion, qint64 nowMs) {
  const QString stamp = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd-HHmmss"));
  const QString base = QStringLiteral("%1.bak-v%2-%3").arg(file).arg(fromVersion).arg(stamp);
  QString name = base;
  for (int n = 2; QFileInfo::exists(name); ++n)
    name = base + QStringLiteral("-%1").arg(n);
  return name;
}

TimelineResult<TimelineSchema::Migration> TimelineSchema::migrate(const SqliteConnection &conn, qint64 nowMs,
                                                                  int lockTimeoutMs) {
  auto found = userVersion(conn);
  if (!found)
    return found.error();
  if (found.value() > kVersion)
    return newerFile(conn, found.value());
  if (found.value() == kVersion)
    return Migration{kVersion, kVersion, {}};
  // One console migrates at a time, from backup to commit: a second one waits here, then
  // finds the file current and neither copies nor migrates it. A lock left by a killed
  // console names a dead process and is taken over.
  QLockFile lock(conn.file() + QStringLiteral(".migrating"));
  if (!lock.tryLock(lockTimeoutMs))
    return TimelineError{TimelineError::Code::Busy,
                         QStringLiteral("timeline database %1 is being upgraded by another pxp-console (%2.migrating "
                                        "is held); wait for it and try again")
                             .arg(conn.file(), conn.file()),
                         conn.file()};
  auto current = userVersion(conn);
  if (!current)
    return current.error();
  Migration migration{current.value(), current.value(), {}};
  if (migration.fromVersion > kVersion)
    return newerFile(conn, migration.fromVersion);
  if (migration.fromVersion == kVersion)
    return migration;
  if (migration.fromVersion > 0) {
    auto backup = backUp(conn, migration.fromVersion, nowMs);
    if (!backup)
      return backup.error();
    migration.backup = backup.value();
  }
  auto tx = WriteTransaction::begin(conn);
  if (!tx)
    return tx.error();
  for (int to = migration.fromVersion + 1; to <= kVersion; ++to) {
    if (auto r = conn.exec(QString::fromUtf8(step(to))); !r) {
      TimelineError error = r.error();
      error.message += QStringLiteral(" (upgrading to schema version %1; nothing was changed)").arg(to);
      return error;
    }
  }
  if (auto r = conn.exec(QStringLiteral("PRAGMA user_version = %1").arg(kVersion)); !r)
    return r.error();
  if (auto r = tx.value().commit(); !r)
    return r.error();
  migration.toVersion = kVersion;
  return migration;
}

} // namespace pxp::models::timeline
