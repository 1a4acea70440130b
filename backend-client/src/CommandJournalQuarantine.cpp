#include "CommandJournalQuarantine.h"

#include <QDateTime>
#include <QFile>
#include <QStringList>

#include <sqlite3.h>

namespace pxp::client::journal {
namespace {

bool isDamage(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

} // namespace

QString damage(const QString &file) {
  if (!QFile::exists(file))
    return {};
  sqlite3 *db = nullptr;
  // Read-write: a hot WAL left by a killed process is recovered on first read, which writes.
  int rc =
      sqlite3_open_v2(QFile::encodeName(file).constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, nullptr);
  QString found;
  sqlite3_stmt *stmt = nullptr;
  if (rc == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &stmt, nullptr);
  }
  QStringList problems;
  if (rc == SQLITE_OK) {
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
      problems << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
  }
  if (rc != SQLITE_DONE && isDamage(rc))
    found = QString::fromUtf8(sqlite3_errmsg(db));
  else if (rc == SQLITE_DONE && problems != QStringList{QStringLiteral("ok")})
    found = QStringLiteral("quick_check: ") + problems.mid(0, 3).join(QStringLiteral("; "));
  sqlite3_finalize(stmt);
  sqlite3_close_v2(db);
  return found;
}

QString asideName(const QString &file, qint64 nowMs) {
  const QString stamp = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd-HHmmss"));
  const QString base = file + QStringLiteral(".corrupt-") + stamp;
  QString name = base;
  for (int n = 2; QFile::exists(name) || QFile::exists(name + QStringLiteral("-wal")); ++n)
    name = base + QStringLiteral("-%1").arg(n);
  return name;
}

QString moveAside(const QString &file, const QString &to) {
  // The -wal belongs to the damaged file: left behind, a fresh file would replay its frames.
  const QString suffixes[] = {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")};
  for (const QString &suffix : suffixes) {
    QFile from(file + suffix);
    if (!suffix.isEmpty() && !from.exists())
      continue;
    if (!from.rename(to + suffix))
      return QStringLiteral("cannot move %1 aside to %2: %3").arg(file + suffix, to + suffix, from.errorString());
  }
  return {};
}

} // namespace pxp::client::journal
