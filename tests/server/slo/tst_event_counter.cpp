// EventCounter: exact window sums at their resolution, bounded memory, ring wrap-around, history.

#include "SloTraffic.h"

#include "pxpd/slo/EventCounter.h"
#include "pxpd/slo/Window.h"

#include <QtTest/QTest>

#include <limits>
#include <random>
#include <vector>

using namespace pxpd::slo;
using namespace slotest;

Q_DECLARE_METATYPE(pxpd::slo::Window)

namespace {

constexpr std::int64_t k30DaysSeconds = 30LL * 86400;

// Zero-event adds every minute over 31 days up to now, so that every level but the coarsest
// has wrapped and each window is read from the level the design says; `probeMs` gets one event.
EventCounter counterWithProbe(std::int64_t probeMs) {
  EventCounter c(k30DaysSeconds);
  bool probed = false;
  for (std::int64_t t = kNowMs - 31 * kDayMs; t <= kNowMs; t += kMinuteMs) {
    if (!probed && probeMs <= t) {
      c.add(probeMs, 1, 1);
      probed = true;
    }
    c.add(t, 0, 0);
  }
  return c;
}

} // namespace

class TestEventCounter : public QObject {
  Q_OBJECT

private slots:
  void windowEdgesAreExact_data();
  void windowEdgesAreExact();
  void unalignedNowStaysWithinOneBucket();
  void sumMatchesBruteForce_data();
  void sumMatchesBruteForce();
  void outOfOrderWithinTheHourCounts();
  void tooOldIsDroppedAndCounted();
  void invalidInputIsDroppedAndCounted();
  void ringWrapsAfterMoreThanAPeriod();
  void jumpPastEverythingForgetsEverything();
  void memoryStaysUnder64KiB_data();
  void memoryStaysUnder64KiB();
  void historyAtFineSteps();
  void historyAtCoarseSteps();
  void historyFinerThanTheLevelKeepsTotals();
  void historyRejectsBadRanges();
};

void TestEventCounter::windowEdgesAreExact_data() {
  QTest::addColumn<Window>("window");
  QTest::addColumn<qint64>("probeAgoMs");
  QTest::addColumn<double>("expected");
  for (const Window w : kAllWindows) {
    const std::int64_t ms = windowSeconds(w, k30DaysSeconds) * kSecondMs;
    const std::string name(windowName(w));
    // Windows are (now - w, now]: the event exactly at the start belongs to the previous window.
    QTest::addRow("%s: event at the window start is out", name.c_str()) << w << qint64(ms) << 0.0;
    QTest::addRow("%s: 1 ms later is in", name.c_str()) << w << qint64(ms - 1) << 1.0;
    QTest::addRow("%s: event at now is in", name.c_str()) << w << qint64(0) << 1.0;
  }
}

void TestEventCounter::windowEdgesAreExact() {
  QFETCH(Window, window);
  QFETCH(qint64, probeAgoMs);
  QFETCH(double, expected);
  const EventCounter c = counterWithProbe(kNowMs - probeAgoMs);
  const EventCounter::Sums s = c.sum(kNowMs, windowSeconds(window, k30DaysSeconds));
  QCOMPARE(s.total, expected);
  QCOMPARE(s.good, expected);
}

void TestEventCounter::unalignedNowStaysWithinOneBucket() {
  // One event a second for 20 minutes; "now" 5 s into a 10 s bucket. A window must hold its
  // length in events give or take one 10 s bucket at its start; its end is exact.
  EventCounter c(k30DaysSeconds);
  const std::int64_t nowMs = kNowMs + 5 * kSecondMs;
  for (std::int64_t t = nowMs - 20 * kMinuteMs + kSecondMs; t <= nowMs; t += kSecondMs)
    c.add(t, 1, 1);
  const double fiveMinutes = c.sum(nowMs, 300).total;
  QVERIFY2(fiveMinutes >= 290 && fiveMinutes <= 310, qPrintable(QString::number(fiveMinutes)));
  const double oneMinute = c.sum(nowMs, 60).total;
  QVERIFY2(oneMinute >= 50 && oneMinute <= 70, qPrintable(QString::number(oneMinute)));
  c.add(nowMs, 1, 1); // a second event at now is counted at once
  QCOMPARE(c.sum(nowMs, 60).total, oneMinute + 1);
}

void TestEventCounter::sumMatchesBruteForce_data() {
  QTest::addColumn<int>("seed");
  for (int seed = 1; seed <= 5; ++seed)
    QTest::addRow("seed %d", seed) << seed;
}

void TestEventCounter::sumMatchesBruteForce() {
  // Random whole-number events over 35 days (sparse, then dense in the last two hours), random
  // "now"s after the last event and random window lengths. Whatever levels sum() combines, the
  // total must equal a plain count of the raw events in (start, now], where start is the window
  // start rounded to the resolution the counter reports for it.
  QFETCH(int, seed);
  std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
  std::uniform_int_distribution<std::int64_t> sparseGapMs(kSecondMs, 15 * kMinuteMs);
  std::uniform_int_distribution<std::int64_t> denseGapMs(1, 20 * kSecondMs);
  std::uniform_int_distribution<int> count(0, 1000);
  struct Event {
    std::int64_t timeMs;
    double good, total;
  };
  std::vector<Event> events;
  EventCounter c(k30DaysSeconds);
  for (std::int64_t t = kNowMs - 35 * kDayMs; t < kNowMs;) {
    t += t < kNowMs - 2 * kHourMs ? sparseGapMs(rng) : denseGapMs(rng);
    const double total = count(rng);
    const double good = std::uniform_int_distribution<int>(0, static_cast<int>(total))(rng);
    c.add(t, good, total);
    events.push_back({t, good, total});
  }
  QCOMPARE(c.droppedTooOld() + c.droppedInvalid(), 0u);

  std::vector<std::int64_t> windows;
  for (const Window w : kAllWindows)
    windows.push_back(windowSeconds(w, k30DaysSeconds));
  std::uniform_int_distribution<std::int64_t> anyWindow(10, k30DaysSeconds); // longer ones are clipped
  std::uniform_int_distribution<std::int64_t> later(0, 2 * kHourMs);
  for (int query = 0; query < 400; ++query) {
    const std::int64_t nowMs = events.back().timeMs + later(rng);
    const std::int64_t seconds =
        query % 2 == 0 ? windows[static_cast<std::size_t>(query / 2) % windows.size()] : anyWindow(rng);
    const std::int64_t startMs = nowMs - seconds * kSecondMs;
    const std::int64_t resMs = c.resolutionSecondsAt(startMs) * kSecondMs;
    const std::int64_t fromMs = (startMs + resMs / 2) / resMs * resMs;
    EventCounter::Sums expected;
    for (const Event &e : events) {
      if (e.timeMs > fromMs && e.timeMs <= nowMs) {
        expected.good += e.good;
        expected.total += e.total;
      }
    }
    const EventCounter::Sums actual = c.sum(nowMs, seconds);
    QVERIFY2(actual.total == expected.total && actual.good == expected.good,
             qPrintable(QStringLiteral("window %1 s at now+%2 ms: got %3/%4, expected %5/%6")
                            .arg(seconds)
                            .arg(nowMs - events.back().timeMs)
                            .arg(actual.good)
                            .arg(actual.total)
                            .arg(expected.good)
                            .arg(expected.total)));
  }
}

void TestEventCounter::outOfOrderWithinTheHourCounts() {
  EventCounter c(k30DaysSeconds);
  c.add(kNowMs, 1, 2);
  c.add(kNowMs - 30 * kMinuteMs, 3, 4); // a late scrape, half an hour behind
  QCOMPARE(c.droppedTooOld(), 0u);
  QCOMPARE(c.sum(kNowMs, 3600).total, 6.0);
  QCOMPARE(c.sum(kNowMs, 3600).good, 4.0);
  QCOMPARE(c.sum(kNowMs, 300).total, 2.0);
  QCOMPARE(c.lastDataMs(), kNowMs); // the late one does not move time back
}

void TestEventCounter::tooOldIsDroppedAndCounted() {
  EventCounter c(k30DaysSeconds);
  c.add(kNowMs, 1, 1);
  c.add(kNowMs - 2 * kHourMs, 5, 5); // beyond the 10 s level's hour: levels would disagree
  QCOMPARE(c.droppedTooOld(), 1u);
  QCOMPARE(c.sum(kNowMs, k30DaysSeconds).total, 1.0);
}

void TestEventCounter::invalidInputIsDroppedAndCounted() {
  EventCounter c(k30DaysSeconds);
  c.add(kNowMs, std::numeric_limits<double>::quiet_NaN(), 1);
  c.add(kNowMs, 1, std::numeric_limits<double>::infinity());
  c.add(kNowMs, -1, 1);
  c.add(kNowMs, 0, -1);
  QCOMPARE(c.droppedInvalid(), 4u);
  QCOMPARE(c.sum(kNowMs, 300).total, 0.0);
  QCOMPARE(c.lastDataMs(), qint64(0));
  // Separately sampled counters can report a little more good than total: clamp, do not drop.
  c.add(kNowMs, 5, 3);
  QCOMPARE(c.sum(kNowMs, 300).good, 3.0);
  QCOMPARE(c.sum(kNowMs, 300).total, 3.0);
}

void TestEventCounter::ringWrapsAfterMoreThanAPeriod() {
  // One event a minute for 61 days: every ring has wrapped at least twice.
  EventCounter c(k30DaysSeconds);
  const std::size_t bytesBefore = c.memoryBytes();
  const std::int64_t startMs = kNowMs - 61 * kDayMs;
  for (std::int64_t t = startMs + kMinuteMs; t <= kNowMs; t += kMinuteMs)
    c.add(t, 1, 1);
  QCOMPARE(c.sum(kNowMs, k30DaysSeconds).total, 30.0 * 1440);
  QCOMPARE(c.sum(kNowMs, 3LL * 86400).total, 3.0 * 1440);
  QCOMPARE(c.sum(kNowMs, 86400).total, 1440.0);
  QCOMPARE(c.sum(kNowMs, 6LL * 3600).total, 360.0);
  QCOMPARE(c.sum(kNowMs, 3600).total, 60.0);
  QCOMPARE(c.sum(kNowMs, 300).total, 5.0);
  QCOMPARE(c.memoryBytes(), bytesBefore); // memory is flat however long it runs
  // A day later with no new data, the windows have slid past the data they no longer cover.
  QCOMPARE(c.sum(kNowMs + kDayMs, 86400).total, 0.0);
  QCOMPARE(c.sum(kNowMs + kDayMs, k30DaysSeconds).total, 29.0 * 1440);
}

void TestEventCounter::jumpPastEverythingForgetsEverything() {
  EventCounter c(k30DaysSeconds);
  for (std::int64_t t = kNowMs - kDayMs + kMinuteMs; t <= kNowMs; t += kMinuteMs)
    c.add(t, 1, 1);
  const std::int64_t laterMs = kNowMs + 40 * kDayMs;
  c.add(laterMs, 7, 7);
  QCOMPARE(c.sum(laterMs, k30DaysSeconds).total, 7.0);
  QCOMPARE(c.sum(laterMs, 300).total, 7.0);
  QCOMPARE(c.lastDataMs(), laterMs);
}

void TestEventCounter::memoryStaysUnder64KiB_data() {
  QTest::addColumn<qint64>("periodSeconds");
  QTest::newRow("7 days") << qint64(7 * 86400);
  QTest::newRow("28 days") << qint64(28 * 86400);
  QTest::newRow("30 days") << qint64(30 * 86400);
}

void TestEventCounter::memoryStaysUnder64KiB() {
  QFETCH(qint64, periodSeconds);
  EventCounter c(periodSeconds);
  feed(c, 0.999, periodSeconds * kSecondMs, {});
  qInfo("memoryBytes() = %zu for a %lld-day period", c.memoryBytes(), static_cast<long long>(periodSeconds / 86400));
  QVERIFY(c.memoryBytes() < std::size_t{64} * 1024);
}

void TestEventCounter::historyAtFineSteps() {
  EventCounter c(k30DaysSeconds);
  for (std::int64_t t = kNowMs - 2 * kDayMs + kMinuteMs; t <= kNowMs; t += kMinuteMs)
    c.add(t, 1, 1);
  const std::vector<EventCounter::Bucket> h = c.history(kNowMs - kHourMs, kNowMs, 60);
  QCOMPARE(h.size(), std::size_t(60));
  QCOMPARE(c.resolutionSecondsAt(kNowMs - kHourMs), qint64(10));
  for (std::size_t i = 0; i < h.size(); ++i) {
    QCOMPARE(h[i].startMs, kNowMs - kHourMs + static_cast<std::int64_t>(i) * kMinuteMs);
    QCOMPARE(h[i].total, 1.0);
  }
}

void TestEventCounter::historyAtCoarseSteps() {
  EventCounter c(k30DaysSeconds);
  for (std::int64_t t = kNowMs - 2 * kDayMs + kMinuteMs; t <= kNowMs; t += kMinuteMs)
    c.add(t, 1, 1);
  const std::vector<EventCounter::Bucket> h = c.history(kNowMs - 2 * kDayMs, kNowMs, 3600);
  QCOMPARE(h.size(), std::size_t(48));
  QCOMPARE(c.resolutionSecondsAt(kNowMs - 2 * kDayMs), qint64(600)); // finer levels hold less than 2 days
  double total = 0;
  for (const EventCounter::Bucket &b : h) {
    QCOMPARE(b.total, 60.0);
    total += b.total;
  }
  QCOMPARE(total, c.sum(kNowMs, 2LL * 86400).total);
}

void TestEventCounter::historyFinerThanTheLevelKeepsTotals() {
  // A day ago only the 10-minute level has the data: 1-minute steps get whole 10-minute buckets.
  EventCounter c(k30DaysSeconds);
  for (std::int64_t t = kNowMs - 2 * kDayMs + kMinuteMs; t <= kNowMs; t += kMinuteMs)
    c.add(t, 1, 1);
  const std::int64_t startMs = kNowMs - kDayMs;
  const std::vector<EventCounter::Bucket> h = c.history(startMs, startMs + kHourMs, 60);
  QCOMPARE(h.size(), std::size_t(60));
  double total = 0;
  int nonEmpty = 0;
  for (const EventCounter::Bucket &b : h) {
    total += b.total;
    nonEmpty += b.total > 0 ? 1 : 0;
  }
  QCOMPARE(total, 60.0);
  QCOMPARE(nonEmpty, 6);
}

void TestEventCounter::historyRejectsBadRanges() {
  EventCounter c(k30DaysSeconds);
  c.add(kNowMs, 1, 1);
  QVERIFY(c.history(kNowMs, kNowMs, 60).empty());
  QVERIFY(c.history(kNowMs, kNowMs - 1, 60).empty());
  QVERIFY(c.history(kNowMs - kHourMs, kNowMs, 0).empty());
  QVERIFY(c.history(kNowMs - 365 * kDayMs, kNowMs, 1).empty()); // more than kMaxHistoryBuckets
  // An empty counter still draws a flat line.
  const EventCounter empty(k30DaysSeconds);
  QCOMPARE(empty.history(kNowMs - kHourMs, kNowMs, 60).size(), std::size_t(60));
}

QTEST_APPLESS_MAIN(TestEventCounter)
#include "tst_event_counter.moc"
