// CommandJournal on its own: a versioned WAL schema, the last 500 finished rows kept, pending
// rows kept whatever their age, damaged files moved aside (never over an earlier one), a newer
// schema left untouched, and an unreadable row failed instead of re-sent.

#include "CommandJournal.h"
#include "CommandJournalQuarantine.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace pxp::client;

namespace {

constexpr qint64 kT0Ms = 1'764'000'000'000; // 2025-11-24 16:00:00 UTC

CommandStatusValue row(int n, const QString &target = QStringLiteral("test@embedded")) {
  CommandStatusValue v;
  v.idempotencyKey = QStringLiteral("key-%1-0000").arg(n, 4, 10, QLatin1Char('0'));
  v.request.kind = CommandKind::Rollback;
  v.request.reason = QStringLiteral("test");
  v.request.deploymentId = QStringLiteral("payments-v2.3.%1").arg(n);
  v.submittedAtMs = kT0Ms + n;
  v.target = target;
  return v;
}

// Runs one statement on a raw connection and returns the first column of the first row.
QString rawQuery(const QString &file, const char *sql) {
  sqlite3 *db = nullptr;
  sqlite3_open(QFile::encodeName(file).constData(), &db);
  sqlite3_stmt *stmt = nullptr;
  QString out;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
    out = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

} // namespace

class TestCommandJournal : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  int m_files = 0;
  QString newFile() { return m_dir.filePath(QStringLiteral("journal-%1.sqlite").arg(++m_files)); }

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void theSchemaIsVersionedAndWritesAhead() {
    const QString file = newFile();
    {
      CommandJournal journal;
      QCOMPARE(journal.open(file, kT0Ms), QString());
      QVERIFY(!journal.isMemoryOnly());
      QCOMPARE(journal.insert(row(1)), QString());
    }
    QCOMPARE(rawQuery(file, "PRAGMA user_version"), QString::number(CommandJournal::kSchemaVersion));
    QCOMPARE(rawQuery(file, "PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(rawQuery(file, "SELECT state FROM commands"), QStringLiteral("pending"));
  }

  void aRowGoesFromPendingToItsAnswer() {
    CommandJournal journal;
    QCOMPARE(journal.open(newFile(), kT0Ms), QString());
    auto v = row(1);
    QCOMPARE(journal.insert(v), QString());
    QCOMPARE(journal.recordAttempt(v.idempotencyKey), QString());
    QString error;
    QCOMPARE(journal.pending(v.target, error).size(), 1);
    QCOMPARE(journal.pending(QStringLiteral("other@host:1"), error).size(), 0); // never to another daemon

    v.state = CommandState::Failed;
    v.failure = CommandFailure::PermissionDenied;
    v.message = QStringLiteral("Rollback needs role responder; demo-viewer has role viewer");
    v.audit.seq = v.auditSeq = 12;
    v.audit.actor = QStringLiteral("demo-viewer");
    v.finishedAtMs = kT0Ms + 100;
    QCOMPARE(journal.finish(v), QString());

    const auto found = journal.find(v.idempotencyKey, error);
    QVERIFY(found);
    QCOMPARE(found->state, CommandState::Failed);
    QCOMPARE(found->failure, CommandFailure::PermissionDenied);
    QCOMPARE(found->message, v.message);
    QCOMPARE(found->attempts, 1);
    QCOMPARE(found->audit.actor, QStringLiteral("demo-viewer"));
    QCOMPARE(found->request.deploymentId, v.request.deploymentId);
    QVERIFY(journal.pending(v.target, error).isEmpty());
  }

  void theLast500FinishedRowsAreKeptAndEveryPendingOne() {
    CommandJournal journal;
    QCOMPARE(journal.open(newFile(), kT0Ms), QString());
    for (int n = 0; n < 3; ++n)
      QCOMPARE(journal.insert(row(9000 + n)), QString());
    for (int n = 0; n < CommandJournal::kKeepFinished + 20; ++n) {
      auto v = row(n);
      QCOMPARE(journal.insert(v), QString());
      v.state = CommandState::Succeeded;
      v.finishedAtMs = kT0Ms + 1000 + n;
      QCOMPARE(journal.finish(v), QString());
    }
    QString error;
    const auto kept = journal.recent(10'000, error);
    QCOMPARE(error, QString());
    QCOMPARE(kept.size(), CommandJournal::kKeepFinished + 3);
    QVERIFY(!journal.find(row(19).idempotencyKey, error)); // the oldest finished ones went
    QVERIFY(journal.find(row(20).idempotencyKey, error));
    QCOMPARE(journal.pending(QStringLiteral("test@embedded"), error).size(), 3);
  }

  void aDamagedFileIsMovedAsideNeverOverAnEarlierOne() {
    const QString file = newFile();
    QStringList asides;
    for (int round = 0; round < 2; ++round) {
      QFile f(file);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(QByteArray("damaged round ").append(char('0' + round)).repeated(300));
      f.close();
      CommandJournal journal;
      const QString notice = journal.open(file, kT0Ms); // the same second both times
      QVERIFY2(notice.contains(QStringLiteral("moved aside to ")), qPrintable(notice));
      QVERIFY(!journal.isMemoryOnly());
      QCOMPARE(journal.insert(row(round)), QString());
      asides << notice.section(QStringLiteral("moved aside to "), 1).section(QLatin1Char(' '), 0, 0);
    }
    QCOMPARE(asides.at(0), file + QStringLiteral(".corrupt-20251124-160000"));
    QCOMPARE(asides.at(1), file + QStringLiteral(".corrupt-20251124-160000-2"));
    for (int round = 0; round < 2; ++round) {
      QFile moved(asides.at(round));
      QVERIFY(moved.open(QIODevice::ReadOnly));
      QVERIFY(moved.readAll().startsWith(QByteArray("damaged round ").append(char('0' + round))));
    }
  }

  void aNewerSchemaIsLeftUntouched() {
    const QString file = newFile();
    {
      CommandJournal journal;
      QCOMPARE(journal.open(file, kT0Ms), QString());
    }
    rawQuery(file, "PRAGMA user_version = 99");
    CommandJournal journal;
    const QString notice = journal.open(file, kT0Ms);
    QVERIFY2(notice.contains(QStringLiteral("newer")), qPrintable(notice));
    QVERIFY(journal.isMemoryOnly());
    QCOMPARE(journal.insert(row(1)), QString()); // commands still get journaled, in memory
    QCOMPARE(rawQuery(file, "PRAGMA user_version"), QStringLiteral("99"));
  }

  void anUnreadableRowIsFailedNotResent() {
    const QString file = newFile();
    CommandJournal journal;
    QCOMPARE(journal.open(file, kT0Ms), QString());
    rawQuery(file, "INSERT INTO commands (idempotency_key, kind, request, target, state, submitted_ms) "
                   "VALUES ('from-the-future-0001', 'Reboot', '{\"kind\":\"Reboot\"}', 'test@embedded', 'pending', 1)");
    QString error;
    const auto rows = journal.pending(QStringLiteral("test@embedded"), error);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].state, CommandState::Failed);
    QCOMPARE(rows[0].failure, CommandFailure::Journal);
  }
};

QTEST_GUILESS_MAIN(TestCommandJournal)
#include "tst_command_journal.moc"
