#include "TimeSeriesChart.h"

#include "pxp/ui/Theme.h"

#include "Decimator.h"

#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTimeZone>
#include <QTimer>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace pxp::ui {
namespace {

constexpr int kRefreshDelayMs = 40; // at most ~25 redraws a second

QString utcOffsetText() {
  const int offset = QDateTime::currentDateTime().offsetFromUtc();
  const int h = std::abs(offset) / 3600, m = (std::abs(offset) % 3600) / 60;
  return QStringLiteral("local time, UTC%1%2:%3")
      .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
      .arg(h, 2, 10, QLatin1Char('0'))
      .arg(m, 2, 10, QLatin1Char('0'));
}

} // namespace

TimeSeriesChart::TimeSeriesChart(const QString &title, QWidget *parent) : QChartView(parent) {
  auto *c = new QChart;
  Theme::styleChart(c);
  c->setTitle(title);
  c->legend()->setAlignment(Qt::AlignBottom);
  c->setMargins(QMargins(4, 4, 4, 4));
  setChart(c);
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(180);

  m_timeAxis = new QDateTimeAxis(this);
  m_timeAxis->setTitleText(utcOffsetText());
  m_timeAxis->setTickCount(7);
  c->addAxis(m_timeAxis, Qt::AlignBottom);
  m_valueAxis = new QValueAxis(this);
  c->addAxis(m_valueAxis, Qt::AlignLeft);

  m_refreshTimer = new QTimer(this);
  m_refreshTimer->setSingleShot(true);
  m_refreshTimer->setInterval(kRefreshDelayMs);
  connect(m_refreshTimer, &QTimer::timeout, this, &TimeSeriesChart::refresh);
}

void TimeSeriesChart::setSeries(int index, const QString &name, std::vector<QPointF> points, const QColor &color) {
  while (static_cast<int>(m_series.size()) <= index)
    m_series.push_back({});
  auto &s = m_series[static_cast<std::size_t>(index)];
  s.name = name;
  s.color = color;
  s.raw = std::move(points);
  if (!s.line) {
    s.line = new QLineSeries(this);
    chart()->addSeries(s.line);
    s.line->attachAxis(m_timeAxis);
    s.line->attachAxis(m_valueAxis);
  }
  s.line->setName(name);
  if (color.isValid())
    s.line->setColor(color);
  scheduleRefresh();
}

void TimeSeriesChart::clearSeries() {
  for (auto &s : m_series)
    s.raw.clear();
  scheduleRefresh();
}

void TimeSeriesChart::setThresholds(const QList<Threshold> &thresholds) {
  m_thresholds = thresholds;
  scheduleRefresh();
}

void TimeSeriesChart::setMarkers(const QList<Marker> &markers) {
  m_markers = markers;
  scheduleRefresh();
}

void TimeSeriesChart::setValueRange(double min, double max) {
  m_fixedMin = min;
  m_fixedMax = max;
  scheduleRefresh();
}

void TimeSeriesChart::setValueFormat(const QString &format) {
  m_valueAxis->setLabelFormat(format);
}

void TimeSeriesChart::setTimeRange(qint64 startMs, qint64 endMs) {
  m_rangeStartMs = startMs;
  m_rangeEndMs = endMs;
  scheduleRefresh();
}

qsizetype TimeSeriesChart::shownPointCount(int index) const {
  const auto i = static_cast<std::size_t>(index);
  return i < m_series.size() && m_series[i].line ? m_series[i].line->count() : 0;
}

qsizetype TimeSeriesChart::rawPointCount(int index) const {
  const auto i = static_cast<std::size_t>(index);
  return i < m_series.size() ? static_cast<qsizetype>(m_series[i].raw.size()) : 0;
}

QPointF TimeSeriesChart::lastPoint(int index) const {
  if (index < 0 || index >= int(m_series.size()) || m_series[std::size_t(index)].raw.empty())
    return {0, NAN};
  return m_series[std::size_t(index)].raw.back();
}

QString TimeSeriesChart::title() const {
  return chart()->title();
}

double TimeSeriesChart::valueAxisMin() const {
  return m_valueAxis->min();
}
double TimeSeriesChart::valueAxisMax() const {
  return m_valueAxis->max();
}

void TimeSeriesChart::resizeEvent(QResizeEvent *event) {
  QChartView::resizeEvent(event);
  scheduleRefresh();
}

void TimeSeriesChart::scheduleRefresh() {
  if (!m_refreshTimer->isActive())
    m_refreshTimer->start();
}

int TimeSeriesChart::plotColumns() const {
  const int w = static_cast<int>(chart()->plotArea().width());
  return std::max(w > 10 ? w : width() - 60, 50);
}

void TimeSeriesChart::refresh() {
  double xMin = m_rangeStartMs, xMax = m_rangeEndMs;
  if (!(xMax > xMin)) {
    xMin = INFINITY;
    xMax = -INFINITY;
    for (const auto &s : m_series)
      if (!s.raw.empty()) {
        xMin = std::min(xMin, s.raw.front().x());
        xMax = std::max(xMax, s.raw.back().x());
      }
  }
  if (!(xMax > xMin)) {
    const double now = static_cast<double>(QDateTime::currentMSecsSinceEpoch());
    xMin = now - 3600e3;
    xMax = now;
  }
  double yMin = INFINITY, yMax = -INFINITY;
  const int columns = plotColumns();
  for (auto &s : m_series) {
    if (!s.line)
      continue;
    auto shown = decimateMinMax(s.raw, xMin, xMax, columns);
    // An infinite or undefined value (a burn rate over an empty window) has no place on the
    // axis: it would collapse the range for every other point. The tables still show it.
    shown.removeIf([](const QPointF &p) { return !std::isfinite(p.y()); });
    for (const auto &p : shown) {
      yMin = std::min(yMin, p.y());
      yMax = std::max(yMax, p.y());
    }
    s.line->replace(shown); // one call: no per-point signals
  }
  for (const auto &t : m_thresholds) {
    yMin = std::min(yMin, t.value);
    yMax = std::max(yMax, t.value);
  }
  // Threshold and marker lines are rebuilt: there are a handful.
  for (auto *l : m_thresholdLines)
    chart()->removeSeries(l), delete l;
  m_thresholdLines.clear();
  for (auto *l : m_markerLines)
    chart()->removeSeries(l), delete l;
  m_markerLines.clear();
  if (m_fixedMax > m_fixedMin) {
    yMin = m_fixedMin;
    yMax = m_fixedMax;
  } else if (!(yMax >= yMin)) {
    yMin = 0;
    yMax = 1;
  } else {
    // Magnitudes (burn rates, budgets, counts) are read against zero: a line of 4.9 .. 5.1 must
    // not fill the chart and look like a crisis, nor give ticks that all read "5.0".
    if (yMin > 0)
      yMin = 0;
    const double pad = std::max((yMax - yMin) * 0.08, 1e-9);
    yMin = yMin >= 0 ? std::max(0.0, yMin - pad) : yMin - pad; // rates and budgets do not go below 0
    yMax += pad;
  }
  auto addLine = [&](QPointF a, QPointF b, const QString &name, const QColor &color, Qt::PenStyle style) {
    auto *l = new QLineSeries(this);
    l->append(a);
    l->append(b);
    l->setName(name);
    QPen pen(color.isValid() ? color : QColor(Qt::gray));
    pen.setStyle(style);
    pen.setWidthF(1.2);
    l->setPen(pen);
    chart()->addSeries(l);
    l->attachAxis(m_timeAxis);
    l->attachAxis(m_valueAxis);
    return l;
  };
  for (const auto &t : m_thresholds)
    m_thresholdLines.push_back(addLine({xMin, t.value}, {xMax, t.value}, t.label, t.color, Qt::DashLine));
  for (const auto &m : m_markers)
    if (m.timeMs >= xMin && m.timeMs <= xMax) {
      auto *line = addLine({double(m.timeMs), yMin}, {double(m.timeMs), yMax}, m.label, m.color, Qt::DotLine);
      // The label is the marker's story (an incident entry's text): shown when hovered.
      connect(line, &QLineSeries::hovered, this, [label = m.label](const QPointF &, bool over) {
        if (over)
          QToolTip::showText(QCursor::pos(), label);
        else
          QToolTip::hideText();
      });
      m_markerLines.push_back(line);
    }
  for (auto *l : m_markerLines)
    for (auto *marker : chart()->legend()->markers(l))
      marker->setVisible(false);
  m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(xMin)),
                       QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(xMax)));
  m_timeAxis->setFormat((xMax - xMin) > 2 * 86400e3 ? QStringLiteral("dd MMM") : QStringLiteral("HH:mm"));
  m_valueAxis->setRange(yMin, yMax);
  if (!(m_fixedMax > m_fixedMin))
    m_valueAxis->applyNiceNumbers(); // ticks at 0, 5, 10, 15 rather than -1.07, 3.05 ...
}

} // namespace pxp::ui
