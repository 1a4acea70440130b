#include "debug/ErrorRowDelegate.h"

#include "pxp/ui/Theme.h"

namespace pxp::ui {

namespace {
constexpr int kCritical = 3; // client::SloState::Critical
}

ErrorRowDelegate::ErrorRowDelegate(int errorRole, QObject *parent)
    : QStyledItemDelegate(parent), m_errorRole(errorRole) {}

void ErrorRowDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const {
  QStyledItemDelegate::initStyleOption(option, index);
  if (index.data(m_errorRole).toBool())
    option->palette.setColor(QPalette::Text, Theme::stateColor(kCritical));
}

} // namespace pxp::ui
