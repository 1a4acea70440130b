#pragma once
// EntryEditDialog: changes an entry's kind, event time (local time) and text. The store keeps
// the entry as it was in its history, so nothing is silently changed.
// Thread affinity: GUI thread.

#include "pxp/models/timeline/TimelineValues.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QPlainTextEdit;

namespace pxp::ui {

class EntryEditDialog : public QDialog {
  Q_OBJECT
public:
  explicit EntryEditDialog(const models::TimelineEntry &entry, QWidget *parent = nullptr);

  // The entry with the dialog's kind, time and text; its revision is the one it was read at
  // (the store refuses the edit if someone changed it since).
  models::TimelineEntry edited() const;
  QPlainTextEdit *textEdit() const { return m_text; }

private:
  models::TimelineEntry m_entry;
  QComboBox *m_kind;
  QDateTimeEdit *m_time;
  QPlainTextEdit *m_text;
};

} // namespace pxp::ui
