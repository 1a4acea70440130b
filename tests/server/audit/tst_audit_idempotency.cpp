// The idempotency journal: a command key runs once. A retry gets the first answer, a reused
// key with another request is a conflict, a crash mid-command leaves the key pending, and
// eight callers racing on one key see exactly one Started.

#include "AuditTestSupport.h"

#include "pxpd/audit/AuditStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <latch>
#include <thread>

using namespace pxpd::audit;
using audittest::sampleEntry;
using audittest::whyNot;

namespace {

constexpr std::int64_t kNowMs = 1'700'000'000'000;
constexpr std::int64_t kDayMs = std::int64_t{24} * 3600 * 1000;

Entry rollbackResult(const std::string &key) {
  Entry e = sampleEntry(1);
  e.idempotencyKey = key;
  return e;
}

} // namespace

class TestAuditIdempotency : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  int m_fileNo = 0;

  std::filesystem::path newFile() {
    return m_dir.filePath(QStringLiteral("audit-%1.db").arg(++m_fileNo)).toStdString();
  }

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void retryGetsTheFirstResultWithoutRunningAgain() {
    auto store = audittest::openStore(newFile());
    QVERIFY(store);
    const auto first = store->beginCommand("k1", "Rollback", "fp-a", kNowMs);
    QVERIFY2(first, whyNot(first));
    QCOMPARE(first.value().status, BeginStatus::Started);
    const auto done = store->completeCommand("k1", rollbackResult("k1"));
    QVERIFY2(done, whyNot(done));

    const auto retry = store->beginCommand("k1", "Rollback", "fp-a", kNowMs + 5000);
    QVERIFY2(retry, whyNot(retry));
    QCOMPARE(retry.value().status, BeginStatus::Completed);
    QCOMPARE(retry.value().startedMs, kNowMs);
    QVERIFY(retry.value().stored.has_value());
    QVERIFY(*retry.value().stored == done.value());
    QCOMPARE(store->lastSeq().value(), done.value().seq); // the retry wrote nothing
  }

  void sameKeyWithAnotherRequestConflicts_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("fingerprint");
    QTest::addColumn<bool>("completeFirst");
    QTest::newRow("other fingerprint, first pending") << "Rollback"
                                                      << "fp-b" << false;
    QTest::newRow("other fingerprint, first completed") << "Rollback"
                                                        << "fp-b" << true;
    QTest::newRow("other command, same fingerprint") << "SetKillSwitch"
                                                     << "fp-a" << true;
  }

  void sameKeyWithAnotherRequestConflicts() {
    QFETCH(QString, command);
    QFETCH(QString, fingerprint);
    QFETCH(bool, completeFirst);
    auto store = audittest::openStore(newFile());
    QVERIFY(store);
    QCOMPARE(store->beginCommand("k1", "Rollback", "fp-a", kNowMs).value().status, BeginStatus::Started);
    if (completeFirst)
      QVERIFY(store->completeCommand("k1", rollbackResult("k1")));
    const auto again = store->beginCommand("k1", command.toStdString(), fingerprint.toStdString(), kNowMs);
    QVERIFY2(again, whyNot(again));
    QCOMPARE(again.value().status, BeginStatus::Conflict);
    QCOMPARE(again.value().storedCommand, std::string("Rollback"));
    QVERIFY(!again.value().stored);
  }

  void crashBeforeCompletingLeavesTheKeyPending() {
    const auto file = newFile();
    {
      auto store = audittest::openStore(file);
      QVERIFY(store);
      QCOMPARE(store->beginCommand("k1", "Rollback", "fp-a", kNowMs).value().status, BeginStatus::Started);
    } // pxpd dies here: the command's outcome is unknown
    auto store = audittest::openStore(file);
    QVERIFY(store);
    QCOMPARE(store->beginCommand("k1", "Rollback", "fp-a", kNowMs + 1).value().status, BeginStatus::Pending);
    const auto pending = store->pendingCommands();
    QVERIFY2(pending, whyNot(pending));
    QCOMPARE(pending.value().size(), 1u);
    QVERIFY((pending.value().front() == PendingCommand{"k1", "Rollback", "fp-a", kNowMs}));

    // At startup pxpd settles it with a failed entry; the retry then gets that answer.
    Entry interrupted = rollbackResult("k1");
    interrupted.ok = false;
    interrupted.result = "interrupted: pxpd restarted while the command ran";
    QVERIFY(store->completeCommand("k1", interrupted));
    const auto retry = store->beginCommand("k1", "Rollback", "fp-a", kNowMs + 2);
    QCOMPARE(retry.value().status, BeginStatus::Completed);
    QCOMPARE(retry.value().stored->ok, false);
    QVERIFY(store->pendingCommands().value().empty());
  }

  void completingTwiceOrUnbegunIsRefused() {
    auto store = audittest::openStore(newFile());
    QVERIFY(store);
    const auto unbegun = store->completeCommand("never", rollbackResult("never"));
    QVERIFY(!unbegun);
    QVERIFY2(unbegun.error().find("beginCommand") != std::string::npos, unbegun.error().c_str());
    QVERIFY(!store->beginCommand("", "Rollback", "fp", kNowMs)); // a command without a key

    QVERIFY(store->beginCommand("k1", "Rollback", "fp-a", kNowMs));
    QVERIFY(!store->completeCommand("k1", rollbackResult("other-key")));
    QVERIFY(store->completeCommand("k1", rollbackResult("")));
    QVERIFY(!store->completeCommand("k1", rollbackResult("k1")));
    QCOMPARE(store->lastSeq().value(), 1); // only the one result was written
    QCOMPARE(store->recent(1).value().front().idempotencyKey, std::string("k1"));
  }

  void expiredKeysAreForgottenButTheirEntriesStay() {
    auto store = audittest::openStore(newFile());
    QVERIFY(store);
    QVERIFY(store->beginCommand("old", "Rollback", "fp", kNowMs - 8 * kDayMs));
    QVERIFY(store->completeCommand("old", rollbackResult("old")));
    QVERIFY(store->beginCommand("old-pending", "Rollback", "fp", kNowMs - 8 * kDayMs));
    QVERIFY(store->beginCommand("fresh", "Rollback", "fp", kNowMs - kDayMs));

    const auto removed = store->expireKeysOlderThan(kNowMs - 7 * kDayMs);
    QVERIFY2(removed, whyNot(removed));
    QCOMPARE(removed.value(), 2);
    QCOMPARE(store->beginCommand("old", "Rollback", "fp", kNowMs).value().status, BeginStatus::Started);
    QCOMPARE(store->beginCommand("fresh", "Rollback", "fp", kNowMs).value().status, BeginStatus::Pending);
    QCOMPARE(store->lastSeq().value(), 1);
  }

  void eightRacersOnOneKeySeeExactlyOneStarted_data() {
    QTest::addColumn<bool>("sharedStore");
    QTest::newRow("one store, eight threads") << true;
    QTest::newRow("eight stores on one file") << false;
  }

  void eightRacersOnOneKeySeeExactlyOneStarted() {
    QFETCH(bool, sharedStore);
    constexpr int kRacers = 8;
    const auto file = newFile();
    std::vector<std::unique_ptr<AuditStore>> stores;
    for (int i = 0; i < (sharedStore ? 1 : kRacers); ++i) {
      auto opened = AuditStore::open(file);
      QVERIFY2(opened, whyNot(opened));
      stores.push_back(std::move(opened).value());
    }
    std::atomic<int> started{0}, pending{0}, failed{0};
    std::latch go(kRacers);
    std::vector<std::thread> racers;
    for (int i = 0; i < kRacers; ++i) {
      AuditStore &store = *stores[sharedStore ? 0 : static_cast<std::size_t>(i)];
      racers.emplace_back([&] {
        go.arrive_and_wait();
        const auto r = store.beginCommand("contested", "SetKillSwitch", "fp", kNowMs);
        if (!r)
          ++failed;
        else if (r.value().status == BeginStatus::Started)
          ++started;
        else if (r.value().status == BeginStatus::Pending)
          ++pending;
      });
    }
    for (auto &t : racers)
      t.join();
    QCOMPARE(failed.load(), 0);
    QCOMPARE(started.load(), 1);
    QCOMPARE(pending.load(), kRacers - 1);
  }
};

QTEST_APPLESS_MAIN(TestAuditIdempotency)
#include "tst_audit_idempotency.moc"
