#include "EntryEditDialog.h"

#include "EntryKindStyle.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPlainTextEdit>
#include <QPushButton>

namespace pxp::ui {

EntryEditDialog::EntryEditDialog(const models::TimelineEntry &entry, QWidget *parent)
    : QDialog(parent), m_entry(entry) {
  setWindowTitle(tr("Edit timeline entry"));
  setObjectName(QStringLiteral("entryEditDialog"));
  auto *form = new QFormLayout(this);
  m_kind = new QComboBox(this);
  m_kind->setObjectName(QStringLiteral("entryKind"));
  // People re-classify annotations; an automatic entry keeps its kind (it says where it came from).
  const QList<models::EntryKind> kinds = entry.automatic || !models::isAnnotationKind(entry.kind)
                                             ? QList<models::EntryKind>{entry.kind}
                                             : models::annotationKinds();
  for (auto kind : kinds)
    m_kind->addItem(EntryKindStyle::icon(kind), models::kindTitle(kind), int(kind));
  m_kind->setCurrentIndex(m_kind->findData(int(entry.kind)));
  form->addRow(tr("Kind"), m_kind);
  m_time = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(entry.eventTimeMs), this);
  m_time->setObjectName(QStringLiteral("entryTime"));
  m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
  form->addRow(tr("Event time (local)"), m_time);
  m_text = new QPlainTextEdit(entry.text, this);
  m_text->setObjectName(QStringLiteral("entryText"));
  form->addRow(tr("Text"), m_text);
  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_text, &QPlainTextEdit::textChanged, this, [this, buttons] {
    buttons->button(QDialogButtonBox::Save)->setEnabled(!m_text->toPlainText().trimmed().isEmpty());
  });
  form->addRow(buttons);
}

models::TimelineEntry EntryEditDialog::edited() const {
  models::TimelineEntry e = m_entry;
  e.kind = static_cast<models::EntryKind>(m_kind->currentData().toInt());
  // Whole seconds are what the field shows; keep the stored milliseconds when untouched.
  const qint64 shownMs = m_time->dateTime().toMSecsSinceEpoch();
  if (shownMs / 1000 != m_entry.eventTimeMs / 1000)
    e.eventTimeMs = shownMs;
  e.text = m_text->toPlainText().trimmed();
  return e;
}

} // namespace pxp::ui
