#pragma once
// CommandLauncher: turns a user's intent ("roll back this deployment") into a CommandDialog
// filled from the live state, and submits what the user confirmed to the CommandClient. It
// refuses, with the role needed, a command the session's role may not run (the controls are
// disabled already; this covers the palette and stale clicks). Dialogs are window-modal but
// opened without blocking (open()), so live data keeps flowing while one is up.
// Thread affinity: GUI thread.

#include "CommandDialog.h"

#include "pxp/client/CommandClient.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class QWidget;

namespace pxp::models {
class LiveState;
}

namespace pxp::ui {

class RoleGate;

class CommandLauncher : public QObject {
  Q_OBJECT
public:
  // None is owned; `dialogParent` is the window the dialogs belong to.
  CommandLauncher(models::LiveState *state, RoleGate *gate, client::CommandClient *commands, QWidget *dialogParent);

  models::LiveState *state() const { return m_state; }
  RoleGate *gate() const { return m_gate; }
  // The dialog on screen, if any (tests and the palette use it).
  CommandDialog *currentDialog() const { return m_current; }
  // The daemon's clock now: its last reported time moved on by the wall time since, at the
  // world's time scale (overrides expire in the daemon's time).
  qint64 serverNowMs() const;

  // Each opens the dialog for the command and returns it; null (and `refused`) when the target
  // is unknown or the role may not run it.
  CommandDialog *rollback(const QString &deploymentId);
  CommandDialog *abortCanary(const QString &deploymentId);
  CommandDialog *promote(const QString &deploymentId, bool full);
  CommandDialog *setKillSwitch(bool engage, const QString &scopeService = QString());
  CommandDialog *pausePolicy(const QString &policyId);
  CommandDialog *forcePolicyOnce(const QString &policyId);
  CommandDialog *clearOverride(const QString &overrideId);
  // enabled = false: one reason and it is off. enabled = true: asks the rollout percentage.
  CommandDialog *setFlag(const QString &flagKey, bool enabled);

  // The open incident a command on `service` belongs to: its id and title, or empty. A command
  // for a service with an open incident carries that id (audit, timelines) and its dialog says so.
  struct IncidentRef {
    QString id, title;
  };
  void setIncidentLookup(std::function<IncidentRef(const QString &service)> lookup) {
    m_incidentFor = std::move(lookup);
  }

signals:
  void dialogOpened(pxp::ui::CommandDialog *dialog);
  // The user confirmed; the command is journaled and on its way.
  void submitted(const QString &idempotencyKey, const pxp::client::CommandRequestValue &request);
  // Not opened: why, in words for the status bar.
  void refused(const QString &why);

private:
  CommandDialog *open(client::CommandKind kind, bool fullPromote, CommandDialog::Spec spec);
  // Ties the request to the service's open incident, if any, and says so in the sentence.
  void attachIncident(CommandDialog::Spec &spec, const QString &service) const;
  CommandDialog *refuse(const QString &why);

  models::LiveState *m_state;
  RoleGate *m_gate;
  client::CommandClient *m_commands;
  QWidget *m_dialogParent;
  QPointer<CommandDialog> m_current;
  std::function<IncidentRef(const QString &service)> m_incidentFor;
  qint64 m_lastServerMs = 0;
  QElapsedTimer m_sinceServerTime;
};

} // namespace pxp::ui
