#pragma once
// Decimator: reduces a time series to at most four points per pixel column (first, min, max,
// last), so a chart never holds more than about 4x its width in points whatever the history
// length, and spikes stay visible (PlotJuggler's approach; measured in bench/ui).
// Thread affinity: none (pure function).

#include <QList>
#include <QPointF>

#include <span>

namespace pxp::ui {

// `points` sorted by x. NaN y values are gaps: they are dropped here, so a gap shows as a
// straight segment; callers that must show gaps split the series first.
QList<QPointF> decimateMinMax(std::span<const QPointF> points, double xMin, double xMax, int columns);

} // namespace pxp::ui
