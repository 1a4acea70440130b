// The audit file's schema moves forward: an empty file and a version-1 file written by hand
// become current with their entries kept; a newer or foreign database is refused, untouched.

#include "AuditTestSupport.h"
#include "RawSqlite.h"

#include "pxpd/audit/AuditStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pxpd::audit;
using audittest::sampleEntry;
using audittest::whyNot;

namespace {

// Version 1 as pxpd 0.1 shipped it, spelled out here rather than taken from the code under test.
constexpr const char *kVersion1Schema = R"sql(
CREATE TABLE audit_entry (
  seq INTEGER PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
  actor TEXT NOT NULL,
  role INTEGER NOT NULL CHECK (role BETWEEN 0 AND 4),
  command TEXT NOT NULL,
  target TEXT NOT NULL,
  reason TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  ok INTEGER NOT NULL,
  result TEXT NOT NULL,
  service TEXT NOT NULL
);
CREATE INDEX audit_entry_time ON audit_entry (time_ms);
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
INSERT INTO audit_entry VALUES
  (1, 1000, 2, 'alice', 3, 'Rollback', 'deploy/checkout', 'bad canary', 'k1', '{}', '{}', 1, 'done', 'checkout'),
  (2, 2000, 1, 'policy:burn', 0, 'PolicyDecision', 'checkout', 'burn 14x', '', '', '', 1, 'paged', 'checkout');
PRAGMA user_version = 1;
)sql";

} // namespace

class TestAuditSchema : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  int m_fileNo = 0;

  QString newFile() { return m_dir.filePath(QStringLiteral("audit-%1.db").arg(++m_fileNo)); }

  static qint64 userVersion(const QString &file) { return RawSqlite(file).integer("PRAGMA user_version"); }

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void emptyFileBecomesCurrent() {
    const QString file = newFile();
    QVERIFY(audittest::writeBytes(file, {})); // version 0: what an interrupted first start leaves
    {
      auto opened = AuditStore::open(file.toStdString());
      QVERIFY2(opened, whyNot(opened));
      QVERIFY(!opened.value()->movedAsideTo());
      QVERIFY(opened.value()->append(sampleEntry(1)));
      QCOMPARE(opened.value()->beginCommand("k", "Rollback", "fp", 1).value().status, BeginStatus::Started);
    }
    QCOMPARE(userVersion(file), AuditStore::kSchemaVersion);
    QCOMPARE(RawSqlite(file).text("PRAGMA journal_mode"), QStringLiteral("wal"));
  }

  void version1FileMigratesKeepingItsEntries() {
    const QString file = newFile();
    {
      RawSqlite raw(file);
      QVERIFY2(raw.exec(kVersion1Schema), raw.lastError().c_str());
    }
    QCOMPARE(userVersion(file), 1);

    auto opened = AuditStore::open(file.toStdString());
    QVERIFY2(opened, whyNot(opened));
    auto &store = *opened.value();
    QCOMPARE(userVersion(file), AuditStore::kSchemaVersion);

    const auto old = store.recent(10);
    QVERIFY2(old, whyNot(old));
    QCOMPARE(old.value().size(), 2u);
    QCOMPARE(old.value()[0].command, std::string("Rollback"));
    QCOMPARE(old.value()[0].before, std::string("{}"));
    QCOMPARE(old.value()[1].actor, std::string("policy:burn"));
    QCOMPARE(old.value()[1].kind, Kind::Decision);
    QVERIFY(old.value()[1].decisionBlob.empty()); // a column version 1 did not have

    // What version 2 added works on the migrated file, and seq continues.
    QCOMPARE(store.beginCommand("k3", "Rollback", "fp", 3000).value().status, BeginStatus::Started);
    Entry done = sampleEntry(3);
    done.idempotencyKey = "k3";
    done.decisionBlob = "blob";
    const auto completed = store.completeCommand("k3", done);
    QVERIFY2(completed, whyNot(completed));
    QCOMPARE(completed.value().seq, 3);
    const auto fromService = store.query(Query{0, 0, "checkout", 0, 0, 100});
    QCOMPARE(fromService.value().size(), 3u);
  }

  void newerVersionIsRefusedAndLeftUntouched() {
    const QString file = newFile();
    {
      RawSqlite raw(file);
      QVERIFY(raw.exec("CREATE TABLE audit_entry (seq INTEGER PRIMARY KEY, future TEXT); PRAGMA user_version = 99"));
    }
    const QByteArray before = audittest::fileBytes(file);
    const auto opened = AuditStore::open(file.toStdString());
    QVERIFY(!opened);
    QVERIFY2(opened.error().find("newer pxpd") != std::string::npos, opened.error().c_str());
    QVERIFY2(opened.error().find(file.toStdString()) != std::string::npos, opened.error().c_str());
    QCOMPARE(userVersion(file), 99);
    QCOMPARE(QDir(m_dir.path()).entryList({"*.corrupt-*"}), QStringList{});
    QCOMPARE(audittest::fileBytes(file), before);
    QVERIFY(!QFile::exists(file + "-wal"));
  }

  void foreignDatabaseIsRefusedAndLeftUntouched_data() {
    QTest::addColumn<QString>("sql");
    QTest::newRow("someone else's tables") << "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')";
    QTest::newRow("another application id") << "PRAGMA application_id = 1234";
  }

  void foreignDatabaseIsRefusedAndLeftUntouched() {
    QFETCH(QString, sql);
    const QString file = newFile();
    {
      RawSqlite raw(file);
      QVERIFY(raw.exec(sql.toStdString()));
    }
    const QByteArray before = audittest::fileBytes(file);
    const auto opened = AuditStore::open(file.toStdString());
    QVERIFY(!opened);
    QVERIFY2(opened.error().find("leaves it untouched") != std::string::npos, opened.error().c_str());
    QCOMPARE(audittest::fileBytes(file), before);
  }

  void reopeningACurrentFileChangesNothing() {
    const QString file = newFile();
    for (int i = 1; i <= 3; ++i) {
      auto opened = AuditStore::open(file.toStdString());
      QVERIFY2(opened, whyNot(opened));
      QCOMPARE(opened.value()->append(sampleEntry(i)).value().seq, i);
    }
    QCOMPARE(userVersion(file), AuditStore::kSchemaVersion);
  }
};

QTEST_APPLESS_MAIN(TestAuditSchema)
#include "tst_audit_schema.moc"
