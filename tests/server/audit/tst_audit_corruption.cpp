// A damaged audit file is moved aside under a dated name, byte for byte, never deleted, and
// pxpd starts a fresh log it can write to; open() says so once.

#include "AuditTestSupport.h"

#include "pxpd/audit/AuditStore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace pxpd::audit;
using audittest::sampleEntry;
using audittest::whyNot;

namespace {

constexpr qint64 kNowMs = 1'741'064'767'000; // 2025-03-04 05:06:07 UTC
const QString kAsideSuffix = QStringLiteral(".corrupt-20250304-050607");

} // namespace

class TestAuditCorruption : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  int m_dirNo = 0;

  // A state directory with a healthy audit.db of 40 large entries (about 30 pages), closed,
  // so its WAL is checkpointed into the file.
  QString healthyFile() {
    const QString file = m_dir.filePath(QStringLiteral("state-%1/audit.db").arg(++m_dirNo));
    auto store = audittest::openStore(file.toStdString());
    for (int i = 1; store && i <= 40; ++i) {
      auto e = sampleEntry(i);
      e.before = audittest::largeJson(3000, static_cast<char>('a' + i % 26));
      (void)store->append(e);
    }
    return file;
  }

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void damagedFileIsMovedAsideAndAFreshLogStarts_data() {
    QTest::addColumn<QString>("damage");
    QTest::newRow("garbage bytes over the whole file") << "garbage";
    QTest::newRow("header zeroed") << "zero-header";
    QTest::newRow("truncated inside the header") << "truncate-header";
    QTest::newRow("truncated to half") << "truncate-half";
    QTest::newRow("a b-tree page overwritten") << "page";
  }

  void damagedFileIsMovedAsideAndAFreshLogStarts() {
    QFETCH(QString, damage);
    const QString file = healthyFile();
    QByteArray bytes = audittest::fileBytes(file);
    QVERIFY(bytes.size() > qsizetype{8} * 4096);
    if (damage == "garbage") {
      for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char((i * 131 + 7) % 251);
    } else if (damage == "zero-header") {
      bytes.replace(0, 100, QByteArray(100, '\0'));
    } else if (damage == "truncate-header") {
      bytes.truncate(50);
    } else if (damage == "truncate-half") {
      bytes.truncate(bytes.size() / 2);
    } else {
      bytes.replace(qsizetype{2} * 4096, 4096, QByteArray(4096, '\xa5')); // page 3: part of the entry table
    }
    QVERIFY(audittest::writeBytes(file, bytes));

    pxpd::ManualClock clock(kNowMs);
    auto opened = AuditStore::open(file.toStdString(), clock);
    QVERIFY2(opened, whyNot(opened));
    auto &store = *opened.value();

    const QString aside = file + kAsideSuffix;
    QCOMPARE(QString::fromStdString(store.movedAsideTo().value_or("")), aside);
    QCOMPARE(audittest::fileBytes(aside), bytes); // the evidence, byte for byte
    const std::string warning = store.openWarning().value_or("");
    QVERIFY2(warning.find(aside.toStdString()) != std::string::npos, warning.c_str());
    QVERIFY2(warning.find("fresh audit log") != std::string::npos, warning.c_str());

    QCOMPARE(store.lastSeq().value(), 0);
    QCOMPARE(store.append(sampleEntry(1)).value().seq, 1);
  }

  void secondDamageInTheSameSecondKeepsBothFiles() {
    const QString file = healthyFile();
    pxpd::ManualClock clock(kNowMs);
    QVERIFY(audittest::writeBytes(file, "first damage, not a database at all"));
    QVERIFY(AuditStore::open(file.toStdString(), clock));
    QVERIFY(audittest::writeBytes(file, "second damage, also not a database"));
    auto opened = AuditStore::open(file.toStdString(), clock);
    QVERIFY2(opened, whyNot(opened));

    QCOMPARE(QString::fromStdString(opened.value()->movedAsideTo().value_or("")), file + kAsideSuffix + "-2");
    QCOMPARE(audittest::fileBytes(file + kAsideSuffix), QByteArray("first damage, not a database at all"));
    QCOMPARE(audittest::fileBytes(file + kAsideSuffix + "-2"), QByteArray("second damage, also not a database"));
  }

  void theWalOfADamagedFileMovesWithIt() {
    // Left behind, a fresh file would replay the damaged file's WAL frames.
    const QString file = healthyFile();
    QVERIFY(audittest::writeBytes(file, "damaged"));
    QVERIFY(audittest::writeBytes(file + "-wal", "frames of the damaged file"));
    pxpd::ManualClock clock(kNowMs);
    auto opened = AuditStore::open(file.toStdString(), clock);
    QVERIFY2(opened, whyNot(opened));
    QCOMPARE(audittest::fileBytes(file + kAsideSuffix + "-wal"), QByteArray("frames of the damaged file"));
    QCOMPARE(opened.value()->lastSeq().value(), 0);
  }

  void healthyFileStaysPut() {
    const QString file = healthyFile();
    auto opened = AuditStore::open(file.toStdString());
    QVERIFY2(opened, whyNot(opened));
    QVERIFY(!opened.value()->movedAsideTo());
    QVERIFY(!opened.value()->openWarning());
    QCOMPARE(opened.value()->lastSeq().value(), 40);
    QCOMPARE(QDir(QFileInfo(file).path()).entryList({"*.corrupt-*"}), QStringList{});
  }
};

QTEST_APPLESS_MAIN(TestAuditCorruption)
#include "tst_audit_corruption.moc"
