#include "Decimator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pxp::ui {
namespace {

// Pixel columns of [xMin, xMax]. Column k covers [edge(k), edge(k + 1)); the last one also
// holds xMax itself. A point exactly on an edge (as the chart computes edges) starts the
// column to its right: the floor of a rounded quotient alone puts many such points one column
// early, so it is checked against the edges. Points outside the range get columns of their own.
class Columns {
public:
  Columns(double xMin, double xMax, int count) : m_xMin(xMin), m_xMax(xMax), m_count(count) {}

  double edge(long long k) const { return m_xMin + (m_xMax - m_xMin) * static_cast<double>(k) / m_count; }

  long long of(double x) const {
    auto k = static_cast<long long>(std::floor((x - m_xMin) * m_count / (m_xMax - m_xMin)));
    if (x < edge(k))
      --k;
    else if (x >= edge(k + 1))
      ++k;
    return k == m_count && x <= m_xMax ? m_count - 1 : k;
  }

  // The first x past column k.
  double end(long long k) const {
    return k == m_count - 1 ? std::nextafter(m_xMax, std::numeric_limits<double>::infinity()) : edge(k + 1);
  }

private:
  double m_xMin, m_xMax;
  int m_count;
};

} // namespace

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
  out.reserve(4 * static_cast<qsizetype>(columns));
  const Columns grid(xMin, xMax, columns);
  std::size_t i = 0;
  while (i < points.size()) {
    if (std::isnan(points[i].y())) {
      ++i;
      continue;
    }
    const double end = grid.end(grid.of(points[i].x()));
    QPointF first = points[i], last = points[i], lo = points[i], hi = points[i];
    std::size_t j = i + 1;
    for (; j < points.size() && points[j].x() < end; ++j) {
      const auto &p = points[j];
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
