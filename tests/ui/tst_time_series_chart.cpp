// TimeSeriesChart as a reader sees it: the value axis covers the data and the thresholds with
// round ticks, never dips below zero for non-negative data, and a non-finite value (a burn
// rate over an empty window) is left out instead of wrecking the axis for every other point.

#include "charts/TimeSeriesChart.h"

#include <QTest>

#include <cmath>
#include <limits>

using pxp::ui::TimeSeriesChart;

class TestTimeSeriesChart : public QObject {
  Q_OBJECT

  static std::vector<QPointF> burn(qint64 startMs, int n, double value, double last) {
    std::vector<QPointF> points;
    for (int i = 0; i < n; ++i)
      points.emplace_back(static_cast<double>(startMs + i * 10'000LL), i + 1 == n ? last : value);
    return points;
  }

private slots:
  void axisCoversDataAndThresholdsFromZero() {
    TimeSeriesChart chart(QStringLiteral("1h burn rate"));
    chart.resize(600, 320);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const qint64 start = 1'764'000'000'000;
    chart.setTimeRange(start, start + 2000 * 10'000LL);
    chart.setSeries(0, QStringLiteral("1h burn"), burn(start, 2000, 0.2, 9.0));
    chart.setThresholds({{14.4, QStringLiteral("page (1h/5m)"), Qt::red}, {1.0, QStringLiteral("ticket"), Qt::yellow}});
    chart.refresh();
    QCOMPARE(chart.valueAxisMin(), 0.0); // burn rates are never negative: no "-1.1" tick
    QVERIFY2(chart.valueAxisMax() >= 14.4, qPrintable(QString::number(chart.valueAxisMax())));
    QVERIFY(chart.valueAxisMax() <= 25); // round, but not absurdly padded
  }

  void nonFiniteValuesAreLeftOut() {
    TimeSeriesChart chart(QStringLiteral("1h burn rate"));
    chart.resize(600, 320);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const qint64 start = 1'764'000'000'000;
    auto points = burn(start, 50, 0.5, 2.0);
    points[10].setY(std::numeric_limits<double>::infinity());
    points[20].setY(std::numeric_limits<double>::quiet_NaN());
    chart.setTimeRange(start, start + 50 * 10'000LL);
    chart.setSeries(0, QStringLiteral("1h burn"), points);
    chart.refresh();
    QCOMPARE(chart.shownPointCount(0), qsizetype(48));
    QVERIFY(std::isfinite(chart.valueAxisMax()));
    QVERIFY2(chart.valueAxisMax() >= 2.0 && chart.valueAxisMax() <= 5.0,
             qPrintable(QString::number(chart.valueAxisMax())));
  }
};

QTEST_MAIN(TestTimeSeriesChart)
#include "tst_time_series_chart.moc"
