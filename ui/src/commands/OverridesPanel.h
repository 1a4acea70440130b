#pragma once
// OverridesPanel: the policies and every active manual override on them, with who set it,
// why, and a live countdown to its expiry; Pause (with an expiry), Resume (clears the
// override) and Force once act on the selected row through CommandLauncher.
// Thread affinity: GUI thread.

#include <QWidget>

class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace pxp::ui {

class CommandLauncher;

class OverridesPanel : public QWidget {
  Q_OBJECT
public:
  enum Column { NameColumn, StateColumn, ByColumn, ReasonColumn, ExpiresInColumn, UntilColumn, ColumnCount };
  enum ItemRole { IdRole = Qt::UserRole + 1, IsOverrideRole, PolicyIdRole };

  explicit OverridesPanel(CommandLauncher *launcher, QWidget *parent = nullptr);

  QTreeWidget *tree() const { return m_tree; }
  QPushButton *pauseButton() const { return m_pause; }
  QPushButton *resumeButton() const { return m_resume; }
  QPushButton *forceButton() const { return m_force; }
  // Selects the row of a policy or an override by id; false when it is not listed.
  bool select(const QString &id);

private:
  void rebuild();
  void updateCountdowns();
  QString selectedPolicy() const;
  QString selectedOverride() const; // the selected override, or the selected policy's first one

  CommandLauncher *m_launcher;
  QTreeWidget *m_tree;
  QPushButton *m_pause;
  QPushButton *m_resume;
  QPushButton *m_force;
  QTimer *m_countdown;
};

} // namespace pxp::ui
