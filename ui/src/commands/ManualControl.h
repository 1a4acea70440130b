#pragma once
// ManualControl: the console's manual-control surface, installed into the main window in one
// place: the Commands list and Policy overrides docks, the Commands menu and status-bar
// button, the kill-switch and deployment buttons of the on-call view, the flag buttons of the
// debug view, and the command entries of the Ctrl+K palette. Every control is role-gated.
// Thread affinity: GUI thread.

#include "CommandPalette.h"

#include "pxp/client/CommandClient.h"

#include <QObject>

class QDockWidget;
class QToolButton;

namespace pxp::models {
class LiveState;
class SessionStatus;
} // namespace pxp::models

namespace pxp::ui {

class CommandLauncher;
class CommandsPanel;
class DeploymentActions;
class FlagActions;
class KillSwitchControls;
class MainWindow;
class OverridesPanel;
class RoleGate;

class ManualControl : public QObject {
  Q_OBJECT
public:
  // Nothing is owned but what it creates; `commands` must outlive `window`.
  ManualControl(MainWindow *window, models::SessionStatus *session, models::LiveState *state,
                client::CommandClient *commands);

  CommandLauncher *launcher() const { return m_launcher; }
  RoleGate *gate() const { return m_gate; }
  CommandsPanel *commandsPanel() const { return m_commandsPanel; }
  OverridesPanel *overridesPanel() const { return m_overridesPanel; }
  QDockWidget *commandsDock() const { return m_commandsDock; }
  QDockWidget *overridesDock() const { return m_overridesDock; }
  DeploymentActions *deploymentActions() const { return m_deployments; }
  KillSwitchControls *killSwitchControls() const { return m_killSwitch; }
  FlagActions *flagActions() const { return m_flags; }
  QToolButton *statusButton() const { return m_statusButton; }

  // The commands the Ctrl+K palette offers, from the live state (denied ones say why).
  QList<CommandPalette::Entry> paletteEntries();

public slots:
  void showCommands();
  void showOverrides();

private:
  void installOnCall();
  void buildMenu();
  void onCommandUpdated(const client::CommandStatusValue &status);
  void refreshStatusButton(int pending);

  MainWindow *m_window;
  models::LiveState *m_state;
  RoleGate *m_gate;
  CommandLauncher *m_launcher;
  CommandsPanel *m_commandsPanel;
  OverridesPanel *m_overridesPanel;
  QDockWidget *m_commandsDock;
  QDockWidget *m_overridesDock;
  DeploymentActions *m_deployments = nullptr;
  KillSwitchControls *m_killSwitch = nullptr;
  FlagActions *m_flags = nullptr;
  QToolButton *m_statusButton;
};

} // namespace pxp::ui
