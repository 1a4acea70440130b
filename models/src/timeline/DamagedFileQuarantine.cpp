#include "DamagedFileQuarantine.h"

#include "FileSync.h"
#include "SqliteConnection.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

namespace pxp::models::timeline {
namespace {

constexpr int kMaxDamageLines = 3; // quick_check lists up to 100 problems; a message needs a few

bool isDamage(int rc) {
  const int primary = primaryCode(rc);
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

} // namespace

TimelineResult<std::optional<DamagedFileQuarantine::MovedAside>>
DamagedFileQuarantine::checkAndMoveAside(const QString &file, qint64 nowMs, int busyTimeoutMs) {
  if (!QFileInfo::exists(file))
    return std::optional<MovedAside>();
  auto found = damage(file, busyTimeoutMs);
  if (!found)
    return found.error();
  if (!found.value())
    return std::optional<MovedAside>();
  const QString to = asideName(file, nowMs);
  if (auto r = moveAside(file, to); !r)
    return r.error();
  return std::optional<MovedAside>(MovedAside{to, *found.value()});
}

QString DamagedFileQuarantine::asideName(const QString &file, qint64 nowMs) {
  const QString stamp = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd-HHmmss"));
  const QString base = file + QStringLiteral(".corrupt-") + stamp;
  QString name = base;
  for (int n = 2; QFileInfo::exists(name) || QFileInfo::exists(name + QStringLiteral("-wal")); ++n)
    name = base + QStringLiteral("-%1").arg(n);
  return name;
}

TimelineResult<std::optional<QString>> DamagedFileQuarantine::damage(const QString &file, int busyTimeoutMs) {
  // Read-write: a hot WAL left by a killed console is recovered on first read, which writes.
  auto conn = SqliteConnection::open(file, SQLITE_OPEN_READWRITE, busyTimeoutMs);
  if (!conn) {
    // An unreadable file (permissions, not a regular file) is treated as damaged: moving it
    // aside keeps it and lets the console start; if it cannot be moved, the error says so.
    if (conn.error().code == TimelineError::Code::Io || conn.error().code == TimelineError::Code::ReadOnly)
      return std::optional<QString>(conn.error().message);
    return conn.error();
  }
  const SqliteConnection &c = conn.value();
  c.leaveWalOnClose(); // if the file is damaged, its -wal is evidence too
  auto stmt = c.prepare("PRAGMA quick_check");
  if (!stmt) {
    if (isDamage(c.lastErrorCode()))
      return std::optional<QString>(c.lastErrorMessage());
    return stmt.error();
  }
  QStringList problems;
  int rc = 0;
  while ((rc = stmt.value().step()) == SQLITE_ROW) {
    // One row may hold several lines, the first naming the schema ("*** in database main ***").
    for (const QString &line : stmt.value().text(0).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
      if (!line.startsWith(QLatin1String("***")))
        problems.append(line);
  }
  if (rc != SQLITE_DONE) {
    if (isDamage(rc))
      return std::optional<QString>(c.lastErrorMessage());
    return c.error(QStringLiteral("cannot check it (PRAGMA quick_check)"), rc);
  }
  if (problems == QStringList{QStringLiteral("ok")})
    return std::optional<QString>();
  QString report = QStringLiteral("quick_check: ") + problems.mid(0, kMaxDamageLines).join(QStringLiteral("; "));
  if (problems.size() > kMaxDamageLines)
    report += QStringLiteral("; and %1 more").arg(problems.size() - kMaxDamageLines);
  return std::optional<QString>(report);
}

TimelineResult<TimelineOk> DamagedFileQuarantine::moveAside(const QString &file, const QString &to) {
  // The -wal belongs to the damaged file: left behind, a fresh file would replay its frames.
  for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
    const QString from = file + suffix;
    if (!suffix.isEmpty() && !QFileInfo::exists(from))
      continue;
    if (!QFile::rename(from, to + suffix))
      return TimelineError{TimelineError::Code::Io,
                           QStringLiteral("timeline database %1 is damaged but could not be moved aside to %2; move "
                                          "it away by hand (keep it for inspection) and restart pxp-console")
                               .arg(file, to + suffix),
                           file};
  }
  syncDirectory(QFileInfo(file).absolutePath());
  return TimelineOk{};
}

} // namespace pxp::models::timeline
