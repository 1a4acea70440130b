#include "CommandSentences.h"

#include "pxp/models/Format.h"

#include <QObject>

#include <algorithm>

namespace pxp::ui::sentences {
namespace {

QString tr(const char *text) {
  return QObject::tr(text);
}

// "canary at 50 % weight", "rolling, 100 % of traffic"
QString exposure(const client::DeploymentValue &d) {
  if (d.strategy == QLatin1String("canary"))
    return tr("canary at %1 % weight").arg(d.weightPercent);
  return tr("%1, %2 % of traffic, %3").arg(d.strategy).arg(d.weightPercent).arg(d.status);
}

QString previousOrUnknown(const client::DeploymentValue &d) {
  return d.previousVersion.isEmpty() ? tr("the previous version") : d.previousVersion;
}

} // namespace

QString rollback(const client::DeploymentValue &d) {
  return tr("Roll back %1 from %2 (%3) to %4.").arg(d.service, d.version, exposure(d), previousOrUnknown(d));
}

QString abortCanary(const client::DeploymentValue &d) {
  return tr("Abort the %1 canary %2 (at %3 % weight): all traffic goes back to %4.")
      .arg(d.service, d.version)
      .arg(d.weightPercent)
      .arg(previousOrUnknown(d));
}

int nextStepPercent(const client::DeploymentValue &d) {
  for (int step : d.stepsPercent)
    if (step > d.weightPercent)
      return step;
  return 100;
}

QString promote(const client::DeploymentValue &d, bool full) {
  if (full)
    return tr("Promote the %1 canary %2 from %3 % straight to 100 % of traffic, replacing %4.")
        .arg(d.service, d.version)
        .arg(d.weightPercent)
        .arg(previousOrUnknown(d));
  return tr("Promote the %1 canary %2 from %3 % to %4 % weight.")
      .arg(d.service, d.version)
      .arg(d.weightPercent)
      .arg(nextStepPercent(d));
}

QString killSwitch(const client::KillSwitchValue &current, bool engage, const QString &scopeService) {
  const QString scope = scopeService.isEmpty() ? tr("all services") : scopeService;
  if (engage)
    return tr("Engage the automation kill switch for %1: no policy takes any action there until it is released.")
        .arg(scope);
  const auto *engaged = current.scope(scopeService);
  QStringList stillEngaged;
  for (const auto &s : current.scopes)
    if (s.service != scopeService)
      stillEngaged << (s.service.isEmpty() ? tr("all services") : s.service);
  const QString after = stillEngaged.isEmpty()
                            ? tr("automation acts again.")
                            : tr("automation acts again there; still engaged for %1.").arg(stillEngaged.join(", "));
  return tr("Release the kill switch that %1 engaged for %2 (\"%3\"): %4")
      .arg(engaged ? engaged->actor : tr("someone"), scope, engaged ? engaged->reason : QString(), after);
}

QString policyAction(const client::PolicyValue &p) {
  return p.actionTarget.isEmpty() ? p.action : p.action + QLatin1Char(' ') + p.actionTarget;
}

QString pause(const client::PolicyValue &p, qint64 durationSeconds, qint64 untilMs) {
  return tr("Pause policy %1 (%2) for %3: it takes no action until %4.")
      .arg(p.id, policyAction(p), models::format::duration(static_cast<double>(durationSeconds)),
           models::format::timeLocal(untilMs));
}

QString resume(const client::OverrideValue &o, qint64 serverNowMs) {
  const double leftSeconds = static_cast<double>(std::max<qint64>(0, o.expiresAtMs - serverNowMs)) / 1000.0;
  if (!o.pause)
    return tr("Cancel the force-once override of policy %1 that %2 set (\"%3\").").arg(o.policyId, o.actor, o.reason);
  return tr("Resume policy %1 now: clear the pause %2 set (\"%3\"), %4 before it expires.")
      .arg(o.policyId, o.actor, o.reason, models::format::duration(leftSeconds));
}

QString forceOnce(const client::PolicyValue &p) {
  return tr("Force policy %1 to take its action (%2) once at its next evaluation, whatever its condition says.")
      .arg(p.id, policyAction(p));
}

QString flagState(bool enabled, int rolloutPercent) {
  return enabled ? tr("on for %1 %").arg(rolloutPercent) : tr("off");
}

QString setFlag(const client::FlagValue &f, bool enabled, int rolloutPercent) {
  const QString now =
      f.enabled ? tr("now on for %1 % of %2 traffic").arg(f.rolloutPercent).arg(f.service) : tr("now off");
  if (!enabled)
    return tr("Turn flag %1 off (%2).").arg(f.key, now);
  const int percent = rolloutPercent >= 0 ? rolloutPercent : f.rolloutPercent;
  if (f.enabled && percent != f.rolloutPercent)
    return tr("Set flag %1 to %2 % rollout (%3).").arg(f.key).arg(percent).arg(now);
  return tr("Turn flag %1 on for %2 % of %3 traffic (%4).").arg(f.key).arg(percent).arg(f.service, now);
}

} // namespace pxp::ui::sentences
