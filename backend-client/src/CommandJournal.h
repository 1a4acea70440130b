#pragma once
// CommandJournal: the console's local command journal (SQLite: WAL, synchronous=FULL). One row
// per idempotency key, written before the command is sent and finished when the daemon answers
// definitively; the last kKeepFinished finished rows are kept. No secrets are stored.
// Thread affinity: one thread per instance (it owns its connection); the CommandClient worker.

#include "pxp/client/CommandClient.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace pxp::client {

class CommandJournal {
public:
  static constexpr int kSchemaVersion = 1;
  static constexpr int kKeepFinished = 500;
  static constexpr int kBusyTimeoutMs = 5000;

  CommandJournal() = default;
  ~CommandJournal();
  CommandJournal(const CommandJournal &) = delete;
  CommandJournal &operator=(const CommandJournal &) = delete;

  // Opens or creates `file`. A damaged file is moved aside (`<file>.corrupt-YYYYMMDD-HHMMSS`,
  // `nowMs` names it) and a fresh one started; a file that cannot be used leaves a memory-only
  // journal. Returns what the user should know ("" = all well).
  QString open(const QString &file, qint64 nowMs);
  bool isMemoryOnly() const { return m_memoryOnly; }
  const QString &file() const { return m_file; }

  // Each returns "" when done, else an error naming the file and what to do.
  QString insert(const CommandStatusValue &status);
  QString recordAttempt(const QString &key);        // attempts + 1
  QString finish(const CommandStatusValue &status); // state, failure, message, audit, finished time
  // The row for `key`, if any.
  std::optional<CommandStatusValue> find(const QString &key, QString &error) const;
  // Pending rows meant for `target`, oldest first (re-sent in the order they were submitted).
  QList<CommandStatusValue> pending(const QString &target, QString &error) const;
  // Every pending row plus the newest finished ones, newest first.
  QList<CommandStatusValue> recent(int limit, QString &error) const;

private:
  using Bind = std::function<void(sqlite3_stmt *)>;
  using Row = std::function<void(sqlite3_stmt *)>;
  QString exec(const char *sql, const Bind &bind = {}, const Row &row = {}) const;
  QString openAt(const QString &path);
  QString createSchema();
  QString prune();
  QList<CommandStatusValue> select(const char *sql, const Bind &bind, QString &error) const;
  QString failure(const QString &what) const;

  sqlite3 *m_db = nullptr;
  QString m_file;
  bool m_memoryOnly = false;
};

} // namespace pxp::client
