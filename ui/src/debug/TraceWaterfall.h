#pragma once
// TraceWaterfall: paints one trace as a waterfall: a row per span in tree order, indented by
// depth, with a timing bar placed by start offset and duration against a time ruler; error
// spans in the theme's critical colour with their status message. Click or Up/Down selects a
// span. Grows with its rows, so it lives in a QScrollArea. Thread affinity: GUI thread.

#include "pxp/client/QueryValues.h"

#include <QList>
#include <QModelIndex>
#include <QStringList>
#include <QWidget>

namespace pxp::models {
class SpanTreeModel;
}

namespace pxp::ui {

class TraceWaterfall : public QWidget {
  Q_OBJECT
public:
  explicit TraceWaterfall(QWidget *parent = nullptr);

  // Keeps the selected span when the new trace still has it.
  void setTrace(const client::TraceValue &trace);
  void clear();
  const client::TraceValue &trace() const;
  models::SpanTreeModel *model() const { return m_model; }

  int rowCount() const { return int(m_rows.size()); }
  const client::SpanValue &spanAt(int row) const; // rows in tree order (depth first)
  int depthAt(int row) const;
  int rowAt(const QPoint &pos) const; // -1 outside the span rows
  QRect barRect(int row) const;       // the timing bar of a row, in widget pixels

  QString selectedSpanId() const { return m_selectedSpanId; }
  const client::SpanValue *selectedSpan() const; // nullptr when none; valid until setTrace
  // Selects a span by id ("" clears); emits spanSelected when the selection changes.
  void selectSpan(const QString &spanId);

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

signals:
  void spanSelected(const QString &spanId);

protected:
  void paintEvent(QPaintEvent *event) override;
  void mousePressEvent(QMouseEvent *event) override;
  void keyPressEvent(QKeyEvent *event) override;
  bool event(QEvent *event) override;

private:
  int rowHeight() const;
  int rulerHeight() const;
  int labelWidth() const;
  QRect barArea() const; // the x range bars use; y spans the rows
  int selectedRow() const;
  void paintRuler(QPainter &painter) const;
  void paintRow(QPainter &painter, int row) const;
  void paintBarText(QPainter &painter, int row, const QRect &bar) const;
  QColor barColor(const client::SpanValue &span) const;
  QString toolTipFor(int row) const;

  models::SpanTreeModel *m_model;
  QList<QModelIndex> m_rows; // m_model's spans depth first
  QStringList m_services;    // in first-seen order, for bar colours
  QString m_selectedSpanId;
};

} // namespace pxp::ui
