// Names and one-line descriptions of the command value types (CommandClient.h).
// Thread affinity: none (pure functions).
#include "pxp/client/CommandClient.h"

namespace pxp::client {

QString commandName(CommandKind kind) {
  switch (kind) {
  case CommandKind::SetOverride: return QStringLiteral("SetOverride");
  case CommandKind::ClearOverride: return QStringLiteral("ClearOverride");
  case CommandKind::SetKillSwitch: return QStringLiteral("SetKillSwitch");
  case CommandKind::Rollback: return QStringLiteral("Rollback");
  case CommandKind::AbortCanary: return QStringLiteral("AbortCanary");
  case CommandKind::PromoteCanary: return QStringLiteral("PromoteCanary");
  case CommandKind::SetFlag: return QStringLiteral("SetFlag");
  }
  return QStringLiteral("Unknown");
}

QString CommandRequestValue::describe() const {
  const QString name = commandName(kind);
  switch (kind) {
  case CommandKind::SetOverride:
    return overrideKind == QLatin1String("force")
               ? QStringLiteral("%1 %2: force once").arg(name, policyId)
               : QStringLiteral("%1 %2: pause for %3 s").arg(name, policyId).arg(durationSeconds);
  case CommandKind::ClearOverride: return name + QLatin1Char(' ') + overrideId;
  case CommandKind::SetKillSwitch:
    return QStringLiteral("%1 %2%3").arg(name, engaged ? QStringLiteral("on") : QStringLiteral("off"),
                                         scopeService.isEmpty() ? QStringLiteral(" (all services)")
                                                                : QStringLiteral(" for ") + scopeService);
  case CommandKind::Rollback:
  case CommandKind::AbortCanary: return name + QLatin1Char(' ') + deploymentId;
  case CommandKind::PromoteCanary:
    return QStringLiteral("%1 %2%3").arg(name, deploymentId,
                                         full ? QStringLiteral(" (full)") : QStringLiteral(" (next step)"));
  case CommandKind::SetFlag:
    return QStringLiteral("%1 %2 %3%4")
        .arg(name, flagKey, enabled ? QStringLiteral("on") : QStringLiteral("off"),
             rolloutPercent >= 0 ? QStringLiteral(" at %1%").arg(rolloutPercent) : QString());
  }
  return name;
}

QString commandStateName(CommandState state) {
  switch (state) {
  case CommandState::Pending: return QStringLiteral("pending");
  case CommandState::Succeeded: return QStringLiteral("succeeded");
  case CommandState::Failed: return QStringLiteral("failed");
  }
  return QStringLiteral("unknown");
}

QString commandFailureName(CommandFailure failure) {
  switch (failure) {
  case CommandFailure::None: return {};
  case CommandFailure::Refused: return QStringLiteral("refused");
  case CommandFailure::PermissionDenied: return QStringLiteral("permission denied");
  case CommandFailure::Unauthenticated: return QStringLiteral("unauthenticated");
  case CommandFailure::Unreachable: return QStringLiteral("unreachable");
  case CommandFailure::Journal: return QStringLiteral("journal");
  }
  return {};
}

} // namespace pxp::client
