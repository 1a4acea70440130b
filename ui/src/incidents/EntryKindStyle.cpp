#include "EntryKindStyle.h"

#include <QPainter>
#include <QPixmap>

namespace pxp::ui::EntryKindStyle {
namespace {

using models::EntryKind;

struct Look {
  QColor color;
  QChar letter;
};

// Annotations in calm colours, changes to the incident in slate, stream events by severity of
// what they usually mean (alerts red, rollbacks orange, decisions purple).
Look look(EntryKind kind) {
  switch (kind) {
  case EntryKind::Note: return {QColor(0x60, 0x7d, 0x8b), QLatin1Char('N')};
  case EntryKind::Hypothesis: return {QColor(0x8e, 0x24, 0xaa), QLatin1Char('H')};
  case EntryKind::Decision: return {QColor(0x1e, 0x88, 0xe5), QLatin1Char('D')};
  case EntryKind::Action: return {QColor(0x2e, 0x7d, 0x32), QLatin1Char('A')};
  case EntryKind::CustomerImpact: return {QColor(0xd8, 0x1b, 0x60), QLatin1Char('C')};
  case EntryKind::StatusChange: return {QColor(0x37, 0x47, 0x4f), QLatin1Char('S')};
  case EntryKind::RoleChange: return {QColor(0x54, 0x6e, 0x7a), QLatin1Char('R')};
  case EntryKind::Alert: return {QColor(0xc6, 0x28, 0x28), QLatin1Char('!')};
  case EntryKind::PolicyDecision: return {QColor(0x6a, 0x1b, 0x9a), QLatin1Char('P')};
  case EntryKind::Deploy: return {QColor(0x00, 0x83, 0x8f), QLatin1Char('d')};
  case EntryKind::Rollback: return {QColor(0xef, 0x6c, 0x00), QLatin1Char('r')};
  case EntryKind::FlagChange: return {QColor(0xf9, 0xa8, 0x25), QLatin1Char('F')};
  case EntryKind::Command: return {QColor(0x45, 0x5a, 0x64), QLatin1Char('>')};
  }
  return {QColor(Qt::gray), QLatin1Char('?')};
}

QIcon paint(EntryKind kind) {
  const Look l = look(kind);
  QPixmap pixmap(16, 16);
  pixmap.fill(Qt::transparent);
  QPainter p(&pixmap);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(Qt::NoPen);
  p.setBrush(l.color);
  p.drawEllipse(QRectF(1, 1, 14, 14));
  QFont font = p.font();
  font.setPixelSize(10);
  font.setBold(true);
  p.setFont(font);
  p.setPen(Qt::white);
  p.drawText(QRect(0, 0, 16, 16), Qt::AlignCenter, QString(l.letter));
  return QIcon(pixmap);
}

} // namespace

QColor color(EntryKind kind) {
  return look(kind).color;
}

// Painted on demand: only visible rows ask, and no pixmap outlives the application.
QIcon icon(EntryKind kind) {
  return paint(kind);
}

} // namespace pxp::ui::EntryKindStyle
