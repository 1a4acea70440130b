#include "AnnotationBar.h"

#include "EntryKindStyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace pxp::ui {

AnnotationBar::AnnotationBar(QWidget *parent) : QWidget(parent) {
  auto *h = new QHBoxLayout(this);
  h->setContentsMargins(0, 0, 0, 0);
  m_kind = new QComboBox(this);
  m_kind->setObjectName(QStringLiteral("annotationKind"));
  for (auto kind : models::annotationKinds())
    m_kind->addItem(EntryKindStyle::icon(kind), models::kindTitle(kind), int(kind));
  m_kind->setToolTip(tr("What the annotation is: note, hypothesis, decision, action, customer impact"));
  h->addWidget(m_kind);

  m_input = new QLineEdit(this);
  m_input->setObjectName(QStringLiteral("annotationInput"));
  m_input->setPlaceholderText(tr("Type what happened and press Enter"));
  m_input->setClearButtonEnabled(true);
  connect(m_input, &QLineEdit::returnPressed, this, &AnnotationBar::submit);
  h->addWidget(m_input, 1);

  m_atTime = new QCheckBox(tr("at"), this);
  m_atTime->setObjectName(QStringLiteral("annotationAtTime"));
  m_atTime->setToolTip(tr("Record the annotation at another time than now (local time)"));
  h->addWidget(m_atTime);
  m_time = new QDateTimeEdit(this);
  m_time->setObjectName(QStringLiteral("annotationTime"));
  m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
  m_time->setTimeSpec(Qt::LocalTime);
  m_time->setEnabled(false);
  m_time->setToolTip(tr("Event time, local time"));
  connect(m_atTime, &QCheckBox::toggled, m_time, &QWidget::setEnabled);
  h->addWidget(m_time);

  m_saved = new QLabel(this);
  m_saved->setObjectName(QStringLiteral("saveIndicator"));
  m_saved->setMinimumWidth(m_saved->fontMetrics().horizontalAdvance(tr("saving…")) + 8);
  h->addWidget(m_saved);
  setPendingCount(0);
}

models::EntryKind AnnotationBar::kind() const {
  return static_cast<models::EntryKind>(m_kind->currentData().toInt());
}

void AnnotationBar::setPendingCount(int pending) {
  if (pending > 0) {
    m_everSaved = true;
    m_saved->setText(tr("saving…"));
    m_saved->setToolTip(tr("%n change(s) on the way to disk", nullptr, pending));
  } else {
    // Before the first write there is nothing to call saved yet.
    m_saved->setText(m_everSaved ? tr("saved") : QString());
    m_saved->setToolTip(tr("Everything you recorded is on disk"));
  }
}

void AnnotationBar::setNowMs(qint64 nowMs) {
  if (!m_atTime->isChecked() && nowMs > 0)
    m_time->setDateTime(QDateTime::fromMSecsSinceEpoch(nowMs));
}

void AnnotationBar::submit() {
  const QString text = m_input->text().trimmed();
  if (text.isEmpty())
    return;
  const qint64 at = m_atTime->isChecked() ? m_time->dateTime().toMSecsSinceEpoch() : 0;
  m_input->clear();
  emit annotate(kind(), text, at);
}

} // namespace pxp::ui
