#include "CommandJournal.h"

#include "CommandJournalQuarantine.h"
#include "CommandJson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <memory>

namespace pxp::client {
namespace {

constexpr const char *kColumns =
    "idempotency_key, request, state, failure, message, audit_seq, audit, replayed, submitted_ms, finished_ms, "
    "attempts, target";

QString text(sqlite3_stmt *s, int column) {
  return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, column)));
}

void bindText(sqlite3_stmt *s, int index, const QString &value) {
  const QByteArray utf8 = value.toUtf8();
  sqlite3_bind_text(s, index, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
}

void bindBlobText(sqlite3_stmt *s, int index, const QByteArray &value) {
  sqlite3_bind_text(s, index, value.constData(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

// A row in kColumns order. A request this version cannot read keeps its key and is failed.
CommandStatusValue rowValue(sqlite3_stmt *s) {
  CommandStatusValue v;
  v.idempotencyKey = text(s, 0);
  const auto request = requestFromJson(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 1))));
  if (request)
    v.request = *request;
  v.state = commandStateFromName(text(s, 2));
  v.failure = commandFailureFromName(text(s, 3));
  v.message = text(s, 4);
  v.auditSeq = sqlite3_column_int64(s, 5);
  v.audit = auditFromJson(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(s, 6))));
  v.replayed = sqlite3_column_int(s, 7) != 0;
  v.submittedAtMs = sqlite3_column_int64(s, 8);
  v.finishedAtMs = sqlite3_column_int64(s, 9);
  v.attempts = sqlite3_column_int(s, 10);
  v.target = text(s, 11);
  if (!request) {
    v.state = CommandState::Failed;
    v.failure = CommandFailure::Journal;
    v.message = QStringLiteral("the journal row cannot be read by this version; it is not re-sent");
  }
  return v;
}

QString hintFor(int rc) {
  switch (rc & 0xff) {
  case SQLITE_FULL: return QStringLiteral("free disk space on that filesystem");
  case SQLITE_BUSY:
  case SQLITE_LOCKED: return QStringLiteral("another process holds the journal locked; close other consoles or pxpctl");
  case SQLITE_READONLY:
  case SQLITE_PERM:
  case SQLITE_CANTOPEN: return QStringLiteral("check that the folder exists and is writable");
  case SQLITE_IOERR: return QStringLiteral("the disk reported an I/O error; check the system log");
  default: return {};
  }
}

} // namespace

CommandJournal::~CommandJournal() {
  sqlite3_close_v2(m_db);
}

QString CommandJournal::failure(const QString &what) const {
  const int rc = m_db ? sqlite3_extended_errcode(m_db) : SQLITE_CANTOPEN;
  QString msg = QStringLiteral("command journal %1: %2: %3")
                    .arg(m_file, what, m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString());
  if (const QString hint = hintFor(rc); !hint.isEmpty())
    msg += QStringLiteral("; ") + hint;
  return msg;
}

QString CommandJournal::exec(const char *sql, const Bind &bind, const Row &row) const {
  sqlite3_stmt *raw = nullptr;
  if (sqlite3_prepare_v2(m_db, sql, -1, &raw, nullptr) != SQLITE_OK)
    return failure(QStringLiteral("cannot prepare a statement"));
  const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> stmt(raw, sqlite3_finalize);
  if (bind)
    bind(raw);
  int rc = 0;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW)
    if (row)
      row(raw);
  return rc == SQLITE_DONE ? QString() : failure(QStringLiteral("cannot read or write"));
}

QString CommandJournal::openAt(const QString &path) {
  sqlite3_close_v2(m_db);
  m_db = nullptr;
  const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE, nullptr);
  if (rc != SQLITE_OK)
    return failure(QStringLiteral("cannot open"));
  sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
  QString mode;
  if (auto e = exec("PRAGMA journal_mode=WAL", {}, [&](sqlite3_stmt *s) { mode = text(s, 0); }); !e.isEmpty())
    return e;
  if (mode != QLatin1String("wal") && path != QLatin1String(":memory:"))
    return failure(QStringLiteral("cannot switch to WAL mode (the filesystem may not support it)"));
  if (auto e = exec("PRAGMA synchronous=FULL"); !e.isEmpty())
    return e;
  return createSchema();
}

QString CommandJournal::createSchema() {
  int version = 0;
  if (auto e = exec("PRAGMA user_version", {}, [&](sqlite3_stmt *s) { version = sqlite3_column_int(s, 0); });
      !e.isEmpty())
    return e;
  if (version > kSchemaVersion)
    return QStringLiteral("command journal %1 was written by a newer PXP (schema %2, this one reads %3); "
                          "use --journal to pick another file or upgrade")
        .arg(m_file)
        .arg(version)
        .arg(kSchemaVersion);
  if (version == kSchemaVersion)
    return {};
  char *message = nullptr;
  const int rc = sqlite3_exec(m_db, R"(BEGIN IMMEDIATE;
    CREATE TABLE IF NOT EXISTS commands (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      idempotency_key TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      request TEXT NOT NULL,
      target TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
      failure TEXT NOT NULL DEFAULT '',
      message TEXT NOT NULL DEFAULT '',
      audit_seq INTEGER NOT NULL DEFAULT 0,
      audit TEXT NOT NULL DEFAULT '',
      replayed INTEGER NOT NULL DEFAULT 0,
      submitted_ms INTEGER NOT NULL,
      finished_ms INTEGER NOT NULL DEFAULT 0,
      attempts INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX IF NOT EXISTS commands_by_state ON commands (state, finished_ms);
    PRAGMA user_version = 1;
    COMMIT;)",
                              nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc == SQLITE_OK)
    return {};
  const QString error = failure(QStringLiteral("cannot create its tables"));
  sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
  return error;
}

QString CommandJournal::open(const QString &file, qint64 nowMs) {
  m_file = file;
  m_memoryOnly = false;
  QString notice, error;
  QDir().mkpath(QFileInfo(file).absolutePath());
  if (const QString damaged = journal::damage(file); !damaged.isEmpty()) {
    const QString aside = journal::asideName(file, nowMs);
    if (const QString moved = journal::moveAside(file, aside); !moved.isEmpty())
      error = QStringLiteral("command journal %1 is damaged (%2) and %3").arg(file, damaged, moved);
    else
      notice = QStringLiteral("command journal %1 was damaged (%2); it was moved aside to %3 and a fresh journal "
                              "started: commands pending in it are not re-sent")
                   .arg(file, damaged, aside);
  }
  if (error.isEmpty())
    error = openAt(file);
  if (error.isEmpty())
    error = prune();
  if (error.isEmpty())
    return notice;
  // Degraded: commands still go out, but a crash may lose track of one in flight.
  m_memoryOnly = true;
  const QString keep = m_file;
  openAt(QStringLiteral(":memory:"));
  m_file = keep;
  return error + QStringLiteral("; commands are journaled in memory only until the console restarts");
}

QString CommandJournal::insert(const CommandStatusValue &v) {
  return exec("INSERT INTO commands (idempotency_key, kind, request, target, state, submitted_ms, attempts) "
              "VALUES (?, ?, ?, ?, 'pending', ?, ?)",
              [&](sqlite3_stmt *s) {
                bindText(s, 1, v.idempotencyKey);
                bindText(s, 2, commandName(v.request.kind));
                bindBlobText(s, 3, requestToJson(v.request));
                bindText(s, 4, v.target);
                sqlite3_bind_int64(s, 5, v.submittedAtMs);
                sqlite3_bind_int(s, 6, v.attempts);
              });
}

QString CommandJournal::recordAttempt(const QString &key) {
  return exec("UPDATE commands SET attempts = attempts + 1 WHERE idempotency_key = ?",
              [&](sqlite3_stmt *s) { bindText(s, 1, key); });
}

QString CommandJournal::finish(const CommandStatusValue &v) {
  auto error = exec("UPDATE commands SET state = ?, failure = ?, message = ?, audit_seq = ?, audit = ?, replayed = ?, "
                    "finished_ms = ? WHERE idempotency_key = ?",
                    [&](sqlite3_stmt *s) {
                      bindText(s, 1, commandStateName(v.state));
                      bindText(s, 2, commandFailureName(v.failure));
                      bindText(s, 3, v.message);
                      sqlite3_bind_int64(s, 4, v.auditSeq);
                      bindBlobText(s, 5, auditToJson(v.audit));
                      sqlite3_bind_int(s, 6, v.replayed ? 1 : 0);
                      sqlite3_bind_int64(s, 7, v.finishedAtMs);
                      bindText(s, 8, v.idempotencyKey);
                    });
  return error.isEmpty() && v.state != CommandState::Pending ? prune() : error;
}

QString CommandJournal::prune() {
  return exec("DELETE FROM commands WHERE state != 'pending' AND id NOT IN "
              "(SELECT id FROM commands WHERE state != 'pending' ORDER BY finished_ms DESC, id DESC LIMIT ?)",
              [](sqlite3_stmt *s) { sqlite3_bind_int(s, 1, kKeepFinished); });
}

QList<CommandStatusValue> CommandJournal::select(const char *sql, const Bind &bind, QString &error) const {
  QList<CommandStatusValue> out;
  error = exec(sql, bind, [&](sqlite3_stmt *s) { out.push_back(rowValue(s)); });
  return out;
}

std::optional<CommandStatusValue> CommandJournal::find(const QString &key, QString &error) const {
  const auto rows = select((QByteArray("SELECT ") + kColumns + " FROM commands WHERE idempotency_key = ?").constData(),
                           [&](sqlite3_stmt *s) { bindText(s, 1, key); }, error);
  return rows.isEmpty() ? std::nullopt : std::optional(rows.front());
}

QList<CommandStatusValue> CommandJournal::pending(const QString &target, QString &error) const {
  return select((QByteArray("SELECT ") + kColumns + " FROM commands WHERE state = 'pending' AND target = ? ORDER BY id")
                    .constData(),
                [&](sqlite3_stmt *s) { bindText(s, 1, target); }, error);
}

QList<CommandStatusValue> CommandJournal::recent(int limit, QString &error) const {
  return select((QByteArray("SELECT ") + kColumns +
                 " FROM commands WHERE state = 'pending' OR id IN (SELECT id FROM commands WHERE state != 'pending' "
                 "ORDER BY finished_ms DESC, id DESC LIMIT ?) ORDER BY id DESC")
                    .constData(),
                [&](sqlite3_stmt *s) { sqlite3_bind_int(s, 1, limit); }, error);
}

} // namespace pxp::client
