#include "CommandsPanel.h"

#include "CommandListModel.h"

#include "pxp/client/CommandClient.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace pxp::ui {

CommandsPanel::CommandsPanel(client::CommandClient *commands, QWidget *parent)
    : QWidget(parent), m_model(new CommandListModel(commands, this)) {
  setObjectName(QStringLiteral("commandsPanel"));
  auto *v = new QVBoxLayout(this);
  v->setContentsMargins(2, 2, 2, 2);
  m_journal = new QLabel(this);
  m_journal->setObjectName(QStringLiteral("commandJournalError"));
  m_journal->setWordWrap(true);
  m_journal->hide();
  v->addWidget(m_journal);
  m_table = new QTableView(this);
  m_table->setObjectName(QStringLiteral("commandsTable"));
  m_table->setModel(m_model);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setWordWrap(false);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(CommandListModel::ResultColumn, QHeaderView::Stretch);
  v->addWidget(m_table);

  // A journal that cannot record keys means commands are not sent: say so here, not only in a log.
  connect(commands, &client::CommandClient::journalError, this, [this](const QString &error) {
    m_journal->setText(tr("Command journal: %1").arg(error));
    m_journal->show();
  });
  m_spinner = new QTimer(this);
  m_spinner->setInterval(kSpinnerIntervalMs);
  connect(m_spinner, &QTimer::timeout, m_model, &CommandListModel::tickSpinner);
  connect(m_model, &CommandListModel::pendingCountChanged, this, [this](int pending) {
    if (pending > 0)
      m_spinner->start();
    else
      m_spinner->stop();
  });
}

} // namespace pxp::ui
