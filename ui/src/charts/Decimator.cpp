#include "Decimator.h"

#include <algorithm>
#include <cmath>

namespace pxp::ui {

QList<QPointF> decimateMinMax(std::span<const QPointF> points, double xMin, double xMax, int columns) {
  QList<QPointF> out;
  if (points.empty() || columns <= 0 || !(xMax > xMin))
    return out;
  if (static_cast<qsizetype>(points.size()) <= 4LL * columns) {
    for (const auto &p : points)
      if (!std::isnan(p.y()))
        out.push_back(p);
    return out;
  }
  out.reserve(4 * columns);
  const double width = (xMax - xMin) / columns;
  std::size_t i = 0;
  while (i < points.size()) {
    if (std::isnan(points[i].y())) {
      ++i;
      continue;
    }
    const auto column = static_cast<long long>(std::floor((points[i].x() - xMin) / width));
    QPointF first = points[i], last = points[i], lo = points[i], hi = points[i];
    std::size_t j = i + 1;
    for (; j < points.size(); ++j) {
      const auto &p = points[j];
      if (static_cast<long long>(std::floor((p.x() - xMin) / width)) != column)
        break;
      if (std::isnan(p.y()))
        continue;
      last = p;
      if (p.y() < lo.y())
        lo = p;
      if (p.y() > hi.y())
        hi = p;
    }
    // Keep them in x order so the polyline does not double back.
    QPointF pts[4] = {first, lo, hi, last};
    std::sort(std::begin(pts), std::end(pts), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
    for (const auto &p : pts)
      if (out.isEmpty() || out.back() != p)
        out.push_back(p);
    i = j;
  }
  return out;
}

} // namespace pxp::ui
