#include "SparklineDelegate.h"

#include "pxp/ui/Theme.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace pxp::ui {
namespace {
constexpr int kSparkWidth = 80;
}

SparklineDelegate::SparklineDelegate(int idRole, QObject *parent) : QStyledItemDelegate(parent), m_idRole(idRole) {}

void SparklineDelegate::setSeries(const QString &id, std::vector<QPointF> points) {
  m_series[id] = std::move(points);
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const {
  auto s = QStyledItemDelegate::sizeHint(option, index);
  return {s.width() + kSparkWidth + 8, s.height()};
}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const {
  QStyleOptionViewItem textOpt = option;
  textOpt.rect.setRight(option.rect.right() - kSparkWidth - 6);
  QStyledItemDelegate::paint(painter, textOpt, index);
  const auto it = m_series.find(index.data(m_idRole).toString());
  if (it == m_series.end() || it->size() < 2)
    return;
  const auto &pts = *it;
  double lo = INFINITY, hi = -INFINITY;
  for (const auto &p : pts)
    if (!std::isnan(p.y())) {
      lo = std::min(lo, p.y());
      hi = std::max(hi, p.y());
    }
  if (!(hi >= lo))
    return;
  if (hi - lo < 1e-9)
    hi = lo + 1;
  const QRectF area(option.rect.right() - kSparkWidth - 2, option.rect.top() + 3, kSparkWidth,
                    option.rect.height() - 6);
  const double x0 = pts.front().x(), x1 = pts.back().x();
  QPainterPath path;
  bool started = false;
  for (const auto &p : pts) {
    if (std::isnan(p.y()))
      continue;
    const QPointF q(area.left() + (p.x() - x0) / (x1 - x0) * area.width(),
                    area.bottom() - (p.y() - lo) / (hi - lo) * area.height());
    started ? path.lineTo(q) : path.moveTo(q);
    started = true;
  }
  painter->save();
  painter->setRenderHint(QPainter::Antialiasing);
  const bool falling = pts.back().y() < pts.front().y();
  painter->setPen(QPen(falling ? Theme::stateColor(2) : Theme::stateColor(1), 1.4));
  painter->drawPath(path);
  painter->restore();
}

} // namespace pxp::ui
