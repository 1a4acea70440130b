// Chart redraw cost with long histories: a QLineSeries handed 1,000,000 raw points vs the
// same data decimated to first/min/max/last per pixel column (TimeSeriesChart), each replaced
// in one call and rendered. Same process, same data, alternating runs; prints medians and
// the ratio. Usage: bench_chart [points] [runs]   (offscreen; no display needed)

#include "charts/Decimator.h"
#include "charts/TimeSeriesChart.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QPixmap>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

namespace {

std::vector<QPointF> makeSeries(int n) {
  std::vector<QPointF> pts;
  pts.reserve(static_cast<std::size_t>(n));
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 0.05);
  const double t0 = 1.764e12;
  for (int i = 0; i < n; ++i)
    pts.emplace_back(t0 + i * 1000.0, 1 + std::sin(i / 5000.0) + noise(rng) + (i % 200000 == 0 ? 5 : 0));
  return pts;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  const int n = argc > 1 ? std::atoi(argv[1]) : 1'000'000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  const auto pts = makeSeries(n);
  const QList<QPointF> asList(pts.begin(), pts.end());

  // Naive: the whole history into one QLineSeries.
  QChartView naive;
  auto *series = new QLineSeries;
  naive.chart()->addSeries(series);
  naive.chart()->createDefaultAxes();
  naive.resize(1200, 400);
  naive.show();

  pxp::ui::TimeSeriesChart decimated(QStringLiteral("bench"));
  decimated.resize(1200, 400);
  decimated.show();
  QCoreApplication::processEvents();

  std::vector<double> naiveMs, decimatedMs;
  for (int r = 0; r < runs; ++r) {
    QElapsedTimer t;
    t.start();
    series->replace(asList);
    naive.chart()->axes(Qt::Horizontal).first()->setRange(pts.front().x(), pts.back().x());
    naive.grab();
    naiveMs.push_back(t.nsecsElapsed() / 1e6);

    t.restart();
    decimated.setSeries(0, QStringLiteral("v"), pts);
    decimated.refresh(); // now, not on the 40 ms coalescing timer
    decimated.grab();
    decimatedMs.push_back(t.nsecsElapsed() / 1e6);
  }
  std::printf("points: %d, runs: %d, plot 1200x400\n", n, runs);
  std::printf("naive     replace+render: median %8.1f ms (%lld points in the series)\n", median(naiveMs),
              static_cast<long long>(series->count()));
  std::printf("decimated replace+render: median %8.1f ms (%lld points in the series)\n", median(decimatedMs),
              static_cast<long long>(decimated.shownPointCount(0)));
  std::printf("ratio naive/decimated: %.1fx\n", median(naiveMs) / median(decimatedMs));
  return 0;
}
