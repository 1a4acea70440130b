#include "debug/TraceWaterfall.h"

#include "pxp/models/debug/SpanTreeModel.h"
#include "pxp/ui/Theme.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>
#include <iterator>

namespace pxp::ui {

using models::SpanTreeModel;

namespace {

constexpr int kMarginPx = 6;
constexpr int kIndentPx = 14;    // per tree level
constexpr int kMinLabelPx = 160; // the span-name column
constexpr int kMaxLabelPx = 340;
constexpr int kGapPx = 8;
constexpr int kMinBarPx = 2;       // a 0 µs span still shows
constexpr int kTickSpacingPx = 90; // roughly, between ruler ticks
constexpr int kCritical = 3;       // client::SloState::Critical
// Chart colours for healthy bars, skipping the red one so only errors are red.
constexpr int kBarSeries[] = {0, 5, 4, 2, 1};

// The smallest 1, 2 or 5 × 10^n µs step at least `rawUs`.
qint64 niceStepUs(double rawUs) {
  qint64 magnitude = 1;
  while (magnitude * 10 <= rawUs)
    magnitude *= 10;
  for (const qint64 factor : {1, 2, 5, 10})
    if (double(magnitude * factor) >= rawUs)
      return magnitude * factor;
  return magnitude * 10;
}

QString millis(qint64 us, int decimals) {
  return QStringLiteral("%1 ms").arg(double(us) / 1000.0, 0, 'f', decimals);
}

} // namespace

TraceWaterfall::TraceWaterfall(QWidget *parent) : QWidget(parent), m_model(new SpanTreeModel(this)) {
  setFocusPolicy(Qt::StrongFocus);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
  setBackgroundRole(QPalette::Base);
  setAutoFillBackground(true);
}

void TraceWaterfall::setTrace(const client::TraceValue &trace) {
  m_model->setTrace(trace);
  m_rows = m_model->depthFirst();
  m_services.clear();
  for (const QModelIndex &index : m_rows)
    if (!m_services.contains(m_model->spanAt(index).service))
      m_services.append(m_model->spanAt(index).service);
  if (!m_selectedSpanId.isEmpty() && selectedRow() < 0)
    selectSpan(QString());
  updateGeometry();
  update();
}

void TraceWaterfall::clear() {
  setTrace({});
}

const client::TraceValue &TraceWaterfall::trace() const {
  return m_model->trace();
}

const client::SpanValue &TraceWaterfall::spanAt(int row) const {
  return m_model->spanAt(m_rows.at(row));
}

int TraceWaterfall::depthAt(int row) const {
  return m_rows.at(row).data(SpanTreeModel::DepthRole).toInt();
}

int TraceWaterfall::rowAt(const QPoint &pos) const {
  if (pos.y() < rulerHeight())
    return -1;
  const int row = (pos.y() - rulerHeight()) / rowHeight();
  return row < rowCount() ? row : -1;
}

const client::SpanValue *TraceWaterfall::selectedSpan() const {
  const int row = selectedRow();
  return row < 0 ? nullptr : &spanAt(row);
}

int TraceWaterfall::selectedRow() const {
  if (m_selectedSpanId.isEmpty())
    return -1;
  for (int row = 0; row < rowCount(); ++row)
    if (spanAt(row).spanId == m_selectedSpanId)
      return row;
  return -1;
}

void TraceWaterfall::selectSpan(const QString &spanId) {
  if (spanId == m_selectedSpanId)
    return;
  m_selectedSpanId = spanId;
  update();
  emit spanSelected(spanId);
}

int TraceWaterfall::rowHeight() const {
  return fontMetrics().height() + 6;
}

int TraceWaterfall::rulerHeight() const {
  return fontMetrics().height() + 10;
}

int TraceWaterfall::labelWidth() const {
  return qBound(kMinLabelPx, width() * 3 / 10, kMaxLabelPx);
}

QRect TraceWaterfall::barArea() const {
  const int left = labelWidth() + kGapPx;
  return {left, rulerHeight(), qMax(40, width() - left - kMarginPx), rowCount() * rowHeight()};
}

QRect TraceWaterfall::barRect(int row) const {
  const QRect area = barArea();
  const double total = double(m_model->traceDurationUs());
  const double offset = m_rows.at(row).data(SpanTreeModel::StartOffsetUsRole).toLongLong();
  const double duration = m_rows.at(row).data(SpanTreeModel::DurationUsRole).toLongLong();
  const int x = qMin(area.left() + int(std::lround(area.width() * offset / total)), area.right() + 1 - kMinBarPx);
  const int w = qBound(kMinBarPx, int(std::lround(area.width() * duration / total)), area.right() + 1 - x);
  return {x, area.top() + row * rowHeight() + 3, w, rowHeight() - 6};
}

QSize TraceWaterfall::sizeHint() const {
  return {720, rulerHeight() + rowCount() * rowHeight() + kMarginPx};
}

QSize TraceWaterfall::minimumSizeHint() const {
  return {kMinLabelPx + kGapPx + 160, rulerHeight() + rowCount() * rowHeight() + kMarginPx};
}

void TraceWaterfall::paintEvent(QPaintEvent *) {
  QPainter painter(this);
  if (m_rows.isEmpty()) {
    painter.setPen(Theme::muted());
    painter.drawText(rect(), Qt::AlignCenter, tr("Select a trace to see its spans"));
    return;
  }
  paintRuler(painter);
  for (int row = 0; row < rowCount(); ++row)
    paintRow(painter, row);
}

void TraceWaterfall::paintRuler(QPainter &painter) const {
  const QRect area = barArea();
  const qint64 totalUs = m_model->traceDurationUs();
  const qint64 stepUs = niceStepUs(double(totalUs) * kTickSpacingPx / area.width());
  const int decimals = stepUs >= 1000 ? 0 : stepUs >= 100 ? 1 : stepUs >= 10 ? 2 : 3;
  const int baseline = rulerHeight() - 4;
  painter.setPen(Theme::muted());
  painter.drawText(
      QRect(kMarginPx, 0, labelWidth() - kMarginPx, baseline), Qt::AlignLeft | Qt::AlignVCenter,
      trace().spansTruncated > 0
          ? tr("%1 spans (+%2 not kept), %3").arg(rowCount()).arg(trace().spansTruncated).arg(millis(totalUs, 1))
          : tr("%1 spans, %2").arg(rowCount()).arg(millis(totalUs, 1)));
  QColor grid = palette().color(QPalette::Mid);
  grid.setAlpha(90);
  for (qint64 t = 0; t <= totalUs; t += stepUs) {
    const int x = area.left() + int(std::lround(double(area.width()) * double(t) / double(totalUs)));
    painter.setPen(Theme::muted());
    painter.drawLine(x, baseline - 4, x, baseline + 3);
    const QString label = millis(t, decimals);
    if (x + 3 + fontMetrics().horizontalAdvance(label) <= width())
      painter.drawText(QPoint(x + 3, baseline - 5), label);
    painter.setPen(grid);
    painter.drawLine(x, area.top(), x, area.bottom());
  }
  painter.setPen(grid);
  painter.drawLine(kMarginPx, baseline + 3, area.right(), baseline + 3);
}

void TraceWaterfall::paintRow(QPainter &painter, int row) const {
  const client::SpanValue &span = spanAt(row);
  const QRect line(0, rulerHeight() + row * rowHeight(), width(), rowHeight());
  if (span.spanId == m_selectedSpanId) {
    QColor highlight = palette().color(QPalette::Highlight);
    highlight.setAlpha(70);
    painter.fillRect(line, highlight);
  }
  const int indent = kMarginPx + depthAt(row) * kIndentPx;
  const QRect label(indent, line.top(), labelWidth() - indent, line.height());
  const QString name = span.service + QStringLiteral(": ") + span.operation;
  painter.setPen(span.error ? Theme::stateColor(kCritical) : palette().color(QPalette::Text));
  painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
                   fontMetrics().elidedText(name, Qt::ElideRight, label.width()));
  const QRect bar = barRect(row);
  painter.fillRect(bar, barColor(span));
  paintBarText(painter, row, bar);
}

// Duration (and an error's status message) right of the bar if it fits, else left of it, else
// inside a wide bar, else elided on the roomier side.
void TraceWaterfall::paintBarText(QPainter &painter, int row, const QRect &bar) const {
  const client::SpanValue &span = spanAt(row);
  QString text = millis(span.durationUs, 1);
  if (span.error && !span.statusMessage.isEmpty())
    text += QStringLiteral(" — ") + span.statusMessage;
  const QRect area = barArea();
  const int textWidth = fontMetrics().horizontalAdvance(text);
  const QRect right(bar.right() + 4, bar.top() - 3, area.right() - bar.right() - 4, rowHeight());
  const QRect left(area.left(), bar.top() - 3, bar.left() - area.left() - 4, rowHeight());
  QRect box = right;
  Qt::Alignment align = Qt::AlignLeft;
  QColor color = span.error ? Theme::stateColor(kCritical) : Theme::muted();
  if (textWidth > right.width() && textWidth <= left.width()) {
    box = left;
    align = Qt::AlignRight;
  } else if (textWidth > right.width() && bar.width() > qMax(right.width(), left.width())) {
    box = bar.adjusted(4, -3, -4, 3);
    color = Qt::white; // on the bar's own colour
  } else if (textWidth > right.width() && left.width() > right.width()) {
    box = left;
    align = Qt::AlignRight;
  }
  painter.setPen(color);
  painter.drawText(box, align | Qt::AlignVCenter, fontMetrics().elidedText(text, Qt::ElideRight, box.width()));
}

QColor TraceWaterfall::barColor(const client::SpanValue &span) const {
  if (span.error)
    return Theme::stateColor(kCritical);
  const auto series = std::size(kBarSeries);
  return Theme::chartSeries(kBarSeries[std::size_t(m_services.indexOf(span.service)) % series]);
}

QString TraceWaterfall::toolTipFor(int row) const {
  const client::SpanValue &span = spanAt(row);
  QString text =
      QStringLiteral("%1: %2\n").arg(span.service, span.operation) +
      tr("starts at %1, takes %2").arg(millis(span.startUs - m_model->traceStartUs(), 1), millis(span.durationUs, 1));
  if (span.error)
    text += QLatin1Char('\n') + (span.statusMessage.isEmpty() ? tr("error") : span.statusMessage);
  return text;
}

void TraceWaterfall::mousePressEvent(QMouseEvent *event) {
  const int row = rowAt(event->position().toPoint());
  if (row >= 0)
    selectSpan(spanAt(row).spanId);
  QWidget::mousePressEvent(event);
}

void TraceWaterfall::keyPressEvent(QKeyEvent *event) {
  const int current = selectedRow();
  int next = current;
  switch (event->key()) {
  case Qt::Key_Up: next = qMax(0, current - 1); break;
  case Qt::Key_Down: next = qMin(rowCount() - 1, current + 1); break;
  case Qt::Key_Home: next = 0; break;
  case Qt::Key_End: next = rowCount() - 1; break;
  default: QWidget::keyPressEvent(event); return;
  }
  if (next >= 0 && next < rowCount())
    selectSpan(spanAt(next).spanId);
}

bool TraceWaterfall::event(QEvent *event) {
  if (event->type() != QEvent::ToolTip)
    return QWidget::event(event);
  auto *help = static_cast<QHelpEvent *>(event);
  const int row = rowAt(help->pos());
  if (row < 0) {
    QToolTip::hideText();
    event->ignore();
  } else {
    QToolTip::showText(help->globalPos(), toolTipFor(row), this);
  }
  return true;
}

} // namespace pxp::ui
