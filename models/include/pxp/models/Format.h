#pragma once
// Format: how the console writes numbers, ratios, burn rates, durations and times for
// humans. Shared by the item models and the dashboards so every screen says "99.95 %" the
// same way. Pure functions; thread affinity: none.
//
// Conventions: NaN means "no data" and +Inf means "never" ("∞"). Numbers use '.' as the
// decimal point whatever the locale, so screenshots, exports and tests read alike.

#include <QString>
#include <QtGlobal>

namespace pxp::models::format {

// "no data": what every formatter returns for NaN.
QString noData();

// A 0..1 ratio as a percentage: 0.99951 -> "99.95 %", 1 -> "100.00 %".
QString percent(double ratio, int decimals = 2);

// An SLO objective with trailing zeros dropped: 0.999 -> "99.9 %", 0.9995 -> "99.95 %".
QString objective(double ratio);

// A plain ratio for explanations and thresholds: 0.25 -> "0.25", 16.2 -> "16.2" (at most
// `decimals` decimals, trailing zeros dropped).
QString ratio(double value, int decimals = 3);

// Error budget left: 0.62 -> "62 % left", -0.38 -> "overspent by 38 %".
QString budgetLeft(double remainingRatio);

// A burn rate: 14.4 -> "14.4×", 0.25 -> "0.3×", 250 -> "250×", +Inf -> "∞".
QString burnRate(double rate);

// A duration, the two largest units, truncated: 12000 -> "3 h 20 m", 90061 -> "1 d 1 h",
// 42 -> "42 s", 3600 -> "1 h", +Inf -> "∞".
QString duration(double seconds);

// Local time of day: "14:03:12"; an empty string for 0 (never).
QString timeLocal(qint64 epochMs);

// Day and local time for tables where width is short: "26 Nov 14:03"; "" for 0 (never). The
// full form (dateTimeLocal) belongs in the tooltip.
QString dayTimeLocal(qint64 epochMs);

// Full local date and time with the UTC offset, for tooltips:
// "2024-11-26 14:03:12 UTC+01:00"; an empty string for 0 (never).
QString dateTimeLocal(qint64 epochMs);

} // namespace pxp::models::format
