// Several writers on one audit file lose nothing: two processes, two stores in one process,
// eight threads on one store. The seqs they are given are exactly 1..N, each once.

#include "AuditTestSupport.h"
#include "WriterProcess.h"

#include "pxpd/audit/AuditStore.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <latch>
#include <map>
#include <mutex>
#include <thread>

using namespace pxpd::audit;
using audittest::sampleEntry;
using audittest::whyNot;

class TestAuditConcurrency : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  int m_fileNo = 0;

  QString newFile() { return m_dir.filePath(QStringLiteral("state-%1/audit.db").arg(++m_fileNo)); }

  // Every entry in the file, by seq -> actor.
  static std::map<qint64, std::string> actorsBySeq(AuditStore &store) {
    std::map<qint64, std::string> out;
    for (std::int64_t after = 0;;) {
      const auto page = store.query(Query{0, 0, "", 0, after, AuditStore::kMaxQueryLimit});
      if (!page || page.value().empty())
        return out;
      for (const auto &e : page.value())
        out[e.seq] = e.actor;
      after = page.value().back().seq;
    }
  }

  // The file holds exactly seqs 1..total, and each writer's confirmed seqs carry its name.
  static void verifyNothingLost(const QString &file, const std::map<std::string, std::vector<qint64>> &confirmed,
                                std::size_t total) {
    auto store = audittest::openStore(file.toStdString());
    QVERIFY(store);
    const auto actors = actorsBySeq(*store);
    QCOMPARE(actors.size(), total);
    QCOMPARE(actors.begin()->first, 1);
    QCOMPARE(actors.rbegin()->first, static_cast<qint64>(total));
    std::size_t confirmedCount = 0;
    for (const auto &[actor, seqs] : confirmed) {
      confirmedCount += seqs.size();
      for (qint64 seq : seqs) {
        QVERIFY(actors.count(seq));
        QCOMPARE(actors.at(seq), actor);
      }
    }
    QCOMPARE(confirmedCount, total);
  }

  // How often the writer of consecutive seqs changed: 1 means they ran one after the other.
  static int turns(const std::vector<qint64> &a, const std::vector<qint64> &b) {
    std::map<qint64, char> writerOf;
    for (qint64 seq : a)
      writerOf[seq] = 'a';
    for (qint64 seq : b)
      writerOf[seq] = 'b';
    int changes = 0;
    char previous = 0;
    for (const auto &[seq, writer] : writerOf) {
      changes += previous && writer != previous;
      previous = writer;
    }
    return changes;
  }

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void twoProcessesAppendingConcurrentlyLoseNothing() {
    constexpr int kPerWriter = 300;
    const QString file = newFile();
    WriterProcess a(file, QStringLiteral("proc-a"), kPerWriter, WriterProcess::Gate::WaitForGo);
    WriterProcess b(file, QStringLiteral("proc-b"), kPerWriter, WriterProcess::Gate::WaitForGo);
    QVERIFY(a.started() && b.started());
    QVERIFY2(a.waitForReady(10000), a.errors().constData());
    QVERIFY2(b.waitForReady(10000), b.errors().constData());
    QVERIFY(a.go() && b.go()); // both stores are open: release them together
    QVERIFY2(a.finishedCleanly(60000), a.errors().constData());
    QVERIFY2(b.finishedCleanly(60000), b.errors().constData());
    verifyNothingLost(file, {{"proc-a", a.confirmedSeqs()}, {"proc-b", b.confirmedSeqs()}},
                      std::size_t{2} * kPerWriter);
    qInfo("writers took turns %d times", turns(a.confirmedSeqs(), b.confirmedSeqs()));
  }

  // Regression: with SQLite's default busy handler a waiting writer sleeps up to 100 ms
  // between tries, while a writer committing back to back frees the lock for microseconds;
  // the waiter then starved for seconds and failed with "database is locked".
  void writerNextToABackToBackWriterIsNotStarved() {
    constexpr int kAppends = 100;
    const QString file = newFile();
    WriterProcess busy(file, QStringLiteral("busy"), 0);
    QVERIFY(busy.started());
    QVERIFY2(busy.waitForConfirmed(50, 30000), busy.errors().constData());
    auto store = audittest::openStore(file.toStdString());
    QVERIFY(store);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kAppends; ++i) {
      auto e = sampleEntry(i);
      e.actor = "neighbour";
      const auto r = store->append(e);
      QVERIFY2(r, whyNot(r));
    }
    qInfo("%d appends next to a back-to-back writer took %lld ms", kAppends, static_cast<long long>(timer.elapsed()));
    QVERIFY(busy.kill());
  }

  void threadsAppendingConcurrentlyLoseNothing_data() {
    QTest::addColumn<int>("stores");
    QTest::addColumn<int>("threads");
    QTest::newRow("two stores on one file, a thread each") << 2 << 2;
    QTest::newRow("one store, eight threads") << 1 << 8;
  }

  void threadsAppendingConcurrentlyLoseNothing() {
    QFETCH(int, stores);
    QFETCH(int, threads);
    constexpr int kTotal = 400;
    const int perThread = kTotal / threads;
    const QString file = newFile();
    std::vector<std::unique_ptr<AuditStore>> open;
    for (int i = 0; i < stores; ++i) {
      open.push_back(audittest::openStore(file.toStdString()));
      QVERIFY(open.back());
    }

    std::mutex mutex;
    std::map<std::string, std::vector<qint64>> confirmed; // guarded by mutex
    std::string firstError;                               // guarded by mutex
    std::latch go(threads);
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t) {
      writers.emplace_back([&, t, perThread] {
        AuditStore &store = *open[static_cast<std::size_t>(t % stores)];
        const std::string actor = "thread-" + std::to_string(t);
        go.arrive_and_wait();
        for (int i = 0; i < perThread; ++i) {
          auto e = sampleEntry(i);
          e.actor = actor;
          const auto r = store.append(e);
          std::lock_guard lock(mutex);
          if (!r && firstError.empty())
            firstError = r.error();
          if (r)
            confirmed[actor].push_back(r.value().seq);
        }
      });
    }
    for (auto &w : writers)
      w.join();
    QVERIFY2(firstError.empty(), firstError.c_str());
    verifyNothingLost(file, confirmed, static_cast<std::size_t>(threads) * static_cast<std::size_t>(perThread));
  }
};

QTEST_APPLESS_MAIN(TestAuditConcurrency)
#include "tst_audit_concurrency.moc"
