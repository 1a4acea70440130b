#include "CommandLauncher.h"

#include "CommandSentences.h"
#include "RoleGate.h"

#include "pxp/models/LiveState.h"

#include <algorithm>

namespace pxp::ui {

using client::CommandKind;
using client::CommandRequestValue;

CommandLauncher::CommandLauncher(models::LiveState *state, RoleGate *gate, client::CommandClient *commands,
                                 QWidget *dialogParent)
    : QObject(dialogParent), m_state(state), m_gate(gate), m_commands(commands), m_dialogParent(dialogParent) {
  connect(m_state, &models::LiveState::changed, this, [this] {
    if (m_state->serverTimeMs() != m_lastServerMs) {
      m_lastServerMs = m_state->serverTimeMs();
      m_sinceServerTime.start();
    }
  });
}

qint64 CommandLauncher::serverNowMs() const {
  const qint64 base = m_state->serverTimeMs();
  if (base == 0 || !m_sinceServerTime.isValid())
    return base;
  return base + static_cast<qint64>(static_cast<double>(m_sinceServerTime.elapsed()) * m_state->timeScale());
}

CommandDialog *CommandLauncher::refuse(const QString &why) {
  emit refused(why);
  return nullptr;
}

CommandDialog *CommandLauncher::open(CommandKind kind, bool fullPromote, CommandDialog::Spec spec) {
  if (const QString why = m_gate->denial(kind, fullPromote); !why.isEmpty())
    return refuse(tr("%1: %2").arg(spec.title, why));
  if (m_current)
    m_current->reject(); // one command at a time: a second click replaces the first dialog
  spec.request.kind = kind;
  auto *dialog = new CommandDialog(std::move(spec), m_dialogParent);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowModality(Qt::WindowModal);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    const auto request = dialog->request();
    const QString key = m_commands->submit(request);
    emit submitted(key, request);
  });
  m_current = dialog;
  dialog->open();
  emit dialogOpened(dialog);
  return dialog;
}

void CommandLauncher::attachIncident(CommandDialog::Spec &spec, const QString &service) const {
  const IncidentRef incident = m_incidentFor && !service.isEmpty() ? m_incidentFor(service) : IncidentRef{};
  if (incident.id.isEmpty())
    return;
  spec.request.incidentId = incident.id;
  spec.sentence = [sentence = std::move(spec.sentence), title = incident.title](const CommandRequestValue &r) {
    return sentence(r) + tr(" Part of the open incident \"%1\".").arg(title);
  };
}

CommandDialog *CommandLauncher::rollback(const QString &deploymentId) {
  const auto d = m_state->deployment(deploymentId);
  if (!d)
    return refuse(tr("Roll back: no deployment %1 in the daemon's data").arg(deploymentId));
  CommandDialog::Spec spec;
  spec.title = tr("Roll back %1 %2").arg(d->service, d->version);
  spec.okText = tr("Roll back");
  spec.request.deploymentId = d->id;
  spec.sentence = [d = *d](const CommandRequestValue &) { return sentences::rollback(d); };
  // A deployment names one service in pxp.v1, so a rollback is never "more than one service".
  attachIncident(spec, d->service);
  return open(CommandKind::Rollback, false, std::move(spec));
}

CommandDialog *CommandLauncher::abortCanary(const QString &deploymentId) {
  const auto d = m_state->deployment(deploymentId);
  if (!d)
    return refuse(tr("Abort canary: no deployment %1 in the daemon's data").arg(deploymentId));
  CommandDialog::Spec spec;
  spec.title = tr("Abort the %1 canary %2").arg(d->service, d->version);
  spec.okText = tr("Abort canary");
  spec.request.deploymentId = d->id;
  spec.sentence = [d = *d](const CommandRequestValue &) { return sentences::abortCanary(d); };
  attachIncident(spec, d->service);
  return open(CommandKind::AbortCanary, false, std::move(spec));
}

CommandDialog *CommandLauncher::promote(const QString &deploymentId, bool full) {
  const auto d = m_state->deployment(deploymentId);
  if (!d)
    return refuse(tr("Promote: no deployment %1 in the daemon's data").arg(deploymentId));
  CommandDialog::Spec spec;
  spec.title = full ? tr("Promote %1 %2 to 100 %").arg(d->service, d->version)
                    : tr("Promote %1 %2 one step").arg(d->service, d->version);
  spec.okText = full ? tr("Promote fully") : tr("Promote step");
  spec.request.deploymentId = d->id;
  spec.request.full = full;
  spec.sentence = [d = *d, full](const CommandRequestValue &) { return sentences::promote(d, full); };
  if (full)
    spec.confirmName = d->service;
  attachIncident(spec, d->service);
  return open(CommandKind::PromoteCanary, full, std::move(spec));
}

CommandDialog *CommandLauncher::setKillSwitch(bool engage, const QString &scopeService) {
  const auto current = m_state->killSwitch();
  CommandDialog::Spec spec;
  spec.title = engage ? tr("Engage the kill switch") : tr("Release the kill switch");
  spec.okText = engage ? tr("Engage") : tr("Release");
  spec.request.engaged = engage;
  spec.request.scopeService = scopeService; // releasing names the scope it releases
  spec.sentence = [current, engage, scopeService](const CommandRequestValue &) {
    return sentences::killSwitch(current, engage, scopeService);
  };
  spec.confirmName = scopeService.isEmpty() ? tr("all services") : scopeService;
  return open(CommandKind::SetKillSwitch, false, std::move(spec));
}

CommandDialog *CommandLauncher::pausePolicy(const QString &policyId) {
  const auto p = m_state->policy(policyId);
  if (!p)
    return refuse(tr("Pause: no policy %1 in the daemon's data").arg(policyId));
  CommandDialog::Spec spec;
  spec.title = tr("Pause policy %1").arg(p->id);
  spec.okText = tr("Pause");
  spec.request.policyId = p->id;
  spec.request.overrideKind = QStringLiteral("pause");
  spec.askDuration = true;
  spec.sentence = [this, p = *p](const CommandRequestValue &r) {
    return sentences::pause(p, r.durationSeconds, serverNowMs() + r.durationSeconds * 1000);
  };
  return open(CommandKind::SetOverride, false, std::move(spec));
}

CommandDialog *CommandLauncher::forcePolicyOnce(const QString &policyId) {
  const auto p = m_state->policy(policyId);
  if (!p)
    return refuse(tr("Force once: no policy %1 in the daemon's data").arg(policyId));
  CommandDialog::Spec spec;
  spec.title = tr("Force policy %1 once").arg(p->id);
  spec.okText = tr("Force once");
  spec.request.policyId = p->id;
  spec.request.overrideKind = QStringLiteral("force");
  spec.sentence = [p = *p](const CommandRequestValue &) { return sentences::forceOnce(p); };
  return open(CommandKind::SetOverride, false, std::move(spec));
}

CommandDialog *CommandLauncher::clearOverride(const QString &overrideId) {
  const auto &overrides = m_state->overrides();
  const auto it = std::find_if(overrides.begin(), overrides.end(),
                               [&](const client::OverrideValue &o) { return o.id == overrideId; });
  if (it == overrides.end())
    return refuse(tr("Resume: override %1 is no longer active").arg(overrideId));
  CommandDialog::Spec spec;
  spec.title = tr("Resume policy %1").arg(it->policyId);
  spec.okText = it->pause ? tr("Resume") : tr("Cancel force once");
  spec.request.overrideId = it->id;
  spec.sentence = [this, o = *it](const CommandRequestValue &) { return sentences::resume(o, serverNowMs()); };
  return open(CommandKind::ClearOverride, false, std::move(spec));
}

CommandDialog *CommandLauncher::setFlag(const QString &flagKey, bool enabled) {
  const auto f = m_state->flag(flagKey);
  if (!f)
    return refuse(tr("Flag: no flag %1 in the daemon's data").arg(flagKey));
  CommandDialog::Spec spec;
  spec.title = enabled ? tr("Flag %1: on / rollout").arg(f->key) : tr("Turn flag %1 off").arg(f->key);
  spec.okText = enabled ? tr("Apply") : tr("Turn off");
  spec.request.flagKey = f->key;
  spec.request.enabled = enabled;
  spec.request.rolloutPercent = enabled ? (f->rolloutPercent > 0 ? f->rolloutPercent : 100) : -1;
  spec.askRollout = enabled;
  spec.sentence = [f = *f](const CommandRequestValue &r) { return sentences::setFlag(f, r.enabled, r.rolloutPercent); };
  attachIncident(spec, f->service);
  return open(CommandKind::SetFlag, false, std::move(spec));
}

} // namespace pxp::ui
