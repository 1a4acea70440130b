// Durability under kill -9: a child process appends as fast as it can and prints each seq
// once append() returned; after 200+ confirmations it is killed. Every confirmed entry must
// be there after reopening, with the file intact, three crashes in a row.

#include "AuditTestSupport.h"
#include "RawSqlite.h"
#include "WriterProcess.h"

#include "pxpd/audit/AuditStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace pxpd::audit;
using audittest::whyNot;

class TestAuditDurability : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void everyConfirmedEntrySurvivesKill9() {
    constexpr std::size_t kConfirmedBeforeKill = 200;
    const QString file = m_dir.filePath(QStringLiteral("state/audit.db"));
    std::set<qint64> confirmed;

    for (int crash = 1; crash <= 3; ++crash) {
      WriterProcess writer(file, QStringLiteral("writer-%1").arg(crash), 0);
      QVERIFY(writer.started());
      QVERIFY2(writer.waitForConfirmed(kConfirmedBeforeKill, 60000), writer.errors().constData());
      QVERIFY(writer.kill());
      confirmed.insert(writer.confirmedSeqs().begin(), writer.confirmedSeqs().end());
      QVERIFY(confirmed.size() >= kConfirmedBeforeKill * static_cast<std::size_t>(crash));

      // Reopen the way pxpd does after a crash: the file is healthy, nothing was moved aside.
      auto opened = AuditStore::open(file.toStdString());
      QVERIFY2(opened, whyNot(opened));
      auto &store = *opened.value();
      QVERIFY2(!store.movedAsideTo(), store.openWarning().value_or("").c_str());

      std::set<qint64> present;
      for (std::int64_t after = 0;;) {
        const auto page = store.query(Query{0, 0, "", 0, after, AuditStore::kMaxQueryLimit});
        QVERIFY2(page, whyNot(page));
        if (page.value().empty())
          break;
        for (const auto &e : page.value())
          present.insert(e.seq);
        after = page.value().back().seq;
      }
      for (qint64 seq : confirmed)
        QVERIFY2(present.count(seq), qPrintable(QStringLiteral("confirmed seq %1 is missing").arg(seq)));
      // Gap-free: the entries are exactly 1..lastSeq.
      QCOMPARE(static_cast<qint64>(present.size()), store.lastSeq().value());
      QCOMPARE(*present.rbegin(), static_cast<qint64>(present.size()));
      QCOMPARE(RawSqlite(file).text("PRAGMA integrity_check"), QStringLiteral("ok"));
    }
  }
};

QTEST_APPLESS_MAIN(TestAuditDurability)
#include "tst_audit_durability.moc"
