#pragma once
// DamagedFileQuarantine: at open, runs PRAGMA quick_check on an existing timeline file; a
// damaged or unreadable one is renamed, with its -wal and -shm, to
// "<db>.corrupt-YYYYMMDD-HHMMSS" (never over an existing file), so a fresh database can start
// in its place and nothing is lost or overwritten. Thread affinity: the caller's.

#include "pxp/models/timeline/TimelineError.h"

#include <QString>

#include <optional>

namespace pxp::models::timeline {

class DamagedFileQuarantine {
public:
  struct MovedAside {
    QString to;
    QString damage; // quick_check's first lines, or SQLite's message ("file is not a database")
  };

  // Nothing when the file is absent or healthy; an error when checking or moving failed.
  static TimelineResult<std::optional<MovedAside>> checkAndMoveAside(const QString &file, qint64 nowMs,
                                                                     int busyTimeoutMs);
  static QString asideName(const QString &file, qint64 nowMs);

private:
  // What is wrong with the file, or nothing when quick_check says "ok".
  static TimelineResult<std::optional<QString>> damage(const QString &file, int busyTimeoutMs);
  static TimelineResult<TimelineOk> moveAside(const QString &file, const QString &to);
};

} // namespace pxp::models::timeline
