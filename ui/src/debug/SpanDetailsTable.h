#pragma once
// SpanDetailsTable: key/value rows describing one span: where it ran, its timing, status and
// status message, correlation id and attributes. GUI thread.

#include "pxp/client/QueryValues.h"

#include <QTableWidget>

namespace pxp::ui {

class SpanDetailsTable : public QTableWidget {
  Q_OBJECT
public:
  explicit SpanDetailsTable(QWidget *parent = nullptr);

  // `traceStartUs` turns the span's start into an offset; nullptr clears the table.
  void showSpan(const client::SpanValue *span, qint64 traceStartUs);
  QString value(const QString &key) const; // "" when the key is not shown

private:
  void addRow(const QString &key, const QString &value, bool error = false);
};

} // namespace pxp::ui
