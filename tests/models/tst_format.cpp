// The formatting every screen shares: what an operator reads for a ratio, a burn rate, a
// duration or a time.

#include "pxp/models/Format.h"

#include <QTest>

#include <limits>

using namespace pxp::models;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
} // namespace

class TestFormat : public QObject {
  Q_OBJECT
private slots:
  void percent_data();
  void percent();
  void objective_data();
  void objective();
  void ratio_data();
  void ratio();
  void budgetLeft_data();
  void budgetLeft();
  void burnRate_data();
  void burnRate();
  void duration_data();
  void duration();
  void localTime_data();
  void localTime();
  void cleanupTestCase();
};

void TestFormat::percent_data() {
  QTest::addColumn<double>("ratio");
  QTest::addColumn<int>("decimals");
  QTest::addColumn<QString>("expected");
  QTest::newRow("attainment") << 0.99951 << 2 << "99.95 %";
  QTest::newRow("perfect") << 1.0 << 2 << "100.00 %";
  QTest::newRow("whole") << 0.5 << 0 << "50 %";
  QTest::newRow("three decimals") << 0.999123 << 3 << "99.912 %";
  QTest::newRow("tiny negative is not -0") << -0.000001 << 2 << "0.00 %";
  QTest::newRow("NaN") << kNaN << 2 << "no data";
  QTest::newRow("inf") << kInf << 2 << "∞";
}

void TestFormat::percent() {
  QFETCH(double, ratio);
  QFETCH(int, decimals);
  QFETCH(QString, expected);
  QCOMPARE(format::percent(ratio, decimals), expected);
}

void TestFormat::objective_data() {
  QTest::addColumn<double>("ratio");
  QTest::addColumn<QString>("expected");
  QTest::newRow("three nines") << 0.999 << "99.9 %";
  QTest::newRow("99.95") << 0.9995 << "99.95 %";
  QTest::newRow("two nines") << 0.99 << "99 %";
  QTest::newRow("five nines") << 0.99999 << "99.999 %";
  QTest::newRow("NaN") << kNaN << "no data";
}

void TestFormat::objective() {
  QFETCH(double, ratio);
  QFETCH(QString, expected);
  QCOMPARE(format::objective(ratio), expected);
}

void TestFormat::ratio_data() {
  QTest::addColumn<double>("value");
  QTest::addColumn<QString>("expected");
  QTest::newRow("quarter") << 0.25 << "0.25";
  QTest::newRow("burn") << 16.2 << "16.2";
  QTest::newRow("one") << 1.0 << "1";
  QTest::newRow("rounded") << 0.12345 << "0.123";
  QTest::newRow("NaN") << kNaN << "no data";
  QTest::newRow("inf") << kInf << "∞";
}

void TestFormat::ratio() {
  QFETCH(double, value);
  QFETCH(QString, expected);
  QCOMPARE(format::ratio(value), expected);
}

void TestFormat::budgetLeft_data() {
  QTest::addColumn<double>("remaining");
  QTest::addColumn<QString>("expected");
  QTest::newRow("some left") << 0.62 << "62 % left";
  QTest::newRow("untouched") << 1.0 << "100 % left";
  QTest::newRow("exactly spent") << 0.0 << "0 % left";
  QTest::newRow("a hair over is still 0") << -0.001 << "0 % left";
  QTest::newRow("overspent") << -0.38 << "overspent by 38 %";
  QTest::newRow("NaN") << kNaN << "no data";
}

void TestFormat::budgetLeft() {
  QFETCH(double, remaining);
  QFETCH(QString, expected);
  QCOMPARE(format::budgetLeft(remaining), expected);
}

void TestFormat::burnRate_data() {
  QTest::addColumn<double>("rate");
  QTest::addColumn<QString>("expected");
  QTest::newRow("page threshold") << 14.4 << "14.4×";
  QTest::newRow("slow page") << 6.0 << "6.0×";
  QTest::newRow("quarter rounds up") << 0.25 << "0.3×";
  QTest::newRow("idle") << 0.0 << "0.0×";
  QTest::newRow("hundreds drop decimals") << 250.4 << "250×";
  QTest::newRow("inf") << kInf << "∞";
  QTest::newRow("NaN") << kNaN << "no data";
}

void TestFormat::burnRate() {
  QFETCH(double, rate);
  QFETCH(QString, expected);
  QCOMPARE(format::burnRate(rate), expected);
}

void TestFormat::duration_data() {
  QTest::addColumn<double>("seconds");
  QTest::addColumn<QString>("expected");
  QTest::newRow("hours and minutes") << 12000.0 << "3 h 20 m";
  QTest::newRow("whole hour") << 3600.0 << "1 h";
  QTest::newRow("seconds") << 42.0 << "42 s";
  QTest::newRow("zero") << 0.0 << "0 s";
  QTest::newRow("truncated, not rounded") << 59.9 << "59 s";
  QTest::newRow("just under an hour") << 3599.0 << "59 m 59 s";
  QTest::newRow("days") << 90061.0 << "1 d 1 h";
  QTest::newRow("negative") << -90.0 << "-1 m 30 s";
  QTest::newRow("negative under a second is not -0") << -0.4 << "0 s";
  QTest::newRow("never") << kInf << "∞";
  QTest::newRow("NaN") << kNaN << "no data";
}

void TestFormat::duration() {
  QFETCH(double, seconds);
  QFETCH(QString, expected);
  QCOMPARE(format::duration(seconds), expected);
}

void TestFormat::localTime_data() {
  QTest::addColumn<QByteArray>("tz");
  QTest::addColumn<qint64>("epochMs");
  QTest::addColumn<QString>("time");
  QTest::addColumn<QString>("full");
  const qint64 t = 1732626192000; // 2024-11-26 13:03:12 UTC
  QTest::newRow("UTC+1") << QByteArray("CET-1") << t << "14:03:12"
                         << "2024-11-26 14:03:12 UTC+01:00";
  QTest::newRow("UTC-3:30") << QByteArray("NST3:30") << t << "09:33:12"
                            << "2024-11-26 09:33:12 UTC-03:30";
  QTest::newRow("UTC") << QByteArray("UTC0") << t << "13:03:12"
                       << "2024-11-26 13:03:12 UTC+00:00";
  QTest::newRow("never") << QByteArray("UTC0") << qint64(0) << ""
                         << "";
}

void TestFormat::localTime() {
  QFETCH(QByteArray, tz);
  QFETCH(qint64, epochMs);
  QFETCH(QString, time);
  QFETCH(QString, full);
  qputenv("TZ", tz);
  QCOMPARE(format::timeLocal(epochMs), time);
  QCOMPARE(format::dateTimeLocal(epochMs), full);
  // The short form tables use: day, English month, hours and minutes of the same local time.
  QCOMPARE(format::dayTimeLocal(epochMs), full.isEmpty() ? QString() : QStringLiteral("26 Nov ") + full.mid(11, 5));
}

void TestFormat::cleanupTestCase() {
  qunsetenv("TZ");
}

QTEST_GUILESS_MAIN(TestFormat)
#include "tst_format.moc"
