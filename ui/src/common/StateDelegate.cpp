#include "StateDelegate.h"

#include "pxp/ui/Theme.h"

#include <QPainter>

namespace pxp::ui {

StateDelegate::StateDelegate(Source source, int role, QObject *parent)
    : QStyledItemDelegate(parent), m_source(source), m_role(role) {}

void StateDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const {
  const int value = index.data(m_role).toInt();
  // Tier 1 = none, state 1 = ok: nothing to shout about, paint normally.
  const bool loud = m_source == Source::Tier ? value >= 2 : value >= 2;
  if (loud) {
    QColor c = m_source == Source::Tier ? Theme::tierColor(value) : Theme::stateColor(value);
    c.setAlpha(200);
    painter->fillRect(option.rect, c);
    QStyleOptionViewItem opt = option;
    opt.palette.setColor(QPalette::Text, Qt::white);
    opt.font.setBold(true);
    QStyledItemDelegate::paint(painter, opt, index);
    return;
  }
  QStyledItemDelegate::paint(painter, option, index);
}

QSize StateDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const {
  // Room for the bold text of a loud cell ("warning", "page (slow)"), so it is never cut.
  QStyleOptionViewItem bold = option;
  bold.font.setBold(true);
  return QStyledItemDelegate::sizeHint(bold, index) + QSize(4, 0);
}

} // namespace pxp::ui
