#pragma once
// CommandDialog: the one dialog every manual command goes through. It states what will happen
// in one sentence built from the daemon's data, requires a reason (OK stays disabled while it
// is blank), asks dangerous commands to type the target's name (OK stays disabled until it
// matches exactly; Cancel is the default button, so Enter never confirms them), and offers the
// pause durations (15 min / 1 h / 4 h / custom) or a rollout percentage where they apply.
// Keyboard first: the reason field has focus, Tab walks the fields, Esc cancels.
// Thread affinity: GUI thread.

#include "pxp/client/CommandClient.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace pxp::ui {

class CommandDialog : public QDialog {
  Q_OBJECT
public:
  struct Spec {
    QString title;                       // window title, e.g. "Roll back payments"
    QString okText;                      // the OK button's words, e.g. "Roll back"
    client::CommandRequestValue request; // everything but the reason (and duration / rollout)
    // The sentence for the request as the fields currently stand.
    std::function<QString(const client::CommandRequestValue &)> sentence;
    QString confirmName;      // non-empty: dangerous; the user types this exactly
    bool askDuration = false; // pause overrides
    bool askRollout = false;  // flags: rollout percentage
  };

  // The pause durations offered, seconds; "custom" takes minutes.
  static constexpr qint64 kDurationChoicesSeconds[] = {15 * 60, 3600, 4 * 3600};
  static constexpr int kMaxCustomMinutes = 7 * 24 * 60; // the daemon allows 60 s .. 7 days

  explicit CommandDialog(Spec spec, QWidget *parent = nullptr);

  bool isDangerous() const { return !m_spec.confirmName.isEmpty(); }
  // The request as filled in: reason trimmed, duration and rollout applied.
  client::CommandRequestValue request() const;
  QString sentence() const;
  // Why OK is disabled ("" when it is enabled).
  QString problem() const;

  QLabel *sentenceLabel() const { return m_sentence; }
  QLineEdit *reasonEdit() const { return m_reason; }
  QLineEdit *confirmEdit() const { return m_confirm; }     // null unless dangerous
  QComboBox *durationChoice() const { return m_duration; } // null unless askDuration
  QSpinBox *customMinutes() const { return m_customMinutes; }
  QSpinBox *rolloutPercent() const { return m_rollout; } // null unless askRollout
  QPushButton *okButton() const { return m_ok; }
  QPushButton *cancelButton() const { return m_cancel; }

private:
  void update();

  Spec m_spec;
  QLabel *m_sentence = nullptr;
  QLabel *m_problem = nullptr;
  QLineEdit *m_reason = nullptr;
  QLineEdit *m_confirm = nullptr;
  QComboBox *m_duration = nullptr;
  QSpinBox *m_customMinutes = nullptr;
  QSpinBox *m_rollout = nullptr;
  QPushButton *m_ok = nullptr;
  QPushButton *m_cancel = nullptr;
};

} // namespace pxp::ui
