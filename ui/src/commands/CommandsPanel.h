#pragma once
// CommandsPanel: the "Commands" list: every manual command of this console (and those
// recovered from the command journal), pending with a spinner, succeeded with its audit entry,
// failed in red with the daemon's reason. Lives in a dock of the main window.
// Thread affinity: GUI thread.

#include <QWidget>

class QLabel;
class QTableView;
class QTimer;

namespace pxp::client {
class CommandClient;
}

namespace pxp::ui {

class CommandListModel;

class CommandsPanel : public QWidget {
  Q_OBJECT
public:
  static constexpr int kSpinnerIntervalMs = 250;

  explicit CommandsPanel(client::CommandClient *commands, QWidget *parent = nullptr);

  CommandListModel *model() const { return m_model; }
  QTableView *table() const { return m_table; }
  QLabel *journalLabel() const { return m_journal; }

private:
  CommandListModel *m_model;
  QTableView *m_table;
  QLabel *m_journal;
  QTimer *m_spinner;
};

} // namespace pxp::ui
