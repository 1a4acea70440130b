#pragma once
// TimeSeriesChart: a QtCharts line chart over time that stays fast with long histories:
// raw points are kept here and decimated to the plot's pixel width before they reach a
// series, replaced in one call; redraws on resize are coalesced. Draws horizontal
// thresholds (burn-rate tiers, objectives) and vertical markers (deploys, commands, incident
// entries) whose labels show as tooltips when hovered.
// Thread affinity: GUI thread.

#include <QChartView>
#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>

#include <vector>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;
class QTimer;

namespace pxp::ui {

class TimeSeriesChart : public QChartView {
  Q_OBJECT
public:
  struct Threshold {
    double value;
    QString label;
    QColor color;
  };
  struct Marker {
    qint64 timeMs;
    QString label;
    QColor color;
  };

  explicit TimeSeriesChart(const QString &title, QWidget *parent = nullptr);

  // Points are (epoch ms, value). Replaces the series `index` (created on first use).
  void setSeries(int index, const QString &name, std::vector<QPointF> points, const QColor &color = {});
  void clearSeries();
  void setThresholds(const QList<Threshold> &thresholds);
  void setMarkers(const QList<Marker> &markers);
  void setValueRange(double min, double max);      // fixed y range; min > max = automatic
  void setValueFormat(const QString &format);      // QValueAxis label format, e.g. "%.1f×"
  void setTimeRange(qint64 startMs, qint64 endMs); // 0,0 = fit the data

  // Points currently handed to QtCharts for series `index` (after decimation).
  qsizetype shownPointCount(int index) const;
  qsizetype rawPointCount(int index) const;
  // The newest point of series `index` as given (time ms, value); (0, NaN) when empty.
  QPointF lastPoint(int index) const;
  QString title() const;
  // The value axis's current range (after refresh), as drawn.
  double valueAxisMin() const;
  double valueAxisMax() const;
  // Decimates and hands the points to QtCharts now (normally coalesced on a 40 ms timer).
  void refresh();

protected:
  void resizeEvent(QResizeEvent *event) override;

private:
  void scheduleRefresh();
  int plotColumns() const;

  struct Series {
    QString name;
    QColor color;
    std::vector<QPointF> raw;
    QLineSeries *line = nullptr;
  };
  std::vector<Series> m_series;
  std::vector<QLineSeries *> m_thresholdLines;
  std::vector<QLineSeries *> m_markerLines;
  QList<Threshold> m_thresholds;
  QList<Marker> m_markers;
  QDateTimeAxis *m_timeAxis = nullptr;
  QValueAxis *m_valueAxis = nullptr;
  QTimer *m_refreshTimer = nullptr;
  double m_fixedMin = 1, m_fixedMax = 0;
  qint64 m_rangeStartMs = 0, m_rangeEndMs = 0;
};

} // namespace pxp::ui
