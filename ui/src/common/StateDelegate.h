#pragma once
// StateDelegate: paints a table cell's background in the colour of its SLO state or alert
// tier (from the model's roles), so the firing tier and critical SLOs stand out in any table.
// Thread affinity: GUI thread.

#include <QStyledItemDelegate>

namespace pxp::ui {

class StateDelegate : public QStyledItemDelegate {
  Q_OBJECT
public:
  enum class Source { State, Tier };
  // `role` is the model role that carries the state or tier number.
  StateDelegate(Source source, int role, QObject *parent = nullptr);

  void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
  QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
  Source m_source;
  int m_role;
};

} // namespace pxp::ui
