#include "ManualControl.h"

#include "CommandLauncher.h"
#include "CommandListModel.h"
#include "CommandsPanel.h"
#include "DeploymentActions.h"
#include "FlagActions.h"
#include "KillSwitchControls.h"
#include "OverridesPanel.h"
#include "RoleGate.h"
#include "debug/DebugDashboard.h"
#include "oncall/OnCallDashboard.h"

#include "pxp/models/DeploymentTableModel.h"
#include "pxp/models/FlagTableModel.h"
#include "pxp/models/LiveState.h"
#include "pxp/ui/MainWindow.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeWidget>

namespace pxp::ui {
namespace {

constexpr int kStatusMessageMs = 15000;

QDockWidget *makeDock(const QString &title, const QString &name, QWidget *content, QMainWindow *window) {
  auto *dock = new QDockWidget(title, window);
  dock->setObjectName(name);
  dock->setWidget(content);
  dock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
  window->addDockWidget(Qt::BottomDockWidgetArea, dock);
  dock->hide(); // shown on demand: the first command, a failure, the menu or a button
  return dock;
}

} // namespace

ManualControl::ManualControl(MainWindow *window, models::SessionStatus *session, models::LiveState *state,
                             client::CommandClient *commands)
    : QObject(window), m_window(window), m_state(state) {
  m_gate = new RoleGate(session, this);
  m_launcher = new CommandLauncher(state, m_gate, commands, window);
  m_commandsPanel = new CommandsPanel(commands, window);
  m_overridesPanel = new OverridesPanel(m_launcher, window);
  m_commandsDock = makeDock(tr("Commands"), QStringLiteral("commandsDock"), m_commandsPanel, window);
  m_overridesDock = makeDock(tr("Policy overrides"), QStringLiteral("overridesDock"), m_overridesPanel, window);
  window->tabifyDockWidget(m_commandsDock, m_overridesDock);

  m_statusButton = new QToolButton(window);
  m_statusButton->setObjectName(QStringLiteral("commandsStatusButton"));
  m_statusButton->setAutoRaise(true);
  m_statusButton->setToolTip(tr("This console's manual commands: pending, succeeded, failed"));
  window->statusBar()->addPermanentWidget(m_statusButton);
  connect(m_statusButton, &QToolButton::clicked, this, &ManualControl::showCommands);
  connect(m_commandsPanel->model(), &CommandListModel::pendingCountChanged, this, &ManualControl::refreshStatusButton);
  refreshStatusButton(0);

  connect(commands, &client::CommandClient::commandUpdated, this, &ManualControl::onCommandUpdated);
  connect(commands, &client::CommandClient::journalError, this, [this](const QString &error) {
    m_window->statusBar()->showMessage(tr("Command journal: %1").arg(error), kStatusMessageMs);
    showCommands();
  });
  connect(m_launcher, &CommandLauncher::submitted, this, &ManualControl::showCommands);
  connect(m_launcher, &CommandLauncher::refused, this,
          [this](const QString &why) { m_window->statusBar()->showMessage(why, kStatusMessageMs); });

  installOnCall();
  m_flags = new FlagActions(m_launcher, window->debug()->flagTable(), window->debug());
  window->debug()->addFlagControls(m_flags);
  buildMenu();
}

void ManualControl::installOnCall() {
  auto *onCall = m_window->onCall();
  m_killSwitch = new KillSwitchControls(m_launcher, onCall);
  onCall->addBannerWidget(m_killSwitch);
  auto *overrides = new QPushButton(tr("&Overrides…"), onCall);
  overrides->setObjectName(QStringLiteral("overridesButton"));
  overrides->setToolTip(tr("Policies and their active overrides: pause, resume, force once"));
  connect(overrides, &QPushButton::clicked, this, &ManualControl::showOverrides);
  onCall->addBannerWidget(overrides);
  m_deployments = new DeploymentActions(
      m_launcher, onCall->deploymentTable(),
      [this, onCall] {
        const auto slo = m_state->slo(onCall->selectedSlo());
        return slo ? slo->service : QString();
      },
      onCall);
  onCall->addDeploymentControls(m_deployments);
  connect(onCall, &OnCallDashboard::sloSelected, m_deployments, &DeploymentActions::refresh);
}

void ManualControl::buildMenu() {
  auto *menu = m_window->menuBar()->addMenu(tr("Co&mmands"));
  menu->setToolTipsVisible(true);
  auto *list = m_commandsDock->toggleViewAction();
  list->setText(tr("Commands &list"));
  menu->addAction(list);
  auto *overrides = m_overridesDock->toggleViewAction();
  overrides->setText(tr("Policy &overrides"));
  menu->addAction(overrides);
  menu->addSeparator();
  auto *killSwitch = menu->addAction(tr("Engage / release the &kill switch…"));
  m_gate->guard(killSwitch, client::CommandKind::SetKillSwitch);
  connect(killSwitch, &QAction::triggered, this, [this] {
    // All services; single services from the controls beside the banner.
    m_launcher->setKillSwitch(!m_state->killSwitch().scope(QString()));
  });
}

void ManualControl::showCommands() {
  m_commandsDock->show();
  m_commandsDock->raise();
}

void ManualControl::showOverrides() {
  m_overridesDock->show();
  m_overridesDock->raise();
  m_overridesPanel->tree()->setFocus();
}

void ManualControl::onCommandUpdated(const client::CommandStatusValue &status) {
  const QString what = status.request.describe();
  switch (status.state) {
  case client::CommandState::Failed:
    // A failure must be seen, not only logged: the message, the list, the row in red.
    m_window->statusBar()->showMessage(tr("Command failed: %1: %2").arg(what, CommandListModel::resultText(status)),
                                       kStatusMessageMs);
    showCommands();
    break;
  case client::CommandState::Succeeded:
    m_window->statusBar()->showMessage(tr("Done: %1 (audit #%2)").arg(what).arg(status.auditSeq), kStatusMessageMs);
    break;
  case client::CommandState::Pending: break;
  }
}

void ManualControl::refreshStatusButton(int pending) {
  m_statusButton->setText(pending > 0 ? tr("Commands: %1 pending").arg(pending) : tr("Commands"));
}

QList<CommandPalette::Entry> ManualControl::paletteEntries() {
  QList<CommandPalette::Entry> entries;
  const auto add = [&](const QString &title, client::CommandKind kind, bool full, std::function<void()> run) {
    const QString denied = m_gate->denial(kind, full);
    entries.push_back({tr("Command"), title, denied.isEmpty() ? tr("asks for a reason") : denied, std::move(run)});
  };
  auto *launcher = m_launcher;
  entries.push_back({tr("Command"), tr("Commands list"), tr("pending, succeeded, failed"), [this] { showCommands(); }});
  entries.push_back(
      {tr("Command"), tr("Policy overrides"), tr("pause, resume, force once"), [this] { showOverrides(); }});
  const auto &kill = m_state->killSwitch();
  add(kill.scope(QString()) ? tr("Release the kill switch for all services")
                            : tr("Engage the kill switch for all services"),
      client::CommandKind::SetKillSwitch, false,
      [launcher, engaged = kill.scope(QString()) != nullptr] { launcher->setKillSwitch(!engaged); });
  for (const auto &scope : kill.scopes)
    if (!scope.service.isEmpty())
      add(tr("Release the kill switch for %1").arg(scope.service), client::CommandKind::SetKillSwitch, false,
          [launcher, service = scope.service] { launcher->setKillSwitch(false, service); });
  auto *deployments = m_state->deployments();
  for (int r = 0; r < deployments->rowCount(); ++r) {
    const auto &d = deployments->at(r);
    const QString name = d.service + QLatin1Char(' ') + d.version;
    add(tr("Roll back %1").arg(name), client::CommandKind::Rollback, false,
        [launcher, id = d.id] { launcher->rollback(id); });
    if (!d.active() || d.strategy != QLatin1String("canary"))
      continue;
    add(tr("Abort canary %1").arg(name), client::CommandKind::AbortCanary, false,
        [launcher, id = d.id] { launcher->abortCanary(id); });
    add(tr("Promote canary %1 one step").arg(name), client::CommandKind::PromoteCanary, false,
        [launcher, id = d.id] { launcher->promote(id, false); });
    add(tr("Promote canary %1 fully").arg(name), client::CommandKind::PromoteCanary, true,
        [launcher, id = d.id] { launcher->promote(id, true); });
  }
  for (const auto &p : m_state->policies()) {
    add(tr("Pause policy %1").arg(p.id), client::CommandKind::SetOverride, false,
        [launcher, id = p.id] { launcher->pausePolicy(id); });
    add(tr("Force policy %1 once").arg(p.id), client::CommandKind::SetOverride, false,
        [launcher, id = p.id] { launcher->forcePolicyOnce(id); });
  }
  for (const auto &o : m_state->overrides())
    add(tr("Resume policy %1 (override by %2)").arg(o.policyId, o.actor), client::CommandKind::ClearOverride, false,
        [launcher, id = o.id] { launcher->clearOverride(id); });
  auto *flags = m_state->flags();
  for (int r = 0; r < flags->rowCount(); ++r) {
    const auto &f = flags->at(r);
    add(f.enabled ? tr("Turn flag %1 off").arg(f.key) : tr("Turn flag %1 on").arg(f.key), client::CommandKind::SetFlag,
        false, [launcher, key = f.key, on = !f.enabled] { launcher->setFlag(key, on); });
  }
  return entries;
}

} // namespace pxp::ui
