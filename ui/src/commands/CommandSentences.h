#pragma once
// CommandSentences: the one sentence each command dialog opens with, saying what will happen
// in the daemon's own words (service, version, weight, policy action, who set an override).
// Pure functions over the live values; thread affinity: none.

#include "pxp/client/Values.h"

#include <QString>

namespace pxp::ui::sentences {

// "Roll back payments from v2.3.1 (canary at 50 % weight) to v2.3.0."
QString rollback(const client::DeploymentValue &d);
// "Abort the payments canary v2.3.1 (at 50 % weight): all traffic goes back to v2.3.0."
QString abortCanary(const client::DeploymentValue &d);
// "Promote the payments canary v2.3.1 from 50 % to 75 % weight." / "... straight to 100 % ..."
QString promote(const client::DeploymentValue &d, bool full);
// The weight the next planned step reaches (100 when no step is left).
int nextStepPercent(const client::DeploymentValue &d);

// "Engage the automation kill switch for all services: no policy takes any action until ..."
QString killSwitch(const client::KillSwitchValue &current, bool engage, const QString &scopeService);

// "Pause policy rollback-paging-canary (rollback payments) for 1 h: it takes no action until 14:05:00."
QString pause(const client::PolicyValue &p, qint64 durationSeconds, qint64 untilMs);
// "Resume policy X now: clear the pause demo-commander set (\"why\"), 42 m before it expires."
QString resume(const client::OverrideValue &o, qint64 serverNowMs);
// "Force policy X to take its action (rollback payments) once, at its next evaluation, ..."
QString forceOnce(const client::PolicyValue &p);

// "Turn flag checkout.new-payment-form off (now on for 50 % of payments traffic)."
QString setFlag(const client::FlagValue &f, bool enabled, int rolloutPercent);

// "on for 50 %" / "off"
QString flagState(bool enabled, int rolloutPercent);
// "rollback payments" / "notify"
QString policyAction(const client::PolicyValue &p);

} // namespace pxp::ui::sentences
