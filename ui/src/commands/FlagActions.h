#pragma once
// FlagActions: on/off and rollout percentage for the selected feature flag (buttons under the
// flag table and its context menu). A kill-switch flag gets a one-click "Kill: turn off" that
// still asks for a reason. Thread affinity: GUI thread.

#include <QWidget>

class QAction;
class QPushButton;
class QTableView;

namespace pxp::ui {

class CommandLauncher;

class FlagActions : public QWidget {
  Q_OBJECT
public:
  // `table` shows LiveState's flags (through any proxy).
  FlagActions(CommandLauncher *launcher, QTableView *table, QWidget *parent = nullptr);

  QString selectedFlag() const;
  QPushButton *onButton() const { return m_on; }
  QPushButton *offButton() const { return m_off; }
  QPushButton *killButton() const { return m_kill; }

private:
  void refresh();
  bool selectedIsKillSwitch() const;

  CommandLauncher *m_launcher;
  QTableView *m_table;
  QPushButton *m_on, *m_off, *m_kill;
  QList<QAction *> m_actions;
};

} // namespace pxp::ui
