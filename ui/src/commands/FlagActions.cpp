#include "FlagActions.h"

#include "CommandLauncher.h"
#include "RoleGate.h"

#include "pxp/models/FlagTableModel.h"
#include "pxp/models/LiveState.h"

#include <QAction>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>

namespace pxp::ui {

FlagActions::FlagActions(CommandLauncher *launcher, QTableView *table, QWidget *parent)
    : QWidget(parent), m_launcher(launcher), m_table(table) {
  setObjectName(QStringLiteral("flagActions"));
  auto *h = new QHBoxLayout(this);
  h->setContentsMargins(0, 0, 0, 0);
  m_on = new QPushButton(tr("On / rollout…"), this);
  m_on->setObjectName(QStringLiteral("flagOnButton"));
  m_on->setToolTip(tr("Turn the selected flag on, or change its rollout percentage"));
  m_off = new QPushButton(tr("Off…"), this);
  m_off->setObjectName(QStringLiteral("flagOffButton"));
  m_off->setToolTip(tr("Turn the selected flag off"));
  m_kill = new QPushButton(tr("Kill: turn off…"), this);
  m_kill->setObjectName(QStringLiteral("flagKillButton"));
  m_kill->setToolTip(tr("One click for a kill-switch flag: off, after a reason"));
  h->addWidget(m_on);
  h->addWidget(m_off);
  h->addWidget(m_kill);
  h->addStretch(1);

  auto *gate = m_launcher->gate();
  const auto needFlag = [this] { return selectedFlag().isEmpty() ? tr("Select a flag first") : QString(); };
  const auto needKillSwitchFlag = [this] {
    if (selectedFlag().isEmpty())
      return tr("Select a flag first");
    return selectedIsKillSwitch() ? QString() : tr("%1 is not a kill-switch flag: use Off").arg(selectedFlag());
  };
  gate->guard(m_on, client::CommandKind::SetFlag, false, needFlag);
  gate->guard(m_off, client::CommandKind::SetFlag, false, needFlag);
  gate->guard(m_kill, client::CommandKind::SetFlag, false, needKillSwitchFlag);
  connect(m_on, &QPushButton::clicked, this, [this] { m_launcher->setFlag(selectedFlag(), true); });
  connect(m_off, &QPushButton::clicked, this, [this] { m_launcher->setFlag(selectedFlag(), false); });
  connect(m_kill, &QPushButton::clicked, this, [this] { m_launcher->setFlag(selectedFlag(), false); });
  for (auto *b : {m_on, m_off}) {
    auto *action = new QAction(b->text(), this);
    action->setToolTip(b->toolTip());
    gate->guard(action, client::CommandKind::SetFlag, false, needFlag);
    connect(action, &QAction::triggered, b, &QPushButton::click);
    m_actions.push_back(action);
  }

  m_table->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
    if (const QModelIndex index = m_table->indexAt(pos); index.isValid())
      m_table->setCurrentIndex(index);
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    menu.addActions(m_actions);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
  });
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &FlagActions::refresh);
  refresh();
}

QString FlagActions::selectedFlag() const {
  const QModelIndex current = m_table->currentIndex();
  return current.isValid() ? current.data(models::FlagTableModel::FlagKeyRole).toString() : QString();
}

bool FlagActions::selectedIsKillSwitch() const {
  const auto f = m_launcher->state()->flag(selectedFlag());
  return f && f->kind == QLatin1String("kill switch");
}

void FlagActions::refresh() {
  m_kill->setVisible(selectedIsKillSwitch());
  m_launcher->gate()->refresh();
}

} // namespace pxp::ui
