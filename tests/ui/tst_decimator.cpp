// The chart decimator: per pixel column it keeps the first, lowest, highest and last point, in
// x order, so a spike one sample wide still shows and the line never doubles back; NaN values
// are gaps that never reach the chart; points on a column edge fall in exactly one column.

#include "charts/Decimator.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using pxp::ui::decimateMinMax;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

QList<QPointF> decimate(const std::vector<QPointF> &pts, double xMin, double xMax, int columns) {
  return decimateMinMax(std::span<const QPointF>(pts.data(), pts.size()), xMin, xMax, columns);
}

bool xSorted(const QList<QPointF> &pts) {
  for (qsizetype i = 1; i < pts.size(); ++i)
    if (pts[i].x() < pts[i - 1].x())
      return false;
  return true;
}

} // namespace

class TestDecimator : public QObject {
  Q_OBJECT

private slots:
  void fewPointsPassThroughWithoutTheirGaps() {
    const std::vector<QPointF> pts{{0, 1}, {1, kNaN}, {2, 3}, {3, 2}};
    const auto out = decimate(pts, 0, 4, 10);
    QCOMPARE(out, (QList<QPointF>{{0, 1}, {2, 3}, {3, 2}}));
  }

  void eachColumnKeepsFirstMinMaxLastInXOrder_data() {
    QTest::addColumn<int>("lowAt");  // index of the column's lowest point (of 100)
    QTest::addColumn<int>("highAt"); // index of its highest point
    QTest::newRow("low before high") << 20 << 70;
    QTest::newRow("high before low") << 70 << 20;
    QTest::newRow("low is the first point") << 0 << 50;
    QTest::newRow("high is the last point") << 50 << 99;
    QTest::newRow("low first, high last") << 0 << 99;
  }
  void eachColumnKeepsFirstMinMaxLastInXOrder() {
    QFETCH(int, lowAt);
    QFETCH(int, highAt);
    // 10 columns of width 100 (x 0..999), 100 points each: y = 5 everywhere but one low (-7)
    // and one high (+9) per column, the first y = 4 and the last y = 6 unless they are those.
    constexpr int kColumns = 10, kPerColumn = 100;
    std::vector<QPointF> pts;
    for (int c = 0; c < kColumns; ++c)
      for (int i = 0; i < kPerColumn; ++i) {
        double y = i == 0 ? 4 : i == kPerColumn - 1 ? 6 : 5;
        if (i == lowAt)
          y = -7;
        if (i == highAt)
          y = 9;
        pts.emplace_back(c * kPerColumn + i, y);
      }
    const auto out = decimate(pts, 0, kColumns * kPerColumn, kColumns);
    QVERIFY(xSorted(out));
    for (int c = 0; c < kColumns; ++c) {
      QList<QPointF> want;
      for (int i : {0, lowAt, highAt, kPerColumn - 1})
        if (want.isEmpty() || want.back() != pts[static_cast<std::size_t>(c * kPerColumn + i)])
          want.push_back(pts[static_cast<std::size_t>(c * kPerColumn + i)]);
      std::sort(want.begin(), want.end(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
      want.erase(std::unique(want.begin(), want.end()), want.end());
      QList<QPointF> got;
      for (const auto &p : out)
        if (p.x() >= c * kPerColumn && p.x() < (c + 1) * kPerColumn)
          got.push_back(p);
      QCOMPARE(got, want);
    }
  }

  void aOneSampleSpikeSurvivesAMillionPoints() {
    std::vector<QPointF> pts;
    for (int i = 0; i < 1'000'000; ++i)
      pts.emplace_back(i, i == 612'345 ? 1000.0 : 1.0);
    const auto out = decimate(pts, 0, 1'000'000, 1200);
    QVERIFY(out.size() <= 4 * 1200);
    QVERIFY(out.contains(QPointF(612'345, 1000.0)));
    QCOMPARE(out.front(), QPointF(0, 1));
    QCOMPARE(out.back(), QPointF(999'999, 1));
  }

  void nanGapsNeverReachTheChart() {
    // 4 columns of 50 points; column 1 is all NaN; column 2 starts and ends with NaN.
    std::vector<QPointF> pts;
    for (int i = 0; i < 200; ++i) {
      const int column = i / 50, k = i % 50;
      double y = 10 + (i % 7);
      if (column == 1 || (column == 2 && (k < 3 || k > 46)))
        y = kNaN;
      pts.emplace_back(i, y);
    }
    const auto out = decimate(pts, 0, 200, 4);
    for (const auto &p : out)
      QVERIFY2(!std::isnan(p.y()), "a NaN reached the chart");
    for (const auto &p : out)
      QVERIFY2(p.x() < 50 || p.x() >= 100, "an all-NaN column must draw nothing");
    // Column 2's first and last drawn points are its first and last real values.
    QList<QPointF> col2;
    for (const auto &p : out)
      if (p.x() >= 100 && p.x() < 150)
        col2.push_back(p);
    QVERIFY(!col2.isEmpty());
    QCOMPARE(col2.front().x(), 103.0);
    QCOMPARE(col2.back().x(), 146.0);
  }

  void aPointOnAColumnEdgeStartsTheNextColumn_data() {
    QTest::addColumn<double>("xMin");
    QTest::addColumn<double>("xMax");
    QTest::addColumn<int>("columns");
    QTest::newRow("tenths of one") << 0.0 << 1.0 << 10;
    QTest::newRow("whole minutes in epoch ms") << 1.764e12 << 1.764e12 + 360 * 60'000.0 << 360;
    QTest::newRow("1200 columns over 1") << 0.0 << 1.0 << 1200;
  }
  void aPointOnAColumnEdgeStartsTheNextColumn() {
    QFETCH(double, xMin);
    QFETCH(double, xMax);
    QFETCH(int, columns);
    // Each column holds its edge point (y = 100, the column's first and highest), then 5 more
    // points inside it (y = 1..5). Were an edge point counted in the column before, that
    // column would have two highs and this one would lose its first point.
    std::vector<QPointF> pts;
    std::vector<QPointF> edges;
    for (int c = 0; c < columns; ++c) {
      const double edge = xMin + (xMax - xMin) * c / columns;
      const double next = xMin + (xMax - xMin) * (c + 1) / columns;
      edges.emplace_back(edge, 100);
      pts.emplace_back(edge, 100);
      for (int k = 1; k <= 5; ++k)
        pts.emplace_back(edge + (next - edge) * k / 7.0, k);
    }
    const auto out = decimate(pts, xMin, xMax, columns);
    for (const auto &e : edges)
      QVERIFY2(out.contains(e), qPrintable(QStringLiteral("edge point at x=%1 was dropped").arg(e.x(), 0, 'f', 6)));
    // Per column: edge (first and max), y = 1 (min), y = 5 (last): three points.
    QCOMPARE(out.size(), 3 * columns);
  }

  void theRightEdgeBelongsToTheLastColumn() {
    std::vector<QPointF> pts;
    for (int i = 0; i <= 100; ++i) // 101 points on [0, 100], the last exactly at xMax
      pts.emplace_back(i, i == 100 ? -50.0 : 1.0);
    const auto out = decimate(pts, 0, 100, 10);
    QCOMPARE(out.back(), QPointF(100, -50));
    QVERIFY(out.size() <= 4 * 10);
  }

  void onePoint() {
    const std::vector<QPointF> pts{{5, 2}};
    QCOMPARE(decimate(pts, 0, 10, 3), (QList<QPointF>{{5, 2}}));
  }

  void allPointsInOneColumn() {
    std::vector<QPointF> pts;
    for (int i = 0; i < 1000; ++i)
      pts.emplace_back(0.5 + i * 1e-4, i == 300 ? -1.0 : i == 600 ? 8.0 : 2.0);
    const auto out = decimate(pts, 0, 100, 50);
    QCOMPARE(out, (QList<QPointF>{pts[0], pts[300], pts[600], pts[999]}));
  }

  void nothingToDrawForAnEmptySeriesOrAnEmptyRange() {
    QVERIFY(decimate({}, 0, 10, 5).isEmpty());
    std::vector<QPointF> pts(100, QPointF(1, 1));
    QVERIFY(decimate(pts, 5, 5, 5).isEmpty());
    QVERIFY(decimate(pts, 0, 10, 0).isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestDecimator)
#include "tst_decimator.moc"
