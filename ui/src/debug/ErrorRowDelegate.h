#pragma once
// ErrorRowDelegate: draws a row's text in the theme's critical colour when the model says the
// row is an error (a bool role), so failing traces and error logs stand out. GUI thread.

#include <QStyledItemDelegate>

namespace pxp::ui {

class ErrorRowDelegate : public QStyledItemDelegate {
  Q_OBJECT
public:
  // `errorRole`: a bool role of the view's model, true on error rows.
  ErrorRowDelegate(int errorRole, QObject *parent);

protected:
  void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
  int m_errorRole;
};

} // namespace pxp::ui
