// AuditStore as the audit log: every field round-trips, seq is gap-free across restarts,
// filters and paging select what a timeline view asks for, bad entries are refused.

#include "AuditTestSupport.h"
#include "RawSqlite.h"

#include "pxpd/audit/AuditStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <array>

using namespace pxpd::audit;
using audittest::sampleEntry;
using audittest::whyNot;

class TestAuditStore : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  int m_fileNo = 0;

  // A fresh file for each test.
  std::filesystem::path newFile() {
    return m_dir.filePath(QStringLiteral("state-%1/audit.db").arg(++m_fileNo)).toStdString();
  }

  static QList<int> seqs(const std::vector<Entry> &entries) {
    QList<int> out;
    for (const auto &e : entries)
      out.append(static_cast<int>(e.seq));
    return out;
  }

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void seqIsGapFreeAndIncreasingAcrossReopen() {
    const auto file = newFile();
    {
      auto store = audittest::openStore(file);
      QVERIFY(store);
      QCOMPARE(store->lastSeq().value(), 0);
      for (int i = 1; i <= 3; ++i) {
        auto appended = store->append(sampleEntry(i));
        QVERIFY2(appended, whyNot(appended));
        QCOMPARE(appended.value().seq, i);
      }
    }
    auto store = audittest::openStore(file);
    QVERIFY(store);
    QVERIFY(!store->movedAsideTo());
    QCOMPARE(store->lastSeq().value(), 3);
    for (int i = 4; i <= 5; ++i)
      QCOMPARE(store->append(sampleEntry(i)).value().seq, i);
    QCOMPARE(seqs(store->recent(100).value()), (QList<int>{1, 2, 3, 4, 5}));
  }

  void everyFieldRoundTrips() {
    auto store = audittest::openStore(newFile());
    QVERIFY(store);
    Entry e = sampleEntry(7, "payments", Kind::Decision);
    e.seq = 999; // ignored: the store assigns seq
    e.actor = "policy:rollback-on-burn ✓";
    e.role = 0;
    e.ok = false;
    e.result = "actuator timed out after 30 s";
    e.decisionBlob = std::string("\x08\x01\x00\xff\x12\x00", 6); // binary, with NUL bytes
    const auto appended = store->append(e);
    QVERIFY2(appended, whyNot(appended));
    e.seq = 1;
    QVERIFY(appended.value() == e);
    const auto read = store->query(Query{});
    QVERIFY2(read, whyNot(read));
    QCOMPARE(read.value().size(), 1u);
    QVERIFY(read.value().front() == e);
    QCOMPARE(read.value().front().decisionBlob.size(), 6u);
  }

  void queryFilters_data() {
    QTest::addColumn<qint64>("startMs");
    QTest::addColumn<qint64>("endMs");
    QTest::addColumn<QString>("service");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("afterSeq");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QList<int>>("expectedSeqs");

    // The log (see fillLog): seq i at time 1000 * i; services c s c s c s; kinds
    // Command Decision Command Config Command AuthDenied.
    QTest::newRow("everything") << 0ll << 0ll << "" << 0 << 0ll << 100 << QList<int>{1, 2, 3, 4, 5, 6};
    QTest::newRow("one service") << 0ll << 0ll << "search" << 0 << 0ll << 100 << QList<int>{2, 4, 6};
    QTest::newRow("one kind") << 0ll << 0ll << "" << int(Kind::Command) << 0ll << 100 << QList<int>{1, 3, 5};
    QTest::newRow("start inclusive, end exclusive") << 2000ll << 4000ll << "" << 0 << 0ll << 100 << QList<int>{2, 3};
    QTest::newRow("open end") << 5000ll << 0ll << "" << 0 << 0ll << 100 << QList<int>{5, 6};
    QTest::newRow("service and kind") << 0ll << 0ll << "search" << int(Kind::Config) << 0ll << 100 << QList<int>{4};
    QTest::newRow("first page") << 0ll << 0ll << "" << 0 << 0ll << 2 << QList<int>{1, 2};
    QTest::newRow("next page after seq 2") << 0ll << 0ll << "" << 0 << 2ll << 2 << QList<int>{3, 4};
    QTest::newRow("page past the end") << 0ll << 0ll << "" << 0 << 6ll << 2 << QList<int>{};
    QTest::newRow("limit 0 reads the default 100") << 0ll << 0ll << "" << 0 << 0ll << 0 << QList<int>{1, 2, 3, 4, 5, 6};
    QTest::newRow("unknown service") << 0ll << 0ll << "nope" << 0 << 0ll << 100 << QList<int>{};
  }

  void queryFilters() {
    QFETCH(qint64, startMs);
    QFETCH(qint64, endMs);
    QFETCH(QString, service);
    QFETCH(int, kind);
    QFETCH(qint64, afterSeq);
    QFETCH(int, limit);
    QFETCH(QList<int>, expectedSeqs);

    auto store = audittest::openStore(newFile());
    QVERIFY(store);
    const std::array kinds = {Kind::Command, Kind::Decision, Kind::Command,
                              Kind::Config,  Kind::Command,  Kind::AuthDenied};
    for (int i = 1; i <= 6; ++i) {
      Entry e = sampleEntry(i, i % 2 ? "checkout" : "search", kinds[static_cast<std::size_t>(i - 1)]);
      e.timeMs = std::int64_t{1000} * i;
      QVERIFY(store->append(e));
    }
    const auto rows = store->query(Query{startMs, endMs, service.toStdString(), kind, afterSeq, limit});
    QVERIFY2(rows, whyNot(rows));
    QCOMPARE(seqs(rows.value()), expectedSeqs);
  }

  void recentIsNewestNOldestFirst() {
    auto store = audittest::openStore(newFile());
    QVERIFY(store);
    for (int i = 1; i <= 5; ++i)
      QVERIFY(store->append(sampleEntry(i)));
    QCOMPARE(seqs(store->recent(2).value()), (QList<int>{4, 5}));
    QCOMPARE(seqs(store->recent(0).value()), QList<int>{});
    QCOMPARE(seqs(store->recent(50).value()), (QList<int>{1, 2, 3, 4, 5}));
  }

  void invalidEntryIsRefusedAndNothingIsWritten_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("role");
    QTest::newRow("unknown kind") << 9 << 1;
    QTest::newRow("kind zero") << 0 << 1;
    QTest::newRow("role above admin") << int(Kind::Command) << 5;
    QTest::newRow("negative role") << int(Kind::Command) << -1;
  }

  void invalidEntryIsRefusedAndNothingIsWritten() {
    QFETCH(int, kind);
    QFETCH(int, role);
    const auto file = newFile();
    auto store = audittest::openStore(file);
    QVERIFY(store);
    QVERIFY(store->append(sampleEntry(1)));
    Entry bad = sampleEntry(2);
    bad.kind = static_cast<Kind>(kind);
    bad.role = role;
    const auto r = store->append(bad);
    QVERIFY(!r);
    QVERIFY2(r.error().find(file.string()) != std::string::npos, r.error().c_str()); // names the file
    QCOMPARE(store->lastSeq().value(), 1);
    QCOMPARE(store->append(sampleEntry(3)).value().seq, 2); // no gap left by the refusal
  }

  void logRefusesEditsAndDeletes() {
    const auto file = newFile();
    auto store = audittest::openStore(file);
    QVERIFY(store);
    QVERIFY(store->append(sampleEntry(1)));
    RawSqlite raw(QString::fromStdString(file.string()));
    QVERIFY(!raw.exec("UPDATE audit_entry SET actor = 'mallory'"));
    QVERIFY2(raw.lastError().find("append-only") != std::string::npos, raw.lastError().c_str());
    QVERIFY(!raw.exec("DELETE FROM audit_entry"));
    QCOMPARE(store->recent(1).value().front().actor, std::string("alice"));
  }

  void openReportsAnUnusableDirectory() {
    const QString blocker = m_dir.filePath(QStringLiteral("a-file"));
    QVERIFY(audittest::writeBytes(blocker, "not a directory"));
    const auto opened = AuditStore::open(blocker.toStdString() + "/audit.db");
    QVERIFY(!opened);
    QVERIFY2(opened.error().find("cannot create directory") != std::string::npos, opened.error().c_str());
    QVERIFY2(opened.error().find("writable") != std::string::npos, opened.error().c_str());
  }
};

QTEST_APPLESS_MAIN(TestAuditStore)
#include "tst_audit_store.moc"
