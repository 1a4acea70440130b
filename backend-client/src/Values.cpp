#include "pxp/client/Values.h"

namespace pxp::client {

QString windowName(int index) {
  static const char *const kNames[kWindowCount] = {"5m", "30m", "1h", "2h", "6h", "1d", "3d", "period"};
  return index >= 0 && index < kWindowCount ? QString::fromLatin1(kNames[index]) : QString();
}

QString tierName(AlertTier tier) {
  switch (tier) {
  case AlertTier::Page: return QStringLiteral("page");
  case AlertTier::PageSlow: return QStringLiteral("page (slow)");
  case AlertTier::Ticket: return QStringLiteral("ticket");
  case AlertTier::TicketSlow: return QStringLiteral("ticket (slow)");
  case AlertTier::None: return QStringLiteral("none");
  case AlertTier::Unspecified: break;
  }
  return QString();
}

QString sloStateName(SloState state) {
  switch (state) {
  case SloState::Ok: return QStringLiteral("ok");
  case SloState::Warning: return QStringLiteral("warning");
  case SloState::Critical: return QStringLiteral("critical");
  case SloState::NoData: return QStringLiteral("no data");
  case SloState::Error: return QStringLiteral("error");
  case SloState::Unspecified: break;
  }
  return QString();
}

} // namespace pxp::client
