#pragma once
// KillSwitchControls: the Engage / Release button beside the on-call view's kill-switch banner,
// with the scope it acts on (all services, or one service of the live SLOs). Scopes are engaged
// and released one by one; the scope list marks the engaged ones.
// Thread affinity: GUI thread.

#include <QWidget>

class QComboBox;
class QPushButton;

namespace pxp::ui {

class CommandLauncher;

class KillSwitchControls : public QWidget {
  Q_OBJECT
public:
  explicit KillSwitchControls(CommandLauncher *launcher, QWidget *parent = nullptr);

  QPushButton *button() const { return m_button; }
  QComboBox *scope() const { return m_scope; } // "" data = all services

private:
  void refresh();

  CommandLauncher *m_launcher;
  QComboBox *m_scope;
  QPushButton *m_button;
};

} // namespace pxp::ui
