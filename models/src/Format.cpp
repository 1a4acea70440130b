#include "pxp/models/Format.h"

#include <QDateTime>
#include <QLocale>

#include <array>
#include <cmath>

namespace pxp::models::format {

namespace {

const QString kInfinity = QStringLiteral("∞");

// Rounds to `decimals` decimals and folds -0 into 0, so "-0.0 %" never shows.
double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double r = std::round(value * scale) / scale;
  return r == 0 ? 0.0 : r;
}

QString trimmedNumber(double value, int decimals) {
  QString text = QString::number(rounded(value, decimals), 'f', decimals);
  if (text.contains(QLatin1Char('.'))) {
    while (text.endsWith(QLatin1Char('0')))
      text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
      text.chop(1);
  }
  return text;
}

} // namespace

QString noData() {
  return QStringLiteral("no data");
}

QString percent(double ratio, int decimals) {
  if (std::isnan(ratio))
    return noData();
  if (std::isinf(ratio))
    return ratio > 0 ? kInfinity : QStringLiteral("-") + kInfinity;
  return QString::number(rounded(ratio * 100, decimals), 'f', decimals) + QStringLiteral(" %");
}

QString objective(double ratio) {
  if (std::isnan(ratio))
    return noData();
  return trimmedNumber(ratio * 100, 3) + QStringLiteral(" %");
}

QString ratio(double value, int decimals) {
  if (std::isnan(value))
    return noData();
  if (std::isinf(value))
    return value > 0 ? kInfinity : QStringLiteral("-") + kInfinity;
  return trimmedNumber(value, decimals);
}

QString budgetLeft(double remainingRatio) {
  if (std::isnan(remainingRatio))
    return noData();
  const double percentLeft = rounded(remainingRatio * 100, 0);
  if (percentLeft < 0)
    return QStringLiteral("overspent by %1 %").arg(QString::number(-percentLeft, 'f', 0));
  return QStringLiteral("%1 % left").arg(QString::number(percentLeft, 'f', 0));
}

QString burnRate(double rate) {
  if (std::isnan(rate))
    return noData();
  if (std::isinf(rate))
    return kInfinity;
  const int decimals = std::fabs(rate) >= 100 ? 0 : 1;
  return QString::number(rounded(rate, decimals), 'f', decimals) + QStringLiteral("×");
}

QString duration(double seconds) {
  if (std::isnan(seconds))
    return noData();
  if (std::isinf(seconds))
    return seconds > 0 ? kInfinity : QStringLiteral("-") + kInfinity;
  // Truncated, not rounded: "time to exhaustion 59 m" must not read as a full hour.
  const auto total = static_cast<qint64>(std::floor(std::fabs(seconds)));
  const QString sign = seconds < 0 && total > 0 ? QStringLiteral("-") : QString();
  struct Unit {
    qint64 seconds;
    const char *name;
  };
  static constexpr std::array<Unit, 4> kUnits{{{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}}};
  std::size_t major = 0;
  while (major + 1 < kUnits.size() && total < kUnits[major].seconds)
    ++major;
  QString text =
      sign + QStringLiteral("%1 %2").arg(total / kUnits[major].seconds).arg(QLatin1String(kUnits[major].name));
  if (major + 1 < kUnits.size()) {
    const qint64 minor = total % kUnits[major].seconds / kUnits[major + 1].seconds;
    if (minor > 0)
      text += QStringLiteral(" %1 %2").arg(minor).arg(QLatin1String(kUnits[major + 1].name));
  }
  return text;
}

QString timeLocal(qint64 epochMs) {
  if (epochMs == 0)
    return {};
  return QDateTime::fromMSecsSinceEpoch(epochMs).toString(QStringLiteral("HH:mm:ss"));
}

QString dayTimeLocal(qint64 epochMs) {
  if (epochMs == 0)
    return {};
  // English month names whatever the locale, like the numbers (see the header).
  return QLocale::c().toString(QDateTime::fromMSecsSinceEpoch(epochMs), QStringLiteral("dd MMM HH:mm"));
}

QString dateTimeLocal(qint64 epochMs) {
  if (epochMs == 0)
    return {};
  const QDateTime local = QDateTime::fromMSecsSinceEpoch(epochMs);
  const int offsetMinutes = local.offsetFromUtc() / 60;
  const QChar sign = offsetMinutes < 0 ? QLatin1Char('-') : QLatin1Char('+');
  const int magnitude = std::abs(offsetMinutes);
  return QStringLiteral("%1 UTC%2%3:%4")
      .arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
      .arg(sign)
      .arg(magnitude / 60, 2, 10, QLatin1Char('0'))
      .arg(magnitude % 60, 2, 10, QLatin1Char('0'));
}

} // namespace pxp::models::format
