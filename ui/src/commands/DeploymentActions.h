#pragma once
// DeploymentActions: Roll back, Abort canary, Promote step and Promote full for the deployments
// table of the on-call view, as a button row (under the table) and the table's context menu.
// They act on the selected deployment, or, with none selected, on the active deployment of the
// selected SLO's service, and say which one in a label. Thread affinity: GUI thread.

#include <QString>
#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QPushButton;
class QTableView;

namespace pxp::ui {

class CommandLauncher;

class DeploymentActions : public QWidget {
  Q_OBJECT
public:
  // `table` shows LiveState's deployments (through any proxy); `sloService` returns the service
  // of the SLO the on-call view has selected ("" = none).
  DeploymentActions(CommandLauncher *launcher, QTableView *table, std::function<QString()> sloService,
                    QWidget *parent = nullptr);

  // The deployment the buttons act on ("" = none).
  QString target() const;
  QLabel *targetLabel() const { return m_label; }
  QPushButton *rollbackButton() const { return m_rollback; }
  QPushButton *abortButton() const { return m_abort; }
  QPushButton *promoteStepButton() const { return m_promoteStep; }
  QPushButton *promoteFullButton() const { return m_promoteFull; }

public slots:
  // The selection, the SLO or the data changed: re-resolve the target.
  void refresh();

private:
  QString activeCanaryProblem() const;
  QString rollbackProblem() const; // no target, or it is already rolled back
  void showMenu(const QPoint &pos);

  CommandLauncher *m_launcher;
  QTableView *m_table;
  std::function<QString()> m_sloService;
  QLabel *m_label;
  QPushButton *m_rollback, *m_abort, *m_promoteStep, *m_promoteFull;
  QList<QAction *> m_actions; // the context menu's, in button order
};

} // namespace pxp::ui
