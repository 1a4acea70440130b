#include "debug/SpanDetailsTable.h"

#include "pxp/ui/Theme.h"

#include <QHeaderView>

namespace pxp::ui {

namespace {

constexpr int kCritical = 3; // client::SloState::Critical

QString millis(qint64 us) {
  return QStringLiteral("%1 ms").arg(double(us) / 1000.0, 0, 'f', 1);
}

} // namespace

SpanDetailsTable::SpanDetailsTable(QWidget *parent) : QTableWidget(0, 2, parent) {
  setHorizontalHeaderLabels({tr("Attribute"), tr("Value")});
  horizontalHeader()->setStretchLastSection(true);
  horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  verticalHeader()->hide();
  setEditTriggers(NoEditTriggers);
  setSelectionBehavior(SelectRows);
  setWordWrap(false);
}

void SpanDetailsTable::showSpan(const client::SpanValue *span, qint64 traceStartUs) {
  setRowCount(0);
  if (!span)
    return;
  addRow(tr("service"), span->service);
  addRow(tr("operation"), span->operation);
  addRow(tr("status"), span->error ? tr("error") : tr("ok"), span->error);
  if (!span->statusMessage.isEmpty())
    addRow(tr("status message"), span->statusMessage, span->error);
  addRow(tr("start offset"), millis(span->startUs - traceStartUs));
  addRow(tr("duration"), millis(span->durationUs));
  addRow(tr("correlation id"), span->correlationId.isEmpty() ? tr("none (unlinked)") : span->correlationId);
  addRow(tr("span id"), span->spanId);
  addRow(tr("parent span id"), span->parentSpanId.isEmpty() ? tr("none (root)") : span->parentSpanId);
  addRow(tr("trace id"), span->traceId);
  for (const auto &[key, attributeValue] : span->attributes)
    addRow(key, attributeValue);
}

QString SpanDetailsTable::value(const QString &key) const {
  for (int row = 0; row < rowCount(); ++row)
    if (item(row, 0)->text() == key)
      return item(row, 1)->text();
  return {};
}

void SpanDetailsTable::addRow(const QString &key, const QString &text, bool error) {
  const int row = rowCount();
  insertRow(row);
  setItem(row, 0, new QTableWidgetItem(key));
  auto *valueItem = new QTableWidgetItem(text);
  valueItem->setToolTip(text);
  if (error)
    valueItem->setForeground(Theme::stateColor(kCritical));
  setItem(row, 1, valueItem);
}

} // namespace pxp::ui
