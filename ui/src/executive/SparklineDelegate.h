#pragma once
// SparklineDelegate: draws a cell's text with a small trend line of the row's SLO beside it
// (the 30-day error budget), from series the dashboard hands it.
// Thread affinity: GUI thread.

#include <QHash>
#include <QPointF>
#include <QStyledItemDelegate>

#include <vector>

namespace pxp::ui {

class SparklineDelegate : public QStyledItemDelegate {
  Q_OBJECT
public:
  SparklineDelegate(int idRole, QObject *parent = nullptr);
  // Already reduced to a few dozen points: a sparkline is 80 px wide.
  void setSeries(const QString &id, std::vector<QPointF> points);
  void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
  QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
  int m_idRole;
  QHash<QString, std::vector<QPointF>> m_series;
};

} // namespace pxp::ui
