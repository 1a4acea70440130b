#pragma once
// Checks a command journal file with PRAGMA quick_check and moves a damaged one (with its
// -wal and -shm) aside to `<file>.corrupt-YYYYMMDD-HHMMSS`, never over an earlier one.
// Thread affinity: any thread (no shared state).

#include <QString>

namespace pxp::client::journal {

// "" when the file is missing or sound; otherwise what is wrong with it.
QString damage(const QString &file);
// The first free `<file>.corrupt-YYYYMMDD-HHMMSS[-N]` name for `nowMs` (UTC).
QString asideName(const QString &file, qint64 nowMs);
// Renames file, file-wal and file-shm to `to`, `to`-wal, `to`-shm. "" = done, else the error.
QString moveAside(const QString &file, const QString &to);

} // namespace pxp::client::journal
