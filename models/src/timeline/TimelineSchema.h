#pragma once
// TimelineSchema: the timeline database's versions (PRAGMA user_version) and the forward
// migrations between them, with a copy of the file taken before each migration run.
// Thread affinity: the thread that owns the connection.
//
// A published step never changes: files in the field were made by it, and the migration
// tests rebuild each earlier version from its DDL.

#include "SqliteConnection.h"

#include <QString>
#include <QStringList>

namespace pxp::models::timeline {

class TimelineSchema {
public:
  // 1: incidents and entries. 2: edit history, tombstones, SLOs, roles, source alert.
  // 3: automatic entries (link, source key, unique per incident) and the change sequence.
  static constexpr int kVersion = 3;

  struct Migration {
    int fromVersion = 0;
    int toVersion = 0;
    QString backup; // empty for a new file: nothing to keep
  };

  // Brings the file to kVersion. Under "<db>.migrating" (a QLockFile, so two consoles starting
  // at once migrate once), copies it (VACUUM INTO "<db>.bak-v<from>-<date>", never over an
  // existing file), then runs every step in one IMMEDIATE transaction. A newer file is refused.
  static TimelineResult<Migration> migrate(const SqliteConnection &conn, qint64 nowMs, int lockTimeoutMs);

  // The DDL of the step that makes version `toVersion` (1..kVersion).
  static const char *step(int toVersion);
  // "<db>.bak-v<from>-YYYYMMDD-HHMMSS", with "-2", "-3" ... when that name is taken.
  static QString backupName(const QString &file, int fromVersion, qint64 nowMs);
};

} // namespace pxp::models::timeline
