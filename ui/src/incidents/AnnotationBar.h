#pragma once
// AnnotationBar: where an incident commander types the timeline as it happens: a kind
// selector and one line edit; Enter records the annotation (event time now, or the time in
// the optional time field when it is ticked) and clears the line for the next one. Beside
// it, "saving…" / "saved" follows TimelineWriter::pendingCount().
// Thread affinity: GUI thread.

#include "pxp/models/timeline/TimelineValues.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;

namespace pxp::ui {

class AnnotationBar : public QWidget {
  Q_OBJECT
public:
  explicit AnnotationBar(QWidget *parent = nullptr);

  QLineEdit *input() const { return m_input; }
  QComboBox *kindSelector() const { return m_kind; }
  QCheckBox *atTime() const { return m_atTime; }
  QDateTimeEdit *timeEdit() const { return m_time; }
  QLabel *saveIndicator() const { return m_saved; }

  models::EntryKind kind() const;
  // Follows the writer: "saving…" while person-made writes are pending, "saved" at 0.
  void setPendingCount(int pending);
  // The default for the time field when it is ticked (the daemon's "now").
  void setNowMs(qint64 nowMs);

signals:
  // Enter in the line edit with text: eventTimeMs 0 means now.
  void annotate(pxp::models::EntryKind kind, const QString &text, qint64 eventTimeMs);

private:
  void submit();

  QComboBox *m_kind;
  QLineEdit *m_input;
  QCheckBox *m_atTime;
  QDateTimeEdit *m_time;
  QLabel *m_saved;
  bool m_everSaved = false;
};

} // namespace pxp::ui
